"""The visitor's text size (100–200 %), applied as fonts.

Every widget gets its font set explicitly: a widget under a style sheet stops inheriting
font changes from its parent once polished, so setting the window's font alone would
not reach the labels. Controls around the content (`chrome` property) stop at 125 %,
and labels with a type role (ui/theme.py ROLE_FONTS) get their own size and weight.
Changing fonts re-lays out only what they touch, where a style sheet change would
re-polish every widget (about 65 ms, against about 5 ms here).
"""

from __future__ import annotations

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from kiosk.ui.theme import BODY_PX, CHROME_MAX_SIZE, FONT_FAMILY, ROLE_FONTS, scaled


def _font(px: int, text_size: int, bold: bool) -> QFont:
    font = QFont(FONT_FAMILY)
    font.setPixelSize(scaled(px, text_size))
    font.setBold(bold)
    return font


def apply_text_size(root: QWidget, text_size: int) -> None:
    """Fonts for *root* and everything in it at *text_size* percent. Call again after
    adding widgets (a font that is already right costs nothing)."""
    fonts: dict[tuple[int, int, bool], QFont] = {}

    def font(px: int, size: int, bold: bool) -> QFont:
        key = (px, size, bold)
        if key not in fonts:
            fonts[key] = _font(px, size, bold)
        return fonts[key]

    def walk(widget: QWidget, size: int) -> None:
        if widget.property("chrome"):
            size = min(size, CHROME_MAX_SIZE)
        px, bold = ROLE_FONTS.get(widget.property("role"), (None, False))
        widget.setFont(font(px or BODY_PX, size, bold))
        for child in widget.children():
            if isinstance(child, QWidget):
                walk(child, size)

    walk(root, text_size)
