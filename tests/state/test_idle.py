"""IdleTimer in simulated time: warning, countdown, reset, and what keeps a session alive."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.state.idle import IdleState, IdleTimer
from tests.helpers import FakeClock

Setup = tuple[IdleTimer, FakeClock, list[object], list[bool]]


@pytest.fixture
def setup(qapp: QApplication) -> Setup:
    clock = FakeClock()
    fresh = [False]
    timer = IdleTimer(90, 20, needs_reset=lambda: not fresh[0], clock=clock)
    events: list[object] = []
    timer.warning_started.connect(lambda s: events.append(("warning", s)))
    timer.countdown.connect(events.append)
    timer.warning_cancelled.connect(lambda: events.append("cancelled"))
    timer.timed_out.connect(lambda: events.append("timed out"))
    timer.start()
    return timer, clock, events, fresh


def advance(timer: IdleTimer, clock: FakeClock, seconds: float, step: float = 0.25) -> None:
    for _ in range(int(seconds / step)):
        clock.now += step
        timer.poll()


def test_warns_after_the_timeout_then_counts_down_and_times_out(setup: Setup) -> None:
    timer, clock, events, _fresh = setup
    advance(timer, clock, 89.75)
    assert events == []
    advance(timer, clock, 0.25)
    assert events == [("warning", 20)] and timer.state == IdleState.WARNING
    advance(timer, clock, 20)
    assert events == [("warning", 20), *range(19, 0, -1), "timed out"]
    assert IdleState(timer.state) == IdleState.ACTIVE  # read again: the timer moved on


def test_a_touch_during_the_countdown_keeps_the_session_any_number_of_times(setup: Setup) -> None:
    timer, clock, events, _fresh = setup
    for _ in range(3):
        advance(timer, clock, 95)
        timer.activity()
        assert timer.state == IdleState.ACTIVE
    assert events.count("cancelled") == 3
    assert "timed out" not in events


def test_speech_pauses_the_timer(setup: Setup) -> None:
    timer, clock, events, _fresh = setup
    timer.set_speaking(True)
    advance(timer, clock, 600)
    assert events == []
    timer.set_speaking(False)
    advance(timer, clock, 89)
    assert events == []  # counted from the end of speech, not from before it
    advance(timer, clock, 1)
    assert events == [("warning", 20)]


def test_a_fresh_session_is_never_warned(setup: Setup) -> None:
    timer, clock, events, fresh = setup
    fresh[0] = True
    advance(timer, clock, 1000)
    assert events == []
    fresh[0] = False
    advance(timer, clock, 89)
    assert events == []  # quiet time on a fresh Home does not count
