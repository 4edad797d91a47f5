"""Home: the welcome in every offered language and one large button per language.

Buttons carry the language's own name (CLDR endonym), never a flag; a tap acts at once.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QVBoxLayout, QWidget

from kiosk.content import ContentBundle
from kiosk.i18n import N_, Translator, endonym, qlocale
from kiosk.ui.button import TextButton
from kiosk.ui.text import WrapLabel

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
        self._t = t
        self._languages = languages
        self.titles: dict[str, WrapLabel] = {}
        self.welcomes: dict[str, WrapLabel] = {}
        self.buttons: dict[str, TextButton] = {}
        column = QVBoxLayout(self)
        column.setContentsMargins(48, 32, 48, 32)
        column.setSpacing(20)
        column.addStretch(1)
        for language in languages:
            welcome = WrapLabel(role="welcome")
            welcome.setLocale(qlocale(language))
            welcome.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            column.addWidget(welcome)
            self.welcomes[language] = welcome
        column.addSpacing(24)
        for language in languages:
            button = TextButton(endonym(language), glyph="chevron-right", role="title")
            button.setLocale(qlocale(language))
            button.setMinimumHeight(120)
            button.clicked.connect(lambda _c=False, lang=language: self.language_chosen.emit(lang))
            column.addWidget(button)
            self.buttons[language] = button
        column.addStretch(2)

    def first_focus(self) -> QWidget | None:
        """Where keyboard focus starts on this screen."""
        return next(iter(self.buttons.values()), None)

    def show_text(self, bundle: ContentBundle) -> None:
        """Fill in the welcome lines; each is in its own language, whatever is current."""
        for language, welcome in self.welcomes.items():
            title = bundle.title(language) if language in bundle.languages else ""
            text = self._t.gettext_in(language, WELCOME)
            welcome.setText(f"{title}\n{text}" if title else text)
        for language, button in self.buttons.items():
            button.set_text(endonym(language))
            button.setAccessibleDescription(self._t.gettext_in(language, BUTTON_HINT))
