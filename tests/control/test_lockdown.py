"""Lock-down: the keys and requests that would close the kiosk do nothing; the staff
gesture and chord open the staff sheet; a second kiosk refuses to start."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, Qt
from PySide6.QtGui import QContextMenuEvent, QKeyEvent
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.control.lockdown import STAFF_HOLD_MS
from kiosk.state.session import Screen
from kiosk.system.health import (
    SystemdNotifier,
    machine_lock_path,
    setup_logging,
    single_instance_lock,
)
from kiosk.system.status_files import uptime_text
from tests.helpers import LiveKioskFactory


@pytest.mark.parametrize(
    ("key", "modifiers"),
    [
        (Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier),
        (Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier),
        (Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier),
    ],
)
def test_escape_keys_are_swallowed(
    live_kiosk: LiveKioskFactory,
    key: Qt.Key,
    modifiers: Qt.KeyboardModifier,
) -> None:
    kiosk, _clock = live_kiosk()
    event = QKeyEvent(QEvent.Type.KeyPress, key, modifiers)
    assert kiosk.lockdown.eventFilter(kiosk.window, event) is True
    assert kiosk.window.isVisible()


def test_closing_the_window_is_refused(live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    assert kiosk.window.close() is False
    assert kiosk.window.isVisible()


def test_context_menus_are_swallowed(live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    event = QContextMenuEvent(QContextMenuEvent.Reason.Mouse, QPoint(5, 5), QPoint(5, 5))
    assert kiosk.lockdown.eventFilter(kiosk.window.faq, event) is True


def test_keyboard_chord_opens_the_staff_sheet(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    qtbot.keyClick(
        kiosk.window,
        Qt.Key.Key_S,
        Qt.KeyboardModifier.ControlModifier
        | Qt.KeyboardModifier.AltModifier
        | Qt.KeyboardModifier.ShiftModifier,
    )
    assert kiosk.staff_panel.isVisible()


def test_holding_the_top_left_corner_opens_staff_without_pressing_home(
    qtbot: QtBot,
    live_kiosk: LiveKioskFactory,
) -> None:
    kiosk, _clock = live_kiosk()
    kiosk.session.choose_language("es")
    home = kiosk.window.toolbar.home
    corner = home.mapFrom(kiosk.window, QPoint(20, 20))
    assert home.rect().contains(corner)  # the corner lies on the Home button
    qtbot.mousePress(home, Qt.MouseButton.LeftButton, pos=corner)
    qtbot.wait(STAFF_HOLD_MS + 300)
    assert kiosk.staff_panel.isVisible()
    qtbot.mouseRelease(home, Qt.MouseButton.LeftButton, pos=corner)
    assert kiosk.session.screen == Screen.FAQ  # the hold did not count as a tap on Home


def test_a_short_tap_in_the_corner_is_just_a_tap(
    qtbot: QtBot, live_kiosk: LiveKioskFactory
) -> None:
    kiosk, _clock = live_kiosk()
    kiosk.session.choose_language("es")
    home = kiosk.window.toolbar.home
    qtbot.mouseClick(
        home, Qt.MouseButton.LeftButton, pos=home.mapFrom(kiosk.window, QPoint(20, 20))
    )
    qtbot.wait(STAFF_HOLD_MS + 300)
    assert not kiosk.staff_panel.isVisible()
    assert kiosk.session.screen != Screen.FAQ


def test_a_second_kiosk_refuses_to_start_and_leaves_the_first(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "XDG_RUNTIME_DIR": str(tmp_path),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "XDG_CACHE_HOME": str(tmp_path / "c"),
        "FAQ_KIOSK_LOCK": str(tmp_path / "faq-kiosk.lock"),  # not the machine's own
    }
    env.pop("FAQ_KIOSK_CONFIG", None)
    command = [sys.executable, "-m", "kiosk", "--config", str(tmp_path / "none.toml")]
    first = subprocess.Popen(
        command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 30
        while not (tmp_path / "faq-kiosk.lock").exists() and time.monotonic() < deadline:
            time.sleep(0.1)
        assert (tmp_path / "faq-kiosk.lock").exists()
        (tmp_path / "other-session").mkdir()
        second = subprocess.run(  # another user session: the lock is still the same
            command,
            env={**env, "XDG_RUNTIME_DIR": str(tmp_path / "other-session")},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert second.returncode == 3
        assert "already running" in second.stderr
        assert "Traceback" not in second.stderr
        assert first.poll() is None  # the first kiosk is still up
    finally:
        first.terminate()
        first.wait(10)


def test_watchdog_heartbeat_only_while_the_event_loop_turns(
    qapp: QApplication, tmp_path: Path
) -> None:
    address = str(tmp_path / "notify")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as listener:
        listener.bind(address)
        listener.setblocking(False)
        notifier = SystemdNotifier({"NOTIFY_SOCKET": address, "WATCHDOG_USEC": "200000"})
        notifier.ready()
        assert listener.recv(64) == b"READY=1"
        deadline = time.monotonic() + 1.0
        while time.monotonic() < deadline:
            qapp.processEvents()
            time.sleep(0.01)
        beats = drain(listener)
        assert beats and set(beats) == {b"WATCHDOG=1"}
        time.sleep(0.6)  # the event loop is blocked: three intervals without a turn
        assert drain(listener) == []
        notifier.stop()
        assert drain(listener) == [b"STOPPING=1"]


def drain(listener: socket.socket) -> list[bytes]:
    messages = []
    while True:
        try:
            messages.append(listener.recv(64))
        except BlockingIOError:
            return messages


def test_no_notify_socket_means_no_notifications(qapp: QApplication) -> None:
    notifier = SystemdNotifier({})
    assert not notifier.active
    assert notifier.notify("READY=1") is False


def test_unwritable_log_folder_is_reported_not_fatal(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be", encoding="utf-8")
    assert setup_logging(blocker / "logs")() is not None
    assert setup_logging(tmp_path / "logs")() is None
    import logging

    logging.getLogger("kiosk.test").warning("written to the file")
    for handler in logging.getLogger().handlers:
        handler.flush()
    assert "written to the file" in (tmp_path / "logs" / "faq-kiosk.log").read_text()
    for handler in list(logging.getLogger().handlers):
        if getattr(handler, "baseFilename", "").startswith(str(tmp_path)):
            logging.getLogger().removeHandler(handler)
            handler.close()


def test_uptime_text() -> None:
    assert uptime_text(0, 59) == "0 min"
    assert uptime_text(0, 3 * 86400 + 2 * 3600 + 5 * 60) == "3 d 2 h 5 min"


def test_the_lock_is_one_per_machine_and_never_stale(tmp_path: Path) -> None:
    sessions = [
        {"XDG_RUNTIME_DIR": f"/run/user/{uid}", "TMPDIR": f"/tmp/{uid}"} for uid in (0, 1000)
    ]
    assert machine_lock_path(sessions[0], "linux") == machine_lock_path(sessions[1], "linux")
    path = tmp_path / "faq-kiosk.lock"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys, time; from pathlib import Path; "
            "from kiosk.system.health import single_instance_lock; "
            f"lock = single_instance_lock(Path({str(path)!r})); "
            "print(lock is not None, flush=True); "
            "time.sleep(60)",
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "True"
        assert single_instance_lock(path) is None  # held by the other process
        assert path.read_text(encoding="ascii").strip() == str(holder.pid)
    finally:
        holder.kill()  # a crash: no chance to unlock
        holder.wait(10)
    lock = single_instance_lock(path)  # the dead process's lock is gone with it
    assert lock is not None
    lock.unlock()
