"""The staff diagnostics: is this kiosk healthy, and if not, why. Plain lines for IT."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk import version
from kiosk.system.health import uptime_text

if TYPE_CHECKING:
    from kiosk.app import Kiosk


@dataclass
class HealthState:
    """What the running kiosk knows about its own health."""

    started: float
    log_problem: str | None = None
    last_crash: str | None = None


def diagnostics_lines(kiosk: Kiosk, health: HealthState) -> list[str]:
    """Version, content, voices, audio, config, log, uptime and last crash."""
    bundle = kiosk.content.bundle
    loaded = kiosk.loaded_config
    lines = [
        f"FAQ Kiosk {version()}, up {uptime_text(health.started)}",
        f"Content: {bundle.id} version {bundle.version} ({len(bundle.question_ids)} "
        f"questions, {', '.join(bundle.languages)}) from {bundle.source}",
    ]
    lines += [f"  warning: {warning}" for warning in bundle.warnings]
    lines += [f"  rejected: {issue}" for issue in kiosk.content.issues]
    for language in loaded.config.languages:
        problem = kiosk.speech.availability(language)
        voice = kiosk.speech.voice_for(language)
        lines.append(f"Voice {language}: {voice} ({problem or 'available'})")
    from kiosk.speech.player import default_output_name

    lines.append(f"Audio output: {default_output_name() or 'none (speech plays silently)'}")
    lines.append(f"Config: {loaded.path or 'built-in defaults'}")
    lines += [f"  problem: {issue}" for issue in loaded.issues]
    lines.append(f"Log: {health.log_problem or 'writing'}")
    lines.append(f"Last crash: {health.last_crash or 'none recorded'}")
    return lines
