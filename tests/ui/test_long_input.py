"""Long input from staff or authors must not break what visitors see (issue 12): a long
feedback address, an unbreakable word or a URL in an answer, a URL near the QR limit."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import zxingcpp
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.cli.audit import clipping_problems, window_rect
from kiosk.cli.check import run_check
from kiosk.cli.screenshot import settle
from kiosk.config import MAX_QR_URL_BYTES, LoadedConfig, load_config
from kiosk.content import BundleInvalidError, load_bundle
from kiosk.speech.sentences import split_sentences
from kiosk.system import resources
from kiosk.system.qr import qr_image
from kiosk.ui.reading_order import plain
from kiosk.ui.text import ZERO_WIDTH_SPACE, breakable_text
from tests.helpers import SIZES, Renderer, feedback_shown

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
    assert faq.accordion.width() == short_faq.accordion.width()
    # The panel, or in the compact layout (200 %) the code its button opens full size.
    short_card, _image = feedback_shown(short.kiosk)
    card, image = feedback_shown(long.kiosk)
    assert card.width() == short_card.width()
    address = card.address
    assert clipping_problems(card) == []
    assert address.fontMetrics().horizontalAdvance(address.text()) > 0
    assert address.heightForWidth(address.contentsRect().width()) <= address.height()
    if address.is_shortened():
        assert ELLIPSIS in address.text()
    else:
        assert address.text().replace("\u200b", "") == FORM_URL
    assert address.accessibleName() == FORM_URL
    assert FORM_URL in card.image.accessibleName()
    assert FORM_URL in {result.text for result in zxingcpp.read_barcodes(image)}


def test_long_feedback_url_is_shortened_at_200_percent_on_the_small_screen(
    render_kiosk: Renderer, tmp_path: Path
) -> None:
    loaded = config_with(tmp_path, f'feedback_url = "{FORM_URL}"\n')
    rendered = render_kiosk("en", size=SIZES["small"], text_size=200, loaded=loaded)
    card, _image = feedback_shown(rendered.kiosk)  # compact: the code full size
    address = card.address
    assert address.is_shortened()
    shown = address.text().replace("\u200b", "")
    head, tail = shown.split(ELLIPSIS)
    assert FORM_URL.startswith(head) and FORM_URL.endswith(tail) and head and tail
    assert address.heightForWidth(address.contentsRect().width()) <= address.height()
    # Back to 100 %: the panel is back, its address fitted to it.
    rendered.kiosk.feedback_overlay.back()
    rendered.kiosk.session.set_text_size(100)
    settle(rendered.kiosk)
    panel = rendered.kiosk.window.faq.feedback
    assert panel.isVisible() and not rendered.kiosk.window.faq.compact
    assert panel.address.is_shortened()
    assert panel.address.text().replace("\u200b", "") != shown
    assert panel.address.heightForWidth(panel.address.contentsRect().width()) <= (
        panel.address.height()
    )


#: An unbreakable 80-character word, and a 300-character address, in an answer.
LONG_WORD = "Supercalifragilistic" * 4
LONG_URL = (
    "https://www.example.org/district/safety/"
    + "/".join(f"section{n:02d}" for n in range(8))
    + "?token="
    + "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789" * 5
)
ANSWERED = "imminent-threat"
FIRST_PARAGRAPH = "We know how important it is that we do everything possible"


def bundle_with_paragraph(tmp_path: Path, paragraph: str) -> LoadedConfig:
    """The bundled content with *paragraph* before the first one of ANSWERED (English)."""
    content = tmp_path / "content"
    shutil.copytree(resources.content_dir(), content)
    english = content / "en.toml"
    text = english.read_text(encoding="utf-8")
    assert text.count(FIRST_PARAGRAPH) == 1
    english.write_text(
        text.replace(f'"{FIRST_PARAGRAPH}', f'"{paragraph}",\n  "{FIRST_PARAGRAPH}'),
        encoding="utf-8",
    )
    return config_with(tmp_path, f'content_dir = "{content}"\n')


def widest_problems(root: QWidget, viewport: QWidget) -> list[str]:
    """Visible widgets under *root* that reach past *viewport*'s right edge."""
    right = window_rect(viewport).right()
    return [
        f"{type(widget).__name__} reaches x={window_rect(widget).right()} (viewport ends {right})"
        for widget in root.findChildren(QWidget)
        if widget.isVisible() and window_rect(widget).right() > right
    ]


@pytest.mark.parametrize("size_name", ["small", "portrait"])
@pytest.mark.parametrize(
    "paragraph",
    [f"The code is {LONG_WORD} today.", f"Read it at {LONG_URL}. Thank you."],
    ids=["80-character-word", "300-character-url"],
)
def test_unbreakable_text_in_an_answer_wraps_at_200_percent(
    render_kiosk: Renderer, tmp_path: Path, paragraph: str, size_name: str
) -> None:
    loaded = bundle_with_paragraph(tmp_path, paragraph)
    rendered = render_kiosk("en", ANSWERED, SIZES[size_name], text_size=200, loaded=loaded)
    window = rendered.kiosk.window
    assert (rendered.image.width(), rendered.image.height()) == SIZES[size_name]
    scroll = window.faq.scroll_area
    content = scroll.widget()
    assert content is not None
    assert scroll.horizontalScrollBar().maximum() == 0
    assert content.width() <= scroll.viewport().width()
    assert widest_problems(content, scroll.viewport()) == []
    assert clipping_problems(window) == []
    # What is said and what assistive technology gets is the paragraph as written.
    label = window.faq.accordion.items[ANSWERED].paragraphs[0]
    assert label.accessibleName() == paragraph
    spoken = [item.text for item in window.faq.answer(ANSWERED)]
    assert paragraph in spoken


@pytest.mark.parametrize(
    "text",
    [
        f"Read it at {LONG_URL}. Thank you.",
        f"The code is {LONG_WORD} today. Then call 1-877-542-7233 (SAFE).",
        "Visit www.dpsk12.org/sro, or ask. K-8 schools too.",
    ],
)
def test_break_points_change_nothing_that_is_said(text: str) -> None:
    shown = breakable_text(text)
    assert ZERO_WIDTH_SPACE in shown
    assert plain(shown) == text
    assert [s.text for s in split_sentences(plain(shown))] == [
        plain(s.text) for s in split_sentences(shown)
    ]


def test_ordinary_words_get_no_break_points() -> None:
    text = "Every student goes through three types of drills (lockdown, K-8, Mental-health)."
    assert breakable_text(text) == text


def url_of_bytes(length: int) -> str:
    """A plausible form address exactly *length* ASCII characters long."""
    start, end = "https://docs.google.com/forms/d/e/1FAIpQLSd", "/viewform"
    filler = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ" * 20
    return start + filler[: length - len(start) - len(end)] + end


def test_longest_allowed_url_decodes_from_the_card_at_1280x800_200_percent(
    render_kiosk: Renderer, tmp_path: Path
) -> None:
    url = url_of_bytes(MAX_QR_URL_BYTES)
    assert len(url) == MAX_QR_URL_BYTES
    loaded = config_with(tmp_path, f'feedback_url = "{url}"\n')
    rendered = render_kiosk("en", size=SIZES["small"], text_size=200, loaded=loaded)
    card, image = feedback_shown(rendered.kiosk)  # compact: the code full size
    assert card.code == url
    assert card.image.pixmap().width() <= card.image.width()  # whole, not cropped
    assert url in {result.text for result in zxingcpp.read_barcodes(image)}
    # Camera-like: the screen at half resolution, smoothed, still reads.
    half = image.scaled(
        image.width() // 2,
        image.height() // 2,
        Qt.AspectRatioMode.KeepAspectRatio,
        Qt.TransformationMode.SmoothTransformation,
    )
    assert url in {result.text for result in zxingcpp.read_barcodes(half)}


def test_a_code_too_dense_to_scan_is_scaled_to_fit_not_cropped(qapp: QApplication) -> None:
    image = qr_image(url_of_bytes(700), 220)
    assert 0 < image.width() <= 220 and image.height() == image.width()


def test_a_url_one_byte_longer_is_a_check_error(
    qapp: QApplication, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = url_of_bytes(MAX_QR_URL_BYTES + 1)
    config = tmp_path / "config.toml"
    config.write_text(f'feedback_url = "{url}"\n[links]\ncampus-list = "{url}"\n', "utf-8")
    loaded = load_config(config)
    assert [issue.key for issue in loaded.issues] == ["feedback_url", "links"]
    assert loaded.config.feedback_url != url  # the default, not a code that does not scan
    assert run_check(config, None) == 1
    errors = [line for line in capsys.readouterr().out.splitlines() if "ERROR" in line]
    assert len(errors) == 2
    assert all(f"{MAX_QR_URL_BYTES + 1} bytes" in error for error in errors)
    assert all(f"at most {MAX_QR_URL_BYTES}" in error for error in errors)


def test_a_bundle_link_url_one_byte_longer_is_an_error(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(resources.content_dir(), content)
    manifest = content / "manifest.toml"
    text = manifest.read_text(encoding="utf-8")
    long_url = url_of_bytes(MAX_QR_URL_BYTES + 1)
    entry = '[links.campus-list]\nkind = "web"\nurl = '
    manifest.write_text(text.replace(f'{entry}""', f'{entry}"{long_url}"'), encoding="utf-8")
    with pytest.raises(BundleInvalidError) as error:
        load_bundle(content)
    assert "links.campus-list.url" in str(error.value)
    assert f"at most {MAX_QR_URL_BYTES}" in str(error.value)
    allowed = url_of_bytes(MAX_QR_URL_BYTES)
    manifest.write_text(text.replace(f'{entry}""', f'{entry}"{allowed}"'), encoding="utf-8")
    load_bundle(content)
