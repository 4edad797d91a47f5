"""Accessible interfaces Qt does not provide (AT-SPI on Linux, read by Orca):

- accordion headers: a push button (not a toggle) that reports expandable/expanded, so
  screen readers say "collapsed"/"expanded" (`ExpandableButtonInterface`, and
  `announce_expanded` when it changes);
- language buttons: radio buttons inside a group named "Choose a language"; "Speak
  everything": a toggle button (`RoleInterface`, chosen by the widget's `ACCESSIBLE_ROLE`
  property);
- answer text: labels that offer the Text interface, so a screen reader can read and
  move through a paragraph (`LabelInterface`);
- every interface made here reports the widget's locale (Qt's own do; one made in
  Python otherwise has no attributes at all and AT-SPI says "C").

PySide6 cannot return a Python object from `interface_cast`, only a pointer: the extra
interfaces are separate objects kept by the interface and handed out as `VoidPtr`s.
"""

from __future__ import annotations

from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QPoint, QRect
from PySide6.QtGui import (
    QAccessible,
    QAccessibleAttributesInterface,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
    QAccessibleTextInterface,
)
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget

from kiosk.ui.text import WrapLabel

#: The dynamic property that gives a widget one of `ROLES` (`set_accessible_role`).
ACCESSIBLE_ROLE = "accessible_role"
RADIO, TOGGLE, GROUP = "radio", "toggle", "group"
ROLES = {
    RADIO: QAccessible.Role.RadioButton,
    TOGGLE: QAccessible.Role.Button,
    GROUP: QAccessible.Role.Grouping,
}
#: The dynamic property of labels that offer their text (answer paragraphs).
ANSWER_TEXT = "answer_text"
_INSTALLED = "kiosk_accessibility_installed"


def set_accessible_role(widget: QWidget, role: str) -> None:
    """Have *widget* report *role* (one of `ROLES`) to assistive technology."""
    if role not in ROLES:
        raise ValueError(f"unknown accessible role {role!r}")
    widget.setProperty(ACCESSIBLE_ROLE, role)


def announce_expanded(widget: QWidget) -> None:
    """Tell assistive technology that *widget*'s expanded state changed (AT-SPI sends
    state-changed:expanded; Qt sends nothing for it by itself)."""
    changed = QAccessible.State()
    changed.expanded = True
    changed.collapsed = True
    QAccessible.updateAccessibility(QAccessibleStateChangeEvent(widget, changed))


class _LocaleAttributes(QAccessibleAttributesInterface):
    """The Locale attribute: the widget's own (it follows its parent's by default)."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__()
        self._widget = widget

    def attributeKeys(self) -> list[QAccessible.Attribute]:  # noqa: N802 - Qt override
        return [QAccessible.Attribute.Locale]

    def attributeValue(self, key: QAccessible.Attribute) -> Any:  # noqa: N802 - Qt override
        return self._widget.locale() if key == QAccessible.Attribute.Locale else None


class _LabelText(QAccessibleTextInterface):
    """A read-only Text interface over a label's text as it is said."""

    def __init__(self, label: QLabel) -> None:
        super().__init__()
        self._label = label

    def _said(self) -> str:
        return self._label.accessibleName() or self._label.text()

    def text(self, start: int, end: int) -> str:
        return self._said()[start:end]

    def characterCount(self) -> int:  # noqa: N802 - Qt override
        return len(self._said())

    def cursorPosition(self) -> int:  # noqa: N802 - Qt override
        return 0

    def setCursorPosition(self, position: int) -> None:  # noqa: N802 - Qt override
        pass

    def selectionCount(self) -> int:  # noqa: N802 - Qt override
        return 0

    def selection(self, index: int) -> tuple[int, int]:
        return (0, 0)

    def addSelection(self, start: int, end: int) -> None:  # noqa: N802 - Qt override
        pass

    def removeSelection(self, index: int) -> None:  # noqa: N802 - Qt override
        pass

    def setSelection(self, index: int, start: int, end: int) -> None:  # noqa: N802 - Qt override
        pass

    def characterRect(self, offset: int) -> QRect:  # noqa: N802 - Qt override
        return QRect()

    def offsetAtPoint(self, point: QPoint) -> int:  # noqa: N802 - Qt override
        return -1

    def scrollToSubstring(self, start: int, end: int) -> None:  # noqa: N802 - Qt override
        pass

    def attributes(self, offset: int) -> tuple[str, int, int]:
        return ("", 0, self.characterCount())


_Extra = QAccessibleAttributesInterface | QAccessibleTextInterface


class _KioskInterface(QAccessibleWidget):
    """A widget's interface with the Locale attribute (and any more `_extra` gives)."""

    def __init__(self, widget: QWidget, role: QAccessible.Role) -> None:
        super().__init__(widget, role)
        self._attributes = _LocaleAttributes(widget)

    def _extra(self, kind: QAccessible.InterfaceType) -> _Extra | None:
        return self._attributes if kind == QAccessible.InterfaceType.AttributesInterface else None

    def interface_cast(self, kind: QAccessible.InterfaceType) -> Any:
        extra = self._extra(kind)
        if extra is not None:
            return shiboken6.VoidPtr(shiboken6.getCppPointer(extra)[0])
        return super().interface_cast(kind)


class _PressableInterface(_KioskInterface):
    """A button's interface: its one action is Press."""

    def actionNames(self) -> list[str]:  # noqa: N802 - Qt override
        return [QAccessibleWidget.pressAction()]

    def doAction(self, action_name: str) -> None:  # noqa: N802 - Qt override
        widget = self.widget()
        if action_name == QAccessibleWidget.pressAction() and isinstance(widget, QAbstractButton):
            widget.click()


class ExpandableButtonInterface(_PressableInterface):
    """A push button that reports the expanded/collapsed state of what it controls (never
    checkable: Orca would call it a toggle button and say "checked")."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget, QAccessible.Role.Button)

    def state(self) -> QAccessible.State:
        state = super().state()
        expanded = bool(self.widget().is_expanded())  # type: ignore[attr-defined]
        state.checkable = state.checked = False
        state.expandable = True
        state.expanded = expanded
        state.collapsed = not expanded
        return state


class RoleInterface(_PressableInterface):
    """A widget reporting the role its `ACCESSIBLE_ROLE` property names: a radio button
    (checked when it is), a toggle button (pressed when checked), or a group."""

    def __init__(self, widget: QWidget, role: str) -> None:
        super().__init__(widget, ROLES[role])
        self._role = role

    def state(self) -> QAccessible.State:
        state = super().state()
        widget = self.widget()
        if self._role in (RADIO, TOGGLE) and isinstance(widget, QAbstractButton):
            on = widget.isCheckable() and widget.isChecked()
            state.checkable = True
            state.checked = on
            state.pressed = on and self._role == TOGGLE
        return state


class LabelInterface(_KioskInterface):
    """A label that offers its text through the Text interface, named by its text."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.StaticText)
        self._text = _LabelText(label)

    def text(self, kind: QAccessible.Text) -> str:
        said = super().text(kind)
        label = self.widget()
        if kind == QAccessible.Text.Name and not said and isinstance(label, QLabel):
            return label.text()
        return said

    def _extra(self, kind: QAccessible.InterfaceType) -> _Extra | None:
        if kind == QAccessible.InterfaceType.TextInterface:
            return self._text
        return super()._extra(kind)


def _factory(key: str, obj: QObject) -> QAccessibleInterface | None:
    if not isinstance(obj, QWidget):
        return None
    if hasattr(obj, "is_expanded"):
        return ExpandableButtonInterface(obj)
    role = obj.property(ACCESSIBLE_ROLE)
    if isinstance(role, str) and role in ROLES:
        return RoleInterface(obj, role)
    if isinstance(obj, WrapLabel) and obj.property(ANSWER_TEXT):
        return LabelInterface(obj)
    return None


def offer_text(label: WrapLabel) -> None:
    """Have *label* offer the Text interface (a screen reader can read through it)."""
    label.setProperty(ANSWER_TEXT, True)


def install(app: QCoreApplication) -> None:
    """Register the kiosk's accessible interfaces, once per application."""
    # Qt has no way to ask for or remove a factory; remember it on the application.
    if not app.property(_INSTALLED):
        QAccessible.installFactory(_factory)
        app.setProperty(_INSTALLED, True)
