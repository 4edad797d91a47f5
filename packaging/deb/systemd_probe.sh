#!/usr/bin/env bash
# Run the installed faq-kiosk.service under a real systemd and logind: the real unit,
# PAM file and logind session (systemd 252 on Debian 12), on tty1, with cage switched
# to its headless backend (the only change, a drop-in: no GPU or screen needed).
#
#   bash systemd_probe.sh OUT_DIR        (root; faq-kiosk installed on this machine)
#
# Where systemd runs this machine (a CI virtual machine), the probe uses it: a runtime
# drop-in, `systemctl start`, checks, `systemctl stop`, drop-in removed (a getty on
# tty1 is started again if one ran). Where it does not (a container, a sandbox), it
# boots systemd in a throw-away container: new mount, PID, network, UTS and IPC
# namespaces, root = an overlay of this machine's / with a tmpfs on top (nothing it
# writes reaches the disk), this machine's /dev (tty0, tty1), a small target (journald,
# D-Bus, logind, faq-kiosk.service) with units that touch hardware or the host (clock,
# sysctl, udev, getty, ...) masked. Either way it checks what a kiosk needs:
#
#   * the service becomes active: READY=1 reaches systemd (through kiosk-session's relay)
#   * a logind session: type wayland, active, seat0, tty1, XDG_RUNTIME_DIR=/run/user/UID
#   * the watchdog stays fed past WatchdogSec (heartbeats arrive)
#   * a killed kiosk is restarted; a hung kiosk (SIGSTOP) is killed by the watchdog
#     and restarted, and nothing of it is left behind
#   * `systemctl stop` stops it cleanly (result "success", no processes left)
#
# Exit status: 0 all checks passed, 1 a check failed, 77 skipped: this machine has no
# virtual terminals, or cannot boot systemd in a container.
set -euo pipefail

out=${1:?usage: systemd_probe.sh OUT_DIR}
mkdir -p "$out"
out=$(cd "$out" && pwd)
unit=faq-kiosk.service
failures=0
ok() { printf 'systemd_probe: ok    %s\n' "$*"; }
bad() { printf 'systemd_probe: FAIL  %s\n' "$*"; failures=$((failures + 1)); }
skip() { printf 'systemd_probe: SKIP  %s\n' "$*"; exit 77; }
note() { printf 'systemd_probe: note  %s\n' "$*"; }

[[ $(id -u) -eq 0 ]] || skip "needs root"
[[ -e /dev/tty0 && -e /dev/tty1 ]] || skip "no virtual terminals here (/dev/tty0, /dev/tty1)"
[[ -f /lib/systemd/system/$unit ]] || { bad "$unit is not installed"; exit 1; }
headless='[Service]
Environment=WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1
'
if [[ -d /run/systemd/system ]]; then
    mode=host
elif command -v unshare >/dev/null && command -v nsenter >/dev/null; then
    mode=container
else
    skip "systemd does not run here and unshare/nsenter are missing"
fi

work=$(mktemp -d /tmp/faq-kiosk-systemd-probe.XXXXXX)
ns_pid=""
unshare_pid=""
getty_was_active=no
teardown() {
    local status=$?
    if [[ $mode == host ]]; then
        systemctl stop "$unit" 2>/dev/null || true
        rm -rf "/run/systemd/system/$unit.d/faq-kiosk-probe.conf"
        rmdir "/run/systemd/system/$unit.d" 2>/dev/null || true
        systemctl daemon-reload || true
        systemctl reset-failed "$unit" 2>/dev/null || true
        if [[ $getty_was_active == yes ]]; then systemctl start getty@tty1.service || true; fi
    fi
    # Killing the container's PID 1 ends every process in it; its mounts go with it.
    if [[ -n $ns_pid ]]; then kill -KILL "$ns_pid" 2>/dev/null || true; fi
    if [[ -n $unshare_pid ]]; then wait "$unshare_pid" 2>/dev/null || true; fi
    rm -rf "$work"
    exit "$status"
}
trap teardown EXIT

# What runs inside the new namespaces: build the root, then exec systemd as PID 1.
cat >"$work/boot" <<'BOOT'
#!/bin/bash
set -euo pipefail
work=$1
root=$work/root
mkdir -p "$work/ov" "$root"
mount -t tmpfs -o size=1G tmpfs "$work/ov"
mkdir -p "$work/ov/upper" "$work/ov/work"
mount -t overlay overlay -o "lowerdir=/,upperdir=$work/ov/upper,workdir=$work/ov/work" "$root"
mount --rbind /dev "$root/dev"
mount -t proc proc "$root/proc"
mount --rbind /sys "$root/sys"
mount -t tmpfs tmpfs "$root/run"
mount -t tmpfs tmpfs "$root/tmp"
etc=$root/etc/systemd/system
cat >"$etc/kiosk-probe.target" <<'TARGET'
[Unit]
Description=faq-kiosk service probe
Requires=basic.target
After=basic.target
Wants=dbus.service systemd-logind.service systemd-user-sessions.service faq-kiosk.service
AllowIsolate=yes
TARGET
for name in systemd-timesyncd systemd-sysctl systemd-modules-load systemd-udevd \
    systemd-udev-trigger systemd-udev-settle systemd-binfmt systemd-pstore \
    systemd-hwdb-update kmod-static-nodes systemd-remount-fs systemd-fsck-root \
    systemd-firstboot systemd-machine-id-commit systemd-random-seed systemd-networkd \
    systemd-resolved networking ifupdown-pre keyboard-setup console-setup setvtrgb \
    hwclock getty@tty1 serial-getty@ttyS0 cron ssh avahi-daemon postgresql e2scrub_reap \
    sys-kernel-config.mount sys-kernel-debug.mount sys-kernel-tracing.mount \
    sys-fs-fuse-connections.mount dev-hugepages.mount dev-mqueue.mount \
    proc-sys-fs-binfmt_misc.automount remote-fs.target avahi-daemon.socket \
    apt-daily.timer apt-daily-upgrade.timer e2scrub_all.timer fstrim.timer man-db.timer \
    dpkg-db-backup.timer; do
    [[ $name == *.* ]] || name=$name.service
    ln -sf /dev/null "$etc/$name"
done
mkdir -p "$etc/faq-kiosk.service.d"
printf '%s' "$HEADLESS" >"$etc/faq-kiosk.service.d/faq-kiosk-probe.conf"
echo faq-kiosk-probe >"$root/etc/hostname"
exec chroot "$root" env -i container=faq-kiosk-probe /lib/systemd/systemd \
    --unit=kiosk-probe.target --log-target=journal
BOOT
chmod +x "$work/boot"

if [[ $mode == container ]]; then
    HEADLESS=$headless unshare --mount --pid --net --uts --ipc --fork --propagation private \
        "$work/boot" "$work" >"$out/boot.log" 2>&1 &
    unshare_pid=$!
    for _ in $(seq 50); do
        ns_pid=$(pgrep -P "$unshare_pid" || true)
        [[ -n $ns_pid && $(cat "/proc/$ns_pid/comm" 2>/dev/null) == systemd ]] && break
        sleep 0.2
    done
    [[ -n $ns_pid ]] || { cat "$out/boot.log"; skip "could not start systemd in new namespaces"; }
    in_ns() { nsenter -t "$ns_pid" -m -p -n -u -i -r -w "$@"; }
    booted=no
    for _ in $(seq 60); do
        state=$(in_ns systemctl is-system-running 2>/dev/null || true)
        [[ $state =~ ^(running|degraded)$ ]] && { booted=yes; break; }
        sleep 0.5
    done
    if [[ $booted != yes ]]; then
        in_ns journalctl --no-pager -b >"$out/journal.txt" 2>&1 || true
        skip "systemd did not finish booting in the container (state: ${state:-none})"
    fi
    ok "systemd $(in_ns systemctl --version | head -n 1 | cut -d' ' -f2) booted in a container ($state)"
else
    in_ns() { "$@"; }
    [[ $(systemctl is-active getty@tty1.service 2>/dev/null) == active ]] && getty_was_active=yes
    mkdir -p "/run/systemd/system/$unit.d"
    printf '%s' "$headless" >"/run/systemd/system/$unit.d/faq-kiosk-probe.conf"
    systemctl daemon-reload
    systemctl reset-failed "$unit" 2>/dev/null || true
    systemctl start --no-block "$unit"
    ok "systemd $(systemctl --version | head -n 1 | cut -d' ' -f2) runs this machine: testing the service on it"
fi
prop() { in_ns systemctl show "$unit" -P "$1" 2>/dev/null; }
journal_since=$(date '+%Y-%m-%d %H:%M:%S')

wait_for() { # SECONDS COMMAND...: until the command succeeds
    local until=$((SECONDS + $1))
    shift
    until "$@"; do
        ((SECONDS < until)) || return 1
        sleep 0.5
    done
}
active() { [[ $(prop ActiveState) == active ]]; }
restarts=0
restarts_are() { [[ $(($(prop NRestarts) - restarts)) == "$1" ]]; }
# The kiosk's own processes (cage, the kiosk and its helpers, the relay), if any.
kiosk_processes() {
    in_ns ps -u kiosk -o pid=,comm= 2>/dev/null | awk '$2 ~ /^(cage|faq-kiosk|socat|kiosk-session)$/'
}
kiosk_pid() { in_ns pgrep -u kiosk -x faq-kiosk -o 2>/dev/null; }

if wait_for 30 active; then
    restarts=$(prop NRestarts)
    ok "$unit active: READY=1 reached systemd ($(prop MainPID) is the relay, $(in_ns ps -o comm= -p "$(prop MainPID)"))"
else
    bad "$unit not active within 30 s (state $(prop ActiveState)/$(prop SubState))"
fi

session=$(in_ns loginctl list-sessions --no-legend 2>/dev/null | awk '$3 == "kiosk" {print $1; exit}')
if [[ -n $session ]]; then
    show=$(in_ns loginctl show-session "$session" -p Type -p Active -p Seat -p TTY -p Remote | sort | tr '\n' ' ')
    if [[ $show == "Active=yes Remote=no Seat=seat0 TTY=tty1 Type=wayland " ]]; then
        ok "logind session $session: $show"
    else
        bad "logind session $session: $show"
    fi
else
    bad "no logind session for the kiosk user"
fi
uid=$(id -u kiosk)
pid=$(kiosk_pid || true)
environ=""
if [[ -n $pid ]]; then
    environ=$(in_ns cat "/proc/$pid/environ" | tr '\0' '\n' || true)
fi
if grep -qx "XDG_RUNTIME_DIR=/run/user/$uid" <<<"$environ" && grep -q '^WAYLAND_DISPLAY=' <<<"$environ" &&
    ! grep -q '^DISPLAY=' <<<"$environ"; then
    ok "kiosk environment: XDG_RUNTIME_DIR=/run/user/$uid, WAYLAND_DISPLAY set, no DISPLAY"
else
    bad "kiosk environment: $(grep -E '^(XDG_RUNTIME_DIR|WAYLAND_DISPLAY|DISPLAY)=' <<<"$environ" | tr '\n' ' ')"
fi

# Speech output: the kiosk's audio devices come from the session's sound server
# (PipeWire or PulseAudio, started by the user's systemd). Informational: a machine
# without a sound card may have no output at all.
audio=$(in_ns runuser -u kiosk -- env "XDG_RUNTIME_DIR=/run/user/$uid" HOME=/var/lib/faq-kiosk \
    /usr/bin/faq-kiosk check 2>/dev/null | grep 'audio output' || true)
if [[ $audio == *"ok    audio output:"* ]]; then
    ok "in the kiosk user's session, the kiosk finds an audio output:${audio#*audio output:}"
else
    note "no audio output in the kiosk user's session here (${audio:-no report}); no sound card?"
fi

sleep 35  # longer than WatchdogSec=30s
if active && restarts_are 0; then
    ok "still active past WatchdogSec=30s: heartbeats arrive (last $(prop WatchdogTimestamp))"
else
    bad "not kept alive by the heartbeat (state $(prop ActiveState), restarts $(prop NRestarts))"
fi

if [[ -n ${pid:-} ]]; then
    in_ns kill -KILL "$pid"
    if wait_for 15 restarts_are 1 && wait_for 15 active; then
        ok "killed kiosk: restarted"
    else
        bad "killed kiosk: not restarted (state $(prop ActiveState), restarts $(prop NRestarts))"
    fi
fi

pid=$(kiosk_pid || true)
if [[ -n $pid ]]; then
    in_ns kill -STOP "$pid"
    if wait_for 50 restarts_are 2 && wait_for 15 active; then
        if in_ns kill -0 "$pid" 2>/dev/null; then
            bad "hung kiosk: restarted, but the hung process $pid is still there"
        else
            ok "hung kiosk (SIGSTOP): watchdog fired, service restarted, hung process gone"
        fi
    else
        bad "hung kiosk: watchdog did not restart it (state $(prop ActiveState), restarts $(prop NRestarts))"
    fi
fi

# The kiosk's output, where README.Debian says to look for it.
if in_ns journalctl --no-pager -b -t faq-kiosk --since "$journal_since" | grep -q 'Kiosk started'; then
    ok "the kiosk's output is in the journal: journalctl -t faq-kiosk"
else
    bad "no 'Kiosk started' in journalctl -t faq-kiosk"
fi

in_ns systemctl stop "$unit" || true
left=$(kiosk_processes | tr '\n' ' ')
if [[ $(prop ActiveState) == inactive && $(prop Result) == success && -z $left ]]; then
    ok "systemctl stop: inactive, result success, no kiosk processes left"
else
    bad "systemctl stop: $(prop ActiveState), result $(prop Result), left: ${left:-none}"
fi

in_ns journalctl --no-pager -b --since "$journal_since" >"$out/journal.txt" 2>&1 || true
printf 'systemd_probe: the journal of the run: %s\n' "$out/journal.txt"
((failures == 0))
