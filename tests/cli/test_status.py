"""`faq-kiosk status` on a health file: healthy, stale, not painting, missing; for a
person and as JSON (the Ansible health play reads that)."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.cli.status import status_main
from kiosk.system.status_files import HEALTH_NAME, HealthSnapshot, health_json

SNAPSHOT = HealthSnapshot(
    version="1.2.3",
    pid=4242,
    updated=0.0,
    uptime_s=7260.0,
    starts=3,
    alive=True,
    last_frame_age_s=1.5,
    content_id="dps-sro-faq",
    content_version="2021.1",
    content_source="/usr/share/faq-kiosk/content",
    speech={"en": None, "es": None, "vi": "no voice"},
    visitors=12,
    screen="faq",
    screen_reader_running=False,
    config_path="/etc/faq-kiosk/config.toml",
)


def written(tmp_path: Path, **changes: object) -> Path:
    path = tmp_path / HEALTH_NAME
    snapshot = replace(SNAPSHOT, updated=time.time(), **changes)  # type: ignore[arg-type]
    path.write_bytes(health_json(snapshot))
    return path


def test_a_healthy_kiosk_for_a_person(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert status_main(["--file", str(written(tmp_path))]) == 0
    out = capsys.readouterr().out
    assert "FAQ Kiosk 1.2.3: healthy" in out
    assert "dps-sro-faq version 2021.1" in out and "vi NOT OK" in out
    assert "Visitors since start: 12; up 2 h 1 min; starts: 3 (2 restarts)" in out
    assert "problem: voice vi: no voice" in out


def test_stale_and_not_painting_are_unhealthy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = written(tmp_path)
    stale = json.loads(path.read_text(encoding="utf-8"))
    stale["updated"] -= 600
    path.write_text(json.dumps(stale), encoding="utf-8")
    assert status_main(["--file", str(path)]) == 1
    assert "stale: last written 600 s ago" in capsys.readouterr().out
    assert status_main(["--file", str(written(tmp_path, alive=False))]) == 1
    assert "no frame painted" in capsys.readouterr().out


def test_json_for_programs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert status_main(["--json", "--file", str(written(tmp_path))]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["healthy"] is True and report["visitors"] == 12
    assert report["problems"] == ["voice vi: no voice"]


def test_no_health_file_says_where_it_looked(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text(f'state_dir = "{tmp_path / "nowhere"}"\n', encoding="utf-8")
    assert status_main(["--config", str(config)]) == 2
    assert str(tmp_path / "nowhere" / HEALTH_NAME) in capsys.readouterr().err
    assert status_main(["--json", "--config", str(config)]) == 2
    assert json.loads(capsys.readouterr().out)["healthy"] is False
