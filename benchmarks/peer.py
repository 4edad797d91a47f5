"""The browser-kiosk peer: the same bundled FAQ as one static HTML page (three languages,
<details> accordion, the bundled font, the feedback QR as inline SVG), for the benchmarks."""

from __future__ import annotations

import html
import io
from pathlib import Path

from kiosk.config import load_config
from kiosk.content import load_bundle
from kiosk.system.i18n import endonym
from kiosk.system.resources import content_dir, fonts_dir


def qr_svg(url: str) -> str:
    import segno

    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="svg", scale=6, border=4, xmldecl=False)
    return out.getvalue().decode("utf-8")


def build_peer_page(folder: Path) -> Path:
    """Write the peer page into *folder*; return its path."""
    bundle = load_bundle(content_dir())
    feedback = load_config(None).config.feedback_url
    font = (fonts_dir() / "NotoSans-Regular.ttf").as_uri()
    sections = []
    for index, language in enumerate(bundle.languages):
        items = []
        for question_id in bundle.question_ids:
            question = bundle.question(language, question_id)
            opened = " open" if question_id == "imminent-threat" else ""
            paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in question.answer)
            items.append(
                f"<details{opened}><summary>{html.escape(question.title)}</summary>"
                f"{paragraphs}</details>"
            )
        hidden = "" if index == 0 else " hidden"
        sections.append(
            f'<section id="{language}" lang="{language}"{hidden}>'
            f"<h1>{html.escape(bundle.title(language))}</h1>{''.join(items)}"
            f"</section>"
        )
    switcher = "".join(
        f"<button onclick=\"for (const s of document.querySelectorAll('section')) "
        f"s.hidden = s.id !== '{lang}'\">{html.escape(endonym(lang))}</button>"
        for lang in bundle.languages
    )
    page = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>SRO FAQ</title><style>
@font-face {{ font-family: "Noto Sans"; src: url("{font}"); }}
body {{ font-family: "Noto Sans"; font-size: 32px; background: #F4F1EA; color: #141414;
  margin: 12px; display: grid; grid-template-columns: 1fr 340px; gap: 16px; }}
button {{ font: inherit; min-height: 88px; margin: 0 12px 12px 0; }}
summary {{ font-weight: bold; min-height: 88px; }} details {{ background: white;
  border: 4px solid #4A4A4A; border-radius: 12px; margin: 16px 0; padding: 8px; }}
aside {{ background: white; padding: 20px; border: 2px solid #4A4A4A; }}
</style></head><body><main><nav>{switcher}</nav>{"".join(sections)}</main>
<aside>{qr_svg(feedback)}<p><b>Tell us what you think</b></p><p>{html.escape(feedback)}</p>
</aside></body></html>"""
    path = folder / "index.html"
    path.write_text(page, encoding="utf-8")
    return path
