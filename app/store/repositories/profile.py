"""The family profile: one row, replaced as a whole."""

from __future__ import annotations

from datetime import datetime

from app.domain.profile import Profile
from app.store.repositories.base import Repository, utc_text


class ProfileRepository(Repository):
    """The family profile: one row, replaced as a whole."""

    def get(self) -> Profile | None:
        """The profile, or None if there is none or it cannot be read (see `skipped`)."""
        rows = self._rows(
            "SELECT id, mother_name, baby_birth_date, midwife_phone, facility_phone FROM profile WHERE id = 1"
        )
        # No validation context: a birth date that was fine when entered stays loadable.
        found = self._readable(rows, "id", _profile)
        return found[0] if found else None

    def save(self, profile: Profile, *, at: datetime) -> None:
        if not isinstance(profile, Profile):
            raise TypeError(f"expected a Profile, got {type(profile).__name__}")
        with self._write() as db:
            db.execute(
                "INSERT INTO profile (id, mother_name, baby_birth_date, midwife_phone, "
                "facility_phone, updated_at) VALUES (1, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                "SET mother_name = excluded.mother_name, "
                "baby_birth_date = excluded.baby_birth_date, "
                "midwife_phone = excluded.midwife_phone, facility_phone = excluded.facility_phone, "
                "updated_at = excluded.updated_at",
                [profile.mother_name, profile.baby_birth_date.isoformat(), profile.midwife_phone,
                 profile.facility_phone, utc_text(at)],
            )


def _profile(row: dict[str, object]) -> Profile:
    return Profile.model_validate(
        {"mother_name": row["mother_name"], "baby_birth_date": row["baby_birth_date"],
         "midwife_phone": row["midwife_phone"], "facility_phone": row["facility_phone"]}
    )
