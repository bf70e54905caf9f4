"""The mother's own danger signs as she meets them, in Chromium at 360x800 with the internet blocked:
a "go now" sign makes an unmistakable card on Today with its call buttons; sadness on day 3 is named
as common (a notice, not a red flag); Today names the postnatal visit (KF) due.

One app server (one database) for the module; the tests run in file order and every wait is on a
condition.
"""

from __future__ import annotations

from datetime import timedelta

from app.domain.profile import Profile
from app.store.db import open_store
from tests.browser.test_diary_flow import back_on_today, rows, see, start, tap, type_into
from tests.testday import CLOCK, TODAY

BORN = TODAY - timedelta(days=3)  # postpartum day 3: KF2 is due (days 3-7)


def _profile(server, **phones: str) -> None:
    with open_store(server.db_file) as store:
        store.profile.save(Profile(baby_birth_date=BORN, **phones), at=CLOCK.wall())


OFF = (
    "(sel) => { const e = document.querySelector(sel);"
    " return e !== null && (e.getAttribute('aria-disabled') === 'true'"
    " || e.querySelector('[aria-disabled=\"true\"]') !== null); }"
)


def answered_all(app, identifier: str) -> None:
    """Until "None of these" is off: every question of its group has an answer."""
    app.page.wait_for_function(OFF, arg=f'[flt-semantics-identifier="{identifier}"]')


def test_a_go_now_sign_shows_the_urgent_card_with_the_call_buttons(open_app, server):
    _profile(server, midwife_phone="0812-3456-7890")
    app = start(open_app, "en")
    tap(app, "open-mother-check")
    app.wait_for("report-save")
    app.wait_for("mother-check")  # the mother's own check comes first
    app.shot("29-report-mother")
    tap(app, "mother-heavy_bleeding-yes")
    app.wait_for("flag-heavy_bleeding")  # its card shows at once, in the form, above the next button
    app.settle()  # as a person does: the next tap once the card has pushed the buttons down
    assert not app.page.evaluate(OFF, '[flt-semantics-identifier="mother-none-go_now"]')  # questions left
    tap(app, "mother-none-go_now")  # the other go-now questions: no
    answered_all(app, "mother-none-go_now")
    tap(app, "flow-well")
    tap(app, "report-save")
    card = back_on_today(app, "flag-heavy_bleeding")
    assert card.get_attribute("aria-label") and "Urgent" in card.get_attribute("aria-label")
    see(app, "Go to the nearest health facility now. Someone should take you. Bring the Buku KIA.")
    card.locator('[flt-semantics-identifier="call-119"]').wait_for(state="attached")  # first, always
    card.locator('[flt-semantics-identifier="call-midwife"]').wait_for(state="attached")  # her number is saved
    assert card.locator('[flt-semantics-identifier="call-facility"]').count() == 0  # no number saved for it
    see(app, "Call the midwife")
    app.shot("30-today-urgent")
    saved = rows(server, "SELECT mother_signs FROM reports WHERE day = ?", (TODAY.isoformat(),))
    assert saved and '"heavy_bleeding": true' in saved[0][0] and '"fits": false' in saved[0][0]


def test_the_urgent_card_in_indonesian(open_app, server):
    app = start(open_app, "id")
    app.wait_for("flag-heavy_bleeding")
    see(app, "Segera ke fasilitas kesehatan terdekat sekarang. Minta seseorang mengantar Ibu. Bawa Buku KIA.")
    app.shot("30-today-urgent")
    tap(app, "open-mother-check")
    app.wait_for("mother-check")
    app.shot("29-report-mother")


def test_adding_the_facility_phone_puts_it_on_the_card(open_app, server):
    app = start(open_app, "en")
    app.wait_for("flag-heavy_bleeding")
    tap(app, "edit-profile")
    app.wait_for("profile-save")
    type_into(app, "field-facility_phone", "12ab")
    tap(app, "profile-save")
    app.el("field-facility_phone").get_by_text("Please enter a phone number, e.g. 0812-3456-7890.").wait_for(
        state="attached"
    )
    type_into(app, "field-facility_phone", "(021) 555 1234")
    app.shot("21-profile-phones")
    tap(app, "profile-save")
    app.wait_for("flag-heavy_bleeding")
    see(app, "Call the health facility")
    assert rows(server, "SELECT facility_phone FROM mothers") == [("(021) 555 1234",)]


def test_sadness_on_day_3_is_named_as_common_not_a_red_flag(open_app, server):
    app = start(open_app, "id")
    tap(app, "open-mother-check")
    app.wait_for("mother-check")
    tap(app, "mother-heavy_bleeding-no")
    tap(app, "mother-sad-yes")
    tap(app, "report-save")
    app.wait_for("notice-baby_blues")
    see(app, "Perasaan ini akan berlalu dalam sekitar dua minggu.")
    assert app.el("flag-heavy_bleeding").count() == 0
    assert app.el("flag-sadness_lasting").count() == 0
    app.shot("31-today-baby-blues")


def test_today_names_the_postnatal_visit_due(open_app, server):
    app = start(open_app, "en")
    visit = app.wait_for("kf-visit")
    see(app, "Postnatal visit KF2 (kunjungan nifas) is due: days 3-7 after birth")
    assert visit.count() == 1
    app.shot("32-today-kf")
