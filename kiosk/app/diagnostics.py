"""What the staff desk is given: diagnostics (is this kiosk healthy, and if not, why, in
plain lines for IT), reloading the content bundle and rolling back to the previous one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from kiosk import version
from kiosk.config import LoadedConfig
from kiosk.content.model import ContentBundle
from kiosk.content.signing import SigningKeyError, key_id, parse_public_key
from kiosk.content.store import ContentStore, configured_folder, offered_languages
from kiosk.speech.service import SpeechService
from kiosk.system.screen_reader import ScreenReaderWatch
from kiosk.system.status_files import uptime_text

#: Problems a reload result names before "and N more".
MAX_ISSUES_SHOWN = 3


@dataclass
class HealthState:
    """What the running kiosk knows about its own health."""

    started: float
    log_problem: Callable[[], str | None] = lambda: None  # why the log cannot be written now
    last_crash: str | None = None
    # Where the health file goes, or why it cannot be written (the running kiosk only).
    health_file: Callable[[], str] = lambda: "not written (no running kiosk)"
    # Whether the kiosk rests now (quiet hours: the running kiosk).
    resting: Callable[[], bool] = lambda: False
    # The notice shown and the notice files' problems (the running kiosk).
    notices: Callable[[], list[str]] = lambda: []
    # The usage counts' lines (the running kiosk, counts on).
    usage: Callable[[], list[str]] = lambda: [
        "Usage: not counted (no running kiosk, or usage_counts = false)"
    ]


def diagnostics_lines(
    content: ContentStore,
    loaded: LoadedConfig,
    speech: SpeechService,
    health: HealthState,
    screen_reader: ScreenReaderWatch,
) -> list[str]:
    """Version, content, voices, speech cache, audio, screen reader, config, log, uptime
    and last crash."""
    bundle = content.bundle
    lines = [
        f"FAQ Kiosk {version()}, up {uptime_text(health.started)}",
        f"Content: {bundle.id} version {bundle.version} ({len(bundle.question_ids)} "
        f"questions, {', '.join(bundle.languages)}) from {bundle.source}",
    ]
    lines += [f"  warning: {warning}" for warning in bundle.warnings]
    lines += [line for _ok, line in review_lines(bundle, loaded.config.unreviewed_translations)]
    lines += [f"  rejected: {issue}" for issue in content.issues]
    lines.append(f"Content signature: {signature_line(loaded.config.content_public_key)}")
    lines.append(f"Automatic content rollback: {content.last_rollback or 'none'}")
    if (previous := content.previous) is not None:
        lines.append(
            f"Previous content (Roll back shows it again): {previous.id} version "
            f"{previous.version} from {previous.source}"
        )
    for language in offered_languages(bundle, loaded.config):
        problem = speech.availability(language)
        voice = speech.voice_for(language)
        lines.append(f"Voice {language}: {voice} ({problem or 'available'})")
    lines.append(speech.cache_status())
    from kiosk.speech.player import default_output_name

    lines.append(f"Audio output: {default_output_name() or 'none (speech plays silently)'}")
    lines.append(f"Screen reader: {screen_reader.describe()}")
    lines.append(f"Config: {loaded.path or 'built-in defaults'}")
    lines += [f"  problem: {issue}" for issue in loaded.issues]
    lines.append(f"Log: {health.log_problem() or 'writing'}")
    lines.append(f"Health file: {health.health_file()}")
    lines.append(f"Last crash: {health.last_crash or 'none recorded'}")
    lines += health.notices()
    lines += health.usage()
    return lines


def signature_line(public_key: str) -> str:
    """What the kiosk requires of a content archive's signature."""
    if not public_key:
        return "not required (no content_public_key)"
    try:
        return f"required, key id {key_id(parse_public_key(public_key))}"
    except SigningKeyError as error:  # the config check reports it too
        return f"required, but the key is unusable ({error})"


def review_lines(bundle: ContentBundle, policy: str) -> list[tuple[bool, str]]:
    """Per translation, whether it is all reviewed, and a line saying how much of it is
    and what visitors see of the rest."""
    seen = {"hide": "language not offered", "mark": "shown marked", "show": "shown"}[policy]
    lines: list[tuple[bool, str]] = []
    for language in bundle.languages:
        if language == bundle.source_language:
            continue
        unreviewed = bundle.unreviewed(language)
        if not unreviewed:
            lines.append((True, f"Translation {language}: all {len(bundle.question_ids)} reviewed"))
            continue
        states = ", ".join(f"{qid} {bundle.state(language, qid)}" for qid in unreviewed)
        count = f"{len(unreviewed)} of {len(bundle.question_ids)}"
        lines.append(
            (
                False,
                f"Translation {language}: {count} not reviewed ({states}); {seen} "
                f"(unreviewed_translations = {policy!r})",
            )
        )
    return lines


def reload_result(content: ContentStore) -> str:
    """A line for the staff sheet saying how the last (re)load went."""
    if not content.issues:
        bundle = content.bundle
        return f"Reloaded {bundle.id} version {bundle.version}."
    shown = "; ".join(str(issue) for issue in content.issues[:MAX_ISSUES_SHOWN])
    more = len(content.issues) - MAX_ISSUES_SHOWN
    return f"Not reloaded, the previous content stays: {shown}" + (
        f" (and {more} more problems; see diagnostics)" if more > 0 else ""
    )


def reload_content(content: ContentStore, loaded: LoadedConfig) -> str:
    """Reload the content bundle now; a line for the staff sheet saying how it went."""
    content.load(configured_folder(loaded))
    return reload_result(content)


def roll_back_content(content: ContentStore) -> str:
    """Show the previous content bundle again; a line for the staff sheet saying how it
    went (the config still names the newer one: a restart or Reload brings it back)."""
    if not content.roll_back():
        return "Not rolled back: there is no previous content (or a reload is under way)."
    bundle = content.bundle
    return (
        f"Rolled back to {bundle.id} version {bundle.version}. It shows until the kiosk "
        "restarts or content is reloaded; ask IT to publish it again to keep it."
    )
