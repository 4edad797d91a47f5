"""Proof that the screen is alive: when the kiosk's window last painted a frame.

A process can run, and answer, while its window shows nothing: a paint that hangs or
raises, a window the compositor no longer shows (Qt paints no window that is not
exposed), updates switched off. The watchdog heartbeat and the health file are
therefore driven by paints, not by a timer alone.

`FrameClock` watches the window's paint events. An idle kiosk repaints nothing, so every
`PROBE_MS` it asks for a repaint of one pixel in the window's corner (a few
microseconds of painting) and notes the time the paint arrives. `age` is how long ago
that was; a healthy kiosk's stays under `PROBE_MS` plus a turn of the event loop.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QRect, QTimer
from PySide6.QtWidgets import QWidget

#: How often a repaint is asked for.
PROBE_MS = 5000
#: The oldest frame a live kiosk can have: three probes missed in a row is not alive.
MAX_FRAME_AGE_S = 3 * PROBE_MS / 1000


class FrameClock(QObject):
    """When *window* last painted; asks it for a one-pixel repaint every *probe_ms*."""

    def __init__(
        self,
        window: QWidget,
        probe_ms: int = PROBE_MS,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        super().__init__(window)
        self._window = window
        self._clock = clock
        self._last: float | None = None
        self._started = clock()
        window.installEventFilter(self)
        self._timer = QTimer(self)
        self._timer.setInterval(probe_ms)
        self._timer.timeout.connect(self.probe)

    def start(self) -> None:
        """Begin asking for frames (from the first paint on)."""
        self._timer.start()

    def probe(self) -> None:
        """Ask the window to repaint one pixel; its paint event sets the time."""
        self._window.update(QRect(0, 0, 1, 1))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if watched is self._window and event.type() == QEvent.Type.Paint:
            self._last = self._clock()
        return False

    def age(self) -> float:
        """Seconds since the last painted frame (since the clock started, before one)."""
        return self._clock() - (self._last if self._last is not None else self._started)

    def alive(self, max_age_s: float = MAX_FRAME_AGE_S) -> bool:
        """Whether a frame was painted in the last *max_age_s* seconds."""
        return self._last is not None and self.age() <= max_age_s
