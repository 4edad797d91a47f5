"""Part of the composition root (kiosk/app/root.py): visitor actions → the session, and
the session's and the content's changes → the views."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date, datetime, timedelta

from PySide6.QtCore import QTimer

from kiosk.content.store import ContentStore
from kiosk.state.session import VisitorSession
from kiosk.system.i18n import Translator
from kiosk.ui.faq import FaqScreen
from kiosk.ui.feedback_overlay import FeedbackOverlay
from kiosk.ui.home import HomeScreen
from kiosk.ui.language_bar import LanguageBar
from kiosk.ui.text_size import apply_text_size
from kiosk.ui.theme import palette_for, style_sheet
from kiosk.ui.toolbar import Toolbar
from kiosk.ui.window import KioskWindow

log = logging.getLogger(__name__)


def connect_visitor_actions(
    session: VisitorSession,
    *,
    home: HomeScreen,
    language_bar: LanguageBar,
    toolbar: Toolbar,
    faq: FaqScreen,
) -> None:
    """What the visitor taps changes the session."""
    home.language_chosen.connect(session.choose_language)
    language_bar.language_selected.connect(session.set_language)
    toolbar.home_requested.connect(session.go_home)
    toolbar.smaller_text_requested.connect(session.smaller_text)
    toolbar.larger_text_requested.connect(session.larger_text)
    toolbar.high_contrast_toggled.connect(session.set_high_contrast)
    toolbar.speak_everything_toggled.connect(session.set_speech_mode)
    faq.question_toggled.connect(session.toggle_question)


def connect_display(
    session: VisitorSession,
    content: ContentStore,
    translator: Translator,
    *,
    window: KioskWindow,
    toolbar: Toolbar,
    home: HomeScreen,
    faq: FaqScreen,
    feedback_overlay: FeedbackOverlay,
    feedback_url: str,
) -> Callable[[], None]:
    """The session and the content shown: language, screen, open answer, text size,
    theme, the feedback code full size. Returns what shows the first frame."""
    session.language_changed.connect(translator.set_language)  # the views follow it
    session.screen_changed.connect(window.show_screen)
    session.open_question_changed.connect(faq.set_open)
    # Tab follows the reading order, which moves when an answer opens or text grows.
    session.open_question_changed.connect(window.update_tab_order_later)
    session.language_changed.connect(window.update_tab_order_later)
    session.speech_mode_changed.connect(toolbar.set_speech_mode)
    session.high_contrast_changed.connect(toolbar.set_high_contrast)
    session.reset_done.connect(faq.scroll_to_top)
    # The compact layout's feedback button opens the code full size; the next visitor
    # and another screen never find it open.
    faq.feedback_requested.connect(lambda: feedback_overlay.open_from(faq.feedback_button))
    session.reset_done.connect(feedback_overlay.back)
    session.screen_changed.connect(lambda _screen: feedback_overlay.back())

    def show_text_size() -> None:
        apply_text_size(window, session.text_size)
        toolbar.set_text_size(session.text_size)
        faq.set_text_size(session.text_size)
        window.set_text_size(session.text_size)
        window.update_tab_order_later()

    def show_theme() -> None:
        # On the window, not the application: re-polishing costs time per widget, and
        # only the kiosk's own widgets need it.
        window.setStyleSheet(style_sheet(palette_for(session.high_contrast)))

    midnight = QTimer(window)
    midnight.setSingleShot(True)

    def show_content() -> None:
        try:
            render_content()
        except Exception as error:
            # A bundle that loads but cannot be shown: go back to the one before it
            # (which emits `changed` again); with none, the crash guard takes it.
            log.exception("Content %s could not be shown", content.bundle.source)
            if not content.render_failed(error):
                raise

    def render_content() -> None:
        # Visitors see today's questions (manifest [dates]); midnight shows them again.
        bundle = content.bundle.shown_on(date.today())
        if content.bundle.dates:
            midnight.start(ms_to_midnight())
        home.show_text(bundle)
        feedback = bundle.links.get("feedback")
        url = feedback.url if feedback and feedback.url else feedback_url
        faq.set_feedback(url)
        feedback_overlay.set_feedback(url)
        faq.set_content(bundle)
        # New content may have brought new labels with a type role (link cards); labels
        # without one take their parent's font when they are first shown.
        show_text_size()
        faq.set_open(session.open_question)

    midnight.timeout.connect(show_content)

    def show_first_frame() -> None:
        show_theme()  # the text size comes with the content
        toolbar.set_high_contrast(session.high_contrast)
        show_content()
        window.show_screen(session.screen)

    session.text_size_changed.connect(lambda _size: show_text_size())
    session.high_contrast_changed.connect(lambda _on: show_theme())
    content.changed.connect(show_content)
    return show_first_frame


def ms_to_midnight(now: datetime | None = None) -> int:
    """Milliseconds from *now* (local time) to one second after the next midnight."""
    now = now or datetime.now()
    tomorrow = datetime.combine(now.date() + timedelta(days=1), datetime.min.time())
    return int((tomorrow - now).total_seconds() * 1000) + 1000
