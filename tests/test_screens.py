"""Every screen builds, in both languages, from the real store, without a browser."""

from __future__ import annotations

import pytest

from app import i18n
from app.domain.protocol import Build, Contraindication
from app.store.db import open_store
from app.ui.shell import ROUTES
from tests.screens_harness import identifiers, make_context, texts


@pytest.fixture
def ctx(tmp_path, clock):
    with open_store(tmp_path / "app.sqlite3") as store:
        yield make_context(store, clock)
    i18n.set_language("id")


@pytest.mark.parametrize("lang", i18n.LANGUAGES)
@pytest.mark.parametrize("route", sorted(ROUTES))
def test_every_route_builds_in_both_languages(ctx, route, lang):
    i18n.set_language(lang)
    ctx.controller.wizard.choose_build(Build.HEAVIER)
    ctx.page.route = route
    view = ROUTES[route](ctx)
    assert view.route in (route, "/session/run", "/session/technique")
    assert texts(view), "a screen with no text"


def test_safety_next_is_disabled_until_every_question_is_answered(ctx):
    i18n.set_language("en")
    view = ROUTES["/session/safety"](ctx)
    assert "5 questions left" in texts(view)
    ctx.controller.wizard.safety = {c: False for c in Contraindication}
    view = ROUTES["/session/safety"](ctx)
    assert not any("questions left" in t for t in texts(view))


def test_the_rounds_screen_has_stop_pause_and_skip_always(ctx, clock):
    ctx.controller.wizard.choose_build(Build.SLIM_NORMAL)
    ctx.controller.begin()
    view = ROUTES["/session/run"](ctx)
    assert {"stop-hurts", "pause-resume", "skip", "countdown"} <= identifiers(view)
    assert "3:00" in texts(view)
