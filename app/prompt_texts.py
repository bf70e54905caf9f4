"""The words of every spoken prompt (English message ids, translated in the catalogs).

The generated voice (`python -m app.assetgen voice`) reads these in each language; the settings
screen shows them to the midwife who records her own voice. Each line names the DOMAIN.md passage
(sections 2-3) its words come from. It sits below both (no flet import): the asset generator must
not import the UI.
"""

from __future__ import annotations

from app.domain.prompts import Clip
from app.i18n import N_, _, using

CLIP_TEXTS: dict[Clip, str] = {
    # The count is the app's own timing aid (DOMAIN 2 "Timing": the rounds are timed); no advice.
    Clip.GET_READY: N_("Get ready."),
    Clip.RESUMING: N_("Resuming."),
    Clip.COUNT_2: N_("Two."),
    Clip.COUNT_1: N_("One."),
    # DOMAIN 2 "Timing": "3-5 minutes per round, repeated 3 times".
    Clip.ROUND_1: N_("Round one of three."),
    Clip.ROUND_2: N_("Round two of three."),
    Clip.ROUND_3: N_("Round three of three."),
    # DOMAIN 2 "Technique by body build": "heavier (gemuk) mother: both hands clenched into fists"
    # (seed 000 gives no thumb direction: the app asks for none); "Movement: small circles ..., both
    # sides of the spine at once"; "circles from inside outward, slowly"; "Direction: start at the bra
    # line and move up, circle by circle, to the upper edge of the shoulder blades" (DOMAIN 1, 2).
    Clip.HAND_FISTS: N_(
        "Fists. Small circles on both sides of the spine, from the inside outward, moving up "
        "from the bra line to the upper edge of the shoulder blades."
    ),
    # DOMAIN 2: "slim or normal mother: both thumbs (jempol/ibu jari kiri dan kanan)", same movement.
    Clip.HAND_THUMBS: N_(
        "Both thumbs. Small circles on both sides of the spine, from the inside outward, moving up "
        "from the bra line to the upper edge of the shoulder blades."
    ),
    # DOMAIN 2: "or the backs of both index fingers (punggung telunjuk kiri dan kanan)", same movement.
    Clip.HAND_INDEX_BACKS: N_(
        "Backs of the index fingers. Small circles on both sides of the spine, from the inside "
        "outward, moving up from the bra line to the upper edge of the shoulder blades."
    ),
    # DOMAIN 2 "Movement": "gentle pressure that must not hurt or bruise"; DOMAIN 3: "Stop at once if it
    # hurts; pressure that is too strong causes pain" (asking her is how he knows).
    Clip.HALFWAY: N_("Halfway. Press gently: it must not hurt. Ask her if it feels comfortable."),
    # DOMAIN 2 "Timing" (the round's length); the app warns 10 seconds before a round ends.
    Clip.LAST_SECONDS: N_("Ten seconds left."),
    # DOMAIN 2 "Timing" (rounds follow rests); the app says ten seconds ahead that the rest is ending,
    # so his oiled hands are back on her back when the round starts.
    Clip.NEXT_ROUND: N_("The next round starts in ten seconds. Get your hands ready."),
    # DOMAIN 2 "Timing": "Default rest 1 minute, adjustable 0-3 minutes".
    Clip.REST_1: N_("Rest for one minute."),
    Clip.REST_2: N_("Rest for two minutes."),
    Clip.REST_3: N_("Rest for three minutes."),
    # The demonstration's short rest (not from a source: a run-through, never a real massage).
    Clip.REST_DEMO: N_("Rest for five seconds."),
    # DOMAIN 2 "Ending": "wipe the oil off the back with the warm wet washcloth, dry with a towel
    # ([S1]); a good moment to breastfeed."
    Clip.SESSION_END: N_(
        "The massage is finished. Wipe the oil off her back with the warm, wet washcloth, "
        "then dry it with a towel. Now is a good moment to breastfeed."
    ),
    # DOMAIN 3 "Stop at once if it hurts": the pause says it stopped.
    Clip.PAUSED: N_("Paused"),
}


def clip_text(clip: Clip, lang: str | None = None) -> str:
    """The translated words of a clip, in the visitor's language or in `lang`."""
    if lang is None:
        return _(CLIP_TEXTS[clip])
    with using(lang):
        return _(CLIP_TEXTS[clip])
