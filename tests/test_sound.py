"""The page's sound players (app/ui/sound.py) against a stand-in page: a player counts as loaded only
once the page said so over the connection it has now (a reloaded tab loads anew), the wait for them
is bounded, a sound starts without a rewind and the queue goes on when the page says it ended."""

from __future__ import annotations

import asyncio
import threading
from types import SimpleNamespace

import flet_audio as fta
from flet.controls.page import ServiceRegistry

from app.ui.sound import Players


class _Registry:
    """The page's services, dropped by Flet's own rule (ServiceRegistry.unregister_services: a
    service that nothing else holds goes)."""

    def __init__(self) -> None:
        self._services: list = []
        self._lock = threading.Lock()

    def register_service(self, service) -> None:
        self._services.append(service)

    def unregister_services(self) -> None:
        ServiceRegistry.unregister_services(self)  # type: ignore[arg-type]

    def _ServiceRegistry__internal_update(self) -> None:  # the update that tells the page
        pass


class _Page:
    """As much of a page as the players use: its services and its connection."""

    web = True

    def __init__(self) -> None:
        self._services = _Registry()
        self.session = SimpleNamespace(connection=object())


def test_a_player_is_given_to_the_page_and_keeps_its_file_after_playing():
    page = _Page()
    players = Players(page)  # type: ignore[arg-type]
    player = players.player("voice/id/round_1.ogg")
    assert page._services._services == [player]
    assert players.player("voice/id/round_1.ogg") is player  # one per file
    assert player.release_mode is fta.ReleaseMode.STOP  # the default RELEASE would drop the loaded file


def test_loaded_only_for_the_connection_that_said_so():
    page = _Page()
    players = Players(page)  # type: ignore[arg-type]
    player = players.player("sounds/round_start.wav")
    assert not players.loaded("sounds/round_start.wav")
    player.on_loaded(None)
    assert players.loaded("sounds/round_start.wav")
    page.session.connection = object()  # the tab was reloaded: a new page, whose players load again
    assert not players.loaded("sounds/round_start.wav")


def test_prepare_waits_for_the_page_and_no_longer_than_told():
    page = _Page()
    players = Players(page)  # type: ignore[arg-type]

    async def body() -> tuple[list[str], list[str]]:
        waiting = asyncio.create_task(players.prepare(["a.ogg", "b.ogg"], timeout=5))
        await asyncio.sleep(0.01)
        players.players["a.ogg"].on_loaded(None)
        players.players["b.ogg"].on_loaded(None)
        loaded = await asyncio.wait_for(waiting, 1)  # as soon as the page has them, not after 5 s
        missing = await players.prepare(["a.ogg", "c.ogg"], timeout=0.05)
        return loaded, missing

    assert asyncio.run(body()) == ([], ["c.ogg"])


def test_a_sound_starts_without_a_rewind_and_ends_when_the_page_says_so():
    page = _Page()
    players = Players(page)  # type: ignore[arg-type]
    calls: list[str] = []
    player = players.player("a.ogg")

    async def resume() -> None:
        calls.append("resume")

    async def play(position=0) -> None:  # would seek to 0 first: never used
        calls.append("play")

    object.__setattr__(player, "resume", resume)
    object.__setattr__(player, "play", play)

    async def body() -> float:
        loop = asyncio.get_running_loop()
        start = loop.time()
        heard = asyncio.create_task(players.play("a.ogg", length_s=30))
        await asyncio.sleep(0.05)
        player.on_state_change(SimpleNamespace(state=fta.AudioState.COMPLETED))
        await asyncio.wait_for(heard, 1)
        return loop.time() - start

    assert asyncio.run(body()) < 1  # the page said it ended: not its 30 s
    assert calls == ["resume"]


def test_a_sound_the_page_starts_late_is_waited_for_from_its_start(monkeypatch):
    """A busy page answers "started" late: the sound's length and slack count from then, so the
    next sound never starts while this one still plays (seen under load: a chime over a prompt)."""
    import app.ui.sound as sound

    monkeypatch.setattr(sound, "END_SLACK_S", 2.0)
    page = _Page()
    players = Players(page)  # type: ignore[arg-type]
    player = players.player("a.ogg")
    started = asyncio.Event()

    async def resume() -> None:
        await started.wait()

    object.__setattr__(player, "resume", resume)

    async def body() -> bool:
        heard = asyncio.create_task(players.play("a.ogg", length_s=0.2))
        await asyncio.sleep(2.0)
        started.set()  # the page starts it 2 s after being asked (within length and slack)
        await asyncio.sleep(0.5)  # it has played its 0.2 s, the page has not said so yet
        early = heard.done()  # counted from the request, the wait gave up at 2.2 s
        player.on_state_change(SimpleNamespace(state=fta.AudioState.COMPLETED))
        await asyncio.wait_for(heard, 5)
        return early

    assert not asyncio.run(body())  # it waited for the page's word, from the sound's real start


def test_released_players_leave_the_page_and_come_back_loading_anew():
    page = _Page()
    players = Players(page)  # type: ignore[arg-type]
    for src in ("a.ogg", "b.ogg"):
        players.player(src).on_loaded(None)
    players.release()
    assert page._services._services == []  # the page is told to throw them away
    assert players.players == {} and not players.loaded("a.ogg")
    again = players.player("a.ogg")  # the next massage: made and loaded again
    assert page._services._services == [again] and not players.loaded("a.ogg")
