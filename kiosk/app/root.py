"""The composition root: builds services, models and views and connects their signals.

Reading `build_kiosk` tells how the kiosk fits together: config and content flow into
the views; the views' signals go to the session and the controllers; the session's
signals come back to the views. Each object is handed what it uses, no more: nothing
here or below navigates the finished `Kiosk`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication

from kiosk.app.diagnostics import HealthState, diagnostics_lines, reload_content
from kiosk.app.speech import connect_speech, warm_up_speech
from kiosk.app.views import connect_display, connect_visitor_actions
from kiosk.config import LoadedConfig
from kiosk.config.keymap import KeyMap
from kiosk.content.store import ContentStore, configured_folder, link_urls
from kiosk.control.keypad import KeypadNavigator
from kiosk.control.lockdown import LockDown
from kiosk.control.reading import ReadAloud
from kiosk.control.staff_desk import StaffDesk
from kiosk.control.turnover import VisitorTurnover
from kiosk.speech import default_cache_dir, make_player
from kiosk.speech.service import SpeechService, rate_for
from kiosk.speech.synthesizer import Synthesizer
from kiosk.state.idle import ActivityFilter, IdleTimer
from kiosk.state.pin_guard import PinGuard
from kiosk.state.session import SessionDefaults, VisitorSession
from kiosk.system import resources
from kiosk.system.fonts import FontReport, load_bundled_fonts
from kiosk.system.i18n import Translator
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
from kiosk.ui.theme import BODY_PX, FONT_FAMILY, palette_for
from kiosk.ui.toolbar import Toolbar
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


@dataclass(frozen=True, kw_only=True)
class Kiosk:
    """The assembled kiosk, as the entry points (kiosk/cli) and the tests hold it."""

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
    keypad: KeypadNavigator
    idle: IdleTimer
    activity: ActivityFilter
    lockdown: LockDown
    turnover: VisitorTurnover
    idle_overlay: IdleOverlay
    attract_overlay: AttractOverlay
    help_overlay: HelpOverlay
    staff_panel: StaffPanel
    staff_desk: StaffDesk
    health: HealthState

    @property
    def attract_timer(self) -> QTimer:
        """The timer that dims a quiet Home into the attract loop."""
        return self.turnover.attract_timer

    def enable_kiosk_mode(self) -> None:
        """Lock the kiosk down and start counting idle time (not for screenshots)."""
        for event_filter in (self.lockdown, self.activity, self.keypad):
            self.qt_app.installEventFilter(event_filter)
        self.idle.start()
        self.attract_timer.start()

    def warm_up_speech(self) -> None:
        """Start the speech engine and make the questions in the visitor's language
        (call once the first frame is on screen)."""
        warm_up_speech(self.speech, self.content.bundle, self.session.language)

    def diagnostics(self) -> list[str]:
        """The staff diagnostics lines."""
        return diagnostics_lines(self.content, self.loaded_config, self.speech, self.health)

    def reload_content(self) -> str:
        """Reload the content bundle; a line saying how it went."""
        return reload_content(self.content, self.loaded_config)


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
    *,
    synthesizer: Synthesizer | None = None,
    clock: Callable[[], float] = time.monotonic,
    i18n_dir: Path | None = None,
) -> Kiosk:
    """Build the kiosk. *language* overrides the config's default language (--lang);
    *synthesizer* replaces the speech engine's and *clock* the idle and PIN timers'
    (tests); *i18n_dir* replaces the bundled interface catalogs."""
    config = loaded.config
    fonts = load_bundled_fonts()
    font = QFont(FONT_FAMILY)
    font.setPixelSize(BODY_PX)
    qt_app.setFont(font)
    accessibility.install(qt_app)

    # Models and services.
    content = ContentStore(link_urls(loaded))
    content.load(configured_folder(loaded))
    languages = offered_languages(loaded, content)
    defaults = SessionDefaults.from_config(config)
    first = language if language in languages else defaults.language
    if first not in languages:
        first = languages[0]
    session = VisitorSession(replace(defaults, language=first))
    translator = Translator(i18n_dir or resources.i18n_dir(), first)
    qr = QrRenderer()
    speech = SpeechService(
        synthesizer or Synthesizer(default_cache_dir()),
        make_player,
        config.speech_voices,
        rate_for(config.speech_rate, session.speech_speed),
        session.volume,
    )
    health = HealthState(clock())

    # Views: each follows the translator's language by itself.
    toolbar = Toolbar(translator)
    language_bar = LanguageBar(translator, languages)
    speech_bar = SpeechBar(translator)
    home = HomeScreen(translator, languages)
    faq = FaqScreen(translator, qr)
    window = KioskWindow(
        translator,
        toolbar=toolbar,
        language_bar=language_bar,
        speech_bar=speech_bar,
        home=home,
        faq=faq,
    )
    help_overlay = HelpOverlay()
    idle_overlay = IdleOverlay(translator)
    attract_overlay = AttractOverlay(translator, languages)
    staff_panel = StaffPanel(translator)
    for overlay in (help_overlay, idle_overlay, attract_overlay, staff_panel):
        overlay.attach(window)

    # Controllers.
    read_aloud = ReadAloud(
        speech, session, home, faq, lambda: palette_for(session.high_contrast).speech_band
    )
    keypad = KeypadNavigator(
        window=window,
        home=home,
        faq=faq,
        session=session,
        speech=speech,
        t=translator,
        help_overlay=help_overlay,
        overlays=[idle_overlay, staff_panel, help_overlay],
        key_map=KeyMap.from_config(config.keypad),
    )
    staff_desk = StaffDesk(
        staff_panel,
        PinGuard(config.staff_pin_hash, clock),
        config.staff_allow_exit,
        diagnostics=lambda: diagnostics_lines(content, loaded, speech, health),
        reload_content=lambda: reload_content(content, loaded),
    )
    idle = IdleTimer(
        config.idle_timeout_s,
        config.idle_warning_s,
        needs_reset=lambda: not session.is_fresh() or staff_desk.is_open,
        clock=clock,
    )
    idle.setParent(window)  # the timers go with the window
    lockdown, activity = LockDown(window), ActivityFilter()

    connect_visitor_actions(session, home=home, language_bar=language_bar, toolbar=toolbar, faq=faq)
    show_first_frame = connect_display(
        session,
        content,
        translator,
        window=window,
        toolbar=toolbar,
        home=home,
        faq=faq,
        feedback_url=config.feedback_url,
    )
    connect_speech(
        session=session,
        speech=speech,
        read_aloud=read_aloud,
        translator=translator,
        window=window,
        toolbar=toolbar,
        speech_bar=speech_bar,
        home=home,
        faq=faq,
        configured_rate=config.speech_rate,
        qt_app=qt_app,
    )
    turnover = VisitorTurnover(
        session=session,
        speech=speech,
        idle=idle,
        activity=activity,
        idle_overlay=idle_overlay,
        attract_overlay=attract_overlay,
        help_overlay=help_overlay,
        staff_desk=staff_desk,
        lockdown=lockdown,
        attract_after_s=config.attract_after_s,
        parent=window,
    )

    def exit_kiosk() -> None:
        log.info("Staff chose Exit")
        window.allow_close()
        window.close()
        qt_app.quit()

    staff_desk.exit_requested.connect(exit_kiosk)

    show_first_frame()
    return Kiosk(
        qt_app=qt_app,
        loaded_config=loaded,
        fonts=fonts,
        translator=translator,
        session=session,
        content=content,
        qr=qr,
        window=window,
        speech=speech,
        read_aloud=read_aloud,
        keypad=keypad,
        idle=idle,
        activity=activity,
        lockdown=lockdown,
        turnover=turnover,
        idle_overlay=idle_overlay,
        attract_overlay=attract_overlay,
        help_overlay=help_overlay,
        staff_panel=staff_panel,
        staff_desk=staff_desk,
        health=health,
    )
