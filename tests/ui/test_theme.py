"""Theme colours meet WCAG 2.2: text ≥ 7:1 (1.4.6), boundaries and focus ring ≥ 3:1 (1.4.11)."""

from __future__ import annotations

import pytest

from kiosk.ui.theme import (
    HIGH_CONTRAST,
    STANDARD,
    Palette,
    contrast_ratio,
    style_sheet,
)


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [("#000000", "#FFFFFF", 21.0), ("#FFFFFF", "#FFFFFF", 1.0), ("#777777", "#FFFFFF", 4.48)],
)
def test_contrast_ratio_matches_wcag_examples(first: str, second: str, expected: float) -> None:
    assert contrast_ratio(first, second) == pytest.approx(expected, abs=0.01)
    assert contrast_ratio(second, first) == pytest.approx(expected, abs=0.01)


@pytest.mark.parametrize("palette", [STANDARD, HIGH_CONTRAST], ids=lambda p: p.name)
def test_every_text_colour_pair_reaches_7_to_1(palette: Palette) -> None:
    for what, foreground, background in palette.text_pairs():
        ratio = contrast_ratio(foreground, background)
        assert ratio >= 7.0, f"{palette.name}: {what} is {ratio:.2f}:1"


@pytest.mark.parametrize("palette", [STANDARD, HIGH_CONTRAST], ids=lambda p: p.name)
def test_boundaries_and_focus_ring_reach_3_to_1(palette: Palette) -> None:
    for what, colour, neighbour in palette.boundary_pairs():
        ratio = contrast_ratio(colour, neighbour)
        assert ratio >= 3.0, f"{palette.name}: {what} is {ratio:.2f}:1"


def test_style_sheet_leaves_fonts_to_the_text_size() -> None:
    assert "font" not in style_sheet(STANDARD)


def test_palettes_use_only_colours_they_declare() -> None:
    sheet = style_sheet(HIGH_CONTRAST)
    declared = {value.upper() for value in vars(HIGH_CONTRAST).values() if value.startswith("#")}
    used = {token[:7].upper() for token in sheet.split() if token.startswith("#")}
    assert used <= declared
