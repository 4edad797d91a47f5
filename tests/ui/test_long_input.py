"""Long input from staff or authors must not break what visitors see (issue 12): a long
feedback address, an unbreakable word or a URL in an answer, a URL near the QR limit."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp

from kiosk.cli.audit import clipping_problems
from kiosk.config import LoadedConfig, load_config
from tests.helpers import SIZES, Renderer

#: A Google Forms address as staff paste it: 100 characters.
FORM_URL = (
    "https://docs.google.com/forms/d/e/1FAIpQLSd0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJ"
    "/viewform"
)
ELLIPSIS = "\u2026"
SHORT_URL = "https://forms.example.org/f"
CARD_SIZES = {
    "landscape": SIZES["landscape"],
    "small": SIZES["small"],
    "portrait": SIZES["portrait"],
}


def config_with(tmp_path: Path, text: str) -> LoadedConfig:
    """The config *text*, loaded from a file in *tmp_path* (it must have no issues)."""
    path = tmp_path / f"config-{abs(hash(text))}.toml"
    path.write_text(text, encoding="utf-8")
    loaded = load_config(path)
    assert loaded.issues == []
    return loaded


@pytest.mark.parametrize("text_size", [100, 200])
@pytest.mark.parametrize("size_name", list(CARD_SIZES))
def test_long_feedback_url_is_shortened_not_widening_the_card(
    render_kiosk: Renderer, tmp_path: Path, size_name: str, text_size: int
) -> None:
    size = CARD_SIZES[size_name]
    short = render_kiosk(
        "en",
        size=size,
        text_size=text_size,
        loaded=config_with(tmp_path, f'feedback_url = "{SHORT_URL}"\n'),
    )
    long = render_kiosk(
        "en",
        size=size,
        text_size=text_size,
        loaded=config_with(tmp_path, f'feedback_url = "{FORM_URL}"\n'),
    )
    short_faq, faq = short.kiosk.window.faq, long.kiosk.window.faq
    assert (long.image.width(), long.image.height()) == size
    assert faq.feedback.width() == short_faq.feedback.width()
    assert faq.accordion.width() == short_faq.accordion.width()
    address = faq.feedback.address
    assert clipping_problems(faq.feedback) == []
    assert address.fontMetrics().horizontalAdvance(address.text()) > 0
    assert address.heightForWidth(address.contentsRect().width()) <= address.height()
    if address.is_shortened():
        assert ELLIPSIS in address.text()
    else:
        assert address.text().replace("\u200b", "") == FORM_URL
    assert address.accessibleName() == FORM_URL
    assert FORM_URL in faq.feedback.image.accessibleName()
    assert FORM_URL in {result.text for result in zxingcpp.read_barcodes(long.image)}


def test_long_feedback_url_is_shortened_at_200_percent_on_the_small_screen(
    render_kiosk: Renderer, tmp_path: Path
) -> None:
    loaded = config_with(tmp_path, f'feedback_url = "{FORM_URL}"\n')
    rendered = render_kiosk("en", size=SIZES["small"], text_size=200, loaded=loaded)
    address = rendered.kiosk.window.faq.feedback.address
    assert address.is_shortened()
    shown = address.text().replace("\u200b", "")
    head, tail = shown.split(ELLIPSIS)
    assert FORM_URL.startswith(head) and FORM_URL.endswith(tail) and head and tail
    # A text size change refits it (the panel and its font both change).
    rendered.kiosk.session.set_text_size(100)
    rendered.kiosk.qt_app.processEvents()
    assert address.text().replace("\u200b", "") != shown
    assert address.heightForWidth(address.contentsRect().width()) <= address.height()
