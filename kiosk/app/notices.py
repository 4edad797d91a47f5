"""Closure and emergency notices on the running kiosk: the notice folder watched
(`kiosk.content.notice_watch`), the banner on top of every screen, the notice read
aloud in each of its languages (the visitor's first) when it appears (unless something
is being read, or a screen reader runs) and whenever a visitor taps it, and a line in
staff diagnostics."""

from __future__ import annotations

from pathlib import Path

from kiosk.app.root import Kiosk
from kiosk.config import LoadedConfig
from kiosk.content.notice import Notice
from kiosk.content.notice_watch import NoticeWatch
from kiosk.speech.service import SpeechState, Utterance
from kiosk.ui.notice_banner import NoticeBanner

#: The notice folder beside the config file when the config names none.
NOTICE_FOLDER = "notices"


def notice_folder(loaded: LoadedConfig) -> Path | None:
    """The folder the config's `notice_dir` names ("off": none); empty: `notices`
    beside the config file (none without a config file)."""
    configured = loaded.config.notice_dir
    if configured == "off":
        return None
    if configured:
        return loaded.resolve_path(configured)
    return loaded.path.parent / NOTICE_FOLDER if loaded.path is not None else None


def show_notices(kiosk: Kiosk) -> NoticeWatch:
    """Watch the notice folder and show its notice; call `start` on the result."""
    banner = NoticeBanner(kiosk.translator)
    kiosk.window.add_banner(banner)
    watch = NoticeWatch(notice_folder(kiosk.loaded_config), parent=kiosk.window)

    def languages() -> list[str]:
        return list(kiosk.window.home.languages)

    def read_aloud() -> None:
        # The language shown first, then the others.
        first = banner.shown_language()
        texts = sorted(banner.texts, key=lambda pair: pair[0] != first)
        utterances = [Utterance(text, language) for language, text in texts]
        if utterances:
            kiosk.speech.speak(utterances)

    def changed(notice: object) -> None:
        banner.show_texts(notice.in_languages(languages()) if isinstance(notice, Notice) else [])
        quiet = kiosk.speech.state == SpeechState.IDLE and not kiosk.screen_reader.running
        if isinstance(notice, Notice) and quiet:
            read_aloud()

    def lines() -> list[str]:
        notice = watch.notice
        shown = (
            f"Notice: shown until {notice.expires.isoformat(timespec='minutes')} "
            f"({', '.join(notice.texts)}) from {notice.source}"
            if notice is not None
            else f"Notice: none (folder {watch.folder or 'off'})"
        )
        return [shown, *(f"  problem: {problem}" for problem in watch.problems)]

    watch.changed.connect(changed)
    banner.read_requested.connect(read_aloud)
    kiosk.translator.language_changed.connect(lambda _language: banner.retranslate())
    kiosk.health.notices = lines
    return watch
