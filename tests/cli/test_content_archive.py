"""`faq-kiosk content pack`, `faq-kiosk content verify` and `check --content X.faqbundle`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.cli.check import run_check
from kiosk.cli.main import main


def test_pack_names_the_file_after_the_bundle_and_verify_accepts_it(
    tmp_path: Path,
    bundled_content: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(["content", "pack", str(bundled_content)]) == 0
    archive = tmp_path / "dps-sro-faq-2021.1.faqbundle"
    assert archive.is_file()
    assert "dps-sro-faq version 2021.1, 11 questions" in capsys.readouterr().out
    assert main(["content", "verify", str(archive)]) == 0
    assert "OK, dps-sro-faq version 2021.1, 11 questions in en, es, vi" in capsys.readouterr().out
    (tmp_path / "out").mkdir()
    assert main(["content", "pack", str(bundled_content), "--out", "out"]) == 0
    assert (tmp_path / "out" / archive.name).read_bytes() == archive.read_bytes()


def test_verify_refuses_a_truncated_archive_with_the_reason(
    tmp_path: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "x.faqbundle"
    assert main(["content", "pack", str(bundled_content), "--out", str(archive)]) == 0
    archive.write_bytes(archive.read_bytes()[:1000])
    capsys.readouterr()
    assert main(["content", "verify", str(archive)]) == 1
    err = capsys.readouterr().err
    assert f"{archive}: refused" in err and "cut short" in err


def test_pack_refuses_a_bundle_with_problems(
    tmp_path: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(bundled_content, folder)
    (folder / "es.toml").unlink()
    assert main(["content", "pack", str(folder), "--out", str(tmp_path / "x.faqbundle")]) == 1
    assert "not packed" in capsys.readouterr().err
    assert not (tmp_path / "x.faqbundle").exists()


def test_check_accepts_an_archive_for_content(
    qapp: QApplication, tmp_path: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    archive = tmp_path / "x.faqbundle"
    assert main(["content", "pack", str(bundled_content), "--out", str(archive)]) == 0
    assert run_check(None, archive) == 0
    assert f"{archive}: bundle 'dps-sro-faq' version 2021.1" in capsys.readouterr().out
    archive.write_bytes(archive.read_bytes()[:-50])
    assert run_check(None, archive) == 1
    assert "cut short" in capsys.readouterr().out
