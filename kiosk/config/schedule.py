"""Opening hours: when the kiosk shows the FAQ, and when it rests (quiet hours).

A `Schedule` has the school days (weekday names), the time it opens and the time it
closes, and holidays (dates, from the config and from an iCalendar file). A close
earlier than the open crosses midnight: open 18:00, close 02:00 is open from 18:00 on a
school day to 02:00 the next morning. A span belongs to the day it opens: a holiday or a
day that is not a school day has no span starting on it, but a span from the day before
still runs into it. An empty schedule is always open.

iCalendar: each `VEVENT`'s `DTSTART` (and `DTEND`, exclusive, for several days) gives
holiday dates; times of day are ignored (a holiday is a whole day). Only what a school
calendar export holds is read: no recurrence rules (RRULE), which the file's author can
expand when exporting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path

from kiosk.config.tomlfile import read_bounded

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
#: How far ahead `next_change` looks (a schedule with no open day never changes).
HORIZON_DAYS = 400


@dataclass(frozen=True)
class Schedule:
    """School days, opening and closing time, holidays. `days` empty: always open."""

    days: frozenset[int] = frozenset()  # 0 = Monday
    opens: time = time(0, 0)
    closes: time = time(0, 0)
    holidays: frozenset[date] = field(default_factory=frozenset)

    @property
    def always_open(self) -> bool:
        """No school days given: the kiosk never rests."""
        return not self.days

    def _spans(self, around: date) -> Iterable[tuple[datetime, datetime]]:
        # The spans opening the day before *around* to the day after (naive local times).
        for offset in (-1, 0, 1):
            day = around + timedelta(days=offset)
            if day.weekday() not in self.days or day in self.holidays:
                continue
            start = datetime.combine(day, self.opens)
            end = datetime.combine(day, self.closes)
            if end <= start:  # crosses midnight (or open 24 h when equal)
                end += timedelta(days=1)
            yield start, end

    def is_open(self, now: datetime) -> bool:
        """Whether the kiosk shows the FAQ at *now* (local wall time)."""
        if self.always_open:
            return True
        local = now.replace(tzinfo=None)
        return any(start <= local < end for start, end in self._spans(local.date()))

    def next_change(self, now: datetime) -> datetime | None:
        """When `is_open` next changes after *now* (naive local time), None if never."""
        if self.always_open:
            return None
        local = now.replace(tzinfo=None)
        state = self.is_open(local)
        for offset in range(HORIZON_DAYS):
            day = local.date() + timedelta(days=offset)
            edges = sorted(
                edge for start, end in self._spans(day) for edge in (start, end) if edge > local
            )
            for edge in edges:
                if self.is_open(edge) != state:
                    return edge
        return None


class ScheduleError(ValueError):
    """A schedule setting that cannot be used, and why."""


def parse_time(text: str) -> time:
    """ "07:30" → 07:30. Raises ScheduleError."""
    try:
        hours, minutes = (int(part) for part in text.split(":"))
        return time(hours, minutes)
    except ValueError:
        raise ScheduleError(f"{text!r} is not a time like 07:30") from None


def parse_days(names: Iterable[str]) -> frozenset[int]:
    """["mon", "tue"] → {0, 1}. Raises ScheduleError."""
    days = set()
    for name in names:
        if name.lower()[:3] not in WEEKDAYS:
            raise ScheduleError(f"{name!r} is not a weekday ({', '.join(WEEKDAYS)})")
        days.add(WEEKDAYS.index(name.lower()[:3]))
    return frozenset(days)


def _ics_date(value: str) -> date:
    return datetime.strptime(value.strip()[:8], "%Y%m%d").date()


def ics_holidays(text: str) -> frozenset[date]:
    """The dates the VEVENTs of an iCalendar *text* cover. Raises ScheduleError."""
    unfolded = text.replace("\r\n", "\n").replace("\n ", "").replace("\n\t", "")
    dates: set[date] = set()
    start: date | None = None
    end: date | None = None
    in_event = False
    for number, line in enumerate(unfolded.split("\n"), start=1):
        name, _, value = line.partition(":")
        key = name.split(";", 1)[0].upper()
        try:
            if key == "BEGIN" and value.strip().upper() == "VEVENT":
                in_event, start, end = True, None, None
            elif in_event and key == "DTSTART":
                start = _ics_date(value)
            elif in_event and key == "DTEND":
                end = _ics_date(value)
            elif key == "END" and value.strip().upper() == "VEVENT" and in_event:
                in_event = False
                if start is None:
                    raise ScheduleError(f"line {number}: an event without DTSTART")
                last = (end - timedelta(days=1)) if end is not None and end > start else start
                days = (last - start).days
                if days > HORIZON_DAYS:
                    raise ScheduleError(f"line {number}: an event of {days} days")
                dates.update(start + timedelta(days=n) for n in range(days + 1))
        except ValueError as error:
            if isinstance(error, ScheduleError):
                raise
            raise ScheduleError(f"line {number}: {value.strip()!r} is not a date") from None
    return frozenset(dates)


def days_problem(value: list[object]) -> str | None:
    """Why `schedule.days` cannot be used (None: it can)."""
    try:
        parse_days(str(name) for name in value)
    except ScheduleError as error:
        return str(error)
    return None


def time_problem(value: str) -> str | None:
    """Why `schedule.open` / `.close` cannot be used ("" is allowed: none)."""
    try:
        if value:
            parse_time(value)
    except ScheduleError as error:
        return str(error)
    return None


def holiday_date(value: object) -> date:
    """A holiday from the config: a TOML date or "2026-12-24". Raises ScheduleError."""
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise ScheduleError(f"{value!r} is not a date like 2026-12-24") from None


def holidays_problem(value: list[object]) -> str | None:
    """Why `schedule.holidays` cannot be used."""
    try:
        for item in value:
            holiday_date(item)
    except ScheduleError as error:
        return str(error)
    return None


def command_problem(value: list[object]) -> str | None:
    """Why a display power command (a list of program and arguments) cannot be used."""
    if not all(isinstance(part, str) and part for part in value):
        return 'must be a list of strings, e.g. ["xset", "dpms", "force", "off"]'
    return None


#: The largest holidays file read.
MAX_ICS_BYTES = 1024 * 1024


def build_schedule(
    days: list[str],
    opens: str,
    closes: str,
    holidays: list[object],
    holidays_file: Path | None,
) -> tuple[Schedule, list[str]]:
    """The schedule the settings give, and problems (an unreadable holidays file: its
    holidays are missing, the rest applies). Settings that failed validation have their
    defaults by now, so parsing them does not fail."""
    problems: list[str] = []
    dates = {holiday_date(item) for item in holidays}
    if holidays_file is not None:
        try:
            text = read_bounded(holidays_file, MAX_ICS_BYTES).decode("utf-8-sig")
            dates |= ics_holidays(text)
        except (OSError, ValueError) as error:  # ScheduleError and UnicodeDecodeError too
            reason = getattr(error, "strerror", None) or str(error)
            problems.append(f"schedule.holidays_file {holidays_file}: {reason}")
    schedule = Schedule(
        days=parse_days(days),
        opens=parse_time(opens or "00:00"),
        closes=parse_time(closes or "00:00"),
        holidays=frozenset(dates),
    )
    return schedule, problems
