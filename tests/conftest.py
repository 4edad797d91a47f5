"""Shared fixtures. Qt runs offscreen; every test gets a fresh kiosk if it asks for one."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtWidgets import QApplication

from kiosk import resources
from kiosk.app import Kiosk, build_kiosk
from kiosk.config import LoadedConfig, load_config

REPO = Path(__file__).resolve().parents[1]
SEED = REPO.parent / "shared" / "seeds" / "000_1f82b15335ad1107.txt"


@pytest.fixture
def bundled_content() -> Path:
    """The bundled content folder."""
    return resources.content_dir()


@pytest.fixture
def default_config() -> LoadedConfig:
    """Built-in defaults, as with no config file."""
    return load_config(None)


@pytest.fixture
def kiosk(qapp: QApplication, default_config: LoadedConfig) -> Iterator[Kiosk]:
    """A complete kiosk (not shown) on the built-in defaults."""
    built = build_kiosk(qapp, default_config)
    yield built
    discard(built)


def discard(kiosk: Kiosk) -> None:
    """Close and delete a kiosk's window now (deleteLater would wait for an event loop)."""
    kiosk.window.close()
    shiboken6.delete(kiosk.window)
