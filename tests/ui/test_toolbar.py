"""The toolbar on its own, with the real Translator and the repo's catalogs: what every
control says and is named in English, Spanish and Vietnamese, the signals a tap sends, the
text-size range, the speech problem note, the toggles' state, and touch targets."""

from __future__ import annotations

import itertools

import pytest
from PySide6.QtCore import QLocale, QPoint, QRect, Qt, SignalInstance
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from kiosk.config import TEXT_SIZES
from kiosk.speech.synthesizer import SpeechProblem
from kiosk.system import resources
from kiosk.system.i18n import Translator
from kiosk.ui.button import TextButton
from kiosk.ui.glyph import Glyph
from kiosk.ui.text_size import apply_text_size
from kiosk.ui.theme import HIGH_CONTRAST, STANDARD, TARGET_PX, Palette, style_sheet
from kiosk.ui.toolbar import Toolbar, speech_problem_text
from tests.helpers import LANGUAGES

MIN_GAP_PX = 8  # touch targets at least 8 px apart (docs/architecture.md, Accessibility)
BUTTONS = ("home", "smaller", "larger", "contrast", "read_aloud", "speak_all")

# (text shown, accessible name) of every button, from i18n/<lang>/LC_MESSAGES/kiosk.po.
TEXTS: dict[str, dict[str, tuple[str, str]]] = {
    "en": {
        "home": ("Home", "Home: choose another language"),
        "smaller": ("A", "Smaller text"),
        "larger": ("A", "Larger text"),
        "contrast": ("High contrast", "High contrast"),
        "read_aloud": ("Read aloud", "Read aloud"),
        "speak_all": ("Speak everything", "Speak everything"),
    },
    "es": {
        "home": ("Inicio", "Inicio: elegir otro idioma"),
        "smaller": ("A", "Letra más pequeña"),
        "larger": ("A", "Letra más grande"),
        "contrast": ("Alto contraste", "Alto contraste"),
        "read_aloud": ("Leer en voz alta", "Leer en voz alta"),
        "speak_all": ("Leer todo en voz alta", "Leer todo en voz alta"),
    },
    "vi": {
        "home": ("Trang chính", "Trang chính: chọn ngôn ngữ khác"),
        "smaller": ("A", "Chữ nhỏ hơn"),
        "larger": ("A", "Chữ lớn hơn"),
        "contrast": ("Tương phản cao", "Tương phản cao"),
        "read_aloud": ("Đọc to", "Đọc to"),
        "speak_all": ("Đọc to mọi thứ", "Đọc to mọi thứ"),
    },
}
STOP = {
    "en": ("Stop", "Stop reading aloud"),
    "es": ("Detener", "Dejar de leer en voz alta"),
    "vi": ("Dừng", "Dừng đọc"),
}
# The size label's text for a size, and its accessible name's prefix (CLDR percentages:
# Spanish puts a no-break space before the sign).
PERCENT = {"en": "{size}%", "es": "{size}\u00a0%", "vi": "{size}%"}
TEXT_SIZE_NAME = {"en": "Text size: ", "es": "Tamaño de letra: ", "vi": "Cỡ chữ: "}
ON_OFF = {"en": ("On", "Off"), "es": ("Activado", "Desactivado"), "vi": ("Bật", "Tắt")}
NO_ENGINE = {
    "en": "Reading aloud is not available on this kiosk.",
    "es": "La lectura en voz alta no está disponible en este quiosco.",
    "vi": "Máy này không có chức năng đọc to.",
}
NO_VOICE = {
    "en": "Reading aloud is not available in this language.",
    "es": "La lectura en voz alta no está disponible en este idioma.",
    "vi": "Chức năng đọc to không có cho ngôn ngữ này.",
}
FAILED = {
    "en": "Reading aloud stopped because of a problem. Please try again.",
    "es": "La lectura en voz alta se detuvo por un problema. Inténtelo de nuevo.",
    "vi": "Chức năng đọc to bị dừng do có lỗi. Xin vui lòng thử lại.",
}


def problem_note(problem: SpeechProblem, language: str) -> str:
    if problem == SpeechProblem.NO_ENGINE:
        return NO_ENGINE[language]
    if problem == SpeechProblem.NO_VOICE:
        return NO_VOICE[language]
    return FAILED[language]


@pytest.fixture
def translator() -> Translator:
    """The real Translator on the repo's compiled catalogs, in English."""
    return Translator(resources.i18n_dir())


def make_toolbar(qtbot: QtBot, translator: Translator) -> Toolbar:
    toolbar = Toolbar(translator)
    qtbot.addWidget(toolbar)
    return toolbar


def show(
    toolbar: Toolbar, width: int = 1920, text_size: int = 100, palette: Palette = STANDARD
) -> None:
    """Show *toolbar* as the kiosk does: the theme's style sheet, the text size, and as tall
    as it needs at *width*."""
    toolbar.setStyleSheet(style_sheet(palette))
    apply_text_size(toolbar, text_size)
    toolbar.set_text_size(text_size)
    toolbar.show()
    QApplication.processEvents()  # polished: the theme's fonts and sizes apply
    toolbar.resize(width, toolbar.heightForWidth(width))
    QApplication.processEvents()


@pytest.fixture
def toolbar(qtbot: QtBot, translator: Translator) -> Toolbar:
    """A toolbar shown 1920 px wide at 100 %, as on a fresh FAQ screen."""
    shown = make_toolbar(qtbot, translator)
    show(shown)
    return shown


def buttons(toolbar: Toolbar) -> dict[str, TextButton]:
    return {
        "home": toolbar.home,
        "smaller": toolbar.smaller,
        "larger": toolbar.larger,
        "contrast": toolbar.contrast,
        "read_aloud": toolbar.read_aloud,
        "speak_all": toolbar.speak_all,
    }


def glyph(button: TextButton) -> Glyph:
    assert button.glyph is not None, button
    return button.glyph


def shown_texts(toolbar: Toolbar) -> dict[str, tuple[str, str]]:
    return {
        name: (button.text_shown(), button.accessibleName())
        for name, button in buttons(toolbar).items()
    }


def gap(first: QRect, second: QRect) -> int:
    """The free pixels between two rectangles (negative if they overlap)."""
    horizontal = max(second.left() - first.right(), first.left() - second.right()) - 1
    vertical = max(second.top() - first.bottom(), first.top() - second.bottom()) - 1
    return max(horizontal, vertical)


# -- what every control says ---------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_button_says_and_is_named_in_the_starting_language(
    qtbot: QtBot, language: str
) -> None:
    translator = Translator(resources.i18n_dir(), language)
    toolbar = make_toolbar(qtbot, translator)

    assert shown_texts(toolbar) == TEXTS[language]
    assert toolbar.size_label.text() == PERCENT[language].format(size=100)
    assert toolbar.size_label.accessibleName() == (
        TEXT_SIZE_NAME[language] + PERCENT[language].format(size=100)
    )
    assert toolbar.contrast.accessibleDescription() == ON_OFF[language][1]
    assert toolbar.locale().language() == QLocale(language).language()
    assert translator.missing_catalogs == set()


@pytest.mark.parametrize("language", ["es", "vi"])
def test_a_language_change_retranslates_everything_and_back(
    toolbar: Toolbar, translator: Translator, language: str
) -> None:
    toolbar.set_text_size(150)
    toolbar.set_high_contrast(True)
    toolbar.set_speech_problem(SpeechProblem.NO_VOICE)

    translator.set_language(language)

    assert shown_texts(toolbar) == TEXTS[language]
    assert toolbar.size_label.text() == PERCENT[language].format(size=150)
    assert toolbar.size_label.accessibleName() == (
        TEXT_SIZE_NAME[language] + PERCENT[language].format(size=150)
    )
    assert toolbar.contrast.accessibleDescription() == ON_OFF[language][0]
    assert toolbar.speech_note.text() == NO_VOICE[language]
    assert toolbar.read_aloud.accessibleDescription() == NO_VOICE[language]
    assert toolbar.locale().language() == QLocale(language).language()

    translator.set_language("en")

    assert shown_texts(toolbar) == TEXTS["en"]
    assert toolbar.size_label.text() == "150%"
    assert toolbar.contrast.accessibleDescription() == "On"
    assert toolbar.speech_note.text() == NO_VOICE["en"]
    assert toolbar.locale().language() == QLocale.Language.English


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_control_has_its_own_accessible_name(
    toolbar: Toolbar, translator: Translator, language: str
) -> None:
    translator.set_language(language)

    names = [button.accessibleName() for button in buttons(toolbar).values()]
    names.append(toolbar.size_label.accessibleName())

    assert all(name.strip() for name in names), names
    # A− and A+ both show "A": only their names tell a screen reader which is which.
    assert len(set(names)) == len(names), names


@pytest.mark.parametrize("language", LANGUAGES)
def test_read_aloud_becomes_stop_while_speaking(
    toolbar: Toolbar, translator: Translator, language: str
) -> None:
    translator.set_language(language)

    toolbar.set_speaking(True)
    assert (toolbar.read_aloud.text_shown(), toolbar.read_aloud.accessibleName()) == STOP[language]
    assert glyph(toolbar.read_aloud).shape == "stop"

    toolbar.set_speaking(False)
    assert shown_texts(toolbar)["read_aloud"] == TEXTS[language]["read_aloud"]
    assert glyph(toolbar.read_aloud).shape == "speaker"


def test_stop_follows_a_language_change_while_speaking(
    toolbar: Toolbar, translator: Translator
) -> None:
    toolbar.set_speaking(True)

    translator.set_language("vi")

    assert (toolbar.read_aloud.text_shown(), toolbar.read_aloud.accessibleName()) == STOP["vi"]
    assert glyph(toolbar.read_aloud).shape == "stop"


# -- signals -------------------------------------------------------------------------------


SIGNALS = (
    "home_requested",
    "smaller_text_requested",
    "larger_text_requested",
    "high_contrast_toggled",
    "read_aloud_clicked",
    "speak_everything_toggled",
)


def record(toolbar: Toolbar) -> list[tuple[str, tuple[object, ...]]]:
    """Every signal the toolbar sends from now on, with its arguments, in order."""
    sent: list[tuple[str, tuple[object, ...]]] = []
    for name in SIGNALS:
        signal: SignalInstance = getattr(toolbar, name)
        signal.connect(lambda *args, name=name: sent.append((name, args)))
    return sent


@pytest.mark.parametrize(
    ("name", "signal"),
    [
        ("home", "home_requested"),
        ("smaller", "smaller_text_requested"),
        ("larger", "larger_text_requested"),
        ("read_aloud", "read_aloud_clicked"),
        ("contrast", "high_contrast_toggled"),
        ("speak_all", "speak_everything_toggled"),
    ],
)
def test_a_tap_sends_the_buttons_signal_and_no_other(
    qtbot: QtBot, toolbar: Toolbar, name: str, signal: str
) -> None:
    toolbar.set_text_size(150)  # A− and A+ both enabled
    sent = record(toolbar)

    qtbot.mouseClick(buttons(toolbar)[name], Qt.MouseButton.LeftButton)

    toggle = name in ("contrast", "speak_all")
    assert sent == [(signal, (True,) if toggle else ())]  # a toggle sends its new state


@pytest.mark.parametrize(
    ("name", "attribute"),
    [("contrast", "high_contrast_toggled"), ("speak_all", "speak_everything_toggled")],
)
def test_a_toggle_sends_its_new_state(
    qtbot: QtBot, toolbar: Toolbar, name: str, attribute: str
) -> None:
    button = buttons(toolbar)[name]
    signal: SignalInstance = getattr(toolbar, attribute)
    states: list[bool] = []
    signal.connect(states.append)

    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert button.isChecked()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)

    assert states == [True, False]
    assert not button.isChecked()


def test_setters_show_state_without_sending_signals(qtbot: QtBot, toolbar: Toolbar) -> None:
    with (
        qtbot.assertNotEmitted(toolbar.high_contrast_toggled),
        qtbot.assertNotEmitted(toolbar.speak_everything_toggled),
    ):
        toolbar.set_high_contrast(True)
        toolbar.set_speech_mode(True)

    assert toolbar.contrast.isChecked() and toolbar.speak_all.isChecked()


def test_a_disabled_button_sends_nothing(qtbot: QtBot, toolbar: Toolbar) -> None:
    toolbar.set_text_size(TEXT_SIZES[0])
    with qtbot.assertNotEmitted(toolbar.smaller_text_requested):
        qtbot.mouseClick(toolbar.smaller, Qt.MouseButton.LeftButton)

    toolbar.set_text_size(TEXT_SIZES[-1])
    with qtbot.assertNotEmitted(toolbar.larger_text_requested):
        qtbot.mouseClick(toolbar.larger, Qt.MouseButton.LeftButton)

    toolbar.set_speech_problem(SpeechProblem.NO_ENGINE, blocking=True)
    with qtbot.assertNotEmitted(toolbar.read_aloud_clicked):
        qtbot.mouseClick(toolbar.read_aloud, Qt.MouseButton.LeftButton)


# -- text size -----------------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("size", TEXT_SIZES)
def test_text_size_buttons_stop_at_the_ends_of_the_range(
    toolbar: Toolbar, translator: Translator, size: int, language: str
) -> None:
    translator.set_language(language)

    toolbar.set_text_size(size)

    assert toolbar.smaller.isEnabled() == (size != 100)
    assert toolbar.larger.isEnabled() == (size != 200)
    assert toolbar.size_label.text() == PERCENT[language].format(size=size)
    assert toolbar.size_label.accessibleName() == (
        TEXT_SIZE_NAME[language] + PERCENT[language].format(size=size)
    )
    assert toolbar.smaller.reading_item(language).enabled == (size != 100)


def test_a_new_toolbar_is_at_the_smallest_size(qtbot: QtBot, translator: Translator) -> None:
    toolbar = make_toolbar(qtbot, translator)

    assert toolbar.size_label.text() == "100%"
    assert not toolbar.smaller.isEnabled()
    assert toolbar.larger.isEnabled()


# -- speech problems -----------------------------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("problem", list(SpeechProblem))
@pytest.mark.parametrize("blocking", [True, False], ids=["blocking", "passing"])
def test_a_speech_problem_is_shown_and_cleared(
    toolbar: Toolbar, translator: Translator, problem: SpeechProblem, language: str, blocking: bool
) -> None:
    translator.set_language(language)
    note = problem_note(problem, language)

    toolbar.set_speech_problem(problem, blocking=blocking)

    assert toolbar.speech_note.text() == note
    assert toolbar.speech_note.isVisibleTo(toolbar)
    assert toolbar.read_aloud.accessibleDescription() == note
    assert toolbar.read_aloud.isEnabled() == (not blocking)
    assert speech_problem_text(translator, problem) == note

    toolbar.set_speech_problem(None)

    assert not toolbar.speech_note.isVisibleTo(toolbar)
    assert toolbar.speech_note.text() == ""
    assert toolbar.read_aloud.accessibleDescription() == ""
    assert toolbar.read_aloud.isEnabled()


def test_no_problem_says_nothing_and_an_unknown_one_says_it_failed(
    translator: Translator,
) -> None:
    assert speech_problem_text(translator, None) == ""
    assert speech_problem_text(translator, "something-new") == FAILED["en"]


def test_the_speech_note_takes_room_only_when_shown(toolbar: Toolbar) -> None:
    width = 1280
    show(toolbar, width)
    without = toolbar.heightForWidth(width)

    toolbar.set_speech_problem(SpeechProblem.NO_VOICE, blocking=True)
    show(toolbar, width)

    note = toolbar.speech_note.geometry()
    assert toolbar.speech_note.isVisible()
    assert toolbar.rect().contains(note)
    assert toolbar.speech_note.height() >= toolbar.speech_note.heightForWidth(note.width())
    for button in buttons(toolbar).values():
        assert gap(note, button.geometry()) >= MIN_GAP_PX, button
    assert toolbar.height() >= without

    toolbar.set_speech_problem(None)
    show(toolbar, width)
    assert toolbar.heightForWidth(width) == without


# -- toggles' state ------------------------------------------------------------------------


def test_high_contrast_shows_its_state_by_more_than_colour(
    qtbot: QtBot, toolbar: Toolbar, translator: Translator
) -> None:
    check = glyph(toolbar.contrast)
    assert not check.isVisibleTo(toolbar)
    assert toolbar.contrast.accessibleDescription() == "Off"

    qtbot.mouseClick(toolbar.contrast, Qt.MouseButton.LeftButton)
    assert toolbar.contrast.isChecked() and check.isVisibleTo(toolbar)
    assert toolbar.contrast.accessibleDescription() == "On"
    assert toolbar.contrast.reading_item("en").checked

    qtbot.mouseClick(toolbar.contrast, Qt.MouseButton.LeftButton)
    assert not toolbar.contrast.isChecked() and not check.isVisibleTo(toolbar)
    assert toolbar.contrast.accessibleDescription() == "Off"

    toolbar.set_high_contrast(True)
    assert toolbar.contrast.isChecked() and check.isVisibleTo(toolbar)
    translator.set_language("es")
    assert toolbar.contrast.accessibleDescription() == "Activado"
    assert check.isVisibleTo(toolbar)

    toolbar.set_high_contrast(False)
    assert not toolbar.contrast.isChecked() and not check.isVisibleTo(toolbar)
    assert toolbar.contrast.accessibleDescription() == "Desactivado"


def test_speech_mode_shows_its_check_mark(toolbar: Toolbar, translator: Translator) -> None:
    check = glyph(toolbar.speak_all)
    assert not check.isVisibleTo(toolbar)

    toolbar.set_speech_mode(True)
    assert toolbar.speak_all.isChecked() and check.isVisibleTo(toolbar)
    translator.set_language("vi")  # retranslating keeps it
    assert check.isVisibleTo(toolbar)

    toolbar.set_speech_mode(False)
    assert not toolbar.speak_all.isChecked() and not check.isVisibleTo(toolbar)


# -- layout and touch targets --------------------------------------------------------------


def target_problems(toolbar: Toolbar) -> list[str]:
    """What breaks the touch-target rules in *toolbar* as laid out now."""
    problems = []
    for name, button in buttons(toolbar).items():
        if button.width() < TARGET_PX or button.height() < TARGET_PX:
            problems.append(f"{name} is {button.width()} x {button.height()}")
        if not toolbar.rect().contains(button.geometry()):
            problems.append(f"{name} is outside the toolbar")
        label = button.label
        if label.height() < label.heightForWidth(label.width()):
            problems.append(f"{name}'s text is cut")
    controls: dict[str, QWidget] = {**buttons(toolbar), "size_label": toolbar.size_label}
    for (first, one), (second, other) in itertools.combinations(controls.items(), 2):
        if gap(one.geometry(), other.geometry()) < MIN_GAP_PX:
            problems.append(f"{first} and {second} are closer than {MIN_GAP_PX} px")
    return problems


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize(
    ("width", "text_size"),
    list(itertools.product([1920, 1280, 1080, 600], [100, 200])),
    ids=lambda value: f"{value}px" if value > 200 else f"{value}%",
)
def test_every_button_is_a_full_size_target_apart_from_the_others(
    toolbar: Toolbar,
    translator: Translator,
    width: int,
    text_size: int,
    language: str,
) -> None:
    translator.set_language(language)

    # "Read aloud" and "Stop" differ in length; high contrast has thicker borders.
    for speaking, palette in itertools.product((False, True), (STANDARD, HIGH_CONTRAST)):
        toolbar.set_speaking(speaking)
        show(toolbar, width, text_size, palette)

        assert toolbar.height() == toolbar.heightForWidth(width)
        assert all(button.isVisible() for button in buttons(toolbar).values())
        assert target_problems(toolbar) == [], (speaking, palette.name)


def test_target_problems_are_found(toolbar: Toolbar) -> None:
    """The check above can fail: a button shrunk below the target and moved onto its
    neighbour is reported."""
    show(toolbar, 1920)
    assert target_problems(toolbar) == []

    toolbar.larger.setFixedSize(42, 88)  # below its minimum, so set it fixed
    toolbar.larger.move(toolbar.size_label.pos() + QPoint(10, 0))

    assert "larger is 42 x 88" in target_problems(toolbar)
    assert "larger and size_label are closer than 8 px" in target_problems(toolbar)


def test_a_narrow_toolbar_wraps_onto_more_rows(toolbar: Toolbar) -> None:
    show(toolbar, 1920)
    wide = toolbar.height()
    assert len({button.y() for button in buttons(toolbar).values()}) == 1  # one row

    show(toolbar, 600)

    assert toolbar.height() > wide
    assert len({button.y() for button in buttons(toolbar).values()}) > 1


def test_without_home_the_other_controls_move_up(toolbar: Toolbar) -> None:
    first_x = toolbar.home.x()

    toolbar.set_home_visible(False)
    show(toolbar)

    assert not toolbar.home.isVisibleTo(toolbar)
    assert toolbar.smaller.x() == first_x

    toolbar.set_home_visible(True)
    show(toolbar)
    assert toolbar.home.isVisible() and toolbar.home.x() == first_x
    assert toolbar.smaller.x() > toolbar.home.geometry().right()


def test_right_to_left_puts_home_at_the_right(toolbar: Toolbar) -> None:
    toolbar.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    show(toolbar, 1280)

    assert toolbar.home.geometry().right() == toolbar.width() - 1
    assert toolbar.smaller.geometry().right() < toolbar.home.x()
    assert toolbar.larger.geometry().right() < toolbar.smaller.x()
