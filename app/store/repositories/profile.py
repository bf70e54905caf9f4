"""One mother's profile (her row in `mothers`), replaced as a whole."""

from __future__ import annotations

from datetime import datetime

from app.domain.profile import Profile
from app.store.repositories.base import MotherRepository, utc_text


class ProfileRepository(MotherRepository):
    """One mother's profile: her nickname, her baby's birth date and whom to call.

    A mother with no birth date yet (mother 1 of a new device, a mother just added) has no
    profile: `get` returns None, as the single profile did before it was first saved.
    """

    def get(self) -> Profile | None:
        """The profile, or None if there is none or it cannot be read (see `skipped`)."""
        rows = self._rows(
            "SELECT id, nickname, baby_birth_date, midwife_phone, facility_phone FROM mothers "
            "WHERE id = ? AND baby_birth_date IS NOT NULL",
            [self.mother_id],
        )
        # No validation context: a birth date that was fine when entered stays loadable.
        found = self._readable(rows, "id", _profile)
        return found[0] if found else None

    def save(self, profile: Profile, *, at: datetime) -> None:
        if not isinstance(profile, Profile):
            raise TypeError(f"expected a Profile, got {type(profile).__name__}")
        stamp = utc_text(at)
        with self._write() as db:
            # Her row exists (mother 1 always does; others are added first), but a store bound
            # to an id with no row yet makes it, as the single profile was made by its first save.
            db.execute(
                "INSERT INTO mothers (id, nickname, baby_birth_date, midwife_phone, facility_phone, "
                "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE "
                "SET nickname = excluded.nickname, baby_birth_date = excluded.baby_birth_date, "
                "midwife_phone = excluded.midwife_phone, facility_phone = excluded.facility_phone, "
                "updated_at = excluded.updated_at",
                [
                    self.mother_id,
                    profile.mother_name,
                    profile.baby_birth_date.isoformat(),
                    profile.midwife_phone,
                    profile.facility_phone,
                    stamp,
                    stamp,
                ],
            )


def _profile(row: dict[str, object]) -> Profile:
    return Profile.model_validate(
        {
            "mother_name": row["nickname"],
            "baby_birth_date": row["baby_birth_date"],
            "midwife_phone": row["midwife_phone"],
            "facility_phone": row["facility_phone"],
        }
    )
