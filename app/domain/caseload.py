"""A midwife's many mothers: who needs her now, and who has finished her nifas (pure rules).

The mothers list shows the mothers in the order a midwife's day needs them (issue 23):

1. a GO NOW flag, then a TODAY flag, from a report of the last 7 days (DOMAIN §4: GO NOW means
   to a facility now, TODAY means contact the midwife today; a flag of last month is not news);
2. a KF visit due this week (its window closes within 7 days) or overdue;
3. mothers still in their 42 days (the nifas period, DOMAIN §3: KF1-KF4 cover days 0-42);
4. the rest (no birth date yet, or kept on the list after day 42).

Within a group, by name: the groups at the top are short (a handful of mothers at 300), and a
midwife finds a name in a short group at a glance, in the same place on every visit of the list;
a "most recent first" order would move rows under her finger each time a report arrives.

A mother past day 42 is "finished" (Selesai nifas) by herself, computed on the day, never a
stored state; she is kept on the list when the midwife asked for it (`kept`) or while a flag of
the last 7 days needs her. Flags of a report older than the nifas period (42 days) are history:
her diary keeps them, the list shows no badge for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import IntEnum

from app.domain.flagrules import Urgency
from app.domain.visits import Timing, VisitDue

RECENT_DAYS = 7  # a report of today and the 6 days before it is "this week"
NIFAS_LAST_DAY = 42  # DOMAIN §3: KF4 "days 29-42", the end of the nifas period


class Need(IntEnum):
    """The groups of the list, in their order."""

    GO_NOW = 0
    TODAY = 1
    VISIT = 2
    NIFAS = 3
    REST = 4


@dataclass(frozen=True)
class Standing:
    """Where a mother stands on the list on one day."""

    need: Need
    finished: bool  # past day 42, not kept, and no flag of this week: the "Finished" section
    badge: bool  # her newest report's flags are shown on the list (not history yet)


def is_recent(report_day: date | None, today: date) -> bool:
    """A report of today or the 6 days before (a report dated after today counts as today's)."""
    return report_day is not None and (today - report_day).days < RECENT_DAYS


def is_history(report_day: date | None, today: date) -> bool:
    """A report older than the nifas period: its flags are her diary's, not the list's."""
    return report_day is None or (today - report_day).days > NIFAS_LAST_DAY


def visit_this_week(due: VisitDue | None, today: date, *, overdue: bool = False) -> bool:
    """A KF window open now that closes within 7 days (today included), or a visit overdue (a
    window closed without the visit done: only known once done visits are recorded)."""
    if overdue:
        return True
    return due is not None and due.timing is Timing.NOW and due.ends < today + timedelta(days=RECENT_DAYS)


def standing(
    *,
    today: date,
    postpartum_day: int | None,
    visit: VisitDue | None,
    report_day: date | None,
    urgency: Urgency | None,
    kept: bool = False,
    overdue: bool = False,
) -> Standing:
    """Her group, whether she is finished, and whether her flags show. `urgency`: the most urgent
    flag of her newest report (`report_day`), None for none."""
    recent = urgency if is_recent(report_day, today) else None
    if recent is Urgency.GO_NOW:
        need = Need.GO_NOW
    elif recent is Urgency.TODAY:
        need = Need.TODAY
    elif visit_this_week(visit, today, overdue=overdue):
        need = Need.VISIT
    elif postpartum_day is not None and postpartum_day <= NIFAS_LAST_DAY:
        need = Need.NIFAS
    else:
        need = Need.REST
    past = postpartum_day is not None and postpartum_day > NIFAS_LAST_DAY
    return Standing(
        need=need,
        finished=past and not kept and need > Need.TODAY,
        badge=urgency is not None and not is_history(report_day, today),
    )


def order_key(need: Need, name: str) -> tuple[int, str, str]:
    """The list's sort key: her group, then her name (case and accents aside as Python's casefold
    puts them; the exact name breaks ties the same way every time)."""
    return (int(need), name.casefold(), name)
