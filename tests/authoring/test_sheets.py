"""kiosk.authoring.sheets: the FAQ as a spreadsheet or CSV, to and from a bundle."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import openpyxl
import pytest

from kiosk.authoring.sheets import table_rows
from kiosk.content import load_bundle
from kiosk.content.model import TranslationState
from tests.authoring.roundtrip import run, summary


def test_the_template_has_the_columns_help_and_a_web_or_phone_choice(tmp_path: Path) -> None:
    assert run("template", tmp_path / "t.xlsx", "--languages", "en,so") == 0
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames == ["FAQ", "How to fill this in", "Bundle"]
    faq = book["FAQ"]
    assert [cell.value for cell in faq[1]] == [
        "id", "Question (en)", "Answer (en)", "Question (so)", "Answer (so)",
        "Link id", "Link kind", "Link URL or phone", "Link label (en)", "Link label (so)",
        "Link shown as",
    ]  # fmt: skip
    assert faq.freeze_panes == "B2"
    assert faq.column_dimensions["C"].width == 80
    (choice,) = faq.data_validations.dataValidation
    assert choice.formula1 == '"web,phone"' and "G2" in choice.sqref
    assert [row[0].value for row in book["Bundle"].iter_rows()][1:] == [
        "Bundle id", "Version", "Source language", "Title (en)", "Title (so)",
    ]  # fmt: skip
    assert run("template", tmp_path / "t.xlsx") == 1  # an existing file is not replaced


def test_the_shipped_bundle_exported_and_imported_is_the_same(
    bundled_content: Path, tmp_path: Path
) -> None:
    assert run("export", bundled_content, "--xlsx", tmp_path / "faq.xlsx") == 0
    out = tmp_path / "out"
    assert run("import", tmp_path / "faq.xlsx", "--out", out, "--previous", bundled_content) == 0
    assert summary(load_bundle(out)) == summary(load_bundle(bundled_content))


def test_without_a_previous_bundle_the_text_is_kept_and_translations_are_unreviewed(
    bundled_content: Path, tmp_path: Path
) -> None:
    run("export", bundled_content, "--xlsx", tmp_path / "faq.xlsx")
    assert run("import", tmp_path / "faq.xlsx", "--out", tmp_path / "out") == 0
    again, shipped = summary(load_bundle(tmp_path / "out")), summary(load_bundle(bundled_content))
    assert {k: v for k, v in again.items() if k != "states"} == {
        k: v for k, v in shipped.items() if k != "states"
    }
    bundle = load_bundle(tmp_path / "out")
    assert bundle.unreviewed("es") == list(bundle.question_ids)
    assert {bundle.state("vi", qid) for qid in bundle.question_ids} == {TranslationState.TRANSLATED}


def test_a_reimport_keeps_ids_and_the_review_of_what_did_not_change(
    bundled_content: Path, tmp_path: Path
) -> None:
    run("export", bundled_content, "--xlsx", tmp_path / "faq.xlsx")
    book = openpyxl.load_workbook(tmp_path / "faq.xlsx")
    faq = book["FAQ"]
    headers = [cell.value for cell in faq[1]]
    rows = {row[0].value: row for row in faq.iter_rows(min_row=2) if row[0].value}
    for row in rows.values():
        row[0].value = None  # the ids are gone: titles and positions must find them again
    rows["savings"][headers.index("Answer (es)")].value = "Un ahorro nuevo."
    rows["contact"][headers.index("Question (en)")].value = "Who can I ask?"
    book.save(tmp_path / "faq.xlsx")
    out = tmp_path / "out"
    assert run("import", tmp_path / "faq.xlsx", "--out", out, "--previous", bundled_content) == 0
    bundle = load_bundle(out)
    assert bundle.question_ids == load_bundle(bundled_content).question_ids
    assert bundle.state("es", "savings") == TranslationState.TRANSLATED
    assert bundle.state("es", "contact") == TranslationState.NEEDS_REVIEW  # its English changed
    assert bundle.state("vi", "contact") == TranslationState.NEEDS_REVIEW
    assert bundle.state("es", "when-removed") == TranslationState.REVIEWED
    assert bundle.question("es", "savings").answer == ("Un ahorro nuevo.",)


def test_a_template_filled_in_as_a_person_would_imports(tmp_path: Path) -> None:
    run("template", tmp_path / "faq.xlsx", "--languages", "en,es")
    book = openpyxl.load_workbook(tmp_path / "faq.xlsx")
    faq, info = book["FAQ"], book["Bundle"]
    info["B2"], info["B3"], info["B5"], info["B6"] = "town-faq", 2024.1, "Town FAQ", "FAQ"
    faq["B2"] = "When does school start?"
    faq["C2"] = "At 8 in the morning.\n\nDoors open at 7:30.\n"
    faq["D2"] = "¿Cuándo empieza la escuela?"
    faq["E2"] = "A las 8 de la mañana.\n\nLas puertas abren a las 7:30."
    faq["B3"] = "Who do I call in an emergency? Who do I call?"
    faq["C3"] = "Call the office,\nany time."
    faq["F3"], faq["G3"], faq["H3"] = "office", "phone", "1-800-555-0100"
    faq["I3"], faq["J3"] = "Call the office", "Llame a la oficina"
    faq["H4"], faq["I4"], faq["J4"] = "https://example.org/help", "Help page", "Ayuda"
    book.save(tmp_path / "faq.xlsx")
    assert run("import", tmp_path / "faq.xlsx", "--out", tmp_path / "out") == 0
    bundle = load_bundle(tmp_path / "out")
    assert (bundle.id, bundle.version, bundle.title("es")) == ("town-faq", "2024.1", "FAQ")
    long_id = "who-do-i-call-in-an-emergency-who-do-i"  # 40 characters at most, whole words
    assert bundle.question_ids == ("when-does-school-start", long_id)
    first = bundle.question("en", "when-does-school-start")
    assert first.answer == ("At 8 in the morning.", "Doors open at 7:30.")
    assert bundle.question("en", bundle.question_ids[1]).answer == ("Call the office, any time.",)
    assert bundle.state("es", bundle.question_ids[1]) == TranslationState.NEW
    office, help_page = bundle.links_for(bundle.question_ids[1])
    assert (office.kind, office.url) == ("phone", "tel:18005550100")
    assert office.display == "1-800-555-0100"  # printed as the person typed it
    assert (help_page.id, help_page.kind, bundle.link_label("es", "help-page")) == (
        "help-page", "web", "Ayuda",
    )  # fmt: skip


def test_a_csv_with_the_same_columns_imports(bundled_content: Path, tmp_path: Path) -> None:
    shipped = load_bundle(bundled_content)
    rows = table_rows(shipped)
    title_row = dict.fromkeys(rows[0], "") | {"id": "(title)"}
    title_row |= {f"Question ({lang})": shipped.title(lang) for lang in shipped.languages}
    with (tmp_path / "faq.csv").open("w", encoding="utf-8", newline="") as file:
        writer = csv.writer(file)
        writer.writerows([rows[0], list(title_row.values()), *rows[1:]])
    out = tmp_path / "out"
    assert run("import", tmp_path / "faq.csv", "--out", out, "--previous", bundled_content) == 0
    assert summary(load_bundle(out)) == summary(shipped)


def test_a_sheet_with_problems_writes_nothing_and_says_where(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    run("template", tmp_path / "faq.xlsx", "--languages", "en")
    book = openpyxl.load_workbook(tmp_path / "faq.xlsx")
    book["Bundle"]["B5"] = "FAQ"
    book["FAQ"]["B2"], book["FAQ"]["C2"] = "A question without an answer?", ""
    book["FAQ"]["B3"], book["FAQ"]["C3"] = "Fine?", "Yes."
    book["FAQ"]["D3"], book["FAQ"]["E3"], book["FAQ"]["F3"] = "x", "fax", "123"
    book.save(tmp_path / "faq.xlsx")
    assert run("import", tmp_path / "faq.xlsx", "--out", tmp_path / "out") == 1
    assert not (tmp_path / "out").exists()
    errors = capsys.readouterr().err
    assert "row 2: the 'en' question has no answer" in errors
    assert "row 3: the link kind must be 'web' or 'phone', not 'fax'" in errors


def test_a_reimport_keeps_the_dates_of_the_previous_bundle(
    bundled_content: Path, tmp_path: Path
) -> None:
    previous = tmp_path / "previous"
    shutil.copytree(bundled_content, previous)
    with (previous / "manifest.toml").open("a", encoding="utf-8") as manifest:
        manifest.write("\n[dates.savings]\nshow_from = 2027-01-05\n")
    run("export", previous, "--xlsx", tmp_path / "faq.xlsx")
    out = tmp_path / "out"
    assert run("import", tmp_path / "faq.xlsx", "--out", out, "--previous", previous) == 0
    assert load_bundle(out).dates == load_bundle(previous).dates
