"""What the rounds screen says in words: the phase for the heading, and what the screen reader
hears as the massage goes on (the phase changes, "paused"/"resumed", the minutes left at each whole
minute, the next round coming; never the seconds)."""

from __future__ import annotations

from typing import Any

from app.domain.prompts import NEXT_ROUND_S
from app.domain.protocol import PhaseKind
from app.i18n import _, ngettext
from app.services.session import SessionView
from app.store.removals import Removal


def ended_elsewhere_text() -> str:
    return _("This massage was ended or continued in another window. Nothing was lost.")


def removed_text(removal: Removal | None) -> str:
    """Why this window's massage ended under it: its record was removed in another window."""
    if removal is Removal.RESTORE:
        return _(
            "The massage was ended: the data on this phone was replaced with a backup in another window. "
            "This massage was not saved."
        )
    if removal is Removal.ERASE:
        return _(
            "The massage was ended: all data on this phone was deleted in another window. This massage was not saved."
        )
    if removal is Removal.ERASE_MOTHER:
        return _(
            "The massage was ended: this mother and her records were deleted in another window. "
            "This massage was not saved."
        )
    return _(
        "The massage was ended: its record is no longer on this phone (the data was replaced or deleted in "
        "another window). This massage was not saved."
    )


def paused_text() -> str:
    return _("Paused")


def resumed_text() -> str:
    return _("Resumed")


def get_ready_text(n: int) -> str:
    return _("Get ready: %(n)d") % {"n": n}


def sounds_missing_text() -> str:
    return _("Some sounds could not be loaded. The massage goes on: follow the screen.")


def phase_text(view: SessionView) -> str:
    """The phase as words, for the heading and for the screen reader."""
    if view.phase_kind is PhaseKind.REST:
        return _("Rest: round %(next)d of %(total)d comes next") % {"next": view.round_number + 1, "total": view.rounds}
    if view.phase_kind is None:
        return _("Finished")
    return _("Round %(n)d of %(total)d") % {"n": view.round_number, "total": view.rounds}


def phase_heading(view: SessionView) -> tuple[str, str | None]:
    """The rounds screen's heading, and in a rest the line under it: "Rest" alone on its line and
    "Next: round 2 of 3" below, so that at 360 px no language splits "round 2" across lines or
    leaves one word on a line of its own (the screen reader hears `phase_text`)."""
    if view.phase_kind is PhaseKind.REST:
        return _("Rest"), _("Next: round %(next)d of %(total)d") % {"next": view.round_number + 1, "total": view.rounds}
    return phase_text(view), None


def tick_announcement(before: SessionView | None, now: SessionView) -> str | None:
    """What the screen reader hears as the timer moves from `before` to `now`: the new phase, the
    minutes left at each whole minute, and in a rest that the next round is coming. Never the
    seconds: the countdown is not a live region."""
    if before is None or now.phase_kind is not before.phase_kind or now.round_number != before.round_number:
        return phase_text(now)
    passed = range(now.remaining_s, before.remaining_s)  # the seconds shown since (or now)
    if now.phase_kind is PhaseKind.REST and int(NEXT_ROUND_S) in passed:
        return next_round_text(now)
    minutes = [s // 60 for s in passed if s > 0 and s % 60 == 0]
    if minutes:
        n = max(minutes)
        return ngettext("%(n)d minute left", "%(n)d minutes left", n) % {"n": n}
    return None


def next_round_text(view: SessionView) -> str:
    """The rest's line once the next round is near (its last NEXT_ROUND_S seconds)."""
    return _("Round %(next)d starts in %(seconds)d seconds. Get your hands ready.") % {
        "next": view.round_number + 1,
        "seconds": view.remaining_s,
    }


def write_problem(code: Any) -> str:
    """Why a save failed, in words (the store error screen's wording)."""
    from app.ui.screens.store_error import write_problem as text

    return text(code)
