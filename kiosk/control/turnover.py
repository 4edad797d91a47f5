"""VisitorTurnover: one visitor after another.

Idle time brings "Are you still there?", then a reset; after a reset the attract screen
waits for the next visitor, whose first touch only wakes the kiosk. Staff can reset at
any time, and the crash guard brings the kiosk back to Home after an error.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer

from kiosk.control.lockdown import LockDown
from kiosk.control.staff_desk import StaffDesk
from kiosk.speech.service import SpeechService, SpeechState, Utterance
from kiosk.state.idle import ActivityFilter, IdleTimer
from kiosk.state.session import Screen, VisitorSession
from kiosk.ui.attract_overlay import AttractOverlay
from kiosk.ui.help_overlay import HelpOverlay
from kiosk.ui.idle_overlay import IdleOverlay

log = logging.getLogger(__name__)


class VisitorTurnover(QObject):
    """Idle warning, reset, attract screen, staff reset and crash recovery."""

    def __init__(
        self,
        *,
        session: VisitorSession,
        speech: SpeechService,
        idle: IdleTimer,
        activity: ActivityFilter,
        idle_overlay: IdleOverlay,
        attract_overlay: AttractOverlay,
        help_overlay: HelpOverlay,
        staff_desk: StaffDesk,
        lockdown: LockDown,
        attract_after_s: int,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._session, self._speech, self._idle = session, speech, idle
        self._idle_overlay, self._attract_overlay = idle_overlay, attract_overlay
        self._help_overlay, self._staff_desk = help_overlay, staff_desk
        self.attract_timer = QTimer(self)
        self.attract_timer.setSingleShot(True)
        self.attract_timer.setInterval(attract_after_s * 1000)

        activity.activity.connect(idle.activity)
        activity.activity.connect(self.attract_timer.start)
        idle_overlay.still_here.connect(idle.activity)
        idle.warning_started.connect(self._ask_if_still_there)
        idle.countdown.connect(idle_overlay.set_seconds)
        idle.warning_cancelled.connect(self._still_here)
        idle.timed_out.connect(self.reset_for_next_visitor)
        speech.state_changed.connect(lambda state: idle.set_speaking(state != SpeechState.IDLE))

        self.attract_timer.timeout.connect(self._attract_if_quiet)
        attract_overlay.woken.connect(self.attract_timer.start)

        lockdown.staff_requested.connect(staff_desk.open)
        staff_desk.reset_requested.connect(self.reset_for_next_visitor)
        session.screen_changed.connect(lambda _screen: self.attract_timer.start())

    def reset_for_next_visitor(self) -> None:
        """Forget the visitor: stop speech, close everything, defaults, Home, attract screen."""
        log.info("Resetting for the next visitor")
        self._close_everything()
        self._session.reset()
        self._idle.activity()
        self._attract_overlay.open()

    def recover_from_crash(self) -> None:
        """After an uncaught exception: stop speech and go back to Home with a clean screen."""
        self._close_everything()
        self._session.go_home()

    def _close_everything(self) -> None:
        self._speech.stop()
        for overlay in (self._idle_overlay, self._help_overlay):
            overlay.hide()
        self._staff_desk.close()

    def _ask_if_still_there(self, seconds: int) -> None:
        self._idle_overlay.set_seconds(seconds)
        self._idle_overlay.open()
        language = self._session.language
        if self._speech.availability(language) is None:
            self._speech.speak([Utterance(self._idle_overlay.question_text(), language)])

    def _still_here(self) -> None:
        if self._idle_overlay.isVisible():
            self._speech.stop()
            self._idle_overlay.hide()

    def _attract_if_quiet(self) -> None:
        session = self._session
        if session.is_fresh() and session.screen == Screen.HOME and not self._staff_desk.is_open:
            self._attract_overlay.open()
