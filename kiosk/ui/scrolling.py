"""Scroll areas for touch (vertical only, kinetic flick scrolling, no overshoot), and
bringing a widget or a line of text into view in the scroll area it is in."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QScrollArea,
    QScroller,
    QScrollerProperties,
    QWidget,
)


def kinetic_scroll_area(content: QWidget) -> QScrollArea:
    """A vertical scroll area around *content* that a finger can flick."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    viewport = area.viewport()
    # Only decoration: Tab goes to what is inside, never to the area or its viewport.
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    viewport.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    QScroller.grabGesture(viewport, QScroller.ScrollerGestureType.LeftMouseButtonGesture)
    scroller = QScroller.scroller(viewport)
    properties = scroller.scrollerProperties()
    metric = QScrollerProperties.ScrollMetric
    # A delay > 0 keeps a flick from ending as a tap on the button under the finger.
    properties.setScrollMetric(metric.MousePressEventDelay, 0.2)
    off = QScrollerProperties.OvershootPolicy.OvershootAlwaysOff
    properties.setScrollMetric(metric.HorizontalOvershootPolicy, off)
    properties.setScrollMetric(metric.VerticalOvershootPolicy, off)
    scroller.setScrollerProperties(properties)
    return area


def enclosing_scroll_area(widget: QWidget) -> QScrollArea | None:
    """The scroll area *widget* is inside, if any."""
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    return parent


def bring_into_view(widget: QWidget) -> None:
    """Scroll *widget* into view (with room around it) if it is in a scroll area."""
    area = enclosing_scroll_area(widget)
    if area is not None:
        area.ensureWidgetVisible(widget, 16, 48)


def bring_line_into_view(label: QLabel, fraction: float) -> None:
    """Bring the line at *fraction* of *label*'s height into view in its scroll area."""
    area = enclosing_scroll_area(label)
    content = area.widget() if area is not None else None
    if area is None or content is None:
        return
    y = label.mapTo(content, QPoint(0, 0)).y() + round(fraction * label.height())
    line = label.fontMetrics().height()
    area.ensureVisible(0, y + line // 2, 0, 2 * line)
