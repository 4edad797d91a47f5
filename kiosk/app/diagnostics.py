"""What the staff desk is given: diagnostics (is this kiosk healthy, and if not, why, in
plain lines for IT) and reloading the content bundle."""

from __future__ import annotations

from dataclasses import dataclass

from kiosk import version
from kiosk.config import LoadedConfig
from kiosk.content.store import ContentStore, configured_folder
from kiosk.speech.service import SpeechService
from kiosk.system.health import uptime_text


@dataclass
class HealthState:
    """What the running kiosk knows about its own health."""

    started: float
    log_problem: str | None = None
    last_crash: str | None = None


def diagnostics_lines(
    content: ContentStore, loaded: LoadedConfig, speech: SpeechService, health: HealthState
) -> list[str]:
    """Version, content, voices, speech cache, audio, config, log, uptime and last crash."""
    bundle = content.bundle
    lines = [
        f"FAQ Kiosk {version()}, up {uptime_text(health.started)}",
        f"Content: {bundle.id} version {bundle.version} ({len(bundle.question_ids)} "
        f"questions, {', '.join(bundle.languages)}) from {bundle.source}",
    ]
    lines += [f"  warning: {warning}" for warning in bundle.warnings]
    lines += [f"  rejected: {issue}" for issue in content.issues]
    for language in loaded.config.offered_languages(bundle.languages):
        problem = speech.availability(language)
        voice = speech.voice_for(language)
        lines.append(f"Voice {language}: {voice} ({problem or 'available'})")
    lines.append(speech.cache_status())
    from kiosk.speech.player import default_output_name

    lines.append(f"Audio output: {default_output_name() or 'none (speech plays silently)'}")
    lines.append(f"Config: {loaded.path or 'built-in defaults'}")
    lines += [f"  problem: {issue}" for issue in loaded.issues]
    lines.append(f"Log: {health.log_problem or 'writing'}")
    lines.append(f"Last crash: {health.last_crash or 'none recorded'}")
    return lines


def reload_content(content: ContentStore, loaded: LoadedConfig) -> str:
    """Reload the content bundle; a line for the staff sheet saying how it went."""
    if content.load(configured_folder(loaded)):
        bundle = content.bundle
        return f"Reloaded {bundle.id} version {bundle.version}."
    first = content.issues[0] if content.issues else "unknown problem"
    return f"Not reloaded, the previous content stays: {first}"
