"""Linux-side checks of the Windows packaging in packaging/windows/.

Neither the Inno Setup script nor the PowerShell scripts can be compiled or run here, so
this checks what can be checked without Windows:

* faq-kiosk.iss: its sections and [Setup] directives, that every [Files] source exists (or
  is the PyInstaller output named by the shared spec, or the build's licence folder), that
  the config and log folders are where the app looks for them on Windows, the config's
  keep-on-upgrade flags, and that its Pascal blocks and preprocessor conditionals balance.
* build.ps1 and kiosk-lockdown.ps1: parsed with tree-sitter's PowerShell grammar (skipped
  with a reason when it is not installed; the dev extras install it, and
  packaging/windows/check.sh sets FAQ_KIOSK_REQUIRE_PS_PARSER=1 so that it cannot be
  skipped there), ASCII only (Windows
  PowerShell 5.1 reads a BOM-less file as ANSI), comment-based help for every parameter,
  strict mode, every native program checked for its exit code, and the WMI class, method,
  feature and key names Microsoft documents.
* collect_licenses.py, run for real on this virtual environment.
"""

from __future__ import annotations

import importlib
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path, PureWindowsPath
from typing import Any

import pytest

from kiosk.config import default_config_path
from kiosk.system.health import default_log_dir

REPO = Path(__file__).resolve().parents[2]
WINDOWS = REPO / "packaging" / "windows"
ISS = WINDOWS / "faq-kiosk.iss"
BUILD = WINDOWS / "build.ps1"
LOCKDOWN = WINDOWS / "kiosk-lockdown.ps1"
SPEC = REPO / "packaging" / "pyinstaller" / "faq-kiosk.spec"
POWERSHELL = (BUILD, LOCKDOWN)

# Microsoft's documentation: "WESL_UserSetting", "Keyboard Filter WMI provider reference",
# "WEKF_Settings" and "Predefined key combinations".
WMI_NAMESPACE = r"root\standardcimv2\embedded"
WMI_CLASSES = {"WESL_UserSetting", "WEKF_PredefinedKey", "WEKF_Settings", "WEKF_CustomKey"}
WESL_METHODS = {
    "SetCustomShell",
    "GetCustomShell",
    "RemoveCustomShell",
    "GetDefaultShell",
    "SetDefaultShell",
    "IsEnabled",
    "SetEnabled",
}
WEKF_SETTINGS = {
    "DisableKeyboardFilterForAdministrators",
    "ForceOffAccessibility",
    "BreakoutKeyScanCode",
}
FEATURES = {"Client-EmbeddedShellLauncher", "Client-KeyboardFilter"}
# fmt: off
PREDEFINED_KEYS = {
    # Accessibility, application and shell keys
    "LShift+LAlt+PrintScrn", "LShift+LAlt+NumLock", "Win+U", "Alt+F4", "Ctrl+F4", "Win+F1",
    "Alt+Space", "Ctrl+Esc", "Ctrl+Win+F", "Win+Break", "Win+E", "Win+F", "Win+P", "Win+R",
    "Alt+Tab", "Ctrl+Tab", "Win+Tab", "Win+D", "Win+M", "Win+Home", "Win+T", "Win+B",
    "Win+-", "Win++", "Win+Esc", "Win+Up", "Win+Down", "Win+Left", "Win+Right",
    "Win+Shift+Up", "Win+Shift+Down", "Win+Shift+Left", "Win+Shift+Right", "Win+Space",
    "Win+O", "Win+PageUp", "Win+PageDown", "Win+.", "Win+C", "Win+I", "Win+K", "Win+H",
    "Win+Q", "Win+W", "Win+Z", "Win+/", "Win+J", "Win+,", "Win+V",
    # Modifier and security keys
    "Alt", "Application", "Ctrl", "Shift", "Windows", "Ctrl+Alt+Del", "Shift+Ctrl+Esc",
    "Win+L",
    # Extended shell, browser, media and Surface keys
    "LaunchMail", "LaunchMediaSelect", "LaunchApp1", "LaunchApp2", "BrowserBack",
    "BrowserForward", "BrowserRefresh", "BrowserStop", "BrowserSearch", "BrowserFavorites",
    "BrowserHome", "VolumeMute", "VolumeDown", "VolumeUp", "MediaNext", "MediaPrev",
    "MediaStop", "MediaPlayPause", "AltWin", "CtrlWin", "ShiftWin", "F21",
}
# fmt: on
# Keys the kiosk itself needs: the staff chord Ctrl+Alt+Shift+S needs the modifiers, and
# visitors may use the volume keys.
KIOSK_NEEDS = {"Alt", "Ctrl", "Shift", "VolumeMute", "VolumeDown", "VolumeUp"}
NATIVE_TOOLS = {"python", "python.exe", "py", "py.exe", "pip", "pybabel", "iscc", "iscc.exe"}


# --- the Inno Setup script ----------------------------------------------------------


def iss_lines() -> list[str]:
    return ISS.read_text(encoding="ascii").splitlines()


def defines() -> dict[str, str]:
    """`#define NAME value` lines (the first of each name), values as written."""
    found: dict[str, str] = {}
    for line in iss_lines():
        match = re.match(r"\s*#define\s+(\w+)\s+(.*?)\s*$", line)
        if match:
            found.setdefault(match[1], match[2])
    return found


def sections() -> dict[str, list[str]]:
    """Section name -> its lines, without comments, blank lines and ISPP directives."""
    result: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in iss_lines():
        header = re.fullmatch(r"\[(\w+)\]", line.strip())
        if header:
            current = result.setdefault(header[1], [])
            continue
        stripped = line.strip()
        if current is None or not stripped or stripped.startswith("#"):
            continue
        if stripped.startswith(";") and current is not result.get("Code"):
            continue
        current.append(line)
    return result


def setup_directives() -> dict[str, str]:
    pairs = (line.strip().partition("=") for line in sections()["Setup"])
    return {name: value for name, _, value in pairs}


def entry(line: str) -> dict[str, str]:
    """An Inno Setup entry line as a dict: `Name: value; Name: "a ""quoted"" value"`."""
    fields: dict[str, str] = {}
    rest = line.strip()
    while rest:
        match = re.match(r"(\w+):\s*", rest)
        assert match, f"cannot read the entry {line!r} at {rest!r}"
        rest = rest[match.end() :]
        if rest.startswith('"'):
            value = re.match(r'"((?:[^"]|"")*)"', rest)
            assert value, f"unterminated quote in {line!r}"
            fields[match[1]] = value[1].replace('""', '"')
            rest = rest[value.end() :]
        else:
            plain = re.match(r"[^;]*", rest)
            assert plain is not None
            fields[match[1]] = plain[0].strip()
            rest = rest[plain.end() :]
        rest = rest.lstrip()
        if rest.startswith(";"):
            rest = rest[1:].lstrip()
    return fields


def entries(section: str) -> list[dict[str, str]]:
    return [entry(line) for line in sections().get(section, [])]


def flags(item: dict[str, str]) -> set[str]:
    return set(item.get("Flags", "").split())


def test_iss_is_ascii() -> None:
    ISS.read_text(encoding="ascii")


def test_iss_needs_the_version_from_the_build() -> None:
    text = ISS.read_text(encoding="ascii")
    assert re.search(r"#ifndef AppVersion\s*\n\s*#error ", text)
    directives = setup_directives()
    assert directives["AppVersion"] == "{#AppVersion}"
    assert directives["OutputBaseFilename"] == "FaqKiosk-Setup-{#AppVersion}"
    assert "/DAppVersion=$version" in BUILD.read_text(encoding="ascii")


def test_iss_setup_is_per_machine_and_upgradable() -> None:
    directives = setup_directives()
    assert re.fullmatch(r"\{\{[0-9A-F]{8}(-[0-9A-F]{4}){3}-[0-9A-F]{12}\}", directives["AppId"])
    assert directives["PrivilegesRequired"] == "admin"
    assert "PrivilegesRequiredOverridesAllowed" not in directives
    assert directives["DefaultDirName"] == r"{autopf}\{#AppName}"
    assert defines()["AppName"] == '"FAQ Kiosk"'
    assert directives["ArchitecturesInstallIn64BitMode"] == "x64compatible"
    assert directives["CloseApplications"] in ("yes", "force")
    assert directives["RestartApplications"] == "no"  # the kiosk belongs to another session


def test_iss_preprocessor_conditionals_balance() -> None:
    depth = 0
    for line in iss_lines():
        word = line.strip().split(" ", 1)[0]
        if word in ("#if", "#ifdef", "#ifndef"):
            depth += 1
        elif word == "#endif":
            depth -= 1
            assert depth >= 0, "#endif without #if"
    assert depth == 0


def spec_names() -> set[str]:
    """The name= values of the shared PyInstaller spec's EXE and COLLECT."""
    assert SPEC.is_file(), f"{SPEC.relative_to(REPO)} (the shared PyInstaller spec) is missing"
    text = SPEC.read_text(encoding="utf-8")
    return {
        match[2]
        for match in re.finditer(r"\b(EXE|COLLECT)\((?:[^()]|\([^()]*\))*?name=\"([^\"]+)\"", text)
    }


def resolve_source(source: str) -> list[Path] | None:
    """The files a [Files] Source matches, or None for the build's own outputs."""
    values = defines()
    assert values["RepoRoot"] == 'AddBackslash(SourcePath) + "..\\.."'
    assert values["DistDir"] == 'RepoRoot + "\\dist\\faq-kiosk"'
    if source.startswith("{#DistDir}\\"):
        # Made by PyInstaller from the shared spec: dist\faq-kiosk\faq-kiosk.exe, _internal\.
        assert spec_names() == {"faq-kiosk"}, "the spec's EXE and COLLECT must be faq-kiosk"
        assert source.removeprefix("{#DistDir}\\") in ("{#AppExeName}", "_internal\\*")
        assert values["AppExeName"] == '"faq-kiosk.exe"'
        return None
    if source.startswith("{#LicensesDir}\\"):
        # Made by collect_licenses.py, run by build.ps1 into the same folder.
        assert values["LicensesDir"] == 'RepoRoot + "\\build\\windows\\licenses"'
        build = BUILD.read_text(encoding="ascii")
        assert "$LicensesDir = Join-Path $BuildDir 'licenses'" in build
        assert "$BuildDir = Join-Path $Root 'build\\windows'" in build
        assert '"/DLicensesDir=$LicensesDir"' in build
        assert "'--out', $LicensesDir" in build
        return None
    base = WINDOWS
    if source.startswith("{#RepoRoot}\\"):
        base, source = REPO, source.removeprefix("{#RepoRoot}\\")
    assert "{" not in source, f"unknown constant in {source}"
    pattern = PureWindowsPath(source).as_posix()
    return sorted(base.glob(pattern))


def test_iss_every_source_exists() -> None:
    files = entries("Files")
    assert files
    for item in files:
        found = resolve_source(item["Source"])
        if found is not None and "skipifsourcedoesntexist" not in flags(item):
            assert found, f"[Files] Source {item['Source']} matches nothing"


def test_iss_config_and_logs_are_where_the_app_looks(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PROGRAMDATA", "PROGRAMDATA")
    config = default_config_path("win32")
    logs = default_log_dir("win32")
    data_dir = defines()["DataDir"].strip('"')
    assert data_dir == "{commonappdata}\\" + config.parent.name  # {commonappdata} = ProgramData
    assert (config.parent.parent.name, logs.parent.parent.name) == ("PROGRAMDATA", "PROGRAMDATA")
    assert config.parent == logs.parent

    [installed] = [
        item
        for item in entries("Files")
        if item["Source"].endswith("\\packaging\\config.toml") and item["DestDir"] == "{#DataDir}"
    ]
    assert "DestName" not in installed and config.name == "config.toml"
    assert {"onlyifdoesntexist", "uninsneveruninstall"} <= flags(installed)

    dirs = {item["Name"]: item for item in entries("Dirs")}
    log_dir = dirs["{#DataDir}\\" + logs.name]
    assert log_dir["Permissions"] == "users-modify"  # the kiosk account writes its log
    assert "uninsneveruninstall" in flags(log_dir)
    assert "uninsneveruninstall" in flags(dirs["{#DataDir}"])


def test_iss_data_folder_acl_is_admin_write_user_read() -> None:
    folder, pin_file = [item for item in entries("Run") if item["Filename"] == "{sys}\\icacls.exe"]
    parameters = folder["Parameters"]
    assert parameters.startswith('"{#DataDir}" /inheritance:r /grant:r ')
    grants = set(parameters.split()[3:])
    assert grants == {"*S-1-5-18:(OI)(CI)F", "*S-1-5-32-544:(OI)(CI)F", "*S-1-5-32-545:(OI)(CI)RX"}
    # The PIN file, after the folder: SYSTEM and administrators only (not Users).
    parameters = pin_file["Parameters"]
    assert parameters.startswith('"{#DataDir}\\staff-pin" /inheritance:r /grant:r ')
    assert set(parameters.split()[3:]) == {"*S-1-5-18:F", "*S-1-5-32-544:F"}
    [installed] = [item for item in entries("Files") if item["Source"] == "staff-pin"]
    assert {"onlyifdoesntexist", "uninsneveruninstall"} <= flags(installed)
    assert (WINDOWS / "staff-pin").read_bytes() == b""


def test_lockdown_lets_the_kiosk_account_read_the_pin_file() -> None:
    script = (WINDOWS / "kiosk-lockdown.ps1").read_text(encoding="ascii")
    assert "Grant-PinFileRead -Sid $kioskSid" in script
    assert "'FaqKiosk\\staff-pin'" in script and '/grant "*${Sid}:R"' in script


def test_iss_run_entries_are_sane() -> None:
    for item in entries("Run"):
        assert item["Filename"].startswith(("{sys}\\", "{app}\\")), item
        assert "runhidden" in flags(item) or "postinstall" in flags(item), item
        if "postinstall" in flags(item):
            assert "skipifsilent" in flags(item), item
    for item in entries("UninstallRun"):
        assert item.get("RunOnceId"), f"[UninstallRun] entry without RunOnceId: {item}"


def test_iss_start_menu() -> None:
    icons = entries("Icons")
    assert all(item["Name"].startswith("{group}\\") for item in icons)
    [check] = [item for item in icons if item["Filename"] == "{cmd}"]
    assert check["Parameters"] == '/k ""{app}\\{#AppExeName}" check"'
    assert any(item["Filename"] == "{uninstallexe}" for item in icons)
    assert any(item["Filename"] == "{app}\\{#AppExeName}" for item in icons)


def pascal_tokens(code: str) -> Iterator[str]:
    """The words of a Pascal Script, without strings and comments, lower-cased."""
    # One pass, so a quote inside a comment or a brace inside a string is read right.
    code = re.sub(r"'(?:[^']|'')*'|\{[^}]*\}|\(\*.*?\*\)|//[^\n]*", " ", code, flags=re.DOTALL)
    yield from (word.lower() for word in re.findall(r"[A-Za-z_]\w*", code))


def test_iss_code_blocks_balance() -> None:
    code = "\n".join(sections()["Code"])
    depth = 0
    for word in pascal_tokens(code):
        if word in ("begin", "try", "case"):
            depth += 1
        elif word == "end":
            depth -= 1
            assert depth >= 0, "'end' without 'begin'"
    assert depth == 0, "a 'begin', 'try' or 'case' has no 'end'"
    words = set(pascal_tokens(code))
    for event in ("preparetoinstall", "needrestart", "initializeuninstall"):
        assert event in words
    assert "curuninstallstepchanged" in words
    assert "'/PURGE'" in code


def test_stopped_exit_code_is_the_one_shell_launcher_ignores() -> None:
    iss_code = defines()["StoppedExitCode"].strip('"')
    lockdown = LOCKDOWN.read_text(encoding="ascii")
    match = re.search(r"^\$StoppedByInstallerCode = (\d+)$", lockdown, re.MULTILINE)
    assert match and match[1] == iss_code
    assert "-Codes @($StoppedByInstallerCode)" in lockdown
    assert "-Actions @($DoNothing)" in lockdown
    assert re.search(r"^\$DoNothing = 3$", lockdown, re.MULTILINE)
    assert re.search(r"^\$RestartShell = 0$", lockdown, re.MULTILINE)


# --- the PowerShell scripts ---------------------------------------------------------


@pytest.mark.parametrize("script", POWERSHELL, ids=lambda p: p.name)
def test_powershell_is_ascii(script: Path) -> None:
    script.read_text(encoding="ascii")


@pytest.mark.parametrize("script", POWERSHELL, ids=lambda p: p.name)
def test_powershell_is_strict(script: Path) -> None:
    text = script.read_text(encoding="ascii")
    assert re.search(r"^Set-StrictMode -Version Latest$", text, re.MULTILINE)
    assert re.search(r"^\$ErrorActionPreference = 'Stop'$", text, re.MULTILINE)
    assert re.search(r"^#Requires -Version 5\.1$", text, re.MULTILINE)


def script_parameters(text: str) -> list[str]:
    """The names in the script's top-level param( ... ) block."""
    block = re.search(r"^param\((.*?)^\)", text, re.MULTILINE | re.DOTALL)
    assert block, "no top-level param( ... ) block"
    names = []
    for line in block[1].splitlines():
        match = re.match(r"\s*(?:\[(?:[^\[\]]|\[[^\]]*\])*\]\s*)*\$(\w+)", line)
        if match:
            names.append(match[1])
    return names


@pytest.mark.parametrize("script", POWERSHELL, ids=lambda p: p.name)
def test_powershell_help_documents_every_parameter(script: Path) -> None:
    text = script.read_text(encoding="ascii")
    help_block = re.match(r"<#(.*?)#>", text, re.DOTALL)
    assert help_block, "comment-based help must open the script"
    keywords = re.findall(r"^\.(\w+)(?: (\w+))?$", help_block[1], re.MULTILINE)
    assert {"SYNOPSIS", "DESCRIPTION", "EXAMPLE"} <= {word for word, _ in keywords}
    documented = {name for word, name in keywords if word == "PARAMETER"}
    parameters = script_parameters(text)
    assert parameters
    assert set(parameters) == documented


def powershell_parser() -> Any:
    try:
        tree_sitter = importlib.import_module("tree_sitter")
        grammar = importlib.import_module("tree_sitter_powershell")
    except ImportError as error:
        if os.environ.get("FAQ_KIOSK_REQUIRE_PS_PARSER") == "1":
            pytest.fail(f"the PowerShell parser is not installed: {error}")
        pytest.skip(
            f"PowerShell parser not installed ({error.name}); "
            "`make venv` installs tree-sitter-powershell with the dev extras"
        )
    return tree_sitter.Parser(tree_sitter.Language(grammar.language()))


def nodes(node: Any) -> Iterator[Any]:
    yield node
    for child in node.children:
        yield from nodes(child)


@pytest.mark.parametrize("script", POWERSHELL, ids=lambda p: p.name)
def test_powershell_parses(script: Path) -> None:
    source = script.read_bytes()
    tree = powershell_parser().parse(source)
    problems = [
        f"line {node.start_point[0] + 1}: {node.type} at "
        f"{source[node.start_byte : node.end_byte][:40].decode(errors='replace')!r}"
        for node in nodes(tree.root_node)
        if node.is_error or node.is_missing
    ]
    assert not problems, "PowerShell syntax errors:\n" + "\n".join(problems)
    # && and || chains are PowerShell 7 only; the scripts target Windows PowerShell 5.1.
    assert not [node for node in nodes(tree.root_node) if node.type == "pipeline_chain_tail"]


def test_build_checks_every_native_program() -> None:
    source = BUILD.read_bytes()
    tree = powershell_parser().parse(source)
    [runner] = [
        n
        for n in nodes(tree.root_node)
        if n.type == "function_statement"
        and source[n.start_byte : n.end_byte].startswith(b"function Invoke-Native ")
    ]
    body = source[runner.start_byte : runner.end_byte]
    assert b"$global:LASTEXITCODE" in body and b"throw" in body
    inside = range(runner.start_byte, runner.end_byte)
    calls = [n for n in nodes(tree.root_node) if n.type == "command_invokation_operator"]
    assert calls and all(n.start_byte in inside for n in calls), "'&' outside Invoke-Native"
    named = {
        source[n.start_byte : n.end_byte].decode().lower()
        for n in nodes(tree.root_node)
        if n.type == "command_name"
    }
    assert not named & NATIVE_TOOLS, "a program run without Invoke-Native"


def lockdown_text() -> str:
    return LOCKDOWN.read_text(encoding="ascii")


def test_lockdown_uses_documented_wmi_names() -> None:
    text = lockdown_text()
    assert f"$Namespace = '{WMI_NAMESPACE}'" in text
    classes = set(re.findall(r"-ClassName (\w+)", text)) | set(re.findall(r"'(WE\w+)'", text))
    assert classes and classes <= WMI_CLASSES
    methods = set(re.findall(r"-MethodName (\w+)", text))
    assert {"SetCustomShell", "RemoveCustomShell", "SetDefaultShell", "SetEnabled"} <= methods
    assert methods <= WESL_METHODS
    settings = set(re.findall(r"Set-KeyboardFilterSetting -Name '(\w+)'", text))
    assert settings and settings <= WEKF_SETTINGS
    features = re.search(r"^\$Features = @\((.*)\)$", text, re.MULTILINE)
    assert features and set(re.findall(r"'([\w-]+)'", features[1])) == FEATURES


def blocked_keys() -> list[str]:
    block = re.search(r"^\$BlockedKeys = @\((.*?)^\)", lockdown_text(), re.MULTILINE | re.DOTALL)
    assert block
    code = "\n".join(line.split("#", 1)[0] for line in block[1].splitlines())
    return re.findall(r"'([^']+)'", code)


def test_lockdown_blocks_documented_keys_only() -> None:
    keys = blocked_keys()
    assert len(keys) == len(set(keys))
    unknown = set(keys) - PREDEFINED_KEYS
    assert not unknown, f"not a WEKF_PredefinedKey Id: {sorted(unknown)}"
    assert {"Ctrl+Alt+Del", "Shift+Ctrl+Esc", "Alt+Tab", "Alt+F4", "Ctrl+Esc", "Windows"} <= set(
        keys
    )
    assert not set(keys) & KIOSK_NEEDS


def test_lockdown_can_be_undone_and_previewed() -> None:
    text = lockdown_text()
    assert "[switch] $Remove" in text
    assert "SupportsShouldProcess = $true" in text
    assert "#Requires -RunAsAdministrator" in text
    assert re.search(r"Set-BlockedKeys -Blocked \$false", text)
    assert "RemoveCustomShell" in text


# --- collect_licenses.py and the README ---------------------------------------------


def run_collect(out: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(WINDOWS / "collect_licenses.py"), "--out", str(out), "faq-kiosk"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )


def test_collect_licenses(tmp_path: Path) -> None:
    out = tmp_path / "licenses"
    done = run_collect(out)
    assert done.returncode == 0, done.stderr
    index = (out / "INDEX.txt").read_text(encoding="utf-8")
    assert re.search(r"^PySide6_Essentials [\d.]+: .*LGPL-3\.0", index, re.MULTILINE)
    assert re.search(r"^babel [\d.]+: BSD-3-Clause", index, re.MULTILINE)
    assert list(out.glob("babel-*/LICENSE*")), "babel's licence file was not copied"
    assert not re.search(r"^(pytest|ruff|mypy|hypothesis) ", index, re.MULTILINE)
    assert run_collect(out).returncode == 0  # its own folder is emptied and refilled

    foreign = tmp_path / "foreign"
    foreign.mkdir()
    (foreign / "keep.txt").write_text("not mine")
    assert run_collect(foreign).returncode != 0
    assert (foreign / "keep.txt").exists()


def test_readme_documents_the_command_lines() -> None:
    text = (WINDOWS / "README.md").read_text(encoding="utf-8")
    for needed in (
        "/VERYSILENT",
        "/SUPPRESSMSGBOXES",
        "/NORESTART",
        "/DIR=",
        "/LOG=",
        "/PURGE",
        "/RESTARTEXITCODE=3010",
        "set-pin",
        "kiosk-lockdown.ps1",
        "-Remove",
        "build.ps1",
        "check.sh",
    ):
        assert needed in text, needed


def test_build_pins_the_same_pyinstaller_as_the_deb() -> None:
    deb = REPO / "packaging" / "deb" / "build.sh"
    if not deb.is_file():
        pytest.skip("packaging/deb/build.sh is not there to compare with")
    pins = dict(re.findall(r"^(PYINSTALLER\w*_VERSION)=(\S+)$", deb.read_text(), re.MULTILINE))
    build = BUILD.read_text(encoding="ascii")
    assert f"$PyInstallerVersion = '{pins['PYINSTALLER_VERSION']}'" in build
    assert f"$HooksContribVersion = '{pins['PYINSTALLER_HOOKS_CONTRIB_VERSION']}'" in build
