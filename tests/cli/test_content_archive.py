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


def test_keygen_sign_and_verify_with_a_public_key(
    tmp_path: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key, archive = tmp_path / "district.key", tmp_path / "faq.faqbundle"
    assert main(["content", "keygen", "--out", str(key)]) == 0
    public = (tmp_path / "district.key.pub").read_text(encoding="ascii").strip()
    assert f'content_public_key = "{public}"' in capsys.readouterr().out
    assert main(["content", "keygen", "--out", str(key)]) == 1  # never replaces a key
    assert main(["content", "pack", str(bundled_content), "--out", str(archive)]) == 0
    assert main(["content", "verify", str(archive), "--public-key", public]) == 1
    assert "is not signed" in capsys.readouterr().err
    assert main(["content", "sign", str(archive), "--key", str(key)]) == 0
    assert (tmp_path / "faq.faqbundle.sig").is_file()
    capsys.readouterr()
    assert main(["content", "verify", str(archive), "--public-key", str(key) + ".pub"]) == 0
    assert "signed with the key of" in capsys.readouterr().out
    other = tmp_path / "other.key"
    assert main(["content", "keygen", "--out", str(other)]) == 0
    capsys.readouterr()
    assert main(["content", "verify", str(archive), "--public-key", f"{other}.pub"]) == 1
    assert "signed with another key" in capsys.readouterr().err


def test_check_with_a_public_key_names_why_an_archive_is_refused(
    qapp: QApplication,
    tmp_path: Path,
    bundled_content: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    key, archive = tmp_path / "district.key", tmp_path / "faq.faqbundle"
    assert main(["content", "keygen", "--out", str(key)]) == 0
    public = (tmp_path / "district.key.pub").read_text(encoding="ascii").strip()
    assert main(["content", "pack", str(bundled_content), "--out", str(archive)]) == 0
    config = tmp_path / "config.toml"
    config.write_text(
        f'content_dir = "{archive}"\ncontent_public_key = "{public}"\n', encoding="utf-8"
    )
    capsys.readouterr()
    assert run_check(config, None) == 1
    out = capsys.readouterr().out
    assert f"ERROR {archive}: is not signed" in out
    assert main(["content", "sign", str(archive), "--key", str(key)]) == 0
    capsys.readouterr()
    assert run_check(config, None) == 0
    assert "signed with the config's content_public_key" in capsys.readouterr().out
    data = bytearray(archive.read_bytes())
    data[100] ^= 0x01
    archive.write_bytes(bytes(data))
    assert run_check(config, None) == 1
    assert "does not match its signature" in capsys.readouterr().out
    config.write_text('content_public_key = "not a key"\n', encoding="utf-8")
    assert run_check(config, None) == 1
    assert "content_public_key: is not base64" in capsys.readouterr().out
