"""Synthesize sentences through an installed, frozen kiosk's own speech worker.

    python speech_probe.py /usr/bin/faq-kiosk OUT_DIR

The kiosk has no command that speaks, so this starts its worker exactly as the kiosk's
Synthesizer does (kiosk.speech.worker.spawn): multiprocessing's "spawn" method, with
the frozen executable as the child (it enters through multiprocessing.freeze_support()
in kiosk/__main__.py) and kiosk.speech.worker.main as the target, pickled by name and
run from the bundle. The child loads pyttsx3's espeak driver and libespeak-ng.so.1 as
the kiosk does. For each language it writes OUT_DIR/<lang>.wav and checks it is real
speech (22050 Hz mono, longer than half a second). Exit status 0 when every language
spoke.

Run with the kiosk's virtualenv Python (it only needs the name of the worker function).
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.resource_tracker
import multiprocessing.spawn
import sys
import wave
from pathlib import Path
from typing import Any

from kiosk.speech import worker
from kiosk.speech.protocol import Done, ListVoices, Quit, Ready, Synthesize, resolve_voice

SENTENCES = {
    "en-us": "Welcome. Touch a question to read its answer.",
    "es-419": "Bienvenidos. Toque una pregunta para leer la respuesta.",
    "vi": "Xin chào. Chạm vào một câu hỏi để đọc câu trả lời.",
}
TIMEOUT_S = 30.0
ESPEAK_RATE_HZ = 22050  # what espeak-ng writes
MIN_SECONDS = 0.5  # shorter is not the sentence


def use_frozen_executable(executable: str) -> None:
    """Make multiprocessing start *executable* the way a frozen parent would."""

    def command_line(**kwargs: Any) -> list[str]:
        return [executable, "--multiprocessing-fork", *(f"{k}={v}" for k, v in kwargs.items())]

    def preparation_data(name: str) -> dict[str, Any]:
        # Not this interpreter's sys.path or __main__: the child must run from its bundle.
        return {"name": name, "authkey": bytes(multiprocessing.current_process().authkey)}

    # multiprocessing's resource tracker is a helper of this (parent) process: start it
    # now, with this interpreter, before the executable is switched.
    multiprocessing.resource_tracker.ensure_running()
    multiprocessing.set_executable(executable)
    multiprocessing.spawn.get_command_line = command_line
    multiprocessing.spawn.get_preparation_data = preparation_data


def main(executable: str, out_dir: Path) -> int:
    """Probe the worker of *executable*; WAVs go to *out_dir*."""
    use_frozen_executable(executable)
    out_dir.mkdir(parents=True, exist_ok=True)
    process, conn = worker.spawn(name="speech-probe")
    failures = 0
    try:
        if not conn.poll(TIMEOUT_S):
            raise SystemExit("speech_probe: the frozen worker did not start")
        first = conn.recv()
        if not isinstance(first, Ready):
            raise SystemExit(f"speech_probe: the frozen worker failed: {first}")
        conn.send(ListVoices())
        if not conn.poll(TIMEOUT_S):
            raise SystemExit("speech_probe: the frozen worker did not list its voices")
        voices = conn.recv().voices
        print(f"speech_probe: worker pid {process.pid} ({executable}), {len(voices)} voices")
        for job, (wanted, text) in enumerate(SENTENCES.items()):
            path = out_dir / f"{wanted}.wav"
            path.unlink(missing_ok=True)
            voice_id = resolve_voice(wanted, voices)
            if voice_id is None:
                raise SystemExit(f"speech_probe: no voice {wanted!r} among {len(voices)} voices")
            conn.send(Synthesize(str(job), text, voice_id, 150, str(path)))
            if not conn.poll(TIMEOUT_S):
                raise SystemExit(f"speech_probe: no answer for {wanted}")
            answer = conn.recv()
            if not isinstance(answer, Done):
                print(f"speech_probe: FAIL {wanted}: {answer}")
                failures += 1
                continue
            with wave.open(str(path), "rb") as wav:
                rate, channels = wav.getframerate(), wav.getnchannels()
                seconds = wav.getnframes() / rate
            ok = rate == ESPEAK_RATE_HZ and channels == 1 and seconds > MIN_SECONDS
            failures += not ok
            print(
                f"speech_probe: {'ok  ' if ok else 'FAIL'} {wanted}: {path} "
                f"{seconds:.2f} s, {rate} Hz, {channels} channel(s)"
            )
        conn.send(Quit())
    finally:
        process.join(5)
        if process.is_alive():
            process.kill()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], Path(sys.argv[2])))
