"""SpeechService with the real engine and Qt Multimedia (no sound card needed: playback
still runs through each file), plus stand-in workers for faults."""

from __future__ import annotations

import os
import signal
import time
from collections.abc import Callable, Iterator

import pytest
from pytestqt.qtbot import QtBot

from kiosk.speech import make_player
from kiosk.speech.service import SpeechService, SpeechState, Utterance
from tests.helpers import SynthFactory, needs_espeak
from tests.speech import fake_workers

VOICES = {"en": "en-us", "es": "es-419", "vi": "vi"}
THREE = [
    Utterance("Hello there.", "en"),
    Utterance("Hola a todos.", "es"),
    Utterance("Xin chào các bạn.", "vi"),
]
LONG = [
    Utterance(f"This is sentence number {n}, which takes a little while to say.", "en")
    for n in range(1, 5)
]

ServiceFactory = Callable[..., SpeechService]


@pytest.fixture
def make_service(make_synth: SynthFactory) -> Iterator[ServiceFactory]:
    made: list[SpeechService] = []

    def make(
        target: object = None, voices: dict[str, str] | None = None, rate: int = 350
    ) -> SpeechService:
        synth = make_synth(target) if target is not None else make_synth()
        service = SpeechService(synth, make_player, voices or VOICES, rate, 80)
        made.append(service)
        return service

    yield make
    for service in made:
        service.shutdown()


def record(service: SpeechService) -> list[object]:
    events: list[object] = []
    service.started.connect(lambda: events.append("started"))
    service.sentence_started.connect(events.append)
    service.finished.connect(lambda: events.append("finished"))
    service.failed.connect(lambda reason: events.append(f"failed:{reason}"))
    return events


@needs_espeak
def test_sentences_are_spoken_in_order(qtbot: QtBot, make_service: ServiceFactory) -> None:
    service = make_service()
    events = record(service)
    with qtbot.waitSignal(service.finished, timeout=30000):
        service.speak(THREE)
    assert events == ["started", 0, 1, 2, "finished"]
    assert service.state == SpeechState.IDLE


@needs_espeak
def test_stop_silences_at_once_and_nothing_more_starts(
    qtbot: QtBot, make_service: ServiceFactory
) -> None:
    service = make_service()
    events = record(service)
    with qtbot.waitSignal(service.sentence_started, timeout=15000):
        service.speak(LONG)
    qtbot.wait(300)
    player = service._player
    assert player is not None and player.is_playing()
    began = time.perf_counter()
    service.stop()
    assert not player.is_playing()
    qtbot.waitUntil(player.is_silent, timeout=1000)
    assert time.perf_counter() - began < 0.1  # audio stops within 100 ms
    assert service.state == SpeechState.IDLE
    qtbot.wait(2500)
    assert events == ["started", 0]


@needs_espeak
def test_pause_holds_and_resume_goes_on(qtbot: QtBot, make_service: ServiceFactory) -> None:
    service = make_service()
    events = record(service)
    states: list[str] = []
    service.state_changed.connect(states.append)
    with qtbot.waitSignal(service.sentence_started, timeout=15000):
        service.speak(LONG[:2])
    service.pause()
    assert service.state == SpeechState.PAUSED
    qtbot.wait(3000)  # longer than the first sentence: paused means no progress
    assert events == ["started", 0]
    with qtbot.waitSignal(service.finished, timeout=30000):
        service.resume()
    assert events == ["started", 0, 1, "finished"]
    assert states == [
        SpeechState.SPEAKING,
        SpeechState.PAUSED,
        SpeechState.SPEAKING,
        SpeechState.IDLE,
    ]


@needs_espeak
def test_replay_starts_again_from_the_first_sentence(
    qtbot: QtBot, make_service: ServiceFactory
) -> None:
    service = make_service()
    with qtbot.waitSignal(service.finished, timeout=30000):
        service.speak(THREE[:2])
    events = record(service)
    with qtbot.waitSignal(service.finished, timeout=30000):
        service.replay()
    assert events == ["started", 0, 1, "finished"]


@needs_espeak
def test_new_rate_restarts_the_current_sentence(qtbot: QtBot, make_service: ServiceFactory) -> None:
    service = make_service()
    events = record(service)
    with qtbot.waitSignal(service.sentence_started, timeout=15000):
        service.speak(LONG[:2])
    with qtbot.waitSignal(service.sentence_started, timeout=15000) as blocker:
        service.set_rate(200)
    assert blocker.args == [0]
    with qtbot.waitSignal(service.finished, timeout=30000):
        pass
    assert events == ["started", 0, 0, 1, "finished"]


@needs_espeak
def test_killing_the_worker_mid_speech_recovers(qtbot: QtBot, make_service: ServiceFactory) -> None:
    service = make_service()
    events = record(service)
    with qtbot.waitSignal(service.sentence_started, timeout=15000):
        service.speak(LONG)
    pid = service._synth.worker_pid
    assert pid is not None
    os.kill(pid, signal.SIGKILL)
    # Either the lost sentences are made again by a new worker and speech goes on, or the
    # sentence the visitor waits for was lost: then `failed` says so.
    qtbot.waitUntil(lambda: events[-1] in ("finished", "failed:crashed"), timeout=60000)
    events.clear()
    with qtbot.waitSignal(service.finished, timeout=30000):
        service.speak(THREE[:1])
    assert events == ["started", 0, "finished"]
    assert service._synth.worker_pid not in (None, pid)


def test_a_crash_on_the_waited_for_sentence_is_reported_then_recovered(
    qtbot: QtBot, make_service: ServiceFactory
) -> None:
    service = make_service(fake_workers.tone_main, voices={"en": "en-us"})
    events = record(service)
    with qtbot.waitSignal(service.failed, timeout=30000) as blocker:
        service.speak([Utterance("First.", "en"), Utterance("Then CRASH.", "en")])
    assert blocker.args == ["crashed"]
    assert events == ["started", 0, "failed:crashed"]
    assert service.state == SpeechState.IDLE
    events.clear()
    with qtbot.waitSignal(service.finished, timeout=30000):
        service.speak([Utterance("Working again.", "en")])
    assert events == ["started", 0, "finished"]


def test_a_hang_on_the_waited_for_sentence_times_out(
    qtbot: QtBot, make_synth: SynthFactory
) -> None:
    synth = make_synth(fake_workers.tone_main, timeout_ms=1000)
    service = SpeechService(synth, make_player, {"en": "en-us"}, 150, 80)
    with qtbot.waitSignal(service.failed, timeout=15000) as blocker:
        service.speak([Utterance("HANG now.", "en")])
    assert blocker.args == ["timeout"]
    with qtbot.waitSignal(service.finished, timeout=15000):
        service.speak([Utterance("Fine again.", "en")])
    service.shutdown()


def test_language_without_voice_is_unavailable(qtbot: QtBot, make_service: ServiceFactory) -> None:
    service = make_service(fake_workers.tone_main, voices={"en": "en-us", "vi": "vi-missing"})
    service.warm_up()
    qtbot.waitUntil(lambda: service._synth.voices is not None, timeout=10000)
    assert service.availability("en") is None
    assert service.availability("vi") == "no-voice"
    assert service.availability("fr") == "no-voice"
    with qtbot.waitSignal(service.failed, timeout=5000) as blocker:
        service.speak([Utterance("Xin chào.", "vi")])
    assert blocker.args == ["no-voice"]
    events = record(service)
    with qtbot.waitSignal(service.finished, timeout=15000):
        service.speak([Utterance("Hello.", "en"), Utterance("Xin chào.", "vi")])
    assert events == ["started", 0, "finished"]  # the sentence without a voice is skipped


def test_no_engine_makes_every_language_unavailable(
    qtbot: QtBot, make_service: ServiceFactory
) -> None:
    service = make_service(fake_workers.fatal_main)
    with qtbot.waitSignal(service.voices_changed, timeout=10000):
        service.warm_up()
    assert {service.availability(lang) for lang in VOICES} == {"no-engine"}
