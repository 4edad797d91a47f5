"""FlowLayout: items in reading order (left to right, or right to left in a right-to-left
language), wrapping onto new rows when the width runs out.

Used for the toolbar and language buttons, which at 200 % text do not fit one row on
a 1280 px or portrait screen, and for QR cards (text beside the code, or below it). An
item wider than the row is given the row's width, a horizontally expanding item the
rest of its row, each with the height it asks for at that width (heightForWidth), so
wrapped text is never cut.
"""

from __future__ import annotations

from PySide6.QtCore import QMargins, QPoint, QRect, QSize, Qt
from PySide6.QtWidgets import QApplication, QLayout, QLayoutItem, QSizePolicy, QStyle, QWidget


def _expands(item: QLayoutItem) -> bool:
    # The widget's own policy: QWidgetItem.expandingDirections() also reports a stretch
    # factor inside the widget's layout, which every TextButton has.
    widget = item.widget()
    return widget is not None and (
        widget.sizePolicy().horizontalPolicy() == QSizePolicy.Policy.Expanding
    )


def _height_for_width(item: QLayoutItem, width: int) -> int:
    # The widget's own answer: QWidgetItem.heightForWidth asks the widget's layout
    # instead, which skips a widget's override (TextButton's is at least TARGET_PX).
    widget = item.widget()
    if widget is not None and widget.hasHeightForWidth():
        return widget.heightForWidth(width)
    return item.heightForWidth(width)


class FlowLayout(QLayout):
    """A wrapping row layout with equal horizontal and vertical spacing."""

    def __init__(self, parent: QWidget | None = None, spacing: int = 12) -> None:
        super().__init__(parent)
        self._items: list[QLayoutItem] = []
        self.setSpacing(spacing)
        self.setContentsMargins(QMargins(0, 0, 0, 0))

    def addItem(self, item: QLayoutItem) -> None:  # noqa: N802 - Qt override
        self._items.append(item)

    def count(self) -> int:
        return len(self._items)

    def itemAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items[index] if 0 <= index < len(self._items) else None

    def takeAt(self, index: int) -> QLayoutItem | None:  # noqa: N802 - Qt override
        return self._items.pop(index) if 0 <= index < len(self._items) else None

    def expandingDirections(self) -> Qt.Orientation:  # noqa: N802 - Qt override
        return Qt.Orientation(0)

    def hasHeightForWidth(self) -> bool:  # noqa: N802 - Qt override
        return True

    def heightForWidth(self, width: int) -> int:  # noqa: N802 - Qt override
        return self._arrange(QRect(0, 0, width, 0), apply=False)

    def setGeometry(self, rect: QRect) -> None:  # noqa: N802 - Qt override
        super().setGeometry(rect)
        self._arrange(rect, apply=True)

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        width = sum(item.sizeHint().width() for item in self._visible())
        width += self.spacing() * max(0, len(self._visible()) - 1)
        height = max((item.sizeHint().height() for item in self._visible()), default=0)
        margins = self.contentsMargins()
        return QSize(
            width + margins.left() + margins.right(), height + margins.top() + margins.bottom()
        )

    def minimumSize(self) -> QSize:  # noqa: N802 - Qt override
        size = QSize(0, 0)
        for item in self._visible():
            # A wrapping item's height depends on the width it gets: heightForWidth gives
            # it, so its (narrowest, tallest) minimum height must not count here.
            minimum = item.minimumSize()
            if item.hasHeightForWidth():
                minimum.setHeight(0)
            size = size.expandedTo(minimum)
        margins = self.contentsMargins()
        return size + QSize(margins.left() + margins.right(), margins.top() + margins.bottom())

    def _direction(self) -> Qt.LayoutDirection:
        parent = self.parentWidget()
        return parent.layoutDirection() if parent is not None else QApplication.layoutDirection()

    def _visible(self) -> list[QLayoutItem]:
        return [item for item in self._items if not item.isEmpty()]

    def _arrange(self, rect: QRect, apply: bool) -> int:
        margins = self.contentsMargins()
        area = rect.marginsRemoved(margins)
        x, y, row_height = area.x(), area.y(), 0
        row: list[tuple[QLayoutItem, int, int]] = []

        def place_row() -> None:
            for item, item_x, width in row:
                if apply:
                    place = QRect(QPoint(item_x, y), QSize(width, row_height))
                    # Rows run from the right in a right-to-left language.
                    item.setGeometry(QStyle.visualRect(self._direction(), area, place))

        for item in self._visible():
            width = min(item.sizeHint().width(), max(area.width(), 1))
            if row and x + width > area.right() + 1:
                place_row()
                x, y = area.x(), y + row_height + self.spacing()
                row, row_height = [], 0
            if _expands(item):
                width = area.right() + 1 - x  # an expanding item takes the rest of its row
            if item.hasHeightForWidth():
                height = _height_for_width(item, width)
            else:
                height = max(item.sizeHint().height(), item.minimumSize().height())
            row.append((item, x, width))
            row_height = max(row_height, height)
            x += width + self.spacing()
        place_row()
        return y + row_height - rect.y() + margins.bottom()
