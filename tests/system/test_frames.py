"""Proof of life: the frame clock follows real paints, and the watchdog heartbeat stops
when the window paints nothing, although the event loop still turns."""

from __future__ import annotations

import socket
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel
from pytestqt.qtbot import QtBot

from kiosk.system.frames import MAX_FRAME_AGE_S, FrameClock
from kiosk.system.health import SystemdNotifier
from tests.helpers import FakeClock

PAINT_WAIT_MS = 5000


def shown_window(qtbot: QtBot) -> QLabel:
    window = QLabel("FAQ Kiosk")
    window.resize(200, 100)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    return window


def test_a_probe_is_answered_by_a_paint(qtbot: QtBot) -> None:
    clock = FakeClock()
    window = shown_window(qtbot)
    frames = FrameClock(window, clock=clock)
    assert not frames.alive()  # no frame seen yet
    frames.probe()
    qtbot.waitUntil(frames.alive, timeout=PAINT_WAIT_MS)
    clock.now += MAX_FRAME_AGE_S - 1
    assert frames.alive() and frames.age() == MAX_FRAME_AGE_S - 1
    frames.probe()  # the paint brings the age back to zero
    qtbot.waitUntil(lambda: frames.age() == 0, timeout=PAINT_WAIT_MS)


def test_a_window_that_paints_nothing_is_not_alive(qtbot: QtBot, qapp: QApplication) -> None:
    clock = FakeClock()
    window = shown_window(qtbot)
    frames = FrameClock(window, clock=clock)
    frames.probe()
    qtbot.waitUntil(frames.alive, timeout=PAINT_WAIT_MS)
    window.setUpdatesEnabled(False)  # as a hung paint or an unmapped window: no frames
    for _ in range(4):
        clock.now += MAX_FRAME_AGE_S / 3
        frames.probe()
        qtbot.wait(50)
    assert not frames.alive()
    window.setUpdatesEnabled(True)
    frames.probe()
    qtbot.waitUntil(frames.alive, timeout=PAINT_WAIT_MS)


def test_the_heartbeat_stops_while_no_frame_is_painted(qtbot: QtBot, tmp_path: Path) -> None:
    clock = FakeClock()
    window = shown_window(qtbot)
    frames = FrameClock(window, clock=clock)
    frames.probe()
    qtbot.waitUntil(frames.alive, timeout=PAINT_WAIT_MS)
    address = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(address)
        listener.settimeout(1.0)
        notifier = SystemdNotifier({"NOTIFY_SOCKET": address}, alive=frames.alive)
        assert notifier.beat() and listener.recv(64) == b"WATCHDOG=1"
        window.setUpdatesEnabled(False)
        clock.now += MAX_FRAME_AGE_S + 1
        frames.probe()
        qtbot.wait(50)  # the event loop turns, but nothing is painted
        assert notifier.beat() is False
        assert notifier.beat() is False
        window.setUpdatesEnabled(True)
        frames.probe()
        qtbot.waitUntil(frames.alive, timeout=PAINT_WAIT_MS)
        assert notifier.beat() and listener.recv(64) == b"WATCHDOG=1"
