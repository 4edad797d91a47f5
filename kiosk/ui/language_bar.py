"""LanguageBar: one button per offered language, each named in its own language."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.system.i18n import Translator, endonym, qlocale
from kiosk.ui.accessibility import GROUP, RADIO, set_accessible_role
from kiosk.ui.button import TextButton
from kiosk.ui.flow_layout import FlowLayout


class LanguageBar(QWidget):
    """The language switcher shown on the FAQ screen: to assistive technology, a group of
    radio buttons named "Choose a language".

    Signals:
        language_selected(str): the visitor picked a language.
    """

    language_selected = Signal(str)

    def __init__(self, t: Translator, languages: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setProperty("chrome", True)  # text grows to 125 % at most (ui/theme.py)
        self._t = t
        set_accessible_role(self, GROUP)
        self.buttons: dict[str, TextButton] = {}
        self._compact = False
        layout = FlowLayout(self)
        for language in languages:
            button = TextButton(endonym(language), glyph="check")
            button.setCheckable(True)
            set_accessible_role(button, RADIO)
            button.setLocale(qlocale(language))
            button.clicked.connect(lambda _c=False, lang=language: self._pick(lang))
            layout.addWidget(button)
            self.buttons[language] = button
        self.set_current(t.language)
        t.language_changed.connect(self.set_current)

    def set_compact(self, compact: bool) -> None:
        """Compact chrome (ui/window.py): each button shows its language's code ("VI");
        it is still named, and spoken, by the language's own name. Or the name again."""
        self._compact = compact
        for code, button in self.buttons.items():
            button.set_text(code.upper() if compact else endonym(code), endonym(code))

    def set_current(self, language: str) -> None:
        """Mark *language* as the one shown (check mark, state and description), and name
        the group in it."""
        self.setAccessibleName(self._t.gettext("Choose a language"))
        for code, button in self.buttons.items():
            current = code == language
            button.setChecked(current)
            if button.glyph is not None:
                button.glyph.setVisible(current)
            button.setAccessibleDescription(
                self._t.gettext("Current language")
                if current
                else self._t.gettext("Switch to this language")
            )

    def _pick(self, language: str) -> None:
        self.set_current(self._t.language)  # the session confirms through set_current
        self.language_selected.emit(language)
