"""The report form's text, between what she typed and what was saved (no Flet, no words).

- A saved decimal comes back in the form written with her language's decimal mark (38,5 in
  Indonesian, 38.5 in English): `number_text`. What she typed and did not save (a draft) comes
  back exactly as typed.
- A value of only spaces is an empty field, everywhere: the domain reads it as empty, and a draft
  that differs from the saved report only by spaces, or by how a number is written ("38,5" and
  "38.5", "12" and " 12 "), holds nothing unsaved: `same_text`, `unsaved`.
- The report drafts by day, for the diary's list to mark the days with something unsaved:
  `report_drafts`.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from app.domain.parsing import blank
from app.store.db import Store

DRAFT_PREFIX = "report:"


def number_text(value: float | None, decimal: str = ".") -> str:
    """A saved number as the form shows it: "12", "38,5" (decimal ","), "" for none."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = f"{value:g}" if isinstance(value, float) else str(value)
    return text.replace(".", decimal)


def _as_number(text: str) -> float | None:
    stripped = text.strip().replace(",", ".")
    try:
        return float(stripped)
    except ValueError:
        return None


def same_text(a: str | None, b: str | None) -> bool:
    """Whether two texts of a field say the same: both blank, equal once trimmed, or the same
    plain number written two ways ("38,5" and "38.5")."""
    if blank(a) and blank(b):
        return True
    if blank(a) or blank(b):
        return False
    left, right = (a or "").strip(), (b or "").strip()
    if left == right:
        return True
    x, y = _as_number(left), _as_number(right)
    return x is not None and x == y


def unsaved(draft: Mapping[str, str] | None, saved: Mapping[str, str]) -> bool:
    """Whether a draft holds an answer the saved fields do not (fields the form has only)."""
    if not draft:
        return False
    return any(not same_text(saved.get(name), value) for name, value in draft.items() if name in saved)


def report_day(key: str) -> date | None:
    """The day of a report draft's key ("report:2026-11-20"), None for another draft or a bad key."""
    if not key.startswith(DRAFT_PREFIX):
        return None
    try:
        return date.fromisoformat(key[len(DRAFT_PREFIX) :])
    except ValueError:
        return None


def report_drafts(store: Store) -> dict[date, dict[str, str]]:
    """Every report draft of the mother, by day (drafts of other forms, or unreadable, left out)."""
    drafts: dict[date, dict[str, str]] = {}
    for key, draft in store.drafts.starting_with(DRAFT_PREFIX).items():
        day = report_day(key)
        if day is not None:
            drafts[day] = draft
    return drafts
