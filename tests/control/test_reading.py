"""Read aloud in the whole kiosk: what is read, the highlight, interruptions, language
switches, unavailable voices and reset. Real engine, real playback (silent without a
sound card)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk, build_kiosk
from kiosk.cli.screenshot import settle
from kiosk.config import load_config
from kiosk.speech.service import SpeechState
from kiosk.speech.synthesizer import Synthesizer
from kiosk.ui.theme import STANDARD
from tests.helpers import discard, needs_espeak

pytestmark = needs_espeak

KioskFactory = Callable[..., Kiosk]


@pytest.fixture
def make_kiosk(qapp: QApplication, tmp_path: Path) -> Iterator[KioskFactory]:
    built: list[Kiosk] = []

    def make(extra_config: str = "") -> Kiosk:
        config = tmp_path / "config.toml"
        config.write_text(f"[speech]\nrate = 400\n{extra_config}", encoding="utf-8")
        loaded = load_config(config)
        assert loaded.issues == []
        kiosk = build_kiosk(qapp, loaded, synthesizer=Synthesizer(tmp_path / "speech"))
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        settle(kiosk)
        built.append(kiosk)
        return kiosk

    yield make
    for kiosk in built:
        kiosk.speech.shutdown()
        discard(kiosk)


def open_question(kiosk: Kiosk, language: str, question_id: str) -> None:
    kiosk.session.choose_language(language)
    kiosk.session.set_open_question(question_id)
    settle(kiosk)


def test_read_aloud_reads_the_open_answer_and_highlights_each_sentence(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk()
    open_question(kiosk, "en", "contact")
    item = kiosk.window.faq.accordion.items["contact"]
    highlighted: list[str] = []

    def on_sentence(index: int) -> None:
        label = kiosk.read_aloud.parts()[index].label
        assert label.textFormat() == Qt.TextFormat.RichText
        assert STANDARD.speech_band in label.text() and "underline" in label.text()
        highlighted.append(label.text())

    kiosk.speech.sentence_started.connect(on_sentence)
    with qtbot.waitSignal(kiosk.speech.finished, timeout=30000):
        qtbot.mouseClick(kiosk.window.toolbar.read_aloud, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(kiosk.window.speech_bar.isVisible, timeout=5000)
        assert kiosk.window.toolbar.read_aloud.text_shown() == "Stop"
    spoken = [part.utterance.text for part in kiosk.read_aloud.parts()]
    assert spoken == [
        "If I have questions/feedback, who can I contact?",
        "If you have any questions or feedback, you can submit them here.",
        "Questions or feedback form",
        "https://www.dpsk12.org/",
    ]
    assert len(highlighted) == 4
    # Afterwards every label is plain text again, and the controls are back.
    assert item.header.label.textFormat() == Qt.TextFormat.PlainText
    assert item.header.label.text() == spoken[0]
    assert not kiosk.window.speech_bar.isVisible()
    assert kiosk.window.toolbar.read_aloud.text_shown() == "Read aloud"


def test_the_answer_has_its_own_read_aloud_button(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    open_question(kiosk, "vi", "when-removed")
    button = kiosk.window.faq.accordion.items["when-removed"].read_button
    assert button.text_shown() == "Đọc to câu trả lời này"
    with qtbot.waitSignal(kiosk.speech.started, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    parts = kiosk.read_aloud.parts()
    assert parts[0].utterance.text.startswith("Khi nào thì tất cả")
    assert {part.language for part in parts} == {"vi"}


def test_switching_language_mid_speech_reads_it_again_in_the_new_language(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk()
    open_question(kiosk, "en", "savings")
    with qtbot.waitSignal(kiosk.speech.sentence_started, timeout=15000):
        kiosk.read_aloud.toggle()
    with qtbot.waitSignal(kiosk.speech.sentence_started, timeout=15000) as blocker:
        qtbot.mouseClick(kiosk.window.language_bar.buttons["es"], Qt.MouseButton.LeftButton)
    assert blocker.args == [0]
    assert kiosk.speech.state == SpeechState.SPEAKING
    parts = kiosk.read_aloud.parts()
    assert (
        parts[0].utterance.text
        == "¿Cuánto dinero se ahorrará el Distrito gracias a esta transición?"
    )
    assert {part.language for part in parts} == {"es"}
    assert kiosk.session.open_question == "savings"


@pytest.mark.parametrize("action", ["open-other", "home", "text-size", "contrast"])
def test_any_other_action_stops_speech(qtbot: QtBot, make_kiosk: KioskFactory, action: str) -> None:
    kiosk = make_kiosk()
    open_question(kiosk, "en", "savings")
    with qtbot.waitSignal(kiosk.speech.sentence_started, timeout=15000):
        kiosk.read_aloud.toggle()
    window = kiosk.window
    target = {
        "open-other": window.faq.accordion.items["contact"].header,
        "home": window.toolbar.home,
        "text-size": window.toolbar.larger,
        "contrast": window.toolbar.contrast,
    }[action]
    window.faq.scroll_area.ensureWidgetVisible(target)
    qtbot.mouseClick(target, Qt.MouseButton.LeftButton)
    assert kiosk.speech.state == SpeechState.IDLE
    header = window.faq.accordion.items["savings"].header.label
    assert header.textFormat() == Qt.TextFormat.PlainText


def test_home_reads_the_welcome_in_every_language(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    with qtbot.waitSignal(kiosk.speech.started, timeout=5000):
        kiosk.read_aloud.toggle()
    languages = [part.language for part in kiosk.read_aloud.parts()]
    assert languages[0] == "en" and "es" in languages and languages[-1] == "vi"
    assert kiosk.read_aloud.parts()[0].utterance.text == "SRO Frequently Asked Questions"


def test_language_without_a_voice_disables_read_aloud_with_the_reason(
    qtbot: QtBot, make_kiosk: KioskFactory
) -> None:
    kiosk = make_kiosk('[speech.voices]\nvi = "no-such-voice"\n')
    kiosk.speech.warm_up()
    qtbot.waitUntil(lambda: kiosk.speech.availability("vi") == "no-voice", timeout=15000)
    kiosk.session.choose_language("vi")
    toolbar = kiosk.window.toolbar
    assert not toolbar.read_aloud.isEnabled()
    assert toolbar.speech_note.isVisible()
    assert toolbar.speech_note.text() == "Chức năng đọc to không có cho ngôn ngữ này."
    kiosk.session.set_language("en")
    assert toolbar.read_aloud.isEnabled()
    assert not toolbar.speech_note.isVisible()


def test_speed_and_volume_controls_and_reset(qtbot: QtBot, make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    open_question(kiosk, "en", "contact")
    with qtbot.waitSignal(kiosk.speech.started, timeout=5000):
        kiosk.read_aloud.toggle()
    bar = kiosk.window.speech_bar
    qtbot.mouseClick(bar.faster, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(bar.louder, Qt.MouseButton.LeftButton)
    assert kiosk.speech.rate == 450  # 400 x 1.3, capped at espeak-ng's 450
    assert kiosk.speech.volume == 90
    assert bar.speed_label.text() == "Speed: fast"
    assert not bar.faster.isEnabled()
    kiosk.session.reset()
    assert kiosk.speech.state == SpeechState.IDLE
    assert (kiosk.speech.rate, kiosk.speech.volume) == (400, 80)
    assert bar.volume_label.text() == "Volume: 80%"


def test_cache_is_warmed_only_after_the_first_frame(
    qtbot: QtBot, qapp: QApplication, tmp_path: Path
) -> None:
    from kiosk.ui.first_frame import after_first_frame

    synth = Synthesizer(tmp_path / "speech")
    kiosk = build_kiosk(qapp, load_config(None), synthesizer=synth)
    calls: list[bool] = []

    def first_frame() -> None:
        calls.append(kiosk.window.isVisible())
        kiosk.warm_up_speech()

    after_first_frame(kiosk.window, first_frame)
    qapp.processEvents()
    assert calls == [] and synth.worker_pid is None  # nothing before the window paints
    kiosk.window.show()
    qtbot.waitUntil(lambda: calls == [True], timeout=5000)
    assert synth.worker_pid is not None
    first_title = synth.job("What prompted the decision to remove SROs from schools?", "en-us", 150)
    qtbot.waitUntil(lambda: synth.cached(first_title), timeout=30000)
    kiosk.speech.shutdown()
    discard(kiosk)
