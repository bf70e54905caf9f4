"""Rows <-> domain records. With migrations.py, the only code in the app that speaks SQL.

One module per repository; each subclasses `Repository` (base.py). Every method that records
something does it in one write transaction (BEGIN IMMEDIATE), so a kill at any instant leaves all
of it or none of it, and a failure raises StoreWriteError after rolling all of it back. Reads
skip rows this version cannot read and list their ids in the repository's `skipped`.
"""

from app.store.repositories.base import NO_MOTHER, MotherRepository, Repository, moment, utc_text, uuid_text
from app.store.repositories.data import DataRepository, every_row_readable
from app.store.repositories.diary import DiaryRepository
from app.store.repositories.drafts import DraftRepository
from app.store.repositories.mothers import MothersRepository
from app.store.repositories.profile import ProfileRepository
from app.store.repositories.recap import RecapRepository
from app.store.repositories.reminders import ReminderRepository
from app.store.repositories.sessions import (
    FINISH_EVENT_KIND,
    LEASE_S,
    SessionRepository,
)
from app.store.repositories.settings import SettingsRepository
from app.store.repositories.teaching import TeachingRepository
from app.store.repositories.visits import VisitPlanRepository, VisitsRepository

__all__ = [
    "FINISH_EVENT_KIND",
    "NO_MOTHER",
    "LEASE_S",
    "DataRepository",
    "DiaryRepository",
    "DraftRepository",
    "MotherRepository",
    "MothersRepository",
    "ProfileRepository",
    "RecapRepository",
    "ReminderRepository",
    "Repository",
    "SessionRepository",
    "SettingsRepository",
    "TeachingRepository",
    "VisitPlanRepository",
    "VisitsRepository",
    "every_row_readable",
    "moment",
    "utc_text",
    "uuid_text",
]
