"""Who may use the local server: a per-launch token, its cookie, and the Host and Origin checks.

How a browser gets in (like Jupyter's server):
- the URL printed at launch carries `?token=<secret>`; opening it sets an HttpOnly, SameSite=Strict
  cookie and redirects (303) to the same address without the token, so the token never becomes an
  entry of the tab's history and the address bar never shows it;
- every later request (page, static file, recording, WebSocket) must carry that cookie; its name
  carries the port, since browsers share cookies between the ports of one host;
- a WebSocket upgrade must also come from the app's own origin (`Origin` header);
- anything else gets a short page in Indonesian and English, status 403, and never the app.

What is served behind the gate, and the headers every response carries, are in app/server.py.
"""

from __future__ import annotations

import html
import ipaddress
import secrets
from dataclasses import dataclass, field
from urllib.parse import urlencode

from starlette.requests import HTTPConnection, Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Receive, Scope, Send
from starlette.websockets import WebSocket, WebSocketClose

TOKEN_PARAM = "token"
COOKIE_PREFIX = "pijat_token_"
# Nothing the gate answers is kept by the browser: the refusal must not outlive a new launch.
NO_STORE = {"cache-control": "no-store"}

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


def refused() -> HTMLResponse:
    """The 403 page: plain HTML, no script, nothing loaded from anywhere."""
    sections = "".join(
        f'<section lang="{lang}"><h1>{html.escape(title)}</h1><p>{html.escape(body)}</p></section>'
        for lang, (title, body) in REFUSED_TEXT.items()
    )
    page = (
        '<!DOCTYPE html><html lang="id"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{html.escape(REFUSED_TITLE)}</title>"
        "<style>body{font-family:sans-serif;max-width:34em;margin:2em auto;padding:0 1em;line-height:1.5}"
        "h1{font-size:1.25em}section+section{border-top:1px solid #ccc;margin-top:1.5em}</style>"
        f"</head><body>{sections}</body></html>"
    )
    return HTMLResponse(page, status_code=403, headers=NO_STORE)


def is_loopback(host: str) -> bool:
    """True for `localhost` and loopback addresses (127.0.0.0/8, ::1)."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url_host(host: str) -> str:
    """The host to put in a URL for a bind address."""
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
        return self.url_at(self.host)

    def url_at(self, address: str) -> str:
        """The address to open, with the token, for the server reached at `address`."""
        return f"http://{url_host(address)}:{self.port}/?{TOKEN_PARAM}={self.token}"

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


def new_access(host: str, port: int, *, network: bool) -> Access:
    return Access(token=secrets.token_urlsafe(32), port=port, host=host, network=network)


class Gatekeeper:
    """ASGI middleware in front of the app (see the module docstring)."""

    def __init__(self, app: ASGIApp, access: Access) -> None:
        self.app = app
        self.access = access

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            answer = self._answer(Request(scope))
            if answer is None:
                await self.app(scope, receive, send)
            else:
                await answer(scope, receive, send)
        elif scope["type"] == "websocket":
            if self._websocket_ok(HTTPConnection(scope)):
                await self.app(scope, receive, send)
            elif "websocket.http.response" in scope.get("extensions", {}):
                await WebSocket(scope, receive, send).send_denial_response(refused())
            else:  # closing before accepting makes the server answer the upgrade with HTTP 403
                await WebSocketClose(code=1008)(scope, receive, send)
        else:  # lifespan: Flet's app manager starts and stops there
            await self.app(scope, receive, send)

    def _websocket_ok(self, connection: HTTPConnection) -> bool:
        host = connection.headers.get("host")
        return (
            self.access.host_ok(host)
            and self.access.origin_ok(connection.headers.get("origin"), host)
            and self.access.token_ok(connection.cookies.get(self.access.cookie_name))
        )

    def _answer(self, request: Request) -> Response | None:
        """The gate's own response (the refusal, or the cookie for the token), or None to let the
        request through to the app."""
        host = request.headers.get("host")
        origin = request.headers.get("origin")
        if not self.access.host_ok(host) or (origin is not None and not self.access.origin_ok(origin, host)):
            return refused()
        tokens = request.query_params.getlist(TOKEN_PARAM)
        if tokens:
            return self._let_in(request) if len(tokens) == 1 and self.access.token_ok(tokens[0]) else refused()
        if self.access.token_ok(request.cookies.get(self.access.cookie_name)):
            return None
        return refused()

    def _let_in(self, request: Request) -> Response:
        """Set the cookie and send the browser to the same address without the token."""
        rest = urlencode([(k, v) for k, v in request.query_params.multi_items() if k != TOKEN_PARAM])
        path = request.scope.get("raw_path") or request.scope["path"].encode()
        # One leading slash: "//host/..." would send the browser to another host.
        location = "/" + bytes(path).decode("latin-1").lstrip("/")
        if rest:
            location += "?" + rest
        response = RedirectResponse(location, status_code=303, headers=NO_STORE)
        response.set_cookie(self.access.cookie_name, self.access.token, path="/", httponly=True, samesite="strict")
        return response
