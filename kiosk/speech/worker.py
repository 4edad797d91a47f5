"""The synthesis worker: a separate process that owns the pyttsx3 engine.

A process, not a thread, because pyttsx3's engine must live in the thread that made it,
can hang inside a driver, and cannot be interrupted mid-sentence (docs/architecture.md,
Known traps: pyttsx3): a process that hangs or dies can be killed and replaced without
touching the kiosk, and `spawn` avoids the fork-after-engine hang (pyttsx3 #131).

It speaks the typed messages of kiosk/speech/protocol.py over a multiprocessing Pipe.
"""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kiosk.speech.protocol import (
    Done,
    Failed,
    Fatal,
    ListVoices,
    Quit,
    Ready,
    Reply,
    Synthesize,
    Unwritable,
    Voice,
    Voices,
)

if TYPE_CHECKING:
    from collections.abc import Callable
    from multiprocessing.connection import Connection
    from multiprocessing.process import BaseProcess

WAV_HEADER_BYTES = 44
#: prctl(2) option: the signal the kernel sends this process when its parent dies (Linux).
PR_SET_PDEATHSIG = 1


def _silence_stdout() -> None:
    # pyttsx3's espeak driver prints "Audio saved to …" on every save; the kiosk's log
    # and a systemd journal should not fill with it.
    devnull = os.open(os.devnull, os.O_WRONLY)
    with contextlib.suppress(OSError):
        os.dup2(devnull, 1)
    sys.stdout = Path(os.devnull).open("w", encoding="utf-8")  # noqa: SIM115 - process-long


def _patch_espeak_driver() -> None:
    """Keep the last chunk of audio pyttsx3's espeak driver would drop, without quadratic
    copying.

    pyttsx3 2.99 writes the WAV when espeak-ng reports the end of a message and only then
    appends that callback's samples, so the tail is lost, and a short sentence whose audio
    all arrives in that one callback gives an empty file. Taking the samples first fixes both.
    The samples go into a bytearray, which grows in place: `bytes +=` copied all the audio
    so far on every callback, which made a 40,000-character Vietnamese sentence take 46 s
    instead of about 1 s (docs/architecture.md, Known traps: pyttsx3).
    """
    import ctypes  # here, in the worker: the kiosk's own start-up does not need it

    try:
        from pyttsx3.drivers import espeak as driver_module
    except Exception:  # not Linux, or no libespeak-ng: nothing to patch
        return
    driver = driver_module.EspeakDriver
    original = driver._onSynth
    if getattr(original, "kiosk_patched", False):
        return

    def on_synth(self: Any, wav: Any, numsamples: int, events: Any) -> int:
        if numsamples > 0 and self._speaking:
            if not isinstance(self._data_buffer, bytearray):  # the driver resets it to b""
                self._data_buffer = bytearray(self._data_buffer)
            self._data_buffer += ctypes.string_at(wav, numsamples * ctypes.sizeof(ctypes.c_short))
        try:
            return int(original(self, wav, 0, events))
        except Exception as error:  # the WAV could not be written (disk full, …)
            _abandon_utterance(self, error)
            return 0

    on_synth.kiosk_patched = True  # type: ignore[attr-defined]
    driver._onSynth = on_synth


def _abandon_utterance(driver: Any, error: Exception) -> None:
    """End the utterance whose WAV could not be written, keeping the error for
    `synthesize`. pyttsx3 raises it inside espeak-ng's callback, where ctypes only prints
    it, and never ends its run loop: runAndWait hung until the kiosk killed the worker."""
    driver.kiosk_error = error
    driver._data_buffer = b""
    driver._speaking = False
    driver._proxy.setBusy(False)
    driver.endLoop()


def _raise_write_error(engine: Any) -> None:
    """Raise the error `_abandon_utterance` kept, if any: the OSError behind pyttsx3's
    "Error saving WAV file" when there is one."""
    driver: Any = getattr(getattr(engine, "proxy", None), "_driver", None)
    error = getattr(driver, "kiosk_error", None)
    if error is None:
        return
    driver.kiosk_error = None
    cause = error.__cause__ or error.__context__
    raise cause if isinstance(cause, OSError) else error


def voice_list(engine: Any) -> tuple[Voice, ...]:
    """Every voice the engine offers."""
    voices = []
    for voice in engine.getProperty("voices") or []:
        languages = tuple(
            lang.decode("utf-8", "replace") if isinstance(lang, bytes) else str(lang)
            for lang in (voice.languages or [])
        )
        voices.append(Voice(str(voice.id), str(voice.name or voice.id), languages))
    return tuple(voices)


def _espeak_synchronize(engine: Any) -> Any:
    """espeak-ng's Synchronize() if *engine* runs on espeak-ng, else None.

    pyttsx3 2.99's espeak driver returns from runAndWait() as soon as synthesis is queued
    (the WAV is written later, from espeak-ng's thread), and property changes go through
    espeak-ng's own queue, where they were seen to apply to the wrong sentence (about one
    sentence in four, alternating rates). Waiting for espeak-ng after each step fixes both.
    """
    driver = getattr(getattr(engine, "proxy", None), "_driver", None)
    if type(driver).__module__.endswith(".espeak"):
        from pyttsx3.drivers import _espeak

        return _espeak.Synchronize
    return None


def synthesize(engine: Any, text: str, voice_id: str, rate: int, path: Path) -> None:
    """Write *text* spoken by *voice_id* at *rate* words per minute to the WAV *path*."""
    synchronize = _espeak_synchronize(engine)
    if synchronize is not None:
        driver = engine.proxy._driver
        driver.setProperty("voice", voice_id)
        driver.setProperty("rate", rate)
        synchronize()
    else:
        engine.setProperty("voice", voice_id)
        engine.setProperty("rate", rate)
    for attempt in range(2):  # an empty file is retried once (pyttsx3 #242)
        partial = path.with_name(f".{path.name}.{os.getpid()}.{attempt}.part")
        partial.open("wb").close()  # an unwritable folder fails here, with its OSError
        # One save per runAndWait, or only the last is written (pyttsx3 #170).
        engine.save_to_file(text, str(partial))
        engine.runAndWait()
        if synchronize is not None:
            synchronize()
        try:
            _raise_write_error(engine)
        except OSError:
            partial.unlink(missing_ok=True)
            raise
        if partial.is_file() and partial.stat().st_size > WAV_HEADER_BYTES:
            partial.replace(path)
            return
        partial.unlink(missing_ok=True)
    raise RuntimeError("the engine wrote no audio")


def serve(conn: Connection, engine: Any) -> None:
    """Answer requests until the pipe closes or Quit arrives."""
    while True:
        try:
            request = conn.recv()
        except (EOFError, OSError):
            return
        match request:
            case ListVoices():
                conn.send(Voices(voice_list(engine)))
            case Synthesize(job, text, voice_id, rate, path):
                reply: Reply
                try:
                    synthesize(engine, text, voice_id, rate, Path(path))
                except OSError as error:  # the cache folder: the kiosk picks another
                    reply = Unwritable(job, str(Path(path).parent), error.strerror or str(error))
                except Exception as error:  # report it; the worker stays usable
                    reply = Failed(job, f"{type(error).__name__}: {error}")
                else:
                    reply = Done(job, path)
                conn.send(reply)
            case _:  # Quit, or something this worker does not know
                return


def main(conn: Connection) -> None:
    """Process entry point: make the engine, then serve."""
    _silence_stdout()
    try:
        import pyttsx3

        _patch_espeak_driver()
        engine = pyttsx3.init()
    except Exception as error:  # no espeak-ng library, no SAPI5, …
        conn.send(Fatal(f"{type(error).__name__}: {error}"))
        return
    conn.send(Ready())
    serve(conn, engine)


def _die_with_parent(parent_pid: int) -> None:
    """Make sure this worker ends with the kiosk, even while synthesis hangs.

    A worker blocked inside espeak-ng or a write never reads the pipe again, so it would
    not see the kiosk go: on Linux the kernel kills it when the kiosk dies
    (PR_SET_PDEATHSIG; checked after setting it, as the kiosk may already be gone).
    SIGTERM gets its default action, which the kernel carries out at once whatever the
    worker is doing; a Python handler would wait for a hung C call to return. The
    disposition matters because an ignored (SIG_IGN) or blocked SIGTERM is inherited
    through fork and exec from whatever started the kiosk.
    """
    if hasattr(signal, "pthread_sigmask"):
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGTERM})
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    if sys.platform.startswith("linux"):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    if os.getppid() != parent_pid:  # the kiosk died before prctl took effect
        os._exit(1)


def _child_main(target: Callable[[Connection], None], conn: Connection, parent_pid: int) -> None:
    """The worker process's entry point: tie its life to the kiosk's, then run *target*."""
    _die_with_parent(parent_pid)
    target(conn)


def spawn(
    target: Callable[[Connection], None] = main, name: str = "faq-kiosk-speech"
) -> tuple[BaseProcess, Connection]:
    """Start a worker process running *target* (by `spawn`, see above): the process and
    the kiosk's end of its pipe. multiprocessing loads here, not at the kiosk's start-up.
    The worker dies with the process that calls this, and, on Linux, with the thread:
    PR_SET_PDEATHSIG follows the thread that started it (the kiosk's UI thread)."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    parent, child = context.Pipe()
    process = context.Process(
        target=_child_main, args=(target, child, os.getpid()), daemon=True, name=name
    )
    process.start()
    child.close()
    return process, parent


def probe_voices(timeout_s: float = 20.0) -> tuple[tuple[Voice, ...], str | None]:
    """Start a worker, ask for its voices and stop it: (voices, None) or ((), why not).
    Blocking: for `faq-kiosk check`, not for the kiosk."""
    process, conn = spawn(name="faq-kiosk-speech-probe")
    try:
        if not conn.poll(timeout_s):
            return (), "the speech worker did not answer"
        first = conn.recv()
        if isinstance(first, Fatal):
            return (), first.why
        if not isinstance(first, Ready):
            return (), "the speech worker failed"
        conn.send(ListVoices())
        if not conn.poll(timeout_s):
            return (), "the speech worker did not list its voices"
        answer = conn.recv()
        if not isinstance(answer, Voices):
            return (), "the speech worker did not list its voices"
        return answer.voices, None
    except (EOFError, OSError):
        return (), "the speech worker died"
    finally:
        with contextlib.suppress(OSError):
            conn.send(Quit())
        process.join(2)
        if process.is_alive():
            process.kill()
