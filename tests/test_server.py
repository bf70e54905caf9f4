"""The local server lets in only the browser that opened the printed URL (issue 6).

A real `python -m app` process on a free loopback port; plain HTTP with http.client and WebSocket
upgrades with the `websockets` client (a dependency of flet-web).
"""

from __future__ import annotations

import http.client
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from websockets.exceptions import InvalidStatus
from websockets.sync.client import connect
from websockets.typing import Origin

from app.gate import REFUSED_TEXT, is_loopback
from app.server import CONTENT_SECURITY_POLICY, GUARD_SCRIPT
from tests.app_server import ROOT, AppServer, start_app


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[AppServer]:
    srv = start_app(tmp_path_factory.mktemp("appdata"))
    yield srv
    srv.stop()


def get(server: AppServer, target: str, headers: dict[str, str] | None = None) -> http.client.HTTPResponse:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", target, headers=headers or {})
    response = conn.getresponse()
    response.read()  # so the body is there and the connection can close
    conn.close()
    return response


def get_body(server: AppServer, target: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    conn = http.client.HTTPConnection("127.0.0.1", server.port, timeout=10)
    conn.request("GET", target, headers=headers or {})
    response = conn.getresponse()
    body = response.read().decode("utf-8", "replace")
    conn.close()
    return response.status, body


def with_cookie(server: AppServer, value: str | None = None) -> dict[str, str]:
    return {"Cookie": f"{server.cookie_name}={server.token if value is None else value}"}


# --- the printed URL -------------------------------------------------------------------------


def test_the_printed_url_is_loopback_with_a_long_token(server: AppServer) -> None:
    assert server.login_url.startswith(f"http://127.0.0.1:{server.port}/?token=")
    assert len(server.token) >= 32


@pytest.mark.parametrize(
    "target",
    [
        "/",  # the app's page
        "/report?day=2026-01-02",  # a route of the app
        "/main.dart.js",  # a static file of Flet's web client
        "/manifest.json",  # another static file
    ],
)
def test_without_token_or_cookie_a_request_gets_the_403_page_in_both_languages(server: AppServer, target: str) -> None:
    status, body = get_body(server, target)
    assert status == 403
    for title, text in REFUSED_TEXT.values():
        assert title in body and text.split(" (")[0] in body
    assert "flutter" not in body.lower()  # not the app


@pytest.mark.parametrize(
    "target",
    [
        "/?token=wrong",  # a made-up token
        "/?token=",  # an empty one
    ],
)
def test_a_wrong_token_gets_the_403_page_and_no_cookie(server: AppServer, target: str) -> None:
    response = get(server, target)
    assert response.status == 403
    assert response.getheader("Set-Cookie") is None


def test_a_token_from_the_url_and_a_valid_token_in_a_second_one_still_is_refused(server: AppServer) -> None:
    response = get(server, f"/?token=wrong&token={server.token}")
    assert response.status == 403


@pytest.mark.parametrize(
    "target, location",
    [
        ("/", "/"),  # the printed URL itself
        ("/report?day=2026-01-02", "/report?day=2026-01-02"),  # a route with its own query stays as it was
        ("//evil.example/x", "/evil.example/x"),  # "//host" would leave the app: it stays a path on it
    ],
)
def test_the_token_sets_a_strict_httponly_cookie_and_redirects_without_it(
    server: AppServer, target: str, location: str
) -> None:
    response = get(server, f"{target}{'&' if '?' in target else '?'}token={server.token}")
    assert response.status == 303
    assert response.getheader("Location") == location
    cookie = response.getheader("Set-Cookie") or ""
    assert cookie.startswith(f"{server.cookie_name}={server.token};")
    attributes = {part.strip().lower() for part in cookie.split(";")[1:]}
    assert {"httponly", "samesite=strict", "path=/"} <= attributes


@pytest.mark.parametrize(
    "target",
    [
        "/",  # the page
        "/main.dart.js",  # a static file
    ],
)
def test_with_the_cookie_the_app_is_served(server: AppServer, target: str) -> None:
    assert get(server, target, with_cookie(server)).status == 200


@pytest.mark.parametrize(
    "target",
    [
        "/",  # the page
        "/report?day=2026-01-02",  # a route: the same page
    ],
)
def test_the_app_page_sets_its_trusted_types_guard_before_any_other_script(server: AppServer, target: str) -> None:
    status, body = get_body(server, target, with_cookie(server))
    assert status == 200
    head = body[body.index("<head>") + len("<head>") :]
    assert head.startswith(GUARD_SCRIPT.decode())
    assert body.count('createPolicy("default"') == 1


def test_the_app_page_carries_its_own_connection_lost_message_in_both_languages(server: AppServer) -> None:
    """Flet's own words for a lost connection are an English "Working...": the page has the app's."""
    from app.ui import lost_connection

    status, body = get_body(server, "/", with_cookie(server))
    assert status == 200
    head = body[body.index("<head>") : body.index("</head>")]
    assert lost_connection.script().decode() in head
    assert "Sambungan ke aplikasi terputus" in head and "Connection to the app lost" in head


def test_the_app_page_asks_for_its_manifest_with_the_cookie(server: AppServer) -> None:
    """Without `use-credentials` a browser fetches the manifest without the cookie and the gate
    refuses it (a 403 in a phone's browser, seen in a browser profile that is not incognito)."""
    status, body = get_body(server, "/", with_cookie(server))
    assert status == 200
    links = [line.strip() for line in body.splitlines() if 'rel="manifest"' in line]
    assert links == ['<link rel="manifest" href="manifest.json" crossorigin="use-credentials">']
    assert get(server, "/manifest.json", with_cookie(server)).status == 200
    assert get(server, "/manifest.json", {}).status == 403  # still behind the gate


def test_the_cookie_counts_among_other_local_apps_odd_cookies(server: AppServer) -> None:
    # Every server on 127.0.0.1 shares the browser's cookies for it, whatever their port.
    headers = {"Cookie": f'other="a\\"b; x=[1,2]; {server.cookie_name}={server.token}; y=z'}
    assert get(server, "/", headers).status == 200


def test_a_wrong_cookie_gets_the_403_page(server: AppServer) -> None:
    assert get(server, "/", with_cookie(server, "not-the-token")).status == 403


def test_a_request_for_another_host_name_is_refused_even_with_the_cookie(server: AppServer) -> None:
    # DNS rebinding: a foreign name pointed at 127.0.0.1 sends its own name in Host.
    headers = {**with_cookie(server), "Host": f"evil.example:{server.port}"}
    assert get(server, "/", headers).status == 403


def test_a_request_from_a_foreign_origin_is_refused_even_with_the_cookie(server: AppServer) -> None:
    headers = {**with_cookie(server), "Origin": "http://evil.example"}
    assert get(server, "/main.dart.js", headers).status == 403


# --- headers on every response ----------------------------------------------------------------

RESPONSES = [
    ("/", False),  # the 403 page
    ("/?token=TOKEN", False),  # the redirect that sets the cookie
    ("/", True),  # the app's page
    ("/main.dart.js", True),  # a static file (Flet adds `Access-Control-Allow-Origin: *` to these)
    ("/own-voice/halfway.wav", True),  # a recording not made: the 404 (tests/test_own_voice.py serves one)
]


@pytest.mark.parametrize("target, cookie", RESPONSES)
def test_every_response_carries_the_content_security_policy(server: AppServer, target: str, cookie: bool) -> None:
    response = get(server, target.replace("TOKEN", server.token), with_cookie(server) if cookie else None)
    assert response.getheader("Content-Security-Policy") == CONTENT_SECURITY_POLICY


@pytest.mark.parametrize("target, cookie", RESPONSES)
def test_every_response_forbids_sniffing_referrers_and_other_origins(
    server: AppServer, target: str, cookie: bool
) -> None:
    response = get(server, target.replace("TOKEN", server.token), with_cookie(server) if cookie else None)
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Referrer-Policy") == "no-referrer"
    # Another page (another port is another origin) may not load it as a sound, image or script.
    assert response.getheader("Cross-Origin-Resource-Policy") == "same-origin"


@pytest.mark.parametrize("target, cookie", RESPONSES)
def test_no_response_lets_other_sites_read_it(server: AppServer, target: str, cookie: bool) -> None:
    response = get(server, target.replace("TOKEN", server.token), with_cookie(server) if cookie else None)
    assert response.getheader("Access-Control-Allow-Origin") is None


def test_the_policy_allows_no_other_host() -> None:
    sources = CONTENT_SECURITY_POLICY.replace(";", " ").split()
    assert not [s for s in sources if "://" in s or s.endswith(":") and s not in ("data:", "blob:")]


# --- the WebSocket ----------------------------------------------------------------------------

OWN = "http://127.0.0.1:{port}"
WEBSOCKET_CASES = [
    # origin, cookie (None: none; "ok": the right one; else that value), let in?
    ("http://evil.example", "ok", False),  # a foreign page the user visits, even holding the cookie
    ("http://127.0.0.1:1", "ok", False),  # another local server on another port
    (None, "ok", False),  # no Origin at all (not a browser page)
    (OWN, None, False),  # own origin, no cookie
    (OWN, "not-the-token", False),  # own origin, wrong cookie
    ("http://evil.example", None, False),  # the attack as issue 6 describes it
    (OWN, "ok", True),  # the app's own page
    ("http://localhost:{port}", "ok", True),  # the same server under its other loopback name
]


def open_websocket(server: AppServer, origin: str | None, cookie: str | None) -> None:
    headers = {}
    if cookie is not None:
        headers.update(with_cookie(server, None if cookie == "ok" else cookie))
    with connect(
        f"ws://127.0.0.1:{server.port}/ws",
        origin=Origin(origin.format(port=server.port)) if origin else None,
        additional_headers=headers,
        open_timeout=10,
    ):
        pass


@pytest.mark.parametrize("origin, cookie, let_in", WEBSOCKET_CASES)
def test_the_websocket_opens_only_for_the_own_origin_with_the_cookie(
    server: AppServer, origin: str | None, cookie: str | None, let_in: bool
) -> None:
    if let_in:
        open_websocket(server, origin, cookie)
    else:
        with pytest.raises(InvalidStatus) as refused:
            open_websocket(server, origin, cookie)
        assert refused.value.response.status_code == 403


# --- who can reach it -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "host",
    [
        "0.0.0.0",  # every interface
        "::",  # every IPv6 interface
        "192.168.1.10",  # one LAN address
        "pijat.example",  # a name (not known to be loopback)
    ],
)
def test_a_non_loopback_host_without_allow_network_exits_with_a_message(host: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "app", "--host", host, "--port", "0", "--data-dir", str(tmp_path), "--no-browser"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "--allow-network" in done.stderr
    assert "Pijat Oksitosin: http" not in done.stdout


def test_with_allow_network_it_warns_and_still_requires_the_token(tmp_path: Path) -> None:
    srv = start_app(tmp_path, "--host", "0.0.0.0", "--allow-network")
    try:
        status = get(srv, "/").status
        own_page = get(srv, "/", with_cookie(srv)).status
    finally:
        srv.stop()
    assert (status, own_page) == (403, 200)
    assert "WARNING" in (tmp_path / "server.log").read_text()


@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),  # the default
        ("127.0.0.2", True),  # all of 127.0.0.0/8 is loopback
        ("localhost", True),  # the name
        ("::1", True),  # IPv6 loopback
        ("0.0.0.0", False),  # every interface
        ("10.0.0.5", False),  # a private network address
        ("example.com", False),  # any other name
    ],
)
def test_which_hosts_count_as_this_device_only(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback
