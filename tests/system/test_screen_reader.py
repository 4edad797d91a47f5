"""Telling whether a screen reader runs: the decision with a fake detector, the config's
override, and AT-SPI's status read from a real (private) D-Bus session bus."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from functools import partial
from itertools import count
from pathlib import Path

import pytest
from PySide6.QtDBus import QDBusConnection, QDBusVariant
from pytestqt.qtbot import QtBot

from kiosk.system.screen_reader import (
    AtSpiDetector,
    NoDetector,
    ScreenReaderWatch,
    status_value,
)
from tests.helpers import REPO, FakeDetector

BUS_WAIT_MS = 10_000
_names = count()


def is_running(watch: ScreenReaderWatch, expected: bool) -> bool:
    """Whether *watch* has come to say *expected*."""
    return watch.running is expected


def test_auto_follows_detection_and_says_each_change_once(qtbot: QtBot) -> None:
    detector = FakeDetector()
    watch = ScreenReaderWatch("auto", detector)
    changes: list[bool] = []
    watch.changed.connect(changes.append)
    watch.start()
    assert not watch.running and changes == []
    detector.set(True)
    detector.set(True)
    assert watch.running and changes == [True]
    assert watch.describe() == "running (self-voicing off)"
    detector.set(False)
    assert not watch.running and changes == [True, False]
    assert watch.describe() == "none"


@pytest.mark.parametrize(("mode", "expected"), [("on", True), ("off", False)])
def test_config_forces_either_way(qtbot: QtBot, mode: str, expected: bool) -> None:
    detector = FakeDetector(running=not expected)
    watch = ScreenReaderWatch(mode, detector)
    changes: list[bool] = []
    watch.changed.connect(changes.append)
    watch.start()
    detector.set(expected)
    detector.set(not expected)
    assert watch.running is expected and changes == []
    assert f'screen_reader = "{mode}"' in watch.describe()


def test_unknown_mode_means_auto_and_no_detector_means_none(qtbot: QtBot) -> None:
    watch = ScreenReaderWatch("sometimes", NoDetector())
    watch.start()
    assert watch.mode == "auto" and not watch.running


def test_status_value_accepts_only_a_true_bool() -> None:
    assert status_value([True])
    assert status_value([QDBusVariant(True)])
    assert not status_value([QDBusVariant(False)])
    assert not status_value([False])
    assert not status_value([])
    assert not status_value(["true"])
    assert not status_value([1, 2])


def test_no_session_bus_means_none_and_no_exception(tmp_path: Path) -> None:
    # A real QtDBus connection attempt to a bus that is not there, in a process of its own.
    program = (
        "from PySide6.QtCore import QCoreApplication\n"
        "from kiosk.system.screen_reader import AtSpiDetector, ScreenReaderWatch\n"
        "app = QCoreApplication([])\n"
        "reports = []\n"
        "watch = ScreenReaderWatch('auto', AtSpiDetector())\n"
        "watch.changed.connect(reports.append)\n"
        "watch.start()\n"
        "app.processEvents()\n"
        "print('running', watch.running, 'changes', reports)\n"
    )
    env = {
        **os.environ,
        "DBUS_SESSION_BUS_ADDRESS": f"unix:path={tmp_path / 'no-bus'}",
        "PYTHONPATH": str(REPO),
    }
    result = subprocess.run(
        [sys.executable, "-c", program],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "running False changes []"
    assert result.stderr.count("cannot ask AT-SPI") <= 1  # logged once at most


def test_a_disconnected_bus_reports_none_and_logs_once(
    qtbot: QtBot, caplog: pytest.LogCaptureFixture
) -> None:
    detector = AtSpiDetector(bus_name="never-connected")
    reports: list[bool] = []
    with caplog.at_level("INFO", logger="kiosk.system.screen_reader"):
        detector.start(reports.append)
        detector.start(reports.append)
    assert reports == [False, False]
    assert len([r for r in caplog.records if "cannot ask AT-SPI" in r.message]) == 1


@pytest.fixture
def bus_name(private_bus: str) -> Iterator[str]:
    """A QtDBus connection to the private bus, by name."""
    name = f"kiosk-test-{next(_names)}"
    bus = QDBusConnection.connectToBus(private_bus, name)
    assert bus.isConnected(), bus.lastError().message()
    yield name
    QDBusConnection.disconnectFromBus(name)


def test_no_at_spi_service_on_the_bus_means_none(qtbot: QtBot, bus_name: str) -> None:
    reports: list[bool] = []
    detector = AtSpiDetector(bus_name)
    detector.start(reports.append)
    qtbot.waitUntil(lambda: len(reports) == 2, timeout=BUS_WAIT_MS)  # one per property
    assert reports == [False, False]


def test_orca_starting_and_stopping_is_noticed(
    qtbot: QtBot, private_bus: str, bus_name: str
) -> None:
    service = subprocess.Popen(
        [sys.executable, "-m", "tests.system.a11y_status_service"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=REPO,
        env={**os.environ, "DBUS_SESSION_BUS_ADDRESS": private_bus, "PYTHONPATH": str(REPO)},
    )
    assert service.stdin is not None and service.stdout is not None
    try:
        assert service.stdout.readline().strip() == "ready"
        watch = ScreenReaderWatch("auto", AtSpiDetector(bus_name))
        changes: list[bool] = []
        watch.changed.connect(changes.append)
        watch.start()
        qtbot.wait(300)  # both answers: none runs yet
        assert not watch.running and changes == []

        for line, expected in (("on", True), ("off", False), ("on", True)):
            service.stdin.write(line + "\n")
            service.stdin.flush()
            assert service.stdout.readline().strip() == f"set {line}"
            qtbot.waitUntil(partial(is_running, watch, expected), timeout=BUS_WAIT_MS)
        assert changes == [True, False, True]
    finally:
        service.stdin.close()
        service.wait(timeout=10)
