"""Tests for kiosk.config: the schema, validation with file/key/line, and where config is found."""

from __future__ import annotations

import dataclasses
import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from kiosk.config import (
    SCHEMA,
    Config,
    LoadedConfig,
    Setting,
    default_config_path,
    find_config,
    load_config,
)
from kiosk.content.store import configured_folder
from tests.helpers import LANGUAGES

REPO = Path(__file__).resolve().parents[2]
SETTINGS = {setting.key: setting for setting in SCHEMA}

# Valid, non-default values written before every bad snippet: they must survive it.
PREFIX = """\
log_dir = "/var/log/faq-kiosk"
idle_warning_s = 45
attract_after_s = 600
"""
PREFIX_LINES = PREFIX.count("\n")
PREFIX_KEPT = {"log_dir": "/var/log/faq-kiosk", "idle_warning_s": 45, "attract_after_s": 600}


def write(folder: Path, text: str, name: str = "config.toml") -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the schema -----------------------------------------------------------------------------


def test_every_setting_has_a_config_field_and_back() -> None:
    fields = [field.name for field in dataclasses.fields(Config)]
    attributes = [setting.attribute for setting in SCHEMA]
    assert sorted(fields) == sorted(attributes)
    assert len(set(attributes)) == len(attributes)
    assert len(SETTINGS) == len(SCHEMA)


@pytest.mark.parametrize("setting", SCHEMA, ids=lambda setting: setting.key)
def test_default_is_valid_and_used(setting: Setting) -> None:
    assert isinstance(setting.default, setting.kind)
    if setting.check is not None:
        assert setting.check(setting.default) is None
    assert setting.description.strip()
    assert getattr(Config.defaults(), setting.attribute) == setting.default


def test_defaults_do_not_share_mutable_values_with_the_schema() -> None:
    config = Config.defaults()
    config.languages.append("xx")
    config.speech_voices["xx"] = "xx"
    assert SETTINGS["languages"].default == []
    assert "xx" not in SETTINGS["speech.voices"].default
    assert Config.defaults().languages == []


def test_no_file_means_defaults_and_no_issues() -> None:
    loaded = load_config(None)
    assert loaded == LoadedConfig(Config.defaults(), None, [])


def test_default_language_and_voices_cover_the_bundled_content() -> None:
    config, languages = Config.defaults(), LANGUAGES
    assert config.offered_languages(languages) == list(languages)
    assert config.default_language == languages[0]
    assert set(config.speech_voices) == set(languages)


# --- valid files ----------------------------------------------------------------------------

EVERY_SETTING = """\
feedback_url = "https://forms.example.org/kiosk?school=12"
default_language = "vi"
languages = ["vi", "en"]
idle_timeout_s = 120
idle_warning_s = 30
attract_after_s = 900
content_dir = "/srv/faq"
content_public_key = "ang0/BRLi4Hy2Qio5fBq2ZIoVjSDyjDwnRPDMRoXeJg="
unreviewed_translations = "mark"
screen_reader = "off"
log_dir = "/var/log/faq-kiosk"
state_dir = "/var/lib/faq-kiosk/state"
metrics_dir = "/var/lib/prometheus/node-exporter"
notice_dir = "/etc/faq-kiosk/notices"
usage_counts = false
usage_retention_days = 90

[speech]
rate = 180
volume = 60
voices = { es = "es-es" }

[staff]
pin_hash = "scrypt$16384$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$+WhpTB3W+9cUCbTS2VR3DH2TuXTCcZYp7Sp/fcF63oM="
pin_file = "secret/staff-pin"
allow_exit = true

[display]
hide_cursor = true
theme = "high-contrast"
text_size = 150

[links]
campus-list = "https://example.org/campuses"
safe2tell = "tel:+18775427233"

[schedule]
days = ["mon", "tue", "wed", "thu", "fri"]
open = "06:30"
close = "18:00"
holidays = [2026-12-24, "2026-12-25"]
holidays_file = "calendar.ics"
display_off = ["xset", "dpms", "force", "off"]
display_on = ["xset", "dpms", "force", "on"]
"""


def test_every_setting_given_validly_is_used(tmp_path: Path) -> None:
    config = write(tmp_path, EVERY_SETTING)
    config.chmod(0o640)  # the inline hash is no problem in a file others cannot read
    (tmp_path / "secret").mkdir()
    (tmp_path / "secret" / "staff-pin").write_text("\n", encoding="ascii")  # empty
    (tmp_path / "secret" / "staff-pin").chmod(0o600)
    loaded = load_config(config)
    assert loaded.issues == []
    assert loaded.config == Config(
        feedback_url="https://forms.example.org/kiosk?school=12",
        default_language="vi",
        languages=["vi", "en"],
        idle_timeout_s=120,
        idle_warning_s=30,
        attract_after_s=900,
        speech_rate=180,
        speech_volume=60,
        # A partial voices table overrides only the languages it names.
        speech_voices={"en": "en-us", "es": "es-es", "vi": "vi"},
        staff_pin_hash="scrypt$16384$8$1$MDEyMzQ1Njc4OWFiY2RlZg==$+WhpTB3W+9cUCbTS2VR3DH2TuXTCcZYp7Sp/fcF63oM=",
        staff_pin_file="secret/staff-pin",
        staff_allow_exit=True,
        display_hide_cursor=True,
        display_theme="high-contrast",
        display_text_size=150,
        content_dir="/srv/faq",
        content_public_key="ang0/BRLi4Hy2Qio5fBq2ZIoVjSDyjDwnRPDMRoXeJg=",
        unreviewed_translations="mark",
        screen_reader="off",
        log_dir="/var/log/faq-kiosk",
        state_dir="/var/lib/faq-kiosk/state",
        metrics_dir="/var/lib/prometheus/node-exporter",
        schedule_days=["mon", "tue", "wed", "thu", "fri"],
        schedule_open="06:30",
        schedule_close="18:00",
        schedule_holidays=[date(2026, 12, 24), "2026-12-25"],
        schedule_holidays_file="calendar.ics",
        schedule_display_off=["xset", "dpms", "force", "off"],
        schedule_display_on=["xset", "dpms", "force", "on"],
        notice_dir="/etc/faq-kiosk/notices",
        usage_counts=False,
        usage_retention_days=90,
        keypad={},
        links={"campus-list": "https://example.org/campuses", "safe2tell": "tel:+18775427233"},
    )


def test_dotted_keys_work_like_tables(tmp_path: Path) -> None:
    text = 'speech.rate = 200\ndisplay.theme = "high-contrast"\nlinks.feedback = "https://x.org"\n'
    loaded = load_config(write(tmp_path, text))
    assert loaded.issues == []
    assert loaded.config.speech_rate == 200
    assert loaded.config.display_theme == "high-contrast"
    assert loaded.config.links == {"feedback": "https://x.org"}


def test_empty_file_is_defaults(tmp_path: Path) -> None:
    path = write(tmp_path, "# nothing set yet\n")
    assert load_config(path) == LoadedConfig(Config.defaults(), path, [])


# --- invalid values -------------------------------------------------------------------------

DEFAULT_URL = "https://www.dpsk12.org/"
DEFAULT_LANGUAGES: list[str] = []  # every language the content bundle has
DEFAULT_VOICES = {"en": "en-us", "es": "es-419", "vi": "vi"}


@dataclasses.dataclass(frozen=True)
class BadValue:
    """A config snippet with one mistake, and the issue and fallback it must produce."""

    id: str
    snippet: str
    key: str
    line: int  # within the snippet
    says: str
    fallback: Any = None  # the value used instead (None: the key is unknown)
    kept: dict[str, Any] = dataclasses.field(default_factory=dict)  # valid siblings


# One row per mistake; kept as a table, one case to a few lines.
# fmt: off
BAD_VALUES = [
    # wrong types
    BadValue("bool-is-not-int", "idle_timeout_s = true\n", "idle_timeout_s", 1,
             "must be a whole number", 90),
    BadValue("float-is-not-int", "idle_timeout_s = 60.0\n", "idle_timeout_s", 1,
             "must be a whole number", 90),
    BadValue("string-is-not-int", 'idle_timeout_s = "60"\n', "idle_timeout_s", 1,
             "must be a whole number", 90),
    BadValue("string-is-not-bool", '[display]\nhide_cursor = "yes"\ntheme = "high-contrast"\n',
             "display.hide_cursor", 2, "must be true or false", False,
             {"display_theme": "high-contrast"}),
    BadValue("int-is-not-bool", "[staff]\nallow_exit = 1\n", "staff.allow_exit", 2,
             "must be true or false", False),
    BadValue("string-is-not-list", 'languages = "en"\n', "languages", 1, "must be a list",
             DEFAULT_LANGUAGES),
    BadValue("int-is-not-string", "feedback_url = 42\n", "feedback_url", 1,
             "must be a text string", DEFAULT_URL),
    BadValue("string-is-not-table", '[speech]\nrate = 200\nvoices = "en-us"\n', "speech.voices",
             3, "must be a table", DEFAULT_VOICES, {"speech_rate": 200}),
    # unknown keys
    BadValue("unknown-top-level", 'feedbak_url = "https://example.org"\n', "feedbak_url", 1,
             "unknown setting"),
    BadValue("unknown-in-table", "[speech]\nspeeed = 1\nrate = 200\n", "speech.speeed", 2,
             "unknown setting", kept={"speech_rate": 200}),
    BadValue("unknown-dotted", "speech.speeed = 1\n", "speech.speeed", 1, "unknown setting"),
    BadValue("unknown-table", "[sound]\n\nvolume = 50\n", "sound.volume", 3, "unknown setting"),
    # bad URLs
    BadValue("url-without-scheme", 'feedback_url = "www.example.org/form"\n', "feedback_url", 1,
             "must be a URL starting with http: or https:", DEFAULT_URL),
    BadValue("url-ftp", 'feedback_url = "ftp://example.org/form"\n', "feedback_url", 1,
             "must be a URL starting with http: or https:", DEFAULT_URL),
    BadValue("url-with-space", 'feedback_url = "https://example.org/my form"\n', "feedback_url",
             1, "must not contain spaces", DEFAULT_URL),
    BadValue("url-with-leading-space", 'feedback_url = " https://example.org/form"\n',
             "feedback_url", 1, "must not contain spaces", DEFAULT_URL),
    BadValue("url-without-host", 'feedback_url = "https:///form"\n', "feedback_url", 1,
             "must name a host", DEFAULT_URL),
    BadValue("url-with-port-but-no-host", 'feedback_url = "https://:8080/form"\n',
             "feedback_url", 1, "must name a host", DEFAULT_URL),
    BadValue("url-empty", 'feedback_url = ""\n', "feedback_url", 1, "must be a URL",
             DEFAULT_URL),
    BadValue("link-url-ftp", '[links]\ncampus-list = "ftp://example.org/list"\n', "links", 1,
             "link 'campus-list' must be a URL", {}),
    BadValue("link-url-dotted-key",
             'idle_timeout_s = 120\nlinks.campus-list = "https://example.org/my list"\n',
             "links", 2, "link 'campus-list' must not contain spaces", {},
             {"idle_timeout_s": 120}),
    # out of range
    BadValue("idle-too-short", "idle_timeout_s = 10\n", "idle_timeout_s", 1,
             "must be from 30 to 600", 90),
    BadValue("idle-too-long", "idle_timeout_s = 601\n", "idle_timeout_s", 1,
             "must be from 30 to 600", 90),
    BadValue("volume-too-loud", "[speech]\nrate = 200\nvolume = 101\n", "speech.volume", 3,
             "must be from 0 to 100", 80, {"speech_rate": 200}),
    BadValue("text-size-between-steps", "[display]\ntext_size = 110\n", "display.text_size", 2,
             "must be one of 100, 125, 150, 175, 200", 100),
    BadValue("unknown-theme", '[display]\ntheme = "dark"\n', "display.theme", 2,
             "must be one of 'standard', 'high-contrast'", "standard"),
    # languages
    BadValue("not-a-language-code", 'languages = ["en", "French"]\n', "languages", 1,
             "'French' is not a language code", DEFAULT_LANGUAGES),
    BadValue("language-twice", 'languages = ["en", "es", "en"]\n', "languages", 1, "twice",
             DEFAULT_LANGUAGES),
    BadValue("default-language-not-a-code", 'default_language = "en_US"\n', "default_language", 1,
             "'en_US' is not a language code", "en"),
    BadValue("voice-for-not-a-code", '[speech.voices]\nes = "es-es"\n"fr FR" = "fr-fr"\n',
             "speech.voices", 1, "'fr FR' is not a language code", DEFAULT_VOICES),
    BadValue("default-language-not-offered", 'default_language = "vi"\nlanguages = ["en", "es"]\n',
             "default_language", 1, "'vi' is not in `languages`", "en",
             {"languages": ["en", "es"]}),
]
# fmt: on


@pytest.mark.parametrize("case", BAD_VALUES, ids=lambda case: case.id)
def test_bad_value_is_reported_and_falls_back(tmp_path: Path, case: BadValue) -> None:
    path = write(tmp_path, PREFIX + case.snippet)
    loaded = load_config(path)

    assert len(loaded.issues) == 1, loaded.issues
    issue = loaded.issues[0]
    line = PREFIX_LINES + case.line
    assert (issue.path, issue.key, issue.line) == (path, case.key, line)
    assert case.says in issue.message
    assert str(issue).startswith(f"{path}:{line}: {case.key}: ")

    config = loaded.config
    if case.key in SETTINGS:
        assert getattr(config, SETTINGS[case.key].attribute) == case.fallback
    kept = {**PREFIX_KEPT, **case.kept}
    for attribute, value in kept.items():
        assert getattr(config, attribute) == value
    for setting in SCHEMA:
        if setting.key != case.key and setting.attribute not in kept:
            assert getattr(config, setting.attribute) == setting.default, setting.key


def test_a_fallback_value_says_which_default_is_used(tmp_path: Path) -> None:
    loaded = load_config(write(tmp_path, "idle_timeout_s = 5\n"))
    assert "(got 5)" in loaded.issues[0].message
    assert "using the default 90" in loaded.issues[0].message


def test_every_bad_value_in_a_file_is_reported(tmp_path: Path) -> None:
    text = """\
idle_timeout_s = true
feedback_url = "ftp://example.org"
idle_warning_s = 45

[speech]
rate = 5
volume = 50
pitch = 3
"""
    loaded = load_config(write(tmp_path, text))
    found = sorted((issue.line, issue.key) for issue in loaded.issues)
    assert found == [
        (1, "idle_timeout_s"),
        (2, "feedback_url"),
        (6, "speech.rate"),
        (8, "speech.pitch"),
    ]
    assert loaded.config == dataclasses.replace(
        Config.defaults(), idle_warning_s=45, speech_volume=50
    )


def test_languages_without_english_need_no_default_language(tmp_path: Path) -> None:
    # A deployment that only narrows `languages` has written nothing wrong: the session
    # should start in the first offered language without an error that points nowhere.
    loaded = load_config(write(tmp_path, 'languages = ["es", "vi"]\n'))
    assert loaded.issues == []
    assert loaded.config.default_language == "es"
    assert loaded.config.languages == ["es", "vi"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        pytest.param('idle_timeout_s = 90\nfeedback_url = "https://x.org\n', 2, id="unterminated"),
        pytest.param("idle_timeout_s = 90\n[speech\nrate = 100\n", 2, id="bad-header"),
        pytest.param("idle_timeout_s = 90\nidle_timeout_s = 100\n", 2, id="duplicate-key"),
    ],
)
def test_syntax_error_reports_line_and_uses_defaults(tmp_path: Path, text: str, line: int) -> None:
    path = write(tmp_path, text)
    loaded = load_config(path)
    assert loaded.config == Config.defaults()
    assert loaded.path == path
    assert len(loaded.issues) == 1
    issue = loaded.issues[0]
    assert (issue.path, issue.line) == (path, line)
    assert issue.message.startswith("TOML syntax error")
    assert issue.message.endswith("; using defaults")


def test_invalid_utf8_reports_line_and_uses_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_bytes(b'idle_timeout_s = 120\n# caf\xe9\nlog_dir = "/tmp"\n')
    loaded = load_config(path)
    assert loaded.config == Config.defaults()
    assert [(issue.path, issue.line) for issue in loaded.issues] == [(path, 2)]
    assert "UTF-8" in loaded.issues[0].message


def test_missing_config_file_is_reported_and_uses_defaults(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    loaded = load_config(path)
    assert loaded.config == Config.defaults()
    assert [str(issue) for issue in loaded.issues] == [
        f"{path}: cannot read the file: No such file or directory; using defaults"
    ]


# --- where the config is found --------------------------------------------------------------


@pytest.fixture
def system_config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A system-wide config file, standing in for /etc/faq-kiosk/config.toml."""
    path = write(tmp_path, "", "system.toml")
    monkeypatch.setattr("kiosk.config.settings.default_config_path", lambda: path)
    return path


def test_explicit_config_wins(tmp_path: Path, system_config: Path) -> None:
    explicit = tmp_path / "explicit.toml"
    environ = {"FAQ_KIOSK_CONFIG": str(tmp_path / "env.toml")}
    assert find_config(explicit, environ) == explicit


def test_explicit_config_wins_even_if_missing(tmp_path: Path, system_config: Path) -> None:
    # A typo in --config must be reported, not silently replaced by another file.
    explicit = tmp_path / "typo.toml"
    assert find_config(explicit, {}) == explicit


def test_environment_variable_comes_second(tmp_path: Path, system_config: Path) -> None:
    from_env = tmp_path / "env.toml"
    assert find_config(None, {"FAQ_KIOSK_CONFIG": str(from_env)}) == from_env


def test_empty_environment_variable_is_ignored(system_config: Path) -> None:
    assert find_config(None, {"FAQ_KIOSK_CONFIG": ""}) == system_config


def test_system_file_comes_third(system_config: Path) -> None:
    assert find_config(None, {}) == system_config


def test_no_file_anywhere_means_defaults(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(
        "kiosk.config.settings.default_config_path", lambda: tmp_path / "absent.toml"
    )
    assert find_config(None, {}) is None


@pytest.mark.parametrize(
    ("platform", "expected"),
    [
        ("linux", Path("/etc/faq-kiosk/config.toml")),
        ("darwin", Path("/etc/faq-kiosk/config.toml")),
        ("win32", Path("/programdata/FaqKiosk/config.toml")),
    ],
)
def test_default_config_path(
    monkeypatch: pytest.MonkeyPatch, platform: str, expected: Path
) -> None:
    monkeypatch.setenv("PROGRAMDATA", "/programdata")
    assert default_config_path(platform) == expected


# --- paths in the config --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("faq", "site/faq"),
        ("./faq", "site/faq"),
        ("../district/faq", "site/../district/faq"),
        ("/srv/faq", "/srv/faq"),
    ],
)
def test_content_dir_is_resolved_against_the_config_folder(
    tmp_path: Path, value: str, expected: str
) -> None:
    site = tmp_path / "site"
    site.mkdir()
    loaded = load_config(write(site, f'content_dir = "{value}"\n'))
    assert loaded.issues == []
    folder = configured_folder(loaded)
    assert folder is not None
    assert folder.is_absolute()
    assert folder.resolve() == (tmp_path / expected).resolve()


def test_content_dir_expands_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    loaded = load_config(write(tmp_path, 'content_dir = "~/faq"\n'))
    assert configured_folder(loaded) == tmp_path / "home" / "faq"


def test_empty_content_dir_means_the_bundled_content(tmp_path: Path) -> None:
    assert configured_folder(load_config(write(tmp_path, "idle_timeout_s = 60\n"))) is None


# --- documentation --------------------------------------------------------------------------


@pytest.mark.parametrize("setting", SCHEMA, ids=lambda setting: setting.key)
def test_setting_is_documented_in_readme(setting: Setting) -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert re.search(rf"(?<![\w.-]){re.escape(setting.key)}(?![\w-])", readme), (
        f"README.md does not document the config key {setting.key!r}"
    )


def test_any_language_code_is_accepted_the_content_decides_what_exists(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        'default_language = "so"\nlanguages = ["so", "en", "es-419"]\n'
        '[speech.voices]\nso = "so-voice"\n',
    )
    loaded = load_config(path)
    assert loaded.issues == []
    config = loaded.config
    assert (config.default_language, config.languages) == ("so", ["so", "en", "es-419"])
    assert config.voice_for("so") == "so-voice"
    assert config.voice_for("es") == "es-419"  # the built-in voices stay
    assert config.voice_for("ar") == "ar"  # unlisted: espeak-ng's name is the code


def test_offered_languages_follow_the_config_then_the_content() -> None:
    everything = Config.defaults()
    assert everything.offered_languages(("en", "es", "vi", "ar")) == ["en", "es", "vi", "ar"]
    chosen = dataclasses.replace(everything, languages=["vi", "so", "en"])
    assert chosen.offered_languages(("en", "es", "vi")) == ["vi", "en"]  # no "so" content
    none_there = dataclasses.replace(everything, languages=["so"])
    assert none_there.offered_languages(("en", "es")) == ["en", "es"]  # never an empty kiosk


def test_the_config_loads_without_qt(tmp_path: Path) -> None:
    # The Ansible role validates config.toml with kiosk.config on a controller that has
    # no PySide6 (packaging/ansible/tests/faq-kiosk-standin).
    import subprocess
    import sys

    config = write(tmp_path, 'screen_reader = "off"\nidle_timeout_s = 5\n')
    code = (
        "import sys; sys.modules['PySide6'] = None\n"
        "from pathlib import Path\n"
        "from kiosk.config import load_config\n"
        f"loaded = load_config(Path({str(config)!r}))\n"
        "print(loaded.config.screen_reader, [i.key for i in loaded.issues])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO
    ).stdout
    assert out.strip() == "off ['idle_timeout_s']"
