"""The composition root: builds services, models and views and connects their signals.

Reading `build_kiosk` and `_connect` tells how the kiosk fits together: config and
content flow into the views; the views' signals go to the session; the session's
signals come back to the views.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.app.diagnostics import HealthState, diagnostics_lines
from kiosk.app.speech import connect_speech, show_speech_state
from kiosk.app.turnover import connect_visitor_turnover, reload_content
from kiosk.config import LoadedConfig
from kiosk.config.keymap import KeyMap
from kiosk.content.store import ContentStore, configured_folder, link_urls
from kiosk.control.keypad import KeypadNavigator
from kiosk.control.lockdown import LockDown
from kiosk.control.reading import ReadAloud
from kiosk.control.staff_desk import StaffDesk
from kiosk.speech import default_cache_dir, make_player
from kiosk.speech.service import SpeechService, rate_for
from kiosk.speech.synthesizer import Synthesizer
from kiosk.state.idle import ActivityFilter, IdleTimer
from kiosk.state.pin_guard import PinGuard
from kiosk.state.session import SessionDefaults, VisitorSession
from kiosk.system import resources
from kiosk.system.fonts import FontReport, load_bundled_fonts
from kiosk.system.i18n import Translator, qlocale
from kiosk.system.qr import QrRenderer
from kiosk.ui import accessibility
from kiosk.ui.attract_overlay import AttractOverlay
from kiosk.ui.faq import FaqScreen
from kiosk.ui.help_overlay import HelpOverlay
from kiosk.ui.home import HomeScreen
from kiosk.ui.idle_overlay import IdleOverlay
from kiosk.ui.language_bar import LanguageBar
from kiosk.ui.speech_bar import SpeechBar
from kiosk.ui.staff_panel import StaffPanel
from kiosk.ui.text_size import apply_text_size
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
    idle: IdleTimer
    attract_timer: QTimer
    idle_overlay: IdleOverlay
    attract_overlay: AttractOverlay
    staff_panel: StaffPanel
    staff_desk: StaffDesk
    lockdown: LockDown
    activity: ActivityFilter
    health: HealthState
    help_overlay: HelpOverlay
    keypad: KeypadNavigator


def enable_kiosk_mode(kiosk: Kiosk) -> None:
    """Lock the kiosk down and start counting idle time (not for screenshots)."""
    kiosk.qt_app.installEventFilter(kiosk.lockdown)
    kiosk.qt_app.installEventFilter(kiosk.activity)
    kiosk.qt_app.installEventFilter(kiosk.keypad)
    kiosk.idle.start()
    kiosk.attract_timer.start()


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
    clock: Callable[[], float] = time.monotonic,
) -> Kiosk:
    """Build the kiosk. *language* overrides the config's default language (--lang);
    *synthesizer* replaces the speech engine's and *clock* the idle and PIN timers' (tests)."""
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

    help_overlay = HelpOverlay()
    idle_overlay = IdleOverlay(translator)
    attract_overlay = AttractOverlay(translator, languages)
    staff_panel = StaffPanel(translator)
    for overlay in (help_overlay, idle_overlay, attract_overlay, staff_panel):
        overlay.attach(window)
    keypad = KeypadNavigator(
        window=window,
        session=session,
        speech=speech,
        t=translator,
        help_overlay=help_overlay,
        overlays=[idle_overlay, staff_panel, help_overlay],
        key_map=KeyMap.from_config(config.keypad),
    )
    health = HealthState(clock())
    staff_desk = StaffDesk(
        staff_panel,
        PinGuard(config.staff_pin_hash, clock),
        config.staff_allow_exit,
        diagnostics=lambda: diagnostics_lines(kiosk, health),
        reload_content=lambda: reload_content(kiosk),
    )
    idle = IdleTimer(
        config.idle_timeout_s,
        config.idle_warning_s,
        needs_reset=lambda: not session.is_fresh() or staff_desk.is_open,
        clock=clock,
    )
    idle.setParent(window)  # the timers go with the window
    attract_timer = QTimer(window)
    attract_timer.setSingleShot(True)
    attract_timer.setInterval(config.attract_after_s * 1000)
    kiosk = Kiosk(
        qt_app, loaded, fonts, translator, session, content, qr, window, speech, read_aloud,
        idle, attract_timer, idle_overlay, attract_overlay, staff_panel, staff_desk,
        LockDown(window), ActivityFilter(), health, help_overlay, keypad,
    )  # fmt: skip
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
    toolbar.speak_everything_toggled.connect(session.set_speech_mode)
    session.speech_mode_changed.connect(toolbar.set_speech_mode)
    faq.question_toggled.connect(session.toggle_question)

    # Session → services and views.
    session.language_changed.connect(translator.set_language)
    translator.language_changed.connect(lambda _lang: _show_language(kiosk))
    session.screen_changed.connect(window.show_screen)
    session.open_question_changed.connect(faq.set_open)
    session.text_size_changed.connect(lambda _size: _apply_text_size(kiosk))
    session.high_contrast_changed.connect(lambda _on: _apply_theme(kiosk))
    session.high_contrast_changed.connect(toolbar.set_high_contrast)
    session.reset_done.connect(faq.scroll_to_top)

    # Content → views.
    kiosk.content.changed.connect(lambda: _show_content(kiosk))

    connect_speech(kiosk)
    connect_visitor_turnover(kiosk)


def _show_everything(kiosk: Kiosk) -> None:
    _apply_theme(kiosk)  # the text size comes with the content (_show_content)
    kiosk.window.toolbar.set_high_contrast(kiosk.session.high_contrast)
    kiosk.window.speech_bar.set_speed(kiosk.session.speech_speed)
    kiosk.window.speech_bar.set_volume(kiosk.session.volume)
    show_speech_state(kiosk, kiosk.speech.state)
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
    # New content may have brought new labels with a type role (link cards); labels
    # without one take their parent's font when they are first shown.
    _apply_text_size(kiosk)
    faq.set_open(kiosk.session.open_question)


def _show_language(kiosk: Kiosk) -> None:
    language = kiosk.translator.language
    window = kiosk.window
    window.setLocale(qlocale(language))
    window.toolbar.retranslate()
    window.speech_bar.retranslate()
    window.home.retranslate()
    for overlay in (kiosk.idle_overlay, kiosk.staff_panel):
        overlay.retranslate()
    window.language_bar.set_current(language)
    window.faq.show_content(kiosk.content.bundle, language)


def _apply_theme(kiosk: Kiosk) -> None:
    # On the window, not the application: re-polishing costs time per widget, and only
    # the kiosk's own widgets need it.
    kiosk.window.setStyleSheet(style_sheet(palette_for(kiosk.session.high_contrast)))


def _apply_text_size(kiosk: Kiosk) -> None:
    size = kiosk.session.text_size
    apply_text_size(kiosk.window, size)
    kiosk.window.toolbar.set_text_size(size)
    kiosk.window.faq.set_text_size(size)
