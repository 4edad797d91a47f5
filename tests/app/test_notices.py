"""A notice on a running kiosk: dropped into the folder, shown above every screen in each
of its languages (the visitor's, each in its own locale), read aloud, named for screen readers,
gone at its expiry; staff diagnostics say which one and which files are broken."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

from PySide6.QtGui import QAccessible
from pytestqt.qtbot import QtBot

from kiosk.app.notices import show_notices
from kiosk.content.notice_watch import NoticeWatch
from kiosk.speech.service import SpeechState
from kiosk.ui.notice_banner import NoticeBanner
from tests.helpers import LiveKioskFactory

DATA = Path(__file__).resolve().parents[1] / "data" / "notices"
WAIT_MS = 10_000


def notice_toml(expires: datetime) -> str:
    return (
        f"expires = {expires.isoformat(timespec='seconds')}\n[text]\n"
        'en = "Early release today: school ends at 12:30."\n'
        'es = "Salida temprana hoy: las clases terminan a las 12:30."\n'
        'vi = "Hôm nay tan học sớm: trường kết thúc lúc 12:30."\n'
    )


def test_a_dropped_notice_is_shown_read_aloud_and_named(
    live_kiosk: LiveKioskFactory, tmp_path: Path, qtbot: QtBot
) -> None:
    folder = tmp_path / "notices"
    folder.mkdir()
    kiosk, _clock = live_kiosk(f'notice_dir = "{folder}"\n')
    watch = show_notices(kiosk)
    watch.start()
    banner = kiosk.window.findChild(NoticeBanner)
    assert banner is not None and banner.isHidden()
    soon = datetime.now().astimezone() + timedelta(hours=2)
    (folder / "early.toml").write_text(notice_toml(soon), encoding="utf-8")
    qtbot.waitUntil(banner.isVisible, timeout=WAIT_MS)  # the folder watch saw it
    assert banner.label.text().startswith("Early release today")  # the visitor's language
    assert banner.label.locale().name().startswith("en")
    assert banner.geometry().top() < kiosk.window.header.geometry().top()  # above all
    qtbot.waitUntil(lambda: kiosk.speech.state != SpeechState.IDLE, timeout=WAIT_MS)
    spoken = [(u.language, u.text) for u in kiosk.speech.utterances]
    assert [language for language, _text in spoken] == ["en", "es", "vi"]
    interface = QAccessible.queryAccessibleInterface(banner)
    assert interface.text(QAccessible.Text.Name) == "Notice"
    kiosk.session.choose_language("vi")
    assert interface.text(QAccessible.Text.Name) == "Thông báo"
    assert banner.label.text().startswith("Hôm nay tan học sớm")
    assert banner.label.locale().name().startswith("vi")
    assert "12:30" in interface.text(QAccessible.Text.Description)
    (folder / "broken.xml").write_text("<alert>", encoding="utf-8")
    qtbot.waitUntil(lambda: bool(watch.problems), timeout=WAIT_MS)
    lines = "\n".join(kiosk.diagnostics())
    assert "Notice: shown until" in lines and "broken.xml: not XML" in lines
    (folder / "early.toml").unlink()
    qtbot.waitUntil(banner.isHidden, timeout=WAIT_MS)


def test_a_notice_goes_at_its_expiry(qtbot: QtBot, tmp_path: Path) -> None:
    shutil.copy(DATA / "snow-day.xml", tmp_path)
    now = [datetime.fromisoformat("2026-12-05T17:59:59.900-07:00")]
    watch = NoticeWatch(tmp_path, clock=lambda: now[0])
    shown: list[object] = []
    watch.changed.connect(shown.append)
    watch.start()
    assert watch.notice is not None and len(shown) == 1
    now[0] += timedelta(seconds=1)  # the expiry timer (0.1 s) fires after this
    qtbot.waitUntil(lambda: watch.notice is None, timeout=WAIT_MS)
    assert shown[-1] is None
