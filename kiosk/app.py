"""The composition root: builds services, models and views and connects their signals.

Reading `build_kiosk` and `_connect` tells how the kiosk fits together: config and
content flow into the views; the views' signals go to the session; the session's
signals come back to the views.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, replace

from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk import resources
from kiosk.config import LoadedConfig
from kiosk.content.store import ContentStore, configured_folder, link_urls
from kiosk.fonts import FontReport, load_bundled_fonts
from kiosk.i18n import Translator, qlocale
from kiosk.qr import QrRenderer
from kiosk.reading import ReadAloud
from kiosk.session import FAQ, SessionDefaults, VisitorSession
from kiosk.speech import default_cache_dir, make_player
from kiosk.speech.sentences import split_sentences
from kiosk.speech.service import IDLE, SpeechService, Utterance, rate_for
from kiosk.speech.synthesizer import NO_ENGINE, NO_VOICE, Synthesizer
from kiosk.ui import accessibility
from kiosk.ui.faq import FaqScreen
from kiosk.ui.home import HomeScreen
from kiosk.ui.language_bar import LanguageBar
from kiosk.ui.speech_bar import SpeechBar
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
    speech: SpeechService
    read_aloud: ReadAloud


def offered_languages(loaded: LoadedConfig, content: ContentStore) -> list[str]:
    """The config's languages that the content bundle has, in the config's order."""
    languages = [lang for lang in loaded.config.languages if lang in content.bundle.languages]
    for missing in set(loaded.config.languages) - set(languages):
        log.warning("Language %r is configured but the content bundle does not have it", missing)
    return languages or list(content.bundle.languages)


def build_kiosk(
    qt_app: QApplication,
    loaded: LoadedConfig,
    language: str | None = None,
    synthesizer: Synthesizer | None = None,
) -> Kiosk:
    """Build the kiosk. *language* overrides the config's default language (--lang);
    *synthesizer* replaces the speech engine's (tests)."""
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
    session = VisitorSession(replace(defaults, language=first))
    translator = Translator(resources.i18n_dir(), first)
    qr = QrRenderer()

    config = loaded.config
    speech = SpeechService(
        synthesizer or Synthesizer(default_cache_dir()),
        make_player,
        config.speech_voices,
        rate_for(config.speech_rate, session.speech_speed),
        session.volume,
    )

    toolbar = Toolbar(translator)
    language_bar = LanguageBar(translator, languages)
    speech_bar = SpeechBar(translator)
    home = HomeScreen(translator, languages)
    faq = FaqScreen(translator, qr)
    window = KioskWindow(toolbar, language_bar, speech_bar, home, faq)
    read_aloud = ReadAloud(
        speech, session, window, lambda: palette_for(session.high_contrast).speech_band
    )
    kiosk = Kiosk(
        qt_app, loaded, fonts, translator, session, content, qr, window, speech, read_aloud
    )
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

    _connect_speech(kiosk)


def _connect_speech(kiosk: Kiosk) -> None:
    session, speech, read_aloud = kiosk.session, kiosk.speech, kiosk.read_aloud
    window = kiosk.window
    toolbar, speech_bar = window.toolbar, window.speech_bar
    config = kiosk.loaded_config.config

    # Visitor actions → speech.
    toolbar.read_aloud_clicked.connect(read_aloud.toggle)
    window.faq.accordion.read_requested.connect(read_aloud.read_question)
    speech_bar.pause_toggled.connect(
        lambda: speech.resume() if speech.state == "paused" else speech.pause()
    )
    speech_bar.replay_requested.connect(speech.replay)
    speech_bar.slower_requested.connect(session.slower_speech)
    speech_bar.faster_requested.connect(session.faster_speech)
    speech_bar.quieter_requested.connect(session.quieter)
    speech_bar.louder_requested.connect(session.louder)

    # Any other action interrupts; a language switch reads the same thing in the new one.
    for changed in (
        session.open_question_changed,
        session.screen_changed,
        session.text_size_changed,
        session.high_contrast_changed,
        session.reset_done,
    ):
        changed.connect(read_aloud.stop)
    kiosk.translator.language_changed.connect(
        lambda _lang: read_aloud.restart_in_current_language()
    )
    session.speech_speed_changed.connect(
        lambda speed: speech.set_rate(rate_for(config.speech_rate, speed))
    )
    session.volume_changed.connect(speech.set_volume)
    session.speech_speed_changed.connect(speech_bar.set_speed)
    session.volume_changed.connect(speech_bar.set_volume)

    # Speech → views.
    speech.state_changed.connect(lambda state: _show_speech_state(kiosk, state))
    speech.started.connect(lambda: _show_speech_availability(kiosk))
    speech.failed.connect(lambda reason: _show_speech_failure(kiosk, reason))
    speech.voices_changed.connect(lambda: _show_speech_availability(kiosk))
    session.language_changed.connect(lambda _lang: _show_speech_availability(kiosk))
    session.screen_changed.connect(lambda _screen: _show_speech_availability(kiosk))
    kiosk.qt_app.aboutToQuit.connect(speech.shutdown)


def _show_speech_state(kiosk: Kiosk, state: str) -> None:
    kiosk.window.toolbar.set_speaking(state != IDLE)
    kiosk.window.speech_bar.set_state(state)
    kiosk.window.show_speech_bar(state != IDLE)


def _show_speech_availability(kiosk: Kiosk) -> None:
    session, speech = kiosk.session, kiosk.speech
    if session.screen == FAQ:
        problem = speech.availability(session.language)
    else:  # Home reads every language it can
        problems = {speech.availability(lang) for lang in kiosk.window.home.titles}
        problem = None if None in problems else (NO_ENGINE if NO_ENGINE in problems else NO_VOICE)
    kiosk.window.toolbar.set_speech_problem(problem, blocking=problem is not None)


def _show_speech_failure(kiosk: Kiosk, reason: str) -> None:
    blocking = reason in (NO_ENGINE, NO_VOICE)
    kiosk.window.toolbar.set_speech_problem(reason, blocking=blocking)


def warm_up_speech(kiosk: Kiosk) -> None:
    """Start the speech engine and make the default language's questions in the
    background. Call once the first frame is on screen, never before."""
    bundle, language = kiosk.content.bundle, kiosk.session.language
    utterances = []
    for question_id in bundle.question_ids:
        question = bundle.question(language, question_id)
        for text in (question.title, *question.answer):
            utterances += [Utterance(s.text, language) for s in split_sentences(text)]
    kiosk.speech.warm_up(utterances)


def _show_everything(kiosk: Kiosk) -> None:
    _apply_style(kiosk)
    kiosk.window.toolbar.set_high_contrast(kiosk.session.high_contrast)
    kiosk.window.speech_bar.set_speed(kiosk.session.speech_speed)
    kiosk.window.speech_bar.set_volume(kiosk.session.volume)
    _show_speech_state(kiosk, kiosk.speech.state)
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
    window.speech_bar.retranslate()
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
