"""Tests for kiosk.cli.preview: one PDF with the check's findings first, the contents
with page numbers, then every question as the kiosk draws it (rasterised by poppler)."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from kiosk.cli.content import content_main
from tests.helpers import QUESTION_IDS, edit_question

pytestmark = pytest.mark.skipif(
    shutil.which("pdftoppm") is None or shutil.which("pdftotext") is None,
    reason="needs poppler-utils (pdftoppm, pdftotext)",
)
#: The shipped bundle's languages × questions.
SHOTS = 3 * len(QUESTION_IDS)


def page_text(pdf: Path, page: int) -> str:
    """The text of one page, whitespace made single spaces."""
    out = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return " ".join(out.split())


def rasterised_pages(pdf: Path, folder: Path) -> int:
    """How many page images pdftoppm makes of *pdf* (at a low resolution)."""
    subprocess.run(["pdftoppm", "-png", "-r", "8", str(pdf), str(folder / "p")], check=True)
    return len(list(folder.glob("p-*.png")))


def last_page(contents: str) -> int:
    """The last page number the contents give (the end of the last question's pages)."""
    return max(int(n) for n in re.findall(r"pages? (?:\d+–)?(\d+)", contents))


def pages_of(contents: str, title: str) -> tuple[int, int]:
    """The first and last page the contents give the question *title*."""
    at = contents.index(title)
    match = re.search(r"pages? (\d+)(?:–(\d+))?", contents[at:])
    assert match, contents[at:]
    return int(match.group(1)), int(match.group(2) or match.group(1))


def first_window_page(contents: str) -> int:
    """The page number the contents give the first question."""
    match = re.search(r"pages? (\d+)", contents)
    assert match, contents
    return int(match.group(1))


def test_the_shipped_bundle_previews_every_question_in_every_language(
    qapp: QApplication, bundled_content: Path, tmp_path: Path
) -> None:
    pdf = tmp_path / "preview.pdf"
    assert (
        content_main(["preview", str(bundled_content), "--out", str(pdf), "--shapes", "landscape"])
        == 0
    )
    front = page_text(pdf, 1)
    assert "Bundle dps-sro-faq, version 2021.1" in front
    assert "Languages: English (en), Spanish (es), Vietnamese (vi)" in front
    assert "every question is reviewed in every language. Ready to publish." in front
    assert "1. What prompted the decision to remove SROs from schools?" in front
    contents = front[front.index("Contents") :]
    first, end = first_window_page(contents), last_page(contents)
    assert end >= first - 1 + SHOTS  # at least a page per question and language
    assert rasterised_pages(pdf, tmp_path) == end
    caption = page_text(pdf, first)
    assert caption.startswith("English · question 1 of 11 · landscape 1920×1080")
    assert f"page {first}" in caption
    last = page_text(pdf, end)
    assert last.startswith("Vietnamese · question 11 of 11 · landscape 1920×1080")


def test_an_unreviewed_translation_is_warned_of_first(
    qapp: QApplication, bundled_content: Path, tmp_path: Path
) -> None:
    content = tmp_path / "content"
    shutil.copytree(bundled_content, content)
    edit_question(content, "es", "savings", 'status = "reviewed"', 'status = "translated"')
    pdf = tmp_path / "preview.pdf"
    shapes = "portrait,large-text"
    assert content_main(["preview", str(content), "--out", str(pdf), "--shapes", shapes]) == 1
    front = page_text(pdf, 1)
    warning = (
        "Spanish: 'How much money will the district save from…' is translated but not yet reviewed."
    )
    assert front.index("What the check found") < front.index(warning) < front.index("Contents")
    assert "for IT: " in front and "es.toml" in front
    contents = front[front.index("Contents") :]
    assert rasterised_pages(pdf, tmp_path) == last_page(contents)
    # Spanish is the second language: its "savings" pages follow the English contents.
    spanish = contents[contents.index("Spanish (es)") :]
    savings, savings_end = pages_of(spanish, "6. ¿Cuánto dinero")
    portrait = page_text(pdf, savings)
    assert portrait.startswith("Spanish · question 6 of 11 · portrait 1080×1920")
    assert "Translated, not yet reviewed" in portrait
    large = [page_text(pdf, n) for n in range(savings + 1, savings_end + 1)]
    assert any(
        page.startswith("Spanish · question 6 of 11 · 200 % text, landscape 1920×1080")
        for page in large
    )
    assert all("Translated, not yet reviewed" in page for page in large)
    assert "not yet reviewed" not in page_text(pdf, savings_end + 1)


def test_a_rejected_bundle_is_not_previewed(
    bundled_content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    content = tmp_path / "content"
    shutil.copytree(bundled_content, content)
    edit_question(content, "es", "savings", "title = ", "heading = ")
    pdf = tmp_path / "preview.pdf"
    assert content_main(["preview", str(content), "--out", str(pdf)]) == 1
    out = capsys.readouterr().out
    assert "Fix these first:" in out and f"No preview was made: {pdf} was not written." in out
    assert not pdf.exists()


def test_unknown_shapes_are_refused(bundled_content: Path, tmp_path: Path) -> None:
    with pytest.raises(SystemExit) as stopped:
        content_main(
            [
                "preview",
                str(bundled_content),
                "--out",
                str(tmp_path / "p.pdf"),
                "--shapes",
                "square",
            ]
        )
    assert stopped.value.code == 2


def test_the_preview_shows_unreviewed_languages_with_their_answers_marked(
    qapp: QApplication, bundled_content: Path, tmp_path: Path
) -> None:
    from kiosk.cli.preview import preview_kiosk
    from kiosk.cli.screenshot import settle
    from tests.helpers import discard

    content = tmp_path / "content"
    shutil.copytree(bundled_content, content)
    edit_question(content, "es", "savings", 'status = "reviewed"', 'status = "translated"')
    kiosk = preview_kiosk(qapp, content)
    try:
        # The cautious default would not offer Spanish; a reviewer must see it.
        assert kiosk.window.home.languages == ["en", "es", "vi"]
        kiosk.session.choose_language("es")
        kiosk.session.set_open_question("savings")
        settle(kiosk)
        note = kiosk.window.faq.accordion.items["savings"].review_note
        assert not note.isHidden() and note.text() == "Esta traducción aún no ha sido revisada."
    finally:
        discard(kiosk)


def test_an_answer_taller_than_the_window_takes_pages_down_to_its_end(
    qapp: QApplication, bundled_content: Path, tmp_path: Path
) -> None:
    from kiosk.cli.preview import PART_OVERLAP_PX, preview_kiosk
    from kiosk.cli.screenshot import settle
    from tests.helpers import discard

    kiosk = preview_kiosk(qapp, bundled_content)
    try:
        kiosk.session.set_text_size(200)
        kiosk.session.choose_language("en")
        kiosk.session.set_open_question("imminent-threat")
        kiosk.window.resize(1920, 1080)
        kiosk.window.show()
        settle(kiosk)
        faq = kiosk.window.faq
        views = faq.open_answer_views(PART_OVERLAP_PX)
        assert len(views) > 2  # the longest answer, at 200 %: several screens
        view = faq.scroll_area.viewport().height()
        steps = [b - a for a, b in itertools.pairwise(views[:-1])]  # the last may be short
        assert steps and all(step == view - PART_OVERLAP_PX for step in steps)
        item = faq.accordion.items["imminent-threat"]
        content = faq.scroll_area.widget()
        assert content is not None
        bottom = item.mapTo(content, item.rect().topLeft()).y() + item.height()
        bar = faq.scroll_area.verticalScrollBar()
        assert views[-1] + view >= bottom or views[-1] == bar.maximum()  # the end is shown
        assert views[-2] + view < bottom  # and no page more than needed
    finally:
        discard(kiosk)
