"""The words of Your data (/data): why a backup was refused, what a restore or a merge did (and
what differed between the phone and the backup), what a delete deletes, and the question a backup
made before mothers had UUIDs asks. Built from the service's numbers and codes."""

from __future__ import annotations

from uuid import UUID

from app.domain.plausible import Implausible, RecordKind
from app.i18n import N_, _, format_date, format_datetime, format_number, ngettext
from app.services.data import DataService, Inventory, Restored
from app.store.backup import BackupProblem
from app.store.merge import Difference, Kind

DIFFERENCES_LISTED = 6  # more than this: "and n more"
RECORD_NAMES = {
    RecordKind.BIRTH_DATE: N_("The baby's birth date (%(day)s)"),
    RecordKind.REPORT: N_("The daily report of %(day)s"),
    RecordKind.MASSAGE: N_("A massage on %(day)s"),
    RecordKind.QUIZ: N_("A quiz on %(day)s"),
    RecordKind.SKILLS: N_("A skills check on %(day)s"),
    RecordKind.VISIT: N_("A postnatal visit marked done on %(day)s"),
}


def problem_text(problem: BackupProblem, record: Implausible | None = None) -> str:
    if problem is BackupProblem.IMPLAUSIBLE and record is not None:
        # The year in full: a day in year 1 or 9999 is the point of the message.
        what = _(RECORD_NAMES[record.kind]) % {"day": format_date(record.day, "d MMMM yyyy")}
        return _("%(what)s in this backup is a date the app cannot accept. Nothing was changed.") % {"what": what}
    texts = {
        BackupProblem.TOO_LARGE: _("This file is too large to be a backup of this app."),
        BackupProblem.MALFORMED: _("This file is damaged or incomplete. Nothing was changed."),
        BackupProblem.NOT_A_BACKUP: _("This is not a backup file of this app. Nothing was changed."),
        BackupProblem.WRONG_VERSION: _("This backup was made in a format this app does not know. Update the app."),
        BackupProblem.NEWER_APP: _("This backup comes from a newer version of the app. Update the app first."),
        BackupProblem.WRONG_CHECKSUM: _("This backup was changed or damaged after it was saved. Nothing was changed."),
        BackupProblem.INVALID_CONTENT: _("This backup holds entries this app cannot read. Nothing was changed."),
        BackupProblem.IMPLAUSIBLE: _("This backup holds a date the app cannot accept. Nothing was changed."),
    }
    return texts[problem]


def _counts(reports: int, sessions: int) -> dict[str, str]:
    return {
        "reports": ngettext("%(n)s daily report", "%(n)s daily reports", reports) % {"n": format_number(reports)},
        "sessions": ngettext("%(n)s massage", "%(n)s massages", sessions) % {"n": format_number(sessions)},
    }


def restored_text(result: Restored) -> str:
    return _("Restored: %(reports)s and %(sessions)s.") % _counts(result.reports, result.sessions)


def merged_text(result: Restored) -> str:
    """What a merge brought, naming only what it changed (a list of zeros says nothing)."""
    m = result.merged
    assert m is not None
    counted = [
        (m.mothers_added, ngettext("%(n)s mother added", "%(n)s mothers added", m.mothers_added)),
        (
            m.mothers_joined,
            ngettext(
                "%(n)s mother combined with the same mother here",
                "%(n)s mothers combined with the same mothers here",
                m.mothers_joined,
            ),
        ),
        (m.reports_added, ngettext("%(n)s daily report added", "%(n)s daily reports added", m.reports_added)),
        (
            m.reports_updated,
            ngettext(
                "%(n)s day updated from the backup (its edit was newer)",
                "%(n)s days updated from the backup (their edits were newer)",
                m.reports_updated,
            ),
        ),
        (m.sessions_added, ngettext("%(n)s massage added", "%(n)s massages added", m.sessions_added)),
        (
            m.teaching_added,
            ngettext("%(n)s quiz or skills result added", "%(n)s quiz or skills results added", m.teaching_added),
        ),
        (
            m.visits_added,
            ngettext("%(n)s postnatal visit done added", "%(n)s postnatal visits done added", m.visits_added),
        ),
    ]
    parts = [text % {"n": n} for n, text in counted if n]
    if not parts and not m.differences:
        return _("Nothing new: this phone already has everything in this backup.")
    if m.reports_kept:
        parts.append(
            ngettext("%(n)s day kept as on this phone", "%(n)s days kept as on this phone", m.reports_kept)
            % {"n": m.reports_kept}
        )
    said = _("Merged: %(what)s.") % {"what": "; ".join(parts)} if parts else ""
    return " ".join(text for text in (said, differences_text(m.differences)) if text)


def differences_text(differences: tuple[Difference, ...]) -> str:
    """What differed between this phone and the backup, each with whose edit was kept (the newer),
    "" when nothing did."""
    if not differences:
        return ""
    listed = [_difference(d) for d in differences[:DIFFERENCES_LISTED]]
    more = len(differences) - len(listed)
    if more:
        listed.append(ngettext("and %(n)d more", "and %(n)d more", more) % {"n": more})
    return ngettext(
        "%(n)d record was different on this phone and in the backup; the newer edit was kept: %(list)s.",
        "%(n)d records were different on this phone and in the backup; the newer edit of each was kept: %(list)s.",
        len(differences),
    ) % {"n": len(differences), "list": "; ".join(listed)}


def _difference(d: Difference) -> str:
    who = d.nickname or _("a mother without a name")
    if d.kind is Kind.REPORT and d.day is not None:
        what = _("%(name)s, the report of %(day)s") % {"name": who, "day": format_date(d.day)}
    elif d.kind is Kind.MASSAGE and d.at is not None:
        what = _("%(name)s, the massage of %(when)s") % {"name": who, "when": format_datetime(d.at, "short")}
    elif d.kind is Kind.REMINDER:
        what = _("%(name)s, the reminder times") % {"name": who}
    elif d.kind is Kind.VISIT:
        what = _("%(name)s, a postnatal visit done") % {"name": who}
    else:
        what = _("%(name)s, her details") % {"name": who}
    kept = _("from the backup") if d.from_backup else _("as on this phone")
    return f"{what} ({kept})"


def same_mothers_text(names: tuple[str | None, ...]) -> str:
    """The question a backup made before each mother had her own code asks before a merge."""
    shown = ", ".join(name or _("a mother without a name") for name in names)
    return ngettext(
        "This backup was made by an older version of the app. %(n)d mother in it has the same name and "
        "baby's birth date as a mother on this phone: %(names)s. Is she the same woman? If so, her records are "
        "combined. If not, both are kept, and you can rename one.",
        "This backup was made by an older version of the app. %(n)d mothers in it have the same name and "
        "baby's birth date as mothers on this phone: %(names)s. Are they the same women? If so, their records are "
        "combined. If not, both are kept, and you can rename one.",
        len(names),
    ) % {"n": len(names), "names": shown}


def replace_text(found: Restored, here: Inventory) -> str:
    """The choice, with what each way costs: Replace deletes what is here now, named in numbers."""
    holds = _("The backup holds %(reports)s and %(sessions)s.") % _counts(found.reports, found.sessions)
    lost = _counts(here.reports, here.sessions)
    lost["recordings"] = ngettext("%(n)s recorded prompt", "%(n)s recorded prompts", here.recordings) % {
        "n": format_number(here.recordings)
    }
    replace = (
        _(
            "Replace deletes what is on this phone now: %(reports)s, %(sessions)s and %(recordings)s, "
            "and puts the backup's in their place."
        )
        % lost
    )
    texts = [holds, replace]
    if here.unfinished:
        texts.append(_("A massage that has not ended (perhaps running in another tab) would be lost too."))
    texts.append(
        _(
            "Merge adds the backup's records to what is here; a record both have keeps the newer edit. "
            "Two mothers with the same name stay two mothers."
        )
    )
    return " ".join(texts)


def delete_text(service: DataService) -> str:
    found = service.inventory()
    mothers = ngettext("the details of %(n)s mother", "the details of %(n)s mothers", found.mothers) % {
        "n": format_number(found.mothers)
    }
    return _(
        "This deletes from this phone: %(mothers)s, %(reports)s, %(sessions)s, unsaved forms, "
        "reminder times, recorded prompts and settings. It cannot be undone. Save a backup first if you may "
        "want it back."
    ) % {"mothers": mothers, **_counts(found.reports, found.sessions)}


def delete_mother_text(service: DataService, mother_id: UUID) -> str:
    found = service.inventory(mother_id)
    return _(
        "This deletes %(name)s from this phone: her and her baby's details, %(reports)s, %(sessions)s, "
        "unsaved forms and reminder times. The other mothers stay. It cannot be undone."
    ) % {"name": mother_label(service.mother_name(mother_id)), **_counts(found.reports, found.sessions)}


def mother_label(name: str | None) -> str:
    return name or _("this mother (no name yet)")
