"""The QR codes on the rendered screen decode (zxing-cpp reads the screenshot itself) and are
large enough: ≥ 30 mm on a 24" 1080p screen (0.277 mm per pixel), i.e. ≥ 109 px."""

from __future__ import annotations

from pathlib import Path

import pytest
import zxingcpp

from kiosk.config import load_config
from tests.helpers import MM_PER_PX_24_INCH_1080P, SIZES, Renderer


def decoded(image: object) -> dict[str, int]:
    """Text of every QR code in *image* → its width in pixels."""
    codes = {}
    for result in zxingcpp.read_barcodes(image):
        position = result.position
        width = abs(position.top_right.x - position.top_left.x)
        codes[result.text] = width
    return codes


@pytest.mark.parametrize("size_name", list(SIZES))
@pytest.mark.parametrize("language", ["en", "vi"])
def test_feedback_code_on_screen_decodes_to_the_default_url(
    render_kiosk: Renderer, language: str, size_name: str
) -> None:
    rendered = render_kiosk(language, size=SIZES[size_name])
    codes = decoded(rendered.image)
    url = rendered.kiosk.loaded_config.config.feedback_url
    assert url in codes
    assert codes[url] * MM_PER_PX_24_INCH_1080P >= 30


def test_configured_urls_are_what_the_codes_say(render_kiosk: Renderer, tmp_path: Path) -> None:
    config = tmp_path / "config.toml"
    config.write_text(
        'feedback_url = "https://forms.example.org/sro-feedback"\n'
        '[links]\ncampus-list = "https://www.example.org/sro-campuses"\n',
        encoding="utf-8",
    )
    loaded = load_config(config)
    assert loaded.issues == []
    feedback = render_kiosk("es", "contact", loaded=loaded)
    codes = decoded(feedback.image)
    assert "https://forms.example.org/sro-feedback" in codes
    campus = render_kiosk("en", "how-many-sros", loaded=loaded)
    assert "https://www.example.org/sro-campuses" in decoded(campus.image)


def test_safe2tell_answer_shows_the_number_large_with_a_tel_code(render_kiosk: Renderer) -> None:
    rendered = render_kiosk("en", "imminent-threat", SIZES["portrait"])
    item = rendered.kiosk.window.faq.accordion.items["imminent-threat"]
    card = item.link_cards[0]
    faq = rendered.kiosk.window.faq
    faq.scroll_area.ensureWidgetVisible(card)
    image = rendered.kiosk.window.grab().toImage()
    assert "tel:+18775427233" in decoded(image)
    assert card.address.accessibleName() == "1-877-542-7233"
    assert card.address.font().pixelSize() >= 56 or card.address.fontInfo().pixelSize() >= 56


def test_link_without_url_asks_the_front_office(render_kiosk: Renderer) -> None:
    rendered = render_kiosk("en", "how-many-sros")
    card = rendered.kiosk.window.faq.accordion.items["how-many-sros"].link_cards[0]
    assert card.image.isHidden()
    assert card.address.isHidden()
    assert card.note.text() == "Ask the front office staff for this."
    assert "tel:" not in "".join(decoded(rendered.image))
