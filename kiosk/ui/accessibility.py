"""Accessible interfaces Qt does not provide (AT-SPI on Linux, read by Orca):

- accordion headers: a push button (not a toggle) that reports expandable/expanded, so
  screen readers say "collapsed"/"expanded" (`ExpandableButtonInterface`, and
  `announce_expanded` when it changes, which on Linux sends the AT-SPI event Qt leaves
  out: `kiosk.system.atspi`);
- language buttons: radio buttons inside a group named "Choose a language"; "Speak
  everything": a toggle button; QR cards: a group with no children, its name and
  description saying what its labels show (`RoleInterface`, chosen by the widget's
  `ACCESSIBLE_ROLE` property);
- answer paragraphs: static text named by their text, Tab stops while shown
  (`LabelInterface`).

None overrides `interface_cast` (see `_KioskInterface`: that crashed under Orca).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import (
    QAccessible,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
)
from PySide6.QtWidgets import QAbstractButton, QAccessibleWidget, QLabel, QWidget

from kiosk.system import atspi
from kiosk.ui.text import WrapLabel

#: The dynamic property that gives a widget one of `ROLES` (`set_accessible_role`).
ACCESSIBLE_ROLE = "accessible_role"
RADIO, TOGGLE, GROUP, CARD = "radio", "toggle", "group", "card"
ROLES = {
    RADIO: QAccessible.Role.RadioButton,
    TOGGLE: QAccessible.Role.Button,
    GROUP: QAccessible.Role.Grouping,
    # A group whose name and description say all its labels show: it has no children.
    CARD: QAccessible.Role.Grouping,
}
#: The dynamic property of labels that offer their text (answer paragraphs).
ANSWER_TEXT = "answer_text"
_INSTALLED = "kiosk_accessibility_installed"


def set_accessible_role(widget: QWidget, role: str) -> None:
    """Have *widget* report *role* (one of `ROLES`) to assistive technology."""
    if role not in ROLES:
        raise ValueError(f"unknown accessible role {role!r}")
    widget.setProperty(ACCESSIBLE_ROLE, role)


def announce_expanded(widget: QWidget, expanded: bool) -> None:
    """Tell assistive technology that *widget* is now *expanded* (or collapsed).

    Qt's AT-SPI bridge passes no expanded change on, so on Linux the AT-SPI events are
    sent as well (`kiosk.system.atspi`): collapsed first, then expanded, which is the
    one Orca presents, with both states already current."""
    changed = QAccessible.State()
    changed.expanded = True
    changed.collapsed = True
    QAccessible.updateAccessibility(QAccessibleStateChangeEvent(widget, changed))
    atspi.send_state_changed(widget, {"collapsed": not expanded, "expanded": expanded})


class _KioskInterface(QAccessibleWidget):
    """A widget's interface made in Python.

    It overrides no `interface_cast`: PySide 6.11 lets Python return only a pointer
    there, and with one the kiosk crashed (SIGSEGV) as soon as Orca read it over AT-SPI
    (tests/screen_reader), even when the override only called the base class. So these
    interfaces offer no Attributes interface (AT-SPI reports their locale as "C") and no
    Text interface of their own; docs/architecture.md, Known traps.
    """


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

    def childCount(self) -> int:  # noqa: N802 - Qt override
        """None: the question's text is the button's name and "Show answer" its state, so
        the labels inside are not read again (Orca reads the unrelated labels of a
        group it enters)."""
        return 0

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

    def childCount(self) -> int:  # noqa: N802 - Qt override
        """A card's labels are not read again after its name and description (Orca reads
        the unrelated labels of a group it enters)."""
        return 0 if self._role == CARD else super().childCount()

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
    """An answer paragraph: static text named by its text (so a screen reader that
    reads names reads it when it gets focus)."""

    def __init__(self, label: QLabel) -> None:
        super().__init__(label, QAccessible.Role.StaticText)

    def text(self, kind: QAccessible.Text) -> str:
        said = super().text(kind)
        label = self.widget()
        if kind == QAccessible.Text.Name and not said and isinstance(label, QLabel):
            return label.text()
        return said


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
