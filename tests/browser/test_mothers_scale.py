"""A midwife's list at her scale (issue 23), in Chromium at 360x800 with the internet blocked, on
a device seeded through the app's own store with 300 mothers (tests/seed_many.py).

She opens the list: the mother with a danger sign this week is in the first rows, on the first
screen; only a page of rows is built; the name search finds a mother who is on page 10 (in the
"Finished" section); she brings a finished mother back, and it is stored. The time from the tap
on "All mothers (300)" to the first row is recorded (tests/artifacts/mothers-scale.json) and
held to a generous bound only: on this shared 2-core machine the load average is often 10-16, and
the 1 s target is measured by tests/benchmarks/waits.py (`python -m tests.benchmarks --only waits`), not asserted here.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator

import pytest

from tests.app_server import AppServer, start_app
from tests.benchmarks.waits import first_row_seconds, scroll_step_seconds, seed_device
from tests.browser.conftest import ARTIFACTS, LOOKS
from tests.browser.test_diary_flow import rows, scroll_to, tap, type_into
from tests.seed_many import Seeded

MOTHERS = 300
# A generous bound for the tap to the first row under a heavy load (the target is 1 s; measured
# 1.9 s at load average 15 on 2 cores). What it catches: the whole list sent again (16-18 s
# under load before).
FIRST_ROW_BOUND_S = 8.0
FIRST_SCREEN_BOTTOM = 800 - 96  # above the fixed "Add a mother" bar


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Iterator[tuple[AppServer, Seeded]]:
    data_dir = tmp_path_factory.mktemp("appdata")
    who = seed_device(data_dir, MOTHERS)
    srv = start_app(data_dir)
    yield srv, who
    srv.stop()


@pytest.fixture(scope="module")
def server(seeded) -> AppServer:
    return seeded[0]


def test_who_needs_her_is_on_the_first_screen_and_search_finds_page_10(open_app, seeded):
    server, who = seeded
    app = open_app("id", skip_intro=False)
    first = f"mother-{who.go_now_recent}"
    took = first_row_seconds(app, first)  # from Today's "Semua ibu (300)"
    # The flags of this week on the first screen: the first card whole, the second down to its
    # warning line (her name, her day and the sign: about 90 px).
    box = app.el(f"mother-{who.go_now_recent}").bounding_box()
    assert box is not None and box["y"] + box["height"] <= FIRST_SCREEN_BOTTOM, box
    box = app.el(f"mother-{who.today_recent}").bounding_box()
    assert box is not None and box["y"] + 90 <= FIRST_SCREEN_BOTTOM, box
    cards = app.page.locator('[flt-semantics-identifier^="mother-"]')
    tops = sorted((box["y"], cards.nth(i).get_attribute("flt-semantics-identifier")) for i in range(cards.count())
                  if (box := cards.nth(i).bounding_box()) is not None)  # fmt: skip
    # then the mother on day 2 whose KF1 window closes today
    assert [card for _, card in tops[:3]] == [
        f"mother-{m}" for m in (who.go_now_recent, who.today_recent, who.day2_kf1)
    ]
    # Only a page is built: the mothers far down are not on the page until asked for.
    assert app.el(f"finished-mother-{who.go_now_old}").count() == 0
    assert app.el(f"mother-{who.go_now_old}").count() == 0
    app.wait_for("finished")
    step = scroll_step_seconds(app)

    # Page 10: the finished mother whose name sorts last. The search looks through every mother.
    name = who.names[who.last_by_name]
    type_into(app, "mothers-filter", name.split()[0].lower() + " " + name.split()[1][:3].lower())
    app.wait_for(f"finished-mother-{who.last_by_name}")
    assert app.el(f"finished-mother-{who.go_now_old}").count() == 0  # only the ones whose name matches

    # Bring her back: she is on the active list, and the file says so.
    tap(app, f"keep-mother-{who.last_by_name}")
    app.wait_for(f"mother-{who.last_by_name}")
    scroll_to(app, f"unkeep-mother-{who.last_by_name}")
    app.shot("72-mothers-kept")
    assert rows(server, "SELECT kept_at IS NOT NULL FROM mothers WHERE id = ?", (who.last_by_name,)) == [(1,)]
    # ... and undo it.
    tap(app, f"unkeep-mother-{who.last_by_name}")
    app.wait_for(f"finished-mother-{who.last_by_name}")
    assert rows(server, "SELECT kept_at FROM mothers WHERE id = ?", (who.last_by_name,)) == [(None,)]

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    figures = {"mothers": MOTHERS, "first_row_s": took, "scroll_step_s": step, "load": os.getloadavg()}
    (ARTIFACTS / "mothers-scale.json").write_text(json.dumps(figures))
    assert took < FIRST_ROW_BOUND_S, figures


@pytest.mark.parametrize(("lang", "scheme"), LOOKS)
def test_screenshots_of_the_list_at_300(open_app, seeded, lang, scheme):
    server, who = seeded
    app = open_app(lang, color_scheme=scheme, skip_intro=False)
    app.wait_for(f"mother-{who.go_now_recent}")
    app.page.mouse.move(5, 795)  # no hover highlight on a card in the picture
    app.shot(f"70-mothers-300-{scheme}")
    tap(app, "finished")
    first_finished = app.page.locator('[flt-semantics-identifier^="finished-mother-"]').first
    first_finished.wait_for(state="attached")
    scroll_to(app, str(first_finished.get_attribute("flt-semantics-identifier")))
    app.page.mouse.move(5, 795)
    app.shot(f"71-mothers-300-finished-{scheme}")


def test_at_300_a_kf_visit_marked_done_leaves_the_week(open_app, seeded):
    """Her week across 300 mothers: the mother whose KF2 was never marked done is owed it; she
    marks it done (picked in the form, as the visit now due is KF3), and the week no longer lists it."""
    server, who = seeded
    app = open_app("en", skip_intro=False)  # a midwife's app opens on her list
    tap(app, "open-due")
    overdue, kf3 = f"due-{who.kf_overdue}-kf2", f"due-{who.kf_overdue}-kf3"
    app.wait_for(overdue)
    app.wait_for(kf3)  # due now, its window open until day 28
    app.shot("75-due-300")
    tap(app, overdue)
    tap(app, "kf-mark-done")
    tap(app, "done-visit-kf2")
    app.tap("visit-done-save")
    app.wait_for("kf-undo-kf2")
    assert rows(
        server,
        "SELECT visit FROM visits WHERE mother_id = ? AND undone_at IS NULL AND visit = 'kf2'",
        (who.kf_overdue,),
    ) == [("kf2",)]
    app.tap("back")
    app.wait_for(kf3)
    app.until(lambda: app.el(overdue).count() == 0, what="her KF2 left the week")
