"""What assistive technology sees, through Qt's accessibility layer (QAccessible → AT-SPI):
every focusable control has a name in the current language, widgets carry their language,
and accordion headers report expandable/expanded."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QWidget

from kiosk.app import Kiosk
from tests.helpers import LANGUAGES, Renderer

HOME_NAME = {
    "en": "Home: choose another language",
    "es": "Inicio: elegir otro idioma",
    "vi": "Trang chính: chọn ngôn ngữ khác",
}


def focusable(root: QWidget) -> list[QWidget]:
    return [
        w
        for w in root.findChildren(QWidget)
        if w.isVisible() and w.focusPolicy() != w.focusPolicy().NoFocus and w is not root
    ]


def accessible_name(widget: QWidget) -> str:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return str(interface.text(QAccessible.Text.Name))


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_focusable_control_has_a_name_in_each_language(
    render_kiosk: Renderer, language: str
) -> None:
    for open_id in (None, "contact"):
        rendered = render_kiosk(language, open_id)
        window = rendered.kiosk.window
        controls = focusable(window)
        assert len(controls) >= 11 + 3 + 4
        unnamed = [type(w).__name__ for w in controls if not accessible_name(w).strip()]
        assert unnamed == []
        assert accessible_name(window.toolbar.home) == HOME_NAME[language]


def test_home_screen_controls_are_named(render_kiosk: Renderer) -> None:
    window = render_kiosk().kiosk.window
    names = {accessible_name(w) for w in focusable(window)}
    assert {"English", "Español", "Tiếng Việt", "Larger text", "High contrast"} <= names


@pytest.mark.parametrize("language", LANGUAGES)
def test_widgets_carry_the_language_they_show(render_kiosk: Renderer, language: str) -> None:
    window = render_kiosk(language, "contact").kiosk.window
    item = window.faq.accordion.items["contact"]
    assert item.header.label.locale().name().startswith(language)
    assert item.paragraphs[0].locale().name().startswith(language)
    for code, button in window.language_bar.buttons.items():
        assert button.locale().name().startswith(code)


def test_accordion_headers_report_expanded_and_collapsed(render_kiosk: Renderer) -> None:
    kiosk: Kiosk = render_kiosk("en", "savings").kiosk
    items = kiosk.window.faq.accordion.items
    for question_id, item in items.items():
        interface = QAccessible.queryAccessibleInterface(item.header)
        assert interface is not None
        state = interface.state()
        assert state.expandable
        assert bool(state.expanded) == (question_id == "savings")
        assert bool(state.collapsed) == (question_id != "savings")
        assert interface.role() == QAccessible.Role.Button
    description = QAccessible.queryAccessibleInterface(items["savings"].header).text(
        QAccessible.Text.Description
    )
    assert description == "Answer shown"


def test_pressing_a_header_through_accessibility_opens_it(render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("es").kiosk
    header = kiosk.window.faq.accordion.items["when-removed"].header
    interface = QAccessible.queryAccessibleInterface(header)
    assert interface is not None
    action = interface.actionInterface()
    assert action is not None
    action.doAction(action.actionNames()[0])
    assert kiosk.session.open_question == "when-removed"
