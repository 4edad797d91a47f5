#!/usr/bin/env bash
# Tests of the fleet deployment (packaging/ansible). Run as root on Debian 12:
#
#   bash packaging/ansible/test.sh
#
# 1. installs the pinned tools (requirements-test.txt) into packaging/ansible/.venv;
# 2. ansible-playbook --syntax-check, and ansible-lint with the production profile;
# 3. writes config.toml for every kiosk of inventory.example.yml with the role's own
#    task (template + validate), checked by the kiosk's config and content validation;
# 4. a real run of the role's content and config tasks in a scratch folder: a good
#    bundle and config go live, a second run changes nothing, a bad config and a bad
#    bundle are refused and the live ones kept, a new bundle replaces the old; with a
#    content public key, a signed archive goes live and an unsigned, a tampered and a
#    wrong-key archive are each refused with the live content kept;
# 5. site.yml --check --diff against this machine as a Lincoln High kiosk, with the .deb
#    from dist/ (or a stand-in built here), then with the apt-repository source; both
#    must pass and leave the machine as it was;
# 6. health.yml on this machine's health file: healthy, stale, not painting, missing.
# Prints PASS or FAIL and exits non-zero on failure.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$HERE/../.." && pwd)
VENV="$HERE/.venv"
VAULT="$HERE/tests/vault-password.TEST-ONLY"
STARTED=$SECONDS
STEP="setup"
STEP_STARTED=$SECONDS

WORK=$(mktemp -d /tmp/faq-kiosk-ansible-test.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
trap 'echo; echo "FAIL: packaging/ansible/test.sh: $STEP (after $((SECONDS - STARTED)) s)" >&2' ERR

step() {
	[ "$STEP" = setup ] || echo "  ($((SECONDS - STEP_STARTED)) s)"
	STEP=$1
	STEP_STARTED=$SECONDS
	printf '\n==> %s\n' "$STEP"
}
fail() {
	echo "  $*" >&2
	return 1
}
# run LOG CMD...: run CMD, output to $WORK/LOG.log; on failure show its end and stop.
run() {
	local log="$WORK/$1.log"
	shift
	if ! "$@" >"$log" 2>&1; then
		tail -n 60 "$log" >&2
		fail "command failed (full log above): $*"
	fi
}
# run_failing LOG CMD...: CMD must fail (a refused change).
run_failing() {
	local log="$WORK/$1.log"
	shift
	if "$@" >"$log" 2>&1; then
		tail -n 40 "$log" >&2
		fail "expected a failure, got success: $*"
	fi
}
recap() { grep -E '^localhost +:' "$WORK/$1.log" | tail -n 1; }
# expect_in LOG TEXT: TEXT is in the log (lines joined, as Ansible wraps long messages).
expect_in() {
	tr '\n' ' ' <"$WORK/$1.log" | tr -s ' ' | grep -qF -- "$2" || {
		tail -n 40 "$WORK/$1.log" >&2
		fail "$1.log lacks: $2"
	}
}

step "prerequisites (root, Debian packages, pinned tools in $VENV)"
[ "$(id -u)" = 0 ] || fail "run as root: the --check run reads dpkg and apt as a deployment does"
missing=()
for package in python3-venv python3-apt python3-debian python3-cryptography; do
	dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null | grep -qx installed ||
		missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "  apt-get install ${missing[*]}"
	run apt-update apt-get update -q
	DEBIAN_FRONTEND=noninteractive run apt-install apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
stamp="$VENV/.requirements-test.sha256"
want=$(sha256sum "$HERE/requirements-test.txt" | cut -d' ' -f1)
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
	rm -rf "$VENV"
	run venv /usr/bin/python3 -m venv "$VENV"
	run pip "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$HERE/requirements-test.txt"
	echo "$want" >"$stamp"
fi
export PATH="$VENV/bin:$PATH" ANSIBLE_CONFIG="$HERE/ansible.cfg" ANSIBLE_NOCOLOR=1 NO_COLOR=1 PY_COLORS=0
cd "$HERE"
echo "  $(ansible-playbook --version | sed -n 1p); $(ansible-lint --version 2>/dev/null | sed -n 1p)"

step "ansible-playbook --syntax-check"
for playbook in site.yml tests/render-configs.yml tests/real-run.yml; do
	run syntax ansible-playbook --syntax-check -i inventory.example.yml -i tests/inventory.localhost.yml "$playbook"
done
# --tags content: the content tasks and the check report, not the package or config.
run tags ansible-playbook -i tests/inventory.localhost.yml site.yml --list-tasks --tags content
for task in "Copy the bundle into its release (a folder's files, or the archive file)" "Run faq-kiosk check with the deployed config"; do
	expect_in tags "$task"
done
for task in "Copy the .deb to the kiosk" "Write config.toml"; do
	! grep -qF "$task" "$WORK/tags.log" || fail "--tags content would also run: $task"
done
echo "  site.yml and the test playbooks: ok; --tags content selects content + report only"

step "ansible-lint (production profile)"
run lint ansible-lint --offline --profile production
tail -n 1 "$WORK/lint.log" | sed 's/^/  /'

step "config.toml for every kiosk of inventory.example.yml (template + validate)"
export FAQ_KIOSK_TEST_DIR="$WORK/render"
mkdir -p "$FAQ_KIOSK_TEST_DIR"
run render ansible-playbook -i inventory.example.yml tests/render-configs.yml --vault-password-file "$VAULT"
has_line() { grep -qxF -- "$2" "$FAQ_KIOSK_TEST_DIR/$1.district.example.toml" || fail "$1: no line: $2"; }
has_line lincoln-kiosk-01 'feedback_url = "https://forms.example.org/lincoln-high/feedback"'
has_line lincoln-kiosk-01 'text_size = 125'
has_line lincoln-kiosk-02 'text_size = 150'
has_line riverside-kiosk-01 'languages = ["es", "en", "vi"]'
has_line riverside-kiosk-01 'default_language = "es"'
has_line riverside-kiosk-01 'theme = "high-contrast"'
has_line riverside-kiosk-02 'campus-list = "https://www.example.org/riverside-middle/campuses"'
for host in lincoln-kiosk-01 riverside-kiosk-01; do # the vaulted hash, decrypted
	# shellcheck disable=SC2016 # a regular expression, not an expansion
	grep -qE '^pin_hash = "scrypt\$16384\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+"$' \
		"$FAQ_KIOSK_TEST_DIR/$host.district.example.toml" || fail "$host: no scrypt pin_hash"
done
if [ -x "$REPO/.venv/bin/faq-kiosk" ]; then # the real check too, where the dev venv exists
	for config in "$FAQ_KIOSK_TEST_DIR"/*.toml; do
		QT_QPA_PLATFORM=offscreen run real-check "$REPO/.venv/bin/faq-kiosk" check --config "$config"
	done
	echo "  4 configs written; each passes faq-kiosk check (the dev venv's)"
else
	echo "  4 configs written and validated (no dev venv: the real faq-kiosk check was not run)"
fi

step "real run of the content and config tasks in a scratch folder"
export FAQ_KIOSK_TEST_DIR="$WORK/real"
mkdir -p "$FAQ_KIOSK_TEST_DIR"
cp -r "$REPO/resources/content" "$FAQ_KIOSK_TEST_DIR/bundle"
real=(ansible-playbook -i inventory.example.yml -i tests/inventory.localhost.yml tests/real-run.yml
	--vault-password-file "$VAULT")
config="$FAQ_KIOSK_TEST_DIR/etc/config.toml"
link="$FAQ_KIOSK_TEST_DIR/srv/content"
run real-1 "${real[@]}"
if [ ! -f "$config" ] || [ ! -L "$link" ]; then fail "no config.toml or content link after the first run"; fi
grep -qxF "content_dir = \"$link\"" "$config" || fail "config.toml does not name the content link"
grep -qxF 'feedback_url = "https://forms.example.org/lincoln-high/feedback"' "$config" ||
	fail "config.toml lacks Lincoln High's settings"
expect_in real-1 'pin_hash = "(hidden; from Vault)"'
expect_in real-1 'ok: faq-kiosk standin (test only), no problems found; service not checked (systemd is not running here)'
echo "  first run: bundle live at $(readlink "$link" | sed "s|$FAQ_KIOSK_TEST_DIR/||"), config written"
run real-2 "${real[@]}"
recap real-2 | grep -q 'changed=0 ' || fail "second run changed something: $(recap real-2)"
echo "  second run: changed=0"
before=$(sha256sum "$config")
run_failing real-bad-config "${real[@]}" -e faq_kiosk_idle_timeout_s=5
expect_in real-bad-config 'idle_timeout_s: must be from 30 to 600'
[ "$(sha256sum "$config")" = "$before" ] || fail "a config that fails the check replaced the good one"
echo "  config with idle_timeout_s = 5: refused by validate, config.toml unchanged"
live=$(readlink "$link")
cp -r "$FAQ_KIOSK_TEST_DIR/bundle" "$FAQ_KIOSK_TEST_DIR/bad-bundle"
rm "$FAQ_KIOSK_TEST_DIR/bad-bundle/vi.toml"
run_failing real-bad-content "${real[@]}" -e faq_kiosk_content_src="$FAQ_KIOSK_TEST_DIR/bad-bundle"
expect_in real-bad-content 'the kiosk keeps its current content'
[ "$(readlink "$link")" = "$live" ] || fail "a bundle that fails the check went live"
echo "  bundle without vi.toml: refused, content link unchanged"
printf '%s\n' 'idle_timeout_s = 5' >"$WORK/broken.toml"
run_failing real-bad-report "${real[@]}" --tags report -e faq_kiosk_config_path="$WORK/broken.toml"
# shellcheck disable=SC2016 # backquotes of the message, not a command
expect_in real-bad-report '`faq-kiosk check` exited 1: ERROR'
expect_in real-bad-report 'idle_timeout_s: must be from 30 to 600'
echo "  report on a kiosk whose check finds errors: shown, and the host fails with them"
echo "# an edit" >>"$FAQ_KIOSK_TEST_DIR/bundle/en.toml"
run real-update "${real[@]}"
[ "$(readlink "$link")" != "$live" ] || fail "an updated bundle did not go live"
[ -d "$live" ] || fail "the previous release was not kept"
echo "  edited bundle: live, previous release kept"
# Signed archives (kiosk.content.archive and .signing, with this machine's python3).
sign_tool() {
	/usr/bin/python3 - "$REPO" "$@" <<'PY'
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from kiosk.content.archive import pack
from kiosk.content.signing import generate_key, read_private_key, sign
command, *rest = sys.argv[2:]
if command == "keygen":
    print(generate_key(Path(rest[0])))
elif command == "pack":
    pack(Path(rest[0]), Path(rest[1]))
elif command == "sign":
    sign(Path(rest[0]), read_private_key(Path(rest[1])))
PY
}
signed="$FAQ_KIOSK_TEST_DIR/signed"
mkdir -p "$signed"
public=$(sign_tool keygen "$signed/district.key")
other=$(sign_tool keygen "$signed/other.key")
sign_tool pack "$FAQ_KIOSK_TEST_DIR/bundle" "$signed/good.faqbundle"
sign_tool sign "$signed/good.faqbundle" "$signed/district.key"
with_key=(-e faq_kiosk_content_public_key="$public")
run real-signed "${real[@]}" "${with_key[@]}" -e faq_kiosk_content_src="$signed/good.faqbundle"
live=$(readlink "$link")
case "$live" in *.faqbundle) ;; *) fail "the signed archive did not go live: $live" ;; esac
[ -f "$live.sig" ] || fail "the signature was not copied beside the release"
grep -qxF "content_public_key = \"$public\"" "$config" || fail "config.toml lacks content_public_key"
echo "  signed archive with faq_kiosk_content_public_key: live with its .sig, key in config.toml"
echo "# another edit" >>"$FAQ_KIOSK_TEST_DIR/bundle/en.toml"
sign_tool pack "$FAQ_KIOSK_TEST_DIR/bundle" "$signed/unsigned.faqbundle"
run_failing real-unsigned "${real[@]}" "${with_key[@]}" -e faq_kiosk_content_src="$signed/unsigned.faqbundle"
expect_in real-unsigned 'is not signed'
cp "$signed/unsigned.faqbundle" "$signed/wrong-key.faqbundle"
sign_tool sign "$signed/wrong-key.faqbundle" "$signed/other.key"
run_failing real-wrong-key "${real[@]}" "${with_key[@]}" -e faq_kiosk_content_src="$signed/wrong-key.faqbundle"
expect_in real-wrong-key 'is signed with another key'
cp "$signed/unsigned.faqbundle" "$signed/tampered.faqbundle"
cp "$signed/good.faqbundle.sig" "$signed/tampered.faqbundle.sig"  # good's signature, other bytes
run_failing real-tampered "${real[@]}" "${with_key[@]}" -e faq_kiosk_content_src="$signed/tampered.faqbundle"
expect_in real-tampered 'does not match its signature'
[ "$(readlink "$link")" = "$live" ] || fail "a refused archive went live"
[ "$other" != "$public" ] || fail "two keys made alike"
echo "  unsigned, wrong-key and tampered archives: each refused, the signed one stays live"

step "health.yml: one table of every kiosk's faq-kiosk status; stale and missing ones fail"
health="$WORK/health/health.json"
mkdir -p "$WORK/health"
# write_health AGE_S ALIVE: a health file as the kiosk writes it, AGE_S seconds old.
write_health() {
	PYTHONPATH="$REPO" /usr/bin/python3 - "$health" "$1" "$2" <<'PY'
import sys, time
from pathlib import Path
from kiosk.system.status_files import HealthSnapshot, health_json
snapshot = HealthSnapshot(
    version="1.0", pid=1, updated=time.time() - float(sys.argv[2]), uptime_s=600, starts=3,
    alive=sys.argv[3] == "alive", last_frame_age_s=0.8, content_id="dps-sro-faq",
    content_version="2021.1", content_source="/srv/faq-kiosk/content", speech={"en": None},
    visitors=7, screen="home", screen_reader_running=False, config_path="/etc/faq-kiosk/config.toml",
)
Path(sys.argv[1]).write_bytes(health_json(snapshot))
PY
}
status_command="[\"$HERE/tests/faq-kiosk-standin\", \"status\", \"--json\", \"--file\", \"$health\"]"
usage_db="$WORK/health/usage.sqlite3"
PYTHONPATH="$REPO" /usr/bin/python3 -c "
import sys; from datetime import date; from pathlib import Path
from kiosk.system.usage_db import UsageStore
UsageStore(Path(sys.argv[1]), 365).add(date.today(), {('visitors', ''): 7, ('language', 'vi'): 4})
" "$usage_db"
usage_command="[\"$HERE/tests/faq-kiosk-standin\", \"usage\", \"--csv\", \"--file\", \"$usage_db\"]"
healthplay=(ansible-playbook -i tests/inventory.localhost.yml health.yml -e "{\"faq_kiosk_status_command\": $status_command, \"faq_kiosk_usage_command\": $usage_command, \"faq_kiosk_usage_dir\": \"$WORK/usage\"}")
write_health 5 alive
run health-ok "${healthplay[@]}"
expect_in health-ok "localhost ok dps-sro-faq 2021.1 7 2 0.8"
expect_in health-ok "ok: [localhost] => (item=localhost)"
grep -qxF "$(date +%F),language,vi,4" "$WORK/usage/localhost.csv" || fail "usage/localhost.csv lacks the counts"
write_health 600 alive
run_failing health-stale "${healthplay[@]}"
expect_in health-stale "stale: last written 60"
expect_in health-stale "localhost is not healthy (see the table above)"
write_health 5 black
run_failing health-black "${healthplay[@]}"
expect_in health-black "no frame painted for 1 s"
rm "$health"
run_failing health-none "${healthplay[@]}"
expect_in health-none "localhost NO FILE"
echo "  healthy: in the table, play passes, usage CSV saved; stale, not painting, no file: play fails"

step "site.yml --check --diff on this machine (as a Lincoln High kiosk)"
arch=$(dpkg --print-architecture)
deb=$(find "$REPO/dist" -maxdepth 1 -name "faq-kiosk_*_$arch.deb" -printf '%T@ %p\n' 2>/dev/null |
	sort -rn | sed -n '1s/^[^ ]* //p' || true)
if [ -n "$deb" ]; then
	echo "  package: $deb"
else
	# No package built yet: a stand-in with the real name and arch. In check mode it is
	# only checksummed and compared, never installed, so its contents do not matter.
	mkdir -p "$WORK/standin/DEBIAN"
	printf '%s\n' "Package: faq-kiosk" "Version: 0.0.0~ansible.test" "Architecture: $arch" \
		"Maintainer: FAQ Kiosk tests <tests@example.invalid>" \
		"Description: stand-in for the FAQ Kiosk package (Ansible --check test only)" \
		>"$WORK/standin/DEBIAN/control"
	deb="$WORK/faq-kiosk_0.0.0~ansible.test_$arch.deb"
	run standin dpkg-deb --root-owner-group --build "$WORK/standin" "$deb"
	echo "  package: no dist/faq-kiosk_*_$arch.deb, so a stand-in ($(basename "$deb"))"
fi
snapshot() {
	dpkg-query -W -f='${db:Status-Status} ${Version}\n' faq-kiosk 2>/dev/null || echo "not installed"
	for path in /etc/faq-kiosk /var/cache/faq-kiosk /srv/faq-kiosk /etc/apt/sources.list.d/faq-kiosk.sources; do
		if [ -e "$path" ]; then find "$path" -printf '%p %s %T@\n' | sort; else echo "$path absent"; fi
	done
}
snapshot >"$WORK/before"
check=(ansible-playbook -i tests/inventory.localhost.yml site.yml --check --diff --vault-password-file "$VAULT")
run check-deb "${check[@]}" -e faq_kiosk_deb="$deb"
expect_in check-deb 'localhost: '
echo "  .deb source: $(recap check-deb | tr -s ' ')"
grep -E "msg: '?localhost: " "$WORK/check-deb.log" | sed 's/^ *msg: /  summary: /'
run check-apt "${check[@]}" -e faq_kiosk_package_source=apt -e faq_kiosk_apt_repo_uri=http://apt.example.invalid/faq-kiosk
echo "  apt source: $(recap check-apt | tr -s ' ')"
snapshot >"$WORK/after"
diff "$WORK/before" "$WORK/after" >&2 || fail "the --check runs changed this machine"
echo "  machine unchanged (package state, /etc/faq-kiosk, /var/cache/faq-kiosk, /srv/faq-kiosk, apt sources)"

trap - ERR
echo
echo "PASS: packaging/ansible/test.sh ($((SECONDS - STARTED)) s)"
