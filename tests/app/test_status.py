"""The health file and Prometheus textfile of a real kiosk: what they say, visitors and
starts counted, a textfile node_exporter's parser reads, and a failed write that is
reported, not raised."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from prometheus_client.parser import text_string_to_metric_families
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk
from kiosk.app.status import HealthReporter, report_health
from kiosk.config import load_config
from kiosk.system.status_files import (
    HEALTH_NAME,
    METRICS,
    TEXTFILE_NAME,
    HealthFileError,
    prometheus_text,
    read_health,
)
from tests.helpers import discard


def reporter_for(kiosk: Kiosk) -> HealthReporter:
    return report_health(kiosk)


@pytest.fixture
def configured(qapp: QApplication, tmp_path: Path) -> Iterator[Kiosk]:
    config = tmp_path / "config.toml"
    config.write_text(
        f'state_dir = "{tmp_path / "state"}"\nmetrics_dir = "{tmp_path / "metrics"}"\n'
        'feedback_url = "https://forms.example.org/sro"\n',
        encoding="utf-8",
    )
    kiosk = build_kiosk(qapp, load_config(config))
    yield kiosk
    discard(kiosk)


def test_the_health_file_says_what_the_kiosk_shows(configured: Kiosk, tmp_path: Path) -> None:
    reporter = reporter_for(configured)
    reporter.write()
    health = read_health(tmp_path / "state" / HEALTH_NAME)
    bundle = configured.content.bundle
    assert health["content_id"] == bundle.id and health["content_version"] == bundle.version
    assert set(health["speech"]) == {"en", "es", "vi"}
    assert health["starts"] == 1 and health["visitors"] == 0 and health["screen"] == "home"
    assert health["alive"] is False  # the window was never shown: no frame painted
    assert health["config_problems"] == [] and health["config_path"].endswith("config.toml")
    assert (tmp_path / "state" / HEALTH_NAME).stat().st_mode & 0o777 == 0o644


def test_visitors_are_counted_once_per_visit_and_starts_across_runs(
    configured: Kiosk, tmp_path: Path
) -> None:
    reporter = reporter_for(configured)
    session = configured.session
    session.choose_language("es")
    session.choose_language("vi")  # the same visitor switching
    session.reset()
    session.choose_language("en")
    assert reporter.snapshot().visitors == 2
    reporter.write()
    again = reporter_for(configured)  # the next start reads the count
    assert again.starts == 2 and again.snapshot().restarts == 1


def test_the_textfile_is_parsed_by_prometheus_own_parser(configured: Kiosk, tmp_path: Path) -> None:
    reporter = reporter_for(configured)
    configured.session.choose_language("vi")
    reporter.write()
    text = (tmp_path / "metrics" / TEXTFILE_NAME).read_text(encoding="utf-8")
    families = {family.name: family for family in text_string_to_metric_families(text)}
    # The parser names counters without their _total suffix.
    assert {name.removesuffix("_total") for name, _kind, _help in METRICS} == set(families)
    samples = {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in families.values()
        for sample in family.samples
    }
    assert samples[("faq_kiosk_up", ())] == 0  # never painted
    assert samples[("faq_kiosk_visitors_total", ())] == 1
    assert samples[("faq_kiosk_speech_engine_ok", (("language", "vi"),))] in (0, 1)
    bundle = configured.content.bundle
    info = (("id", bundle.id), ("version", bundle.version))
    assert samples[("faq_kiosk_content_version_info", info)] == 1
    assert not any(path.name.endswith(".tmp") for path in (tmp_path / "metrics").iterdir())


def test_label_values_are_escaped(configured: Kiosk) -> None:
    snapshot = reporter_for(configured).snapshot()
    odd = replace(snapshot, content_id='a"b\\c\nd')
    families = list(text_string_to_metric_families(prometheus_text(odd)))
    labels = [s.labels for f in families for s in f.samples if f.name.endswith("version_info")]
    assert labels == [{"id": 'a"b\\c\nd', "version": snapshot.content_version}]


def test_a_health_file_that_cannot_be_written_is_reported_not_raised(
    configured: Kiosk, tmp_path: Path, qtbot: QtBot
) -> None:
    reporter = reporter_for(configured)
    (tmp_path / "state").write_text("a file where the folder should be", encoding="utf-8")
    reporter.write()
    assert reporter.problem is not None and "health file" in reporter.problem
    (tmp_path / "state").unlink()
    reporter.write()
    assert reporter.problem is None


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (None, "does not exist"),
        ("{not json", "not a health file"),
        (json.dumps({"format": 99}), "format 1"),
        ("x" * 300_000, "larger than"),
    ],
)
def test_reading_a_bad_health_file_says_why(
    tmp_path: Path, content: str | None, reason: str
) -> None:
    path = tmp_path / HEALTH_NAME
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(HealthFileError, match=reason):
        read_health(path)
