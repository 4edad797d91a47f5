"""Hearing the kiosk as a visitor does: a private PulseAudio sound server with a null sink,
a recorder on that sink's monitor, and where in the recording a WAV's sound begins.

Shared by tests/app/test_keypad_voice.py and benchmarks/keypad_voice.py. The null sink
runs at espeak-ng's own format (22,050 Hz mono 16-bit) and the kiosk plays at 100 %
volume, so nothing is resampled or scaled: a sentence's samples come out of the sound
server exactly as they are in its WAV, and each move's sound is found in the recording by
its own first non-silent samples (never mistaken for the tail of the move before).

Times are CLOCK_MONOTONIC nanoseconds (`time.monotonic_ns`), the same clock in every
process, so a key pressed in the kiosk's process and a sample recorded here compare. A
sample's time is when its chunk arrived from `parec` (10 ms fragments) less the samples
after it in that chunk: the monitor's own latency counts against the kiosk.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import threading
import time
import wave
from dataclasses import dataclass, field
from pathlib import Path

RATE = 22050
SAMPLE_BYTES = 2
#: A sample at least this loud (of 32767, about -48 dBFS) is sound, not silence.
LOUD = 128
#: A WAV is found in the recording by this many samples (12 ms) ...
SIGNATURE_SAMPLES = 256
#: ... starting this many samples (30 ms) after its first loud one (see `signature`).
SIGNATURE_LEAD = 661
SINK = "out"
REPO = Path(__file__).resolve().parents[1]


class SoundServerError(RuntimeError):
    """The private sound server or its recorder could not be started (the message says why)."""


def sound_server_missing() -> str | None:
    """None if PulseAudio's server and `parec` are installed, else what is missing."""
    missing = [name for name in ("pulseaudio", "parec", "pactl") if shutil.which(name) is None]
    if not missing:
        return None
    return f"{', '.join(missing)} not installed (apt-get install pulseaudio pulseaudio-utils)"


class SoundServer:
    """A private PulseAudio (its own socket in *folder*): one null sink, `out`, the default.

    Started with `start`, ended with `stop` (only the process this object started).
    `env` is what a client needs to play to it (Qt Multimedia, `parec`, `pactl`)."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.socket = folder / "native"
        self.env = {
            **os.environ,
            "PULSE_SERVER": f"unix:{self.socket}",
            "PULSE_RUNTIME_PATH": str(folder / "runtime"),
            "PULSE_STATE_PATH": str(folder / "state"),
            "PULSE_COOKIE": str(folder / "cookie"),
            "HOME": str(folder),  # PulseAudio looks for its config and cookie here
        }
        self._process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 15.0) -> None:
        """Start the server and wait until it answers; SoundServerError if it does not."""
        missing = sound_server_missing()
        if missing:
            raise SoundServerError(missing)
        for sub in ("runtime", "state"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        log = (self.folder / "pulseaudio.log").open("wb")
        command = [
            "pulseaudio",
            "-n",  # no default.pa: only the modules below
            "--daemonize=no",
            "--system=false",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--disable-shm=yes",  # a CI container may have no usable /dev/shm
            "-F",
            "/dev/null",
            f"--load=module-null-sink sink_name={SINK} rate={RATE} channels=1 format=s16le",
            f"--load=module-native-protocol-unix auth-anonymous=1 socket={self.socket}",
        ]
        with log:
            self._process = subprocess.Popen(
                command, env=self.env, stdout=log, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self._process.poll() is not None:
                break
            if self.socket.exists() and self._pactl("info").returncode == 0:
                self._pactl("set-default-sink", SINK)
                return
            time.sleep(0.05)
        output = (self.folder / "pulseaudio.log").read_text(errors="replace").strip()
        self.stop()
        raise SoundServerError(f"PulseAudio did not start: {output[-800:] or 'no output'}")

    def _pactl(self, *args: str) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            ["pactl", *args], env=self.env, capture_output=True, timeout=10, check=False
        )

    def stop(self) -> None:
        """End the server this object started."""
        process, self._process = self._process, None
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(5)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait(5)


@dataclass
class Recorder:
    """`parec` on the null sink's monitor, kept in memory with each chunk's arrival time."""

    server: SoundServer
    audio: bytearray = field(default_factory=bytearray)
    #: (byte offset just past the chunk, its arrival in monotonic ns), in order.
    chunks: list[tuple[int, int]] = field(default_factory=list)
    _process: subprocess.Popen[bytes] | None = None
    _thread: threading.Thread | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def start(self) -> None:
        """Start recording; returns once the first samples have arrived."""
        self._process = subprocess.Popen(
            [
                "parec",
                f"--device={SINK}.monitor",
                "--format=s16le",
                f"--rate={RATE}",
                "--channels=1",
                "--latency-msec=10",
                "--raw",
            ],
            env=self.server.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            bufsize=0,
        )
        self._thread = threading.Thread(target=self._read, name="parec-reader", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self.chunks:
            if self._process.poll() is not None or time.monotonic() > deadline:
                why = (
                    self._process.stderr.read().decode(errors="replace")
                    if self._process.stderr
                    else ""
                )
                self.stop()
                raise SoundServerError(f"parec recorded nothing: {why.strip() or 'no output'}")
            time.sleep(0.01)

    def _read(self) -> None:
        assert self._process is not None and self._process.stdout is not None
        descriptor = self._process.stdout.fileno()
        while True:
            data = os.read(descriptor, 4096)
            arrived = time.monotonic_ns()
            if not data:
                return
            with self._lock:
                self.audio += data
                self.chunks.append((len(self.audio), arrived))

    def stop(self) -> None:
        """Stop recording (what was recorded stays)."""
        process, self._process = self._process, None
        if process is not None:
            process.terminate()
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(5)
            if process.poll() is None:
                process.kill()
                process.wait(5)
        if self._thread is not None:
            self._thread.join(5)

    def time_of(self, offset: int) -> int:
        """When the sample at byte *offset* came out of the sound server (monotonic ns)."""
        with self._lock:
            chunks = list(self.chunks)
        for end, arrived in chunks:
            if offset < end:
                return arrived - (end - offset) // SAMPLE_BYTES * 1_000_000_000 // RATE
        end, arrived = chunks[-1]
        return arrived + (offset - end) // SAMPLE_BYTES * 1_000_000_000 // RATE

    def offset_at(self, when_ns: int) -> int:
        """The byte offset of the first sample recorded at or after *when_ns*."""
        with self._lock:
            chunks = list(self.chunks)
        start = 0
        for end, arrived in chunks:
            if arrived >= when_ns:
                before = (arrived - when_ns) * RATE // 1_000_000_000 * SAMPLE_BYTES
                return max(start, end - before)
            start = end
        return start

    def onset(self, mark: Signature, after_ns: int) -> int | None:
        """When the first loud sample of the WAV that *mark* identifies came out at or
        after *after_ns* (monotonic ns), or None if it has not."""
        with self._lock:
            audio = bytes(self.audio)
        lead = mark.lead * SAMPLE_BYTES
        # From *after_ns* itself: the null sink renders a few ms ahead of its clock, so a
        # sound started at once may show its first sample just before the key.
        offset = self.offset_at(after_ns)
        offset -= offset % SAMPLE_BYTES
        while True:
            found = audio.find(mark.samples, offset)
            if found < 0:
                return None
            if found % SAMPLE_BYTES == 0:
                return self.time_of(found - lead)
            offset = found + 1


@dataclass(frozen=True)
class Signature:
    """What identifies a WAV at the output: *samples* (bytes) that begin *lead* samples
    after its first loud one."""

    samples: bytes
    lead: int


def signature(wav: Path) -> Signature | None:
    """The samples that identify *wav* at the output, or None if the file is missing or
    silent. They start 30 ms after its first loud sample: PulseAudio may drop or blend the
    first few milliseconds of a stream that starts as another stops (up to 10 ms seen), so
    the very first samples need not come out verbatim; 256 samples (12 ms) are not
    mistaken for another pitch period of the same voice."""
    try:
        with wave.open(str(wav), "rb") as audio:
            frames = audio.readframes(audio.getnframes())
    except (OSError, EOFError, wave.Error):
        return None
    samples = memoryview(frames).cast("h")
    for index, sample in enumerate(samples):
        if abs(sample) >= LOUD:
            start = (index + SIGNATURE_LEAD) * SAMPLE_BYTES
            part = frames[start : start + SIGNATURE_SAMPLES * SAMPLE_BYTES]
            return Signature(part, SIGNATURE_LEAD) if len(part) > SAMPLE_BYTES else None
    return None


@dataclass(frozen=True)
class Move:
    """One key press in the kiosk: when (monotonic ns), the WAV it is to play, what it says."""

    key_ns: int
    wav: str
    texts: tuple[str, ...]


class VoicedKiosk:
    """A kiosk in its own process (tests/keypad_voice_child.py), playing to *server*, its
    speech cached in *cache*; `press` presses Down in it."""

    def __init__(self, server: SoundServer, cache: Path) -> None:
        self._process = subprocess.Popen(
            [sys.executable, "-m", "tests.keypad_voice_child", str(cache)],
            env={**server.env, "PYTHONPATH": os.pathsep.join([str(REPO), *sys.path])},
            cwd=REPO,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=(server.folder / f"kiosk-{time.monotonic_ns()}.log").open("wb"),
        )
        first = self._answer(60.0)
        if first.get("ready") is not True:
            raise SoundServerError(f"the kiosk did not start: {first}")

    def _answer(self, timeout_s: float) -> dict[str, object]:
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line:
            raise SoundServerError(f"the kiosk ended (exit {self._process.wait(timeout_s)})")
        answer: dict[str, object] = json.loads(line)
        return answer

    def press(self) -> Move:
        """Press Down; returns once the kiosk has taken the key."""
        assert self._process.stdin is not None
        self._process.stdin.write(b"press\n")
        self._process.stdin.flush()
        answer = self._answer(30.0)
        texts = answer.get("texts")
        return Move(
            int(str(answer["key_ns"])),
            str(answer["wav"]),
            tuple(str(text) for text in texts) if isinstance(texts, list) else (),
        )

    def close(self) -> None:
        """End the kiosk (it shuts its speech worker down)."""
        if self._process.stdin is not None:
            with contextlib.suppress(OSError):
                self._process.stdin.write(b"quit\n")
                self._process.stdin.close()
        try:
            self._process.wait(15)
        except subprocess.TimeoutExpired:
            self._process.kill()
            self._process.wait(5)


def heard_after_ms(recorder: Recorder, moves: list[Move], last_until_ns: int) -> list[float | None]:
    """For each move, ms from its key to its first loud sample at the sound server, or None
    if its sound did not begin before the next key (or *last_until_ns*, for the last)."""
    latencies: list[float | None] = []
    for index, move in enumerate(moves):
        until = moves[index + 1].key_ns if index + 1 < len(moves) else last_until_ns
        mark = signature(Path(move.wav)) if move.wav else None
        onset = recorder.onset(mark, move.key_ns) if mark else None
        latencies.append(
            (onset - move.key_ns) / 1e6 if onset is not None and onset < until else None
        )
    return latencies
