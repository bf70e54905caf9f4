"""What the store records about a massage session, as plain validated values.

Pure pydantic: the store turns rows into these and back; the UI and the session state machine only
ever see these. Datetimes must be timezone-aware (the store keeps them as UTC text), so a session
started before a trip across time zones still sorts and sums correctly.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any
from uuid import UUID

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

# Codes, not labels: the UI translates them. They follow the design seed (DOMAIN.md section 2).
BUILDS = ("heavier", "slim_normal")
TECHNIQUES = ("fists", "thumbs", "index_backs")


class SessionStatus(StrEnum):
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    ENDED_EARLY = "ended_early"
    # Pain stops the massage at once; history shows it so the family can tell the midwife.
    STOPPED_PAIN = "stopped_pain"


def outcome_of(status: SessionStatus, rounds_done: int, rounds_planned: int) -> SessionStatus:
    """How a massage ended, as history, Today and every export say it. One that ran to its end
    counts as completed only when every planned round was massaged (DOMAIN 2: 3 rounds); one whose
    rounds were skipped, all or some, ended early, and its rounds_done says how many were done."""
    if SessionStatus(status) is SessionStatus.COMPLETED and rounds_done < rounds_planned:
        return SessionStatus.ENDED_EARLY
    return SessionStatus(status)


class _Frozen(BaseModel):
    # hide_input_in_errors: a refused value (a name, a note) never reaches a log or the screen.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)


def _code(value: str | None, allowed: tuple[str, ...], what: str) -> str | None:
    # str() turns a StrEnum member from the protocol module into its plain code.
    if value is None:
        return None
    if str(value) not in allowed:
        raise ValueError(f"{what} must be one of {', '.join(allowed)}")
    return str(value)


class NewSession(_Frozen):
    """A session about to start: the plan the family picked and the state machine's first state."""

    started_at: AwareDatetime
    # Demonstration-speed sessions are kept (history labels them) but never count as real massages.
    demo: bool
    round_s: int = Field(gt=0)
    rest_s: int = Field(ge=0)
    rounds_planned: int = Field(ge=1)
    build: str | None = None
    technique: str | None = None
    snapshot: dict[str, Any]

    @field_validator("build")
    @classmethod
    def _build_code(cls, value: str | None) -> str | None:
        return _code(value, BUILDS, "build")

    @field_validator("technique")
    @classmethod
    def _technique_code(cls, value: str | None) -> str | None:
        return _code(value, TECHNIQUES, "technique")


class SessionProgress(_Frozen):
    """Where a session stands at `at`; written with every event and by the periodic heartbeat."""

    at: AwareDatetime
    snapshot: dict[str, Any]
    rounds_done: int = Field(ge=0)
    massaged_s: float = Field(ge=0)


class SessionRecord(_Frozen):
    """One stored session, as history and the restore-after-kill flow read it. `id` is this
    device's handle for it; `uuid` is its identity in backups, merges and exports."""

    id: int
    uuid: UUID
    started_at: AwareDatetime
    # Time of the last progress written (event or heartbeat): after a kill, the gap to "now" is
    # how long the app was gone.
    updated_at: AwareDatetime
    ended_at: AwareDatetime | None
    demo: bool
    round_s: int
    rest_s: int
    rounds_planned: int
    build: str | None
    technique: str | None
    status: SessionStatus
    snapshot: dict[str, Any]
    rounds_done: int
    massaged_s: float
    comfort: int | None = Field(default=None, ge=1, le=5)
    letdown: bool | None = None

    @model_validator(mode="before")
    @classmethod
    def _outcome(cls, data: Any) -> Any:
        # A row written before skipped rounds stopped counting as "completed" reads as it ended.
        if isinstance(data, dict) and {"status", "rounds_done", "rounds_planned"} <= data.keys():
            try:
                status = outcome_of(data["status"], int(data["rounds_done"]), int(data["rounds_planned"]))
            except (TypeError, ValueError):
                return data  # the field validators name what is wrong
            return {**data, "status": status}
        return data

    @property
    def minutes_massaged(self) -> float:
        return self.massaged_s / 60


def validate_comfort(comfort: int | None) -> int | None:
    """The mother's comfort rating: 1 (uncomfortable) to 5 (very comfortable), or not given."""
    # bool is an int in Python; a stray True must not become a rating of 1.
    if comfort is None:
        return None
    if isinstance(comfort, bool) or not isinstance(comfort, int) or not 1 <= comfort <= 5:
        raise ValueError(f"comfort must be an integer from 1 to 5, got {comfort!r}")
    return comfort


__all__ = [
    "BUILDS",
    "TECHNIQUES",
    "NewSession",
    "SessionProgress",
    "SessionRecord",
    "SessionStatus",
    "outcome_of",
    "validate_comfort",
]
