"""The composition root: builds services, models and views and connects their signals.

Reading `build_kiosk` and `_connect` tells how the kiosk fits together: config and
content flow into the views; the views' signals go to the session; the session's
signals come back to the views.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk import resources
from kiosk.config import LoadedConfig
from kiosk.content.store import ContentStore, configured_folder, link_urls
from kiosk.fonts import FontReport, load_bundled_fonts
from kiosk.i18n import Translator, qlocale
from kiosk.qr import QrRenderer
from kiosk.session import SessionDefaults, VisitorSession
from kiosk.ui import accessibility
from kiosk.ui.faq import FaqScreen
from kiosk.ui.home import HomeScreen
from kiosk.ui.language_bar import LanguageBar
from kiosk.ui.theme import BODY_PX, FONT_FAMILY, palette_for, style_sheet
from kiosk.ui.toolbar import Toolbar
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


@dataclass
class Kiosk:
    """Everything the running kiosk is made of (kept together for the CLI and tests)."""

    qt_app: QApplication
    loaded_config: LoadedConfig
    fonts: list[FontReport]
    translator: Translator
    session: VisitorSession
    content: ContentStore
    qr: QrRenderer
    window: KioskWindow


def offered_languages(loaded: LoadedConfig, content: ContentStore) -> list[str]:
    """The config's languages that the content bundle has, in the config's order."""
    languages = [lang for lang in loaded.config.languages if lang in content.bundle.languages]
    for missing in set(loaded.config.languages) - set(languages):
        log.warning("Language %r is configured but the content bundle does not have it", missing)
    return languages or list(content.bundle.languages)


def build_kiosk(qt_app: QApplication, loaded: LoadedConfig, language: str | None = None) -> Kiosk:
    """Build the kiosk. *language* overrides the config's default language (--lang)."""
    fonts = load_bundled_fonts()
    font = QFont(FONT_FAMILY)
    font.setPixelSize(BODY_PX)
    qt_app.setFont(font)
    accessibility.install(qt_app)

    content = ContentStore(link_urls(loaded))
    content.load(configured_folder(loaded))
    languages = offered_languages(loaded, content)
    defaults = SessionDefaults.from_config(loaded.config)
    first = language if language in languages else defaults.language
    if first not in languages:
        first = languages[0]
    session = VisitorSession(SessionDefaults(first, defaults.text_size, defaults.high_contrast))
    translator = Translator(resources.i18n_dir(), first)
    qr = QrRenderer()

    toolbar = Toolbar(translator)
    language_bar = LanguageBar(translator, languages)
    home = HomeScreen(translator, languages)
    faq = FaqScreen(translator, qr)
    window = KioskWindow(toolbar, language_bar, home, faq)
    kiosk = Kiosk(qt_app, loaded, fonts, translator, session, content, qr, window)
    _connect(kiosk)
    _show_everything(kiosk)
    return kiosk


def _connect(kiosk: Kiosk) -> None:
    session, window, translator = kiosk.session, kiosk.window, kiosk.translator
    toolbar, language_bar = window.toolbar, window.language_bar
    home, faq = window.home, window.faq

    # Visitor actions → session.
    home.language_chosen.connect(session.choose_language)
    language_bar.language_selected.connect(session.set_language)
    toolbar.home_requested.connect(session.go_home)
    toolbar.smaller_text_requested.connect(session.smaller_text)
    toolbar.larger_text_requested.connect(session.larger_text)
    toolbar.high_contrast_toggled.connect(session.set_high_contrast)
    faq.question_toggled.connect(session.toggle_question)

    # Session → services and views.
    session.language_changed.connect(translator.set_language)
    translator.language_changed.connect(lambda _lang: _show_language(kiosk))
    session.screen_changed.connect(window.show_screen)
    session.open_question_changed.connect(faq.set_open)
    session.text_size_changed.connect(lambda _size: _apply_style(kiosk))
    session.high_contrast_changed.connect(lambda _on: _apply_style(kiosk))
    session.high_contrast_changed.connect(toolbar.set_high_contrast)
    session.reset_done.connect(faq.scroll_to_top)

    # Content → views.
    kiosk.content.changed.connect(lambda: _show_content(kiosk))


def _show_everything(kiosk: Kiosk) -> None:
    _apply_style(kiosk)
    kiosk.window.toolbar.set_high_contrast(kiosk.session.high_contrast)
    _show_content(kiosk)
    kiosk.window.show_screen(kiosk.session.screen)


def _show_content(kiosk: Kiosk) -> None:
    bundle = kiosk.content.bundle
    faq = kiosk.window.faq
    kiosk.window.home.show_text(bundle)
    feedback = bundle.links.get("feedback")
    faq.set_feedback(
        feedback.url if feedback and feedback.url else kiosk.loaded_config.config.feedback_url
    )
    _show_language(kiosk)
    faq.set_open(kiosk.session.open_question)


def _show_language(kiosk: Kiosk) -> None:
    language = kiosk.translator.language
    window = kiosk.window
    window.setLocale(qlocale(language))
    window.toolbar.retranslate()
    window.home.retranslate()
    window.language_bar.set_current(language)
    window.faq.show_content(kiosk.content.bundle, language)


def _apply_style(kiosk: Kiosk) -> None:
    session = kiosk.session
    # On the window, not the application: re-polishing costs time per widget, and only
    # the kiosk's own widgets need it.
    kiosk.window.setStyleSheet(style_sheet(palette_for(session.high_contrast), session.text_size))
    kiosk.window.toolbar.set_text_size(session.text_size)
    kiosk.window.faq.set_text_size(session.text_size)
