"""The spoken prompts of a guided massage: which words are said, and where on the timeline.

A prompt is said at a timeline position (seconds from round 1's start, pauses excluded, like the
session's cues) and is made of one or more clips played back to back: round 2's start is
"Round 2 of 3" followed by the hand cue for the technique the family chose. A clip is a code; the
UI owns its words (app/prompt_texts.py, in the translation catalogs) and the sound files
(assets/voice/<lang>/<clip>.ogg, or the midwife's own recording of it).

The get-ready count sits before its round (positions -3, -2, -1 from the moment the massage
starts or resumes), so "no two prompts within a second" holds across the whole timeline.
The domain returns codes only; nothing here is user-facing text.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache

from app.domain.protocol import DEMO_REST_S, LAST_SECONDS_CUE, PhaseKind, Plan, Technique
from app.domain.session import CueKind, Session

# The count before the first round and after every resume: one prompt per second.
COUNT_FROM = 3
# The halfway reminder is said only when it stands this far from the round's other prompts, so a
# short (demonstration) round is not talked over: a 20-second round has none.
HALFWAY_MIN_GAP_S = 15.0
# "Ten seconds left" is said only in a round this long: in a 20-second demonstration round the round's
# start prompt (its number and the hand cue) is still being said at its 10th second, so only the
# chime sounds there.
LAST_SECONDS_PROMPT_MIN_S = 30.0
# "The next round starts in ten seconds", this long before a rest ends (a rest at least twice as long:
# the demonstration's 5-second rest has none, its screen shows the line from the rest's start).
NEXT_ROUND_S = 10.0


class Clip(StrEnum):
    """One recorded or generated sound file; the file name is the value (never a CueKind's value:
    the sound queue records both by name)."""

    GET_READY = "get_ready"
    RESUMING = "resuming"
    COUNT_2 = "count_2"
    COUNT_1 = "count_1"
    ROUND_1 = "round_1"
    ROUND_2 = "round_2"
    ROUND_3 = "round_3"
    HAND_FISTS = "hand_fists"
    HAND_THUMBS = "hand_thumbs"
    HAND_INDEX_BACKS = "hand_index_backs"
    HALFWAY = "halfway"
    LAST_SECONDS = "ten_seconds"
    NEXT_ROUND = "next_round"
    REST_1 = "rest_1"
    REST_2 = "rest_2"
    REST_3 = "rest_3"
    REST_DEMO = "rest_demo"
    SESSION_END = "ending"
    PAUSED = "paused"


ROUND_CLIPS: tuple[Clip, ...] = (Clip.ROUND_1, Clip.ROUND_2, Clip.ROUND_3)
HAND_CLIPS: dict[Technique, Clip] = {
    Technique.FISTS: Clip.HAND_FISTS,
    Technique.THUMBS: Clip.HAND_THUMBS,
    Technique.INDEX_BACKS: Clip.HAND_INDEX_BACKS,
}
# DOMAIN 2 "Timing": rests of 1-3 minutes (0 means none, and then nothing is said).
REST_CLIPS: dict[int, Clip] = {60: Clip.REST_1, 120: Clip.REST_2, 180: Clip.REST_3, DEMO_REST_S: Clip.REST_DEMO}


class PromptKind(StrEnum):
    COUNT = "count"
    ROUND_START = "round_start"
    HALFWAY = "halfway"
    LAST_SECONDS = "last_seconds"
    REST = "rest"
    NEXT_ROUND = "next_round"
    SESSION_END = "session_end"
    PAUSED = "paused"


@dataclass(frozen=True)
class Prompt:
    kind: PromptKind
    at_s: float  # timeline position; the count's are negative (seconds before it ends)
    clips: tuple[Clip, ...]
    cue: CueKind | None = None  # the chime it follows (said after it), if any


def count_prompts(*, resuming: bool = False) -> tuple[Prompt, ...]:
    """The get-ready count, relative to the moment the massage (re)starts: -3, -2, -1.

    The first step names what is happening ("get ready" or "resuming"), the others count down.
    """
    first = Clip.RESUMING if resuming else Clip.GET_READY
    clips = {COUNT_FROM: first, 2: Clip.COUNT_2, 1: Clip.COUNT_1}
    return tuple(Prompt(PromptKind.COUNT, float(-n), (clips[n],)) for n in range(COUNT_FROM, 0, -1))


def count_clip(n: int, *, resuming: bool = False) -> Clip:
    """The clip said when the count shows `n` (3, 2, 1)."""
    return {p.at_s: p.clips[0] for p in count_prompts(resuming=resuming)}[float(-n)]


def paused_prompt(at_s: float) -> Prompt:
    return Prompt(PromptKind.PAUSED, at_s, (Clip.PAUSED,))


def round_clip(number: int, rounds: int) -> Clip | None:
    """ "Round n of 3": only the plan of 3 rounds (DOMAIN 2) has these words."""
    if rounds != len(ROUND_CLIPS) or not 1 <= number <= rounds:
        return None
    return ROUND_CLIPS[number - 1]


@lru_cache(maxsize=64)
def plan_prompts(plan: Plan, technique: Technique | None) -> tuple[Prompt, ...]:
    """Every prompt of a plan's rounds and rests, in timeline order (round 1 starts at 0)."""
    out: list[Prompt] = []
    for phase in plan.phases():
        if phase.kind is PhaseKind.REST:
            rest = REST_CLIPS.get(int(phase.length_s))
            if rest is not None:
                out.append(Prompt(PromptKind.REST, phase.start_s, (rest,), CueKind.ROUND_END))
            if phase.length_s >= 2 * NEXT_ROUND_S:
                out.append(Prompt(PromptKind.NEXT_ROUND, phase.end_s - NEXT_ROUND_S, (Clip.NEXT_ROUND,)))
            continue
        start_clips = [
            c
            for c in (round_clip(phase.number, plan.rounds), HAND_CLIPS.get(technique) if technique else None)
            if c is not None
        ]
        if start_clips:
            out.append(Prompt(PromptKind.ROUND_START, phase.start_s, tuple(start_clips), CueKind.ROUND_START))
        halfway = phase.start_s + phase.length_s / 2
        last = phase.end_s - LAST_SECONDS_CUE
        if halfway - phase.start_s >= HALFWAY_MIN_GAP_S and last - halfway >= HALFWAY_MIN_GAP_S:
            out.append(Prompt(PromptKind.HALFWAY, halfway, (Clip.HALFWAY,)))
        if phase.length_s >= LAST_SECONDS_PROMPT_MIN_S:  # the chime (a cue of the session) sounds anyway
            out.append(Prompt(PromptKind.LAST_SECONDS, last, (Clip.LAST_SECONDS,), CueKind.LAST_SECONDS))
        if phase.number == plan.rounds:
            out.append(Prompt(PromptKind.SESSION_END, phase.end_s, (Clip.SESSION_END,), CueKind.SESSION_END))
    return tuple(sorted(out, key=lambda p: p.at_s))


def prompts_since(session: Session, technique: Technique | None, from_s: float | None, to_s: float) -> list[Prompt]:
    """The plan's prompts with from_s < at_s <= to_s (from_s None: from the very start), except those
    strictly inside a skipped span: skipping a round does not say its halfway reminder."""
    low = float("-inf") if from_s is None or from_s < 0 else from_s
    phases = session.plan.phases()
    spans = [(phases[i].end_s - s, phases[i].end_s) for i, s in session.skipped]
    return [
        p
        for p in plan_prompts(session.plan, technique)
        if low < p.at_s <= to_s and not any(lo < p.at_s < hi for lo, hi in spans)
    ]


def massage_clips(plan: Plan, technique: Technique | None) -> tuple[Clip, ...]:
    """Every clip a massage with this plan may say: the count, its prompts, the count after a
    resume and "paused". The page loads them all before the count starts (a sound loaded at its
    first use would come late or not at all)."""
    heard = (*count_prompts(), *plan_prompts(plan, technique), *count_prompts(resuming=True))
    said = [c for p in heard for c in p.clips]
    return tuple(dict.fromkeys([*said, Clip.PAUSED]))
