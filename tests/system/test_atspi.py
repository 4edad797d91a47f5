"""The AT-SPI events the kiosk sends itself (Qt's bridge leaves them out): an accordion
header opening and closing, as a screen reader on the accessibility bus receives it."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator

import pytest
from PySide6.QtDBus import QDBusConnection
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.system import atspi
from kiosk.ui import accessibility
from kiosk.ui.accordion import QuestionHeader

MONITOR_WAIT_S = 10


@pytest.fixture
def a11y_bus(private_bus: str) -> Iterator[str]:
    """Qt's accessibility connection ("a11y"), here to a private bus; its address."""
    if QDBusConnection(atspi.A11Y_CONNECTION).isConnected():
        pytest.skip("Qt's own accessibility bridge is connected in this process")
    bus = QDBusConnection.connectToBus(private_bus, atspi.A11Y_CONNECTION)
    assert bus.isConnected(), bus.lastError().message()
    yield private_bus
    QDBusConnection.disconnectFromBus(atspi.A11Y_CONNECTION)


def monitor(address: str) -> subprocess.Popen[str]:
    """dbus-monitor printing the AT-SPI object events on the bus at *address*."""
    program = shutil.which("dbus-monitor")
    if program is None:
        pytest.skip("dbus-monitor is not installed (Debian: apt-get install dbus-bin)")
    process = subprocess.Popen(
        [
            program,
            "--address",
            address,
            f"type='signal',interface='{atspi.EVENT_OBJECT_INTERFACE}'",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert process.stdout is not None
    return process


def state_events(output: str) -> list[tuple[str, str, int]]:
    """The StateChanged signals in dbus-monitor's *output*: (path, state, value)."""
    events: list[tuple[str, str, int]] = []
    for block in output.split("\nsignal ")[1:]:
        if "member=StateChanged" not in block:
            continue
        path = block.split("path=", 1)[1].split(";", 1)[0]
        name, value = (line.strip() for line in block.splitlines()[1:3])
        events.append((path, name.split('"')[1], int(value.split()[-1])))
    return events


def test_opening_and_closing_a_question_sends_collapsed_then_expanded(
    qapp: QApplication, qtbot: QtBot, a11y_bus: str
) -> None:
    accessibility.install(qapp)
    header = QuestionHeader()
    qtbot.addWidget(header)
    process = monitor(a11y_bus)
    qtbot.wait(500)  # dbus-monitor has subscribed
    header.set_expanded(True)
    header.set_expanded(False)
    qtbot.wait(500)  # the signals have gone out
    process.terminate()
    output, _ = process.communicate(timeout=MONITOR_WAIT_S)
    path = atspi.object_path(header)
    assert path is not None and path.startswith(atspi.OBJECT_PATH_PREFIX)
    assert state_events(output) == [
        (path, "collapsed", 0),
        (path, "expanded", 1),
        (path, "collapsed", 1),
        (path, "expanded", 0),
    ]


def test_without_an_accessibility_bus_nothing_is_sent(qtbot: QtBot) -> None:
    widget = QWidget()
    qtbot.addWidget(widget)
    assert not QDBusConnection(atspi.A11Y_CONNECTION).isConnected()
    assert atspi.send_state_changed(widget, {"expanded": True}) is False
