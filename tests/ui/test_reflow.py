"""Low vision at 200 % on a small screen (issue 14, point 6): the chrome collapses by
the room the answer gets, and the feedback code it hides is one accessible button away,
full size, closing with Close, Back, Escape, a touch outside and the reset."""

from __future__ import annotations

import pytest
import zxingcpp
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.cli.audit import clipping_problems, target_problems, window_rect
from kiosk.cli.screenshot import settle
from kiosk.ui.window import Chrome
from tests.helpers import (
    LANGUAGES,
    MM_PER_PX_24_INCH_1080P,
    ROOM_AT_200,
    SIZES,
    LiveKioskFactory,
    Renderer,
)

ANSWER = "contact"


def test_chrome_collapses_only_as_far_as_the_room_needs(render_kiosk: Renderer) -> None:
    # A wide screen keeps the labels, losing the panel; a small one needs symbols too.
    wide = render_kiosk("vi", ANSWER, SIZES["landscape"], text_size=200).kiosk.window
    assert wide.chrome == Chrome.NO_PANEL
    assert wide.toolbar.home.label.isVisible() and wide.faq.answer_room().fits()
    small = render_kiosk("vi", ANSWER, SIZES["small"], text_size=200).kiosk.window
    assert small.chrome == Chrome.SYMBOLS
    assert not small.toolbar.home.label.isVisible()
    assert small.language_bar.buttons["vi"].text_shown() == "VI"
    assert small.faq.answer_room().fits()


# Not under about 1,070 px wide: 25 characters of the 64 px text at 200 % need 925 px.
@pytest.mark.parametrize("size", [(1366, 768), (1600, 900), (2560, 1440), (1200, 1920)])
@pytest.mark.parametrize("text_size", [150, 200])
def test_other_screens_get_the_room_too(
    render_kiosk: Renderer, size: tuple[int, int], text_size: int
) -> None:
    """Decided by measuring, not by a list of screen sizes."""
    window = render_kiosk("es", ANSWER, size, text_size=text_size).kiosk.window
    assert window.faq.answer_room().fits(), str(window.faq.answer_room())
    assert clipping_problems(window) == []
    assert target_problems(window) == []


@pytest.mark.parametrize("size_name", list(SIZES))
def test_toggles_on_keep_the_room(render_kiosk: Renderer, size_name: str) -> None:
    """High contrast and speech mode on: their symbols carry a check mark, not a wider
    button, so the header keeps its rows."""
    kiosk = render_kiosk("vi", ANSWER, SIZES[size_name], text_size=200, high_contrast=True).kiosk
    kiosk.session.set_speech_mode(True)
    settle(kiosk)
    window = kiosk.window
    if window.chrome == Chrome.SYMBOLS:
        for toggle, symbol in (
            (window.toolbar.contrast, "contrast"),
            (window.toolbar.speak_all, "speech"),
        ):
            assert toggle.glyph is not None and toggle.glyph.shape == f"{symbol}-on"
    share, chars = ROOM_AT_200[size_name]
    room = window.faq.answer_room()
    assert room.share >= share and room.chars_per_line >= chars, str(room)
    assert clipping_problems(window) == []
    assert target_problems(window) == []


@pytest.mark.parametrize("size_name", list(SIZES))
def test_text_size_100_brings_the_full_layout_back(render_kiosk: Renderer, size_name: str) -> None:
    kiosk = render_kiosk("en", ANSWER, SIZES[size_name], text_size=200).kiosk
    faq = kiosk.window.faq
    assert faq.compact and faq.feedback_button.isVisible() and not faq.feedback.isVisible()
    kiosk.session.set_text_size(100)
    settle(kiosk)
    assert kiosk.window.chrome == Chrome.FULL
    assert faq.feedback.isVisible() and not faq.feedback_button.isVisible()
    assert kiosk.window.toolbar.home.label.isVisible()
    assert kiosk.window.language_bar.buttons["en"].text_shown() == "English"


def test_home_keeps_its_layout_at_200_percent(render_kiosk: Renderer) -> None:
    window = render_kiosk(size=SIZES["small"], text_size=200).kiosk.window
    assert window.chrome == Chrome.FULL
    assert window.toolbar.contrast.label.isVisible()


@pytest.mark.parametrize("language", LANGUAGES)
def test_feedback_button_is_accessible(render_kiosk: Renderer, language: str) -> None:
    kiosk = render_kiosk(language, ANSWER, SIZES["small"], text_size=200).kiosk
    window, button = kiosk.window, kiosk.window.faq.feedback_button
    name = kiosk.translator.gettext("Tell us what you think")
    interface = QAccessible.queryAccessibleInterface(button)
    assert interface is not None
    assert interface.text(QAccessible.Text.Name) == name == button.text_shown()
    assert interface.role() == QAccessible.Role.Button
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    assert min(button.width(), button.height()) >= 88
    assert button in window.tab_stops()
    item = next(i for i in window.reading_order() if i.widget is button)
    assert name in kiosk.keypad.describe(item)
    # The symbol-only buttons keep their names, and are said.
    for symbol in (window.toolbar.home, window.toolbar.contrast, window.faq.nav.down):
        assert not symbol.label.isVisible() and symbol.accessibleName().strip()
    assert window.language_bar.buttons["vi"].accessibleName() == "Tiếng Việt"


@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("language", ["en", "vi"])
def test_full_size_code_decodes_and_fits(
    render_kiosk: Renderer, language: str, size_name: str
) -> None:
    kiosk = render_kiosk(language, ANSWER, SIZES[size_name], text_size=200).kiosk
    panel_px = kiosk.window.faq.feedback.image.width()
    kiosk.window.faq.feedback_button.click()
    settle(kiosk)
    overlay = kiosk.feedback_overlay
    assert overlay.isVisible()
    image = kiosk.window.grab().toImage()
    codes = {r.text: r for r in zxingcpp.read_barcodes(image)}
    url = kiosk.loaded_config.config.feedback_url
    assert url in codes
    position = codes[url].position
    width = abs(position.top_right.x - position.top_left.x)
    assert width > panel_px  # larger than the panel's code
    assert width * MM_PER_PX_24_INCH_1080P >= 30
    assert clipping_problems(overlay) == []
    assert target_problems(overlay) == []
    card = window_rect(overlay.card)
    assert card.bottom() <= kiosk.window.height() and card.right() <= kiosk.window.width()
    said = [item.text for item in overlay.reading_order(language)]
    assert kiosk.translator.gettext("Tell us what you think") in said
    assert any(url in text for text in said)  # the code, named with its address
    assert kiosk.translator.gettext("Close") in said


def open_by_keypad(qtbot: QtBot, kiosk: Kiosk) -> None:
    """In speech mode, move the keypad to the feedback button and press Enter."""
    button = kiosk.window.faq.feedback_button
    for _ in range(200):
        if kiosk.keypad.current is button:
            break
        qtbot.keyClick(kiosk.window, Qt.Key.Key_Down)
    assert kiosk.keypad.current is button
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Return)
    qtbot.waitUntil(kiosk.feedback_overlay.isVisible, timeout=2000)
    settle(kiosk)


def small_at_200(live_kiosk: LiveKioskFactory) -> Kiosk:
    kiosk, _clock = live_kiosk()
    kiosk.session.choose_language("es")
    kiosk.session.set_text_size(200)
    kiosk.window.resize(*SIZES["small"])
    settle(kiosk)
    assert kiosk.window.chrome == Chrome.SYMBOLS
    return kiosk


def test_keypad_opens_it_and_back_closes_it(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk = small_at_200(live_kiosk)
    open_by_keypad(qtbot, kiosk)
    overlay = kiosk.feedback_overlay
    # The keypad moves through the code's card, and nothing else, while it is open.
    assert all(item.widget.window() is kiosk.window for item in kiosk.keypad.items())
    assert {item.widget for item in kiosk.keypad.items()} <= set(overlay.findChildren(QWidget))
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Backspace)  # Back
    settle(kiosk)
    assert not overlay.isVisible()
    assert kiosk.keypad.current is kiosk.window.faq.feedback_button
    assert kiosk.session.screen == "faq"  # Back closed the code, nothing more


def test_escape_closes_it(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk = small_at_200(live_kiosk)
    kiosk.window.faq.feedback_button.click()
    assert kiosk.feedback_overlay.isVisible()
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Escape)
    assert not kiosk.feedback_overlay.isVisible()
    assert kiosk.window.isVisible()  # and the kiosk stays up


def test_keyboard_focus_goes_in_and_comes_back(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk = small_at_200(live_kiosk)
    button, overlay = kiosk.window.faq.feedback_button, kiosk.feedback_overlay
    button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert overlay.isVisible()
    assert overlay.code.hasFocus()  # a screen reader reads the code's card and address
    qtbot.keyClick(kiosk.window, Qt.Key.Key_Escape)
    assert not overlay.isVisible() and button.hasFocus()


def test_close_and_a_touch_outside_close_it(qtbot: QtBot, live_kiosk: LiveKioskFactory) -> None:
    kiosk = small_at_200(live_kiosk)
    overlay = kiosk.feedback_overlay
    kiosk.window.faq.feedback_button.click()
    qtbot.mouseClick(overlay.close_button, Qt.MouseButton.LeftButton)
    assert not overlay.isVisible()
    kiosk.window.faq.feedback_button.click()
    qtbot.mouseClick(overlay.card, Qt.MouseButton.LeftButton, pos=QPoint(10, 10))
    assert overlay.isVisible()  # a touch on the card keeps it
    qtbot.mouseClick(overlay, Qt.MouseButton.LeftButton, pos=QPoint(5, 5))
    assert not overlay.isVisible()


def test_the_reset_for_the_next_visitor_closes_it(live_kiosk: LiveKioskFactory) -> None:
    kiosk = small_at_200(live_kiosk)
    kiosk.window.faq.feedback_button.click()
    assert kiosk.feedback_overlay.isVisible()
    kiosk.turnover.reset_for_next_visitor()
    settle(kiosk)
    assert not kiosk.feedback_overlay.isVisible()
