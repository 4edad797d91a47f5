"""Every screen, language, orientation and text size: nothing clipped, overlapping or too small.

Each case is rendered as `faq-kiosk --screenshot` renders it (set KIOSK_SCREENSHOTS=DIR to
keep the PNGs), then every visible widget is measured:
- a wrapped label gets at least the height its text needs at its width;
- a one-line label gets at least its text's width;
- interactive targets are at least 88 px on their shorter side and 8 px apart;
- nothing is wider than the window (no horizontal scrolling);
- the open answer's text gets its room (kiosk/ui/answer_room.py): at 200 %, at least
  60 % of the window and 25 characters a line (issue 14, point 6), where the screen
  allows it (`ROOM_AT_200`).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from kiosk.cli.audit import clipping_problems, target_problems, window_rect
from kiosk.ui.answer_room import MIN_CHARS_PER_LINE
from kiosk.ui.window import Chrome
from tests.helpers import LANGUAGES, ROOM_AT_200, SIZES, Renderer

LONGEST_ANSWER = "imminent-threat"
#: At 100 % the full layout stays as it was (the issue asks for room at 200 %): an
#: answer's lines must still be long enough; its share of the window is what the full
#: layout gives (27 % on 1280x800 to 53 % in portrait), not asserted.
CHARS_PER_LINE_AT_100 = MIN_CHARS_PER_LINE


def keep(image_name: str, rendered_image: object) -> None:
    folder = os.environ.get("KIOSK_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        rendered_image.save(str(Path(folder) / image_name))  # type: ignore[attr-defined]


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_faq_screen_fits(
    render_kiosk: Renderer, language: str, size_name: str, text_size: int
) -> None:
    rendered = render_kiosk(language, LONGEST_ANSWER, SIZES[size_name], text_size=text_size)
    keep(f"faq-{language}-{size_name}-{text_size}.png", rendered.image)
    window = rendered.kiosk.window
    assert clipping_problems(window) == []
    assert target_problems(window) == []
    scroll = window.faq.scroll_area
    assert scroll.horizontalScrollBar().maximum() == 0
    content = scroll.widget()
    assert content is not None
    assert content.width() <= scroll.viewport().width()
    room = window.faq.answer_room()
    # The same figure, measured here from the paragraph and the viewport.
    paragraph = next(p for p in window.faq.accordion.items[LONGEST_ANSWER].paragraphs)
    text, viewport = window_rect(paragraph), window_rect(scroll.viewport())
    assert viewport.left() <= text.left() and text.right() <= viewport.right()
    share = text.width() * viewport.height() / (window.width() * window.height())
    assert abs(share - room.share) < 0.005
    if text_size == 200:
        share, chars = ROOM_AT_200[size_name]
        assert room.share >= share, str(room)
        assert room.chars_per_line >= chars, str(room)
    else:
        assert window.chrome == Chrome.FULL
        assert room.chars_per_line >= CHARS_PER_LINE_AT_100, str(room)


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("size_name", list(SIZES))
def test_home_screen_fits(render_kiosk: Renderer, size_name: str, text_size: int) -> None:
    rendered = render_kiosk(size=SIZES[size_name], text_size=text_size)
    keep(f"home-{size_name}-{text_size}.png", rendered.image)
    window = rendered.kiosk.window
    assert clipping_problems(window) == []
    assert target_problems(window) == []
    for button in window.home.buttons.values():
        assert window_rect(button).bottom() <= window.height(), "language button off screen"


@pytest.mark.parametrize("size_name", list(SIZES))
def test_feedback_code_is_beside_in_landscape_and_below_in_portrait(
    render_kiosk: Renderer, size_name: str
) -> None:
    rendered = render_kiosk("en", size=SIZES[size_name])
    faq = rendered.kiosk.window.faq
    card, scroll = window_rect(faq.feedback), window_rect(faq.scroll_area)
    width, height = SIZES[size_name]
    if width >= height:
        assert card.left() > scroll.right()
    else:
        assert card.top() > scroll.bottom()
    assert card.bottom() <= height and card.right() <= width


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("size_name", list(SIZES))
def test_window_keeps_the_screen_size(
    render_kiosk: Renderer, size_name: str, text_size: int
) -> None:
    """A minimum size larger than the screen would push controls off a real screen."""
    for language in (None, "vi"):
        rendered = render_kiosk(language, LONGEST_ANSWER, SIZES[size_name], text_size=text_size)
        assert (rendered.image.width(), rendered.image.height()) == SIZES[size_name]


@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("language", LANGUAGES)
def test_speech_controls_fit_at_200_percent(
    render_kiosk: Renderer, language: str, size_name: str
) -> None:
    from kiosk.cli.screenshot import settle

    rendered = render_kiosk(language, LONGEST_ANSWER, SIZES[size_name], text_size=200)
    window = rendered.kiosk.window
    window.toolbar.set_speaking(True)
    window.show_speech_bar(True)
    settle(rendered.kiosk)
    assert window.speech_bar.isVisible() and not window.faq.nav.isVisible()
    keep(f"speech-{language}-{size_name}-200.png", window.grab().toImage())
    assert clipping_problems(window) == []
    assert target_problems(window) == []
    assert (window.width(), window.height()) == SIZES[size_name]


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("overlay", ["idle", "staff", "attract", "feedback"])
def test_overlays_fit(render_kiosk: Renderer, overlay: str, size_name: str, text_size: int) -> None:
    from kiosk.cli.screenshot import settle
    from kiosk.config.pin import hash_pin

    kiosk = render_kiosk("es", None, SIZES[size_name], text_size=text_size).kiosk
    if overlay == "idle":
        kiosk.idle_overlay.set_seconds(20)
        kiosk.idle_overlay.open()
    elif overlay == "staff":
        kiosk.staff_desk._guard = type(kiosk.staff_desk._guard)(hash_pin("1234"))
        kiosk.staff_desk.open()
    elif overlay == "feedback":
        kiosk.feedback_overlay.open()
    else:
        kiosk.attract_overlay.open()
    settle(kiosk)
    keep(f"overlay-{overlay}-{size_name}-{text_size}.png", kiosk.window.grab().toImage())
    window = kiosk.window
    on_top = {
        "idle": kiosk.idle_overlay,
        "staff": kiosk.staff_panel,
        "attract": kiosk.attract_overlay,
        "feedback": kiosk.feedback_overlay,
    }[overlay]
    assert clipping_problems(on_top) == []
    assert target_problems(on_top) == []
    assert window_rect(on_top.card).bottom() <= window.height()
