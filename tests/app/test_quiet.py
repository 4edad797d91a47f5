"""Quiet hours on a kiosk: at closing the visit is reset, speech stops, the window goes
black and the display-off command runs; a touch wakes it for one idle period without
pressing what is below, then it rests again; at opening it wakes by itself. The
watchdog's idea of alive holds while it rests."""

from __future__ import annotations

from datetime import datetime, time

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from kiosk.app.quiet import QuietHours
from kiosk.config.schedule import Schedule, parse_days
from kiosk.state.session import Screen
from tests.helpers import LiveKioskFactory

CONFIG = '[schedule]\ndisplay_off = ["display", "off"]\ndisplay_on = ["display", "on"]\n'
FRIDAY_NOON = datetime(2026, 12, 4, 12, 0)
FRIDAY_EVENING = datetime(2026, 12, 4, 19, 0)
MONDAY_MORNING = datetime(2026, 12, 7, 7, 0)


def test_rest_wake_by_touch_rest_again_and_open(live_kiosk: LiveKioskFactory, qtbot: QtBot) -> None:
    kiosk, _clock = live_kiosk(CONFIG)
    now = [FRIDAY_NOON]
    commands: list[list[str]] = []
    schedule = Schedule(parse_days(["mon", "tue", "wed", "thu", "fri"]), time(7), time(17))
    quiet = QuietHours(kiosk, schedule, clock=lambda: now[0], run=commands.append, awake_ms=200)
    quiet.start()
    assert not quiet.resting and quiet.overlay.isHidden() and commands == []

    kiosk.session.choose_language("vi")
    kiosk.session.set_open_question("contact")
    now[0] = FRIDAY_EVENING
    quiet.update()
    assert quiet.resting and quiet.overlay.isVisible()
    assert kiosk.session.screen == Screen.HOME and kiosk.session.open_question is None
    assert kiosk.attract_overlay.isHidden()  # black, not the attract loop
    assert commands == [["display", "off"]]

    # A touch wakes it and presses nothing below (Home's language buttons).
    qtbot.mouseClick(quiet.overlay, Qt.MouseButton.LeftButton, pos=QPoint(960, 540))
    assert not quiet.resting and quiet.overlay.isHidden()
    assert kiosk.session.screen == Screen.HOME
    assert commands[-1] == ["display", "on"]
    qtbot.waitUntil(lambda: quiet.resting, timeout=5000)  # one idle period later
    assert commands[-1] == ["display", "off"]

    now[0] = MONDAY_MORNING
    quiet.update()
    assert not quiet.resting and quiet.overlay.isHidden() and commands[-1] == ["display", "on"]


def test_always_open_without_a_schedule(live_kiosk: LiveKioskFactory) -> None:
    kiosk, _clock = live_kiosk()
    quiet = QuietHours(kiosk, kiosk.loaded_config.schedule()[0], clock=lambda: FRIDAY_EVENING)
    quiet.start()
    assert not quiet.resting and quiet.overlay.isHidden()
