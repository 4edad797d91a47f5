"""Speech workers die with the kiosk (issue 12, "bad day"): a worker blocked in synthesis
never reads its pipe again, so it must not rely on seeing the pipe close.

A real espeak-ng worker is blocked in synthesis by making the file it writes a FIFO
nobody reads: it waits in open() for ever, as it did on a hung disk.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from multiprocessing.connection import Connection
from multiprocessing.process import BaseProcess
from pathlib import Path

import pytest

from kiosk.speech import worker
from kiosk.speech.protocol import Ready, Synthesize
from tests.helpers import REPO, needs_espeak
from tests.speech import fake_workers

pytestmark = [needs_espeak, pytest.mark.skipif(sys.platform != "linux", reason="Linux only")]

GONE_WITHIN_S = 5.0
# The kiosk's stand-in: starts a real worker, blocks it in synthesis, prints its pid, waits.
PARENT_SCRIPT = """
import os, sys, time
from pathlib import Path
from kiosk.speech import worker
from kiosk.speech.protocol import Ready, Synthesize
process, conn = worker.spawn()
assert isinstance(conn.recv(), Ready)
folder = Path(sys.argv[1])
os.mkfifo(folder / f".blocked.wav.{process.pid}.0.part")
conn.send(Synthesize("job", "Hello there.", "gmw/en-us", 175, str(folder / "blocked.wav")))
print(process.pid, flush=True)
time.sleep(3600)
"""


def gone(pid: int) -> bool:
    """True once *pid* has exited (a zombie nobody has reaped yet counts as gone)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return True
    return stat.rsplit(")", 1)[1].split()[0] in {"Z", "X"}


def wait_gone(pid: int, timeout_s: float = GONE_WITHIN_S) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if gone(pid):
            return True
        time.sleep(0.05)
    return gone(pid)


def wait_blocked(pid: int, timeout_s: float = 10.0) -> None:
    """Wait until a thread of *pid* (espeak-ng's) sleeps in the kernel opening the FIFO."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            wchans = {path.read_text() for path in Path(f"/proc/{pid}/task").glob("*/wchan")}
        except OSError:
            break
        if wchans & {"wait_for_partner", "fifo_open"}:
            return
        time.sleep(0.05)
    time.sleep(1.0)  # wchan hidden (no permission, no kallsyms): synthesis takes ms


def block_in_synthesis(conn: Connection, process: BaseProcess, folder: Path, text: str) -> None:
    assert process.pid is not None
    os.mkfifo(folder / f".blocked.wav.{process.pid}.0.part")
    conn.send(Synthesize("job", text, "gmw/en-us", 175, str(folder / "blocked.wav")))


def test_worker_dies_when_the_kiosk_is_killed(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT_SCRIPT, str(tmp_path)],
        stdout=subprocess.PIPE,
        env=env,
        text=True,
    )
    try:
        assert parent.stdout is not None
        pid = int(parent.stdout.readline())
        wait_blocked(pid)
        assert not gone(pid)
        parent.kill()  # SIGKILL: the kiosk gets no chance to stop its worker
        parent.wait(5)
        assert wait_gone(pid), "the speech worker outlived the kiosk"
    finally:
        parent.kill()
        parent.wait(5)
        if "pid" in locals() and not gone(pid):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.parametrize(
    ("target", "text"),
    [(worker.main, "Hello there."), (fake_workers.tone_main, "HANG")],
    ids=["real engine blocked in synthesis", "stand-in worker hanging"],
)
def test_sigterm_ends_a_blocked_worker_even_if_the_kiosk_ignores_it(
    tmp_path: Path, target: object, text: str
) -> None:
    """An ignored SIGTERM is inherited through fork and exec (a launcher or session
    script that ignores it): the worker must not inherit that."""
    previous = signal.signal(signal.SIGTERM, signal.SIG_IGN)
    try:
        process, conn = worker.spawn(target)  # type: ignore[arg-type]
    finally:
        signal.signal(signal.SIGTERM, previous)
    try:
        assert conn.poll(20) and isinstance(conn.recv(), Ready)
        assert process.pid is not None
        if target is worker.main:
            block_in_synthesis(conn, process, tmp_path, text)
        else:
            conn.send(Synthesize("job", text, "fake/en-us", 175, str(tmp_path / "x.wav")))
        wait_blocked(process.pid, timeout_s=0 if target is not worker.main else 10.0)
        os.kill(process.pid, signal.SIGTERM)
        process.join(GONE_WITHIN_S)
        assert not process.is_alive(), "SIGTERM did not end the speech worker"
    finally:
        if process.is_alive():
            process.kill()
            process.join(2)
        conn.close()
