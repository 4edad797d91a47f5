"""The accessibility audit behind `faq-kiosk check --a11y` (and the layout tests).

Renders every screen in every language, at 100 % and 200 % text, in landscape and
portrait, and reports: focusable controls without an accessible name, targets smaller
than 88 px, text colours under 7:1, a keyboard focus order that skips or loops, and
text that is clipped.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import shiboken6
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

from kiosk.ui.scrolling import enclosing_scroll_area
from kiosk.ui.theme import (
    HIGH_CONTRAST,
    MIN_BOUNDARY_CONTRAST,
    MIN_TEXT_CONTRAST,
    STANDARD,
    TARGET_PX,
    contrast_ratio,
)
from kiosk.ui.window import KioskWindow

AUDIT_SIZES = {
    "landscape": (1920, 1080),
    "portrait": (1080, 1920),
    "small": (1280, 800),
    "small-portrait": (800, 1280),
}


def window_rect(widget: QWidget) -> QRect:
    """*widget*'s rectangle in its window's coordinates."""
    return QRect(widget.mapTo(widget.window(), QPoint(0, 0)), widget.size())


def visible_rect(widget: QWidget) -> QRect:
    """The part of *widget* a visitor can see (clipped to any scroll area), in window
    coordinates; empty if none."""
    if not widget.isVisible() or widget.width() <= 0:
        return QRect()
    rect = window_rect(widget)
    area = enclosing_scroll_area(widget)
    while area is not None:
        rect = rect.intersected(window_rect(area.viewport()))
        area = enclosing_scroll_area(area)
    return rect


def clipping_problems(root: QWidget) -> list[str]:
    """Labels under *root* whose text does not fit the space they were given."""
    problems = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.text() or label.pixmap().width() > 0:
            continue
        text = label.text()[:40]
        if label.wordWrap():
            needed = label.heightForWidth(label.contentsRect().width())
            if needed > label.contentsRect().height() + 1:
                problems.append(f"{text!r}: needs {needed}px height, has {label.height()}")
            longest_word = label.minimumSizeHint().width()
            if longest_word > label.width() + 1:
                problems.append(f"{text!r}: a word needs {longest_word}px, has {label.width()}")
        elif label.sizeHint().width() > label.width() + 1:
            problems.append(f"{text!r}: needs {label.sizeHint().width()}px, has {label.width()}")
        if window_rect(label).right() > label.window().width():
            problems.append(f"{text!r}: runs past the window's right edge")
    return problems


def target_problems(root: QWidget) -> list[str]:
    """Visible buttons under *root* smaller than 88 px, or closer than 8 px to another."""
    buttons = [b for b in root.findChildren(QAbstractButton) if not visible_rect(b).isEmpty()]
    problems = []
    for button in buttons:
        if min(button.width(), button.height()) < TARGET_PX:
            problems.append(
                f"{button.accessibleName()[:40]!r} is {button.width()}x{button.height()} px"
            )
    for index, first in enumerate(buttons):
        for second in buttons[index + 1 :]:
            if first.isAncestorOf(second) or second.isAncestorOf(first):
                continue
            if visible_rect(first).adjusted(-4, -4, 4, 4).intersects(visible_rect(second)):
                problems.append(
                    f"{first.accessibleName()[:30]!r} and "
                    f"{second.accessibleName()[:30]!r} are closer than 8 px"
                )
    return problems


def focusable(root: QWidget) -> list[QWidget]:
    """Visible widgets under *root* that take keyboard focus."""
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible() and w.isEnabled() and bool(w.focusPolicy() & Qt.FocusPolicy.TabFocus)
    ]


def name_problems(root: QWidget) -> list[str]:
    """Focusable controls whose accessible name is empty."""
    problems = []
    for widget in focusable(root):
        interface = QAccessible.queryAccessibleInterface(widget)
        name = interface.text(QAccessible.Text.Name) if interface is not None else ""
        if not str(name).strip():
            problems.append(
                f"{type(widget).__name__} at {window_rect(widget).topLeft()} has no accessible name"
            )
    return problems


def speakable_problems(window: KioskWindow) -> list[str]:
    """Items of the screen's reading order (what the keypad moves through and speaks)
    that would be spoken as nothing."""
    return [
        f"{item.role} at {window_rect(item.widget).topLeft()} has nothing to say"
        for item in window.reading_order()
        if not item.text.strip()
    ]


def focus_order_problems(root: QWidget) -> list[str]:
    """Tab from the first control: every focusable control once, then back to the start."""
    controls = focusable(root)
    if not controls:
        return []
    start = controls[0]
    seen: list[QWidget] = []
    current: QWidget | None = start
    for _ in range(len(controls) * 2 + 2):
        current = current.nextInFocusChain() if current is not None else None
        while current is not None and current is not start and current not in controls:
            current = current.nextInFocusChain()
        if current is None or current is start:
            break
        if current in seen:
            return [f"focus order loops at {current.accessibleName()[:30]!r}"]
        seen.append(current)
    skipped = [w for w in controls if w is not start and w not in seen]
    return [f"Tab never reaches {w.accessibleName()[:30]!r}" for w in skipped]


def contrast_problems() -> list[str]:
    """Theme colour pairs under 7:1 (text) or 3:1 (boundaries, focus ring)."""
    problems = []
    for palette in (STANDARD, HIGH_CONTRAST):
        for what, foreground, background in palette.text_pairs():
            if (ratio := contrast_ratio(foreground, background)) < MIN_TEXT_CONTRAST:
                problems.append(f"{palette.name}: {what} is {ratio:.2f}:1 (needs 7:1)")
        for what, colour, neighbour in palette.boundary_pairs():
            if (ratio := contrast_ratio(colour, neighbour)) < MIN_BOUNDARY_CONTRAST:
                problems.append(f"{palette.name}: {what} is {ratio:.2f}:1 (needs 3:1)")
    return problems


@dataclass(frozen=True)
class Finding:
    """One audit finding: where (screen, language, size, text size) and what."""

    where: str
    problem: str

    def __str__(self) -> str:
        return f"{self.where}: {self.problem}"


def audit_window(window: KioskWindow, where: str) -> Iterator[Finding]:
    """Every problem the rendered *window* shows."""
    for check in (name_problems, target_problems, clipping_problems, focus_order_problems):
        for problem in check(window):
            yield Finding(where, problem)
    for problem in speakable_problems(window):
        yield Finding(where, problem)


def run_audit(qt_app: QApplication) -> list[Finding]:
    """Render every screen in every language, size and text size; collect the findings."""
    from kiosk.app import build_kiosk
    from kiosk.cli.screenshot import render
    from kiosk.config import load_config
    from kiosk.content import load_bundle
    from kiosk.content.store import offered_languages
    from kiosk.system import resources

    findings = [Finding("theme", problem) for problem in contrast_problems()]
    loaded = load_config(None)
    languages = offered_languages(load_bundle(resources.content_dir()), loaded.config)
    done = []
    for size_name, size in AUDIT_SIZES.items():
        for text_size in (100, 200):
            for language in (None, *languages):
                kiosk = build_kiosk(qt_app, loaded)
                kiosk.session.set_text_size(text_size)
                if language is not None:
                    kiosk.session.choose_language(language)
                    kiosk.session.set_open_question(kiosk.content.bundle.question_ids[6])
                render(kiosk, size)
                where = f"{language or 'home'} {size_name} {text_size}%"
                findings += audit_window(kiosk.window, where)
                # Delete the window now, while the objects wired to it still live.
                kiosk.window.hide()
                shiboken6.delete(kiosk.window)
                done.append(kiosk)
    return findings
