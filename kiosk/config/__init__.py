"""Deployment configuration: the settings table (`schema`), loading and validating it
(`settings`), what each value must be (`checks`), opening hours (`schedule`), the TOML
reader with line numbers (`tomlfile`), the staff PIN hash (`pin`) and the keypad's key
names (`keymap`).

Below every layer but `kiosk.system`: it imports no other part of the kiosk.
"""

from __future__ import annotations

from kiosk.config.checks import MAX_QR_URL_BYTES, language_code_problem, url_problem
from kiosk.config.settings import (
    DEFAULT_VOLUME,
    MAX_SPEECH_RATE,
    MIN_SPEECH_RATE,
    SCHEMA,
    TEXT_SIZES,
    THEMES,
    Config,
    LoadedConfig,
    Setting,
    default_config_path,
    find_config,
    load_config,
    reference_table,
    validate,
)

__all__ = [
    "DEFAULT_VOLUME",
    "MAX_QR_URL_BYTES",
    "MAX_SPEECH_RATE",
    "MIN_SPEECH_RATE",
    "SCHEMA",
    "TEXT_SIZES",
    "THEMES",
    "Config",
    "LoadedConfig",
    "Setting",
    "default_config_path",
    "find_config",
    "language_code_problem",
    "load_config",
    "reference_table",
    "url_problem",
    "validate",
]
