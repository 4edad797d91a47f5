"""Opening hours: school days, a span crossing midnight, holidays from the config and
from an iCalendar file, when the next change comes, and settings that cannot be used."""

from __future__ import annotations

from datetime import date, datetime, time
from pathlib import Path

from kiosk.config import load_config
from kiosk.config.schedule import Schedule, ics_holidays, parse_days

SCHOOL_DAYS = parse_days(["mon", "tue", "wed", "thu", "fri"])
# 2026-12-04 is a Friday.
FRI, SAT, MON = date(2026, 12, 4), date(2026, 12, 5), date(2026, 12, 7)


def at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute))


def test_school_days_and_hours() -> None:
    schedule = Schedule(SCHOOL_DAYS, time(7, 0), time(17, 30))
    assert not schedule.is_open(at(FRI, 6, 59))
    assert schedule.is_open(at(FRI, 7, 0)) and schedule.is_open(at(FRI, 17, 29))
    assert not schedule.is_open(at(FRI, 17, 30))
    assert not schedule.is_open(at(SAT, 12))
    assert schedule.next_change(at(FRI, 12)) == at(FRI, 17, 30)
    assert schedule.next_change(at(FRI, 18)) == at(MON, 7)  # over the weekend
    assert Schedule().is_open(at(SAT, 3)) and Schedule().next_change(at(SAT, 3)) is None


def test_a_span_crossing_midnight_and_a_holiday() -> None:
    holiday = date(2026, 12, 3)  # Thursday
    schedule = Schedule(SCHOOL_DAYS, time(18, 0), time(2, 0), frozenset({holiday}))
    assert schedule.is_open(at(FRI, 1, 59)) is False  # Thursday's span: a holiday
    assert schedule.is_open(at(date(2026, 12, 3), 1, 0))  # Wednesday's span runs into it
    assert not schedule.is_open(at(holiday, 20))
    assert schedule.is_open(at(FRI, 23)) and schedule.is_open(at(SAT, 1, 59))  # Friday's
    assert not schedule.is_open(at(SAT, 2))
    assert schedule.next_change(at(holiday, 20)) == at(FRI, 18)
    assert schedule.next_change(at(FRI, 23)) == at(SAT, 2)


def test_holidays_from_an_icalendar_file() -> None:
    text = (
        "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nSUMMARY:Winter\r\n break\r\n"
        "DTSTART;VALUE=DATE:20261221\r\nDTEND;VALUE=DATE:20261224\r\nEND:VEVENT\r\n"
        "BEGIN:VEVENT\r\nDTSTART:20270115T080000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    assert ics_holidays(text) == {
        date(2026, 12, 21),
        date(2026, 12, 22),
        date(2026, 12, 23),  # DTEND is the day after the last
        date(2027, 1, 15),
    }


def test_schedule_settings(tmp_path: Path) -> None:
    (tmp_path / "calendar.ics").write_text(
        "BEGIN:VEVENT\nDTSTART;VALUE=DATE:20261207\nEND:VEVENT\n", encoding="utf-8"
    )
    config = tmp_path / "config.toml"
    config.write_text(
        '[schedule]\ndays = ["mon", "fri"]\nopen = "07:30"\nclose = "16:00"\n'
        'holidays = [2026-12-04]\nholidays_file = "calendar.ics"\n',
        encoding="utf-8",
    )
    schedule, problems = load_config(config).schedule()
    assert problems == []
    assert schedule.days == {0, 4} and schedule.opens == time(7, 30)
    assert schedule.holidays == {date(2026, 12, 4), date(2026, 12, 7)}
    (tmp_path / "calendar.ics").write_text("BEGIN:VEVENT\nDTSTART:x\nEND:VEVENT\n")
    _schedule, problems = load_config(config).schedule()
    assert len(problems) == 1 and "calendar.ics" in problems[0] and "not a date" in problems[0]


def test_bad_schedule_settings_are_config_problems(tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        '[schedule]\ndays = ["mon", "funday"]\nopen = "7am"\nholidays = ["soon"]\n'
        'display_off = ["xset", 3]\n',
        encoding="utf-8",
    )
    loaded = load_config(config)
    text = "\n".join(str(issue) for issue in loaded.issues)
    assert "'funday' is not a weekday" in text and "'7am' is not a time" in text
    assert "'soon' is not a date" in text and "must be a list of strings" in text
    assert loaded.schedule()[0].always_open  # the defaults: no school days
