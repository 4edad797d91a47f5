"""Scroll areas for touch: vertical only, kinetic (flick) scrolling, no overshoot."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QScroller, QScrollerProperties, QWidget


def kinetic_scroll_area(content: QWidget) -> QScrollArea:
    """A vertical scroll area around *content* that a finger can flick."""
    area = QScrollArea()
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(content)
    viewport = area.viewport()
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
