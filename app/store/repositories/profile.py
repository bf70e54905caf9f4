"""One mother's profile (her row in `mothers`), replaced as a whole."""

from __future__ import annotations

from datetime import datetime

from app.domain.profile import Profile
from app.store.repositories.base import MotherRepository, utc_text


class ProfileRepository(MotherRepository):
    """One mother's profile: her nickname, her baby's birth date and whom to call.

    A mother with no birth date yet (the first mother of a new device, a mother just added) has
    no profile: `get` returns None, as the single profile did before it was first saved.
    """

    def get(self) -> Profile | None:
        """The profile, or None if there is none or it cannot be read (see `skipped`)."""
        rows = self._rows(
            "SELECT id, nickname, baby_birth_date, midwife_phone, facility_phone, mother_phone, family_phone "
            "FROM mothers "
            "WHERE id = ? AND baby_birth_date IS NOT NULL",
            [self.mother_key],
        )
        # No validation context: a birth date that was fine when entered stays loadable.
        found = self._readable(rows, "id", _profile)
        return found[0] if found else None

    def save(self, profile: Profile, *, at: datetime) -> None:
        """Replace her details; raises LookupError when she is not on this device (a mother is
        added by `MothersRepository.add`, which gives her the UUID she keeps)."""
        if not isinstance(profile, Profile):
            raise TypeError(f"expected a Profile, got {type(profile).__name__}")
        with self._write() as db:
            cursor = db.execute(
                "UPDATE mothers SET nickname = ?, baby_birth_date = ?, midwife_phone = ?, facility_phone = ?, "
                "mother_phone = ?, family_phone = ?, updated_at = ? WHERE id = ?",
                [
                    profile.mother_name,
                    profile.baby_birth_date.isoformat(),
                    profile.midwife_phone,
                    profile.facility_phone,
                    profile.mother_phone,
                    profile.family_phone,
                    utc_text(at),
                    self.mother_key,
                ],
            )
            if cursor.rowcount == 0:
                raise LookupError("no such mother on this device")


def _profile(row: dict[str, object]) -> Profile:
    return Profile.model_validate(
        {
            "mother_name": row["nickname"],
            "baby_birth_date": row["baby_birth_date"],
            "midwife_phone": row["midwife_phone"],
            "facility_phone": row["facility_phone"],
            "mother_phone": row["mother_phone"],
            "family_phone": row["family_phone"],
        }
    )
