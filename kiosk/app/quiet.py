"""Quiet hours on the running kiosk: outside the schedule's opening hours
(`kiosk.config.schedule`) the visitor's session is reset, speech stops, the window goes
black (`QuietOverlay`) and the display powers down (the config's `display_off`). A touch
or key wakes it for one idle period, without pressing what is below; at opening time it
comes back by itself.

While resting the window may paint nothing (a display that is off sends no frame
callbacks under Wayland), so `resting` tells the watchdog and the health file not to
take that for a hung kiosk.
"""

from __future__ import annotations

import logging
import shutil
from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QObject, QProcess, QTimer

from kiosk.app.root import Kiosk
from kiosk.config.schedule import Schedule
from kiosk.ui.quiet_overlay import QuietOverlay

log = logging.getLogger(__name__)

#: How often the schedule is looked at again in any case (the clock may be set).
RECHECK_MS = 60_000


def _now() -> datetime:
    return datetime.now()


class QuietHours(QObject):
    """Rests the kiosk outside *schedule*'s opening hours."""

    def __init__(
        self,
        kiosk: Kiosk,
        schedule: Schedule,
        clock: Callable[[], datetime] = _now,
        run: Callable[[list[str]], None] | None = None,
        awake_ms: int | None = None,
    ) -> None:
        super().__init__(kiosk.window)
        self._kiosk, self.schedule, self._clock = kiosk, schedule, clock
        self._run = run or _run_command
        config = kiosk.loaded_config.config
        self._display_off, self._display_on = (
            config.schedule_display_off,
            config.schedule_display_on,
        )
        self.overlay = QuietOverlay()
        self.overlay.attach(kiosk.window)
        self.overlay.woken.connect(self._woken)
        self.resting = False
        self._awake_until_idle = False
        self._check = QTimer(self)
        self._check.setSingleShot(True)
        self._check.timeout.connect(self.update)
        # A visitor woke it: back to rest after one idle period of no touch.
        self._back_to_rest = QTimer(self)
        self._back_to_rest.setSingleShot(True)
        self._back_to_rest.setInterval(awake_ms or config.idle_timeout_s * 1000)
        self._back_to_rest.timeout.connect(self.update)
        kiosk.activity.activity.connect(self._activity)

    def start(self) -> None:
        """Apply the schedule now and follow it."""
        self.update()

    def update(self) -> None:
        """Rest or wake as the schedule says now; plan the next look."""
        now = self._clock()
        is_open = self.schedule.is_open(now)
        if is_open:
            self._awake_until_idle = False
            self._back_to_rest.stop()
            self._wake_up("opening hours")
        elif not self._awake_until_idle or not self._back_to_rest.isActive():
            self._awake_until_idle = False
            self._rest()
        change = self.schedule.next_change(now)
        wait_ms = RECHECK_MS
        if change is not None:
            wait_ms = max(
                1,
                min(
                    RECHECK_MS, int((change - now.replace(tzinfo=None)).total_seconds() * 1000) + 1
                ),
            )
        self._check.start(wait_ms)

    def _rest(self) -> None:
        if self.resting:
            return
        log.info("Outside opening hours: resting")
        self.resting = True
        self._kiosk.turnover.reset_for_next_visitor()
        self._kiosk.attract_overlay.wake()  # the black screen, not the attract loop
        self._kiosk.attract_timer.stop()  # nor the loop coming back over it
        self._kiosk.speech.stop()
        self.overlay.rest()
        if self._display_off:
            self._run(self._display_off)

    def _wake_up(self, why: str) -> None:
        if not self.resting:
            return
        log.info("Waking (%s)", why)
        self.resting = False
        self.overlay.wake()
        if self._display_on:
            self._run(self._display_on)

    def _woken(self) -> None:
        # A touch outside opening hours: show the kiosk until one idle period passes.
        if self.resting:
            self.resting = False
            if self._display_on:
                self._run(self._display_on)
            log.info("Woken by a touch outside opening hours")
        self._awake_until_idle = True
        self._back_to_rest.start()

    def _activity(self) -> None:
        if self._awake_until_idle:
            self._back_to_rest.start()


def _run_command(argv: list[str]) -> None:
    """Start a display power command; a missing program is logged, never raised."""
    if shutil.which(argv[0]) is None:
        log.warning("Display power command not found: %s", argv[0])
        return
    if not QProcess.startDetached(argv[0], argv[1:]):
        log.warning("Could not start the display power command %s", argv)


def rest_outside_hours(kiosk: Kiosk) -> QuietHours:
    """Quiet hours for the running kiosk, from its config (always open without one);
    call `start` on the result. A problem with the holidays file is a config problem."""
    schedule, problems = kiosk.loaded_config.schedule()
    for problem in problems:
        log.error("Config: %s", problem)
    return QuietHours(kiosk, schedule)
