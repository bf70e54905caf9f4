"""Whose visit it is: the line under the title of every visit screen (the visit, the quiz, the
skills check, the visit summary, her own voice), so a midwife with many mothers never teaches or
prints for the wrong one: "Siti · day 5 after birth"."""

from __future__ import annotations

from app.domain.mothers import Mother
from app.i18n import _
from app.services.mothers import MotherSummary
from app.ui.state import AppState


def mother_name(summary: MotherSummary) -> str:
    """Her nickname, or a stand-in until her profile has one."""
    return name_of(summary.mother)


def name_of(mother: Mother) -> str:
    """Her nickname, or "Mother 2" (her place in the order the mothers were added)."""
    return mother.nickname or _("Mother %(n)d") % {"n": mother.number}


def whose_text(name: str, day: int | None) -> str:
    """Her name and her day after birth (the birth date is day 0, as Today counts it)."""
    words = {"name": name, "n": day}
    if day is None:
        return _("%(name)s · birth date not entered yet") % words
    if day == 0:
        return _("%(name)s · the day of birth") % words
    return _("%(name)s · day %(n)d after birth") % words


def whose_visit(app: AppState) -> str:
    """The chosen mother's name (or "Mother 2") and her day after birth, today."""
    scope = app.scope
    mother = app.visitor.mothers.get(scope.mother_id)
    if mother is None:  # not on this device any more (a restore under the screen): say so, never guess
        return _("(no name given)")
    born = mother.baby_birth_date
    return whose_text(name_of(mother), scope.diary.postpartum_day(scope.diary.today(), born) if born else None)
