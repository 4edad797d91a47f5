"""Part of the composition root (kiosk/app/root.py): how Read aloud is wired."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QCoreApplication

from kiosk.content import ContentBundle
from kiosk.control.reading import ReadAloud
from kiosk.speech.sentences import split_sentences
from kiosk.speech.service import SpeechService, SpeechState, Utterance, rate_for
from kiosk.speech.synthesizer import SpeechProblem
from kiosk.state.session import Screen, VisitorSession
from kiosk.system.i18n import Translator
from kiosk.ui.faq import FaqScreen
from kiosk.ui.home import HomeScreen
from kiosk.ui.speech_bar import SpeechBar
from kiosk.ui.toolbar import Toolbar
from kiosk.ui.window import KioskWindow


def connect_speech(
    *,
    session: VisitorSession,
    speech: SpeechService,
    read_aloud: ReadAloud,
    translator: Translator,
    window: KioskWindow,
    toolbar: Toolbar,
    speech_bar: SpeechBar,
    home: HomeScreen,
    faq: FaqScreen,
    configured_rate: int,
    qt_app: QCoreApplication,
) -> None:
    """Read aloud: visitor actions → speech, interruptions, speech → views."""

    def show_state(state: str) -> None:
        toolbar.set_speaking(state != SpeechState.IDLE)
        speech_bar.set_state(state)
        window.show_speech_bar(state != SpeechState.IDLE)

    def show_availability() -> None:
        if session.screen == Screen.FAQ:
            problem = speech.availability(session.language)
        else:  # Home reads every language it can
            problems = {speech.availability(language) for language in home.languages}
            problem = (
                None
                if None in problems
                else (
                    SpeechProblem.NO_ENGINE
                    if SpeechProblem.NO_ENGINE in problems
                    else SpeechProblem.NO_VOICE
                )
            )
        toolbar.set_speech_problem(problem, blocking=problem is not None)

    def show_failure(reason: str) -> None:
        toolbar.set_speech_problem(
            reason, blocking=reason in (SpeechProblem.NO_ENGINE, SpeechProblem.NO_VOICE)
        )

    # Visitor actions → speech.
    toolbar.read_aloud_clicked.connect(read_aloud.toggle)
    faq.read_requested.connect(read_aloud.read_question)
    speech_bar.pause_toggled.connect(
        lambda: speech.resume() if speech.state == SpeechState.PAUSED else speech.pause()
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
    translator.language_changed.connect(lambda _lang: read_aloud.restart_in_current_language())
    session.speech_speed_changed.connect(
        lambda speed: speech.set_rate(rate_for(configured_rate, speed))
    )
    session.volume_changed.connect(speech.set_volume)
    session.speech_speed_changed.connect(speech_bar.set_speed)
    session.volume_changed.connect(speech_bar.set_volume)

    # Speech → views.
    speech.state_changed.connect(show_state)
    speech.started.connect(show_availability)
    speech.failed.connect(show_failure)
    speech.voices_changed.connect(show_availability)
    session.language_changed.connect(lambda _lang: show_availability())
    session.screen_changed.connect(lambda _screen: show_availability())
    qt_app.aboutToQuit.connect(speech.shutdown)

    speech_bar.set_speed(session.speech_speed)
    speech_bar.set_volume(session.volume)
    show_state(speech.state)


def warm_up_speech(
    speech: SpeechService,
    bundle: ContentBundle,
    language: str,
    keypad_phrases: Sequence[Utterance] = (),
) -> None:
    """Start the speech engine and make, in the background, first *keypad_phrases* (what
    keypad moves on the screen shown can say: short, and each wanted within 300 ms of its
    key), then *language*'s questions and answers. Call once the first frame is on screen,
    never before."""
    utterances = list(keypad_phrases)
    for question_id in bundle.question_ids:
        question = bundle.question(language, question_id)
        for text in (question.title, *question.answer):
            utterances += [Utterance(s.text, language) for s in split_sentences(text)]
    speech.warm_up(utterances)
