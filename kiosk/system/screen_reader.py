"""Whether a screen reader runs, so that two voices never speak at once.

On Linux AT-SPI says so on the session bus: the `org.a11y.Bus` service's object
`/org/a11y/bus` has the interface `org.a11y.Status` with the properties
`ScreenReaderEnabled` and `IsEnabled` (Orca sets them when it starts and clears them when
it stops; Qt itself reads both to decide whether to expose its accessibility tree). The
watch reads them without blocking and follows their `PropertiesChanged`. On Windows
`SystemParametersInfoW(SPI_GETSCREENREADER)` says so (Narrator, NVDA and JAWS set it); it
has no change notification, so the watch polls it. Elsewhere, or with no session bus, no
screen reader is assumed (logged once).

The config's `screen_reader` forces either way: "on" behaves as if one runs, "off" as if
none does, "auto" follows detection.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import SLOT, QObject, QTimer, Signal, Slot

from kiosk.system.screen_reader_modes import AUTO, ON, SCREEN_READER_MODES

log = logging.getLogger(__name__)


A11Y_SERVICE = "org.a11y.Bus"
A11Y_PATH = "/org/a11y/bus"
STATUS_INTERFACE = "org.a11y.Status"
PROPERTIES_INTERFACE = "org.freedesktop.DBus.Properties"
#: Either one true means an assistive technology reads the screen.
STATUS_PROPERTIES = ("ScreenReaderEnabled", "IsEnabled")

#: SystemParametersInfoW action: is a screen reader running (winuser.h).
SPI_GETSCREENREADER = 0x0046
#: How often Windows is asked (it does not notify).
WINDOWS_POLL_MS = 3000

Report = Callable[[bool], None]


class Detector(Protocol):
    """Where a watch learns whether a screen reader runs: *report* is called with the
    answer, first and on every change (or every poll)."""

    def start(self, report: Report) -> None:
        """Begin detecting; never blocks and never raises."""
        ...


class NoDetector:
    """A platform with no way to tell: no screen reader."""

    def start(self, report: Report) -> None:
        """Report no screen reader, once."""
        report(False)


class AtSpiDetector(QObject):
    """AT-SPI's status properties on the session bus, read asynchronously and followed
    through `PropertiesChanged`."""

    def __init__(self, bus_name: str | None = None, parent: QObject | None = None) -> None:
        """*bus_name*: a connection made with `QDBusConnection.connectToBus` (tests); by
        default the session bus."""
        super().__init__(parent)
        self._bus_name = bus_name
        self._values = dict.fromkeys(STATUS_PROPERTIES, False)
        self._report: Report = lambda _running: None
        self._problem_logged = False

    def start(self, report: Report) -> None:
        """Ask both properties and subscribe to their changes; without a session bus,
        report no screen reader and log why, once."""
        self._report = report
        try:
            from PySide6.QtDBus import QDBusConnection
        except ImportError as error:  # a Qt build without QtDBus
            self._no_bus(f"QtDBus is not available ({error})")
            return
        bus = (
            QDBusConnection(self._bus_name)
            if self._bus_name is not None
            else QDBusConnection.sessionBus()
        )
        if not bus.isConnected():
            self._no_bus(bus.lastError().message() or "no session bus")
            return
        # The stubs want the slot as bytes; PySide 6.11 accepts only the str SLOT() gives.
        subscribed = bus.connect(  # type: ignore[call-overload]
            A11Y_SERVICE,
            A11Y_PATH,
            PROPERTIES_INTERFACE,
            "PropertiesChanged",
            self,
            SLOT("_on_properties_changed()"),
        )
        if not subscribed:
            log.info("Screen reader: cannot follow AT-SPI's status; read once only")
        self._bus = bus
        self.query()

    def query(self) -> None:
        """Read both properties again; the answers arrive later."""
        from PySide6.QtDBus import QDBusMessage, QDBusPendingCallWatcher

        for name in STATUS_PROPERTIES:
            message = QDBusMessage.createMethodCall(
                A11Y_SERVICE, A11Y_PATH, PROPERTIES_INTERFACE, "Get"
            )
            message.setArguments([STATUS_INTERFACE, name])
            watcher = QDBusPendingCallWatcher(self._bus.asyncCall(message), self)
            self._follow(name, watcher)

    @Slot()
    def _on_properties_changed(self) -> None:
        # The signal's arguments are an a{sv} PySide cannot unpack: read the values again.
        self.query()

    def _follow(self, name: str, watcher: QObject) -> None:
        # A closure of no arguments: PySide passes a partial's missing argument nothing.
        watcher.finished.connect(lambda: self._on_reply(name, watcher))  # type: ignore[attr-defined]

    def _on_reply(self, name: str, watcher: QObject) -> None:
        from PySide6.QtDBus import QDBusMessage, QDBusPendingCallWatcher

        assert isinstance(watcher, QDBusPendingCallWatcher)
        reply = watcher.reply()
        watcher.deleteLater()
        if reply.type() == QDBusMessage.MessageType.ErrorMessage:
            self._no_bus(f"{reply.errorName()}: {reply.errorMessage()}")
            value = False
        else:
            value = status_value(reply.arguments())
        self._values[name] = value
        self._report(any(self._values.values()))

    def _no_bus(self, why: str) -> None:
        if not self._problem_logged:
            self._problem_logged = True
            log.info("Screen reader: cannot ask AT-SPI (%s); assuming none runs", why)
        self._report(False)


def status_value(arguments: list[object]) -> bool:
    """A `Properties.Get` reply's value as a truth value: a bool (PySide unwraps the
    variant), anything else (a missing or odd value) as false."""
    if len(arguments) != 1:
        return False
    value = arguments[0]
    variant = getattr(value, "variant", None)  # a QDBusVariant PySide left wrapped
    if callable(variant):
        value = variant()
    return value is True


class WindowsDetector(QObject):
    """`SystemParametersInfoW(SPI_GETSCREENREADER)`, polled."""

    def __init__(self, poll_ms: int = WINDOWS_POLL_MS, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._timer = QTimer(self)
        self._timer.setInterval(poll_ms)

    def start(self, report: Report) -> None:
        """Ask now and every few seconds."""
        self._timer.timeout.connect(lambda: report(windows_screen_reader()))
        self._timer.start()
        report(windows_screen_reader())


def windows_screen_reader() -> bool:
    """Whether Windows says a screen reader runs (false where the call fails)."""
    import ctypes
    from ctypes import wintypes

    running = wintypes.BOOL(False)
    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined,unused-ignore]
    ok = user32.SystemParametersInfoW(SPI_GETSCREENREADER, 0, ctypes.byref(running), 0)
    return bool(ok) and bool(running.value)


def default_detector() -> Detector:
    """The detector for this platform."""
    if sys.platform.startswith("linux"):
        return AtSpiDetector()
    if sys.platform == "win32":
        return WindowsDetector()
    return NoDetector()


class ScreenReaderWatch(QObject):
    """Whether the kiosk should behave as if a screen reader runs: detection, unless the
    config forces it.

    Signals:
        changed(bool): `running` changed.
    """

    changed = Signal(bool)

    def __init__(
        self, mode: str = AUTO, detector: Detector | None = None, parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._mode = mode if mode in SCREEN_READER_MODES else AUTO
        self._detector = detector
        self._detected = False
        self._running = self._mode == ON

    @property
    def mode(self) -> str:
        """The config's `screen_reader`: auto, on or off."""
        return self._mode

    @property
    def running(self) -> bool:
        """Whether to behave as if a screen reader runs."""
        return self._running

    @property
    def detected(self) -> bool:
        """Whether detection last said one runs (whatever the mode)."""
        return self._detected

    def start(self) -> None:
        """Begin detecting (in every mode, so diagnostics can tell what runs)."""
        detector = self._detector = self._detector or default_detector()
        if isinstance(detector, QObject) and detector.parent() is None:
            detector.setParent(self)  # it lives as long as the watch
        detector.start(self._report)

    def describe(self) -> str:
        """For staff diagnostics: "running (self-voicing off)" or "none", and why when the
        config forces it."""
        state = "running (self-voicing off)" if self._running else "none"
        if self._mode == AUTO:
            return state
        seen = "one detected" if self._detected else "none detected"
        return f'{state}; screen_reader = "{self._mode}" ({seen})'

    def _report(self, detected: bool) -> None:
        self._detected = detected
        running = self._mode == ON or (self._mode == AUTO and detected)
        if running != self._running:
            self._running = running
            log.info("Screen reader: %s", self.describe())
            self.changed.emit(running)
