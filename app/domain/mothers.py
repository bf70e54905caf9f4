"""Several mothers on one device (a midwife's or a kader's phone), and who is using the app.

Pure values: the store reads mothers into `Mother`, the mothers list shows `MotherActivity`
(what the store aggregates per mother in one pass) after the service adds the day's meaning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from app.domain.records import SessionStatus
from app.domain.report import DailyReport


class Role(StrEnum):
    """Who uses the app on this device. It tunes Home and wording, never what anyone may do."""

    FAMILY = "family"  # the husband or another family member, who does the massage
    MOTHER = "mother"
    MIDWIFE = "midwife"  # a bidan or kader, visiting several mothers


@dataclass(frozen=True)
class Mother:
    """A mother on this device. `id` is her identity for life: a random UUID given when she was
    added, the same in every backup, merge and export, never given to anyone else."""

    id: UUID
    nickname: str | None
    baby_birth_date: date | None  # None until her profile is saved
    midwife_phone: str | None
    facility_phone: str | None
    archived_at: datetime | None
    # Her place among the mothers in the order they were added here (1, 2, ...): a stand-in name
    # until she has a nickname. Not an identity: it changes when an earlier mother is deleted.
    number: int = 0
    # When a midwife kept her on the list after day 42 (not moved to "Finished" by itself), or None.
    kept_at: datetime | None = None
    mother_phone: str | None = None  # her own phone, as typed
    family_phone: str | None = None  # her husband's or family's

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def kept(self) -> bool:
        return self.kept_at is not None


@dataclass(frozen=True)
class MotherActivity:
    """One mother and the newest of her records, as the mothers list needs them.

    To show more per mother (quiz and skills results), add a field here, fill it in
    `MothersRepository.activity` with one more aggregate (never a query per mother), and add a
    line to the row in app/ui/screens/mothers.py.
    """

    mother: Mother
    newest_report: DailyReport | None  # her latest report (it alone decides her open flags)
    last_massage_at: datetime | None  # her latest finished massage, demonstrations left out
    last_massage_status: SessionStatus | None
    quiz_before_pct: int | None = None  # her family's latest teach-back quiz before teaching
    quiz_after_pct: int | None = None  # ... and after
    skills_pct: int | None = None  # the latest skills check
    # The day of her latest report, also when the store left the report itself unread (too old
    # to matter to the list); None: take `newest_report`'s.
    newest_report_day: date | None = None
