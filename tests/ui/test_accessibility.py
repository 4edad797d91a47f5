"""What assistive technology sees, through Qt's accessibility layer (QAccessible → AT-SPI):
every focusable control has a name in the current language, widgets carry their language,
and accordion headers report expandable/expanded."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import (
    QAccessible,
    QAccessibleEvent,
    QAccessibleInterface,
    QAccessibleStateChangeEvent,
)
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from kiosk.app import Kiosk
from kiosk.cli.audit import focusable as tab_focusable
from kiosk.ui.window import KioskWindow
from tests.helpers import LANGUAGES, SIZES, Renderer

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
        assert not state.checkable and not state.checked  # not a toggle button
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


def interface(widget: QWidget) -> QAccessibleInterface:
    found = QAccessible.queryAccessibleInterface(widget)
    assert found is not None
    return found


def test_opening_a_question_announces_expanded(
    render_kiosk: Renderer, monkeypatch: pytest.MonkeyPatch
) -> None:
    kiosk = render_kiosk("en").kiosk
    header = kiosk.window.faq.accordion.items["savings"].header
    sent: list[tuple[object, bool, bool]] = []
    real = QAccessible.updateAccessibility

    def spy(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleStateChangeEvent):
            changed = event.changedStates()
            sent.append((event.object(), bool(changed.expanded), bool(changed.collapsed)))
        real(event)

    # ui/accessibility.py calls it through the class, as Qt's own Python callers would.
    monkeypatch.setattr(QAccessible, "updateAccessibility", spy)
    kiosk.session.set_open_question("savings")
    assert (header, True, True) in sent
    assert bool(interface(header).state().expanded)
    sent.clear()
    kiosk.session.set_open_question(None)
    assert (header, True, True) in sent
    assert bool(interface(header).state().collapsed)


@pytest.mark.parametrize("language", LANGUAGES)
def test_question_headers_report_their_language_as_locale(
    render_kiosk: Renderer, language: str
) -> None:
    items = render_kiosk(language).kiosk.window.faq.accordion.items
    # The widget's locale; AT-SPI still reports "C" for interfaces made in Python, which
    # cannot offer the Attributes interface (kiosk/ui/accessibility.py).
    for item in items.values():
        assert item.header.locale().name().startswith(language)


def test_language_buttons_are_radio_buttons_in_a_named_group(render_kiosk: Renderer) -> None:
    window = render_kiosk("es").kiosk.window
    for group, buttons in (
        (window.language_bar, window.language_bar.buttons),
        (window.home.language_group, window.home.buttons),
    ):
        assert interface(group).role() == QAccessible.Role.Grouping
        assert interface(group).text(QAccessible.Text.Name) == "Elija un idioma"
        for button in buttons.values():
            assert interface(button).role() == QAccessible.Role.RadioButton
            assert interface(button).state().checkable
    states = {c: bool(interface(b).state().checked) for c, b in window.language_bar.buttons.items()}
    assert states == {code: code == "es" for code in window.language_bar.buttons}


def test_speak_everything_is_a_toggle_button(render_kiosk: Renderer) -> None:
    kiosk = render_kiosk("en").kiosk
    speak_all = kiosk.window.toolbar.speak_all
    assert interface(speak_all).role() == QAccessible.Role.Button
    assert interface(speak_all).state().checkable
    assert not interface(speak_all).state().pressed
    speak_all.click()
    assert interface(speak_all).state().pressed and interface(speak_all).state().checked


def test_screens_are_groups_named_by_their_title_and_labels_are_not_read_twice(
    render_kiosk: Renderer,
) -> None:
    # Orca says a group's name and its unrelated labels on entering it (tests/screen_reader):
    # the FAQ title and hint, the welcome lines; never a nameless "layered pane".
    kiosk = render_kiosk("vi", "contact").kiosk
    window, bundle = kiosk.window, kiosk.content.bundle
    assert interface(window.stack).role() == QAccessible.Role.Grouping
    assert interface(window.stack).text(QAccessible.Text.Name) == ""
    for screen in (window.home, window.faq):
        assert interface(screen).role() == QAccessible.Role.Grouping
        assert interface(screen).text(QAccessible.Text.Name) == bundle.title("vi")
    # A question header's text is its name, its state label its state: no children. A QR
    # card's name and description say what its labels show: no children either.
    item = window.faq.accordion.items["contact"]
    assert interface(item.header).childCount() == 0
    for card in (window.faq.feedback, *item.link_cards):
        assert interface(card).role() == QAccessible.Role.Grouping
        assert interface(card).childCount() == 0
    assert interface(window.faq.accordion).childCount() > 0  # other groups keep theirs


def test_scroll_areas_are_no_tab_stops(render_kiosk: Renderer) -> None:
    window = render_kiosk("en").kiosk.window
    areas = window.findChildren(QScrollArea)
    assert len(areas) >= 2
    for area in areas:
        assert area.focusPolicy() == Qt.FocusPolicy.NoFocus
        assert area.viewport().focusPolicy() == Qt.FocusPolicy.NoFocus


def test_open_answer_paragraphs_and_cards_are_tab_stops_with_text(
    render_kiosk: Renderer,
) -> None:
    kiosk = render_kiosk("en", "contact").kiosk
    items = kiosk.window.faq.accordion.items
    shown = items["contact"]
    stops = tab_focusable(kiosk.window)
    for paragraph in (p for p in shown.paragraphs if p.isVisible()):
        assert paragraph in stops
        # What Orca reads on Tab (tests/screen_reader): the paragraph, as its name.
        assert interface(paragraph).role() == QAccessible.Role.StaticText
        assert interface(paragraph).text(QAccessible.Text.Name) == paragraph.text()
    for card in shown.link_cards:
        assert card in stops
        assert interface(card).text(QAccessible.Text.Name) == card.title.text()
        description = interface(card).text(QAccessible.Text.Description)
        assert card.address.address() in description
    feedback = kiosk.window.faq.feedback
    assert feedback in stops and feedback.code in interface(feedback).text(
        QAccessible.Text.Description
    )
    closed = items["savings"]
    assert all(p.focusPolicy() == Qt.FocusPolicy.NoFocus for p in closed.paragraphs)


def enabled_stops(window: KioskWindow) -> list[QWidget]:
    """The window's Tab stops in reading order that Tab can reach now."""
    return [w for w in window.tab_stops() if w.isEnabled()]


def tab_chain(window: KioskWindow) -> list[QWidget]:
    """The Tab stops in the order Tab visits them, from the first in reading order."""
    stops = set(tab_focusable(window))
    start = enabled_stops(window)[0]
    chain, current = [start], start.nextInFocusChain()
    while current is not None and current is not start:
        if current in stops:
            chain.append(current)
        current = current.nextInFocusChain()
    return chain


@pytest.mark.parametrize("size", ["landscape", "portrait"])
@pytest.mark.parametrize("open_id", [None, "contact"])
def test_tab_order_follows_the_reading_order(
    render_kiosk: Renderer, qapp: QApplication, size: str, open_id: str | None
) -> None:
    for language in (None, "en"):
        window = render_kiosk(language, open_id, SIZES[size]).kiosk.window
        qapp.processEvents()
        assert tab_chain(window) == enabled_stops(window)
        assert set(enabled_stops(window)) == set(tab_focusable(window))
    faq_stops = window.tab_stops()
    more_below = window.faq.nav.down
    if more_below in faq_stops:
        first_question = next(iter(window.faq.accordion.items.values())).header
        assert faq_stops.index(first_question) < faq_stops.index(more_below)
