"""How much room the open answer's text gets: the figure the layout is held to.

*Answer text area*: the rectangle of the question list's visible viewport that an
answer paragraph can fill (the viewport's height, the paragraph's width: the list's and
the answer's margins are not text), as a share of the window's area. *Characters per
line*: the paragraph's width over the average character width of its font. Low vision
at 200 % on a small screen asks for at least 60 % and 25 characters (issue 14, point 6);
`KioskWindow` collapses its chrome when the full layout would give less.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QLabel, QScrollArea, QWidget

#: The room the answer's text must have (share of the window's area, characters/line).
MIN_ANSWER_SHARE, MIN_CHARS_PER_LINE = 0.60, 25.0


@dataclass(frozen=True)
class AnswerRoom:
    """The answer text area (window coordinates) and what it holds."""

    rect: QRect
    window_area: int
    char_px: float

    @property
    def share(self) -> float:
        """The area's share of the window."""
        area = max(self.rect.width(), 0) * max(self.rect.height(), 0)
        return area / self.window_area if self.window_area else 0.0

    @property
    def chars_per_line(self) -> float:
        """Average characters on one line of a paragraph."""
        return self.rect.width() / self.char_px if self.char_px else 0.0

    def fits(self) -> bool:
        """At least `MIN_ANSWER_SHARE` of the window and `MIN_CHARS_PER_LINE`."""
        return self.share >= MIN_ANSWER_SHARE and self.chars_per_line >= MIN_CHARS_PER_LINE

    def __str__(self) -> str:
        return f"{self.share:.0%} of the window, {self.chars_per_line:.1f} characters per line"


def _window_rect(widget: QWidget) -> QRect:
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def answer_room(area: QScrollArea, paragraph: QLabel | None, inset: int) -> AnswerRoom:
    """The room in *area* for *paragraph* (an open answer's, measured where it is), or,
    with none open, for a paragraph *inset* px narrower than the viewport, in the body
    font of the list."""
    window = area.window()
    viewport = _window_rect(area.viewport())
    if paragraph is not None and paragraph.isVisible():
        text = _window_rect(paragraph)
        left, right = max(text.left(), viewport.left()), min(text.right(), viewport.right())
        font = paragraph.font()
    else:
        left, right = viewport.left() + inset // 2, viewport.right() - (inset - inset // 2)
        content = area.widget()
        font = (content or area).font()
    rect = QRect(QPoint(left, viewport.top()), QPoint(right, viewport.bottom()))
    char_px = QFontMetrics(font).averageCharWidth()
    return AnswerRoom(rect, window.width() * window.height(), float(char_px))
