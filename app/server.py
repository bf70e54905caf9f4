"""Serve the app on this device only: Flet's FastAPI app behind a per-launch token, an Origin check on
the WebSocket and a Content-Security-Policy that keeps every request on the app's own origin.

Flet's own `ft.run(view=WEB_BROWSER)` accepts a WebSocket from any web page the user visits and
sends `Access-Control-Allow-Origin: *`; this module replaces it for `python -m app` (the packaged
build still goes through `main.py` and `ft.run`).

How a browser gets in (like Jupyter's server):
- the URL printed at launch carries `?token=<secret>`; opening it sets an HttpOnly, SameSite=Strict
  cookie and redirects to the same address without the token, so the token does not stay in history;
- every later request (page, static file, WebSocket) must carry that cookie;
- a WebSocket upgrade must also come from the app's own origin (`Origin` header);
- anything else gets a short page in Indonesian and English, status 403, and never the app.
"""

from __future__ import annotations

import html
import ipaddress
import os
import secrets
import socket
import threading
import webbrowser
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, urlencode

import flet as ft
import flet_web.fastapi
import uvicorn
from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.ui import lost_connection

TOKEN_PARAM = "token"
COOKIE_PREFIX = "pijat_token_"

# Every HTTP response carries these. CanvasKit needs 'wasm-unsafe-eval' (WebAssembly); Flet's
# index.html has inline scripts and Flutter sets inline styles, hence 'unsafe-inline' (no user text
# ever becomes HTML: Flutter paints on a canvas). 'self' in connect-src also covers the app's own
# ws:// origin; fonts, sounds and assets are fetched from it too. Checked in Chromium with every
# screen of the browser tests: no violation reported. No other host is allowed anywhere.
# Trusted Types go one step further for Flet's compiled-in Rive loader, which sets a <script> src
# to cdn.jsdelivr.net: a script address may only come from Flutter's own "flutter-js" policy or from
# the "default" policy that GUARD_SCRIPT adds to the page, which lets through only addresses on the
# app's own origin (wakelock_plus loads its no_sleep.js that way). The browser then refuses the CDN
# address before any request is even started.
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'none'",
        "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "worker-src 'self' blob:",
        "media-src 'self' blob: data:",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
        "frame-ancestors 'none'",
        "object-src 'none'",
        "require-trusted-types-for 'script'",
        "trusted-types flutter-js default",
    ]
)
# Put first in the <head> of every HTML page of the app (see CONTENT_SECURITY_POLICY).
GUARD_SCRIPT = b"""<script>
if (window.trustedTypes && trustedTypes.createPolicy) {
  trustedTypes.createPolicy("default", {
    createScriptURL: (url) => new URL(url, document.baseURI).origin === location.origin ? url : null,
    createHTML: (markup) => markup,
  });
}
</script>"""
SECURITY_HEADERS = {
    "content-security-policy": CONTENT_SECURITY_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
}

# The refusal page, in Indonesian and English. It is served before any browser session (and so
# before any language choice) exists, which is why both languages are shown at once and the text
# lives here as constants rather than in the gettext catalogs.
REFUSED_TITLE = "Pijat Oksitosin"
REFUSED_TEXT = {
    "id": (
        "Alamat ini tidak membuka aplikasi.",
        "Buka Pijat Oksitosin dari alamat lengkap (dengan ?token=...) yang ditampilkan saat aplikasi "
        "dijalankan. Demi menjaga catatan Anda tetap pribadi, aplikasi hanya terbuka dari alamat itu, "
        "dan alamatnya berganti setiap kali aplikasi dijalankan.",
    ),
    "en": (
        "This address does not open the app.",
        "Open Pijat Oksitosin from the full address (with ?token=...) that it printed when it "
        "started. To keep your diary private, the app only opens from that address, and the address "
        "changes every time the app starts.",
    ),
}


def refused_page() -> bytes:
    """The 403 page: plain HTML, no script, nothing loaded from anywhere."""
    sections = "".join(
        f'<section lang="{lang}"><h1>{html.escape(title)}</h1><p>{html.escape(body)}</p></section>'
        for lang, (title, body) in REFUSED_TEXT.items()
    )
    return (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(REFUSED_TITLE)}</title>"
        "<style>body{font-family:sans-serif;max-width:34em;margin:2em auto;padding:0 1em;line-height:1.5}"
        "h1{font-size:1.25em}section+section{border-top:1px solid #ccc;margin-top:1.5em}</style>"
        f"</head><body>{sections}</body></html>"
    ).encode()


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """The host to put in the printed URL for a bind address."""
    if host in ("", "0.0.0.0"):
        return "127.0.0.1"
    if host == "::":
        return "[::1]"
    if ":" in host and not host.startswith("["):
        return f"[{host}]"
    return host


@dataclass(frozen=True)
class Access:
    """Who may use the server started with these settings."""

    token: str
    port: int
    host: str = "127.0.0.1"
    # True only with --allow-network: then the Host header is not checked (a phone on the network
    # uses the computer's address) and an Origin naming that Host counts as the app's own.
    network: bool = False
    hosts: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        names = {"127.0.0.1", "localhost", "[::1]", url_host(self.host)}
        object.__setattr__(self, "hosts", frozenset(f"{n}:{self.port}".lower() for n in names))

    @property
    def cookie_name(self) -> str:
        # Cookies are not separated by port: one name per port keeps two servers apart.
        return f"{COOKIE_PREFIX}{self.port}"

    @property
    def url(self) -> str:
        return f"http://{url_host(self.host)}:{self.port}/?{TOKEN_PARAM}={self.token}"

    def token_ok(self, candidate: str | None) -> bool:
        return candidate is not None and secrets.compare_digest(candidate.encode(), self.token.encode())

    def host_ok(self, host_header: str | None) -> bool:
        return self.network or (host_header or "").lower() in self.hosts

    def origin_ok(self, origin: str | None, host_header: str | None) -> bool:
        if origin is None:
            return False
        allowed = {f"http://{h}" for h in self.hosts}
        if self.network and host_header:
            allowed.add(f"http://{host_header.lower()}")
        return origin.lower() in allowed


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None


def _cookie(scope: Scope, name: str) -> str | None:
    # Starlette's lenient parser: other local apps' odd cookies (all of 127.0.0.1 shares one jar)
    # must not hide ours, as they can with http.cookies.
    for key, value in scope.get("headers", []):
        if key == b"cookie":
            found = cookie_parser(value.decode("latin-1")).get(name)
            if found is not None:
                return found
    return None


class Gatekeeper:
    """ASGI middleware in front of Flet's FastAPI app (see the module docstring)."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            await self._http(scope, receive, send)
        elif scope["type"] == "websocket":
            await self._websocket(scope, receive, send)
        else:  # lifespan: Flet's app manager starts and stops there
            await self.app(scope, receive, send)

    async def _websocket(self, scope: Scope, receive: Receive, send: Send) -> None:
        host = _header(scope, b"host")
        if (
            self.access.host_ok(host)
            and self.access.origin_ok(_header(scope, b"origin"), host)
            and self.access.token_ok(_cookie(scope, self.access.cookie_name))
        ):
            await self.app(scope, receive, _dropping_sends_after_disconnect(send))
            return
        await receive()  # websocket.connect
        # Closing before accepting makes the server answer the upgrade with HTTP 403.
        await send({"type": "websocket.close", "code": 1008})

    async def _http(self, scope: Scope, receive: Receive, send: Send) -> None:
        secured = _with_security_headers(send)
        host = _header(scope, b"host")
        origin = _header(scope, b"origin")
        query = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        tokens = [v for k, v in query if k == TOKEN_PARAM]
        if not self.access.host_ok(host) or (origin is not None and not self.access.origin_ok(origin, host)):
            await _respond(secured, 403, [(b"content-type", b"text/html; charset=utf-8")], refused_page())
        elif tokens:
            if len(tokens) == 1 and self.access.token_ok(tokens[0]):
                await self._let_in(scope, query, secured)
            else:
                await _respond(secured, 403, [(b"content-type", b"text/html; charset=utf-8")], refused_page())
        elif self.access.token_ok(_cookie(scope, self.access.cookie_name)):
            await self.app(scope, receive, _with_guard_script(secured))
        else:
            await _respond(secured, 403, [(b"content-type", b"text/html; charset=utf-8")], refused_page())

    async def _let_in(self, scope: Scope, query: list[tuple[str, str]], send: Send) -> None:
        """Set the cookie and send the browser to the same address without the token."""
        rest = urlencode([(k, v) for k, v in query if k != TOKEN_PARAM])
        path = scope.get("raw_path") or scope["path"].encode()
        # One leading slash: "//host/..." would send the browser to another host.
        location = "/" + bytes(path).decode("latin-1").lstrip("/")
        if rest:
            location += "?" + rest
        cookie = f"{self.access.cookie_name}={self.access.token}; Path=/; HttpOnly; SameSite=Strict"
        await _respond(
            send, 303, [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode("latin-1"))], b""
        )


def _dropping_sends_after_disconnect(send: Send) -> Send:
    """Drop a message sent after the browser went away instead of raising.

    Flet 1.0.5's send loop (flet_web/fastapi/flet_app.py) lets that error escape, and then never
    marks the session disconnected: a reload during a massage (the countdown sends every second)
    then finds its session still "connected" and starts a new one instead of reattaching. The
    receive side still sees the disconnect and ends the connection the normal way.
    """

    async def wrapped(message: Message) -> None:
        try:
            await send(message)
        except OSError:  # uvicorn's ClientDisconnected
            if message["type"] != "websocket.send":
                raise

    return wrapped


def _with_security_headers(send: Send) -> Send:
    async def wrapped(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            # Flet sends `Access-Control-Allow-Origin: *`: no other site may read these responses.
            del headers["access-control-allow-origin"]
            for name, value in SECURITY_HEADERS.items():
                headers[name] = value
        await send(message)

    return wrapped


def _with_guard_script(send: Send) -> Send:
    """Insert GUARD_SCRIPT (and the app's own "connection lost" message, app/ui/lost_connection.py)
    at the start of <head> of HTML responses (Flet's index.html)."""
    start: Message | None = None
    chunks: list[bytes] = []

    async def wrapped(message: Message) -> None:
        nonlocal start
        if message["type"] == "http.response.start":
            content_type = MutableHeaders(scope=message).get("content-type", "")
            if content_type.startswith("text/html") and message.get("status") == 200:
                start = message  # held back until the whole body is here
                return
        elif message["type"] == "http.response.body" and start is not None:
            chunks.append(message.get("body", b""))
            if message.get("more_body", False):
                return
            body = b"".join(chunks)
            head = body.find(b"<head>")
            if head >= 0:
                body = body[: head + 6] + GUARD_SCRIPT + lost_connection.script() + body[head + 6 :]
            headers = MutableHeaders(scope=start)
            headers["content-length"] = str(len(body))
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        await send(message)

    return wrapped


async def _respond(send: Send, status: int, headers: Iterable[tuple[bytes, bytes]], body: bytes) -> None:
    raw = [*headers, (b"cache-control", b"no-store"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": raw})
    await send({"type": "http.response.body", "body": body})


class OwnVoiceFiles:
    """Serves the midwife's recordings (`/own-voice/<clip>.wav`) from the data folder; everything else
    goes to Flet. It sits behind the Gatekeeper, so only the browser holding this launch's cookie gets
    them; the name must be a known prompt's, so no other file of the folder can be asked for."""

    def __init__(self, app: ASGIApp, folder: Path | None) -> None:
        self.app = app
        self.folder = folder

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        from app.services.own_voice import URL_PREFIX, OwnVoice, clip_from_name

        path = scope.get("path", "") if scope["type"] == "http" else ""
        if not path.startswith(URL_PREFIX):
            await self.app(scope, receive, send)
            return
        clip = clip_from_name(path[len(URL_PREFIX) :])
        try:
            body = OwnVoice(self.folder).path(clip).read_bytes() if clip and self.folder else None
        except OSError:
            body = None
        if body is None:
            await _respond(send, 404, [(b"content-type", b"text/plain")], b"not found")
            return
        await _respond(send, 200, [(b"content-type", b"audio/wav")], body)


def build_app(
    main: Callable[[ft.Page], Awaitable[None]], access: Access, assets_dir: str, own_voice: Path | None = None
) -> Gatekeeper:
    """Flet's FastAPI app for `main`, served offline (no CDN), behind the gatekeeper, with the
    midwife's recordings from `own_voice` (default: beside the database named by PIJAT_DB_PATH)."""
    flet_app = flet_web.fastapi.app(
        main,
        assets_dir=assets_dir,
        no_cdn=True,
        # CanvasKit: the automatic choice renders nothing in headless Chromium (tests, screenshots).
        web_renderer=ft.WebRenderer.CANVAS_KIT,
    )
    if own_voice is None and os.environ.get("PIJAT_DB_PATH"):
        from app.services.own_voice import folder_for

        own_voice = folder_for(Path(os.environ["PIJAT_DB_PATH"]))
    return Gatekeeper(OwnVoiceFiles(flet_app, own_voice), access)


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); raises OSError when it cannot."""
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    return socket.create_server(address[:2], family=family)


class _Server(uvicorn.Server):
    """Uvicorn that calls `on_ready` once it is listening (so the printed URL already works)."""

    def __init__(self, config: uvicorn.Config, on_ready: Callable[[], None]) -> None:
        super().__init__(config)
        self._on_ready = on_ready

    async def startup(self, sockets: list[socket.socket] | None = None) -> None:
        await super().startup(sockets=sockets)
        if self.started:
            self._on_ready()


def serve(
    main: Callable[[ft.Page], Awaitable[None]],
    *,
    sock: socket.socket,
    access: Access,
    assets_dir: str,
    on_ready: Callable[[], None],
) -> None:
    """Serve until interrupted (Ctrl+C or SIGTERM)."""
    config = uvicorn.Config(
        build_app(main, access, assets_dir),
        log_level="warning",
        access_log=False,  # the first request's URL carries the token
        ws="websockets-sansio",
        timeout_graceful_shutdown=5,
    )
    _Server(config, on_ready).run(sockets=[sock])


def open_browser(url: str) -> None:
    """Open the URL without blocking the server (a console browser would otherwise hold it)."""
    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()


def new_access(host: str, port: int, *, network: bool) -> Access:
    return Access(token=secrets.token_urlsafe(32), port=port, host=host, network=network)
