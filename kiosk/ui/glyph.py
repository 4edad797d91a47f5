"""Small painted symbols (chevrons, check mark, plus/minus, house, speaker, QR code, …).

Painted rather than taken from the font: Noto Sans has no arrows, check mark or
minus sign, and a fallback font would differ from kiosk to kiosk. Colour follows the
style sheet (`Glyph { color: … }`), so both themes apply.
"""

from __future__ import annotations

import functools
import math

from PySide6.QtCore import QPointF, QSize, Qt
from PySide6.QtGui import QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

SHAPES = (
    "chevron-right", "chevron-down", "chevron-up", "check", "plus", "minus", "house",
    "speaker", "stop", "pause", "play", "replay", "qr", "contrast", "speech", "close",
    "contrast-on", "speech-on",
)  # fmt: skip
#: Shapes that point the way text reads, drawn mirrored in a right-to-left language
#: (media symbols such as play are not: they keep their direction everywhere).
MIRRORED = frozenset({"chevron-right"})


def _arc(
    start_deg: float,
    end_deg: float,
    steps: int = 12,
    centre: tuple[float, float] = (0.5, 0.55),
    radius: float = 0.32,
) -> list[tuple[float, float]]:
    angles = [start_deg + (end_deg - start_deg) * i / steps for i in range(steps + 1)]
    return [
        (
            centre[0] + radius * math.cos(math.radians(a)),
            centre[1] + radius * math.sin(math.radians(a)),
        )
        for a in angles
    ]


def _square(x: float, y: float, side: float) -> list[tuple[float, float]]:
    return [(x, y), (x + side, y), (x + side, y + side), (x, y + side), (x, y)]


def _checked(lines: list[list[tuple[float, float]]]) -> list[list[tuple[float, float]]]:
    # The symbol smaller, to the top left, and a check mark at the bottom right: a
    # toggle shown by its symbol alone says it is on by more than its colour.
    small = [[(0.04 + 0.66 * x, 0.02 + 0.66 * y) for x, y in line] for line in lines]
    return [*small, [(0.58, 0.8), (0.72, 0.94), (0.98, 0.6)]]


@functools.cache
def _points(shape: str) -> list[list[tuple[float, float]]]:
    """Polylines in a unit square (computed once per shape: glyphs repaint often)."""
    if shape.endswith("-on"):
        return _checked(_points(shape.removesuffix("-on")))
    arc = _arc(-60, 220)
    return {
        "speaker": [
            [
                (0.1, 0.38),
                (0.3, 0.38),
                (0.55, 0.15),
                (0.55, 0.85),
                (0.3, 0.62),
                (0.1, 0.62),
                (0.1, 0.38),
            ],
            [(0.7, 0.36), (0.76, 0.5), (0.7, 0.64)],
            [(0.8, 0.22), (0.9, 0.5), (0.8, 0.78)],
        ],
        "stop": [[(0.2, 0.2), (0.8, 0.2), (0.8, 0.8), (0.2, 0.8), (0.2, 0.2)]],
        "pause": [[(0.32, 0.18), (0.32, 0.82)], [(0.68, 0.18), (0.68, 0.82)]],
        "play": [[(0.25, 0.15), (0.85, 0.5), (0.25, 0.85), (0.25, 0.15)]],
        "replay": [
            arc,
            [(arc[0][0] - 0.2, arc[0][1] - 0.02), arc[0], (arc[0][0], arc[0][1] + 0.2)],
        ],
        "chevron-right": [[(0.35, 0.15), (0.7, 0.5), (0.35, 0.85)]],
        "chevron-down": [[(0.15, 0.35), (0.5, 0.7), (0.85, 0.35)]],
        "chevron-up": [[(0.15, 0.65), (0.5, 0.3), (0.85, 0.65)]],
        "check": [[(0.15, 0.55), (0.4, 0.8), (0.85, 0.2)]],
        "close": [[(0.2, 0.2), (0.8, 0.8)], [(0.8, 0.2), (0.2, 0.8)]],
        "plus": [[(0.15, 0.5), (0.85, 0.5)], [(0.5, 0.15), (0.5, 0.85)]],
        "minus": [[(0.15, 0.5), (0.85, 0.5)]],
        # A QR code's three finder squares and a module: "the feedback code".
        "qr": [
            _square(0.1, 0.1, 0.3),
            _square(0.6, 0.1, 0.3),
            _square(0.1, 0.6, 0.3),
            _square(0.65, 0.65, 0.2),
        ],
        # A circle, one half hatched: high contrast.
        "contrast": [
            _arc(0, 360, 24, (0.5, 0.5), 0.4),
            [(0.5, 0.1), (0.5, 0.9)],
            [(0.5, 0.32), (0.84, 0.32)],
            [(0.5, 0.5), (0.9, 0.5)],
            [(0.5, 0.68), (0.84, 0.68)],
        ],
        # A speech bubble with lines of text: speak everything.
        "speech": [
            [
                (0.1, 0.15),
                (0.9, 0.15),
                (0.9, 0.65),
                (0.45, 0.65),
                (0.22, 0.88),
                (0.26, 0.65),
                (0.1, 0.65),
                (0.1, 0.15),
            ],
            [(0.28, 0.33), (0.72, 0.33)],
            [(0.28, 0.48), (0.58, 0.48)],
        ],
        "house": [
            [(0.1, 0.5), (0.5, 0.12), (0.9, 0.5)],
            [(0.22, 0.42), (0.22, 0.88), (0.78, 0.88), (0.78, 0.42)],
        ],
    }[shape]


class Glyph(QWidget):
    """A square painted symbol; `set_shape` changes it, size follows `set_size`."""

    def __init__(self, shape: str, size: int = 32, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._shape = shape
        self._size = size
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Fixed)
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    @property
    def shape(self) -> str:
        """The symbol drawn (one of SHAPES)."""
        return self._shape

    def set_shape(self, shape: str) -> None:
        """Draw *shape* instead."""
        if shape != self._shape:
            self._shape = shape
            self.update()

    def set_size(self, size: int) -> None:
        """Make the symbol *size* pixels square (follows the text size)."""
        if size != self._size:
            self._size = size
            self.updateGeometry()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(self._size, self._size)

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        side = min(self.width(), self.height())
        pen = QPen(self.palette().color(QPalette.ColorRole.WindowText), max(3.0, side / 9))
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(pen)
        x0, y0 = (self.width() - side) / 2, (self.height() - side) / 2
        if self._shape in MIRRORED and self.isRightToLeft():
            painter.translate(self.width(), 0)  # "forward" points the way the text reads
            painter.scale(-1, 1)
        for line in _points(self._shape):
            path = QPainterPath(QPointF(x0 + line[0][0] * side, y0 + line[0][1] * side))
            for x, y in line[1:]:
                path.lineTo(QPointF(x0 + x * side, y0 + y * side))
            painter.drawPath(path)
