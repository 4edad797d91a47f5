"""The worker protocol over a real Pipe: every message survives pickling, and the worker's
loop answers each request with the reply the synthesizer expects."""

from __future__ import annotations

import multiprocessing
import threading
from pathlib import Path
from typing import Any

import pytest

from kiosk.speech import worker
from kiosk.speech.protocol import (
    Died,
    Done,
    Failed,
    Fatal,
    ListVoices,
    Quit,
    Ready,
    Synthesize,
    Voice,
    Voices,
)

MESSAGES = [
    ListVoices(),
    Synthesize("job", "Hello.", "gmw/en-us", 150, "/tmp/x.wav"),
    Quit(),
    Ready(),
    Fatal("OSError: no libespeak-ng"),
    Voices((Voice("gmw/en-us", "English (America)", ("en-us",)),)),
    Done("job", "/tmp/x.wav"),
    Failed("job", "RuntimeError: the engine wrote no audio"),
    Died(),
]


@pytest.mark.parametrize("message", MESSAGES, ids=lambda message: type(message).__name__)
def test_every_message_crosses_a_pipe_unchanged(message: object) -> None:
    sender, receiver = multiprocessing.Pipe()
    sender.send(message)
    assert receiver.recv() == message


class _Voice:
    def __init__(self, voice_id: str, name: str | None, languages: list[Any]) -> None:
        self.id, self.name, self.languages = voice_id, name, languages


class _Engine:
    """Just enough of a pyttsx3 engine for serve(): voices, and saving that fails on "FAIL"."""

    def __init__(self) -> None:
        self.properties: dict[str, object] = {}
        self._pending: tuple[str, str] | None = None

    def getProperty(self, name: str) -> object:  # noqa: N802 - pyttsx3's name
        assert name == "voices"
        return [_Voice("gmw/en-us", "English (America)", [b"\x05en-us"]), _Voice("vi", None, [])]

    def setProperty(self, name: str, value: object) -> None:  # noqa: N802 - pyttsx3's name
        self.properties[name] = value

    def save_to_file(self, text: str, path: str) -> None:
        self._pending = (text, path)

    def runAndWait(self) -> None:  # noqa: N802 - pyttsx3's name
        assert self._pending is not None
        text, path = self._pending
        if "FAIL" not in text:
            Path(path).write_bytes(b"RIFF" + bytes(100))


def test_serve_answers_each_request_and_stops_on_quit(tmp_path: Path) -> None:
    kiosk_end, worker_end = multiprocessing.Pipe()
    engine = _Engine()
    loop = threading.Thread(target=worker.serve, args=(worker_end, engine), daemon=True)
    loop.start()

    kiosk_end.send(ListVoices())
    assert kiosk_end.recv() == Voices(
        (
            Voice("gmw/en-us", "English (America)", ("\x05en-us",)),
            Voice("vi", "vi", ()),
        )
    )
    wav = tmp_path / "a.wav"
    kiosk_end.send(Synthesize("a", "Hello.", "gmw/en-us", 170, str(wav)))
    assert kiosk_end.recv() == Done("a", str(wav))
    assert wav.stat().st_size == 104
    assert engine.properties == {"voice": "gmw/en-us", "rate": 170}

    kiosk_end.send(Synthesize("b", "FAIL", "gmw/en-us", 170, str(tmp_path / "b.wav")))
    assert kiosk_end.recv() == Failed("b", "RuntimeError: the engine wrote no audio")
    assert not (tmp_path / "b.wav").exists()
    assert not list(tmp_path.glob(".*.part"))  # the empty attempts are cleaned up

    kiosk_end.send(Quit())
    loop.join(5)
    assert not loop.is_alive()
