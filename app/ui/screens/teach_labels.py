"""Words for the midwife's visit: the quiz's questions, options and explanations (DOMAIN §5, with the
facts of §1-3 they come from), the skills checklist's steps (DOMAIN §2 wording), and the small cards
that show quiz and skills results side by side (the visit screen, the quiz's end, the summary)."""

from __future__ import annotations

from datetime import datetime

import flet as ft

from app.domain.quiz import Phase, Question, QuizAttempt
from app.domain.skills import Checked, SkillsCheck, Step
from app.i18n import N_, _, format_date
from app.ui import kit
from app.ui.screens.labels import t

QUESTION_TEXTS = {
    Question.WHERE: N_("Where on the body is the massage done, and which way do the hands move?"),
    Question.START: N_("Where does each stroke start?"),
    Question.HAND_SHAPE: N_("Which hand shape is used?"),
    Question.HOW_LONG: N_("How long is the massage, and how many times is it repeated?"),
    Question.POSITION: N_("How does the mother sit for the massage?"),
    Question.WHEN_NOT: N_("When must the massage NOT be done?"),
    Question.IF_IT_HURTS: N_("What do you do if the massage hurts?"),
    Question.RED_BREAST: N_("A breast is red and hot, and the mother has a fever. What should she do?"),
    Question.HORMONE: N_("Which hormone lets the milk flow out of the breast?"),
    Question.HOW_OFTEN: N_("How often a day is the massage done?"),
}
OPTION_TEXTS = {
    "where.spine_sides": N_(
        "On both sides of the spine, from the bra line (ribs 5-6) up to the upper edge of the shoulder blades"
    ),
    "where.spine_down": N_(
        "On both sides of the spine, from the upper edge of the shoulder blades down to the bra line"
    ),
    "where.breasts": N_("On the breasts, around the nipples"),
    "where.on_the_bones": N_("Right on the bones of the spine"),
    "start.bra_line": N_("At the bra line (ribs 5-6); then the hands move up"),
    "start.shoulder_blades": N_("At the upper edge of the shoulder blades; then the hands move down"),
    "start.neck_bone": N_("At the bone that sticks out at the base of the neck"),
    "start.lowest_ribs": N_("At the lowest ribs"),
    "hand_shape.by_build": N_(
        "Fists for a heavier mother; both thumbs or the backs of the index fingers for a slim or normal mother"
    ),
    "hand_shape.swapped": N_("Both thumbs for a heavier mother; fists for a slim or normal mother"),
    "hand_shape.fists_for_all": N_("Fists for every mother, whatever her build"),
    "how_long.3_5_min_3_rounds": N_("3-5 minutes a round, repeated 3 times"),
    "how_long.1_min_once": N_("1 minute, once"),
    "how_long.3_5_min_10_rounds": N_("3-5 minutes a round, repeated 10 times"),
    "position.lean_forward": N_("Sitting, leaning forward, arms folded on a table, breasts free"),
    "position.lying_on_back": N_("Lying on her back"),
    "position.standing_bra_on": N_("Standing up straight, with her bra on"),
    "when_not.contraindications": N_(
        "With a fever, a wound or bruise on the back, a bleeding disorder, or when she is pregnant"
    ),
    "when_not.milk_not_flowing": N_("When the milk is not flowing well yet"),
    "when_not.first_days": N_("In the first days after birth"),
    "if_it_hurts.stop_lighter": N_("Stop, and use less pressure"),
    "if_it_hurts.press_harder": N_("Press harder, so it works faster"),
    "if_it_hurts.carry_on": N_("Carry on until the round ends"),
    "red_breast.keep_feeding_call": N_("Keep breastfeeding and contact the midwife"),
    "red_breast.stop_feeding": N_("Stop breastfeeding until it heals"),
    "red_breast.wait": N_("Wait a few days to see if it passes"),
    "red_breast.massage_more": N_("Do the back massage more often instead"),
    "hormone.oxytocin": N_("Oxytocin"),
    "hormone.prolactin": N_("Prolactin"),
    "hormone.adrenaline": N_("Adrenaline"),
    "how_often.morning_evening": N_("Morning and evening"),
    "how_often.once_a_week": N_("Once a week"),
    "how_often.only_if_no_milk": N_("Only on a day when no milk comes"),
}
# One short explanation per question, shown after it is answered (DOMAIN §1-3, cited beside each).
EXPLANATIONS = {
    # §1, §2 Landmarks
    Question.WHERE: N_(
        "The massage runs on both sides of the spine, 1-2 finger-widths from it, from the "
        "bra line (ribs 5-6) up to the upper edge of the shoulder blades."
    ),
    # §2 Movement: "start at the bra line and move up ... then lift the hands, return to the bra line"
    Question.START: N_(
        "Each stroke starts at the bra line and moves up, circle by circle, to the upper edge of the "
        "shoulder blades. Then lift the hands, go back to the bra line and start again."
    ),
    # §2 Technique by body build (seed 000)
    Question.HAND_SHAPE: N_(
        "The hand shape follows her build: fists for a heavier mother, both thumbs or the "
        "backs of the index fingers for a slim or normal one."
    ),
    # §2 Timing (seed 000)
    Question.HOW_LONG: N_("Each round lasts 3-5 minutes and is repeated 3 times, with a short rest between rounds."),
    # §2 Position
    Question.POSITION: N_(
        "She sits leaning forward with her arms folded on the table and her head on her arms, "
        "her back toward the person doing the massage."
    ),
    # §3 Do not massage
    Question.WHEN_NOT: N_(
        "Do not massage with a fever or illness, a wound, rash or bruise on the back, a "
        "bleeding disorder or blood-thinning medicine, a back injury, or a pregnancy. When in "
        "doubt, ask the midwife first."
    ),
    # §3 Stop at once if it hurts
    Question.IF_IT_HURTS: N_(
        "Stop at once if it hurts: pressure that is too strong causes pain. The pressure should be gentle."
    ),
    # §3 Red flags (mastitis: keep breastfeeding, contact the midwife today)
    Question.RED_BREAST: N_("These can be signs of mastitis. Keep breastfeeding, and contact the midwife today."),
    # §1 oxytocin lets milk out; prolactin makes it; adrenaline (stress) blocks let-down
    Question.HORMONE: N_(
        "Oxytocin lets the milk flow out. Prolactin makes the milk. Stress hormones such as "
        "adrenaline block the let-down."
    ),
    # §2 How often
    Question.HOW_OFTEN: N_("Twice a day: in the morning and in the evening."),
}
PHASES = {Phase.BEFORE: N_("Before teaching"), Phase.AFTER: N_("After teaching")}

# DOMAIN §5b, in the order the massage is done; each line is what the midwife watches for.
STEP_TEXTS = {
    Step.SAFETY: N_('Asks the safety questions, and stops for any "yes" or "not sure"'),
    Step.HANDS: N_("Washes the hands, warms them and oils them"),
    Step.POSITION: N_("Seats her leaning forward, back bare, a towel on her lap, in a private place"),
    Step.LANDMARK: N_("Finds the bra line and the upper edge of the shoulder blades, 1-2 fingers beside the spine"),
    Step.TECHNIQUE: N_(
        "Hand shape for her build: fists for a heavier mother, thumbs or index-finger backs for a slim or normal one"
    ),
    Step.CIRCLES: N_("Small circles from inside outward, both sides at once, moving up, with gentle pressure"),
    Step.ASKS_PAIN: N_("Asks her whether it hurts, and presses lighter or stops"),
    Step.DURATION: N_("Keeps time: 3-5 minutes a round, 3 rounds"),
    Step.ENDING: N_("Wipes the oil off with the warm washcloth, dries her, and suggests breastfeeding"),
    # The first checklist's step, shown for checks saved with it.
    Step.PRESSURE: N_("Pressure: gentle, it does not hurt or bruise"),
}
# Short names for lists ("to practise next time").
STEP_SHORT = {
    Step.SAFETY: N_("Safety questions"),
    Step.HANDS: N_("Clean, warm, oiled hands"),
    Step.POSITION: N_("Position"),
    Step.LANDMARK: N_("Landmarks"),
    Step.TECHNIQUE: N_("Hand shape for her build"),
    Step.PRESSURE: N_("Gentle pressure"),
    Step.CIRCLES: N_("Small circles, moving up"),
    Step.ASKS_PAIN: N_("Asking about pain"),
    Step.DURATION: N_("Duration"),
    Step.ENDING: N_("Ending with the washcloth"),
}
CHECKED_WHO = {Checked.HUSBAND: N_("Husband"), Checked.FAMILY: N_("Other family member")}


def when(moment: datetime) -> str:
    return format_date(moment.astimezone())


def who_text(check: SkillsCheck) -> str:
    who = t(CHECKED_WHO, check.who)
    return f"{who} ({check.who_name})" if check.who_name else who


def not_yet_text(check: SkillsCheck) -> str:
    missing = check.result.not_yet
    if not missing:
        return _("Every step was done right.")
    return _("To practise next time: %(steps)s") % {"steps": ", ".join(t(STEP_SHORT, s) for s in missing)}


def _score_box(label: str, attempt: QuizAttempt | None, identifier: str) -> ft.Control:
    value = f"{attempt.score_pct}%" if attempt else "–"
    sub = when(attempt.taken_at) if attempt else _("not taken yet")
    box = ft.Container(
        ft.Column(
            [
                ft.Text(label, size=14, weight=ft.FontWeight.W_600, text_align=ft.TextAlign.CENTER),
                ft.Text(value, size=30, weight=ft.FontWeight.BOLD, color=ft.Colors.PRIMARY),
                ft.Text(sub, size=13, color=ft.Colors.ON_SURFACE_VARIANT, text_align=ft.TextAlign.CENTER),
            ],
            spacing=2,
            horizontal_alignment=ft.CrossAxisAlignment.CENTER,
        ),
        padding=10,
        border_radius=12,
        bgcolor=ft.Colors.SURFACE_CONTAINER_HIGHEST,
        expand=True,
    )
    return kit.tagged(
        box, identifier, label=f"{label}: {value}, {sub}", expand=True, container=True, exclude_semantics=True
    )


def quiz_pair_row(before: QuizAttempt | None, after: QuizAttempt | None) -> ft.Control:
    """Before and after teaching, side by side, each with its date."""
    return ft.Row(
        [
            _score_box(_(PHASES[Phase.BEFORE]), before, "quiz-before-score"),
            _score_box(_(PHASES[Phase.AFTER]), after, "quiz-after-score"),
        ],
        spacing=8,
    )


def skills_lines(check: SkillsCheck | None) -> list[ft.Control]:
    if check is None:
        return [kit.body(_("Not checked yet."), color=ft.Colors.ON_SURFACE_VARIANT)]
    score = _("%(who)s: %(n)d of %(total)d steps right (%(pct)d%%), %(date)s") % {
        "who": who_text(check),
        "n": check.result.right,
        "total": check.result.total,
        "pct": check.score_pct,
        "date": when(check.checked_at),
    }
    return [
        kit.tagged(kit.body(score, weight=ft.FontWeight.W_600), "skills-last"),
        kit.tagged(kit.body(not_yet_text(check)), "skills-not-yet"),
    ]
