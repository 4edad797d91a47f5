"""Interface catalogs: complete, not fuzzy, compilable, in step with the code; runtime switch."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from PySide6.QtWidgets import QApplication

from kiosk.system import resources
from kiosk.system.i18n import KNOWN_ENDONYMS, Translator, cldr_endonym, endonym
from tests.helpers import REPO

TRANSLATED = ("es", "vi")
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")


def catalog(language: str) -> Catalog:
    with (REPO / "i18n" / language / "LC_MESSAGES" / "kiosk.po").open("rb") as po_file:
        return read_po(po_file, locale=language)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_is_complete_and_not_fuzzy(language: str) -> None:
    messages = [m for m in catalog(language) if m.id]
    assert messages
    assert [m.id for m in messages if not m.string] == []
    assert [m.id for m in messages if m.fuzzy] == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_plural_messages_have_every_form_the_language_needs(language: str) -> None:
    translations = catalog(language)
    plurals = [m for m in translations if m.id and isinstance(m.id, tuple)]
    assert plurals
    for message in plurals:
        forms = message.string
        assert isinstance(forms, tuple)
        assert len(forms) == translations.num_plurals, message.id
        assert all(forms), message.id
    compiled = Translator(resources.i18n_dir(), language)
    for count in (0, 1, 2, 5, 20, 1_000_000):
        for message in plurals:
            assert isinstance(message.id, tuple)
            singular, plural = message.id
            shown = compiled.ngettext(singular, plural, count)
            assert shown not in (singular, plural), (language, count, shown)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_keeps_every_placeholder(language: str) -> None:
    for message in catalog(language):
        if message.id:
            source, translation = str(message.id), str(message.string)
            if isinstance(message.id, tuple) and isinstance(message.string, tuple):
                source, translation = str(message.id[-1]), str(message.string[-1])
            assert sorted(PLACEHOLDER.findall(translation)) == sorted(
                PLACEHOLDER.findall(source)
            ), source


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalog_compiles(language: str) -> None:
    compiled = io.BytesIO()
    write_mo(compiled, catalog(language))
    assert len(compiled.getvalue()) > 100


def test_template_lists_exactly_the_strings_in_the_code(tmp_path: Path) -> None:
    fresh = tmp_path / "kiosk.pot"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "babel.messages.frontend",
            "extract",
            "--no-location",
            "-k",
            "N_",
            "-k",
            "gettext_in:2",
            "-o",
            str(fresh),
            str(REPO / "kiosk"),
        ],
        check=True,
        capture_output=True,
    )
    with fresh.open("rb") as new, (REPO / "i18n" / "kiosk.pot").open("rb") as committed:
        new_ids = {m.id for m in read_po(new) if m.id}
        old_ids = {m.id for m in read_po(committed) if m.id}
    assert new_ids == old_ids, "run `make pot` and translate the new strings"
    for language in TRANSLATED:
        assert {m.id for m in catalog(language) if m.id} == new_ids


def test_runtime_switch_translates_without_restart(qapp: QApplication) -> None:
    translator = Translator(resources.i18n_dir())
    seen: list[str] = []
    translator.language_changed.connect(seen.append)
    assert translator.gettext("Home") == "Home"
    translator.set_language("es")
    assert translator.gettext("Home") == "Inicio"
    translator.set_language("vi")
    assert translator.gettext("Home") == "Trang chính"
    translator.set_language("vi")
    assert seen == ["es", "vi"]
    assert translator.gettext_in("es", "More below") == "Más abajo"
    assert translator.missing_catalogs == set()


def test_missing_catalog_falls_back_to_english_and_is_reported(
    qapp: QApplication, tmp_path: Path
) -> None:
    (tmp_path / "es" / "LC_MESSAGES").mkdir(parents=True)
    (tmp_path / "es" / "LC_MESSAGES" / "kiosk.mo").write_bytes(b"not a catalog")
    translator = Translator(tmp_path, "es")
    assert translator.gettext("Home") == "Home"
    assert translator.gettext_in("vi", "Home") == "Home"
    assert translator.missing_catalogs == {"es", "vi"}


@pytest.mark.parametrize(
    ("language", "name"), [("en", "English"), ("es", "Español"), ("vi", "Tiếng Việt")]
)
def test_endonyms_come_from_cldr(language: str, name: str) -> None:
    assert endonym(language) == name
    assert cldr_endonym(language) == name  # the start-up shortcut matches babel's data


def test_other_languages_are_named_by_babel() -> None:
    assert "fr" not in KNOWN_ENDONYMS
    assert endonym("fr") == "Français"


def test_no_translation_at_import_time() -> None:
    """A module-level _()/gettext() call would freeze a string in the start-up language."""
    pattern = re.compile(r"^[A-Z_a-z][\w]*\s*=\s*.*\b(gettext|_)\(", re.MULTILINE)
    offenders = [
        str(path)
        for path in (REPO / "kiosk").rglob("*.py")
        if pattern.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_a_language_cldr_does_not_know_is_named_by_its_code() -> None:
    from kiosk.ui.toolbar import percent

    assert cldr_endonym("qq") == "qq"  # a bundle may bring any code; the kiosk still starts
    assert cldr_endonym("es-419") == "Español (Latinoamérica)"  # tags with a region work
    assert percent(150, "qq") == "150%"
    assert percent(123456, "es-419") == "123,456%"  # CLDR's Latin American Spanish
    assert percent(123456, "es") == "123.456\xa0%"
