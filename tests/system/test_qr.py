"""QR codes decode, with a real decoder (zxing-cpp), from the image we paint."""

from __future__ import annotations

import pytest
import segno
import zxingcpp
from PySide6.QtWidgets import QApplication

from kiosk.system.qr import QUIET_ZONE, QrRenderer, qr_image


@pytest.mark.parametrize(
    "text", ["https://www.dpsk12.org/", "tel:+18775427233", "https://example.org/a?b=c&d=é"]
)
def test_painted_code_decodes_to_its_text(qapp: QApplication, text: str) -> None:
    image = qr_image(text, 220)
    results = zxingcpp.read_barcodes(image)
    assert [result.text for result in results] == [text]


def test_code_is_black_on_white_with_a_four_module_quiet_zone(qapp: QApplication) -> None:
    text = "https://www.dpsk12.org/"
    image = qr_image(text, 220)
    modules = int(segno.make(text, error="m").symbol_size(scale=1, border=QUIET_ZONE)[0])
    module_px = int(image.width() // modules)
    assert image.width() == image.height() == modules * module_px <= 220
    border = QUIET_ZONE * module_px
    colours = {
        image.pixelColor(x, y).name()
        for x in range(image.width())
        for y in range(image.height())
        if min(x, y) < border or max(x, y) >= image.width() - border
    }
    assert colours == {"#ffffff"}
    # The finder pattern starts right after the quiet zone, in black.
    assert image.pixelColor(border, border).name() == "#000000"


def test_renderer_makes_codes_off_the_ui_thread_and_caches_them(
    qtbot: object, qapp: QApplication
) -> None:
    renderer = QrRenderer()
    with qtbot.waitSignal(renderer.ready, timeout=5000) as blocker:  # type: ignore[attr-defined]
        renderer.request("https://example.org/", 200)
    text, size, image = blocker.args
    assert (text, size) == ("https://example.org/", 200)
    assert not image.isNull()
    assert not renderer.busy
    assert renderer.cached("https://example.org/", 200) is not None


def test_text_too_long_for_any_code_gives_a_null_image(qtbot: object, qapp: QApplication) -> None:
    renderer = QrRenderer()
    with qtbot.waitSignal(renderer.ready, timeout=5000) as blocker:  # type: ignore[attr-defined]
        renderer.request("x" * 8000, 200)
    assert blocker.args[2].isNull()
