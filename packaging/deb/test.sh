#!/usr/bin/env bash
# Package test for the FAQ Kiosk .deb (the Makefile's `deb-test` target).
#
#   sudo bash packaging/deb/test.sh
#
# Builds the .deb (packaging/deb/build.sh), checks it with lintian (errors and warnings
# fail; the package's documented overrides apply) and systemd-analyze, installs it with
# apt (which pulls the Depends), then checks the installed files, the kiosk user and
# the unit, and runs the installed kiosk: --version, `check` (as root and as the kiosk
# user), four screenshots (a real render, byte-identical to the source tree's), its
# frozen speech worker writing WAVs (speech_probe.py), the unit's main process under a
# headless cage with a NOTIFY_SOCKET to listen on (cage_probe.py), and the service under
# a real systemd 252 and logind (systemd_probe.sh: this machine's systemd, or one booted
# in a throw-away container). Then it edits the config, builds and installs a higher
# version, checks the edit and an admin's `systemctl disable` survived, removes and
# purges the package and checks what is left. About 4-5 minutes.
#
# Needs root on Debian 12; installs what it needs with apt. Leaves the machine as it
# found it: the package is purged at the end (also on failure or Ctrl+C), the kiosk
# user removed if this test created it, and a policy-rc.d it wrote (where systemd runs,
# so that installing does not start the kiosk before the test does) removed. Packages
# apt pulled in stay installed (as after any apt install/purge; `apt autoremove` lists
# them). Exit status 0 when every check passed; a summary is printed either way.
#
# Environment: VENV (default .venv), TEST_ARTIFACTS (default build/deb/test: the
# screenshots, WAVs, logs and journals are kept there for a human to look at).
# The checks below run small `bash -c '...'` scripts whose $ must expand inside them.
# shellcheck disable=SC2016
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
venv=${VENV:-.venv}
python=$venv/bin/python
artifacts=${TEST_ARTIFACTS:-build/deb/test}
export DEBIAN_FRONTEND=noninteractive

started=$(date +%s)
results=()
failed=0

say() { printf '\n=== %s\n' "$*"; }
pass() { results+=("PASS  $1"); printf 'PASS  %s\n' "$1"; }
skipped() { results+=("SKIP  $1"); printf 'SKIP  %s\n' "$1"; }
fail() { results+=("FAIL  $1"); printf 'FAIL  %s\n' "$1"; failed=$((failed + 1)); }
# check NAME COMMAND...: run it, record PASS or FAIL (the test goes on either way).
check() {
    local label=$1
    shift
    if "$@"; then pass "$label"; else fail "$label"; fi
}
summary() {
    printf '\n=== Summary (%s s)\n' "$(($(date +%s) - started))"
    printf '%s\n' "${results[@]}"
    local skips
    skips=$(printf '%s\n' "${results[@]}" | grep -c '^SKIP' || true)
    if ((failed)); then
        printf '\nFAIL: %d of %d checks failed\n' "$failed" "${#results[@]}"
    else
        printf '\nPASS: all %d checks passed (%d skipped)\n' "$((${#results[@]} - skips))" "$skips"
    fi
}

# --- preconditions ------------------------------------------------------------------
[[ $(id -u) -eq 0 ]] || { echo "test.sh: run as root (it installs and purges the package)" >&2; exit 2; }
command -v apt-get >/dev/null || { echo "test.sh: needs a Debian system" >&2; exit 2; }
[[ -x $python ]] || { echo "test.sh: no virtualenv at $venv (run \`make venv\`)" >&2; exit 2; }
# Installed, or removed with its config files left: anything but "not-installed".
package_present() {
    local status
    status=$(dpkg-query -W -f='${Status}' faq-kiosk 2>/dev/null || true)
    [[ -n $status && $status != *not-installed ]]
}
if package_present; then
    echo "test.sh: faq-kiosk is installed on this machine; this test would purge it. Stopping." >&2
    exit 2
fi
kiosk_user_existed=no
getent passwd kiosk >/dev/null && kiosk_user_existed=yes
policy_rc=/usr/sbin/policy-rc.d
policy_rc_ours=no

cleanup() {
    local status=$?
    set +e
    if ((status != 0 && status != 130)) && ((failed == 0)); then
        fail "test stopped by an unexpected error (status $status; see the output above)"
    elif ((status == 130)); then
        fail "interrupted"
    fi
    if package_present; then
        echo "test.sh: cleanup: purging faq-kiosk"
        dpkg --purge faq-kiosk >/dev/null 2>&1
    fi
    if [[ $policy_rc_ours == yes ]]; then rm -f "$policy_rc"; fi
    if [[ $kiosk_user_existed == no ]] && getent passwd kiosk >/dev/null; then
        echo "test.sh: cleanup: removing the kiosk user this test created"
        deluser --quiet --system kiosk >/dev/null 2>&1
        getent group kiosk >/dev/null && delgroup --quiet --system kiosk >/dev/null 2>&1
    fi
    rm -rf "$scratch"
    summary
    ((failed == 0 && status == 0)) || exit 1
}
scratch=$(mktemp -d)
trap cleanup EXIT
trap 'exit 130' INT TERM
rm -rf "$artifacts"
mkdir -p "$artifacts"

# --- tools --------------------------------------------------------------------------
say "Installing test tools"
# lintian; dpkg-dev/binutils/chrpath (build.sh); systemd for systemd-analyze (cage, the
# unit's ExecStart, comes with the package).
tools=(lintian dpkg-dev binutils chrpath systemd)
missing=()
for tool in "${tools[@]}"; do
    dpkg-query -W -f='${Status}' "$tool" 2>/dev/null | grep -q '^install ok installed' || missing+=("$tool")
done
if ((${#missing[@]})); then
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
pass "test tools installed (${missing[*]:-none needed})"

# --- build --------------------------------------------------------------------------
say "Building the package"
t0=$(date +%s)
bash packaging/deb/build.sh
build_s=$(($(date +%s) - t0))
upstream=$("$python" -c 'import tomllib; print(tomllib.load(open("pyproject.toml", "rb"))["project"]["version"])')
deb=$(cat build/deb/last-deb)
version=$(dpkg-deb -f "$deb" Version)
pass "build: $deb ($(du -h "$deb" | cut -f1), $build_s s)"

# --- static checks ------------------------------------------------------------------
say "lintian"
# Errors and warnings fail; the package's own overrides (each with its reason) apply.
# (One run: with --show-overrides, lintian's --fail-on also counts overridden tags, so
# the verdict is read from the tags it prints.)
lintian_log=$artifacts/lintian.txt
lintian --show-overrides --display-info "$deb" >"$lintian_log" 2>&1 || true
lintian_problems=$(grep -E '^(E|W): ' "$lintian_log" || true)
if ! grep -qE '^(O|I|N): faq-kiosk' "$lintian_log"; then
    tail -n 20 "$lintian_log"
    fail "lintian did not run (see $lintian_log)"
elif [[ -n $lintian_problems ]]; then
    head -n 30 <<<"$lintian_problems"
    fail "lintian: $(wc -l <<<"$lintian_problems") errors or warnings (see $lintian_log)"
else
    pass "lintian: no errors or warnings ($(grep -c '^O: ' "$lintian_log") overridden, $(grep -c '^I: ' "$lintian_log" || true) info)"
fi

# --- install ------------------------------------------------------------------------
say "Installing with apt (pulls the Depends)"
if [[ -d /run/systemd/system && ! -e $policy_rc ]]; then
    # Where systemd runs this machine, the postinst would start the kiosk at once; the
    # test starts it itself later (systemd_probe.sh), so keep it stopped until then.
    printf '%s\n' '#!/bin/sh' '# Written by faq-kiosk'"'"'s package test (packaging/deb/test.sh); removed when it ends.' \
        'case "$1" in faq-kiosk.service) exit 101 ;; esac' 'exit 0' >"$policy_rc"
    chmod 0755 "$policy_rc"
    policy_rc_ours=yes
fi
t0=$(date +%s)
apt-get update -qq
apt-get install -y -qq "./$deb" >"$artifacts/apt-install.log" 2>&1 ||
    { tail -n 20 "$artifacts/apt-install.log"; fail "apt-get install ./$deb"; exit 1; }
pass "installed $version with apt ($(($(date +%s) - t0)) s)"

say "Installed files, user, service"
check "dpkg --verify: installed files match the package" test -z "$(dpkg --verify faq-kiosk)"
for path in /opt/faq-kiosk/faq-kiosk /usr/bin/faq-kiosk /etc/faq-kiosk/config.toml \
    /etc/pam.d/faq-kiosk /lib/systemd/system/faq-kiosk.service /usr/lib/faq-kiosk/kiosk-session \
    /usr/share/man/man1/faq-kiosk.1.gz; do
    check "installed: $path" test -e "$path"
done
check "kiosk is a system user with home /var/lib/faq-kiosk and no login shell" \
    bash -c '[[ $(getent passwd kiosk | cut -d: -f3) -lt 1000 && $(getent passwd kiosk | cut -d: -f6) == /var/lib/faq-kiosk && $(getent passwd kiosk | cut -d: -f7) == /usr/sbin/nologin ]]'
# render is made by udev (systemd-sysusers) and is missing in a bare container; postinst
# joins the groups that exist, so that is what is checked.
check "kiosk is in audio, video and (where the machine has it) render" \
    bash -c 'for g in audio video render; do getent group "$g" >/dev/null || [ "$g" = render ] || exit 1; getent group "$g" >/dev/null || continue; id -nG kiosk | tr " " "\n" | grep -qx "$g" || exit 1; done'
check "/var/lib/faq-kiosk is kiosk's, mode 0750" test "$(stat -c '%U %a' /var/lib/faq-kiosk)" = "kiosk 750"
check "/etc/faq-kiosk/staff-pin is root:kiosk, mode 0640 (the PIN hash, not world-readable)" \
    test "$(stat -c '%U:%G %a' /etc/faq-kiosk/staff-pin)" = "root:kiosk 640"
check "another user cannot read the PIN file (but can read the config)" bash -c 'runuser -u nobody -- cat /etc/faq-kiosk/config.toml >/dev/null && ! runuser -u nobody -- cat /etc/faq-kiosk/staff-pin 2>/dev/null'
check "service enabled for graphical.target (no systemd needed)" \
    test -L /etc/systemd/system/graphical.target.wants/faq-kiosk.service
unit_check() {
    # Loads the unit as systemd would (ExecStart must exist, keys must be known).
    local out
    out=$(systemd-analyze verify --man=no /lib/systemd/system/faq-kiosk.service 2>&1) || { echo "$out"; return 1; }
    if grep -q 'faq-kiosk' <<<"$out"; then echo "$out"; return 1; fi
}
check "systemd-analyze verify faq-kiosk.service" unit_check
check "unit: the PITFALLS settings" bash -c '
    unit=/lib/systemd/system/faq-kiosk.service
    for line in TTYPath=/dev/tty1 TTYReset=yes TTYVHangup=yes StandardInput=tty-fail \
        Conflicts=getty@tty1.service PAMName=faq-kiosk Restart=always Type=notify \
        NotifyAccess=all WatchdogSec=30s ExecStart=/usr/lib/faq-kiosk/kiosk-session; do
        grep -qxF "$line" "$unit" || { echo "missing: $line"; exit 1; }
    done
    grep -qF "/usr/bin/cage -d -- /usr/bin/env -u DISPLAY /usr/bin/faq-kiosk" \
        /usr/lib/faq-kiosk/kiosk-session
    grep -q "^After=.*systemd-logind.service" "$unit"
    ! grep -q "display-manager.service" <(grep -v "^#" "$unit" | grep "^Alias")'
check "PAM: own service file with pam_systemd" grep -q '^session[[:space:]]*required[[:space:]]*pam_systemd.so' /etc/pam.d/faq-kiosk

# --- the installed application ------------------------------------------------------
say "The installed application"
check "faq-kiosk --version says $upstream" test "$(/usr/bin/faq-kiosk --version)" = "faq-kiosk $upstream"
check_report() {
    local out=$artifacts/check-$1.txt
    shift
    if ! "$@" >"$out" 2>&1; then cat "$out"; return 1; fi
    # Frozen speech: the worker is spawned from the bundle and lists espeak-ng's voices.
    for voice in "en: voice 'en-us'" "es: voice 'es-419'" "vi: voice 'vi'"; do
        grep -qF "ok    $voice" "$out" || { echo "no '$voice' in:"; cat "$out"; return 1; }
    done
    grep -q "/etc/faq-kiosk/config.toml: valid" "$out" || { cat "$out"; return 1; }
}
check "faq-kiosk check (root): valid config, voices for en, es, vi" check_report root /usr/bin/faq-kiosk check
check "faq-kiosk check (as kiosk): valid config, voices for en, es, vi" \
    check_report kiosk runuser -u kiosk -- env HOME=/var/lib/faq-kiosk /usr/bin/faq-kiosk check

# name|size|options: the Makefile's README screenshots, plus high contrast.
shots=("home|1920x1080|"
    "faq-en|1920x1080|--lang en --open imminent-threat"
    "faq-vi-portrait-200|1080x1920|--lang vi --open contact --text-size 200"
    "faq-es-contrast|1280x800|--lang es --open contact --high-contrast")
for shot in "${shots[@]}"; do
    IFS='|' read -r name size extra <<<"$shot"
    read -r -a args <<<"$extra"
    png=$artifacts/$name.png
    screenshot_ok() {
        QT_QPA_PLATFORM=offscreen /usr/bin/faq-kiosk --screenshot "$png" --size "$size" "${args[@]}" \
            >/dev/null 2>"$artifacts/$name.log" || { cat "$artifacts/$name.log"; return 1; }
        "$python" "$here/png_probe.py" "$png" "$size" || return 1
        # The installed (frozen) kiosk must draw exactly what the tested source tree draws:
        # a font, catalog or plugin missing from the bundle shows up as a difference.
        if ! QT_QPA_PLATFORM=offscreen "$venv/bin/faq-kiosk" --config /etc/faq-kiosk/config.toml \
            --screenshot "$scratch/$name.png" --size "$size" "${args[@]}" >/dev/null 2>&1; then
            echo "the source tree's kiosk could not render $name"
            return 1
        fi
        cmp -s "$png" "$scratch/$name.png" || { echo "differs from the source tree's rendering"; return 1; }
    }
    check "screenshot $name ($size): a real render, identical to the source tree's" screenshot_ok
done

say "Frozen speech: the installed kiosk's worker synthesizes en, es, vi"
check "speech worker from /usr/bin/faq-kiosk writes WAVs (espeak-ng)" \
    "$python" "$here/speech_probe.py" /usr/bin/faq-kiosk "$artifacts/speech"

say "The installed kiosk under a headless cage (Wayland), as the service runs it"
check "unit's ExecStart under headless cage: READY=1, WATCHDOG=1, only the kiosk's processes, ExecStop stops it" \
    "$python" "$here/cage_probe.py" "$artifacts/cage"

say "The service under a real systemd and logind (a throw-away container)"
set +e
bash "$here/systemd_probe.sh" "$artifacts/systemd"
probe_status=$?
set -e
case $probe_status in
    0) pass "systemd 252 + logind: session on tty1, READY=1, watchdog, restart on crash and hang, clean stop" ;;
    77) skipped "systemd + logind container probe (this machine cannot boot systemd in namespaces)" ;;
    *) fail "systemd + logind container probe (see $artifacts/systemd/journal.txt)" ;;
esac

# --- upgrade ------------------------------------------------------------------------
say "Upgrade to a higher version keeps an edited config"
sed -i 's/^idle_timeout_s = .*/idle_timeout_s = 120  # edited by test.sh/' /etc/faq-kiosk/config.toml
# An admin's `systemctl disable` must survive the upgrade.
systemctl disable faq-kiosk.service >/dev/null 2>&1
upgrade_version="$version+upgradetest1"
DEB_VERSION=$upgrade_version DEB_REUSE_BUNDLE=1 DEB_OUTPUT_DIR=$scratch bash packaging/deb/build.sh >/dev/null
upgrade_deb=$(cat build/deb/last-deb)
echo "$deb" >build/deb/last-deb  # dist/ keeps the package of this tree
apt-get install -y -qq -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold \
    "$upgrade_deb" >"$artifacts/apt-upgrade.log" 2>&1 || { tail -n 20 "$artifacts/apt-upgrade.log"; fail "upgrade install"; }
check "upgraded to $upgrade_version" test "$(dpkg-query -W -f='${Version}' faq-kiosk)" = "$upgrade_version"
check "edited config survived the upgrade" grep -q '^idle_timeout_s = 120  # edited by test.sh' /etc/faq-kiosk/config.toml
check "disabled service stayed disabled" test ! -e /etc/systemd/system/graphical.target.wants/faq-kiosk.service
check "config still valid after the edit" bash -c '/usr/bin/faq-kiosk check >/dev/null 2>&1'
check "kiosk user kept" bash -c "getent passwd kiosk >/dev/null"

# --- remove, purge ------------------------------------------------------------------
say "Remove, then purge"
dpkg --remove faq-kiosk >"$artifacts/dpkg-remove.log" 2>&1 || fail "dpkg --remove"
for path in /opt/faq-kiosk /usr/bin/faq-kiosk /lib/systemd/system/faq-kiosk.service \
    /usr/lib/faq-kiosk; do
    check "removed: $path gone" test ! -e "$path" -a ! -L "$path"
done
check "removed: config kept until purge" test -f /etc/faq-kiosk/config.toml
check "removed: state kept until purge" test -d /var/lib/faq-kiosk
dpkg --purge faq-kiosk >"$artifacts/dpkg-purge.log" 2>&1 || fail "dpkg --purge"
package_gone() { ! package_present; }
check "purged: dpkg knows no faq-kiosk" package_gone
for path in /etc/faq-kiosk /etc/pam.d/faq-kiosk /var/lib/faq-kiosk /etc/systemd/system/faq-kiosk.service; do
    check "purged: $path gone" test ! -e "$path" -a ! -L "$path"
done
check "purged: no enablement symlinks left" \
    test -z "$(find /etc/systemd/system -name 'faq-kiosk*' 2>/dev/null)"
# Debian practice: a package leaves its system user behind on purge (README.Debian).
check "purged: kiosk system user kept (Debian practice; cleanup removes the test's)" bash -c "getent passwd kiosk >/dev/null"

printf '\nArtifacts (screenshots, WAVs, logs): %s\n' "$artifacts"
printf 'Build %s s; whole test %s s\n' "$build_s" "$(($(date +%s) - started))"
