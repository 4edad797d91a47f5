"""An unusable speech cache (issue 12, "bad day"): a full disk, a folder the kiosk may not
write or a path through a file used to hang pyttsx3, get the worker killed every 5 s and
fail every Read aloud. Now the kiosk falls back to a private temporary folder and staff
diagnostics say why. With the real engine; root-proof (ENOTDIR and /dev/full, not modes)."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

from pytestqt.qtbot import QtBot

from kiosk.speech import make_player
from kiosk.speech.service import SpeechService
from kiosk.speech.synthesizer import Synthesizer
from tests.helpers import SynthFactory, needs_espeak

pytestmark = needs_espeak

SENTENCE = "Every school has an emergency plan and an emergency team."
#: Peak sample of speech, well above silence (16-bit samples, full scale 32767).
AUDIBLE_PEAK = 1000


def peak(path: Path) -> int:
    """The largest absolute sample of a 16-bit mono WAV."""
    with wave.open(str(path), "rb") as audio:
        samples = array("h", audio.readframes(audio.getnframes()))
    return max(abs(sample) for sample in samples)


def synthesize(qtbot: QtBot, synth: Synthesizer, text: str = SENTENCE) -> Path:
    job = synth.job(text, "en-us", 175)
    failures: list[str] = []
    synth.failed.connect(lambda _key, reason: failures.append(reason))
    with qtbot.waitSignal(
        synth.ready, timeout=20000, check_params_cb=lambda key, _path: key == job.key
    ) as blocker:
        synth.request(job)
    assert failures == []
    return Path(blocker.args[1])


def test_cache_below_a_file_falls_back_to_a_temporary_folder(
    qtbot: QtBot, make_synth: SynthFactory, tmp_path: Path
) -> None:
    (tmp_path / "file").write_text("not a folder")
    configured = tmp_path / "file" / "speech"  # ENOTDIR, even for root
    synth = make_synth(cache=configured)
    service = SpeechService(synth, make_player, {"en": "en-us"}, 175, 80)
    wav = synthesize(qtbot, synth)
    assert configured not in wav.parents
    assert peak(wav) > AUDIBLE_PEAK  # real speech, not silence
    assert service.cache_status() == (
        f"Speech cache: {configured} unusable (Not a directory); using {wav.parent}"
    )


def test_full_disk_during_synthesis_falls_back_instead_of_hanging(
    qtbot: QtBot, make_synth: SynthFactory, tmp_path: Path
) -> None:
    cache = tmp_path / "speech"
    synth = make_synth(cache=cache)
    service = SpeechService(synth, make_player, {"en": "en-us"}, 175, 80)
    with qtbot.waitSignal(synth.voices_known, timeout=20000):
        synth.start()
    assert service.cache_status() == f"Speech cache: {cache}"
    job = synth.job(SENTENCE, "en-us", 175)
    for attempt in (0, 1):  # the worker's partial files write to /dev/full: ENOSPC
        (cache / f".{job.path.name}.{synth.worker_pid}.{attempt}.part").symlink_to("/dev/full")
    wav = synthesize(qtbot, synth)
    assert cache not in wav.parents
    assert peak(wav) > AUDIBLE_PEAK
    assert service.cache_status() == (
        f"Speech cache: {cache} unusable (No space left on device); using {wav.parent}"
    )
    assert synthesize(qtbot, synth, "And the next sentence too.").parent == wav.parent
