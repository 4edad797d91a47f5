"""Idle timing: "Are you still there?" after a quiet spell, then a reset for the next visitor.

`IdleTimer` only counts; `ActivityFilter` reports touches and keys; the composition root
shows the overlay, speaks it and resets the session. Time comes from an injectable clock
so tests can run it in simulated seconds. Timing follows WCAG 2.2.1: a warning first, at
least 20 s to answer with one tap, any number of times, and no counting while speech plays.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import QEvent, QObject, QTimer, Signal


class IdleState(StrEnum):
    """Counting quiet time, or asking "Are you still there?"."""

    ACTIVE = "active"
    WARNING = "warning"


POLL_MS = 250

# A visitor's touches, clicks and keys; not mouse moves (a cursor nudged by vibration).
ACTIVITY_EVENTS = frozenset({
    QEvent.Type.MouseButtonPress, QEvent.Type.TouchBegin, QEvent.Type.KeyPress,
    QEvent.Type.Wheel, QEvent.Type.TabletPress,
})  # fmt: skip


class ActivityFilter(QObject):
    """Application-wide event filter that reports visitor input.

    Signals:
        activity(): a touch, click, key or wheel turn.
    """

    activity = Signal()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in ACTIVITY_EVENTS and watched.isWidgetType():
            self.activity.emit()
        return False


class IdleTimer(QObject):
    """Counts quiet time while the session has something to reset.

    Signals:
        warning_started(int): quiet for `timeout_s`; seconds left before the reset.
        countdown(int): seconds left, once a second during the warning.
        warning_cancelled(): the visitor is still there.
        timed_out(): nobody answered: reset now.
    """

    warning_started = Signal(int)
    countdown = Signal(int)
    warning_cancelled = Signal()
    timed_out = Signal()

    def __init__(
        self,
        timeout_s: int,
        warning_s: int,
        needs_reset: Callable[[], bool],
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__()
        self._timeout_s, self._warning_s = timeout_s, warning_s
        self._needs_reset = needs_reset
        self._clock = clock
        self._last_activity = clock()
        self._warning_since = 0.0
        self._shown_left = -1
        self._state = IdleState.ACTIVE
        self._speaking = False
        self._poll = QTimer(self)
        self._poll.setInterval(POLL_MS)
        self._poll.timeout.connect(self.poll)

    @property
    def state(self) -> IdleState:
        """IdleState.ACTIVE or WARNING."""
        return self._state

    def start(self) -> None:
        """Start counting (polls the clock a few times a second)."""
        self._last_activity = self._clock()
        self._poll.start()

    def stop(self) -> None:
        """Stop counting."""
        self._poll.stop()

    def activity(self) -> None:
        """The visitor did something: the quiet time starts again, any warning ends."""
        self._last_activity = self._clock()
        if self._state == IdleState.WARNING:
            self._state = IdleState.ACTIVE
            self.warning_cancelled.emit()

    def set_speaking(self, speaking: bool) -> None:
        """While the kiosk reads aloud, quiet time does not count (the visitor listens)."""
        self._speaking = speaking
        if not speaking:
            self._last_activity = self._clock()

    def poll(self) -> None:
        """Check the clock (the poll timer calls this; tests may call it directly)."""
        now = self._clock()
        if self._state == IdleState.ACTIVE:
            if self._speaking or not self._needs_reset():
                self._last_activity = now
                return
            if now - self._last_activity >= self._timeout_s:
                self._state, self._warning_since = IdleState.WARNING, now
                self._shown_left = self._warning_s
                self.warning_started.emit(self._warning_s)
            return
        left = math.ceil(self._warning_s - (now - self._warning_since))
        if left <= 0:
            self._state = IdleState.ACTIVE
            self._last_activity = now
            self.timed_out.emit()
        elif left != self._shown_left:
            self._shown_left = left
            self.countdown.emit(left)
