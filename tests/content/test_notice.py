"""Reading notices: a hand-written TOML notice, a CAP 1.2 alert in three languages, alerts
that show nothing (Cancel, Test), expiry, and bad files named as problems."""

from __future__ import annotations

import shutil
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from kiosk.content.notice import NoticeError, active_notice, load_notice

DATA = Path(__file__).resolve().parents[1] / "data" / "notices"
DENVER = timezone(timedelta(hours=-7))
MORNING = datetime(2026, 12, 5, 7, 0, tzinfo=DENVER)

TOML_NOTICE = """\
expires = 2026-12-05T15:00:00-07:00
[text]
en = "Early release today: school ends at 12:30."
es = "Salida temprana hoy: las clases terminan a las 12:30."
"""


def test_a_cap_alert_in_three_languages() -> None:
    notice = load_notice(DATA / "snow-day.xml")
    assert notice is not None
    assert set(notice.texts) == {"en", "es", "vi"}
    assert notice.texts["en"] == (
        "All DPS schools are closed today. Because of snow, schools and offices are closed "
        "on Friday, December 5. Check the district website for updates."
    )
    assert notice.texts["vi"].startswith("Tất cả các trường DPS đóng cửa hôm nay.")
    assert notice.expires == datetime(2026, 12, 5, 18, 0, tzinfo=DENVER)
    assert [lang for lang, _text in notice.in_languages(["vi", "en"])] == ["vi", "en", "es"]


@pytest.mark.parametrize(("old", "new"), [("Alert<", "Cancel<"), ("Actual", "Test")])
def test_cancel_and_test_alerts_show_nothing(tmp_path: Path, old: str, new: str) -> None:
    path = tmp_path / "alert.xml"
    path.write_text((DATA / "snow-day.xml").read_text(encoding="utf-8").replace(old, new, 1))
    assert load_notice(path) is None
    assert active_notice(tmp_path, MORNING) == (None, [])


def test_the_notice_shown_is_the_one_in_force(tmp_path: Path) -> None:
    shutil.copy(DATA / "snow-day.xml", tmp_path)
    (tmp_path / "early-release.toml").write_text(TOML_NOTICE, encoding="utf-8")
    shown, problems = active_notice(tmp_path, MORNING)
    assert problems == [] and shown is not None and shown.source.name == "snow-day.xml"
    shown, _ = active_notice(tmp_path, datetime(2026, 12, 5, 17, 0, tzinfo=DENVER))
    assert shown is not None and shown.source.name == "snow-day.xml"  # the other has ended
    assert active_notice(tmp_path, datetime(2026, 12, 5, 18, 0, tzinfo=DENVER)) == (None, [])
    assert active_notice(tmp_path / "missing", MORNING) == (None, [])


@pytest.mark.parametrize(
    ("name", "text", "reason"),
    [
        ("a.toml", "[text]\nen = 'x'\n", "expires must be a date-time"),
        ("b.toml", "expires = 2026-12-05T15:00:00\n[text]\nen = 'x'\n", "UTC offset"),
        ("c.toml", "expires = 2026-12-05T15:00:00Z\n", r"\[text\] must give"),
        ("d.toml", "expires = 2026-12-05T15:00:00Z\n[text]\nen = '   '\n", "empty text"),
        ("e.toml", "expires = = 1\n", "Invalid"),
        ("f.xml", "<alert>", "not XML"),
        ("g.xml", "<alert/>", "not a CAP 1.2 alert"),
        ("h.toml", "expires = 2026-12-05T15:00:00Z\n[text]\nen = '" + "x" * 1001 + "'\n", "longer"),
    ],
)
def test_a_bad_file_is_a_problem_and_the_good_one_still_shows(
    tmp_path: Path, name: str, text: str, reason: str
) -> None:
    shutil.copy(DATA / "snow-day.xml", tmp_path)
    (tmp_path / name).write_text(text, encoding="utf-8")
    with pytest.raises(NoticeError, match=reason):
        load_notice(tmp_path / name)
    shown, problems = active_notice(tmp_path, MORNING)
    assert shown is not None and len(problems) == 1 and name in problems[0]


def test_a_huge_file_is_not_read(tmp_path: Path) -> None:
    (tmp_path / "big.toml").write_bytes(b"#" * 70_000)
    with pytest.raises(NoticeError, match="larger than"):
        load_notice(tmp_path / "big.toml")
