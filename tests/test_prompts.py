"""The spoken prompts of a massage: the exact list and positions for the usual plan, driven by a
fake clock through a real Session, as the rounds screen hears them."""

from __future__ import annotations

from itertools import pairwise

import pytest

from app.domain.clock import FakeClock
from app.domain.prompts import (
    Clip,
    Prompt,
    PromptKind,
    count_clip,
    count_prompts,
    massage_clips,
    plan_prompts,
    prompts_since,
)
from app.domain.protocol import Plan, Technique
from app.domain.session import CueKind, Session
from app.i18n import using
from app.prompt_texts import CLIP_TEXTS, clip_text

C, H, L, R, E = PromptKind.COUNT, PromptKind.HALFWAY, PromptKind.LAST_SECONDS, PromptKind.REST, PromptKind.SESSION_END
S, N = PromptKind.ROUND_START, PromptKind.NEXT_ROUND

# 3 rounds of 3 minutes with 1-minute rests, thumbs: (kind, position s, clips)
EXPECTED_3x3 = [
    (C, -3.0, (Clip.GET_READY,)),
    (C, -2.0, (Clip.COUNT_2,)),
    (C, -1.0, (Clip.COUNT_1,)),
    (S, 0.0, (Clip.ROUND_1, Clip.HAND_THUMBS)),
    (H, 90.0, (Clip.HALFWAY,)),
    (L, 170.0, (Clip.LAST_SECONDS,)),
    (R, 180.0, (Clip.REST_1,)),
    (N, 230.0, (Clip.NEXT_ROUND,)),
    (S, 240.0, (Clip.ROUND_2, Clip.HAND_THUMBS)),
    (H, 330.0, (Clip.HALFWAY,)),
    (L, 410.0, (Clip.LAST_SECONDS,)),
    (R, 420.0, (Clip.REST_1,)),
    (N, 470.0, (Clip.NEXT_ROUND,)),
    (S, 480.0, (Clip.ROUND_3, Clip.HAND_THUMBS)),
    (H, 570.0, (Clip.HALFWAY,)),
    (L, 650.0, (Clip.LAST_SECONDS,)),
    (E, 660.0, (Clip.SESSION_END,)),
]


def _heard(plan: Plan, technique: Technique, step_s: float = 0.5) -> list[Prompt]:
    """Run a session on a fake clock, ticking every step, collecting the prompts as the UI does."""
    clock = FakeClock()
    session = Session.start(plan, clock.monotonic())
    heard: list[Prompt] = list(count_prompts())
    said_to: float | None = None
    while not session.over:
        clock.advance(step_s)
        session = session.settle(clock.monotonic())
        to = session.position(clock.monotonic())
        heard += prompts_since(session, technique, said_to, to)
        said_to = to
    return heard


def timeline(plan: Plan, technique: Technique | None) -> tuple[Prompt, ...]:
    """The whole massage as heard without a pause: the count, then the plan's prompts."""
    return (*count_prompts(), *plan_prompts(plan, technique))


def test_the_usual_plan_says_exactly_these_prompts_at_these_positions():
    plan = Plan.standard(3, 1)
    assert [(p.kind, p.at_s, p.clips) for p in timeline(plan, Technique.THUMBS)] == EXPECTED_3x3
    # Heard through a running session with a fake clock: the same, each once.
    assert [(p.kind, p.at_s, p.clips) for p in _heard(plan, Technique.THUMBS)] == EXPECTED_3x3


def test_no_two_prompts_within_a_second():
    for p, q in pairwise(timeline(Plan.standard(3, 1), Technique.FISTS)):
        assert q.at_s - p.at_s >= 1.0, (p, q)


def test_a_halfway_reminder_in_each_round_in_its_middle():
    plan = Plan.standard(3, 1)
    rounds = [ph for ph in plan.phases() if ph.kind == "round"]
    halfway = [p.at_s for p in plan_prompts(plan, Technique.FISTS) if p.kind is H]
    assert halfway == [ph.start_s + ph.length_s / 2 for ph in rounds]


@pytest.mark.parametrize(
    "technique, clip",
    [
        (Technique.FISTS, Clip.HAND_FISTS),  # heavier build
        (Technique.THUMBS, Clip.HAND_THUMBS),  # slim or normal build
        (Technique.INDEX_BACKS, Clip.HAND_INDEX_BACKS),
    ],
)
def test_each_round_start_gives_the_hand_cue_of_the_chosen_technique(technique, clip):
    starts = [p for p in plan_prompts(Plan.standard(4, 2), technique) if p.kind is S]
    assert [p.clips for p in starts] == [(Clip.ROUND_1, clip), (Clip.ROUND_2, clip), (Clip.ROUND_3, clip)]


@pytest.mark.parametrize("rest_minutes, clip", [(1, Clip.REST_1), (2, Clip.REST_2), (3, Clip.REST_3)])
def test_the_rest_says_its_length(rest_minutes, clip):
    rests = [p for p in plan_prompts(Plan.standard(5, rest_minutes), None) if p.kind is R]
    assert [p.clips for p in rests] == [(clip,), (clip,)]
    assert all(p.cue is CueKind.ROUND_END for p in rests)


def test_no_rest_no_rest_prompt_and_the_next_round_still_announced():
    prompts = plan_prompts(Plan.standard(3, 0), Technique.FISTS)
    assert not [p for p in prompts if p.kind is R]
    assert [p.at_s for p in prompts if p.kind is S] == [0.0, 180.0, 360.0]


def test_the_demonstration_has_no_halfway_reminder_in_its_20_second_rounds():
    prompts = plan_prompts(Plan.demonstration(), Technique.FISTS)
    assert not [p for p in prompts if p.kind is H]
    # Nor "ten seconds left" (the round's start prompt is still being said: the chime alone sounds),
    # nor "the next round in ten seconds" in its 5-second rests.
    assert not [p for p in prompts if p.kind in (L, N)]
    assert [p.clips for p in prompts if p.kind is R] == [(Clip.REST_DEMO,), (Clip.REST_DEMO,)]
    for p, q in pairwise(prompts):
        assert q.at_s - p.at_s >= 1.0


def test_the_count_names_start_or_resume_then_counts_down():
    assert [count_clip(n) for n in (3, 2, 1)] == [Clip.GET_READY, Clip.COUNT_2, Clip.COUNT_1]
    assert [count_clip(n, resuming=True) for n in (3, 2, 1)] == [Clip.RESUMING, Clip.COUNT_2, Clip.COUNT_1]


def test_a_skipped_round_does_not_say_its_halfway_or_last_seconds():
    clock = FakeClock()
    plan = Plan.standard(3, 1)
    session = Session.start(plan, clock.monotonic())
    clock.advance(30)
    said_to = session.position(clock.monotonic())
    session = session.skip(clock.monotonic())  # round 1 skipped at 30 s
    heard = prompts_since(session, Technique.FISTS, said_to, session.position(clock.monotonic()))
    assert [p.kind for p in heard] == [R]  # the rest (at the skip's landing) only


def test_the_end_says_the_ending_washcloth_and_breastfeeding():
    with using("en"):
        text = clip_text(Clip.SESSION_END)
    assert "washcloth" in text and "breastfeed" in text
    with using("id"):
        assert "washlap" in clip_text(Clip.SESSION_END) and "menyusui" in clip_text(Clip.SESSION_END)


def test_every_clip_has_words_in_both_languages():
    assert set(CLIP_TEXTS) == set(Clip)
    for clip in Clip:
        assert clip_text(clip, "en") == CLIP_TEXTS[clip]
        assert clip_text(clip, "id") and clip_text(clip, "id") != CLIP_TEXTS[clip], clip


@pytest.mark.parametrize("rest_minutes, said", [(0, []), (1, [230.0, 470.0]), (3, [350.0, 710.0])])
def test_ten_seconds_before_a_rest_ends_the_next_round_is_announced(rest_minutes, said):
    prompts = plan_prompts(Plan.standard(3, rest_minutes), Technique.FISTS)
    assert [p.at_s for p in prompts if p.kind is N] == said
    assert all(p.cue is None for p in prompts if p.kind is N)  # no chime with it


def test_a_massage_loads_every_clip_it_may_say_before_it_starts():
    clips = massage_clips(Plan.standard(3, 1), Technique.THUMBS)
    heard = {c for p in timeline(Plan.standard(3, 1), Technique.THUMBS) for c in p.clips}
    assert heard <= set(clips)
    assert {Clip.RESUMING, Clip.PAUSED} <= set(clips)  # after a pause
    assert Clip.HAND_FISTS not in clips and Clip.REST_2 not in clips  # only this massage's
    assert len(clips) == len(set(clips))
