"""Run the installed kiosk under a headless cage the way faq-kiosk.service does, and watch.

    python cage_probe.py OUT_DIR [READY_TIMEOUT_S]

Reads ExecStart=, ExecStop=, ExecStopPost=, User=, Environment= and SuccessExitStatus=
from the installed unit (/lib/systemd/system/faq-kiosk.service) and runs that main
process (kiosk-session: cage running the kiosk, and the notification relay) as that
user, adding what systemd and logind would provide (XDG_RUNTIME_DIR, NOTIFY_SOCKET,
WATCHDOG_USEC) and wlroots' headless backend with the pixman renderer (no GPU or
display needed). Then it checks:

  * READY=1 arrives (the kiosk's first frame is up, drawn through Qt's Wayland plugin
    under the packaged cage: cage #471), then WATCHDOG=1 heartbeats, all sent from the
    main process's PID (the relay), as systemd requires once logind has moved the
    kiosk into its session scope;
  * every process the kiosk starts is the kiosk's own executable (its speech worker,
    multiprocessing's resource tracker): no system program inherits the bundle's
    LD_LIBRARY_PATH, nothing escapes the process tree, no Xwayland is woken;
  * the unit's ExecStop= ends it all, cage without aborting, and the main process ends
    with a status the unit counts as success; ExecStopPost= leaves nothing behind;
  * the kiosk wrote its log in the user's home.

Exit status 0 if all of that holds. Output of cage and the kiosk: OUT_DIR/cage.log.
Run as root.
"""

from __future__ import annotations

import array
import contextlib
import grp
import os
import pwd
import shlex
import shutil
import signal
import socket
import struct
import subprocess
import sys
import tempfile
import time
from pathlib import Path

UNIT = Path("/lib/systemd/system/faq-kiosk.service")
KIOSK = "/usr/bin/faq-kiosk"
KIOSK_EXE = "/opt/faq-kiosk/faq-kiosk"
WATCHDOG_USEC = 4_000_000  # a heartbeat every 2 s
HEARTBEAT_WATCH_S = 7.0
MIN_HEARTBEATS = 2  # in HEARTBEAT_WATCH_S at one every 2 s, allowing for start-up
EXEC_PREFIXES = "+-@:!"


def read_unit(path: Path) -> dict[str, list[str]]:
    """The [Service] settings of *path*: {key: [values in order]}."""
    settings: dict[str, list[str]] = {}
    section = ""
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            section = line
        elif section == "[Service]" and "=" in line:
            key, value = line.split("=", 1)
            settings.setdefault(key, []).append(value)
    return settings


def process_table() -> dict[int, tuple[int, int, str, str, str]]:
    """{pid: (ppid, uid, state, exe, command line)} of every process."""
    table = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        with contextlib.suppress(OSError, ValueError, KeyError, IndexError):
            status = dict(
                line.split(":", 1) for line in (entry / "status").read_text().splitlines()
            )
            try:
                exe = str((entry / "exe").readlink())
            except OSError:
                exe = ""
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            table[int(entry.name)] = (
                int(status["PPid"]),
                int(status["Uid"].split()[0]),
                status["State"].strip()[:1],
                exe,
                cmdline.strip(),
            )
    return table


def descendants(root: int, table: dict[int, tuple[int, int, str, str, str]]) -> set[int]:
    """The PIDs below *root*."""
    found: set[int] = set()
    frontier = [root]
    while frontier:
        parent = frontier.pop()
        for pid, (ppid, *_rest) in table.items():
            if ppid == parent and pid not in found:
                found.add(pid)
                frontier.append(pid)
    return found


def live_processes_of(uid: int) -> dict[int, str]:
    """{pid: command line} of the processes (not zombies) running as *uid*."""
    return {
        pid: cmd
        for pid, (_p, owner, state, _e, cmd) in process_table().items()
        if owner == uid and state != "Z"
    }


def receive(sock: socket.socket, until: float, stop_at: str | None = None) -> list[tuple[int, str]]:
    """(sender PID, message) received before the monotonic time *until*."""
    messages: list[tuple[int, str]] = []
    credentials_size = struct.calcsize("3i")
    while (left := until - time.monotonic()) > 0:
        sock.settimeout(left)
        try:
            data, ancillary, _flags, _address = sock.recvmsg(
                4096, socket.CMSG_SPACE(credentials_size)
            )
        except TimeoutError:
            break
        sender = 0
        for level, kind, payload in ancillary:
            if level == socket.SOL_SOCKET and kind == socket.SCM_CREDENTIALS:
                sender = array.array("i", payload[:credentials_size])[0]
        messages += [(sender, line) for line in data.decode(errors="replace").split("\n") if line]
        if stop_at is not None and any(line == stop_at for _, line in messages):
            break
    return messages


def exec_line(value: str) -> list[str]:
    """A unit's Exec*= value as argv, without systemd's prefixes."""
    return shlex.split(value.lstrip(EXEC_PREFIXES))


def main(out_dir: Path, ready_timeout_s: float) -> int:  # noqa: PLR0915
    """Run the probe; 0 on success."""
    unit = read_unit(UNIT)
    user = pwd.getpwnam(unit["User"][-1])
    groups = [g.gr_gid for g in grp.getgrall() if user.pw_name in g.gr_mem]
    success = {0} | {
        int(v) for v in " ".join(unit.get("SuccessExitStatus", [])).split() if v.isdigit()
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []

    runtime = Path(tempfile.mkdtemp(prefix="faq-kiosk-cage-probe."))
    os.chown(runtime, user.pw_uid, user.pw_gid)
    runtime.chmod(0o700)
    notify_path = runtime.with_name(runtime.name + ".notify")  # outside the user's dir
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_PASSCRED, 1)
    sock.bind(str(notify_path))
    notify_path.chmod(0o666)
    env = {
        "PATH": "/usr/local/bin:/usr/bin:/bin",
        "HOME": user.pw_dir,
        "USER": user.pw_name,
        "LOGNAME": user.pw_name,
        "XDG_RUNTIME_DIR": str(runtime),
        "NOTIFY_SOCKET": str(notify_path),
        "WATCHDOG_USEC": str(WATCHDOG_USEC),
        "WLR_BACKENDS": "headless",
        "WLR_RENDERER": "pixman",
        "WLR_LIBINPUT_NO_DEVICES": "1",
    }
    for value in unit.get("Environment", []):
        key, _, setting = value.partition("=")
        env[key] = setting
    command = exec_line(unit["ExecStart"][-1])
    print(f"cage_probe: {' '.join(command)} as {user.pw_name}")

    log_path = out_dir / "cage.log"
    started = time.monotonic()
    with log_path.open("wb") as log:
        main_process = subprocess.Popen(
            command,
            env=env,
            user=user.pw_uid,
            group=user.pw_gid,
            extra_groups=groups,
            cwd=user.pw_dir,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
    main_pid = main_process.pid
    try:
        messages = receive(sock, started + ready_timeout_s, stop_at="READY=1")
        ready = [pid for pid, line in messages if line == "READY=1"]
        if not ready:
            failures.append(f"no READY=1 within {ready_timeout_s:.0f} s")
        else:
            print(f"cage_probe: READY=1 {time.monotonic() - started:.1f} s after start")
            seen: dict[int, tuple[int, int, str, str, str]] = {}
            watch_until = time.monotonic() + HEARTBEAT_WATCH_S
            while time.monotonic() < watch_until:
                table = process_table()
                seen.update({pid: table[pid] for pid in descendants(main_pid, table)})
                messages += receive(sock, time.monotonic() + 0.5)
            beats = sum(line == "WATCHDOG=1" for _, line in messages)
            senders = {pid for pid, _ in messages}
            print(
                f"cage_probe: {beats} WATCHDOG=1 heartbeats in {HEARTBEAT_WATCH_S:.0f} s, "
                f"sent by PID {sorted(senders)} (main process {main_pid})"
            )
            if beats < MIN_HEARTBEATS:
                failures.append(f"fewer than {MIN_HEARTBEATS} WATCHDOG=1 heartbeats")
            if senders != {main_pid}:
                failures.append(f"notifications came from {sorted(senders)}, not the main process")
            for pid, (_p, _u, _s, exe, cmd) in sorted(seen.items()):
                print(f"cage_probe: ran: {pid} {exe} :: {cmd[:90]}")
            kiosk = [pid for pid, info in seen.items() if info[4].startswith(KIOSK)]
            if not kiosk:
                failures.append("the kiosk did not run")
            else:
                started_by_kiosk = descendants(kiosk[0], {**process_table(), **seen})
                strangers = sorted(
                    {seen[p][3] for p in started_by_kiosk if p in seen and seen[p][3] != KIOSK_EXE}
                )
                if strangers:
                    failures.append(f"the kiosk started other programs: {strangers}")
                if not any(
                    "--multiprocessing-fork" in seen[p][4] for p in started_by_kiosk if p in seen
                ):
                    failures.append("no speech worker was seen")
                with contextlib.suppress(OSError):
                    environ = Path(f"/proc/{kiosk[0]}/environ").read_bytes().split(b"\0")
                    shown = [
                        v.decode() for v in environ if v.startswith((b"LD_LIBRARY", b"DISPLAY"))
                    ]
                    print(f"cage_probe: kiosk environment: {shown}")
            escaped = {
                pid: cmd
                for pid, cmd in live_processes_of(user.pw_uid).items()
                if pid != main_pid and pid not in seen
            }
            if escaped:
                failures.append(
                    f"processes of {user.pw_name} outside the service's tree: {escaped}"
                )
            xwayland = [info[4] for info in process_table().values() if "Xwayland" in info[4]]
            if xwayland:
                failures.append(f"Xwayland was started: {xwayland}")
        if main_process.poll() is not None:
            failures.append(f"the main process exited early with status {main_process.returncode}")
    finally:
        # Stop as systemd would: ExecStop= (with $MAINPID) while reaping the main process
        # (systemd, its parent, reaps it; until then `kill -0` sees a zombie), then
        # ExecStopPost=.
        stopper = subprocess.Popen(
            exec_line(unit["ExecStop"][-1]), env={**env, "MAINPID": str(main_pid)}
        )
        try:
            status = main_process.wait(10)
            status = 128 - status if status < 0 else status  # killed by a signal
            print(f"cage_probe: ExecStop= stopped it; main process status {status}")
            if status not in success:
                failures.append(f"main process ended with {status}, not in {sorted(success)}")
        except subprocess.TimeoutExpired:
            failures.append("the service still ran 10 s after ExecStop= began")
        try:
            stopper.wait(5)
        except subprocess.TimeoutExpired:
            stopper.kill()
            failures.append("ExecStop= did not return after the main process ended")
        for value in unit.get("ExecStopPost", []):
            subprocess.run(exec_line(value), env=env, timeout=15, check=False)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(main_pid, signal.SIGKILL)
        time.sleep(0.5)
        stray = live_processes_of(user.pw_uid)
        if stray:
            failures.append(f"processes of {user.pw_name} left after the stop: {stray}")
        sock.close()
        notify_path.unlink(missing_ok=True)
        shutil.rmtree(runtime, ignore_errors=True)

    output = log_path.read_text(errors="replace")
    if "Assertion" in output or "Aborted" in output:
        failures.append("cage aborted (see the log)")
    log_file = Path(user.pw_dir) / ".local/state/faq-kiosk/faq-kiosk.log"
    if not log_file.is_file() or "Kiosk started" not in log_file.read_text(errors="replace"):
        failures.append(f"no 'Kiosk started' in {log_file}")
    for failure in failures:
        print(f"cage_probe: FAIL {failure}")
    if failures:
        print(f"cage_probe: last lines of {log_path}:")
        print("\n".join(output.splitlines()[-25:]))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), float(sys.argv[2]) if sys.argv[2:] else 60))
