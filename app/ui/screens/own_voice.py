"""Record the prompts in the midwife's own voice: for each prompt, its words, how long the app's
voice takes to say it, Record (then Stop), Play, and Back to the default voice; a recording much
longer or shorter than the app's is pointed out. A recording replaces the generated sound of that
prompt, in every language the app shows (she may speak Javanese, Sundanese...). The whole set is
saved as one file and taken on another phone (checked first: a damaged file changes nothing)."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from typing import Any

import flet as ft

from app.domain.prompts import Clip
from app.i18n import _, format_decimal, ngettext, to_thread
from app.prompt_texts import clip_text
from app.services.own_voice import MAX_S, RecordingError, VoiceSetError, length_check
from app.ui import kit
from app.ui.devices import voice_length_s
from app.ui.screens.diary_labels import use_lazy_state
from app.ui.screens.whose import whose_visit
from app.ui.state import OWN_VOICE_ROUTE, use_app, use_visitor

log = logging.getLogger(__name__)

ROUTE = OWN_VOICE_ROUTE
SET_FILE = "pijat-oksitosin-own-voice.zip"
# The page sends its last chunks shortly after it stops: wait this long before keeping them.
LAST_CHUNKS_S = 0.4


@ft.observable
@dataclass
class Recording:
    """The screen's microphone: which prompt is being recorded and what arrived so far."""

    clip: Clip | None = None
    problem: str = ""
    moved: str = ""  # what the last save or import of the whole set did
    _chunks: list[bytes] = field(default_factory=list)
    _starting: bool = False

    def add(self, event: Any) -> None:
        chunk = getattr(event, "chunk", None)
        if chunk and (self.clip is not None or self._starting):
            self._chunks.append(bytes(chunk))


def _problem_text(code: str) -> str:
    if code == "too_long":
        return _("That recording was longer than %(n)d seconds. Record it again, a little shorter.") % {"n": int(MAX_S)}
    if code == "too_short":
        return _("That recording was too short. Tap Record, speak, then tap Stop.")
    return _("The microphone could not be used. Allow it for this app, then try again.")


@ft.component
def OwnVoiceScreen() -> ft.View:
    app = use_app()
    visitor = use_visitor()  # a recording kept or reset: drawn again, the rows re-read the files
    rec, _set = use_lazy_state(Recording)
    devices = visitor.devices
    own = devices.own if devices is not None else None

    async def start(clip: Clip) -> None:
        if devices is None or rec.clip is not None or rec._starting:
            return
        rec._chunks = []
        rec.problem = ""
        recorder = devices.recorder(rec.add)
        rec._starting = True
        try:
            started = await recorder.start_recording()
        except Exception:  # no microphone, permission refused: say so, keep the screen
            log.warning("recording could not start", exc_info=True)
            started = False
        rec._starting = False
        if started:
            rec._chunks = []  # from now on: Stop shows once the microphone really listens
            rec.clip = clip
        else:
            rec.problem = _problem_text("no_microphone")

    async def stop() -> None:
        clip = rec.clip
        if devices is None or clip is None or own is None:
            return
        try:
            await devices.recorder(rec.add).stop_recording()
        except Exception:
            log.warning("recording could not stop", exc_info=True)
        await asyncio.sleep(LAST_CHUNKS_S)
        pcm, rec._chunks = b"".join(rec._chunks), []
        rec.clip = None
        try:
            own.save(clip, pcm)
        except RecordingError as err:
            rec.problem = _problem_text(str(err))
        except OSError:
            log.warning("a recording could not be saved", exc_info=True)  # no names, no health data
            rec.problem = _("The recording could not be saved. Check that the phone has free space.")

    def play(clip: Clip) -> None:
        if devices is not None:
            devices.say((clip,), forced=True)

    def reset(clip: Clip) -> None:
        if own is not None:
            own.reset(clip)

    async def save_set() -> None:
        if own is None or visitor.files is None:
            return
        try:
            data = await to_thread(own.export_set)
        except VoiceSetError:
            rec.moved = _("Nothing recorded yet: record a prompt first.")
            return
        ok = await visitor.files.offer(SET_FILE, data, "application/zip")
        rec.moved = _("Saved as %(name)s.") % {"name": SET_FILE} if ok else _("The file could not be saved.")

    async def take_set() -> None:
        if own is None or visitor.files is None:
            return
        picked = await visitor.files.pick(["zip"])
        if picked is None:
            return
        if picked.too_large or picked.failed:
            rec.moved = set_problem_text("damaged")
            return
        try:
            taken = await to_thread(lambda: own.import_set(picked.data))
        except VoiceSetError as err:
            rec.moved = set_problem_text(str(err))
            return
        rec.moved = imported_text(taken)

    controls: list[ft.Control] = [
        kit.note(
            _(
                "Record each prompt in your own voice, in any language the family knows. Your recording is "
                "played instead of the app's voice; the words on the screen stay the same."
            ),
            icon=ft.Icons.MIC_NONE,
        ),
    ]
    if rec.problem:
        controls.append(kit.note(rec.problem, icon=ft.Icons.ERROR_OUTLINE, color=ft.Colors.ERROR))
    for clip in Clip:
        recorded = own is not None and own.has(clip)
        lengths = (voice_length_s(app.lang, clip), own.length_s(clip) if own is not None and recorded else 0.0)
        controls.append(_row(clip, rec, recorded, lengths, start, stop, play, reset))
    controls.append(_moving(rec, _async(save_set), _async(take_set)))
    return kit.screen(ROUTE, _("Your own voice"), controls, on_back=lambda e: app.back(), subtitle=whose_visit(app))


def _async(fn: Any, *args: Any) -> Any:
    """A click handler that Flet awaits (a lambda returning a coroutine would never run)."""

    async def handler(e: Any) -> None:
        await fn(*args)

    return handler


def seconds_text(seconds: float) -> str:
    return _("%(s)s s") % {"s": format_decimal(round(seconds, 1), "0.0")}


def length_texts(expected: float, actual: float) -> tuple[str, str | None]:
    """How long the prompt should be (and hers, when recorded), and a word when hers is far off."""
    line = _("Length: about %(app)s.") % {"app": seconds_text(expected)}
    if actual > 0:
        line = _("Length: about %(app)s; yours %(yours)s.") % {
            "app": seconds_text(expected),
            "yours": seconds_text(actual),
        }
    found = length_check(expected, actual)
    if found == "longer":
        return line, _("Yours is much longer: it may run into the next prompt. Try saying it more briefly.")
    if found == "shorter":
        return line, _("Yours is much shorter: check that nothing was cut off.")
    return line, None


def set_problem_text(code: str) -> str:
    if code == "too_large":
        return _("That file is too large to be a set of recordings. Nothing was changed.")
    return _("That file is not a set of recordings from this app, or it is damaged. Nothing was changed.")


def imported_text(taken: list[Clip]) -> str:
    n = len(taken)
    return ngettext("%(n)d recording taken: %(names)s", "%(n)d recordings taken: %(names)s", n) % {
        "n": n,
        "names": "; ".join(f"“{clip_text(c)}”" for c in taken),
    }


def _moving(rec: Recording, save: Any, take: Any) -> ft.Control:
    parts: list[ft.Control] = [
        kit.heading(_("To another phone"), 18),
        kit.body(
            _(
                "Save all your recordings as one file, then open it on the other phone with "
                "“Take recordings from a file”."
            ),
            color=ft.Colors.ON_SURFACE_VARIANT,
        ),
        kit.secondary_button(_("Save all recordings"), save, "own-voice-save-set", icon=ft.Icons.SAVE_ALT),
        kit.secondary_button(_("Take recordings from a file"), take, "own-voice-take-set", icon=ft.Icons.UPLOAD_FILE),
    ]
    if rec.moved:
        parts.append(ft.Semantics(content=kit.body(rec.moved, size=15), identifier="own-voice-moved", live_region=True))
    return ft.Container(
        ft.Column(parts, spacing=8), padding=12, border_radius=12, border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT)
    )


def _row(
    clip: Clip,
    rec: Recording,
    recorded: bool,
    lengths: tuple[float, float],
    start: Any,
    stop: Any,
    play: Any,
    reset: Any,
) -> ft.Control:
    recording_this = rec.clip is clip
    if recording_this:
        record = kit.primary_button(_("Stop"), _async(stop), f"stop-{clip.value}", icon=ft.Icons.STOP)
    else:
        record = kit.secondary_button(
            _("Record again") if recorded else _("Record"),
            _async(start, clip),
            f"record-{clip.value}",
            icon=ft.Icons.MIC,
            disabled=rec.clip is not None,
            in_row=True,
        )
    buttons: list[ft.Control] = [record]
    if not recording_this:
        buttons.append(
            kit.secondary_button(
                _("Play"), lambda e: play(clip), f"play-{clip.value}", icon=ft.Icons.PLAY_ARROW, in_row=True
            )
        )
    status = (
        _("Recording... tap Stop when you are done.")
        if recording_this
        else _("Your recording")
        if recorded
        else _("The app's voice")
    )
    line, warning = length_texts(*lengths)
    parts: list[ft.Control] = [
        kit.body(clip_text(clip), weight=ft.FontWeight.W_600),
        ft.Semantics(content=kit.body(status, size=14), identifier=f"status-{clip.value}"),
        ft.Semantics(
            content=kit.body(line, size=14, color=ft.Colors.ON_SURFACE_VARIANT), identifier=f"length-{clip.value}"
        ),
    ]
    if warning and not recording_this:
        parts.append(kit.tagged(kit.note(warning, icon=ft.Icons.TIMER_OUTLINED), f"length-warning-{clip.value}"))
    parts.append(ft.Row(buttons, spacing=8))
    if recorded and not recording_this:
        parts.append(kit.text_button(_("Back to the app's voice"), lambda e: reset(clip), f"reset-{clip.value}"))
    return ft.Container(
        ft.Column(parts, spacing=8), padding=12, border_radius=12, border=ft.Border.all(1, ft.Colors.OUTLINE_VARIANT)
    )
