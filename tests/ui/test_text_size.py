"""Text size is applied as fonts, through a style sheet, to widgets polished before."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.button import TextButton
from kiosk.ui.text import WrapLabel
from kiosk.ui.text_size import apply_text_size
from kiosk.ui.theme import BODY_PX, CHROME_MAX_SIZE, STANDARD, TITLE_PX, scaled, style_sheet


@pytest.mark.parametrize("text_size", [150, 200])
def test_fonts_follow_the_text_size_after_polish(qtbot: QtBot, text_size: int) -> None:
    root = QWidget()
    qtbot.addWidget(root)
    root.setStyleSheet(style_sheet(STANDARD))
    layout = QVBoxLayout(root)
    paragraph, title, question = (
        WrapLabel("text"),
        WrapLabel("T", "title"),
        WrapLabel("Q", "question"),
    )
    chrome = QWidget()
    chrome.setProperty("chrome", True)
    button = TextButton("A+", glyph="check")
    chrome_title = WrapLabel("C", "title", chrome)
    QVBoxLayout(chrome).addWidget(button)
    for widget in (paragraph, title, question, chrome):
        layout.addWidget(widget)
    apply_text_size(root, 100)
    root.show()  # everything is polished at 100 %
    glyph_at_100 = button.glyph.sizeHint().width() if button.glyph else 0

    apply_text_size(root, text_size)

    chrome_size = min(text_size, CHROME_MAX_SIZE)
    assert paragraph.fontInfo().pixelSize() == scaled(BODY_PX, text_size)
    assert title.fontInfo().pixelSize() == scaled(TITLE_PX, text_size)
    assert title.font().bold() and question.font().bold() and not paragraph.font().bold()
    assert question.fontInfo().pixelSize() == scaled(BODY_PX, text_size)
    assert button.label.fontInfo().pixelSize() == scaled(BODY_PX, chrome_size)
    assert chrome_title.fontInfo().pixelSize() == scaled(TITLE_PX, chrome_size)
    assert button.glyph is not None and button.glyph.sizeHint().width() > glyph_at_100
