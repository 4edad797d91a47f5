"""Questions shown only between two dates (manifest [dates]): loaded, checked, written
back, left out of what visitors see outside their dates, and warned about by `check`
when they will never show again."""

from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import build_kiosk
from kiosk.app.views import ms_to_midnight
from kiosk.cli.check import run_check
from kiosk.config import load_config
from kiosk.content import BundleInvalidError, load_bundle
from kiosk.content.model import ShowDates
from kiosk.content.writer import write_bundle
from kiosk.system import resources
from tests.helpers import discard

DATES = """
[dates.savings]
show_from = 2026-01-05
show_until = 2026-01-16

[dates.contact]
show_until = 2020-06-30
"""


def dated_bundle(tmp_path: Path, extra: str = DATES) -> Path:
    folder = tmp_path / "bundle"
    shutil.copytree(resources.content_dir(), folder)
    with (folder / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write(extra)
    return folder


def test_dates_are_loaded_and_decide_what_visitors_see(tmp_path: Path) -> None:
    bundle = load_bundle(dated_bundle(tmp_path))
    assert bundle.dates["savings"] == ShowDates(date(2026, 1, 5), date(2026, 1, 16))
    assert bundle.dates["contact"] == ShowDates(None, date(2020, 6, 30))
    in_window = bundle.shown_on(date(2026, 1, 16)).question_ids
    assert "savings" in in_window and "contact" not in in_window
    assert "savings" not in bundle.shown_on(date(2026, 1, 17)).question_ids
    assert len(in_window) == len(bundle.question_ids) - 1
    assert (
        bundle.dates["contact"].never_after(date(2026, 1, 1)) == "show_until 2020-06-30 has passed"
    )


def test_dates_survive_writing_the_bundle_back(tmp_path: Path) -> None:
    bundle = load_bundle(dated_bundle(tmp_path))
    write_bundle(bundle, tmp_path / "written")
    assert load_bundle(tmp_path / "written").dates == bundle.dates


@pytest.mark.parametrize(
    ("extra", "reason"),
    [
        ('\n[dates.savings]\nshow_from = "2026-01-05"\n', "must be a date"),
        ("\n[dates.nosuch]\nshow_from = 2026-01-05\n", "unknown key"),
        ("\n[dates.savings]\n", "needs show_from, show_until or both"),
        ("\n[dates.savings]\nshow_after = 2026-01-05\n", "unknown key"),
    ],
)
def test_bad_dates_are_bundle_errors(tmp_path: Path, extra: str, reason: str) -> None:
    with pytest.raises(BundleInvalidError, match=reason):
        load_bundle(dated_bundle(tmp_path, extra))


def test_the_kiosk_hides_questions_outside_their_dates(qapp: QApplication, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'content_dir = "{dated_bundle(tmp_path)}"\n', encoding="utf-8")
    kiosk = build_kiosk(qapp, load_config(config))
    try:
        assert "contact" not in kiosk.window.faq.accordion.items  # ended in 2020
        assert "imminent-threat" in kiosk.window.faq.accordion.items
    finally:
        discard(kiosk)


def test_check_warns_about_questions_never_shown_again(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run_check(None, dated_bundle(tmp_path))
    out = capsys.readouterr().out
    assert "question 'contact' is never shown again: show_until 2020-06-30 has passed" in out


def test_midnight() -> None:
    assert ms_to_midnight(datetime(2026, 12, 4, 23, 59, 59)) == 2000
