"""`faq-kiosk content preview DIR --out preview.pdf`: every question, opened, in every
language, as the kiosk itself draws it, in one PDF for the people who approve content.

The kiosk is built offscreen on the bundle in DIR (`build_kiosk`, the same widgets as on
the touchscreen) and each window is grabbed (`kiosk.cli.screenshot.render`). The PDF
begins with what `faq-kiosk content check` says (kiosk.authoring.review), then the
bundle's id, version, date and languages and the contents with page numbers; then one
page per question, language and shape (landscape 1920×1080, portrait 1080×1920, 200 %
text at 1920×1080), each captioned with the language, the question and the shape, and
with the translation's state when it is not reviewed. `--shapes` picks fewer shapes.

A bundle the kiosk would refuse is not previewed: the check's report is printed and the
exit status is 1. Otherwise the status is the check's (0 everything reviewed, 1 not).
"""

from __future__ import annotations

import argparse
import datetime
import os
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from kiosk.authoring.review import (
    Review,
    language_name,
    report_lines,
    review_bundle,
    short_title,
    state_words,
)
from kiosk.config import Config, LoadedConfig

if TYPE_CHECKING:  # Qt loads only when a preview is made, so `--help` answers at once
    from PySide6.QtGui import QImage
    from PySide6.QtWidgets import QApplication

    from kiosk.app import Kiosk
    from kiosk.cli.preview_pdf import Line, PreviewPdf
    from kiosk.content.model import ContentBundle

#: How many characters of a question's title the contents and captions show.
CAPTION_TITLE_CHARS = 110


@dataclass(frozen=True)
class Shape:
    """A window size and text size the preview shows each question in."""

    name: str
    label: str
    size: tuple[int, int]
    text_size: int


SHAPES: dict[str, Shape] = {
    shape.name: shape
    for shape in (
        Shape("landscape", "landscape 1920×1080", (1920, 1080), 100),
        Shape("portrait", "portrait 1080×1920", (1080, 1920), 100),
        Shape("large-text", "200 % text, landscape 1920×1080", (1920, 1080), 200),
    )
}


@dataclass(frozen=True)
class Shot:
    """One window page of the preview: a question in a language and a shape; an answer
    taller than the window takes several pages (*part* of *parts*), scrolled down."""

    language: str
    question: str
    shape: Shape
    page: int
    part: int = 1
    parts: int = 1
    scroll: int = 0  # where the questions are scrolled for this part


#: Pixels a continued page repeats from the page before, so no line is cut unseen.
PART_OVERLAP_PX = 80


def register(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add `preview DIR --out FILE` to the `faq-kiosk content` commands."""
    command = commands.add_parser(
        "preview",
        help="make a PDF of every question as the kiosk shows it, for approval",
        description="Draw every question, opened, in every language, as the kiosk shows "
        "it, into one PDF: first what `faq-kiosk content check` found, the contents with "
        "page numbers, then one page per question, language and shape. Exit status: 0 "
        "when everything is reviewed, 1 when the content cannot be used (no PDF is made) "
        "or anything is not reviewed.",
    )
    command.add_argument("folder", type=Path, metavar="DIR", help="the content folder")
    command.add_argument(
        "--out", type=Path, required=True, metavar="FILE.pdf", help="the PDF to write"
    )
    command.add_argument(
        "--shapes",
        type=_shapes,
        default=list(SHAPES.values()),
        metavar="NAMES",
        help=f"comma-separated, of: {', '.join(SHAPES)} (default: all)",
    )
    command.set_defaults(run=run_preview)


def _shapes(text: str) -> list[Shape]:
    names = [name.strip() for name in text.split(",") if name.strip()]
    unknown = [name for name in names if name not in SHAPES]
    if unknown or not names:
        raise argparse.ArgumentTypeError(
            f"{text!r}: choose from {', '.join(SHAPES)}, separated by commas"
        )
    return [SHAPES[name] for name in names]


def run_preview(options: argparse.Namespace) -> int:
    """Write the preview of `options.folder` to `options.out`; print what was made."""
    review = review_bundle(options.folder)
    if review.bundle is None:
        print("\n".join(report_lines(review)))
        print(f"No preview was made: {options.out} was not written.")
        return 1
    started = time.monotonic()
    pages = write_preview(review, review.bundle, options.out, options.shapes)
    seconds = time.monotonic() - started
    size_mb = options.out.stat().st_size / 1_000_000
    print(f"{options.out}: {pages} pages, {size_mb:.1f} MB, made in {seconds:.1f} s")
    if not review.ready:
        print("The check found translations that are not reviewed; they are listed on page 1.")
    return review.exit_status


def plan(
    bundle: ContentBundle,
    shapes: list[Shape],
    first_page: int,
    views: dict[tuple[str, str, str], list[int]] | None = None,
) -> list[Shot]:
    """The window pages in order (language, question, shape, part), numbered from
    *first_page*; *views* gives the scroll position of each page an answer needs
    (default one page, unscrolled)."""
    shots: list[Shot] = []
    for language in bundle.languages:
        for question in bundle.question_ids:
            for shape in shapes:
                scrolls = (views or {}).get((language, question, shape.name), [0])
                for part, scroll in enumerate(scrolls, start=1):
                    page = first_page + len(shots)
                    shots.append(Shot(language, question, shape, page, part, len(scrolls), scroll))
    return shots


def front_lines(review: Review, bundle: ContentBundle, shots: list[Shot]) -> list[Line]:
    """The first pages: the check's report, the bundle, and the contents."""
    from kiosk.cli.preview_pdf import Line, Style

    source = bundle.source_language
    names = ", ".join(f"{language_name(lang)} ({lang})" for lang in bundle.languages)
    dated = review.source_date.isoformat() if review.source_date else "unknown"
    made = datetime.datetime.now().strftime("%Y-%m-%d %H:%M")
    shapes = ", ".join(dict.fromkeys(shot.shape.label for shot in shots))
    lines = [
        Line(f"Preview: {bundle.title(source)}", Style.TITLE),
        Line(f"Bundle {bundle.id}, version {bundle.version}, from {review.folder}"),
        Line(f"Content dated {dated} (last change of {source}.toml); preview made {made}"),
        Line(f"Languages: {names}"),
        Line(f"Each question is shown opened in: {shapes}"),
        Line(""),
        Line("What the check found", Style.HEADING),
    ]
    for text in report_lines(review):
        style = Style.DETAIL if text.lstrip().startswith("for IT:") else Style.BODY
        lines.append(Line(text, style, indent_mm=6.0 if text.startswith("  ") else 0.0))
    lines += [Line(""), Line("Contents", Style.HEADING)]
    for language in bundle.languages:
        lines.append(Line(f"{language_name(language)} ({language})", Style.BODY))
        for number, question in enumerate(bundle.question_ids, 1):
            pages = [
                shot.page
                for shot in shots
                if (shot.language, shot.question) == (language, question)
            ]
            title = bundle.question(language, question).title
            where = f"page {pages[0]}" if len(pages) == 1 else f"pages {pages[0]}–{pages[-1]}"
            lines.append(Line(f"{number}. {title}", right=where, indent_mm=6.0))
    return lines


def write_preview(review: Review, bundle: ContentBundle, out: Path, shapes: list[Shape]) -> int:
    """Render every shot of *bundle* into the PDF *out*; return its number of pages."""
    from kiosk.cli.preview_pdf import PreviewPdf

    app = _qt_app()
    pdf = PreviewPdf(out, f"FAQ preview: {bundle.id} {bundle.version}")
    kiosk = preview_kiosk(app, review.folder)
    try:
        views = {
            (shot.language, shot.question, shot.shape.name): _views(kiosk, shot)
            for shot in plan(bundle, shapes, 1)
        }
        first = plan(bundle, shapes, 1, views)
        front = pdf.text_pages(front_lines(review, bundle, first), dry_run=True)
        shots = plan(bundle, shapes, front + 1, views)
        pdf.text_pages(front_lines(review, bundle, shots))
        for shot in shots:
            _draw_shot(pdf, bundle, shot, _grab(kiosk, shot))
    finally:
        kiosk.window.close()
        pdf.close()
    return pdf.pages


def _draw_shot(pdf: PreviewPdf, bundle: ContentBundle, shot: Shot, image: QImage) -> None:
    from kiosk.cli.preview_pdf import Caption

    number = bundle.question_ids.index(shot.question) + 1
    total = len(bundle.question_ids)
    heading = f"{language_name(shot.language)} · question {number} of {total} · {shot.shape.label}"
    if shot.parts > 1:
        heading += f" · part {shot.part} of {shot.parts}"
    title = short_title(bundle.question(shot.language, shot.question).title, CAPTION_TITLE_CHARS)
    state = bundle.state(shot.language, shot.question)
    warning = state_words(state, language_name(bundle.source_language))
    pdf.image_page(image, Caption(heading, title, warning, shot.page))


def _views(kiosk: Kiosk, shot: Shot) -> list[int]:
    """Lay the kiosk out for *shot*'s question opened, in its language and shape; the
    scroll positions that show the whole of it (one per page)."""
    from kiosk.cli.screenshot import settle

    session = kiosk.session
    session.set_text_size(shot.shape.text_size)
    session.choose_language(shot.language)
    session.set_open_question(shot.question)
    kiosk.window.resize(*shot.shape.size)
    kiosk.window.show()
    settle(kiosk)
    return kiosk.window.faq.open_answer_views(PART_OVERLAP_PX) or [0]


def _grab(kiosk: Kiosk, shot: Shot) -> QImage:
    """The kiosk window showing part *shot.part* of *shot*'s question opened (the first
    part lays the window out; the next ones, in the same layout, only scroll)."""
    from PySide6.QtGui import QImage

    if shot.part == 1:
        _views(kiosk, shot)
    kiosk.window.faq.show_scrolled(shot.scroll)
    kiosk.qt_app.processEvents()
    return kiosk.window.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)


def preview_kiosk(app: QApplication, folder: Path) -> Kiosk:
    """A kiosk on the built-in settings showing the bundle in *folder*, every language
    offered and each unreviewed answer marked as such (what a reviewer must see, not
    what the cautious default would hide)."""
    from kiosk.app import build_kiosk

    config = replace(
        Config.defaults(), content_dir=str(folder.resolve()), unreviewed_translations="mark"
    )
    return build_kiosk(app, LoadedConfig(config, None))


def _qt_app() -> QApplication:
    """The running QApplication, or a new offscreen one."""
    from PySide6.QtWidgets import QApplication

    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication(["faq-kiosk"])
