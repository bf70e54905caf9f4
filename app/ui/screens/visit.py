"""The midwife's visit (/visit): everything for one mother's visit in one place: the postnatal (KF)
visits (mark the one due done, change or undo one), demonstrate the massage, the quiz before and
after teaching (scores side by side), the skills check, and the visit summary to keep or print."""

from __future__ import annotations

import flet as ft

from app.i18n import _
from app.ui import kit
from app.ui.screens.call_links import call_links
from app.ui.screens.demonstrate import start_demonstration
from app.ui.screens.teach_labels import quiz_pair_row, skills_lines
from app.ui.screens.visit_kf import kf_card
from app.ui.screens.whose import name_of, whose_visit
from app.ui.state import OWN_VOICE_ROUTE, VISIT_ROUTE, use_app, use_scope

ROUTE = VISIT_ROUTE  # its button: app/ui/screens/entries.py


def _card(controls: list[ft.Control]) -> ft.Control:
    return ft.Card(content=ft.Container(ft.Column(controls, spacing=10), padding=16))


@ft.component
def Visit() -> ft.View:
    app = use_app()
    scope = use_scope()
    teaching = scope.teaching  # drawn again after a quiz, a check or a visit is saved
    pair = teaching.quiz_pair()
    mother = app.visitor.mothers.get(app.scope.mother_id)
    controls: list[ft.Control] = [
        kf_card(app, scope.visits),
        *(call_links(mother, name_of(mother)) if mother is not None else []),
        kit.body(_("Show the massage, check what the family understood, and watch them do it.")),
        _card(
            [
                kit.heading(_("Demonstrate"), 18),
                kit.body(
                    _(
                        "The whole massage at demonstration speed (rounds of 20 seconds), with the explanations "
                        "open and large drawings. Nothing is recorded in the mother's diary."
                    ),
                    color=ft.Colors.ON_SURFACE_VARIANT,
                ),
                kit.primary_button(
                    _("Demonstrate the massage"),
                    lambda e: start_demonstration(app),
                    "open-demo",
                    icon=ft.Icons.PLAY_CIRCLE_OUTLINE,
                ),
            ]
        ),
        _card(
            [
                kit.heading(_("Teach-back quiz"), 18),
                kit.body(
                    _("Ten questions, taken before teaching and again after."), color=ft.Colors.ON_SURFACE_VARIANT
                ),
                quiz_pair_row(pair.before, pair.after),
                kit.primary_button(
                    _("Quiz before teaching"),
                    lambda e: app.go("/quiz/before"),
                    "open-quiz-before",
                    icon=ft.Icons.QUIZ_OUTLINED,
                ),
                kit.secondary_button(
                    _("Quiz after teaching"), lambda e: app.go("/quiz/after"), "open-quiz-after", icon=ft.Icons.QUIZ
                ),
            ]
        ),
        _card(
            [
                kit.heading(_("Skills check"), 18),
                *skills_lines(teaching.last_skills()),
                kit.primary_button(
                    _("Check the massage skills"), lambda e: app.go("/skills"), "open-skills", icon=ft.Icons.CHECKLIST
                ),
            ]
        ),
        _card(
            [
                kit.heading(_("Your voice for the family"), 18),
                kit.body(
                    _(
                        "Record the spoken prompts in your own voice, in any language the family speaks; the "
                        "family's phone then coaches with your voice."
                    ),
                    color=ft.Colors.ON_SURFACE_VARIANT,
                ),
                kit.secondary_button(
                    _("Record the prompts"),
                    lambda e: app.go(OWN_VOICE_ROUTE),
                    "open-own-voice-visit",
                    icon=ft.Icons.MIC,
                ),
            ]
        ),
        _card(
            [
                kit.heading(_("Visit summary"), 18),
                kit.body(
                    _(
                        "The last 7 days, massages, warning signs, quiz and skills, and the next visit: to keep or "
                        "print as a PDF or a CSV file."
                    ),
                    color=ft.Colors.ON_SURFACE_VARIANT,
                ),
                kit.primary_button(
                    _("Open the visit summary"), lambda e: app.go("/summary"), "open-summary", icon=ft.Icons.SUMMARIZE
                ),
            ]
        ),
    ]
    return kit.screen(ROUTE, _("Midwife's visit"), controls, on_back=lambda e: app.back(), subtitle=whose_visit(app))
