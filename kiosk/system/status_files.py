"""The kiosk's health, for IT: a JSON file and a Prometheus textfile, both replaced
atomically, and read back by `faq-kiosk status` and the Ansible `health` play.

`health.json` (in the kiosk's state folder; on the .deb, under /var/lib/faq-kiosk/) is
the whole `HealthSnapshot`. The textfile (`faq_kiosk.prom`) goes to the folder the
node_exporter textfile collector reads (Debian's prometheus-node-exporter:
`/var/lib/prometheus/node-exporter`) when that folder exists or the config names one;
its metrics are listed in `METRICS`. node_exporter adds its own `node_textfile_mtime_seconds`
for the file, and `faq_kiosk_health_updated_timestamp_seconds` says when the kiosk last
wrote it: a kiosk that stopped writing is stale, whatever its last figures said.
"""

from __future__ import annotations

import json
import math
import os
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from kiosk.system.files import atomic_write

HEALTH_NAME = "health.json"
TEXTFILE_NAME = "faq_kiosk.prom"
#: Where Debian's prometheus-node-exporter reads textfiles from.
DEBIAN_TEXTFILE_DIR = Path("/var/lib/prometheus/node-exporter")
#: The health file's format; `read_health` refuses another.
FORMAT = 1
#: The largest health file read back (a real one is about 1 KB).
MAX_HEALTH_BYTES = 256 * 1024

#: Metric name, type and help text, in the order they are written.
METRICS = (
    ("faq_kiosk_up", "gauge", "1 while the kiosk runs and paints frames (or rests), else 0."),
    ("faq_kiosk_resting", "gauge", "1 outside opening hours (the screen blank), else 0."),
    ("faq_kiosk_info", "gauge", "The kiosk's version, as a label; always 1."),
    ("faq_kiosk_last_frame_age_seconds", "gauge", "Seconds since the window last painted."),
    ("faq_kiosk_content_version_info", "gauge", "The content bundle shown; always 1."),
    ("faq_kiosk_speech_engine_ok", "gauge", "1 if the language's voice can speak, else 0."),
    ("faq_kiosk_restarts_total", "counter", "Kiosk starts after the first one."),
    ("faq_kiosk_visitors_total", "counter", "Visitors (a language chosen) since the start."),
    ("faq_kiosk_config_problems", "gauge", "Problems found in the config file."),
    ("faq_kiosk_content_rolled_back", "gauge", "1 if content was rolled back automatically."),
    ("faq_kiosk_log_ok", "gauge", "1 if the log file is being written, else 0."),
    ("faq_kiosk_screen_reader_running", "gauge", "1 while a screen reader is taken to run."),
    ("faq_kiosk_uptime_seconds", "gauge", "Seconds since this kiosk process started."),
    ("faq_kiosk_health_updated_timestamp_seconds", "gauge", "When the kiosk wrote this."),
)


@dataclass(frozen=True)
class HealthSnapshot:
    """What a running kiosk says about itself, every 30 s."""

    version: str
    pid: int
    updated: float  # Unix time of this snapshot
    uptime_s: float
    starts: int  # kiosk starts recorded in this state folder, this one included
    alive: bool  # a frame was painted recently
    last_frame_age_s: float
    content_id: str
    content_version: str
    content_source: str
    speech: dict[str, str | None]  # language → why its voice cannot speak (None: it can)
    visitors: int
    screen: str
    screen_reader_running: bool
    config_path: str
    config_problems: list[str] = field(default_factory=list)
    content_problems: list[str] = field(default_factory=list)
    log_problem: str | None = None
    last_crash: str | None = None
    last_rollback: str | None = None  # the last automatic content rollback
    resting: bool = False  # quiet hours: blank, the display maybe off, frames not needed
    format: int = FORMAT

    @property
    def restarts(self) -> int:
        """Starts after the first one."""
        return max(0, self.starts - 1)


def health_json(snapshot: HealthSnapshot) -> bytes:
    """The health file's bytes."""
    return (json.dumps(asdict(snapshot), indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _label(value: str) -> str:
    # The exposition format's label value escapes: backslash, double quote, new line.
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


def _number(value: float) -> str:
    return repr(float(value)) if not float(value).is_integer() else str(int(value))


def prometheus_text(snapshot: HealthSnapshot) -> str:
    """The snapshot in Prometheus' text exposition format (for node_exporter)."""
    samples: dict[str, list[tuple[str, float]]] = {
        "faq_kiosk_up": [("", 1 if snapshot.alive or snapshot.resting else 0)],
        "faq_kiosk_resting": [("", 1 if snapshot.resting else 0)],
        "faq_kiosk_info": [(f'version="{_label(snapshot.version)}"', 1)],
        "faq_kiosk_last_frame_age_seconds": [("", round(snapshot.last_frame_age_s, 3))],
        "faq_kiosk_content_version_info": [
            (
                f'id="{_label(snapshot.content_id)}",version="{_label(snapshot.content_version)}"',
                1,
            )
        ],
        "faq_kiosk_speech_engine_ok": [
            (f'language="{_label(language)}"', 0 if problem else 1)
            for language, problem in sorted(snapshot.speech.items())
        ],
        "faq_kiosk_restarts_total": [("", snapshot.restarts)],
        "faq_kiosk_visitors_total": [("", snapshot.visitors)],
        "faq_kiosk_config_problems": [("", len(snapshot.config_problems))],
        "faq_kiosk_content_rolled_back": [("", 1 if snapshot.last_rollback else 0)],
        "faq_kiosk_log_ok": [("", 0 if snapshot.log_problem else 1)],
        "faq_kiosk_screen_reader_running": [("", 1 if snapshot.screen_reader_running else 0)],
        "faq_kiosk_uptime_seconds": [("", round(snapshot.uptime_s, 1))],
        "faq_kiosk_health_updated_timestamp_seconds": [("", round(snapshot.updated, 3))],
    }
    lines: list[str] = []
    for name, kind, help_text in METRICS:
        lines += [f"# HELP {name} {help_text}", f"# TYPE {name} {kind}"]
        for labels, value in samples[name]:
            selector = f"{name}{{{labels}}}" if labels else name
            lines.append(f"{selector} {_number(value) if math.isfinite(value) else 'NaN'}")
    return "\n".join(lines) + "\n"


def textfile_dir(configured: str) -> Path | None:
    """Where the textfile goes: the configured folder, or Debian's collector folder when
    it exists ("" in the config); None for nowhere ("off", or no collector)."""
    if configured == "off":
        return None
    if configured:
        return Path(configured)
    return DEBIAN_TEXTFILE_DIR if DEBIAN_TEXTFILE_DIR.is_dir() else None


def write_health(snapshot: HealthSnapshot, state_dir: Path, metrics_dir: Path | None) -> None:
    """Replace the health file (and the textfile, with a folder for it). Raises OSError
    naming what could not be written; what was written stays."""
    atomic_write(state_dir / HEALTH_NAME, health_json(snapshot), new_mode=0o644)
    if metrics_dir is not None:
        # node_exporter reads any *.prom file: write under another name, then rename.
        atomic_write(metrics_dir / TEXTFILE_NAME, prometheus_text(snapshot).encode("utf-8"), 0o644)


class HealthFileError(ValueError):
    """The health file is missing, unreadable or not one this version writes."""


def read_health(path: Path) -> dict[str, Any]:
    """The health file at *path*, as written. Raises HealthFileError saying why not."""
    try:
        with path.open("rb") as file:
            if os.fstat(file.fileno()).st_size > MAX_HEALTH_BYTES:
                raise HealthFileError(f"{path} is larger than {MAX_HEALTH_BYTES} bytes")
            data = json.loads(file.read(MAX_HEALTH_BYTES + 1).decode("utf-8"))
    except FileNotFoundError:
        raise HealthFileError(f"{path} does not exist: is the kiosk running?") from None
    except OSError as error:
        raise HealthFileError(f"cannot read {path}: {error.strerror}") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise HealthFileError(f"{path} is not a health file: {error}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise HealthFileError(f"{path} is not a health file of format {FORMAT}")
    return data


def uptime_text(started: float, now: float | None = None) -> str:
    """How long the kiosk has run, as "2 d 3 h 4 min"."""
    seconds = int((now if now is not None else time.monotonic()) - started)
    days, seconds = divmod(seconds, 86400)
    hours, seconds = divmod(seconds, 3600)
    minutes = seconds // 60
    return (
        " ".join(
            f"{value} {unit}"
            for value, unit in ((days, "d"), (hours, "h"), (minutes, "min"))
            if value
        )
        or "0 min"
    )
