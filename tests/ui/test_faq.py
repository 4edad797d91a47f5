"""The FAQ screen as a visitor uses it: taps open one answer at a time, the answer scrolls
fully into view, switching language keeps it open, scroll buttons follow the position."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.cli.screenshot import settle
from tests.helpers import SIZES, Renderer


def tap(qtbot: QtBot, kiosk: Kiosk, question_id: str) -> None:
    header = kiosk.window.faq.accordion.items[question_id].header
    kiosk.window.faq.scroll_area.ensureWidgetVisible(header)
    kiosk.qt_app.processEvents()
    qtbot.mouseClick(header, Qt.MouseButton.LeftButton)
    settle(kiosk)


def fully_visible(kiosk: Kiosk, question_id: str) -> bool:
    faq = kiosk.window.faq
    item = faq.accordion.items[question_id]
    viewport = faq.scroll_area.viewport()
    top = item.mapTo(viewport, QPoint(0, 0)).y()
    return top >= 0 and top + item.height() <= viewport.height()


def test_tapping_questions_opens_one_answer_at_a_time(qtbot: QtBot, render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("en").kiosk
    items = kiosk.window.faq.accordion.items
    assert len(items) == 11
    tap(qtbot, kiosk, "savings")
    assert kiosk.session.open_question == "savings"
    assert [qid for qid, item in items.items() if item.answer.isVisible()] == ["savings"]
    tap(qtbot, kiosk, "contact")
    assert [qid for qid, item in items.items() if item.answer.isVisible()] == ["contact"]
    tap(qtbot, kiosk, "contact")
    assert kiosk.session.open_question is None
    assert not any(item.answer.isVisible() for item in items.values())


def test_state_is_shown_by_chevron_and_words(qtbot: QtBot, render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("es").kiosk
    item = kiosk.window.faq.accordion.items["when-removed"]
    assert item.header.glyph is not None
    assert (item.header.glyph.shape, item.header.state_label.text()) == (
        "chevron-right",
        "Ver la respuesta",
    )
    tap(qtbot, kiosk, "when-removed")
    assert (item.header.glyph.shape, item.header.state_label.text()) == (
        "chevron-down",
        "Ocultar la respuesta",
    )


def test_opened_answer_scrolls_fully_into_view(qtbot: QtBot, render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("en", size=SIZES["landscape"]).kiosk
    for question_id in ("contact", "supports-timeline", "when-removed"):
        tap(qtbot, kiosk, question_id)
        assert fully_visible(kiosk, question_id), question_id


def test_answer_taller_than_the_screen_shows_its_top(render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("vi", "imminent-threat", SIZES["small"], text_size=200).kiosk
    faq = kiosk.window.faq
    header = faq.accordion.items["imminent-threat"].header
    top = header.mapTo(faq.scroll_area.viewport(), QPoint(0, 0)).y()
    assert 0 <= top <= 40


def test_switching_language_keeps_the_open_answer(qtbot: QtBot, render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("en", "mental-health-ratio").kiosk
    window = kiosk.window
    qtbot.mouseClick(window.language_bar.buttons["vi"], Qt.MouseButton.LeftButton)
    settle(kiosk)
    item = window.faq.accordion.items["mental-health-ratio"]
    assert kiosk.session.open_question == "mental-health-ratio"
    assert item.answer.isVisible()
    assert item.header.text_shown().startswith("Các SRO sẽ được thay thế")
    assert window.faq.title.text() == "SRO Các câu hỏi thường gặp"
    assert window.language_bar.buttons["vi"].isChecked()
    assert not window.language_bar.buttons["en"].isChecked()
    assert window.toolbar.home.text_shown() == "Trang chính"


def test_home_collapses_and_returns_to_language_choice(
    qtbot: QtBot, render_kiosk: Renderer
) -> None:
    kiosk = render_kiosk("es", "savings").kiosk
    qtbot.mouseClick(kiosk.window.toolbar.home, Qt.MouseButton.LeftButton)
    assert kiosk.window.stack.currentWidget() is kiosk.window.home
    assert kiosk.session.open_question is None
    assert not kiosk.window.language_bar.isVisible()
    qtbot.mouseClick(kiosk.window.home.buttons["vi"], Qt.MouseButton.LeftButton)
    assert kiosk.window.stack.currentWidget() is kiosk.window.faq
    assert kiosk.session.language == "vi"


def test_scroll_buttons_follow_the_position(qtbot: QtBot, render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("en", size=SIZES["portrait"], text_size=200).kiosk
    nav, bar = kiosk.window.faq.nav, kiosk.window.faq.scroll_area.verticalScrollBar()
    assert bar.maximum() > 0
    assert not nav.up.isEnabled() and nav.down.isEnabled()
    qtbot.mouseClick(nav.down, Qt.MouseButton.LeftButton)
    assert bar.value() > 0 and nav.up.isEnabled()
    while nav.down.isEnabled():
        qtbot.mouseClick(nav.down, Qt.MouseButton.LeftButton)
    assert bar.value() == bar.maximum()
    qtbot.mouseClick(nav.up, Qt.MouseButton.LeftButton)
    assert bar.value() < bar.maximum()


def test_text_size_and_contrast_controls(qtbot: QtBot, render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("en")
    toolbar = kiosk.kiosk.window.toolbar
    session = kiosk.kiosk.session
    assert not toolbar.smaller.isEnabled()
    for expected in (125, 150, 175, 200):
        qtbot.mouseClick(toolbar.larger, Qt.MouseButton.LeftButton)
        assert session.text_size == expected
    assert not toolbar.larger.isEnabled()
    assert toolbar.size_label.text() == "200%"
    question = kiosk.kiosk.window.faq.accordion.items["contact"].header.label
    assert question.fontInfo().pixelSize() == 64
    qtbot.mouseClick(toolbar.contrast, Qt.MouseButton.LeftButton)
    assert session.high_contrast
    assert "#000000" in kiosk.kiosk.window.styleSheet()
    assert question.fontInfo().pixelSize() == 64  # the theme keeps the text size
    assert toolbar.contrast.glyph is not None and toolbar.contrast.glyph.isVisible()


def test_keyboard_alone_reaches_and_opens_a_question(qtbot: QtBot, render_kiosk: Renderer) -> None:
    kiosk = render_kiosk().kiosk
    window = kiosk.window
    window.activateWindow()
    first = window.home.first_focus()
    assert first is not None
    seen = []
    for _ in range(10):
        qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Tab)
        seen.append(window.focusWidget())
        if window.focusWidget() is window.home.buttons["es"]:
            break
    assert window.focusWidget() is window.home.buttons["es"], seen
    qtbot.keyClick(window.focusWidget(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: kiosk.session.language == "es")
    settle(kiosk)
    header = window.faq.accordion.items["why-remove-sros"].header
    assert window.focusWidget() is header
    qtbot.keyClick(header, Qt.Key.Key_Space)
    assert kiosk.session.open_question == "why-remove-sros"


def test_keyboard_focus_shows_a_4px_ring_in_the_focus_colour(
    qtbot: QtBot, render_kiosk: Renderer
) -> None:
    from kiosk.ui.theme import FOCUS_PX, STANDARD

    kiosk = render_kiosk("en").kiosk
    window = kiosk.window
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_Tab)
    focused = window.focusWidget()
    assert focused is window.toolbar.home
    image = window.grab().toImage()
    origin = focused.mapTo(window, QPoint(0, 0))
    middle_y = origin.y() + focused.height() // 2
    ring = [image.pixelColor(origin.x() + dx, middle_y).name() for dx in range(FOCUS_PX)]
    assert ring == [STANDARD.focus_ring.lower()] * FOCUS_PX
    # The fill changes too (and no style-drawn focus frame tints it).
    inside = image.pixelColor(origin.x() + FOCUS_PX + 8, middle_y).name()
    assert inside == STANDARD.focus_fill.lower()
