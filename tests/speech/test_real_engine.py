"""Real espeak-ng synthesis through pyttsx3 in the worker process: the WAVs exist and last
as long as their text plausibly takes to say."""

from __future__ import annotations

from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from kiosk.speech.synthesizer import SpeechProblem, Synthesizer
from kiosk.speech.worker import probe_voices
from tests.helpers import SynthFactory, needs_espeak, wav_seconds

pytestmark = needs_espeak

SENTENCES = {
    "en-us": ("Every school has an emergency plan and an emergency team.", "Hello."),
    "es-419": ("Todas las escuelas tienen un plan de emergencia y un equipo.", "Hola."),
    "vi": ("Mỗi trường học đều có kế hoạch cho trường hợp khẩn cấp.", "Xin chào."),
}


def synthesize(qtbot: QtBot, synth: Synthesizer, text: str, voice: str, rate: int) -> Path:
    job = synth.job(text, voice, rate)
    with qtbot.waitSignal(
        synth.ready, timeout=15000, check_params_cb=lambda key, _path: key == job.key
    ) as blocker:
        synth.request(job)
    return Path(blocker.args[1])


@pytest.mark.parametrize("voice", list(SENTENCES))
def test_sentence_becomes_a_wav_of_plausible_length(
    qtbot: QtBot, make_synth: SynthFactory, voice: str
) -> None:
    synth = make_synth()
    long_text, short_text = SENTENCES[voice]
    long_wav = synthesize(qtbot, synth, long_text, voice, 150)
    short_wav = synthesize(qtbot, synth, short_text, voice, 150)
    # About ten words at 150 words a minute: a few seconds, not zero, not minutes.
    assert 1.5 < wav_seconds(long_wav) < 12
    assert 0.2 < wav_seconds(short_wav) < 3
    assert wav_seconds(long_wav) > 2 * wav_seconds(short_wav)


def test_each_sentence_gets_its_own_rate_and_voice(qtbot: QtBot, make_synth: SynthFactory) -> None:
    """Alternating rates and voices: pyttsx3 once applied them to the wrong sentence."""
    synth = make_synth()
    for voice in [*SENTENCES, *SENTENCES]:
        text = SENTENCES[voice][0]
        slow = wav_seconds(synthesize(qtbot, synth, text, voice, 120 + len(voice)))
        fast = wav_seconds(synthesize(qtbot, synth, text, voice, 300 + len(voice)))
        assert fast < 0.7 * slow, voice


def test_short_sentences_never_give_empty_files(qtbot: QtBot, make_synth: SynthFactory) -> None:
    """pyttsx3 2.99 drops the last audio chunk; for short sentences that was all of it."""
    synth = make_synth()
    for index, word in enumerate(["Yes.", "No.", "Sí.", "Vâng.", "OK.", "Hi.", "Ya."] * 3):
        path = synthesize(
            qtbot, synth, f"{word}", ["en-us", "es-419", "vi"][index % 3], 150 + index
        )
        assert wav_seconds(path) > 0.1, word


def test_cached_sentence_is_not_synthesized_again(qtbot: QtBot, make_synth: SynthFactory) -> None:
    synth = make_synth()
    path = synthesize(qtbot, synth, "Cached once.", "en-us", 150)
    stamp = path.stat().st_mtime_ns
    synth.shutdown()
    fresh = make_synth(cache=path.parent)
    assert synthesize(qtbot, fresh, "Cached once.", "en-us", 150) == path
    assert path.stat().st_mtime_ns == stamp
    assert fresh.worker_pid is None  # answered from the cache: no worker was needed


def test_unknown_voice_is_reported(qtbot: QtBot, make_synth: SynthFactory) -> None:
    synth = make_synth()
    job = synth.job("Hello.", "no-such-voice", 150)
    with qtbot.waitSignal(synth.failed, timeout=15000) as blocker:
        synth.request(job)
    assert blocker.args == [job.key, SpeechProblem.NO_VOICE]


def test_probe_lists_the_default_voices() -> None:
    voices, error = probe_voices()
    assert error is None
    ids = {voice_id for voice_id, _name, _languages in voices}
    assert {"gmw/en-us", "roa/es-419", "aav/vi"} <= ids
