"""The family's data as files: a backup to keep or move to a new phone, its restore and merge, CSV
for a spreadsheet, FHIR R4 for a midwife's records (one mother, the ones she picks, or all); and
deleting everything.

File names carry the date, never health data (a downloads folder is not private). A health-record
file names whose it is, as the midwife must tell files apart: the nickname the family chose (made
safe for any file system), or "semua-ibu" for every mother on the device, and the time.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, tzinfo
from typing import TYPE_CHECKING
from uuid import UUID

from app.domain.clock import Clock, local_now
from app.domain.mothers import Mother
from app.domain.plausible import Implausible
from app.services.own_voice import OwnVoice
from app.store.backup import BackupError, BackupProblem
from app.store.db import Store
from app.store.errors import StoreWriteError
from app.store.merge import Merged

if TYPE_CHECKING:
    from app.domain.fhir import MotherExport

APP_FILE_PREFIX = "pijat-oksitosin"
ALL_MOTHERS = "semua-ibu"  # the name of a file with every mother on the device
NAMED_AT_MOST = 3  # a file of more picked mothers is named by their number ("5-ibu")
SLUG_CHARS = 24


def slug(text: str) -> str:
    """A nickname as a safe part of a file name: ASCII letters and digits, words joined by "-"
    ("Ibu Siti Ñurhayati" -> "ibu-siti-nurhayati"); "" when nothing of it is left."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:SLUG_CHARS].strip("-")


def whose(mothers: Sequence[Mother], *, every: bool) -> str:
    """Whose file it is, for its name: "semua-ibu" for every mother of a device that has several,
    else the nicknames (a mother without one by her number: "ibu-2"), or how many ("5-ibu")."""
    if every and len(mothers) > 1:
        return ALL_MOTHERS
    if len(mothers) > NAMED_AT_MOST:
        return f"{len(mothers)}-ibu"
    return "-".join(slug(m.nickname or "") or f"ibu-{m.number}" for m in mothers)


@dataclass(frozen=True)
class DataFile:
    name: str
    data: bytes
    mime: str


@dataclass(frozen=True)
class Restored:
    """What a restore did (in numbers, for the message), or why it did nothing."""

    reports: int = 0
    sessions: int = 0
    problem: BackupProblem | None = None
    write_failed: bool = False
    merged: Merged | None = None  # what a merge did
    # A backup made before mothers had UUIDs: the nicknames of its mothers who look like mothers
    # here (same nickname and birth date). A merge asks about them before joining any.
    lookalikes: tuple[str | None, ...] = ()
    record: Implausible | None = None  # with IMPLAUSIBLE: the first record no form would take

    @property
    def ok(self) -> bool:
        return self.problem is None and not self.write_failed


@dataclass(frozen=True)
class Inventory:
    """What a delete would delete, in numbers, for its confirmation."""

    mothers: int
    reports: int
    sessions: int
    recordings: int = 0  # the midwife's own recordings of the prompts (the whole device only)
    unfinished: int = 0  # massages not ended: perhaps running in another tab


class DataService:
    """The device's data as files. `store` is the device's (any mother's view works: the backup,
    restore and merge are of everything); what is one mother's is asked for by her UUID. `own`:
    the midwife's recordings of the prompts (in a backup, deleted with everything)."""

    def __init__(self, store: Store, clock: Clock, tz: tzinfo | None = None, own: OwnVoice | None = None) -> None:
        self.store = store
        self.clock = clock
        self.tz = tz
        self.own = own

    def _file_ok(self, name: str, data: bytes) -> bool:
        return self.own is not None and self.own.file_ok(name, data)

    def _now(self) -> datetime:
        return local_now(self.clock, self.tz)

    def _name(self, what: str, ext: str) -> str:
        return f"{APP_FILE_PREFIX}-{what}-{self._now().date().isoformat()}.{ext}"

    def inventory(self, mother_id: UUID | None = None) -> Inventory:
        """Everything on the device, or only one mother's (her recordings are the device's: they
        count only for everything)."""
        counts = self.store.data.counts(mother_id)
        recordings = len(self.own.recorded()) if self.own is not None and mother_id is None else 0
        return Inventory(
            mothers=counts["mothers"],
            reports=counts["reports"],
            sessions=counts["real_sessions"],
            recordings=recordings,
            unfinished=counts["unfinished_sessions"],
        )

    def mother_count(self) -> int:
        return len(self.store.mothers.list())

    def backup_file(self) -> DataFile:
        files = self.own.files() if self.own is not None else None
        data = self.store.data.export(at=self.clock.wall(), files=files)
        return DataFile(self._name("backup", "json"), data, "application/json")

    def check(self, data: bytes) -> Restored:
        """What a backup file holds, before anything is replaced (or why it cannot be restored)."""
        try:
            found = self.store.data.check(data, self._file_ok)
        except BackupError as err:
            return Restored(problem=err.code, record=err.record)
        counts = found.counts
        return Restored(
            reports=counts.get("reports", 0), sessions=counts.get("sessions", 0), lookalikes=tuple(found.lookalikes)
        )

    def restore(self, data: bytes) -> Restored:
        try:
            counts, files = self.store.data.restore(data, self._file_ok)
        except BackupError as err:
            return Restored(problem=err.code, record=err.record)
        except StoreWriteError:
            return Restored(write_failed=True)
        if self.own is not None:
            self.own.replace_with(files)
        return Restored(reports=counts.get("reports", 0), sessions=counts.get("sessions", 0))

    def merge(self, data: bytes, *, same_mothers: bool = False) -> Restored:
        """Add a backup to what is here: a mother is the same mother only by her UUID, her
        records are matched by theirs, the newer edit wins. `same_mothers`: the user said the
        look-alike mothers of a pre-UUID backup (`check(...).lookalikes`) are the ones here."""
        try:
            merged = self.store.data.merge(data, self._file_ok, same_mothers=same_mothers)
        except BackupError as err:
            return Restored(problem=err.code, record=err.record)
        except StoreWriteError:
            return Restored(write_failed=True)
        return Restored(merged=merged)

    def reports_csv(self, mother_id: UUID) -> DataFile:
        hers = self.store.mother(mother_id)
        profile = hers.profile.get()
        from app.domain.csvexport import reports_csv  # the files' makers load when a file is asked for

        data = reports_csv(hers.diary.list(), birth_date=profile.baby_birth_date if profile else None, tz=self.tz)
        return DataFile(self._name("reports", "csv"), data, "text/csv")

    def sessions_csv(self, mother_id: UUID) -> DataFile:
        sessions = self.store.mother(mother_id).sessions.list()
        from app.domain.csvexport import sessions_csv

        return DataFile(self._name("massages", "csv"), sessions_csv(sessions, tz=self.tz), "text/csv")

    def mothers(self) -> list[Mother]:
        """Every mother on this device (active first), for picking whose records to export."""
        return self.store.mothers.list()

    def fhir_file(self, mothers: Sequence[UUID] | None = None) -> DataFile:
        """One health-record file (a FHIR transaction Bundle) of the mothers picked, in the order
        of the list; None: every mother on this device."""
        everyone = self.store.mothers.list()
        wanted = None if mothers is None else set(mothers)
        chosen = [m for m in everyone if wanted is None or m.id in wanted]
        now = self._now()
        from app.domain.fhir import bundle

        data = json.dumps(bundle([self._export(m) for m in chosen], at=now), ensure_ascii=False, indent=1)
        name = f"{APP_FILE_PREFIX}-fhir-{whose(chosen, every=len(chosen) == len(everyone))}-"
        return DataFile(f"{name}{now.strftime('%Y-%m-%d-%H%M')}.json", data.encode(), "application/fhir+json")

    def _export(self, mother: Mother) -> MotherExport:
        from app.domain.fhir import MotherExport

        hers = self.store.mother(mother.id)
        profile = hers.profile.get()
        return MotherExport(
            mother_id=mother.id,
            nickname=profile.mother_name if profile else mother.nickname,
            birth_date=profile.baby_birth_date if profile else None,
            reports=hers.diary.list(),
            sessions=hers.sessions.list(include_demo=False),
        )

    def erase(self) -> None:
        """Everything on this device, gone from the file too (raises StoreWriteError). The device
        then starts again as a new one does: one blank mother to fill in."""
        self.store.data.erase(at=self.clock.wall())
        if self.own is not None:
            self.own.delete_all()

    def erase_mother(self, mother_id: UUID) -> None:
        """One mother and everything recorded for her (raises StoreWriteError). The last mother is
        replaced by a blank one in the same transaction, as on a new device."""
        self.store.data.erase_mother(mother_id, at=self.clock.wall())

    def mother_name(self, mother_id: UUID) -> str | None:
        mother = self.store.mothers.get(mother_id)
        return mother.nickname if mother else None

    def today(self) -> date:
        return self._now().date()
