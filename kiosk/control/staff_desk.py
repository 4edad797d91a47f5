"""StaffDesk: what happens behind the staff sheet (PIN checks, diagnostics, reload, roll
back, exit).

The PIN guard belongs to the desk, not to the sheet, so a lock-out survives closing and
reopening the sheet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.state.pin_guard import PinGuard, PinOutcome
from kiosk.ui.staff_panel import StaffPanel


@dataclass(frozen=True)
class StaffActions:
    """What the desk asks of the kiosk: the diagnostics lines, starting a reload (False
    if one is running), rolling back to the previous content (a line saying how it
    went) and whether there is previous content to roll back to."""

    diagnostics: Callable[[], list[str]]
    start_reload: Callable[[], bool]
    roll_back: Callable[[], str]
    can_roll_back: Callable[[], bool]


class StaffDesk(QObject):
    """Drives the staff sheet.

    Signals:
        reset_requested(): "Reset now".
        exit_requested(): staff chose Exit (only offered when allowed).
    """

    reset_requested = Signal()
    exit_requested = Signal()

    def __init__(
        self,
        panel: StaffPanel,
        guard: PinGuard,
        allow_exit: bool,
        actions: StaffActions,
    ) -> None:
        super().__init__(panel)  # goes when the sheet (and its window) goes
        self._panel, self._guard, self._allow_exit = panel, guard, allow_exit
        self._actions = actions
        self._lock_check = QTimer(self)
        self._lock_check.setInterval(1000)
        self._lock_check.timeout.connect(self._refresh_lock)
        panel.pin_entered.connect(self._pin)
        panel.reset_requested.connect(self._reset)
        panel.closed.connect(self.close)
        panel.reload_requested.connect(self._reload)
        panel.rollback_requested.connect(self._roll_back)
        panel.exit_requested.connect(self._exit)

    @property
    def is_open(self) -> bool:
        """True while the sheet is shown."""
        return self._panel.isVisible()

    def open(self) -> None:
        """Show the sheet, locked."""
        self._panel.open_locked(self._guard.configured, self._allow_exit, self._guard.locked_for())
        self._lock_check.start()

    def close(self) -> None:
        """Hide the sheet (a reset also does this)."""
        self._lock_check.stop()
        self._panel.hide()

    def _pin(self, pin: str) -> None:
        result = self._guard.attempt(pin)
        if result.outcome == PinOutcome.OK:
            self._refresh()
        self._panel.show_pin_result(result)

    def _reload(self) -> None:
        # The bundle is read off the UI thread; `reload_finished` shows how it went.
        if self._actions.start_reload():
            self._panel.set_rollback_available(False)  # until the reload has ended
            self._panel.show_message("Reloading content…")

    def reload_finished(self, message: str) -> None:
        """A reload has ended: *message* on the page staff see, fresh diagnostics."""
        self._refresh()
        self._panel.show_message(message)

    def _roll_back(self) -> None:
        # Instant (the bundle is in memory); the result shows like a reload's.
        self.reload_finished(self._actions.roll_back())

    def _refresh(self) -> None:
        # The diagnostics page as things are now.
        self._panel.show_diagnostics(self._actions.diagnostics())
        self._panel.set_rollback_available(self._actions.can_roll_back())

    def _refresh_lock(self) -> None:
        # Count a lock-out down, and re-enable the pad when it ends, while the sheet is open.
        self._panel.show_lock(self._guard.locked_for())

    def _reset(self) -> None:
        self.close()
        self.reset_requested.emit()

    def _exit(self) -> None:
        if self._allow_exit:
            self.exit_requested.emit()
