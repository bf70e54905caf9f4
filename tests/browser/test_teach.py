"""The midwife's visit in a real browser at 360x800: a demonstration that leaves no trace in the diary,
a quiz before and after teaching, the skills checklist, and the visit summary saved as a PDF and a
CSV (real downloads). One app server; one tab per language; screenshots of every new screen."""

from __future__ import annotations

import io
import re
from datetime import timedelta

from pypdf import PdfReader

from app.domain.profile import Profile
from app.domain.quiz import ITEMS
from app.domain.report import validate_report
from app.store.db import open_store
from tests.browser.test_diary_flow import rows, start, tap, type_into
from tests.browser.test_session_flow import answer_safety
from tests.testday import CLOCK, TODAY

WRONG = {"hormone": "hormone.prolactin", "how_often": "how_often.once_a_week"}  # two mix-ups before teaching


def said(app, identifier: str) -> str:
    """What a screen reader says for a control: its label, or the text inside it."""
    loc = app.el(identifier).first
    return loc.get_attribute("aria-label") or loc.inner_text()


def seed(server) -> None:
    """A mother on day 5 with a report today: the summary has something to say."""
    today = TODAY
    with open_store(server.db_file) as store:
        now = CLOCK.wall()
        store.profile.save(Profile(mother_name="Siti Ma'rifah", baby_birth_date=today - timedelta(days=5)), at=now)
        report, errors = validate_report(
            {
                "day": today,
                "flow": "not_well",
                "feeds_24h": 7,
                "wet_diapers": 5,
                "signs": {"feeds_8_to_12": False, "baby_satisfied": True},
            },
            today=today,
            birth_date=today - timedelta(days=5),
        )
        assert report is not None, errors
        store.diary.save(report, at=now)


def quiz(app, phase: str, wrong: dict[str, str], *, shots: bool) -> None:
    tap(app, f"open-quiz-{phase}")
    app.wait_for("quiz-question")
    for n, item in enumerate(ITEMS):
        tap(app, f"answer-{wrong.get(item.question.value, item.answer)}")
        if phase == "after":
            app.wait_for("quiz-explanation")  # after teaching: right or not, at once
        else:  # before teaching: nothing judged while it is taken (DOMAIN §5), only the choice marked
            app.wait_for("quiz-chosen")
            assert app.el("quiz-explanation").count() == 0
        if shots and n == 0:
            app.shot(f"41-quiz-{phase}")
        try:
            app.tap("quiz-finish" if n == len(ITEMS) - 1 else "quiz-next")
        except Exception:
            app.shot(f"failed-quiz-{n}", still=False)
            raise
    app.wait_for("quiz-score")
    app.el("quiz-review-where").wait_for(state="attached")  # each question's result, with the right answer
    if shots:
        app.shot(f"42-quiz-score-{phase}")
    # The "saved" notice floats above the fixed Done button, never over it (a tap on Done in its
    # 4 seconds used to land on the notice).
    notice, done = app.wait_for("notice"), app.wait_for("quiz-done")
    box: dict = {}

    def placed() -> bool:
        box.update(notice.bounding_box() or {})
        return bool(box)

    app.until(placed, what="the notice on screen")
    done_box = done.bounding_box()
    assert done_box is not None and box["y"] + box["height"] <= done_box["y"], (box, done_box)
    app.tap("quiz-done")
    app.wait_for("open-quiz-before")


def skills(app, *, who: str, name: str, shots: bool) -> None:
    tap(app, "open-skills")
    app.wait_for("skills-save")
    tap(app, f"skills-who-{who}")
    type_into(app, "skills-name", name)
    for step in ("position", "landmark", "technique", "circles", "duration"):
        tap(app, f"step-{step}")
    app.page.wait_for_selector('[flt-semantics-identifier="step-duration"][aria-checked="true"]', state="attached")
    if shots:
        app.shot("44-skills")
    app.tap("skills-save")
    app.wait_for("skills-score")
    if shots:
        app.shot("45-skills-result")
    app.tap("skills-done")


def drawing_seen(app):
    """The back drawing as the screen shows it (without its rounded corners' outside, where a paused
    screen's tint shows), as a PIL image."""
    from PIL import Image

    app.settle()
    box = app.el("back-drawing").first.bounding_box()
    assert box is not None
    shot = Image.open(io.BytesIO(app.page.screenshot())).convert("RGB")
    inset = 18
    return shot.crop(
        (
            int(box["x"]) + inset,
            int(box["y"]) + inset,
            int(box["x"] + box["width"]) - inset,
            int(box["y"] + box["height"]) - inset,
        )
    )


def assert_same_drawing(drawn, kept) -> None:
    """The drawing kept as one image looks as the one drawn from its shapes: each channel of each
    pixel off by less than 4 on average, and neither is a blank. Compared as far as both are on
    the screen (on the rounds screen, the buttons below cover the drawing's lower part)."""
    from PIL import ImageChops, ImageStat

    assert drawn.width == kept.width, (drawn.size, kept.size)
    height = min(drawn.height, kept.height)
    assert height > 150, (drawn.size, kept.size)  # most of the drawing, its zone and labels
    drawn, kept = drawn.crop((0, 0, drawn.width, height)), kept.crop((0, 0, kept.width, height))
    assert min(ImageStat.Stat(drawn.convert("L")).stddev[0], ImageStat.Stat(kept.convert("L")).stddev[0]) > 20
    diff = ImageStat.Stat(ImageChops.difference(drawn, kept)).mean
    assert max(diff) < 4, diff


def demonstrate(app, *, shots: bool) -> None:
    tap(app, "open-demo")
    app.wait_for("to-safety")
    app.page.wait_for_selector('[flt-semantics-identifier="demo-switch"][aria-checked="true"]', state="attached")
    app.tap("to-safety")
    app.wait_for("safety-fever_ill-no")
    answer_safety(app)
    app.tap("safety-next")
    app.tap("to-position")
    app.wait_for("to-technique")
    app.page.wait_for_selector('[flt-semantics-identifier="why-position"][aria-expanded="true"]', state="attached")
    if shots:
        app.shot("46-demo-position")
    app.tap("to-technique")
    app.tap("build-slim_normal")
    app.wait_for("technique-thumbs")
    app.tap("to-landmarks")
    app.wait_for("start-round")
    if shots:
        app.shot("47-demo-landmarks")
    drawn = drawing_seen(app)  # from its shapes, without the dots
    app.tap("start-round")
    app.wait_for("stop-hurts")
    if shots:
        app.shot("48-demo-rounds")
    # The running massage's drawing, which the page keeps as one image (its dots move once a second,
    # and a canvas draws every shape at every frame): paused, without the dots, it looks the same.
    app.wait_for("back-drawing-kept")
    app.tap("pause-resume")
    app.el("pause-resume").filter(has_text=re.compile("Lanjutkan|Resume")).wait_for(state="attached")
    assert_same_drawing(drawn, drawing_seen(app))
    app.tap("end-top")
    app.tap("confirm-yes")
    app.wait_for("finish-demo-done")
    app.tap("finish-demo-done")
    app.wait_for("open-demo")


def test_the_whole_visit_in_indonesian(open_app, server, tmp_path):
    seed(server)
    app = start(open_app, "id")
    tap(app, "open-visit")
    app.wait_for("open-quiz-before")
    app.shot("40-visit")
    demonstrate(app, shots=True)
    # The demonstration is stored marked as one, and no diary screen shows it.
    assert rows(server, "SELECT demo, status FROM sessions") == [(1, "ended_early")]
    quiz(app, "before", WRONG, shots=True)
    quiz(app, "after", {}, shots=True)
    assert rows(server, "SELECT phase, score_pct FROM quiz_results ORDER BY id") == [("before", 80), ("after", 100)]
    assert "80%" in said(app, "quiz-before-score")
    assert "100%" in said(app, "quiz-after-score")
    skills(app, who="husband", name="Budi", shots=True)
    app.wait_for("skills-last")
    assert "56%" in said(app, "skills-last")
    assert rows(server, "SELECT who, who_name, score_pct FROM skills_checks") == [("husband", "Budi", 56)]
    app.shot("40-visit")  # with the results
    tap(app, "open-summary")
    app.wait_for("summary-days")
    app.see("Siti Ma'rifah")
    app.shot("43-summary")
    with app.page.expect_download(timeout=20_000) as pdf_download:
        app.tap("summary-pdf")
    pdf = pdf_download.value
    assert pdf.suggested_filename.endswith(".pdf")
    path = tmp_path / pdf.suggested_filename
    pdf.save_as(path)
    # Every page: the summary's temperature and notes sections push the skills line onto page 2.
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(path.read_bytes())).pages).split())
    for words in (
        "Ringkasan kunjungan",
        "Untuk keluarga: bahan belajar, bukan diagnosis",
        "Siti Ma'rifah",
        "Sebelum diajari: 80%",
        "Sesudah diajari: 100%",
        "Suami (Budi): 5 dari 9 langkah benar (56%)",
        "0 kali pijat",
    ):
        assert words in text, words
    with app.page.expect_download(timeout=20_000) as csv_download:
        app.tap("summary-csv")
    csv_path = tmp_path / "s.csv"
    csv_download.value.save_as(csv_path)
    data = csv_path.read_bytes().decode("utf-8-sig")
    assert data.startswith("section,date,time,item,value,unit,text") and "Siti Ma'rifah" in data
    # The diary's own screens never show the demonstration.
    app.tap("back")
    app.wait_for("open-summary")  # the visit again: a second tap on the leaving screen's Back would be lost
    app.tap("back")
    app.wait_for("open-settings")  # Today
    tap(app, "open-history")
    app.see("Belum ada pijat")


def test_the_visit_screens_in_english(open_app, server):
    app = start(open_app, "en")
    tap(app, "open-visit")
    app.wait_for("open-quiz-before")
    app.see("Midwife's visit")
    app.shot("40-visit")
    quiz(app, "after", WRONG, shots=True)
    skills(app, who="family", name="Ratna", shots=True)
    demonstrate(app, shots=True)
    tap(app, "open-summary")
    app.wait_for("summary-days")
    app.see("Visit summary")
    app.shot("43-summary")
    assert rows(server, "SELECT count(*) FROM sessions WHERE demo = 0") == [(0,)]
    assert ("family", "Ratna", 56) in rows(server, "SELECT who, who_name, score_pct FROM skills_checks")
