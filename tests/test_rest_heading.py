"""The rest's heading at 360 px: "Rest" on its own line and what comes next below it, so that no
language splits "ulangan ke-2" across lines or leaves one word alone on a line; the screen reader
still hears the whole phase in one sentence. (How it looks at 360x800 was judged on screenshots in
both languages and themes.)"""

from __future__ import annotations

import pytest

from app import i18n
from app.domain.protocol import PhaseKind
from app.domain.session import Status
from app.services.session import SessionView
from app.ui.session_words import phase_heading, phase_text


def _view(kind: PhaseKind, number: int) -> SessionView:
    return SessionView(
        status=Status.RUNNING,
        phase_kind=kind,
        round_number=number,
        rounds=3,
        remaining_s=60,
        progress=0.0,
        elapsed_s=0.0,
        demo=False,
    )


@pytest.mark.parametrize(
    ("lang", "heading", "under", "said"),
    [
        ("id", "Istirahat", "Berikutnya: ulangan ke-2 dari 3", "Istirahat: berikutnya ulangan ke-2 dari 3"),
        ("en", "Rest", "Next: round 2 of 3", "Rest: round 2 of 3 comes next"),
    ],
)
def test_the_rest_says_rest_then_what_comes_next(lang, heading, under, said):
    with i18n.using(lang):
        assert phase_heading(_view(PhaseKind.REST, 1)) == (heading, under)
        assert phase_text(_view(PhaseKind.REST, 1)) == said  # the screen reader, in one sentence
        assert phase_heading(_view(PhaseKind.ROUND, 2))[1] is None  # a round: its heading alone
