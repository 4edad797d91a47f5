"""Deployment configuration: one TOML file, one schema, clear errors.

Every setting is declared once in `SCHEMA` with its type, default and description;
loading, validation, `faq-kiosk check` and the README's config reference all read
that table. A bad file or value never stops the kiosk: what is invalid falls back to
its default and the problem is reported as an `Issue` naming file, key and line.
"""

from __future__ import annotations

import contextlib
import os
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from kiosk.config.pin import PIN_FILE_NAME, stored_pin_hash
from kiosk.config.schedule import (
    Schedule,
    build_schedule,
)
from kiosk.config.schema import (
    DEFAULT_VOLUME,
    MAX_CONFIG_BYTES,
    MAX_SPEECH_RATE,
    MIN_SPEECH_RATE,
    SCHEMA,
    TEXT_SIZES,
    THEMES,
    UNREVIEWED_CHOICES,
    Setting,
)
from kiosk.config.tomlfile import Issue, TomlDocument, TomlFileError, read_toml
from kiosk.system.files import default_state_dir

__all__ = [
    "DEFAULT_VOLUME",
    "MAX_CONFIG_BYTES",
    "MAX_SPEECH_RATE",
    "MIN_SPEECH_RATE",
    "SCHEMA",
    "TEXT_SIZES",
    "THEMES",
    "UNREVIEWED_CHOICES",
    "Config",
    "LoadedConfig",
    "Setting",
    "default_config_path",
    "find_config",
    "load_config",
    "reference_table",
    "validate",
]


@dataclass(frozen=True)
class Config:
    """Validated configuration; every field is the `SCHEMA` setting of the same name."""

    feedback_url: str
    default_language: str
    languages: list[str]
    idle_timeout_s: int
    idle_warning_s: int
    attract_after_s: int
    speech_rate: int
    speech_volume: int
    speech_voices: dict[str, str]
    staff_pin_hash: str
    staff_pin_file: str
    staff_allow_exit: bool
    display_hide_cursor: bool
    display_theme: str
    display_text_size: int
    content_dir: str
    content_public_key: str
    unreviewed_translations: str
    screen_reader: str
    log_dir: str
    state_dir: str
    metrics_dir: str
    schedule_days: list[str]
    schedule_open: str
    schedule_close: str
    schedule_holidays: list[object]
    schedule_holidays_file: str
    schedule_display_off: list[str]
    schedule_display_on: list[str]
    notice_dir: str
    usage_counts: bool
    usage_retention_days: int
    keypad: dict[str, list[str]]
    links: dict[str, str]

    @classmethod
    def defaults(cls) -> Config:
        """The built-in configuration."""
        return cls(**{s.attribute: _copy(s.default) for s in SCHEMA})

    def offered_languages(self, available: Sequence[str]) -> list[str]:
        """The languages to offer, given those the content has (*available*, in its
        order): `languages` in its order, without those missing; all of *available* when
        `languages` is empty or names none of them."""
        wanted = [lang for lang in self.languages if lang in available]
        return wanted or list(available)

    def voice_for(self, language: str) -> str:
        """The voice to ask the engine for in *language* (espeak-ng names voices by
        language code, so an unlisted language tries its own code)."""
        return self.speech_voices.get(language) or language


def _copy(value: Any) -> Any:
    return type(value)(value) if isinstance(value, list | dict) else value


@dataclass(frozen=True)
class LoadedConfig:
    """A config as the kiosk will use it, where it came from, and what was wrong with it."""

    config: Config
    path: Path | None
    issues: list[Issue] = field(default_factory=list)

    def resolve_path(self, value: str) -> Path:
        """A path setting made absolute against the config file's folder."""
        path = Path(value)
        with contextlib.suppress(RuntimeError):  # "~user" of no such user: validation says so
            path = path.expanduser()
        if not path.is_absolute() and self.path is not None:
            path = self.path.parent / path
        return path

    def pin_file(self) -> Path | None:
        """Where the staff PIN's hash is kept: `staff.pin_file`, else `staff-pin` beside
        the config file; None with neither."""
        if self.config.staff_pin_file:
            return self.resolve_path(self.config.staff_pin_file)
        return self.path.parent / PIN_FILE_NAME if self.path is not None else None

    def schedule(self) -> tuple[Schedule, list[str]]:
        """The opening hours, and why holidays could not all be read."""
        config = self.config
        holidays_file = config.schedule_holidays_file
        return build_schedule(
            config.schedule_days,
            config.schedule_open,
            config.schedule_close,
            config.schedule_holidays,
            self.resolve_path(holidays_file) if holidays_file else None,
        )

    def state_folder(self) -> Path:
        """Where the kiosk keeps what must survive a restart."""
        return (
            self.resolve_path(self.config.state_dir)
            if self.config.state_dir
            else (default_state_dir())
        )


def default_config_path(platform: str = sys.platform) -> Path:
    """The system-wide config location for *platform*."""
    if platform.startswith("win"):
        program_data = os.environ.get("PROGRAMDATA", r"C:\ProgramData")
        return Path(program_data) / "FaqKiosk" / "config.toml"
    return Path("/etc/faq-kiosk/config.toml")


def find_config(explicit: Path | None, environ: Mapping[str, str]) -> Path | None:
    """`--config`, else `$FAQ_KIOSK_CONFIG`, else the system file if it exists."""
    if explicit is not None:
        return explicit
    if environ.get("FAQ_KIOSK_CONFIG"):
        return Path(environ["FAQ_KIOSK_CONFIG"])
    system = default_config_path()
    return system if system.is_file() else None


def _flatten(data: Mapping[str, Any], known_tables: set[str], prefix: str = "") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in data.items():
        dotted = f"{prefix}{key}"
        if isinstance(value, dict) and dotted not in known_tables:
            flat.update(_flatten(value, known_tables, dotted + "."))
        else:
            flat[dotted] = value
    return flat


def _type_name(kind: type) -> str:
    return {
        bool: "true or false",
        int: "a whole number",
        str: "a text string",
        list: "a list",
        dict: "a table",
    }[kind]


def validate(document: TomlDocument) -> tuple[Config, list[Issue]]:
    """Check *document* against `SCHEMA`; invalid values fall back to defaults."""
    by_key = {s.key: s for s in SCHEMA}
    tables = {s.key for s in SCHEMA if s.kind is dict}
    values = {s.attribute: _copy(s.default) for s in SCHEMA}
    issues: list[Issue] = []

    def report(key: str, message: str) -> None:
        line = document.line_of(tuple(key.split(".")))
        issues.append(Issue(document.path, line, message, key))

    for key, value in _flatten(document.data, tables).items():
        setting = by_key.get(key)
        if setting is None:
            report(key, "unknown setting (check the spelling; see the README's config reference)")
            continue
        # bool is a subclass of int in Python, but `idle_timeout_s = true` is a mistake.
        if not isinstance(value, setting.kind) or (setting.kind is int and isinstance(value, bool)):
            report(
                key,
                f"must be {_type_name(setting.kind)}, not {value!r}; "
                f"using the default {setting.default!r}",
            )
            continue
        if setting.check is not None and (problem := setting.check(value)):
            report(key, f"{problem} (got {value!r}); using the default {setting.default!r}")
            continue
        values[setting.attribute] = value

    languages = values["languages"]
    if languages and values["default_language"] not in languages:
        first = languages[0]
        if "default_language" in document.data:  # only a value the file wrote is an error
            report(
                "default_language",
                f"{values['default_language']!r} is not in `languages`; using {first!r}",
            )
        values["default_language"] = first
    voices = {**dict(by_key["speech.voices"].default), **values["speech_voices"]}
    values["speech_voices"] = voices
    return Config(**values), issues


def load_config(path: Path | None) -> LoadedConfig:
    """Load the config at *path* (None: built-in defaults). Never raises on bad input."""
    if path is None:
        return LoadedConfig(Config.defaults(), None)
    try:
        document = read_toml(path, MAX_CONFIG_BYTES)
    except TomlFileError as error:
        issue = error.issue
        return LoadedConfig(
            Config.defaults(), path, [replace(issue, message=f"{issue.message}; using defaults")]
        )
    config, issues = validate(document)
    return _with_pin_file(LoadedConfig(config, path, issues))


def _with_pin_file(loaded: LoadedConfig) -> LoadedConfig:
    # The PIN file's hash, when there is one, wins over an old inline `staff.pin_hash`.
    config, pin_path = loaded.config, loaded.pin_file()
    stored, issues = stored_pin_hash(
        loaded.path, config.staff_pin_hash, pin_path, bool(config.staff_pin_file)
    )
    return LoadedConfig(replace(config, staff_pin_hash=stored), loaded.path, loaded.issues + issues)


def reference_table() -> str:
    """The README's config reference (Markdown), generated from `SCHEMA`."""
    rows = ["| key | type | default | meaning |", "|---|---|---|---|"]
    for setting in SCHEMA:
        default = repr(setting.default).replace("'", '"')
        if isinstance(setting.default, bool):
            default = str(setting.default).lower()
        rows.append(
            f"| `{setting.key}` | {setting.kind.__name__} | `{default}` | {setting.description} |"
        )
    return "\n".join(rows)
