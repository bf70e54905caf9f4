"""What the mother's own diary says about massaging her today (DOMAIN §3 "Safety").

The safety check asks its questions before every massage; this adds what is already known: "If the
mother's own diary for today records any of these (fever, a temperature of 38 C or more, feeling
ill) or an open GO NOW or TODAY flag of hers, the safety check says so and does not let the massage
start without the midwife's OK." Codes only; the UI words them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from app.domain.flagrules import RULES, FlagGroup, RedFlag, Urgency
from app.domain.report import DailyReport, MotherSign

FEVER_C = 38.0  # "a temperature of 38 C or more"
# Flags of hers (not the baby's) that stop the massage while they are open.
_HERS = (FlagGroup.MOTHER, FlagGroup.BREAST)
_STOPPING = (Urgency.GO_NOW, Urgency.TODAY)
_SAID_BY_TODAY = (RedFlag.FEVER, RedFlag.FLU_LIKE, RedFlag.CHILLS)


class TodayStop(StrEnum):
    """Why today's diary stops the massage."""

    TEMPERATURE = "temperature"  # a temperature of 38 C or more measured today
    FEVER = "fever"  # fever recorded today (the box, no thermometer reading)
    FEELING_ILL = "feeling_ill"  # feeling ill (as with flu) or chills recorded today
    OPEN_FLAG = "open_flag"  # an open GO NOW or TODAY flag of hers


@dataclass(frozen=True)
class Stop:
    reason: TodayStop
    flag: RedFlag | None = None  # the open flag, for OPEN_FLAG
    temperature_c: float | None = None  # the reading, for TEMPERATURE


def today_stops(today_report: DailyReport | None, open_flags: Iterable[RedFlag]) -> list[Stop]:
    """Every reason the diary gives not to massage today, in the order they are shown: today's
    report first (what was measured, then what was felt), then her open flags, most urgent first."""
    stops: list[Stop] = []
    if today_report is not None:
        temperature = today_report.temperature_c
        if temperature is not None and temperature >= FEVER_C:
            stops.append(Stop(TodayStop.TEMPERATURE, temperature_c=temperature))
        elif today_report.fever and temperature is None:
            stops.append(Stop(TodayStop.FEVER))
        if today_report.flu_like is True or today_report.mother_signs.get(MotherSign.CHILLS) is True:
            stops.append(Stop(TodayStop.FEELING_ILL))
    said = bool(stops)  # today's report already says fever / feeling ill: not again as flags
    for flag in open_flags:
        rule = RULES[flag]
        if said and flag in _SAID_BY_TODAY:
            continue
        if rule.group in _HERS and rule.urgency in _STOPPING:
            stops.append(Stop(TodayStop.OPEN_FLAG, flag=flag))
    return stops
