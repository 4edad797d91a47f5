"""What a screen says, in the order it says it: the views' meaning-level API.

Every view offers its content as `ReadingItem`s: the text, its role and state, its
language and the widget that shows it. Keypad navigation (kiosk/control/keypad.py) moves
through them and speaks them, read-aloud (kiosk/control/reading.py) reads and highlights
them, and the accessibility audit (kiosk/cli/audit.py) checks that each can be spoken.
None of them needs to know which widgets a view is made of.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import partial
from typing import Protocol, runtime_checkable

from PySide6.QtWidgets import QAbstractButton, QLabel, QWidget

from kiosk.ui.text import ZERO_WIDTH_SPACE


class Role(StrEnum):
    """What an item is, for the words that describe it."""

    HEADING = "heading"
    TEXT = "text"
    QUESTION = "question"
    BUTTON = "button"
    IMAGE = "image"  # a QR code, described by its accessible name


@dataclass(frozen=True)
class ReadingItem:
    """One thing on screen that a visitor can move to, hear or have read aloud.

    `widget` is what the keypad highlights (a button, or the label itself); `label` is
    the label that shows `text` (the read-aloud highlight marks sentences in it).
    """

    widget: QWidget
    label: QLabel
    text: str
    role: Role
    language: str
    checked: bool = False
    enabled: bool = True
    expanded: bool | None = None  # questions: whether the answer is shown
    position: tuple[int, int] | None = None  # questions: (n, of how many)
    secret: bool = False  # a PIN key: what it enters is never said

    @property
    def activatable(self) -> bool:
        """True if Enter presses it."""
        return self.role in (Role.BUTTON, Role.QUESTION)

    def activate(self) -> bool:
        """Press it, if it is an enabled button; whether it was pressed."""
        if isinstance(self.widget, QAbstractButton) and self.widget.isEnabled():
            self.widget.click()
            return True
        return False


@runtime_checkable
class Readable(Protocol):
    """A widget that describes itself (buttons, question headers)."""

    def reading_item(self, language: str) -> ReadingItem: ...


def plain(text: str) -> str:
    """*text* as it is said: without the invisible break points of printed addresses."""
    return text.replace(ZERO_WIDTH_SPACE, "")


def label_item(label: QLabel, language: str) -> ReadingItem:
    """The item for a label: its text (or accessible name), a heading if styled as one."""
    role = Role.HEADING if label.property("role") == "title" else Role.TEXT
    if label.text() == "" and label.accessibleName():
        role = Role.IMAGE
    return ReadingItem(label, label, plain(label.accessibleName() or label.text()), role, language)


def item_for(widget: QWidget, language: str) -> ReadingItem | None:
    """The item *widget* is, or None if it is not one (a container, a label in a button)."""
    parent = widget.parentWidget()
    while parent is not None:  # the labels inside a button belong to the button
        if isinstance(parent, QAbstractButton):
            return None
        parent = parent.parentWidget()
    if isinstance(widget, Readable):
        return widget.reading_item(language)
    if isinstance(widget, QLabel) and (widget.text().strip() or widget.accessibleName().strip()):
        return label_item(widget, language)
    return None


def _position(widget: QWidget, container: QWidget) -> tuple[int, int]:
    # Top to bottom, then the way the text reads: from the right edge in right to left.
    top_left = widget.mapTo(container, widget.rect().topLeft())
    if container.isRightToLeft():
        return top_left.y(), -(top_left.x() + widget.width())
    return top_left.y(), top_left.x()


def items_in(section: QWidget, language: str, shown_in: QWidget) -> list[ReadingItem]:
    """The items inside *section* that are shown in *shown_in* (its window), top to
    bottom and in reading direction (left to right, or right to left)."""
    if not section.isVisibleTo(shown_in) and section is not shown_in:
        return []
    widgets = [w for w in section.findChildren(QWidget) if w.isVisibleTo(shown_in)]
    items = [item for w in widgets if (item := item_for(w, language)) is not None]
    key = partial(_position, container=section)
    return sorted(items, key=lambda item: key(item.widget))
