"""Private usage counts: what a visitor's actions add, once per visitor where promised;
after a 1,000-visitor soak the database holds only day, metric, key and count; retention;
turned off; read aloud counted; the staff lines; `faq-kiosk usage --csv`."""

from __future__ import annotations

import csv
import io
import random
import sqlite3
from datetime import date, timedelta
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.app.usage import UsageRecorder, record_usage
from kiosk.cli.usage import usage_main
from kiosk.config import TEXT_SIZES
from kiosk.speech.service import SpeechState
from kiosk.system.usage_db import METRICS, USAGE_NAME, UsageStore
from tests.helpers import LiveKioskFactory

TODAY = date(2026, 12, 4)


def recorder_for(kiosk: Kiosk, path: Path, today: date = TODAY) -> UsageRecorder:
    return UsageRecorder(
        UsageStore(path, retention_days=365),
        session=kiosk.session,
        speech=kiosk.speech,
        idle=kiosk.idle,
        today=lambda: today,
    )


def test_a_visit_is_counted_once_and_its_choices_once_each(kiosk: Kiosk, tmp_path: Path) -> None:
    recorder = recorder_for(kiosk, tmp_path / USAGE_NAME)
    session = kiosk.session
    session.choose_language("vi")
    session.set_open_question("contact")
    session.set_open_question("savings")
    session.set_open_question("contact")  # again: the same visitor's question
    session.set_text_size(150)
    session.set_text_size(200)
    session.set_text_size(150)
    session.set_high_contrast(True)
    session.choose_language("es")
    session.reset()  # the visit ends: counts are written
    session.choose_language("vi")
    recorder.flush()
    totals = recorder.store.totals(TODAY)
    assert totals == {
        ("visitors", ""): 2,
        ("language", "vi"): 2,
        ("language", "es"): 1,
        ("question", "contact"): 1,
        ("question", "savings"): 1,
        ("text_size", "150"): 1,
        ("text_size", "200"): 1,
        ("high_contrast", "on"): 1,
    }


def test_after_a_1000_visitor_soak_only_counts_are_kept(kiosk: Kiosk, tmp_path: Path) -> None:
    path = tmp_path / USAGE_NAME
    days = [TODAY - timedelta(days=n) for n in range(3)]
    chosen = random.Random(14)
    bundle = kiosk.content.bundle
    day = days[0]
    recorder = UsageRecorder(
        UsageStore(path, retention_days=365),
        session=kiosk.session,
        speech=kiosk.speech,
        idle=kiosk.idle,
        today=lambda: day,
    )
    session = kiosk.session
    for visitor in range(1000):
        day = days[visitor % 3]
        session.choose_language(chosen.choice(bundle.languages))
        for question in chosen.sample(bundle.question_ids, chosen.randint(0, 4)):
            session.set_open_question(question)
        if chosen.random() < 0.2:
            session.set_text_size(chosen.choice(TEXT_SIZES))
        if chosen.random() < 0.1:
            session.set_high_contrast(True)
        session.reset()  # the visit's counts are written
    assert recorder.problem is None
    with sqlite3.connect(path) as connection:
        tables = [row[0] for row in connection.execute("SELECT name FROM sqlite_master")]
        columns = [row[1] for row in connection.execute("PRAGMA table_info(counts)")]
        rows = connection.execute("SELECT day, metric, key, count FROM counts").fetchall()
    assert tables == ["counts"]
    assert columns == ["day", "metric", "key", "count"]
    assert {metric for _d, metric, _k, _n in rows} <= set(METRICS)
    assert {day for day, _m, _k, _n in rows} == {day.isoformat() for day in days}
    assert sum(n for _d, metric, _k, n in rows if metric == "visitors") == 1000
    # Bounded by what can be counted, not by the visitors: no row per visit.
    assert len(rows) <= 3 * (2 + len(bundle.languages) + len(bundle.question_ids) + 6)
    print(f"usage database after 1,000 visitors: {path.stat().st_size} bytes, {len(rows)} rows")


def test_days_older_than_the_retention_are_deleted(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_NAME, retention_days=30)
    store.add(TODAY - timedelta(days=40), {("visitors", ""): 5})
    store.add(TODAY - timedelta(days=29), {("visitors", ""): 3})
    store.add(TODAY, {("visitors", ""): 1})  # counts of a new day: older days go
    assert [row[0] for row in store.rows()] == [str(TODAY - timedelta(days=29)), str(TODAY)]


def test_nothing_but_the_listed_metrics_can_be_stored(tmp_path: Path) -> None:
    store = UsageStore(tmp_path / USAGE_NAME, retention_days=30)
    with pytest.raises(ValueError, match="not a usage metric: visitor_path"):
        store.add(TODAY, {("visitor_path", "en>contact>savings"): 1})
    assert store.rows() == []


def test_turned_off_nothing_is_counted(live_kiosk: LiveKioskFactory, tmp_path: Path) -> None:
    kiosk, _clock = live_kiosk(f'usage_counts = false\nstate_dir = "{tmp_path / "s"}"\n')
    assert record_usage(kiosk) is None
    kiosk.session.choose_language("es")
    kiosk.session.reset()
    assert not (tmp_path / "s" / USAGE_NAME).exists()
    assert "not counted" in "\n".join(kiosk.diagnostics())


def test_reading_aloud_is_counted_and_staff_see_the_last_30_days(
    live_kiosk: LiveKioskFactory, tmp_path: Path, qtbot: QtBot
) -> None:
    kiosk, _clock = live_kiosk(f'state_dir = "{tmp_path / "s"}"\n')
    recorder = record_usage(kiosk)
    assert recorder is not None
    kiosk.session.choose_language("en")
    kiosk.session.set_open_question("contact")
    kiosk.window.faq.read_requested.emit("contact")
    qtbot.waitUntil(lambda: kiosk.speech.state != SpeechState.IDLE)
    kiosk.read_aloud.stop()
    kiosk.session.reset()
    totals = recorder.store.totals(date.today())
    assert totals[("read_aloud", "contact")] == 1 and totals[("visitors", "")] == 1
    lines = "\n".join(kiosk.diagnostics())
    assert "Usage, last 30 days: 1 visitors" in lines and "contact" in lines


def test_usage_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / USAGE_NAME
    store = UsageStore(path, retention_days=365)
    store.add(date.today(), {("visitors", ""): 4, ("language", "vi"): 3})
    store.add(date.today() - timedelta(days=60), {("visitors", ""): 9})
    assert usage_main(["--csv", "--file", str(path)]) == 0
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out)))
    today = date.today().isoformat()
    assert rows == [
        ["day", "metric", "key", "count"],
        [today, "language", "vi", "3"],
        [today, "visitors", "", "4"],
    ]
    assert usage_main(["--csv", "--days", "90", "--file", str(path)]) == 0
    assert len(capsys.readouterr().out.splitlines()) == 4
    assert usage_main(["--file", str(tmp_path / "none.sqlite3")]) == 2
