"""docs/clinical-content.md is the project's statement of its red-flag rules: these tests hold it and
the rules' data (app/domain/flagrules.py) together, and, where the domain brief lies beside the
repository (../shared/DOMAIN.md while the project is built), each rule's words against the brief."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from app.domain.flagrules import RULES, FlagRule, RedFlag, Urgency
from app.domain.redflags import evaluate
from app.domain.report import DailyReport

ROOT = Path(__file__).resolve().parents[1]
SPEC = ROOT / "docs" / "clinical-content.md"
# The brief lies in a folder `shared` beside the repository's folder (or beside a folder above it).
DOMAIN = next(
    (p / "shared" / "DOMAIN.md" for p in ROOT.parents if (p / "shared" / "DOMAIN.md").exists()),
    ROOT.parent / "shared" / "DOMAIN.md",
)
LEVEL_WORDS = {Urgency.GO_NOW: "GO NOW", Urgency.TODAY: "TODAY", Urgency.SOON: "SOON"}

# What raises each flag alone, for the first-day checks.
TRIGGERS: dict[RedFlag, dict[str, Any]] = {
    RedFlag.HEAVY_BLEEDING: {"mother_signs": {"heavy_bleeding": True}},
    RedFlag.FITS: {"mother_signs": {"fits": True}},
    RedFlag.HEADACHE_VISION_SWELLING: {"mother_signs": {"headache_vision_swelling": True}},
    RedFlag.BREATHING_CHEST_PAIN: {"mother_signs": {"breathing_chest_pain": True}},
    RedFlag.CALF_SWOLLEN: {"mother_signs": {"calf_swollen": True}},
    RedFlag.THOUGHTS_OF_HARM: {"mother_signs": {"thoughts_of_harm": True}},
    RedFlag.FEVER: {"temperature_c": 38.4},
    RedFlag.CHILLS: {"mother_signs": {"chills": True}},
    RedFlag.LOCHIA_SMELLS: {"mother_signs": {"lochia_smells": True}},
    RedFlag.BELLY_PAIN_GROWING: {"mother_signs": {"belly_pain_growing": True}},
    RedFlag.URINE_PAIN: {"mother_signs": {"urine_pain": True}},
    RedFlag.WOUND_PROBLEM: {"mother_signs": {"wound_problem": True}},
    RedFlag.SADNESS_LASTING: {"mother_signs": {"sad": True}},
    RedFlag.NO_WISH_TO_CARE: {"mother_signs": {"no_wish_to_care": True}},
    RedFlag.MASTITIS: {"breast_redness": True, "fever": True},
    RedFlag.BREAST_INFLAMED: {"breast_hard_swollen": True},
    RedFlag.FLU_LIKE: {"flu_like": True},
    RedFlag.NIPPLES_CRACKED: {"nipples_cracked": True},
    RedFlag.NIPPLE_PAIN_WORSE: {"signs": {"nipple_pain_worse": True}},
    RedFlag.NIPPLE_PAIN_LASTING: {"nipple_pain": True},
    RedFlag.MILK_NOT_YET: {"flow": "not_yet"},
    RedFlag.BABY_NOT_FEEDING: {"baby_danger": True, "baby_signs": {"not_feeding": True}},
    RedFlag.BABY_FITS: {"baby_danger": True, "baby_signs": {"fits": True}},
    RedFlag.BABY_LIMP_SLEEPY: {"baby_danger": True, "baby_signs": {"limp_sleepy": True}},
    RedFlag.BABY_BREATHING: {"baby_danger": True, "baby_signs": {"breathing": True}},
    RedFlag.BABY_HOT_OR_COLD: {"baby_danger": True, "baby_signs": {"hot_or_cold": True}},
    RedFlag.BABY_YELLOW_DANGER: {"baby_danger": True, "baby_signs": {"yellow_danger": True}},
    RedFlag.BABY_CORD: {"baby_danger": True, "baby_signs": {"cord": True}},
    RedFlag.BABY_VOMIT_BELLY: {"baby_danger": True, "baby_signs": {"vomit_belly": True}},
    RedFlag.BABY_DANGER: {"baby_danger": True},
    RedFlag.SLEEPY_OR_YELLOW: {"baby_sleepy_yellow": True},
    RedFlag.FEW_FEEDS: {"feeds_24h": 5},
    RedFlag.FEW_WET_DIAPERS: {"wet_diapers": 3},
    RedFlag.DARK_URINE: {"dark_urine": True},
    RedFlag.BLACK_STOOLS: {"black_stools": True},
    RedFlag.BABY_YELLOW: {"baby_yellow": True},
    RedFlag.WEIGHT_NOT_GOING_UP: {"signs": {"weight_going_up": False}},
}


def _rows() -> dict[str, dict[str, str]]:
    text = SPEC.read_text(encoding="utf-8")
    block = text.split("<!-- rules:start -->")[1].split("<!-- rules:end -->")[0]
    lines = [line for line in block.strip().splitlines() if line.startswith("| ")]
    header = [cell.strip() for cell in lines[0].strip("|").split(" | ")]
    rows = {}
    for line in lines[1:]:
        cells = [cell.strip().replace("\\|", "|") for cell in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        row = dict(zip(header, cells, strict=True))
        rows[row["code"]] = row
    return rows


ROWS = _rows()


def _report(day_n: int, fields: dict[str, Any]) -> DailyReport:
    fields = dict(fields)
    return DailyReport(day=date(2026, 3, 1), flow=fields.pop("flow", "well"), **fields)


def test_every_rule_has_one_row_and_every_row_a_rule() -> None:
    assert set(ROWS) == {flag.value for flag in RedFlag}


@pytest.mark.parametrize("flag", list(RedFlag))
def test_row_states_the_rule(flag: RedFlag) -> None:
    row, rule = ROWS[flag.value], RULES[flag]
    assert row["who"] == rule.group.value
    assert row["urgency"] == LEVEL_WORDS[rule.urgency]
    assert int(row["first day"]) == rule.first_day
    assert row["no birth date"] == ("yes" if rule.without_birth_date else "no")
    assert row["keep breastfeeding"] == ("yes" if rule.keep_breastfeeding else "no")
    assert row["brief"] == f"{rule.quote} || {rule.level}"
    assert row["rule"] and row["sources"]


@pytest.mark.parametrize("flag", list(RedFlag))
def test_first_day_is_where_the_rule_starts(flag: RedFlag) -> None:
    rule = RULES[flag]
    fields = TRIGGERS[flag]
    # A flag replaced by a more specific one (yellow on day 0 becomes a danger sign) is looked for
    # from its first day on; before it, it must not be raised.
    assert flag in evaluate(_report(rule.first_day, fields), postpartum_day=rule.first_day)
    assert flag in evaluate(_report(rule.first_day + 20, fields), postpartum_day=rule.first_day + 20)
    if rule.first_day > 0:
        assert flag not in evaluate(_report(rule.first_day - 1, fields), postpartum_day=rule.first_day - 1)
    assert (flag in evaluate(_report(0, fields), postpartum_day=None)) is rule.without_birth_date


def _plain(text: str) -> str:
    return " ".join(re.sub(r"[\"']", "", text).split())


def _blocks(domain: str) -> list[str]:
    """The brief's list items, each with its continuation lines, flattened."""
    blocks: list[list[str]] = []
    for line in domain.splitlines():
        if line.startswith("- ") or not blocks or not line.strip():
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return [_plain(" ".join(block)) for block in blocks]


def _agrees(rule: FlagRule, domain: str) -> None:
    text = _plain(domain)
    for fragment in rule.quote.split(" ... "):
        assert _plain(fragment) in text, f"{rule.code}: {fragment!r} is not the brief's"
    level = _plain(rule.level)
    assert level in text, f"{rule.code}: {rule.level!r} is not the brief's"
    word = LEVEL_WORDS[rule.urgency]
    # The level's words name the level, or stand in the brief's item that does ("needs the midwife").
    owner = next(block for block in _blocks(domain) if level in block)
    assert word in level or (rule.urgency is Urgency.TODAY and "needs the midwife" in owner)
    for other, other_word in LEVEL_WORDS.items():
        if other is not rule.urgency:
            assert other_word not in level, f"{rule.code}: its level words name {other_word}"


def test_the_brief_check_notices_a_misquote() -> None:
    domain = "- TODAY: fever over 38 C\n- SOON: nipples cracked or bleeding\n"
    good = FlagRule(RedFlag.FEVER, Urgency.TODAY, RULES[RedFlag.FEVER].group, "TODAY: fever over 38 C", "fever")
    _agrees(good, domain)
    with pytest.raises(AssertionError):
        _agrees(FlagRule(RedFlag.FEVER, Urgency.SOON, good.group, "TODAY: fever over 38 C", "fever"), domain)
    with pytest.raises(AssertionError):
        _agrees(FlagRule(RedFlag.FEVER, Urgency.TODAY, good.group, "TODAY: fever over 38 C", "fever over 37 C"), domain)


@pytest.mark.skipif(not DOMAIN.exists(), reason="the domain brief is not beside this clone")
@pytest.mark.parametrize("flag", list(RedFlag))
def test_rule_agrees_with_the_brief(flag: RedFlag) -> None:
    _agrees(RULES[flag], DOMAIN.read_text(encoding="utf-8"))
