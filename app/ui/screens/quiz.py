"""The teach-back quiz (/quiz/before, /quiz/after): DOMAIN §5's ten questions, one at a time, options
shuffled for this attempt. Before teaching it shows no answer while it is taken (what the family
knows is measured, not taught; an answer can be changed until Next); after teaching, each answer is
followed by right or not and one short explanation. At the end the score is saved for the mother,
shown beside the other phase's score with both dates, and each question's result is listed with the
right answer (DOMAIN §5)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import flet as ft

from app.domain.quiz import QUESTIONS, Phase, QuizScore, is_right, item, shuffled_options
from app.i18n import _
from app.services.teaching import new_seed
from app.store.errors import StoreWriteError
from app.ui import kit
from app.ui.screens.diary_labels import use_lazy_state
from app.ui.screens.labels import t
from app.ui.screens.store_error import write_problem
from app.ui.screens.teach_labels import EXPLANATIONS, OPTION_TEXTS, PHASES, QUESTION_TEXTS, quiz_pair_row
from app.ui.screens.whose import whose_visit
from app.ui.state import use_app, use_scope

ROUTES = {Phase.BEFORE: "/quiz/before", Phase.AFTER: "/quiz/after"}


@ft.observable
@dataclass
class Attempt:
    """One attempt: its shuffle, where it stands, and the answers given so far."""

    seed: int
    phase: Phase = Phase.AFTER
    index: int = 0
    answers: dict[str, str] = field(default_factory=dict)
    result: QuizScore | None = None
    problem: str = ""

    @property
    def question(self) -> Any:
        return QUESTIONS[self.index]

    @property
    def answered(self) -> str | None:
        return self.answers.get(self.question.value)

    @property
    def tells(self) -> bool:
        """Whether an answer is judged as soon as it is given (after teaching only)."""
        return self.phase is Phase.AFTER

    def choose(self, option: str) -> None:
        # After teaching the first answer counts (its explanation is already shown); before, she
        # may change her mind until Next: nothing was shown.
        if self.answered is None or not self.tells:
            self.answers = {**self.answers, self.question.value: option}

    def next(self) -> None:
        if self.index < len(QUESTIONS) - 1:
            self.index += 1


def _option(code: str, attempt: Attempt) -> ft.Control:
    chosen = attempt.answered
    right = is_right(attempt.question, code)
    icon: ft.IconData | None = None
    color: str = ft.Colors.ON_SURFACE
    border: str = ft.Colors.OUTLINE
    if not attempt.tells:  # before teaching: only which one she chose, never whether it is right
        return _choice(code, attempt, chosen == code)
    if chosen is not None:
        if right:
            icon, color, border = ft.Icons.CHECK_CIRCLE, ft.Colors.PRIMARY, ft.Colors.PRIMARY
        elif code == chosen:
            icon, color, border = ft.Icons.CANCEL, kit.DANGER, kit.DANGER
    text = t(OPTION_TEXTS, code)
    row = ft.Container(
        ft.Row(
            [
                ft.Text(
                    text, size=16, expand=True, color=color, weight=ft.FontWeight.W_600 if code == chosen else None
                ),
                *([ft.Icon(icon, color=color)] if icon else []),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        padding=ft.Padding.symmetric(horizontal=14, vertical=12),
        border=ft.Border.all(2, border),
        border_radius=12,
        ink=chosen is None,
        on_click=(lambda e: attempt.choose(code)) if chosen is None else None,
    )
    verdict = _("right answer") if right else _("not right")
    label = text if chosen is None else f"{text}: {verdict}"
    return ft.Semantics(
        content=row,
        identifier=f"answer-{code}",
        label=label,
        button=chosen is None,
        selected=code == chosen,
        container=True,
        exclude_semantics=True,
        on_tap=(lambda e: attempt.choose(code)) if chosen is None else None,
    )


def _choice(code: str, attempt: Attempt, chosen: bool) -> ft.Control:
    """An option before teaching: marked when chosen, tappable again to change."""
    text = t(OPTION_TEXTS, code)
    row = ft.Container(
        ft.Row(
            [
                ft.Text(text, size=16, expand=True, weight=ft.FontWeight.W_600 if chosen else None),
                *([ft.Icon(ft.Icons.RADIO_BUTTON_CHECKED, color=ft.Colors.PRIMARY)] if chosen else []),
            ],
            vertical_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        padding=ft.Padding.symmetric(horizontal=14, vertical=12),
        border=ft.Border.all(2, ft.Colors.PRIMARY if chosen else ft.Colors.OUTLINE),
        border_radius=12,
        ink=True,
        on_click=lambda e: attempt.choose(code),
    )
    return ft.Semantics(
        content=row,
        identifier=f"answer-{code}",
        label=text,
        button=True,
        selected=chosen,
        container=True,
        exclude_semantics=True,
        on_tap=lambda e: attempt.choose(code),
    )


def review(answers: dict[str, str]) -> list[ft.Control]:
    """After an attempt: each question, her answer, right or not, and the right answer."""
    rows: list[ft.Control] = [kit.heading(_("Each question"), 18)]
    for n, q in enumerate(QUESTIONS, start=1):
        given = answers.get(q.value)
        right = given is not None and is_right(q, given)
        lines: list[ft.Control] = [
            kit.body(f"{n}. {t(QUESTION_TEXTS, q)}", weight=ft.FontWeight.W_600),
            kit.body(
                (_("Answer: %(answer)s") % {"answer": t(OPTION_TEXTS, given)}) if given else _("Not answered"),
                color=ft.Colors.ON_SURFACE_VARIANT,
            ),
        ]
        if right:
            lines.append(kit.body(_("Right"), color=ft.Colors.PRIMARY, weight=ft.FontWeight.W_600))
        else:
            lines.append(
                kit.body(
                    _("Not right. The right answer: %(answer)s") % {"answer": t(OPTION_TEXTS, item(q).answer)},
                    color=kit.DANGER,
                    weight=ft.FontWeight.W_600,
                )
            )
        rows.append(kit.tagged(ft.Column(lines, spacing=2), f"quiz-review-{q.value}"))
    return rows


def _question_controls(attempt: Attempt) -> list[ft.Control]:
    q = attempt.question
    controls: list[ft.Control] = [
        kit.body(
            _("Question %(n)d of %(total)d") % {"n": attempt.index + 1, "total": len(QUESTIONS)},
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        kit.tagged(kit.heading(t(QUESTION_TEXTS, q), 20), "quiz-question"),
        *[_option(code, attempt) for code in shuffled_options(q, attempt.seed)],
    ]
    chosen = attempt.answered
    if chosen is not None and not attempt.tells:  # said, not judged: she sees her answer was taken
        controls.append(
            kit.tagged(
                kit.body(_("Answer chosen. You can change it until you go on."), color=ft.Colors.ON_SURFACE_VARIANT),
                "quiz-chosen",
            )
        )
    if chosen is not None and attempt.tells:
        good = chosen == item(q).answer
        verdict = (
            _("Right!")
            if good
            else _("Not quite. The right answer: %(answer)s") % {"answer": t(OPTION_TEXTS, item(q).answer)}
        )
        controls.append(
            kit.tagged(
                ft.Column(
                    [
                        kit.body(verdict, weight=ft.FontWeight.W_600, color=ft.Colors.PRIMARY if good else kit.DANGER),
                        kit.note(t(EXPLANATIONS, q), icon=ft.Icons.LIGHTBULB_OUTLINE),
                    ],
                    spacing=8,
                ),
                "quiz-explanation",
            )
        )
    return controls


def quiz_view(phase: Phase) -> ft.View:
    """The quiz screen of one phase (its hooks belong to the component that calls it)."""
    app = use_app()
    attempt, _set = use_lazy_state(lambda: Attempt(seed=new_seed(), phase=phase))
    teaching = use_scope().teaching
    title = _("Quiz: %(phase)s") % {"phase": t(PHASES, phase).lower()}
    route = ROUTES[phase]

    def finish(e: Any) -> None:
        try:
            attempt.result = teaching.save_quiz(phase, attempt.answers)
        except StoreWriteError as err:
            attempt.problem = write_problem(err.code)
            return
        app.tell(_("Saved"))

    if attempt.result is not None:
        pair = teaching.quiz_pair()
        result = attempt.result
        controls: list[ft.Control] = [
            kit.tagged(
                kit.heading(
                    _("%(n)d of %(total)d right: %(pct)d%%")
                    % {"n": result.right, "total": result.total, "pct": result.percent}
                ),
                "quiz-score",
            ),
            kit.body(_("Before and after teaching, for this family:")),
            quiz_pair_row(pair.before, pair.after),
            *review(attempt.answers),
        ]
        if phase is Phase.BEFORE:
            controls.append(
                kit.note(
                    _("Now teach the family, then take the quiz again after teaching."), icon=ft.Icons.SCHOOL_OUTLINED
                )
            )
        return kit.screen(
            route,
            title,
            controls,
            on_back=lambda e: app.back(),
            bottom=[kit.primary_button(_("Done"), lambda e: app.back(), "quiz-done", icon=ft.Icons.CHECK)],
            subtitle=whose_visit(app),
        )

    controls = _question_controls(attempt)
    if attempt.problem:
        controls.append(kit.note(attempt.problem, icon=ft.Icons.ERROR_OUTLINE, color=kit.DANGER))
    last = attempt.index == len(QUESTIONS) - 1
    action: ft.Control
    if last:
        # In its own container: Flutter keeps a redrawn node's old identifier, so the Next button at
        # this place must not simply be renamed (a test, or a screen reader, would still see "next").
        action = ft.Container(
            kit.primary_button(
                _("See the score"), finish, "quiz-finish", icon=ft.Icons.CHECK, disabled=attempt.answered is None
            )
        )
    else:
        action = kit.primary_button(
            _("Next question"),
            lambda e: attempt.next(),
            "quiz-next",
            icon=ft.Icons.ARROW_FORWARD,
            disabled=attempt.answered is None,
        )
    return kit.screen(route, title, controls, on_back=lambda e: app.back(), bottom=[action], subtitle=whose_visit(app))


@ft.component
def QuizBefore() -> ft.View:
    return quiz_view(Phase.BEFORE)


@ft.component
def QuizAfter() -> ft.View:
    return quiz_view(Phase.AFTER)
