"""The synthesizer's fault handling, with stand-in workers (tests/speech/fake_workers.py):
a hung worker is killed and replaced, a dead one restarted, a missing engine reported."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.speech.protocol import Voice, resolve_voice
from kiosk.speech.synthesizer import SpeechProblem
from tests.helpers import SynthFactory, wav_seconds
from tests.speech import fake_workers


def test_resolve_voice_matches_ids_names_and_languages() -> None:
    voices = [
        Voice("gmw/en-us", "English (America)", ("en-us",)),
        Voice("aav/vi", "Vietnamese", ("vi",)),
    ]
    assert resolve_voice("en-us", voices) == "gmw/en-us"
    assert resolve_voice("EN-US", voices) == "gmw/en-us"
    assert resolve_voice("Vietnamese", voices) == "aav/vi"
    assert resolve_voice("aav/vi", voices) == "aav/vi"
    assert resolve_voice("fr", voices) is None


def test_jobs_are_keyed_by_voice_rate_and_text(make_synth: SynthFactory) -> None:
    synth = make_synth(fake_workers.tone_main)
    base = synth.job("Hello.", "en-us", 150)
    assert base == synth.job("Hello.", "en-us", 150)
    others = {
        synth.job("Hello.", "es-419", 150),
        synth.job("Hello.", "en-us", 151),
        synth.job("Hello!", "en-us", 150),
    }
    assert base.path not in {job.path for job in others}
    assert len({job.path for job in others}) == 3


def test_ready_comes_after_the_worker_made_the_file(qtbot: QtBot, make_synth: SynthFactory) -> None:
    synth = make_synth(fake_workers.tone_main)
    job = synth.job("One.", "en-us", 150)
    with qtbot.waitSignal(synth.ready, timeout=10000) as blocker:
        synth.request(job)
    assert blocker.args == [job.key, str(job.path)]
    assert wav_seconds(job.path) > 0.2


def test_urgent_jobs_go_before_background_ones(qtbot: QtBot, make_synth: SynthFactory) -> None:
    synth = make_synth(fake_workers.tone_main)
    order: list[str] = []
    synth.ready.connect(lambda key, _path: order.append(key))
    background = [synth.job(f"Background {n}.", "en-us", 150) for n in range(4)]
    urgent = synth.job("Urgent.", "en-us", 150)
    for job in background:
        synth.request(job, urgent=False)
    synth.request(urgent)
    qtbot.waitUntil(lambda: len(order) == 5, timeout=15000)
    # The first background job may already be in the worker; the urgent one comes next.
    assert order.index(urgent.key) <= 1


def test_a_hung_worker_is_killed_and_the_next_request_works(
    qtbot: QtBot, make_synth: SynthFactory
) -> None:
    synth = make_synth(fake_workers.tone_main, timeout_ms=1500)
    warm = synth.job("Warm up.", "en-us", 150)
    with qtbot.waitSignal(synth.ready, timeout=10000):
        synth.request(warm)
    first_pid = synth.worker_pid
    hang = synth.job("Please HANG here.", "en-us", 150)
    failures: list[tuple[str, str]] = []
    synth.failed.connect(lambda key, reason: failures.append((key, reason)))
    with qtbot.waitSignals([synth.failed, synth.worker_restarted], timeout=10000):
        synth.request(hang)
    assert failures == [(hang.key, SpeechProblem.TIMEOUT)]
    after = synth.job("After the hang.", "en-us", 150)
    with qtbot.waitSignal(synth.ready, timeout=10000):
        synth.request(after)
    assert synth.worker_pid not in (None, first_pid)
    assert first_pid is not None
    assert not Path(f"/proc/{first_pid}").exists() or _is_zombie(first_pid)


def _is_zombie(pid: int) -> bool:
    status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    return "zombie" in status


def test_a_worker_that_dies_mid_sentence_is_replaced(
    qtbot: QtBot, make_synth: SynthFactory
) -> None:
    synth = make_synth(fake_workers.tone_main)
    crash = synth.job("Now CRASH.", "en-us", 150)
    with qtbot.waitSignal(synth.failed, timeout=10000) as blocker:
        synth.request(crash)
    assert blocker.args == [crash.key, SpeechProblem.CRASHED]
    again = synth.job("Still here.", "en-us", 150)
    with qtbot.waitSignal(synth.ready, timeout=10000):
        synth.request(again)


def test_a_worker_killed_from_outside_is_replaced(qtbot: QtBot, make_synth: SynthFactory) -> None:
    synth = make_synth(fake_workers.tone_main)
    with qtbot.waitSignal(synth.ready, timeout=10000):
        synth.request(synth.job("First.", "en-us", 150))
    pid = synth.worker_pid
    assert pid is not None
    with qtbot.waitSignal(synth.worker_restarted, timeout=10000):
        os.kill(pid, signal.SIGKILL)
    with qtbot.waitSignal(synth.ready, timeout=10000):
        synth.request(synth.job("Second.", "en-us", 150))


def test_no_engine_is_reported_once_and_requests_fail_fast(
    qtbot: QtBot, make_synth: SynthFactory
) -> None:
    synth = make_synth(fake_workers.fatal_main)
    job = synth.job("Hello.", "en-us", 150)
    with qtbot.waitSignals([synth.engine_failed, synth.failed], timeout=10000):
        synth.request(job)
    assert synth.engine_error is not None and "no speech engine" in synth.engine_error
    with qtbot.waitSignal(synth.failed, timeout=1000) as blocker:
        synth.request(synth.job("Again.", "en-us", 150))
    assert blocker.args[1] == SpeechProblem.NO_ENGINE
    assert synth.worker_pid is None


def test_a_worker_that_keeps_dying_at_start_is_given_up(
    qtbot: QtBot, make_synth: SynthFactory
) -> None:
    synth = make_synth(fake_workers.dying_main)
    with qtbot.waitSignal(synth.engine_failed, timeout=20000):
        synth.request(synth.job("Hello.", "en-us", 150))
    assert synth.worker_pid is None


def test_unknown_voice_fails_without_touching_the_engine(
    qtbot: QtBot, make_synth: SynthFactory
) -> None:
    synth = make_synth(fake_workers.tone_main)
    job = synth.job("Bonjour.", "fr", 150)
    with qtbot.waitSignal(synth.failed, timeout=10000) as blocker:
        synth.request(job)
    assert blocker.args == [job.key, SpeechProblem.NO_VOICE]
    assert not job.path.exists()


def test_an_idle_worker_exits_and_the_next_job_starts_another(
    qtbot: QtBot, make_synth: SynthFactory
) -> None:
    synth = make_synth(fake_workers.tone_main, idle_exit_ms=300)
    restarts: list[str] = []
    synth.worker_restarted.connect(restarts.append)
    with qtbot.waitSignal(synth.ready, timeout=10000):
        synth.request(synth.job("Before.", "en-us", 150))
    first = synth.worker_pid
    assert first is not None
    qtbot.waitUntil(lambda: synth.worker_pid is None, timeout=5000)
    assert synth.voices is not None  # still known: availability does not flicker
    job = synth.job("After.", "en-us", 150)
    with qtbot.waitSignal(synth.ready, timeout=10000) as blocker:
        synth.request(job)
    assert blocker.args == [job.key, str(job.path)]
    assert synth.worker_pid not in (None, first)
    assert restarts == []  # an idle exit is not a failure


def test_a_busy_worker_does_not_exit(qtbot: QtBot, make_synth: SynthFactory) -> None:
    synth = make_synth(fake_workers.tone_main, idle_exit_ms=300)
    done: list[str] = []
    synth.ready.connect(lambda key, _path: done.append(key))
    synth.start()
    qtbot.waitUntil(lambda: synth.voices is not None, timeout=10000)
    pid = synth.worker_pid
    jobs = [synth.job(f"Sentence {n}.", "en-us", 150) for n in range(6)]
    for job in jobs:
        synth.request(job, urgent=False)
    qtbot.waitUntil(lambda: len(done) == len(jobs), timeout=20000)
    assert synth.worker_pid == pid  # one worker made them all, however long they took
