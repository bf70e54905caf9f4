"""Her phone and her family's as call links (issue 23): on her card in the mothers list and on the
visit, each link asks the phone to dial her number (a `tel:` URI, as the GO NOW card's 119)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import date

import pytest

from app import i18n
from app.domain.clock import FakeClock
from app.domain.profile import Profile
from app.store.db import open_store
from app.ui.screens import call_links, mothers, visit
from app.ui.state import AppState
from tests.render_harness import Mounted, find, identifiers, make_app, texts, walk

BORN = date(2026, 11, 17)


@pytest.fixture
def app(tmp_path) -> Iterator[AppState]:
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("en"):
        state = make_app(store, FakeClock())
        state.scope.store.profile.save(
            Profile(
                mother_name="Siti",
                baby_birth_date=BORN,
                mother_phone="0813 1111 2222",
                family_phone="+62 812 3333 4444",
            ),
            at=state.visitor.clock.wall(),
        )
        yield state


@pytest.fixture
def dialled(monkeypatch) -> list[str]:
    calls: list[str] = []

    async def dial(uri: str) -> None:
        calls.append(uri)

    monkeypatch.setattr(call_links, "dial", dial)
    return calls


def tap(control, identifier: str) -> None:
    button = next(n for n in walk(find(control, identifier)) if getattr(n, "on_click", None))
    asyncio.run(button.on_click(None))


def test_her_card_in_the_mothers_list_calls_her_and_her_family(app, dialled):
    summary = next(s for s in app.visitor.mothers.summaries() if s.id == app.scope.mother_id)
    card = mothers._row(app, summary, can_archive=False, ask_archive=None)
    shown = texts(card)
    assert "Mother: 0813 1111 2222" in shown and "Family: +62 812 3333 4444" in shown
    tap(card, f"call-mother-{summary.id}")
    tap(card, f"call-family-{summary.id}")
    assert dialled == ["tel:+6281311112222", "tel:+6281233334444"]
    assert find(card, f"call-family-{summary.id}").label == "Call Siti's family, +62 812 3333 4444"


def test_the_visit_calls_her_and_her_family(app, dialled):
    screen = Mounted(visit.Visit, app)
    tap(screen.view, "call-mother")
    tap(screen.view, "call-family")
    assert dialled == ["tel:+6281311112222", "tel:+6281233334444"]


def test_without_numbers_there_is_no_call_link(tmp_path):
    with open_store(tmp_path / "app.sqlite3") as store, i18n.using("id"):
        app = make_app(store, FakeClock(), "id")
        app.scope.store.profile.save(Profile(baby_birth_date=BORN), at=app.visitor.clock.wall())
        ids = identifiers(Mounted(visit.Visit, app).view)
        assert not {"call-mother", "call-family"} & ids
        summary = app.visitor.mothers.summaries()[0]
        assert not any(
            i.startswith("call-") for i in identifiers(mothers._row(app, summary, can_archive=False, ask_archive=None))
        )
