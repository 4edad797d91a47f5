"""Accessible interfaces Qt does not provide: accordion headers that report
expandable/expanded, so screen readers say "collapsed"/"expanded" (AT-SPI on Linux).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAccessible, QAccessibleInterface
from PySide6.QtWidgets import QAccessibleWidget, QWidget


class Expandable(Protocol):
    """A widget that can say whether what it controls is expanded."""

    def is_expanded(self) -> bool: ...


class ExpandableButtonInterface(QAccessibleWidget):
    """A push button that reports the expanded/collapsed state of what it controls."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Button)
        self._widget = widget

    def state(self) -> QAccessible.State:
        state = super().state()
        state.expandable = True
        expanded = bool(self._widget.is_expanded())  # type: ignore[attr-defined]
        state.expanded = expanded
        state.collapsed = not expanded
        return state

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt override
        return [QAccessibleWidget.pressAction()]

    def doAction(self, action_name: str) -> None:  # noqa: N802 - Qt override
        if action_name == QAccessibleWidget.pressAction():
            self._widget.click()  # type: ignore[attr-defined]


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if isinstance(obj, QWidget) and hasattr(obj, "is_expanded"):
        return ExpandableButtonInterface(obj)
    return None


def install(app: QCoreApplication) -> None:
    """Register the kiosk's accessible interfaces, once per application."""
    # Qt has no way to ask for or remove a factory; remember it on the application.
    if not app.property("kiosk_accessibility_installed"):
        QAccessible.installFactory(_factory)
        app.setProperty("kiosk_accessibility_installed", True)
