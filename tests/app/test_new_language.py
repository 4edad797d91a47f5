"""Adding a language is a catalog and a bundle file, nothing else (docs/architecture.md,
Adding a language): Arabic, read right to left, added from a temporary catalog (made by
`make new-language`) and a temporary bundle, without touching the package. The kiosk
offers it, speaks its interface, mirrors its layout, and `check` says what a language
still lacks."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk
from kiosk.cli.check import run_check
from kiosk.cli.screenshot import settle
from kiosk.config import load_config
from kiosk.content import load_bundle, source_hash
from kiosk.state.session import Screen
from kiosk.system import resources
from tests.helpers import REPO, discard

ARABIC = {
    "Home": "الرئيسية",
    "Home: choose another language": "الرئيسية: اختر لغة أخرى",
    "Welcome! Touch your language to read the questions and answers.": (
        "مرحبًا! المس لغتك لقراءة الأسئلة والأجوبة."
    ),
    "For English, press {key}.": "للعربية، اضغط {key}.",
    "Read this answer aloud": "اقرأ هذه الإجابة بصوت عالٍ",
}


def _arabic_catalog(i18n: Path) -> None:
    """The package's catalogs plus Arabic, as a translator would start it."""
    shutil.copytree(REPO / "i18n", i18n)
    subprocess.run(
        ["make", "-s", "--no-print-directory", "new-language", "LANG=ar", f"I18N={i18n}"],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    po_path = i18n / "ar" / "LC_MESSAGES" / "kiosk.po"
    with po_path.open("rb") as po_file:
        catalog = read_po(po_file)
    assert all(message_id in catalog for message_id in ARABIC)  # the .pot has them
    for message_id, text in ARABIC.items():
        catalog[message_id].string = text
    with (po_path.with_suffix(".mo")).open("wb") as mo_file:
        write_mo(mo_file, catalog)


def _arabic_bundle(folder: Path) -> None:
    """The bundled FAQ plus an Arabic file: every question, with the source it renders."""
    shutil.copytree(resources.content_dir(), folder)
    english = load_bundle(folder).texts["en"]
    manifest = folder / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    manifest.write_text(text.replace('"vi"]', '"vi", "ar"]'), encoding="utf-8")
    lines = ['language = "ar"', 'title = "الأسئلة الشائعة"', ""]
    for number, (question_id, question) in enumerate(english.questions.items(), start=1):
        answer = ", ".join(f'"فقرة {p} من الإجابة {number}."' for p in range(len(question.answer)))
        lines += [
            f"[questions.{question_id}]",
            f'title = "السؤال {number}؟"',
            f"answer = [{answer}]",
            f'source_hash = "{source_hash(question.title, question.answer)}"',
            'status = "reviewed"',  # else the cautious default does not offer Arabic
            "",
        ]
    lines += [f'[links.{link_id}]\nlabel = "رابط {link_id}"\n' for link_id in english.link_labels]
    (folder / "ar.toml").write_text("\n".join(lines), encoding="utf-8")


@pytest.fixture(scope="module")
def arabic(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """(i18n folder, config file) of a kiosk with Arabic added."""
    root = tmp_path_factory.mktemp("arabic")
    _arabic_catalog(root / "i18n")
    _arabic_bundle(root / "content")
    config = root / "config.toml"
    config.write_text('content_dir = "content"\n', encoding="utf-8")
    return root / "i18n", config


@pytest.fixture
def arabic_kiosk(qapp: QApplication, arabic: tuple[Path, Path]) -> Iterator[Kiosk]:
    i18n, config = arabic
    kiosk = build_kiosk(qapp, load_config(config), i18n_dir=i18n)
    kiosk.window.resize(1920, 1080)
    kiosk.window.show()
    settle(kiosk)
    yield kiosk
    discard(kiosk)


def _centre_x(widget: QWidget, window: QWidget) -> int:
    return widget.mapTo(window, QPoint(widget.width() // 2, 0)).x()


def test_the_bundle_and_catalog_bring_a_fourth_language(arabic_kiosk: Kiosk) -> None:
    home = arabic_kiosk.window.home
    assert home.languages == ["en", "es", "vi", "ar"]  # the bundle's order: no config named it
    assert home.buttons["ar"].reading_item("ar").text.startswith("العربية")  # CLDR's name
    welcome = [item.text for item in home.welcome() if item.language == "ar"]
    assert welcome == [
        "الأسئلة الشائعة",
        ARABIC["Welcome! Touch your language to read the questions and answers."],
    ]


def test_choosing_it_shows_its_text_and_its_interface(qtbot: QtBot, arabic_kiosk: Kiosk) -> None:
    session, window = arabic_kiosk.session, arabic_kiosk.window
    session.choose_language("ar")
    session.set_open_question("savings")
    settle(arabic_kiosk)
    assert session.screen == Screen.FAQ
    texts = [item.text for item in window.reading_order()]
    assert texts[0] == ARABIC["Home: choose another language"]  # the toolbar's Home button
    assert "السؤال 6؟" in texts
    assert "فقرة 0 من الإجابة 6." in texts
    assert window.locale().language().name == "Arabic"


def test_the_layout_mirrors_for_right_to_left_and_back(arabic_kiosk: Kiosk) -> None:
    session, window = arabic_kiosk.session, arabic_kiosk.window
    middle = window.width() // 2
    session.choose_language("en")
    settle(arabic_kiosk)
    home_button = window.toolbar.home
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert _centre_x(home_button, window) < middle  # Home starts the row on the left
    feedback_left_to_right = _centre_x(window.faq.feedback, window)

    session.choose_language("ar")
    settle(arabic_kiosk)
    assert window.layoutDirection() == Qt.LayoutDirection.RightToLeft
    assert _centre_x(home_button, window) > middle  # … and on the right in Arabic
    feedback_right_to_left = _centre_x(window.faq.feedback, window)
    assert (feedback_left_to_right > middle) != (feedback_right_to_left > middle)
    assert abs(feedback_left_to_right + feedback_right_to_left - window.width()) < 40
    # Reading order (keypad, speech) follows: the language buttons from the right.
    buttons = [
        item.widget
        for item in window.reading_order()
        if item.widget.parent() is (window.language_bar)
    ]
    assert len(buttons) == 4
    xs = [_centre_x(button, window) for button in buttons]
    assert xs == sorted(xs, reverse=True)

    session.choose_language("vi")
    settle(arabic_kiosk)
    assert window.layoutDirection() == Qt.LayoutDirection.LeftToRight
    assert _centre_x(home_button, window) < middle


def test_check_says_what_a_new_language_still_lacks(
    tmp_path: Path, arabic: tuple[Path, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    _i18n, arabic_config = arabic
    config = tmp_path / "config.toml"
    bundle = arabic_config.parent / "content"
    config.write_text(
        f'content_dir = "{bundle}"\nlanguages = ["en", "ar", "so"]\n', encoding="utf-8"
    )
    assert run_check(config, None) == 1
    report = capsys.readouterr().out
    # Somali: named by the config, in neither the bundle nor the catalogs.
    assert "so: the config offers it, but the content bundle has no so.toml" in report
    # Arabic: in the bundle, but its catalog is not in the package's i18n folder.
    assert "ar: no interface catalog in" in report
    assert "make new-language LANG=ar" in report
    assert "so: no interface catalog" not in report  # not offered, so not asked for
