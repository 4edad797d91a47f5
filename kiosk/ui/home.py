"""Home: the welcome in every offered language and one large button per language.

Buttons carry the language's own name (CLDR endonym), never a flag; a tap acts at once.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import QBoxLayout, QVBoxLayout, QWidget

from kiosk.content import ContentBundle
from kiosk.system.i18n import N_, Translator, endonym, qlocale
from kiosk.ui.accessibility import GROUP, RADIO, set_accessible_role
from kiosk.ui.button import TextButton
from kiosk.ui.reading_order import ReadingItem, items_in, label_item
from kiosk.ui.scrolling import kinetic_scroll_area
from kiosk.ui.text import WrapLabel
from kiosk.ui.theme import GAP_PX, TARGET_PX

WELCOME = N_("Welcome! Touch your language to read the questions and answers.")
# TRANSLATORS: describes the button for your own language, so name your language here
# ("… en español", "… bằng tiếng Việt"), not English.
BUTTON_HINT = N_("Read the questions and answers in English")


class HomeScreen(QWidget):
    """The language choice.

    Signals:
        language_chosen(str): the visitor tapped a language.
    """

    language_chosen = Signal(str)

    def __init__(self, t: Translator, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Screen")
        # A named group: a screen reader entering it says the title and the welcome lines.
        set_accessible_role(self, GROUP)
        self._t = t
        self._bundle: ContentBundle | None = None
        self.titles: dict[str, WrapLabel] = {}
        self.welcomes: dict[str, WrapLabel] = {}
        self.buttons: dict[str, TextButton] = {}
        welcome_column = QVBoxLayout()
        welcome_column.setSpacing(28)
        for language in languages:
            title, welcome = WrapLabel(role="welcome-title"), WrapLabel(role="welcome")
            block = QVBoxLayout()
            block.setSpacing(4)
            for label in (title, welcome):
                label.setLocale(qlocale(language))
                block.addWidget(label)
            welcome_column.addLayout(block)
            self.titles[language], self.welcomes[language] = title, welcome
        # The buttons are radio buttons in a group "Choose a language" to a screen reader.
        self.language_group = QWidget()
        set_accessible_role(self.language_group, GROUP)
        button_column = QVBoxLayout(self.language_group)
        button_column.setContentsMargins(0, 0, 0, 0)
        button_column.setSpacing(GAP_PX * 2)
        for language in languages:
            button = TextButton(endonym(language), glyph="chevron-right", role="welcome-title")
            button.setLocale(qlocale(language))
            button.setMinimumHeight(TARGET_PX + 48)
            button.setProperty("primary", True)
            set_accessible_role(button, RADIO)
            button.clicked.connect(lambda _c=False, lang=language: self.language_chosen.emit(lang))
            button_column.addWidget(button)
            self.buttons[language] = button
        button_column.addStretch(1)
        content = QWidget()
        content.setObjectName("ScrollContent")
        self._columns = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self._columns.setSpacing(48)
        self._columns.addLayout(welcome_column, 1)
        self._columns.addWidget(self.language_group, 1)
        outer = QVBoxLayout(content)
        outer.setContentsMargins(48, 24, 48, 24)
        outer.addStretch(1)
        outer.addLayout(self._columns)
        outer.addStretch(2)
        self.scroll_area = kinetic_scroll_area(content)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 12)
        self._layout.addWidget(self.scroll_area, 1)
        self._below: QWidget | None = None
        self.retranslate()
        t.language_changed.connect(self.retranslate)

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 - Qt override
        # Welcome beside the buttons on a wide screen; on a tall one the buttons come
        # first, so that even at 200 % they are on screen without scrolling.
        wide = event.size().width() >= 1.4 * event.size().height()
        self._columns.setDirection(
            QBoxLayout.Direction.LeftToRight if wide else QBoxLayout.Direction.BottomToTop
        )
        super().resizeEvent(event)

    @property
    def languages(self) -> list[str]:
        """The languages offered, in the order of their buttons."""
        return list(self.buttons)

    def reading_order(self, after_choice: Sequence[ReadingItem] = ()) -> list[ReadingItem]:
        """The language choice first (what a visitor comes to Home for: the first Down
        lands on the first language), then *after_choice* (the window's toolbar), then
        the welcome lines in reading order, then the speech controls when shown."""
        language, window = self._t.language, self.window()
        content = self.scroll_area.widget()
        sections = [w for w in (content, self._below) if w is not None]
        items = [item for section in sections for item in items_in(section, language, window)]
        buttons = set(self.buttons.values())
        choice = [item for item in items if item.widget in buttons]
        return choice + list(after_choice) + [item for item in items if item.widget not in buttons]

    def welcome(self) -> list[ReadingItem]:
        """Each language's title and welcome line, each in its own language (what Read
        aloud reads on Home)."""
        items = []
        for language, title in self.titles.items():
            items += [label_item(title, language), label_item(self.welcomes[language], language)]
        return items

    def first_focus(self) -> QWidget | None:
        """Where keyboard focus starts on this screen."""
        return next(iter(self.buttons.values()), None)

    def show_below(self, widget: QWidget | None) -> None:
        """Show *widget* (the speech controls) under the language choice."""
        if widget is not None:
            self._below = widget
            self._layout.addWidget(widget)
            widget.show()

    def retranslate(self) -> None:
        """Interface strings in the current language."""
        self.language_group.setAccessibleName(self._t.gettext("Choose a language"))
        if self._bundle is not None:
            self.setAccessibleName(self._bundle.title(self._t.language))

    def show_text(self, bundle: ContentBundle) -> None:
        """Fill in the welcome lines; each is in its own language, whatever is current."""
        self._bundle = bundle
        self.setAccessibleName(bundle.title(self._t.language))
        for language, welcome in self.welcomes.items():
            self.titles[language].setText(bundle.title(language))
            welcome.setText(self._t.gettext_in(language, WELCOME))
        for language, button in self.buttons.items():
            button.set_text(endonym(language))
            button.setAccessibleDescription(self._t.gettext_in(language, BUTTON_HINT))
