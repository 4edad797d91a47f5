"""Interface strings through gettext, switchable at runtime.

`N_` marks a string for extraction without translating it (for module-level
constants); `Translator.gettext` translates into the current language when a view renders.
Nothing is translated at import time. Catalogs are i18n/<lang>/LC_MESSAGES/kiosk.mo,
compiled from the .po files at build time; English is the source language.

Extract with `make pot` (babel), which looks for `gettext`, `N_`, `gettext_in` and `ngettext`.
"""

from __future__ import annotations

import logging
import struct
from functools import cache
from gettext import GNUTranslations, NullTranslations
from pathlib import Path

from PySide6.QtCore import QLocale, QObject, Qt, Signal

log = logging.getLogger(__name__)

SOURCE_LANGUAGE = "en"
DOMAIN = "kiosk"


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name
    """Mark *message* for translation without translating it now."""
    return message


# CLDR's names of the bundled languages, as `cldr_endonym` gives them: loading babel's
# data for three locales costs about 60 ms of start-up. tests/system/test_i18n.py checks them
# against babel, so a babel upgrade that changes one fails the tests.
KNOWN_ENDONYMS = {"en": "English", "es": "Español", "vi": "Tiếng Việt"}


def cldr_endonym(language: str) -> str:
    """The language's name in itself, from babel's CLDR data, capitalised; the code
    itself if CLDR (or a package that left its data out) has none."""
    from babel import Locale, UnknownLocaleError  # CLDR; loaded only when a name is needed

    try:
        locale = Locale.parse(language, sep="-")
        name = str(locale.get_display_name(locale) or "")
    except (UnknownLocaleError, ValueError, OSError) as error:
        log.warning("No CLDR name for language %r (%s)", language, error)
        return language
    return name[:1].upper() + name[1:] if name else language


@cache
def endonym(language: str) -> str:
    """The language's name in itself, from CLDR ("Español", "Tiếng Việt")."""
    return KNOWN_ENDONYMS.get(language) or cldr_endonym(language)


def catalog_path(i18n_dir: Path, language: str, suffix: str = ".mo") -> Path:
    """Where *language*'s catalog lives: gettext's folder names use "_" ("es_419" for the
    kiosk's "es-419")."""
    return i18n_dir / language.replace("-", "_") / "LC_MESSAGES" / f"{DOMAIN}{suffix}"


def qlocale(language: str) -> QLocale:
    """The QLocale to give widgets showing *language*, so screen readers pick its voice."""
    return QLocale(language)


def text_direction(language: str) -> Qt.LayoutDirection:
    """Which way *language* reads (CLDR, through Qt): Arabic, Hebrew, Persian, Urdu … right
    to left, so the screen is laid out mirrored."""
    return QLocale(language).textDirection()


class Translator(QObject):
    """Translates interface strings into the current language.

    Signals:
        language_changed(str): the current language changed; views retranslate.
    """

    language_changed = Signal(str)

    def __init__(self, i18n_dir: Path, language: str = SOURCE_LANGUAGE) -> None:
        super().__init__()
        self._dir = i18n_dir
        self._catalogs: dict[str, NullTranslations] = {}
        self._missing: set[str] = set()
        self._language = language

    @property
    def language(self) -> str:
        """The current language code."""
        return self._language

    @property
    def missing_catalogs(self) -> set[str]:
        """Languages asked for whose catalog could not be loaded (shown in English)."""
        return set(self._missing)

    def set_language(self, language: str) -> None:
        """Switch the current language; emits `language_changed` if it changed."""
        if language != self._language:
            self._language = language
            self.language_changed.emit(language)

    # Not named `_`: PySide6 (≤ 6.12) raises a stray IndexError for one-character
    # attribute names on QObject subclasses.
    def gettext(self, message: str) -> str:
        """*message* in the current language."""
        return str(self.catalog(self._language).gettext(message))

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The singular or plural form for *count*, in the current language."""
        return str(self.catalog(self._language).ngettext(singular, plural, count))

    def gettext_in(self, language: str, message: str) -> str:
        """*message* in *language*, whatever the current language (the trilingual welcome)."""
        return str(self.catalog(language).gettext(message))

    def catalog(self, language: str) -> NullTranslations:
        """The compiled catalog for *language*, loaded once."""
        if language not in self._catalogs:
            self._catalogs[language] = self._load(language)
        return self._catalogs[language]

    def _load(self, language: str) -> NullTranslations:
        if language == SOURCE_LANGUAGE:
            return NullTranslations()
        path = catalog_path(self._dir, language)
        try:
            with path.open("rb") as mo_file:
                return GNUTranslations(mo_file)
        except (OSError, ValueError, struct.error) as error:  # missing or damaged .mo file
            log.error("No interface catalog for %r (%s); showing English", language, error)
            self._missing.add(language)
            return NullTranslations()
