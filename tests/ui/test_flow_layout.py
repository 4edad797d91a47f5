"""FlowLayout on its own: real widgets in a real QWidget, laid out at several widths.

Rows fill from the start of the reading direction and wrap when the next item does not
fit; a row is as tall as its tallest item; heightForWidth is the height the geometry then
takes; hidden widgets take no room; right to left mirrors every row.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import pytest
import shiboken6
from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QSizePolicy, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from kiosk.ui.button import TextButton
from kiosk.ui.flow_layout import FlowLayout
from kiosk.ui.text import WrapLabel
from kiosk.ui.theme import TARGET_PX

LONG_TEXT = " ".join(["Reading aloud is not available in this language."] * 4)


def fixed_box(width: int, height: int) -> QWidget:
    """A widget that is exactly *width* × *height*."""
    box = QWidget()
    box.setFixedSize(width, height)
    return box


def expanding_box(width: int, height: int) -> QWidget:
    """A widget that asks for *width* but takes all the width it is given."""
    box = QWidget()
    box.setMinimumSize(width, height)
    box.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
    return box


class Paragraph(QWidget):
    """Text-like: a fixed area, so the narrower it is the taller (heightForWidth); its
    minimum size is its narrowest, tallest shape."""

    def __init__(self, area: int) -> None:
        super().__init__()
        self._area = area
        policy = QSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(400, self.heightForWidth(400))

    def minimumSizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(100, self.heightForWidth(100))

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return -(-self._area // max(width, 1))


def flow(
    qtbot: QtBot,
    widgets: Sequence[QWidget],
    spacing: int = 10,
    margins: QMargins | None = None,
) -> tuple[QWidget, FlowLayout]:
    """A top-level widget holding *widgets* in a FlowLayout (not shown yet)."""
    host = QWidget()
    qtbot.addWidget(host)
    layout = FlowLayout(host, spacing=spacing)
    if margins is not None:
        layout.setContentsMargins(margins)
    for widget in widgets:
        layout.addWidget(widget)
    return host, layout


def lay_out(host: QWidget, layout: FlowLayout, width: int) -> int:
    """Show *host* *width* wide and as tall as the layout says it needs; that height."""
    height = layout.heightForWidth(width)
    host.resize(width, height)
    host.show()
    QApplication.processEvents()  # the layout request, so the geometry is set
    return height


def origins(widgets: Sequence[QWidget]) -> list[tuple[int, int]]:
    return [(widget.x(), widget.y()) for widget in widgets]


def gap(first: QRect, second: QRect) -> int:
    """The free pixels between two rectangles (negative if they overlap)."""
    horizontal = max(second.left() - first.right(), first.left() - second.right()) - 1
    vertical = max(second.top() - first.bottom(), first.top() - second.bottom()) - 1
    return max(horizontal, vertical)


# Four 40 px tall boxes, 100, 150, 80 and 120 px wide, 10 px apart: 480 px on one row.
WIDTHS = (100, 150, 80, 120)


@pytest.mark.parametrize(
    ("width", "expected"),
    [
        pytest.param(600, [(0, 0), (110, 0), (270, 0), (360, 0)], id="one-row-with-room"),
        pytest.param(480, [(0, 0), (110, 0), (270, 0), (360, 0)], id="one-row-exactly"),
        pytest.param(479, [(0, 0), (110, 0), (270, 0), (0, 50)], id="one-pixel-short"),
        pytest.param(300, [(0, 0), (110, 0), (0, 50), (90, 50)], id="two-rows"),
        pytest.param(150, [(0, 0), (0, 50), (0, 100), (0, 150)], id="one-per-row"),
    ],
)
def test_items_wrap_to_the_next_row_when_they_do_not_fit(
    qtbot: QtBot, width: int, expected: list[tuple[int, int]]
) -> None:
    boxes = [fixed_box(w, 40) for w in WIDTHS]
    host, layout = flow(qtbot, boxes)

    height = lay_out(host, layout, width)

    assert origins(boxes) == expected
    assert [box.size() for box in boxes] == [QSize(w, 40) for w in WIDTHS]
    rows = len({y for _x, y in expected})
    assert height == rows * 40 + (rows - 1) * 10


@pytest.mark.parametrize("spacing", [0, 8, 24])
def test_spacing_is_the_gap_between_items_and_between_rows(qtbot: QtBot, spacing: int) -> None:
    boxes = [fixed_box(100, 40) for _ in range(3)]
    host, layout = flow(qtbot, boxes, spacing=spacing)

    # Room for two boxes and one gap, not for a third box.
    height = lay_out(host, layout, 200 + spacing + 50)

    assert origins(boxes) == [(0, 0), (100 + spacing, 0), (0, 40 + spacing)]
    assert height == 80 + spacing


def test_a_row_is_as_tall_as_its_tallest_item(qtbot: QtBot) -> None:
    short, tall, middle = fixed_box(100, 30), fixed_box(100, 70), fixed_box(100, 50)
    next_row = fixed_box(300, 40)
    host, layout = flow(qtbot, [short, tall, middle, next_row], spacing=10)

    height = lay_out(host, layout, 320)

    assert tall.geometry() == QRect(110, 0, 100, 70)
    for box in (short, middle):  # shorter items stay within their row
        assert box.geometry().top() >= 0 and box.geometry().bottom() <= 69
        assert box.height() == box.minimumHeight()
    assert next_row.geometry() == QRect(0, 80, 300, 40)
    assert height == 120


def test_margins_surround_the_rows(qtbot: QtBot) -> None:
    boxes = [fixed_box(100, 40) for _ in range(3)]
    host, layout = flow(qtbot, boxes, spacing=10, margins=QMargins(8, 12, 16, 20))

    # 8 + 100 + 10 + 100 + 16 = 234: two boxes fit, the third wraps.
    height = lay_out(host, layout, 234)

    assert origins(boxes) == [(8, 12), (118, 12), (8, 62)]
    assert height == 12 + 40 + 10 + 40 + 20


def test_an_item_wider_than_the_row_gets_the_row_and_its_height(qtbot: QtBot) -> None:
    label = WrapLabel(LONG_TEXT)
    after = fixed_box(60, 40)
    host, layout = flow(qtbot, [label, after], spacing=10)
    assert label.sizeHint().width() > 200  # it would like more than the row

    height = lay_out(host, layout, 200)

    assert label.geometry().topLeft() == host.rect().topLeft()
    assert label.width() == 200
    assert label.height() == label.heightForWidth(200) > label.sizeHint().height()
    assert after.geometry() == QRect(0, label.height() + 10, 60, 40)
    assert height == label.height() + 10 + 40


def test_an_expanding_item_takes_the_rest_of_its_row(qtbot: QtBot) -> None:
    first, stretchy, last = fixed_box(100, 40), expanding_box(80, 40), fixed_box(50, 40)
    host, layout = flow(qtbot, [first, stretchy, last], spacing=10)

    lay_out(host, layout, 400)
    assert stretchy.geometry() == QRect(110, 0, 290, 40)
    assert last.geometry() == QRect(0, 50, 50, 40)  # nothing fits after it on its row

    lay_out(host, layout, 150)  # 100 + 10 + 80 does not fit: it starts a row, and fills it
    assert stretchy.geometry() == QRect(0, 50, 150, 40)
    assert last.geometry() == QRect(0, 100, 50, 40)


@pytest.mark.parametrize("width", [1200, 640, 300])
def test_height_for_width_is_the_height_the_items_take(qtbot: QtBot, width: int) -> None:
    margins = QMargins(8, 12, 16, 20)
    label, button = WrapLabel(LONG_TEXT), TextButton("Reading aloud is not available")
    widgets = [fixed_box(120, 60), label, button, expanding_box(90, 30), fixed_box(70, 100)]
    host, layout = flow(qtbot, widgets, spacing=12, margins=margins)

    height = lay_out(host, layout, width)

    assert host.size() == QSize(width, height)
    assert host.heightForWidth(width) == height
    assert max(widget.geometry().bottom() for widget in widgets) + 1 + margins.bottom() == height
    contents = host.rect().marginsRemoved(margins)
    for widget in widgets:
        assert contents.contains(widget.geometry()), widget
    for wrapping in (label, button.label):  # wrapped text is never cut
        assert wrapping.height() >= wrapping.heightForWidth(wrapping.width())
    for first, second in itertools.combinations(widgets, 2):
        assert gap(first.geometry(), second.geometry()) >= 12, (first, second)
    assert layout.minimumSize().height() <= height
    assert layout.minimumSize().width() <= width


def test_an_item_gets_the_height_its_widget_asks_for_at_its_width(qtbot: QtBot) -> None:
    button = TextButton("Read aloud")
    host, layout = flow(qtbot, [button])

    lay_out(host, layout, 600)

    assert button.height() >= button.heightForWidth(button.width()) >= TARGET_PX


def test_a_narrower_width_never_needs_less_height(qtbot: QtBot) -> None:
    widgets = [WrapLabel(LONG_TEXT), fixed_box(200, 50), TextButton("Speak everything")]
    _host, layout = flow(qtbot, widgets)

    heights = [layout.heightForWidth(width) for width in (1600, 1000, 640, 400, 250)]

    assert heights == sorted(heights)
    assert heights[-1] > heights[0]


def test_size_hint_is_everything_on_one_row(qtbot: QtBot) -> None:
    margins = QMargins(8, 12, 16, 20)
    boxes = [fixed_box(100, 40), fixed_box(150, 70), fixed_box(80, 30)]
    _host, layout = flow(qtbot, boxes, spacing=10, margins=margins)

    hint = layout.sizeHint()

    assert hint == QSize(8 + 100 + 10 + 150 + 10 + 80 + 16, 12 + 70 + 20)
    assert layout.heightForWidth(hint.width()) == hint.height()  # one row at the hint
    assert layout.heightForWidth(hint.width() - 1) > hint.height()  # one pixel less wraps


def test_minimum_size_is_the_largest_item(qtbot: QtBot) -> None:
    margins = QMargins(8, 12, 16, 20)
    boxes = [fixed_box(100, 40), fixed_box(150, 30), fixed_box(80, 70)]
    _host, layout = flow(qtbot, boxes, spacing=10, margins=margins)

    minimum = layout.minimumSize()

    assert minimum == QSize(8 + 150 + 16, 12 + 70 + 20)
    assert minimum.width() <= layout.sizeHint().width()
    # At its minimum width every box is on its own row.
    assert layout.heightForWidth(minimum.width()) == 12 + 40 + 30 + 70 + 2 * 10 + 20


def test_a_wrapping_items_minimum_height_does_not_count(qtbot: QtBot) -> None:
    """Its height comes from heightForWidth at the width it gets: its narrow shape must
    not make the layout ask for more at a wide width."""
    paragraph, box = Paragraph(40_000), fixed_box(60, 50)
    host, layout = flow(qtbot, [paragraph, box], spacing=10)

    assert layout.minimumSize() == QSize(100, 50)  # widest minimum; the box's height
    height = lay_out(host, layout, 800)

    assert height == 100  # 400 x 100 beside the box, not the 100 x 400 minimum shape
    assert paragraph.geometry() == QRect(0, 0, 400, 100)
    assert host.height() == height


def test_an_empty_layout_needs_only_its_margins(qtbot: QtBot) -> None:
    _host, layout = flow(qtbot, [], margins=QMargins(8, 12, 16, 20))

    assert layout.count() == 0
    assert layout.sizeHint() == QSize(24, 32)
    assert layout.heightForWidth(300) == 32


@pytest.mark.parametrize(
    ("margins", "expected"),
    [(QMargins(0, 0, 0, 0), QSize(0, 0)), (QMargins(8, 12, 16, 20), QSize(24, 32))],
    ids=["no-margins", "margins"],
)
def test_an_empty_layout_has_its_margins_as_minimum(
    qtbot: QtBot, margins: QMargins, expected: QSize
) -> None:
    _host, layout = flow(qtbot, [], margins=margins)

    assert layout.minimumSize() == expected == layout.sizeHint()


def test_hidden_widgets_take_no_room(qtbot: QtBot) -> None:
    first, middle, last = fixed_box(100, 40), fixed_box(150, 40), fixed_box(80, 40)
    host, layout = flow(qtbot, [first, middle, last], spacing=10)
    assert layout.heightForWidth(240) == 90  # not shown yet, but not hidden: all counted
    middle.hide()

    assert layout.heightForWidth(240) == 40
    assert layout.sizeHint() == QSize(100 + 10 + 80, 40)
    lay_out(host, layout, 240)
    assert origins([first, last]) == [(0, 0), (110, 0)]
    assert layout.count() == 3  # hidden, not removed

    middle.show()
    QApplication.processEvents()
    assert origins([first, middle, last]) == [(0, 0), (0, 50), (160, 50)]
    assert layout.sizeHint() == QSize(100 + 10 + 150 + 10 + 80, 40)

    for box in (first, middle, last):
        box.hide()
    assert layout.sizeHint() == QSize(0, 0)
    assert layout.heightForWidth(240) == 0


def test_a_hidden_widget_that_retains_its_size_keeps_its_room(qtbot: QtBot) -> None:
    first, kept, last = fixed_box(100, 40), fixed_box(150, 40), fixed_box(80, 40)
    policy = kept.sizePolicy()
    policy.setRetainSizeWhenHidden(True)
    kept.setSizePolicy(policy)
    host, layout = flow(qtbot, [first, kept, last], spacing=10)
    kept.hide()

    lay_out(host, layout, 400)

    assert origins([first, last]) == [(0, 0), (270, 0)]


def test_count_item_at_and_take_at(qtbot: QtBot) -> None:
    boxes = [fixed_box(100, 40) for _ in range(3)]
    host, layout = flow(qtbot, boxes, spacing=10)
    lay_out(host, layout, 500)

    assert layout.count() == 3
    items = [layout.itemAt(index) for index in range(3)]
    assert [item.widget() if item else None for item in items] == boxes
    # Out of range is None, not Python's negative indexing.
    assert layout.itemAt(3) is None and layout.itemAt(-1) is None
    assert layout.takeAt(3) is None and layout.takeAt(-1) is None
    assert layout.count() == 3

    taken = layout.takeAt(1)

    assert taken is not None and taken.widget() is boxes[1]
    assert layout.count() == 2
    assert layout.indexOf(boxes[2]) == 1 and layout.indexOf(boxes[1]) == -1
    layout.invalidate()
    QApplication.processEvents()
    assert boxes[2].pos() == boxes[1].pos()  # the last box moved up into the gap


def test_removed_and_deleted_widgets_leave_the_layout(qtbot: QtBot) -> None:
    boxes = [fixed_box(100, 40) for _ in range(3)]
    host, layout = flow(qtbot, boxes, spacing=10)
    lay_out(host, layout, 500)

    layout.removeWidget(boxes[0])
    QApplication.processEvents()
    assert layout.count() == 2
    assert origins(boxes[1:]) == [(0, 0), (110, 0)]

    shiboken6.delete(boxes[1])  # a child deleted: Qt takes its item out of the layout
    QApplication.processEvents()
    assert layout.count() == 1
    assert origins(boxes[2:]) == [(0, 0)]


def test_a_widget_added_while_shown_is_placed_at_the_end(qtbot: QtBot) -> None:
    boxes = [fixed_box(100, 40) for _ in range(2)]
    host, layout = flow(qtbot, boxes, spacing=10)
    lay_out(host, layout, 300)

    added = fixed_box(100, 40)
    layout.addWidget(added)
    QApplication.processEvents()

    assert layout.count() == 3
    assert added.parentWidget() is host and added.isVisible()
    assert added.pos() == QPoint(0, 50)  # 220 + 100 > 300: it starts the second row
    assert layout.heightForWidth(300) == 90


@pytest.mark.parametrize("width", [600, 300, 150])
def test_right_to_left_mirrors_every_row(qtbot: QtBot, width: int) -> None:
    widgets = [fixed_box(100, 40), expanding_box(120, 40), fixed_box(80, 60), fixed_box(60, 40)]
    host, layout = flow(qtbot, widgets, spacing=10, margins=QMargins(10, 10, 10, 10))
    height = lay_out(host, layout, width)
    left_to_right = [widget.geometry() for widget in widgets]

    host.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    QApplication.processEvents()

    assert layout.heightForWidth(width) == height
    for widget, ltr in zip(widgets, left_to_right, strict=True):
        rtl = widget.geometry()
        assert rtl.size() == ltr.size() and rtl.y() == ltr.y(), widget
        assert rtl.x() == width - ltr.x() - ltr.width(), widget  # the same place, mirrored
    # The first item starts the first row at the right margin.
    assert widgets[0].geometry().right() == width - 10 - 1

    host.setLayoutDirection(Qt.LayoutDirection.LeftToRight)
    QApplication.processEvents()
    assert [widget.geometry() for widget in widgets] == left_to_right


def test_a_nested_flow_follows_its_widgets_direction(qtbot: QtBot) -> None:
    """As in a QR card: the FlowLayout inside another layout, not on a widget itself."""
    host = QWidget()
    qtbot.addWidget(host)
    column = QVBoxLayout(host)
    column.setContentsMargins(0, 0, 0, 0)
    header = fixed_box(400, 30)
    column.addWidget(header)
    row = FlowLayout(spacing=20)
    column.addLayout(row)
    boxes = [fixed_box(100, 40), fixed_box(100, 40)]
    for box in boxes:
        row.addWidget(box)
    host.setLayoutDirection(Qt.LayoutDirection.RightToLeft)
    host.resize(400, 200)
    host.show()
    QApplication.processEvents()

    assert row.parentWidget() is host
    top = header.geometry().bottom() + 1 + column.spacing()
    assert [box.geometry() for box in boxes] == [QRect(300, top, 100, 40), QRect(180, top, 100, 40)]


def test_qlayout_spacing_api_is_the_gap_used(qtbot: QtBot) -> None:
    boxes = [fixed_box(100, 40) for _ in range(2)]
    host, layout = flow(qtbot, boxes, spacing=20)
    assert layout.spacing() == 20

    layout.setSpacing(30)
    lay_out(host, layout, 400)

    assert boxes[1].x() == 130
