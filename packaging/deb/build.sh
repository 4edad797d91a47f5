#!/usr/bin/env bash
# Build the FAQ Kiosk Debian package: dist/faq-kiosk_<version>_<arch>.deb
#
#   bash packaging/deb/build.sh            (the Makefile's `deb` target)
#
# 1. compiles the gettext catalogs and makes the PyInstaller one-dir bundle
#    (packaging/pyinstaller/faq-kiosk.spec) with a pinned PyInstaller;
# 2. strips the Python runtime's debug information and smoke-tests the bundle;
# 3. stages /opt/faq-kiosk, /usr/bin/faq-kiosk, the systemd unit, the PAM file, the
#    config (a conffile), docs, man page and lintian overrides, computes the library
#    dependencies with dpkg-shlibdeps and builds the .deb with dpkg-deb.
#
# Build on the release you ship to (Debian 12 "bookworm"): the bundle links to that
# release's system libraries and the Depends are computed from them.
#
# Environment:
#   VENV           virtualenv with the kiosk installed (default: .venv; `make venv`)
#   DEB_VERSION    full Debian version to stamp (default: <pyproject version>-<DEB_REVISION>)
#   DEB_REVISION   Debian revision (default: 1)
#   DEB_MAINTAINER Maintainer field (default: author of the current git commit)
#   SOURCE_DATE_EPOCH  timestamp for reproducible output (default: current commit's time)
#   DEB_REUSE_BUNDLE=1 package the bundle left by the previous run instead of running
#                  PyInstaller again (the package test's upgrade build)
#   DEB_OUTPUT_DIR where the .deb goes (default: dist). Other faq-kiosk .debs of the same
#                  architecture there are removed: the Ansible role deploys the one .deb
#                  it finds in dist/.
set -euo pipefail

# Pinned build tools. Raise together, then run packaging/deb/test.sh.
PYINSTALLER_VERSION=6.22.3
PYINSTALLER_HOOKS_CONTRIB_VERSION=2026.9

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"

venv=${VENV:-.venv}
python=$venv/bin/python
work=build/deb
log=$work/build.log

say() { printf 'build.sh: %s\n' "$*"; }
die() { printf 'build.sh: error: %s\n' "$*" >&2; exit 1; }

started=$(date +%s)

# --- prerequisites -----------------------------------------------------------------
[[ -x $python ]] || die "no virtualenv at $venv (run \`make venv\` first)"
command -v dpkg-deb >/dev/null || die "not a Debian system (dpkg-deb missing)"
# dpkg-shlibdeps (dpkg-dev), readelf/strip (binutils), chrpath, and for Debian's own
# Python the shared libpython PyInstaller bundles; installed as root if missing.
# The libraries Qt's Wayland platform plugin links to (cage is a Wayland compositor):
# dpkg-shlibdeps and the check below resolve them on this machine, which a fresh one
# (nothing but `make venv`) does not have.
tools=(dpkg-dev binutils chrpath libwayland-cursor0 libwayland-egl1)
if [[ $("$python" -c 'import os, sys; print(os.path.realpath(sys.executable))') == /usr/bin/* ]]; then
    tools+=("libpython$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')")
fi
bash packaging/dev/system-deps.sh "${tools[@]}"

outdir=${DEB_OUTPUT_DIR:-dist}
mkdir -p "$work" "$outdir"
: >"$log"

# --- versions ------------------------------------------------------------------------
# The upstream version is pyproject.toml's; the installed metadata (what
# `faq-kiosk --version` reports) must agree, so refresh a stale editable install.
read -r upstream installed < <("$python" - <<'EOF'
import tomllib
from importlib import metadata
with open("pyproject.toml", "rb") as f:
    version = tomllib.load(f)["project"]["version"]
try:
    installed = metadata.version("faq-kiosk")
except metadata.PackageNotFoundError:
    installed = "-"
print(version, installed)
EOF
)
if [[ $upstream != "$installed" ]]; then
    say "installed metadata says $installed, pyproject.toml $upstream: reinstalling the package"
    "$python" -m pip install --quiet --no-deps -e . >>"$log" 2>&1
fi
# PEP 440 → Debian ordering: 1.2.0rc1 → 1.2.0~rc1, 1.2.0.dev3 → 1.2.0~dev3, .post1 → +post1.
debian_upstream=$(sed -E -e 's/\.?(a|b|rc|dev)([0-9]+)/~\1\2/g' -e 's/\.?post([0-9]+)/+post\1/' <<<"$upstream")
version=${DEB_VERSION:-$debian_upstream-${DEB_REVISION:-1}}
dpkg --validate-version "$version" >/dev/null 2>&1 || die "DEB_VERSION '$version' is not a valid Debian version"
arch=$(dpkg --print-architecture)
deb=$outdir/faq-kiosk_${version}_${arch}.deb

if [[ -z ${SOURCE_DATE_EPOCH:-} ]]; then
    SOURCE_DATE_EPOCH=$(git log -1 --format=%ct 2>/dev/null || stat -c %Y pyproject.toml)
fi
export SOURCE_DATE_EPOCH
commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
maintainer=${DEB_MAINTAINER:-$(git log -1 --format='%an <%ae>' 2>/dev/null || true)}
[[ -n $maintainer ]] || die "set DEB_MAINTAINER (\"Name <email>\")"
say "faq-kiosk $upstream → $deb (commit $commit)"

# --- 1. the bundle -------------------------------------------------------------------
if [[ $("$venv/bin/pyinstaller" --version 2>/dev/null || true) != "$PYINSTALLER_VERSION" ]]; then
    say "installing PyInstaller $PYINSTALLER_VERSION into $venv"
    "$python" -m pip install --quiet "pyinstaller==$PYINSTALLER_VERSION" \
        "pyinstaller-hooks-contrib==$PYINSTALLER_HOOKS_CONTRIB_VERSION" >>"$log" 2>&1
fi
bundle=$work/pyinstaller-dist/faq-kiosk
if [[ ${DEB_REUSE_BUNDLE:-0} == 1 && -x $bundle/faq-kiosk ]]; then
    say "reusing the bundle in $bundle (DEB_REUSE_BUNDLE=1)"
else
    "$venv/bin/pybabel" compile -D kiosk -d i18n >>"$log" 2>&1
    say "PyInstaller $PYINSTALLER_VERSION: building the one-dir bundle (log: $log)"
    PYTHONHASHSEED=0 "$venv/bin/pyinstaller" --noconfirm --clean --log-level WARN \
        --workpath "$work/pyinstaller" --distpath "$work/pyinstaller-dist" \
        packaging/pyinstaller/faq-kiosk.spec >>"$log" 2>&1 ||
        { tail -n 30 "$log" >&2; die "PyInstaller failed"; }
fi

is_elf() { [[ $(head -c 4 "$1" | od -An -c | tr -d ' ') == '177ELF' ]]; }

# --- 2. strip, check, smoke-test -----------------------------------------------------
# A Python built outside Debian (pyenv, here) leaves debug information in libpython
# and lib-dynload, and an absolute RUNPATH pointing into its build prefix: strip the
# one, delete the other (the bootloader finds libraries through the bundle itself;
# $ORIGIN-relative RUNPATHs, as in the Qt libraries, are kept). The wheels' libraries
# are already stripped (and some break if stripped again, see the spec). The
# executable is left alone: PyInstaller appends its archive to it.
while IFS= read -r -d '' file; do
    [[ $file == "$bundle/faq-kiosk" ]] && continue
    is_elf "$file" || continue
    if readelf -S -W "$file" 2>/dev/null | grep -qE ' \.(symtab|debug_info) '; then
        strip --strip-unneeded --remove-section=.comment --remove-section=.note "$file"
    fi
    runpath=$(readelf -d -W "$file" 2>/dev/null | sed -n -E 's/.*\((RUNPATH|RPATH)\).*\[(.*)\]/\2/p')
    if [[ -n $runpath && $runpath != *"\$ORIGIN"* ]]; then
        chrpath -d "$file" >/dev/null
    fi
done < <(find "$bundle" -type f -print0)

# Every library a bundled ELF file links to must resolve (inside the bundle or on
# this system), or the kiosk would fail on the first screen that needs it.
unresolved=$(find "$bundle" -type f \( -name '*.so' -o -name '*.so.*' -o -name faq-kiosk \) \
    -exec env LD_LIBRARY_PATH="$bundle/_internal" ldd {} + 2>/dev/null | grep 'not found' | sort -u || true)
[[ -z $unresolved ]] || die "unresolved libraries in the bundle:"$'\n'"$unresolved"

smoke=$(mktemp -d)
trap 'rm -rf "$smoke"' EXIT
got=$(env -u FAQ_KIOSK_CONFIG "$bundle/faq-kiosk" --version)
[[ $got == "faq-kiosk $upstream" ]] || die "bundle --version says '$got', expected 'faq-kiosk $upstream'"
env -u FAQ_KIOSK_CONFIG HOME="$smoke" QT_QPA_PLATFORM=offscreen \
    "$bundle/faq-kiosk" --config /dev/null --screenshot "$smoke/smoke.png" --lang vi >>"$log" 2>&1 ||
    die "bundle failed to render a screenshot (see $log)"
[[ $(stat -c %s "$smoke/smoke.png") -gt 20000 ]] || die "bundle rendered a suspiciously small screenshot"
say "bundle: $(du -sh "$bundle" | cut -f1) in $(find "$bundle" -type f | wc -l) files; smoke test passed"

# --- 3. the package ------------------------------------------------------------------
# dpkg-shlibdeps wants the Debian source layout: debian/control and debian/<package>/.
pkgdir=$work/pkg
root=$pkgdir/debian/faq-kiosk
rm -rf "$pkgdir"
mkdir -p "$root/DEBIAN" "$root/opt"
cp -a "$bundle" "$root/opt/faq-kiosk"

install -D -m 0644 packaging/config.toml "$root/etc/faq-kiosk/config.toml"
install -D -m 0644 "$here/faq-kiosk.pam" "$root/etc/pam.d/faq-kiosk"
install -D -m 0644 "$here/faq-kiosk.service" "$root/lib/systemd/system/faq-kiosk.service"
install -D -m 0755 "$here/kiosk-session" "$root/usr/lib/faq-kiosk/kiosk-session"
mkdir -p "$root/usr/bin"
ln -s /opt/faq-kiosk/faq-kiosk "$root/usr/bin/faq-kiosk"  # across top-level dirs: absolute

doc=$root/usr/share/doc/faq-kiosk
install -D -m 0644 "$here/README.Debian" "$doc/README.Debian"
install -D -m 0644 "$here/lintian-overrides" "$root/usr/share/lintian/overrides/faq-kiosk"
install -D -m 0644 "$here/faq-kiosk.1" "$root/usr/share/man/man1/faq-kiosk.1"
gzip -9n "$root/usr/share/man/man1/faq-kiosk.1"

# changelog.Debian: one entry for this build, naming the bundled versions.
bundled=$("$python" - <<'EOF'
import platform
from importlib.metadata import version

print(
    f"Python {platform.python_version()}, PySide6 and Qt {version('PySide6_Essentials')}, "
    f"babel {version('babel')}, segno {version('segno')}, pyttsx3 {version('pyttsx3')}"
)
EOF
)
changelog_date=$(date -u -R -d "@$SOURCE_DATE_EPOCH")
cat >"$doc/changelog.Debian" <<EOF
faq-kiosk ($version) bookworm; urgency=medium

  * FAQ Kiosk $upstream (git commit $commit), built with PyInstaller
    $PYINSTALLER_VERSION as a one-dir bundle in /opt/faq-kiosk.
$(fold -s -w 68 <<<"Bundled: $bundled." | sed -e 's/ *$//' -e '1s/^/  * /' -e '2,$s/^/    /')

 -- $maintainer  $changelog_date
EOF
gzip -9n "$doc/changelog.Debian"

# copyright: packaging/deb/copyright with each "@LICENCE:<what>@" line replaced by that
# licence's text, read from what is bundled (so it matches the bundled versions).
"$python" "$here/render_copyright.py" "$here/copyright" "$doc/copyright" ||
    die "could not write the copyright file"

# Library dependencies of everything in the bundle (bundled libraries are recognised as
# the package's own: they are inside debian/faq-kiosk/).
mapfile -t elves < <(find "$root/opt" -type f | while IFS= read -r f; do is_elf "$f" && echo "$f"; done)
printf 'Source: faq-kiosk\nMaintainer: %s\n\nPackage: faq-kiosk\nArchitecture: any\nDescription: -\n' \
    "$maintainer" >"$pkgdir/debian/control"
shlibs=$(cd "$pkgdir" && dpkg-shlibdeps -O --warnings=0 "${elves[@]#"$pkgdir/"}" 2>>"$repo/$log") ||
    die "dpkg-shlibdeps failed (see $log)"
shlibs=${shlibs#shlibs:Depends=}
rm -rf "$pkgdir/debian/control"

# Depends beyond what the ELF files link to:
#   libespeak-ng1, espeak-ng-data  pyttsx3 loads libespeak-ng.so.1 with ctypes (speech)
#   espeak-ng                      its command line, for IT to test voices
#   cage, xwayland                 the Wayland kiosk compositor the service runs; Debian
#                                  12's cage 0.1.4 exits at start ("Cannot create
#                                  XWayland server") without the Xwayland binary, which
#                                  its package does not depend on
#   libpam-systemd, libpam-modules /etc/pam.d/faq-kiosk (logind session for the kiosk)
#   adduser                        the postinst creates the kiosk user
#   procps                         pkill, in the unit's ExecStop/ExecStopPost
#   socat                          the notification relay in kiosk-session
#   pipewire-pulse | pulseaudio    Qt plays speech through PipeWire or PulseAudio only
depends="libespeak-ng1, espeak-ng-data, espeak-ng, cage, xwayland, libpam-systemd, libpam-modules, adduser, procps, socat, pipewire-pulse | pulseaudio, $shlibs"
recommends="wireplumber | pulseaudio, dbus-user-session"

# Modes and times: directories 0755, files 0644, programs 0755 (shared objects are not
# programs), every mtime = SOURCE_DATE_EPOCH.
find "$root" -type d -exec chmod 0755 {} +
find "$root" -type f -exec chmod 0644 {} +
chmod 0755 "$root/opt/faq-kiosk/faq-kiosk" "$root/usr/lib/faq-kiosk/kiosk-session"
for script in postinst prerm postrm; do
    install -m 0755 "$here/$script" "$root/DEBIAN/$script"
done
printf '/etc/faq-kiosk/config.toml\n/etc/pam.d/faq-kiosk\n' >"$root/DEBIAN/conffiles"
chmod 0644 "$root/DEBIAN/conffiles"
(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | LC_ALL=C sort -z |
    xargs -0 md5sum) >"$root/DEBIAN/md5sums"
chmod 0644 "$root/DEBIAN/md5sums"

installed_size=$(du -s -k --apparent-size --exclude=DEBIAN "$root" | cut -f1)
cat >"$root/DEBIAN/control" <<EOF
Package: faq-kiosk
Version: $version
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $installed_size
Depends: $depends
Recommends: $recommends
Section: education
Priority: optional
Description: accessible, offline, multilingual FAQ kiosk for school front offices
 FAQ Kiosk shows a district's frequently asked questions on a front-office
 touchscreen in English, Spanish and Vietnamese, reads every answer aloud
 (espeak-ng), offers large text and high contrast, and resets itself for the
 next visitor. It ships with the Denver Public Schools "SRO Frequently Asked
 Questions"; any district can load its own content bundle.
 .
 The package runs the kiosk full screen on tty1 under the cage Wayland
 compositor as the unprivileged "kiosk" user (faq-kiosk.service): restarted
 if it exits, watched by the systemd watchdog, configured in
 /etc/faq-kiosk/config.toml. The application is a self-contained PyInstaller
 bundle (Python and Qt included) in /opt/faq-kiosk.
EOF
chmod 0644 "$root/DEBIAN/control"
find "$root" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

for old in "$outdir"/faq-kiosk_*_"$arch".deb; do
    [[ -e $old && $old != "$deb" ]] && { say "removing the older $old"; rm -f "$old"; }
done
rm -f "$deb"
dpkg-deb --root-owner-group -Zxz --threads-max=2 --build "$root" "$deb" >>"$log"
echo "$deb" >"$work/last-deb"  # for packaging/deb/test.sh
say "built $deb ($(du -h "$deb" | cut -f1), installed size $((installed_size / 1024)) MiB) in $(($(date +%s) - started)) s"
