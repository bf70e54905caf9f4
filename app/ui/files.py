"""Files in and out for one visitor: a file the app made goes to the phone's share sheet (Android,
iOS) or is downloaded (in a browser); a backup to restore is picked with the system's file picker.

Both are Flet services of the visitor's page (created with it, like the sound players).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import flet as ft

log = logging.getLogger(__name__)

# A backup larger than this is refused anyway (app.store.backup.MAX_BYTES); the picker reads it
# into memory, so nothing larger is even read.
PICK_LIMIT_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class Picked:
    data: bytes
    too_large: bool = False


class Files:
    def __init__(self, page: ft.Page | None) -> None:
        self.page = page
        self.picker = ft.FilePicker()
        self.share = ft.Share()
        # A second reference to each service: Flet 1.0.5 drops from the page, after every event, a
        # service the app holds only once (see Devices).
        self._alive = [self.picker, self.share]

    def _on_phone(self) -> bool:
        page = self.page
        return page is not None and not page.web and page.platform is not None and page.platform.is_mobile()

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

    async def pick(self, extensions: list[str]) -> Picked | None:
        """The file the user picks, or None if she cancelled."""
        files = await self.picker.pick_files(
            allow_multiple=False,
            with_data=True,
            file_type=ft.FilePickerFileType.CUSTOM,
            allowed_extensions=extensions,
        )
        if not files:
            return None
        chosen = files[0]
        if chosen.size is not None and chosen.size > PICK_LIMIT_BYTES:
            return Picked(b"", too_large=True)
        return Picked(chosen.bytes or b"")
