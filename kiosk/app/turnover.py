"""Part of the composition root (see app.py): one visitor after another.

Idle time brings "Are you still there?", then a reset; after a reset the attract screen
waits for the next visitor, whose first touch only wakes the kiosk. Staff can reset at
any time, and the crash guard brings the kiosk back to Home after an error.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from kiosk.content.store import configured_folder
from kiosk.speech.service import IDLE, Utterance
from kiosk.state.session import HOME

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)


def connect_visitor_turnover(kiosk: Kiosk) -> None:
    """Idle warning, reset, attract screen and staff desk."""
    idle, overlay, session = kiosk.idle, kiosk.idle_overlay, kiosk.session

    kiosk.activity.activity.connect(idle.activity)
    kiosk.activity.activity.connect(kiosk.attract_timer.start)
    overlay.still_here.connect(idle.activity)
    idle.warning_started.connect(lambda seconds: _ask_if_still_there(kiosk, seconds))
    idle.countdown.connect(overlay.set_seconds)
    idle.warning_cancelled.connect(lambda: _still_here(kiosk))
    idle.timed_out.connect(lambda: reset_for_next_visitor(kiosk))
    kiosk.speech.state_changed.connect(lambda state: idle.set_speaking(state != IDLE))

    kiosk.attract_timer.timeout.connect(lambda: _attract_if_quiet(kiosk))
    kiosk.attract_overlay.woken.connect(kiosk.attract_timer.start)

    kiosk.lockdown.staff_requested.connect(kiosk.staff_desk.open)
    kiosk.staff_desk.reset_requested.connect(lambda: reset_for_next_visitor(kiosk))
    kiosk.staff_desk.exit_requested.connect(lambda: _exit(kiosk))
    session.screen_changed.connect(lambda _screen: kiosk.attract_timer.start())


def reset_for_next_visitor(kiosk: Kiosk) -> None:
    """Forget the visitor: stop speech, close everything, defaults, Home, attract screen."""
    log.info("Resetting for the next visitor")
    _close_everything(kiosk)
    kiosk.session.reset()
    kiosk.idle.activity()
    kiosk.attract_overlay.open()


def recover_from_crash(kiosk: Kiosk) -> None:
    """After an uncaught exception: stop speech and go back to Home with a clean screen."""
    _close_everything(kiosk)
    kiosk.session.go_home()


def _close_everything(kiosk: Kiosk) -> None:
    kiosk.speech.stop()
    for overlay in (kiosk.idle_overlay, kiosk.help_overlay):
        overlay.hide()
    kiosk.staff_desk.close()


def reload_content(kiosk: Kiosk) -> str:
    """Reload the content bundle; a line for the staff sheet saying how it went."""
    folder = configured_folder(kiosk.loaded_config)
    if kiosk.content.load(folder):
        bundle = kiosk.content.bundle
        return f"Reloaded {bundle.id} version {bundle.version}."
    first = kiosk.content.issues[0] if kiosk.content.issues else "unknown problem"
    return f"Not reloaded, the previous content stays: {first}"


def _ask_if_still_there(kiosk: Kiosk, seconds: int) -> None:
    kiosk.idle_overlay.set_seconds(seconds)
    kiosk.idle_overlay.open()
    language = kiosk.session.language
    if kiosk.speech.availability(language) is None:
        kiosk.speech.speak([Utterance(kiosk.idle_overlay.question_text(), language)])


def _still_here(kiosk: Kiosk) -> None:
    if kiosk.idle_overlay.isVisible():
        kiosk.speech.stop()
        kiosk.idle_overlay.hide()


def _attract_if_quiet(kiosk: Kiosk) -> None:
    if kiosk.session.is_fresh() and kiosk.session.screen == HOME and not kiosk.staff_desk.is_open:
        kiosk.attract_overlay.open()


def _exit(kiosk: Kiosk) -> None:
    log.info("Staff chose Exit")
    kiosk.window.allow_close()
    kiosk.window.close()
    kiosk.qt_app.quit()
