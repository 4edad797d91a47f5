"""`faq-kiosk content export-translation` / `import-translation`: the files are what
independent tools (GNU msgfmt, translate-toolkit) accept, and an import takes a
translator's work back with its review state, refusing stale and partial questions."""

from __future__ import annotations

import dataclasses
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from translate.storage import pypo, xliff

from kiosk.authoring.exchange_units import paragraph_id, question_title_id
from kiosk.cli.content import content_main
from kiosk.content import load_bundle, source_hash
from kiosk.content.model import ContentBundle, Question, TranslationState
from kiosk.content.writer import write_bundle

#: The shipped bundle: the FAQ title, 11 questions' titles and 23 paragraphs, 1 label… (35).
SHIPPED_UNITS = 35
#: pofilter checks that would mean the file itself is broken, not a translation choice.
STRUCTURAL_CHECKS = {"escapes", "newlines", "printf", "xmltags", "untranslated", "tabs"}


@pytest.fixture
def bundle_dir(bundled_content: Path, tmp_path: Path) -> Path:
    """A copy of the shipped bundle to change."""
    return Path(shutil.copytree(bundled_content, tmp_path / "faq"))


def export(folder: Path, out: Path, kind: str, lang: str = "es") -> None:
    """Run export-translation; it must succeed."""
    assert (
        content_main(
            ["export-translation", str(folder), "--lang", lang, "--format", kind, str(out)]
        )
        == 0
    )


def change(folder: Path, language: str, question_id: str, **fields: Any) -> None:
    """Rewrite *folder* with one question of *language* changed (or, with no fields,
    removed)."""
    bundle = load_bundle(folder)
    text = bundle.texts[language]
    questions = dict(text.questions)
    if fields:
        questions[question_id] = dataclasses.replace(questions[question_id], **fields)
    else:
        del questions[question_id]
    texts = {**bundle.texts, language: dataclasses.replace(text, questions=questions)}
    write_bundle(dataclasses.replace(bundle, texts=texts), folder)


def po_units(path: Path) -> dict[str, pypo.pounit]:
    """translate-toolkit's reading of a PO file, by msgctxt."""
    store = pypo.pofile.parsefile(str(path))
    return {unit.getcontext(): unit for unit in store.units if not unit.isheader()}


def edit_po(path: Path, edits: dict[str, str], *, reviewed: bool = False) -> None:
    """Change translations as a translator's tool would (translate-toolkit), clearing
    fuzzy; *reviewed* also adds the 'reviewed' comment, otherwise removes it."""
    store = pypo.pofile.parsefile(str(path))
    for unit in store.units:
        if unit.getcontext() in edits:
            unit.target = edits[unit.getcontext()]
            unit.markfuzzy(False)
            unit.removenotes("translator")
            if reviewed:
                unit.addnote("reviewed", origin="translator")
    store.save()


def source_of(bundle: ContentBundle, question_id: str) -> Question:
    return bundle.texts[bundle.source_language].questions[question_id]


def test_po_export_passes_msgfmt_and_pofilter(bundle_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "es.po"
    export(bundle_dir, out, "po")
    checked = subprocess.run(
        ["msgfmt", "--check", "-o", "/dev/null", str(out)],
        check=False,
        capture_output=True,
        text=True,
    )
    assert checked.returncode == 0, checked.stderr
    units = po_units(out)
    assert len(units) == SHIPPED_UNITS
    title = units[question_title_id("savings")]
    assert title.target.startswith("¿") and not title.isfuzzy()
    assert title.getnotes("translator") == "reviewed"
    bundle = load_bundle(bundle_dir)
    assert f"source-hash: {source_hash(*_title_answer(bundle, 'savings'))}" in title.getnotes(
        "developer"
    )
    flagged = tmp_path / "flagged.po"
    pofilter = Path(sys.executable).parent / "pofilter"
    run = subprocess.run(
        [str(pofilter), str(out), str(flagged)], check=False, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    failures = set(re.findall(r"^# \(pofilter\) (\w+):", flagged.read_text("utf-8"), re.M))
    assert failures and not failures & STRUCTURAL_CHECKS  # it read and checked our units


def _title_answer(bundle: ContentBundle, question_id: str) -> tuple[str, tuple[str, ...]]:
    question = source_of(bundle, question_id)
    return question.title, question.answer


def test_xliff_export_reads_in_translate_toolkit(bundle_dir: Path, tmp_path: Path) -> None:
    change(bundle_dir, "es", "contact")  # not translated yet: new
    out = tmp_path / "es.xlf"
    export(bundle_dir, out, "xliff")
    store = xliff.xlifffile.parsefile(str(out))
    assert store.getsourcelanguage() == "en" and store.gettargetlanguage() == "es"
    units = {u.getid().split("\x04")[-1]: u for u in store.getunits() if not u.isheader()}
    assert len(units) == SHIPPED_UNITS
    reviewed = units[paragraph_id("savings", 1)]
    assert reviewed.isapproved() and reviewed.target
    new = units[question_title_id("contact")]
    assert not new.target and not new.isapproved() and not new.istranslated()
    assert new.source == source_of(load_bundle(bundle_dir), "contact").title
    assert "question 11 of 11" in new.getnotes()


def test_xliff_export_is_valid_against_the_oasis_strict_schema(
    bundle_dir: Path, tmp_path: Path
) -> None:
    # The schema as Debian ships it (php-symfony-translation; tests/data/xliff/README.md).
    from lxml import etree

    schemas = Path(__file__).resolve().parents[1] / "data" / "xliff"
    text = (
        (schemas / "xliff-core-1.2-strict.xsd")
        .read_bytes()
        .replace(b'schemaLocation="http://www.w3.org/2001/xml.xsd"', b'schemaLocation="xml.xsd"')
    )
    schema = etree.XMLSchema(etree.fromstring(text, base_url=f"{schemas}/"))
    change(bundle_dir, "es", "contact")  # a new unit too
    out = tmp_path / "es.xlf"
    export(bundle_dir, out, "xliff")
    valid = schema.validate(etree.parse(str(out)))
    assert valid, [f"{error.line}: {error.message}" for error in schema.error_log][:5]


def test_po_round_trip_takes_the_edit_as_translated(bundle_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "es.po"
    export(bundle_dir, out, "po")
    edit_po(out, {paragraph_id("savings", 1): "Un párrafo nuevo del traductor."})
    assert content_main(["import-translation", str(bundle_dir), str(out)]) == 0
    bundle = load_bundle(bundle_dir)
    assert bundle.question("es", "savings").answer[0] == "Un párrafo nuevo del traductor."
    assert bundle.state("es", "savings") == TranslationState.TRANSLATED
    assert bundle.texts["es"].source_hashes["savings"] == source_hash(
        *_title_answer(bundle, "savings")
    )
    assert bundle.unreviewed("es") == ["savings"]


def test_xliff_round_trip_keeps_reviewed(bundle_dir: Path, tmp_path: Path) -> None:
    change(bundle_dir, "es", "contact")
    out = tmp_path / "es.xlf"
    export(bundle_dir, out, "xliff")
    store = xliff.xlifffile.parsefile(str(out))
    english = source_of(load_bundle(bundle_dir), "contact")
    for unit in store.getunits():
        if "contact" in unit.getid():
            unit.target = "ES: " + unit.source
            unit.markapproved(True)
    store.save()
    assert content_main(["import-translation", str(bundle_dir), str(out)]) == 0
    bundle = load_bundle(bundle_dir)
    assert bundle.question("es", "contact").title == "ES: " + english.title
    assert bundle.state("es", "contact") == TranslationState.REVIEWED
    assert bundle.unreviewed("es") == [] and not bundle.warnings


def test_a_unit_whose_source_changed_is_refused(
    bundle_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "es.po"
    export(bundle_dir, out, "po")
    edit_po(
        out,
        {
            question_title_id("savings"): "¿Cuánto dinero se ahorra? (nuevo)",
            question_title_id("contact"): "¿A quién contacto? (nuevo)",
        },
    )
    english = source_of(load_bundle(bundle_dir), "savings")
    change(bundle_dir, "en", "savings", answer=(*english.answer, "A new paragraph."))
    assert content_main(["import-translation", str(bundle_dir), str(out)]) == 1
    said = capsys.readouterr().out
    assert f"The English of '{english.title[:20]}" in said and "export again" in said
    bundle = load_bundle(bundle_dir)
    assert bundle.question("es", "contact").title == "¿A quién contacto? (nuevo)"
    assert bundle.question("es", "savings").title != "¿Cuánto dinero se ahorra? (nuevo)"
    assert bundle.state("es", "savings") == TranslationState.NEEDS_REVIEW


def test_a_stale_translation_exports_as_fuzzy(bundle_dir: Path, tmp_path: Path) -> None:
    english = source_of(load_bundle(bundle_dir), "savings")
    change(bundle_dir, "en", "savings", title=english.title + " (changed)")
    out = tmp_path / "es.po"
    export(bundle_dir, out, "po")
    unit = po_units(out)[question_title_id("savings")]
    assert unit.isfuzzy() and unit.target
    assert "earlier English text is not kept" in " ".join(unit.getnotes("translator").split())
    assert "reviewed" not in unit.getnotes("translator").split("\n")
    checked = subprocess.run(["msgfmt", "--check", "-o", "/dev/null", str(out)], check=False)
    assert checked.returncode == 0


def test_a_question_not_translated_exports_empty_and_new(bundle_dir: Path, tmp_path: Path) -> None:
    change(bundle_dir, "es", "staff-roles")
    export(bundle_dir, tmp_path / "es.po", "po")
    export(bundle_dir, tmp_path / "es.xlf", "xliff")
    po = po_units(tmp_path / "es.po")[paragraph_id("staff-roles", 1)]
    assert po.target == "" and not po.isfuzzy() and po.getnotes("translator") == ""
    text = (tmp_path / "es.xlf").read_text("utf-8")
    unit = re.search(r'<trans-unit id="questions/staff-roles/title".*?</trans-unit>', text, re.S)
    assert unit and '<target state="new"/>' in unit.group()


def test_a_partly_translated_question_is_refused(
    bundle_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change(bundle_dir, "es", "savings")
    out = tmp_path / "es.po"
    export(bundle_dir, out, "po")
    edit_po(out, {question_title_id("savings"): "¿Cuánto dinero?"})
    assert content_main(["import-translation", str(bundle_dir), str(out)]) == 1
    assert "only partly translated" in capsys.readouterr().out
    assert load_bundle(bundle_dir).state("es", "savings") == TranslationState.NEW


def test_a_file_from_another_faq_is_refused(bundle_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "es.xlf"
    export(bundle_dir, out, "xliff")
    out.write_text(
        out.read_text("utf-8").replace('original="dps-sro-faq"', 'original="x"'), "utf-8"
    )
    before = (bundle_dir / "es.toml").read_bytes()
    assert content_main(["import-translation", str(bundle_dir), str(out)]) == 1
    assert (bundle_dir / "es.toml").read_bytes() == before


def test_clearing_fuzzy_confirms_a_stale_translation(
    bundle_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    english = source_of(load_bundle(bundle_dir), "savings")
    change(bundle_dir, "en", "savings", title=english.title + " (changed)")
    out = tmp_path / "es.po"
    export(bundle_dir, out, "po")
    assert content_main(["import-translation", str(bundle_dir), str(out)]) == 0  # fuzzy: not done
    assert load_bundle(bundle_dir).state("es", "savings") == TranslationState.NEEDS_REVIEW
    spanish = load_bundle(bundle_dir).question("es", "savings")
    edit_po(out, {question_title_id("savings"): spanish.title})  # checked, fuzzy removed
    store = pypo.pofile.parsefile(str(out))
    for unit in store.units:
        if unit.getcontext().startswith("questions/savings/"):
            unit.markfuzzy(False)
    store.save()
    assert content_main(["import-translation", str(bundle_dir), str(out)]) == 0
    bundle = load_bundle(bundle_dir)
    assert bundle.state("es", "savings") == TranslationState.TRANSLATED
    assert not [w for w in bundle.warnings if w.path and w.path.name == "es.toml"]
    assert "Not taken" not in capsys.readouterr().out


def test_an_untouched_unit_whose_source_changed_is_left_quietly(
    bundle_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "es.xlf"
    export(bundle_dir, out, "xliff")
    english = source_of(load_bundle(bundle_dir), "savings")
    change(bundle_dir, "en", "savings", title=english.title + " (changed)")
    assert content_main(["import-translation", str(bundle_dir), str(out)]) == 0
    assert "Nothing new" in capsys.readouterr().out
    assert load_bundle(bundle_dir).state("es", "savings") == TranslationState.NEEDS_REVIEW
