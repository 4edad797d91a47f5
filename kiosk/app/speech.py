"""Part of the composition root (see app.py): how Read aloud is wired."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kiosk.speech.sentences import split_sentences
from kiosk.speech.service import IDLE, PAUSED, Utterance, rate_for
from kiosk.speech.synthesizer import NO_ENGINE, NO_VOICE
from kiosk.state.session import FAQ

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def connect_speech(kiosk: Kiosk) -> None:
    """Read aloud: visitor actions → speech, interruptions, speech → views."""
    session, speech, read_aloud = kiosk.session, kiosk.speech, kiosk.read_aloud
    window = kiosk.window
    toolbar, speech_bar = window.toolbar, window.speech_bar
    config = kiosk.loaded_config.config

    # Visitor actions → speech.
    toolbar.read_aloud_clicked.connect(read_aloud.toggle)
    window.faq.accordion.read_requested.connect(read_aloud.read_question)
    speech_bar.pause_toggled.connect(
        lambda: speech.resume() if speech.state == PAUSED else speech.pause()
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
    speech.state_changed.connect(lambda state: show_speech_state(kiosk, state))
    speech.started.connect(lambda: _show_speech_availability(kiosk))
    speech.failed.connect(lambda reason: _show_speech_failure(kiosk, reason))
    speech.voices_changed.connect(lambda: _show_speech_availability(kiosk))
    session.language_changed.connect(lambda _lang: _show_speech_availability(kiosk))
    session.screen_changed.connect(lambda _screen: _show_speech_availability(kiosk))
    kiosk.qt_app.aboutToQuit.connect(speech.shutdown)


def show_speech_state(kiosk: Kiosk, state: str) -> None:
    """Toolbar and speech controls for *state*."""
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
