"""What visitors see of a translation not yet reviewed (`unreviewed_translations`): the
cautious default offers the language only once all of it is reviewed; "mark" shows each
such answer marked, in the visitor's language; "show" shows it plainly."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk, build_kiosk
from kiosk.cli.check import run_check
from kiosk.cli.screenshot import settle
from kiosk.config import load_config
from tests.helpers import discard


def bundle_with_unreviewed(source: Path, folder: Path) -> Path:
    """The shipped bundle with one Spanish answer unreviewed and one Vietnamese missing."""
    shutil.copytree(source, folder)
    spanish = folder / "es.toml"
    text = spanish.read_text(encoding="utf-8")
    at = text.index("[questions.savings]")
    rest = text[at:].replace('status = "reviewed"', 'status = "translated"', 1)
    spanish.write_text(text[:at] + rest, encoding="utf-8")
    vi = folder / "vi.toml"
    text = vi.read_text(encoding="utf-8")
    start, end = text.index("[questions.contact]"), text.index("[links.")
    vi.write_text(text[:start] + text[end:], encoding="utf-8")
    return folder


def kiosk_with(
    qapp: QApplication, tmp_path: Path, bundled_content: Path, policy: str | None
) -> tuple[Kiosk, Path]:
    content = bundle_with_unreviewed(bundled_content, tmp_path / "content")
    config = tmp_path / "config.toml"
    line = f'unreviewed_translations = "{policy}"\n' if policy else ""
    config.write_text(f'content_dir = "{content}"\n{line}', encoding="utf-8")
    kiosk = build_kiosk(qapp, load_config(config))
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    settle(kiosk)
    return kiosk, config


def test_by_default_a_language_not_all_reviewed_is_not_offered(
    qapp: QApplication, tmp_path: Path, bundled_content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    kiosk, config = kiosk_with(qapp, tmp_path, bundled_content, None)
    try:
        assert kiosk.window.home.languages == ["en"]
        lines = kiosk.diagnostics()
        assert any(
            line.startswith("Translation es: 1 of 11 not reviewed (savings translated)")
            and "language not offered" in line
            for line in lines
        )
        assert any("contact new" in line for line in lines)
    finally:
        discard(kiosk)
    run_check(config, None)
    out = capsys.readouterr().out
    assert "Translation es: 1 of 11 not reviewed" in out and "Translation vi:" in out


def test_mark_shows_each_unreviewed_answer_marked_in_the_visitors_language(
    qapp: QApplication, tmp_path: Path, bundled_content: Path
) -> None:
    kiosk, _config = kiosk_with(qapp, tmp_path, bundled_content, "mark")
    try:
        assert kiosk.window.home.languages == ["en", "es", "vi"]
        kiosk.session.choose_language("es")
        kiosk.session.set_open_question("savings")
        settle(kiosk)
        item = kiosk.window.faq.accordion.items["savings"]
        assert item.review_note.isVisible()
        assert item.review_note.text() == "Esta traducción aún no ha sido revisada."
        spoken = [entry.text for entry in kiosk.window.faq.answer("savings")]
        assert "Esta traducción aún no ha sido revisada." in spoken
        other = kiosk.window.faq.accordion.items["contact"]
        assert other.review_note.isHidden()  # reviewed
        kiosk.session.set_language("vi")
        kiosk.session.set_open_question("contact")
        settle(kiosk)
        contact = kiosk.window.faq.accordion.items["contact"]
        english = kiosk.content.bundle.question("en", "contact")
        assert contact.header.text_shown() == english.title  # the source stands in
        assert contact.review_note.text() == (
            "Câu trả lời này chưa được dịch: đang hiển thị bằng English."
        )
    finally:
        discard(kiosk)


def test_show_shows_it_plainly(qapp: QApplication, tmp_path: Path, bundled_content: Path) -> None:
    kiosk, _config = kiosk_with(qapp, tmp_path, bundled_content, "show")
    try:
        assert kiosk.window.home.languages == ["en", "es", "vi"]
        kiosk.session.choose_language("es")
        kiosk.session.set_open_question("savings")
        settle(kiosk)
        assert kiosk.window.faq.accordion.items["savings"].review_note.isHidden()
    finally:
        discard(kiosk)
