"""Serve the app on this device only: Flet's FastAPI app behind the per-launch token gate
(app/gate.py), with a Content-Security-Policy and resource headers that keep every request on the
app's own origin.

Flet's own `ft.run(view=WEB_BROWSER)` accepts a WebSocket from any web page the user visits and
sends `Access-Control-Allow-Origin: *`; this module replaces it for `python -m app` (the packaged
build still goes through `main.py` and `ft.run`).

The layers, outermost first (see `build_app`): SecurityHeaders (every response), Gatekeeper (who
gets in), FletFixes (the guard script in Flet's page, a WebSocket that outlives its browser),
OwnVoiceFiles (the midwife's recordings), then Flet's own app. Below them: listening (`bind`,
`reachable_addresses`) and running uvicorn (`serve`).
"""

from __future__ import annotations

import ipaddress
import os
import secrets
import socket
import sys
import threading
import webbrowser
from collections.abc import Awaitable, Callable
from contextlib import suppress
from pathlib import Path

import flet as ft
import flet_web.fastapi
import uvicorn
from starlette.datastructures import MutableHeaders
from starlette.responses import PlainTextResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.config import MAX_BACKUP_BYTES, clear_uploads, uploads_dir
from app.gate import NO_STORE, Access, Gatekeeper
from app.ui import lost_connection

# Flet's endpoint for uploads (a page-relative address it signs: `upload?f=...&e=...&s=...`).
UPLOAD_PATH = "upload"

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
    # Only the app's own pages may load its responses: another page on this computer (another
    # port is another origin) cannot play the midwife's recordings with <audio>, or fetch them.
    "cross-origin-resource-policy": "same-origin",
}


class SecurityHeaders:
    """Puts SECURITY_HEADERS on every response, the gate's refusals included, and takes off
    Flet's `Access-Control-Allow-Origin: *`: no other site may read these responses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def secured(message: Message) -> None:
            if message["type"] in ("http.response.start", "websocket.http.response.start"):
                headers = MutableHeaders(scope=message)
                del headers["access-control-allow-origin"]
                for name, value in SECURITY_HEADERS.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, secured if scope["type"] in ("http", "websocket") else send)


class FletFixes:
    """Flet's app as served here: its HTML page gets GUARD_SCRIPT, and its WebSocket survives
    the browser going away (see the two wrappers below)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http":
            send = _with_guard_script(send)
        elif scope["type"] == "websocket":
            send = _dropping_sends_after_disconnect(send)
        await self.app(scope, receive, send)


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


# A browser fetches the page's web app manifest without cookies unless the link asks for them, and
# the gate (app/gate.py) refuses a request without its cookie: a phone's browser would get a 403 for
# it (and could not add the app to the home screen).
MANIFEST_LINK = b'<link rel="manifest" href="manifest.json">'
MANIFEST_LINK_WITH_COOKIE = b'<link rel="manifest" href="manifest.json" crossorigin="use-credentials">'


def _with_guard_script(send: Send) -> Send:
    """Insert GUARD_SCRIPT (and the app's own "connection lost" message, app/ui/lost_connection.py)
    at the start of <head> of HTML responses (Flet's index.html), and have the manifest's link send
    the cookie."""
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
            body = body.replace(MANIFEST_LINK, MANIFEST_LINK_WITH_COOKIE)
            headers = MutableHeaders(scope=start)
            headers["content-length"] = str(len(body))
            await send(start)
            await send({"type": "http.response.body", "body": body})
            return
        await send(message)

    return wrapped


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
        response: Response
        if body is None:
            response = PlainTextResponse("not found", status_code=404, headers=NO_STORE)
        else:
            response = Response(body, media_type="audio/wav", headers=NO_STORE)
        await response(scope, receive, send)


def build_app(
    main: Callable[[ft.Page], Awaitable[None]],
    access: Access,
    assets_dir: str,
    own_voice: Path | None = None,
    uploads: Path | None = None,
) -> ASGIApp:
    """Flet's FastAPI app for `main`, served offline (no CDN), behind the gatekeeper, with the
    midwife's recordings from `own_voice` and uploads into `uploads` (defaults: beside the database
    named by PIJAT_DB_PATH).

    A backup picked in the browser comes in through Flet's upload endpoint (a signed PUT, behind
    the gate like every path), not as bytes in a WebSocket message: uvicorn closes the connection
    on a message over 16 MiB, and the app accepts backups up to MAX_BACKUP_BYTES."""
    database = os.environ.get("PIJAT_DB_PATH")
    if own_voice is None and database:
        from app.services.own_voice import folder_for

        own_voice = folder_for(Path(database))
    if uploads is None and database:
        uploads = uploads_dir(Path(database))
    max_upload = None
    if uploads is not None:
        clear_uploads(uploads)  # without the store (sqlite-utils): the first page is not kept waiting
        max_upload = MAX_BACKUP_BYTES + 1  # one byte over: "too large", not cut
    flet_app = flet_web.fastapi.app(
        main,
        assets_dir=assets_dir,
        no_cdn=True,
        # CanvasKit: the automatic choice renders nothing in headless Chromium (tests, screenshots).
        web_renderer=ft.WebRenderer.CANVAS_KIT,
        upload_dir=str(uploads) if uploads else None,
        upload_endpoint_path=UPLOAD_PATH if uploads else None,
        max_upload_size=max_upload,
        secret_key=secrets.token_urlsafe(32),  # signs the upload addresses of this run only
    )
    return SecurityHeaders(Gatekeeper(OwnVoiceFiles(FletFixes(flet_app), own_voice), access))


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port); raises OSError when it cannot."""
    family, _, _, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)[0]
    return socket.create_server(address[:2], family=family)


def reachable_addresses(sock: socket.socket) -> list[str]:
    """The addresses other devices can reach a listening socket at: its own address, or for
    0.0.0.0 and :: those of every network interface of this computer (loopback and link-local
    left out; an IPv6 socket takes IPv4 too unless it is IPv6-only)."""
    address = ipaddress.ip_address(sock.getsockname()[0])
    if not address.is_unspecified:
        candidates = {address}
    else:
        candidates = {ipaddress.ip_address(a.split("%")[0]) for a in _interface_addresses()}
        versions = {address.version}
        if address.version == 6 and not sock.getsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY):
            versions.add(4)
        candidates = {a for a in candidates if a.version in versions}
    usable = [a for a in candidates if not (a.is_loopback or a.is_link_local or a.is_unspecified or a.is_multicast)]
    return [str(a) for a in sorted(usable, key=lambda a: (a.version, a))]


def _interface_addresses() -> set[str]:
    found: set[str] = set()
    if sys.platform.startswith("linux"):
        import fcntl
        import struct

        # Each interface's IPv4 address (SIOCGIFADDR), and the IPv6 ones the kernel lists.
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            for _, name in socket.if_nameindex():
                try:
                    answer = fcntl.ioctl(probe.fileno(), 0x8915, struct.pack("256s", name.encode()[:15]))
                except OSError:  # no IPv4 address (or the interface is down)
                    continue
                found.add(socket.inet_ntoa(answer[20:24]))
        try:
            lines = Path("/proc/net/if_inet6").read_text().splitlines()
        except OSError:
            lines = []
        found.update(str(ipaddress.IPv6Address(bytes.fromhex(line.split()[0]))) for line in lines if line.strip())
    # Elsewhere, and as well: the host name's addresses, and the one each family's route leaves
    # from (connecting a UDP socket sends nothing).
    with suppress(OSError):
        found.update(str(info[4][0]) for info in socket.getaddrinfo(socket.gethostname(), None))
    for family, documentation_address in ((socket.AF_INET, "192.0.2.1"), (socket.AF_INET6, "2001:db8::1")):
        with suppress(OSError), socket.socket(family, socket.SOCK_DGRAM) as probe:
            probe.connect((documentation_address, 9))
            found.add(str(probe.getsockname()[0]))
    return found


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
    """Serve until interrupted: Ctrl+C returns, quietly; SIGTERM ends the process."""
    config = uvicorn.Config(
        build_app(main, access, assets_dir),
        log_level="warning",
        access_log=False,  # the first request's URL carries the token
        ws="websockets-sansio",
        timeout_graceful_shutdown=5,
    )
    # Ctrl+C: uvicorn shuts down gracefully (connections closed, Flet's sessions told), then
    # raises it again for its caller; nobody here needs that traceback.
    with suppress(KeyboardInterrupt):
        _Server(config, on_ready).run(sockets=[sock])


def open_browser(url: str) -> None:
    """Open the URL without blocking the server (a console browser would otherwise hold it)."""
    threading.Thread(target=webbrowser.open, args=(url,), daemon=True).start()
