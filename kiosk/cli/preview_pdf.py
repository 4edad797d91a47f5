"""The preview's PDF: pages of wrapped text (cover, check, contents) and pages that each
show one rendered kiosk window under a caption. `kiosk.cli.preview` decides what goes in.

A4 pages; a page showing a landscape window is landscape, a portrait one portrait. The
window images are embedded at their own resolution, so a page can be zoomed into.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import Enum
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QImage,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
)

from kiosk.ui.theme import FONT_FAMILY

#: Dots per inch of the PDF's coordinate system (images keep their own pixels).
RESOLUTION_DPI = 150
#: The longest side a window image keeps in the PDF: two thirds of 1920 keeps 100 % text
#: legible when printed and zoomed, at about half the file size (Qt stores page images as
#: JPEG; a full-size preview of the SRO FAQ was 40 MB).
MAX_IMAGE_SIDE_PX = 1280
MARGIN_MM = 12.0
CAPTION_GAP_PT = 6.0
TEXT_COLOUR = QColor("#1a1a1a")
DETAIL_COLOUR = QColor("#555555")
WARNING_COLOUR = QColor("#8a1c00")
FRAME_COLOUR = QColor("#888888")


class Style(Enum):
    """How a line of text looks: (point size, bold, colour)."""

    TITLE = (20.0, True, TEXT_COLOUR)
    HEADING = (14.0, True, TEXT_COLOUR)
    BODY = (10.5, False, TEXT_COLOUR)
    DETAIL = (8.5, False, DETAIL_COLOUR)
    WARNING = (10.5, True, WARNING_COLOUR)

    def font(self) -> QFont:
        """This style's font."""
        size, bold, _colour = self.value
        font = QFont(FONT_FAMILY)
        font.setPointSizeF(size)
        font.setBold(bold)
        return font

    @property
    def colour(self) -> QColor:
        """This style's text colour."""
        colour: QColor = self.value[2]
        return colour


@dataclass(frozen=True)
class Line:
    """One paragraph of a text page; `right` is set flush right on its first line (a page
    number), and a paragraph with `right` is cut to one line with "…"."""

    text: str
    style: Style = Style.BODY
    right: str = ""
    indent_mm: float = 0.0


@dataclass(frozen=True)
class Caption:
    """What a window page says above the image."""

    heading: str
    title: str
    warning: str
    page: int


def page_layout(*, landscape: bool) -> QPageLayout:
    """An A4 page with the preview's margins."""
    orientations = QPageLayout.Orientation
    orientation = orientations.Landscape if landscape else orientations.Portrait
    margins = QMarginsF(MARGIN_MM, MARGIN_MM, MARGIN_MM, MARGIN_MM)
    return QPageLayout(QPageSize(QPageSize.PageSizeId.A4), orientation, margins)


class PreviewPdf:
    """A PDF being written page by page; `close` ends it."""

    def __init__(self, path: Path, title: str) -> None:
        self.writer = QPdfWriter(str(path))
        self.writer.setResolution(RESOLUTION_DPI)
        self.writer.setTitle(title)
        self.writer.setCreator("faq-kiosk content preview")
        self.writer.setPageLayout(page_layout(landscape=False))
        self.painter: QPainter | None = None
        self.pages = 0

    def _page_rect(self) -> QRect:
        return self.writer.pageLayout().paintRectPixels(RESOLUTION_DPI)

    def _new_page(self, *, landscape: bool) -> QPainter:
        """Start a page (the first one starts the document) and return its painter."""
        self.writer.setPageLayout(page_layout(landscape=landscape))
        if self.painter is None:
            self.painter = QPainter(self.writer)
        else:
            self.writer.newPage()
        self.pages += 1
        return self.painter

    def _mm(self, millimetres: float) -> float:
        return millimetres / 25.4 * RESOLUTION_DPI

    def _wrap(self, line: Line, width: float) -> list[str]:
        metrics = QFontMetricsF(line.style.font(), self.writer)
        available = width - self._mm(line.indent_mm)
        if line.right:
            room = available - metrics.horizontalAdvance(f"  {line.right}")
            return [metrics.elidedText(line.text, Qt.TextElideMode.ElideRight, room)]
        return wrap_text(line.text, available, metrics.horizontalAdvance)

    def text_pages(self, lines: Sequence[Line], *, dry_run: bool = False) -> int:
        """Set *lines* on as many portrait pages as they need; return how many. With
        *dry_run*, only count (nothing is drawn)."""
        rect = self._page_rect() if dry_run else None
        pages, y = 0, None
        painter: QPainter | None = None
        for line in lines:
            rows = self._wrap(line, (rect or self._page_rect()).width())
            height = QFontMetricsF(line.style.font(), self.writer).lineSpacing()
            if y is None or y + height * len(rows) > (rect or self._page_rect()).height():
                pages += 1
                y = 0.0
                if not dry_run:
                    painter = self._new_page(landscape=False)
            if painter is not None:
                self._draw_rows(painter, line, rows, y, height)
            y += height * max(len(rows), 1)
        return pages

    def _draw_rows(
        self, painter: QPainter, line: Line, rows: list[str], top: float, height: float
    ) -> None:
        rect = self._page_rect()
        left = self._mm(line.indent_mm)
        painter.setFont(line.style.font())
        painter.setPen(line.style.colour)
        for index, row in enumerate(rows):
            box = QRectF(left, top + index * height, rect.width() - left, height)
            painter.drawText(box, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop, row)
        if line.right:
            box = QRectF(0, top, rect.width(), height)
            painter.drawText(
                box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop, line.right
            )

    def image_page(self, image: QImage, caption: Caption) -> None:
        """One page: *caption* above *image*, the image as large as the page allows."""
        painter = self._new_page(landscape=image.width() >= image.height())
        rect = self._page_rect()
        y = 0.0
        rows = [
            Line(caption.heading, Style.HEADING, right=f"page {caption.page}"),
            Line(caption.title, Style.BODY, right=" "),
        ]
        if caption.warning:
            rows.append(Line(caption.warning, Style.WARNING, right=" "))
        for row in rows:
            height = QFontMetricsF(row.style.font(), self.writer).lineSpacing()
            self._draw_rows(painter, row, self._wrap(row, rect.width()), y, height)
            y += height
        y += CAPTION_GAP_PT / 72 * RESOLUTION_DPI
        target = fitted(
            image.width(), image.height(), QRectF(0, y, rect.width(), rect.height() - y)
        )
        painter.drawImage(target, shrunk(image))
        painter.setPen(FRAME_COLOUR)
        painter.drawRect(target)

    def close(self) -> None:
        """End the document (an empty one gets a blank page, so the file is valid)."""
        if self.painter is None:
            self._new_page(landscape=False)
        assert self.painter is not None
        self.painter.end()


def fitted(width: int, height: int, box: QRectF) -> QRectF:
    """The largest rectangle of *width*:*height* inside *box*, centred across, at its top."""
    scale = min(box.width() / width, box.height() / height)
    w, h = width * scale, height * scale
    return QRectF(box.left() + (box.width() - w) / 2, box.top(), w, h)


def wrap_text(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """*text* broken into rows no wider than *width* (as *measure* measures a string): at
    spaces, and inside a word (a long path) only when it alone is wider."""
    rows: list[str] = []
    indent = text[: len(text) - len(text.lstrip(" "))]
    current = ""
    for word in text.split():
        candidate = f"{current} {word}" if current else f"{indent}{word}"
        if measure(candidate) <= width:
            current = candidate
            continue
        if current:
            rows.append(current)
        current = ""
        for piece in _pieces(f"{indent}{word}", width, measure):
            if current:
                rows.append(current)
            current = piece
    rows.append(current)
    return rows


def _pieces(word: str, width: float, measure: Callable[[str], float]) -> Iterable[str]:
    """*word* cut into pieces that each fit *width* (the whole word if it fits)."""
    piece = ""
    for char in word:
        if piece and measure(piece + char) > width:
            yield piece
            piece = ""
        piece += char
    yield piece


def shrunk(image: QImage) -> QImage:
    """*image* scaled down (smoothly) so that its longer side is `MAX_IMAGE_SIDE_PX`."""
    if max(image.width(), image.height()) <= MAX_IMAGE_SIDE_PX:
        return image
    return image.scaled(
        MAX_IMAGE_SIDE_PX,
        MAX_IMAGE_SIDE_PX,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
