"""Fixtures for the views: a kiosk driven to a given screen, language, size and text size."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.app import Kiosk, build_kiosk
from kiosk.cli.screenshot import render
from kiosk.config import LoadedConfig, load_config
from tests.helpers import SIZES, Rendered, Renderer, discard


@pytest.fixture
def render_kiosk(qapp: QApplication) -> Iterator[Renderer]:
    """Build a kiosk, drive it like `faq-kiosk --screenshot` does, render it."""
    built: list[Kiosk] = []

    def make(
        language: str | None = None,
        open_id: str | None = None,
        size: tuple[int, int] = SIZES["landscape"],
        *,
        text_size: int = 100,
        high_contrast: bool = False,
        loaded: LoadedConfig | None = None,
    ) -> Rendered:
        kiosk = build_kiosk(qapp, loaded or load_config(None))
        built.append(kiosk)
        session = kiosk.session
        session.set_text_size(text_size)
        session.set_high_contrast(high_contrast)
        if language is not None:
            session.choose_language(language)
            session.set_open_question(open_id)
        return Rendered(kiosk, render(kiosk, size))

    yield make
    for kiosk in built:
        discard(kiosk)
