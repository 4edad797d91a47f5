"""A broken bundle never blanks the screen: the questions on show stay."""

from __future__ import annotations

import shutil
from pathlib import Path

from kiosk.cli.screenshot import settle
from tests.helpers import Renderer


def test_rejected_bundle_leaves_the_screen_as_it_was(
    render_kiosk: Renderer, bundled_content: Path, tmp_path: Path
) -> None:
    kiosk = render_kiosk("es", "contact").kiosk
    broken = tmp_path / "content"
    shutil.copytree(bundled_content, broken)
    (broken / "es.toml").write_text("title = [\n", encoding="utf-8")
    before = [item.header.text_shown() for item in kiosk.window.faq.accordion.items.values()]
    assert not kiosk.content.load(broken)
    settle(kiosk)
    after = [item.header.text_shown() for item in kiosk.window.faq.accordion.items.values()]
    assert after == before and len(after) == 11
    assert kiosk.content.issues[0].path == broken / "es.toml"


def test_new_bundle_replaces_the_questions_on_screen(
    render_kiosk: Renderer, bundled_content: Path, tmp_path: Path
) -> None:
    kiosk = render_kiosk("en").kiosk
    edited = tmp_path / "content"
    shutil.copytree(bundled_content, edited)
    english = edited / "en.toml"
    english.write_text(
        english.read_text(encoding="utf-8").replace(
            'title = "How many SROs supported DPS Schools?"',
            'title = "How many officers were there?"',
        ),
        encoding="utf-8",
    )
    assert kiosk.content.load(edited)
    settle(kiosk)
    header = kiosk.window.faq.accordion.items["how-many-sros"].header
    assert header.text_shown() == "How many officers were there?"
    # The translations were made from the old English text: reported, still shown.
    assert {Path(str(w.path)).name for w in kiosk.content.bundle.warnings} == {"es.toml", "vi.toml"}
