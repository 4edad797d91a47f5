"""kiosk.authoring.documents: the FAQ as Word, Markdown and plain-text documents."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import docx
import pytest

from kiosk.content import load_bundle
from kiosk.content.model import TranslationState
from kiosk.content.writer import write_bundle
from tests.authoring.roundtrip import run, summary

SOURCE_TEXT = Path(__file__).parents[1] / "data" / "sro-faq-source.txt"


@pytest.mark.parametrize("kind", ["docx", "md"])
def test_the_shipped_bundle_exported_and_imported_is_the_same(
    kind: str, bundled_content: Path, tmp_path: Path
) -> None:
    assert run("export", bundled_content, f"--{kind}", tmp_path / "docs") == 0
    files = sorted((tmp_path / "docs").iterdir())
    names = [f"dps-sro-faq.{lang}.{kind}" for lang in ("en", "es", "vi")]
    assert [path.name for path in files] == names
    out = tmp_path / "out"
    assert run("import", *files, "--out", out, "--previous", bundled_content) == 0
    assert summary(load_bundle(out)) == summary(load_bundle(bundled_content))


def test_the_districts_plain_text_faq_gives_the_shipped_text_exactly(
    bundled_content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    assert run("import", SOURCE_TEXT, "--languages", "en,es,vi", "--out", out) == 0
    imported, shipped = load_bundle(out), load_bundle(bundled_content)
    assert imported.languages == shipped.languages
    assert len(imported.question_ids) == len(shipped.question_ids) == 11
    for language in shipped.languages:
        assert imported.title(language) == shipped.title(language)
        for new_id, old_id in zip(imported.question_ids, shipped.question_ids, strict=True):
            new, old = imported.question(language, new_id), shipped.question(language, old_id)
            assert (new.title, new.answer) == (old.title, old.answer), (language, old_id)
    assert imported.links == {}  # the text file has no link details


def test_the_plain_text_faq_with_the_shipped_bundle_as_previous_keeps_ids_and_review(
    bundled_content: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    args = ("--languages", "en,es,vi", "--out", out, "--previous", bundled_content)
    assert run("import", SOURCE_TEXT, *args) == 0
    imported, shipped = load_bundle(out), load_bundle(bundled_content)
    assert imported.question_ids == shipped.question_ids
    assert imported.unreviewed("es") == imported.unreviewed("vi") == []


def test_a_question_not_translated_yet_keeps_its_place_and_stays_new(
    bundled_content: Path, tmp_path: Path
) -> None:
    shipped = load_bundle(bundled_content)
    spanish = shipped.texts["es"]
    questions = {k: v for k, v in spanish.questions.items() if k != "savings"}
    states = {k: v for k, v in spanish.states.items() if k != "savings"}
    partial = dataclasses.replace(spanish, questions=questions, states=states)
    bundle = dataclasses.replace(shipped, texts={**shipped.texts, "es": partial})
    write_bundle(bundle, tmp_path / "before")
    run("export", tmp_path / "before", "--md", tmp_path / "md")
    assert "## (not translated yet)" in (tmp_path / "md" / "dps-sro-faq.es.md").read_text()
    files = sorted((tmp_path / "md").iterdir())
    assert run("import", *files, "--out", tmp_path / "before") == 0  # updates itself
    again = load_bundle(tmp_path / "before")
    assert again.state("es", "savings") == TranslationState.NEW
    assert summary(again) == summary(bundle)
    assert again.question("es", "contact") == shipped.question("es", "contact")


def _word(path: Path, title: str, questions: list[tuple[str, list[str]]]) -> Path:
    document = docx.Document()
    document.add_heading(title, level=1)
    for question, answer in questions:
        document.add_heading(question, level=2)
        for paragraph in answer:
            document.add_paragraph(paragraph)
        document.add_paragraph("")  # the empty lines people leave
    document.save(str(path))
    return path


def test_word_documents_as_people_write_them_import(tmp_path: Path) -> None:
    english = _word(
        tmp_path / "faq.en.docx",
        "School FAQ",
        [("Is there a bus?", ["Yes.", "Link bus: Bus routes | web | https://example.org/bus"])],
    )
    spanish = _word(
        tmp_path / "preguntas.docx",
        "Preguntas",
        [("¿Hay autobús?", ["Sí.", "Link bus: Rutas de autobús"])],
    )
    out = tmp_path / "out"
    assert run("import", english, spanish, "--lang", "preguntas.docx=es", "--out", out) == 0
    bundle = load_bundle(out)
    assert bundle.question_ids == ("is-there-a-bus",)
    assert bundle.question("es", "is-there-a-bus").answer == ("Sí.",)
    assert (bundle.links["bus"].url, bundle.link_label("es", "bus")) == (
        "https://example.org/bus", "Rutas de autobús",
    )  # fmt: skip


def test_a_document_of_unknown_language_is_named_and_nothing_is_written(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "faq.md").write_text("# FAQ\n\n## Why?\n\nBecause.\n", encoding="utf-8")
    assert run("import", tmp_path / "faq.md", "--out", tmp_path / "out") == 1
    assert "faq.md: its language is not known" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_a_plain_text_file_with_more_parts_than_languages_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run("import", SOURCE_TEXT, "--languages", "en,es", "--out", tmp_path / "out") == 1
    assert "it has 3 parts (one per title) but 2 languages were given" in capsys.readouterr().err
