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

from kiosk.app.diagnostics import (
    HealthState,
    diagnostics_lines,
    reload_content,
    reload_result,
    roll_back_content,
)
from kiosk.app.speech import connect_speech, warm_up_speech
from kiosk.app.views import connect_display, connect_visitor_actions
from kiosk.config import LoadedConfig
from kiosk.config.keymap import KeyMap
from kiosk.content.history import HISTORY_FOLDER, ContentHistory
from kiosk.content.store import ContentStore, configured_folder, link_urls
from kiosk.content.store import offered_languages as offered_by_bundle
from kiosk.control.keypad import KeypadNavigator
from kiosk.control.lockdown import LockDown
from kiosk.control.reading import ReadAloud
from kiosk.control.staff_desk import StaffActions, StaffDesk
from kiosk.control.turnover import VisitorTurnover
from kiosk.speech import default_cache_dir, make_player
from kiosk.speech.service import SpeechService, rate_for
from kiosk.speech.synthesizer import Synthesizer
from kiosk.state.idle import ActivityFilter, IdleTimer
from kiosk.state.pin_guard import STATE_NAME, PinGuard
from kiosk.state.session import SessionDefaults, VisitorSession
from kiosk.system import resources
from kiosk.system.fonts import FontReport, load_bundled_fonts
from kiosk.system.i18n import Translator
from kiosk.system.qr import QrRenderer
from kiosk.system.screen_reader import Detector, ScreenReaderWatch
from kiosk.ui import accessibility
from kiosk.ui.attract_overlay import AttractOverlay
from kiosk.ui.faq import FaqScreen
from kiosk.ui.feedback_overlay import FeedbackOverlay
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
    feedback_overlay: FeedbackOverlay
    staff_panel: StaffPanel
    staff_desk: StaffDesk
    health: HealthState
    screen_reader: ScreenReaderWatch

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
        """Start the speech engine and make what the keypad can say on this screen, then
        the questions in the visitor's language (call once the first frame is on screen)."""
        warm_up_speech(
            self.speech, self.content.bundle, self.session.language, self.keypad.phrases()
        )

    def diagnostics(self) -> list[str]:
        """The staff diagnostics lines."""
        return diagnostics_lines(
            self.content, self.loaded_config, self.speech, self.health, self.screen_reader
        )

    def reload_content(self) -> str:
        """Reload the content bundle; a line saying how it went."""
        return reload_content(self.content, self.loaded_config)


def offered_languages(loaded: LoadedConfig, content: ContentStore) -> list[str]:
    """The languages the visitor can choose (kiosk.content.store.offered_languages),
    logging those the config names and the content lacks, and those hidden because
    their translation is not all reviewed."""
    bundle = content.bundle
    languages = offered_by_bundle(bundle, loaded.config)
    for missing in set(loaded.config.languages) - set(bundle.languages):
        log.warning("Language %r is configured but the content bundle does not have it", missing)
    for hidden in set(loaded.config.offered_languages(bundle.languages)) - set(languages):
        log.warning(
            "Language %r is not offered: %d of its answers are not reviewed "
            '(unreviewed_translations = "hide")',
            hidden,
            len(bundle.unreviewed(hidden)),
        )
    return languages


@dataclass(frozen=True)
class _Views:
    """The window and everything shown in it, made together; each follows the
    translator's language by itself."""

    window: KioskWindow
    toolbar: Toolbar
    language_bar: LanguageBar
    speech_bar: SpeechBar
    home: HomeScreen
    faq: FaqScreen
    help_overlay: HelpOverlay
    idle_overlay: IdleOverlay
    attract_overlay: AttractOverlay
    feedback_overlay: FeedbackOverlay
    staff_panel: StaffPanel

    @classmethod
    def build(cls, translator: Translator, qr: QrRenderer, languages: list[str]) -> _Views:
        toolbar, speech_bar = Toolbar(translator), SpeechBar(translator)
        language_bar = LanguageBar(translator, languages)
        home, faq = HomeScreen(translator, languages), FaqScreen(translator, qr)
        window = KioskWindow(
            translator,
            toolbar=toolbar,
            language_bar=language_bar,
            speech_bar=speech_bar,
            home=home,
            faq=faq,
        )
        overlays = (
            HelpOverlay(),
            IdleOverlay(translator),
            AttractOverlay(translator, languages),
            FeedbackOverlay(translator, qr),
            StaffPanel(translator),
        )
        for overlay in overlays:
            overlay.attach(window)
        return cls(window, toolbar, language_bar, speech_bar, home, faq, *overlays)


@dataclass(frozen=True)
class _Controllers:
    """What turns keys, taps and time into session changes and speech."""

    read_aloud: ReadAloud
    keypad: KeypadNavigator
    staff_desk: StaffDesk
    idle: IdleTimer
    lockdown: LockDown
    activity: ActivityFilter

    @classmethod
    def build(
        cls,
        views: _Views,
        *,
        session: VisitorSession,
        speech: SpeechService,
        translator: Translator,
        loaded: LoadedConfig,
        staff_actions: StaffActions,
        clock: Callable[[], float],
        screen_reader: ScreenReaderWatch,
    ) -> _Controllers:
        config = loaded.config
        read_aloud = ReadAloud(
            speech,
            session,
            views.home,
            views.faq,
            lambda: palette_for(session.high_contrast).speech_band,
        )
        keypad = KeypadNavigator(
            window=views.window,
            home=views.home,
            faq=views.faq,
            session=session,
            speech=speech,
            t=translator,
            help_overlay=views.help_overlay,
            overlays=[
                views.idle_overlay,
                views.staff_panel,
                views.help_overlay,
                views.feedback_overlay,
            ],
            pin_pad=views.staff_panel,
            key_map=KeyMap.from_config(config.keypad),
            screen_reader=screen_reader,
        )
        staff_desk = StaffDesk(
            views.staff_panel,
            PinGuard(config.staff_pin_hash, clock, loaded.state_folder() / STATE_NAME),
            config.staff_allow_exit,
            staff_actions,
        )
        idle = IdleTimer(
            config.idle_timeout_s,
            config.idle_warning_s,
            needs_reset=lambda: not session.is_fresh() or staff_desk.is_open,
            clock=clock,
        )
        idle.setParent(views.window)  # the timers go with the window
        return cls(read_aloud, keypad, staff_desk, idle, LockDown(views.window), ActivityFilter())


def _install_fonts(qt_app: QApplication) -> list[FontReport]:
    fonts = load_bundled_fonts()
    font = QFont(FONT_FAMILY)
    font.setPixelSize(BODY_PX)
    qt_app.setFont(font)
    return fonts


def _new_session(
    loaded: LoadedConfig, languages: list[str], language: str | None
) -> VisitorSession:
    # --lang wins if the content has it, then the config's default, then the first offered.
    defaults = SessionDefaults.from_config(loaded.config)
    if language is not None and language not in languages:
        log.warning("No %r in the content (it has %s)", language, ", ".join(languages))
    first = language if language in languages else defaults.language
    return VisitorSession(replace(defaults, language=first if first in languages else languages[0]))


def build_kiosk(
    qt_app: QApplication,
    loaded: LoadedConfig,
    language: str | None = None,
    *,
    synthesizer: Synthesizer | None = None,
    clock: Callable[[], float] = time.monotonic,
    i18n_dir: Path | None = None,
    screen_reader_detector: Detector | None = None,
    wall_clock: Callable[[], float] = time.time,
    watch_crashes: bool = False,
) -> Kiosk:
    """Build the kiosk. *language* overrides the config's default language (--lang);
    *synthesizer* replaces the speech engine's and *clock* the idle and PIN timers'
    (tests); *i18n_dir* replaces the bundled interface catalogs;
    *screen_reader_detector* the platform's screen reader detection; *wall_clock* the
    content history's clock. With *watch_crashes* (the running kiosk), a last run that
    never ended cleanly counts as a crash of its content (kiosk/content/history.py)."""
    config = loaded.config
    fonts = _install_fonts(qt_app)
    accessibility.install(qt_app)

    # Models and services.
    content = ContentStore(
        link_urls(loaded),
        config.unreviewed_translations == "mark",
        public_key=config.content_public_key,
        history=ContentHistory(loaded.state_folder() / HISTORY_FOLDER, wall_clock),
    )
    if watch_crashes:
        content.note_start()
    content.load(configured_folder(loaded))
    languages = offered_languages(loaded, content)
    session = _new_session(loaded, languages, language)
    translator = Translator(i18n_dir or resources.i18n_dir(), session.language)
    qr, health = QrRenderer(), HealthState(clock())
    screen_reader = ScreenReaderWatch(config.screen_reader, screen_reader_detector, qt_app)
    speech = SpeechService(
        synthesizer or Synthesizer(default_cache_dir()),
        make_player,
        {language: config.voice_for(language) for language in languages},
        rate_for(config.speech_rate, session.speech_speed),
        session.volume,
    )
    views = _Views.build(translator, qr, languages)
    window, toolbar, home, faq = views.window, views.toolbar, views.home, views.faq

    controls = _Controllers.build(
        views,
        session=session,
        speech=speech,
        translator=translator,
        loaded=loaded,
        staff_actions=StaffActions(
            diagnostics=lambda: diagnostics_lines(content, loaded, speech, health, screen_reader),
            start_reload=lambda: content.reload(configured_folder(loaded)),
            roll_back=lambda: roll_back_content(content),
            can_roll_back=lambda: content.previous is not None,
        ),
        clock=clock,
        screen_reader=screen_reader,
    )
    screen_reader.start()  # answers arrive later, through the event loop
    staff_desk = controls.staff_desk
    content.reloaded.connect(lambda _ok: staff_desk.reload_finished(reload_result(content)))

    connect_visitor_actions(
        session, home=home, language_bar=views.language_bar, toolbar=toolbar, faq=faq
    )
    show_first_frame = connect_display(
        session,
        content,
        translator,
        window=window,
        toolbar=toolbar,
        home=home,
        faq=faq,
        feedback_overlay=views.feedback_overlay,
        feedback_url=config.feedback_url,
    )
    controls.lockdown.escape_pressed.connect(views.feedback_overlay.back)
    connect_speech(
        session=session,
        speech=speech,
        read_aloud=controls.read_aloud,
        translator=translator,
        window=window,
        toolbar=toolbar,
        speech_bar=views.speech_bar,
        home=home,
        faq=faq,
        configured_rate=config.speech_rate,
        qt_app=qt_app,
    )
    turnover = VisitorTurnover(
        session=session,
        speech=speech,
        idle=controls.idle,
        activity=controls.activity,
        idle_overlay=views.idle_overlay,
        attract_overlay=views.attract_overlay,
        help_overlay=views.help_overlay,
        staff_desk=staff_desk,
        lockdown=controls.lockdown,
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
        read_aloud=controls.read_aloud,
        keypad=controls.keypad,
        idle=controls.idle,
        activity=controls.activity,
        lockdown=controls.lockdown,
        turnover=turnover,
        idle_overlay=views.idle_overlay,
        attract_overlay=views.attract_overlay,
        help_overlay=views.help_overlay,
        feedback_overlay=views.feedback_overlay,
        staff_panel=views.staff_panel,
        staff_desk=staff_desk,
        health=health,
        screen_reader=screen_reader,
    )
