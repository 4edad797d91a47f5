#!/usr/bin/env bash
# The checks of the Windows packaging (packaging/windows/) that can run on Linux; see
# packaging/windows/README.md, "What is checked on Linux". Exit code 0 when all pass.
#
#   bash packaging/windows/check.sh          PowerShell parser + structural tests, ruff, mypy
#   bash packaging/windows/check.sh --iscc   also compile faq-kiosk.iss with the real Inno
#                                            Setup compiler (npm "innosetup") under Wine;
#                                            needs wine with 32-bit support, not installed here
#
# Uses $VENV (default .venv, made by `make venv`, which installs tree-sitter and its
# PowerShell grammar with the dev extras); --iscc installs the compiler into
# packaging/windows/.tools/.
set -euo pipefail
cd "$(dirname "$0")/../.."

VENV=${VENV:-.venv}
PY=$VENV/bin/python
INNOSETUP_NPM=innosetup@6.4.1
TOOLS=packaging/windows/.tools

iscc=0
for arg in "$@"; do
    case $arg in
        --iscc) iscc=1 ;;
        -h | --help) sed -n '2,12p' "$0"; exit 0 ;;
        *) echo "check.sh: unknown option $arg (see --help)" >&2; exit 2 ;;
    esac
done

if [[ ! -x $PY ]]; then
    echo "check.sh: $PY not found; run 'make venv' first (or set VENV)" >&2
    exit 2
fi

# 1. The PowerShell parser comes with the dev extras (pyproject.toml pins it).
if ! "$PY" -c 'import tree_sitter, tree_sitter_powershell' 2>/dev/null; then
    echo "check.sh: tree-sitter-powershell is missing from $VENV; run 'make venv'" >&2
    exit 2
fi

# 2. The tests; with the parser required, the PowerShell checks fail instead of skipping.
FAQ_KIOSK_REQUIRE_PS_PARSER=1 "$PY" -m pytest -q -p no:cacheprovider \
    tests/packaging/test_windows_scripts.py

# 3. Lint and types of the Python here (collect_licenses.py is outside mypy's `files`).
"$VENV/bin/ruff" check packaging/windows tests/packaging
"$VENV/bin/ruff" format --check packaging/windows tests/packaging
"$VENV/bin/mypy" --strict --follow-imports=silent \
    packaging/windows/collect_licenses.py tests/packaging/test_windows_scripts.py

# 4. Optional: the real compiler, on a stub PyInstaller build (Output=no: check only).
if ((iscc)); then
    if ! command -v wine >/dev/null || ! command -v winepath >/dev/null; then
        echo "check.sh: --iscc needs Wine with 32-bit support, for example on Debian:" >&2
        echo "  dpkg --add-architecture i386 && apt-get update && apt-get install wine wine32:i386" >&2
        exit 2
    fi
    compiler=$TOOLS/node_modules/innosetup/bin/ISCC.exe
    if [[ ! -f $compiler ]]; then
        echo "check.sh: installing $INNOSETUP_NPM (Inno Setup's compiler) into $TOOLS"
        npm install --prefix "$TOOLS" --no-save --no-audit --no-fund "$INNOSETUP_NPM" >/dev/null
    fi
    stub=$(mktemp -d)
    trap 'rm -rf "$stub"' EXIT
    mkdir -p "$stub/faq-kiosk/_internal" "$stub/licenses"
    : >"$stub/faq-kiosk/faq-kiosk.exe"
    : >"$stub/faq-kiosk/_internal/stub.txt"
    : >"$stub/licenses/INDEX.txt"
    export WINEDEBUG=-all WINEPREFIX=${WINEPREFIX:-$PWD/$TOOLS/wineprefix}
    wine "$compiler" /Q /O- /DAppVersion=0.0.0 \
        "/DDistDir=$(winepath -w "$stub/faq-kiosk")" \
        "/DLicensesDir=$(winepath -w "$stub/licenses")" \
        "$(winepath -w "$PWD/packaging/windows/faq-kiosk.iss")"
    echo "check.sh: faq-kiosk.iss compiles with $INNOSETUP_NPM"
fi

echo "check.sh: all Windows packaging checks passed"
