"""StaffDesk: what happens behind the staff sheet (PIN checks, diagnostics, reload, exit).

The PIN guard belongs to the desk, not to the sheet, so a lock-out survives closing and
reopening the sheet.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer, Signal

from kiosk.state.pin_guard import PinGuard, PinOutcome
from kiosk.ui.staff_panel import StaffPanel


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
        diagnostics: Callable[[], list[str]],
        start_reload: Callable[[], bool],
    ) -> None:
        super().__init__(panel)  # goes when the sheet (and its window) goes
        self._panel, self._guard, self._allow_exit = panel, guard, allow_exit
        self._diagnostics, self._start_reload = diagnostics, start_reload
        self._lock_check = QTimer(self)
        self._lock_check.setInterval(1000)
        self._lock_check.timeout.connect(self._refresh_lock)
        panel.pin_entered.connect(self._pin)
        panel.reset_requested.connect(self._reset)
        panel.closed.connect(self.close)
        panel.reload_requested.connect(self._reload)
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
            self._panel.show_diagnostics(self._diagnostics())
        self._panel.show_pin_result(result)

    def _reload(self) -> None:
        # The bundle is read off the UI thread; `reload_finished` shows how it went.
        if self._start_reload():
            self._panel.show_message("Reloading content…")

    def reload_finished(self, message: str) -> None:
        """A reload has ended: *message* on the page staff see, fresh diagnostics."""
        self._panel.show_diagnostics(self._diagnostics())
        self._panel.show_message(message)

    def _refresh_lock(self) -> None:
        # Count a lock-out down, and re-enable the pad when it ends, while the sheet is open.
        self._panel.show_lock(self._guard.locked_for())

    def _reset(self) -> None:
        self.close()
        self.reset_requested.emit()

    def _exit(self) -> None:
        if self._allow_exit:
            self.exit_requested.emit()
