"""Files in and out for one visitor: a file the app made goes to the phone's share sheet (Android,
iOS) or is downloaded (in a browser); a backup to restore is picked with the system's file picker.

Both are Flet services of the visitor's page (created with it, like the sound players).

In a browser, the picked file is uploaded to the app's own server (a signed HTTP PUT behind the
gate, into a private folder beside the diary), read, and removed: its bytes never travel in a
WebSocket message, which uvicorn caps at 16 MiB while a backup may be up to 32 MiB. On a phone or a
desktop the picker reads the file itself.
"""

from __future__ import annotations

import asyncio
import logging
import secrets
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

import flet as ft

from app.config import MAX_BACKUP_BYTES

log = logging.getLogger(__name__)

# A backup larger than this is refused anyway; nothing larger is read.
PICK_LIMIT_BYTES = MAX_BACKUP_BYTES
# How long an upload address stays valid, and how long the app waits for the upload to end: a
# phone on a slow Wi-Fi sends 32 MiB in well under this.
UPLOAD_WAIT_S = 600


@dataclass(frozen=True)
class Picked:
    data: bytes
    too_large: bool = False
    failed: bool = False  # the file could not be brought in (the upload broke off): nothing read


class Files:
    def __init__(self, page: ft.Page | None, uploads: Path | None = None) -> None:
        self.page = page
        self.uploads = uploads
        self.picker = ft.FilePicker(on_upload=self._on_upload)
        self.share = ft.Share()
        # A second reference to each service: Flet 1.0.5 drops from the page, after every event, a
        # service the app holds only once (see Devices).
        self._alive = [self.picker, self.share]
        self._waiting: dict[str, tuple[asyncio.Future[str | None], Callable[[float], None] | None]] = {}

    def _on_phone(self) -> bool:
        page = self.page
        return page is not None and not page.web and page.platform is not None and page.platform.is_mobile()

    def _uploads_on(self) -> bool:
        return self.page is not None and self.page.web and self.uploads is not None

    async def offer(self, name: str, data: bytes, mime: str) -> bool:
        """Hand a file to the user. False when the device refused (the caller says so)."""
        try:
            if self._on_phone():
                await self.share.share_files([ft.ShareFile.from_bytes(data, mime_type=mime, name=name)])
            else:
                await self.picker.save_file(file_name=name, src_bytes=data)
        except Exception as exc:  # a device error must not break the screen
            log.warning("could not hand over a file (%s)", type(exc).__name__)
            return False
        return True

    async def pick(self, extensions: list[str], progress: Callable[[float], None] | None = None) -> Picked | None:
        """The file the user picks, or None if she cancelled. `progress` hears the share of an
        upload done (0.0-1.0) while a browser sends the file."""
        uploading = self._uploads_on()
        files = await self.picker.pick_files(
            allow_multiple=False,
            with_data=not uploading,
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=extensions,
        )
        if not files:
            return None
        chosen = files[0]
        if chosen.size is not None and chosen.size > PICK_LIMIT_BYTES:
            return Picked(b"", too_large=True)
        if not uploading:
            if chosen.bytes is None and chosen.path:  # a desktop picker gives the path
                return Picked(await asyncio.to_thread(Path(chosen.path).read_bytes))
            return Picked(chosen.bytes or b"")
        return await self._upload(chosen, progress)

    async def _upload(self, chosen: ft.FilePickerFile, progress: Callable[[float], None] | None) -> Picked:
        assert self.page is not None and self.uploads is not None
        target = self.uploads / f"{secrets.token_hex(16)}.upload"  # a name of its own, never hers
        done: asyncio.Future[str | None] = asyncio.get_running_loop().create_future()
        self._waiting[chosen.name] = (done, progress)
        try:
            url = self.page.get_upload_url(target.name, UPLOAD_WAIT_S)
            await self.picker.upload([ft.FilePickerUploadFile(upload_url=url, id=chosen.id, name=chosen.name)])
            error = await asyncio.wait_for(done, UPLOAD_WAIT_S)
            if error is not None or not target.is_file():
                log.warning("an upload broke off")  # no name: it is hers
                return Picked(b"", failed=True)
            data = await asyncio.to_thread(target.read_bytes)
            if len(data) > PICK_LIMIT_BYTES:
                return Picked(b"", too_large=True)
            return Picked(data)
        except TimeoutError:
            log.warning("an upload did not end in %d s", UPLOAD_WAIT_S)
            return Picked(b"", failed=True)
        finally:
            self._waiting.pop(chosen.name, None)
            with suppress(OSError):
                target.unlink()  # read or not, the copy does not stay

    async def _on_upload(self, e: ft.FilePickerUploadEvent) -> None:  # on the event loop, like pick
        waiting = self._waiting.get(e.file_name)
        if waiting is None:
            return
        done, progress = waiting
        if done.done():
            return
        if e.error:
            done.set_result(e.error)
        elif e.progress is not None and e.progress >= 1.0:
            done.set_result(None)
        elif progress is not None and e.progress is not None:
            progress(e.progress)
