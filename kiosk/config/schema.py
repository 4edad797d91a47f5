"""Every setting, declared once: its dotted key, type, default, description and check.
Loading and validation (`kiosk.config.settings`), `faq-kiosk check` and the README's
config reference all read `SCHEMA`."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kiosk.config.checks import (
    MAX_QR_URL_BYTES,
    Check,
    in_range,
    keypad_problem,
    language_code_problem,
    languages_problem,
    links_problem,
    one_of,
    path_problem,
    public_key_problem,
    voices_problem,
    web_url_problem,
)
from kiosk.config.pin import PIN_FILE_NAME, pin_hash_problem
from kiosk.config.schedule import command_problem, days_problem, holidays_problem, time_problem
from kiosk.system.screen_reader_modes import SCREEN_READER_MODES

THEMES = ("standard", "high-contrast")
#: `unreviewed_translations`: what visitors see of an unreviewed translation.
UNREVIEWED_CHOICES = ("hide", "mark", "show")
TEXT_SIZES = (100, 125, 150, 175, 200)
#: Speaking rates espeak-ng accepts, in words per minute.
MIN_SPEECH_RATE, MAX_SPEECH_RATE = 80, 450
#: The speech volume a visitor starts with, in percent.
DEFAULT_VOLUME = 80
#: The largest config file read: a real one is a few KB (docs/content.md, Limits).
MAX_CONFIG_BYTES = 1024 * 1024


@dataclass(frozen=True)
class Setting:
    """One configuration key: its dotted name, type, default and meaning."""

    key: str
    kind: type
    default: Any
    description: str
    check: Check | None = None

    @property
    def attribute(self) -> str:
        """The `Config` field holding this setting."""
        return self.key.replace(".", "_")


SCHEMA: tuple[Setting, ...] = (
    Setting(
        "feedback_url",
        str,
        "https://www.dpsk12.org/",
        "Address of the feedback form, shown as a QR code on every FAQ screen: at most "
        f"{MAX_QR_URL_BYTES} bytes, or the code does not scan.",
        web_url_problem,
    ),
    Setting(
        "default_language",
        str,
        "en",
        "Language a new visitor's session starts in: one of `languages` when that is set. "
        "If the content lacks it, the first language offered.",
        language_code_problem,
    ),
    Setting(
        "languages",
        list,
        [],
        "Languages offered, in the order their buttons appear. Empty: every language the "
        "content bundle has, in its order.",
        languages_problem,
    ),
    Setting(
        "idle_timeout_s",
        int,
        90,
        'Seconds without a touch, key or speech before the kiosk asks "Are you still there?".',
        in_range(30, 600),
    ),
    Setting(
        "idle_warning_s",
        int,
        20,
        'Seconds the "Are you still there?" countdown lasts before the kiosk resets.',
        in_range(20, 120),
    ),
    Setting(
        "attract_after_s",
        int,
        300,
        "Seconds of no use on the Home screen before it dims into the attract loop.",
        in_range(30, 3600),
    ),
    Setting(
        "speech.rate",
        int,
        150,
        "Speaking rate in words per minute (espeak-ng's normal is 175).",
        in_range(MIN_SPEECH_RATE, MAX_SPEECH_RATE),
    ),
    Setting(
        "speech.volume",
        int,
        DEFAULT_VOLUME,
        "Starting speech volume, in percent.",
        in_range(0, 100),
    ),
    Setting(
        "speech.voices",
        dict,
        {"en": "en-us", "es": "es-419", "vi": "vi"},
        "Voice per language: espeak-ng voice names on Linux, SAPI5 voice names on Windows. "
        "A language not listed uses the voice named by its code.",
        voices_problem,
    ),
    Setting(
        "staff.pin_hash",
        str,
        "",
        "Salted hash of the staff PIN, as older versions stored it; `faq-kiosk set-pin` "
        "now writes it to `staff.pin_file`, which others cannot read, and takes it out of "
        'here. With neither, only "Reset now" is offered to staff.',
        pin_hash_problem,
    ),
    Setting(
        "staff.pin_file",
        str,
        "",
        f"File holding the staff PIN's salted hash, written by `faq-kiosk set-pin` (0640 "
        f"root:kiosk). Empty: `{PIN_FILE_NAME}` beside this config file.",
        path_problem,
    ),
    Setting("staff.allow_exit", bool, False, "Whether the staff panel offers Exit."),
    Setting("display.hide_cursor", bool, False, "Hide the mouse pointer (touch screens)."),
    Setting(
        "display.theme",
        str,
        "standard",
        'Colour theme a session starts in: "standard" or "high-contrast".',
        one_of(THEMES),
    ),
    Setting(
        "display.text_size",
        int,
        100,
        "Text size a session starts at, in percent: 100, 125, 150, 175 or 200.",
        one_of(TEXT_SIZES),
    ),
    Setting(
        "content_dir",
        str,
        "",
        "Folder of the FAQ content bundle, or a .faqbundle archive of one. Empty: the "
        "bundled SRO FAQ. A relative path is taken from the config file's folder.",
        path_problem,
    ),
    Setting(
        "content_public_key",
        str,
        "",
        "Ed25519 public key (44 characters of base64, from `faq-kiosk content keygen`) "
        "that content archives must be signed with. Set: content_dir must name a "
        ".faqbundle archive with a valid ARCHIVE.sig beside it; unsigned, altered or "
        "otherwise signed archives and bundle folders are refused. Empty: no signature "
        "needed.",
        public_key_problem,
    ),
    Setting(
        "unreviewed_translations",
        str,
        "hide",
        'What visitors see of a translation not yet reviewed (or not yet made): "hide" '
        'offers that language only once all of it is reviewed; "mark" shows it, each '
        'such answer marked "not yet reviewed" in that language; "show" shows it as if '
        "reviewed. Federal guidance to districts warns against unreviewed translation.",
        one_of(UNREVIEWED_CHOICES),
    ),
    Setting(
        "screen_reader",
        str,
        "auto",
        'Whether a screen reader (Orca, NVDA, JAWS, Narrator) is taken to run: "auto" '
        'asks the system (AT-SPI on Linux, SPI_GETSCREENREADER on Windows); "on" '
        'behaves as if one runs; "off" as if none does. While one runs the kiosk does not '
        "voice its own interface: the keypad keys go to the screen reader and keypad "
        "speech stays off; Read aloud still reads the content when pressed.",
        one_of(SCREEN_READER_MODES),
    ),
    Setting(
        "log_dir",
        str,
        "",
        "Folder for the rotating log file. Empty: the platform default.",
        path_problem,
    ),
    Setting(
        "state_dir",
        str,
        "",
        "Folder for what the kiosk keeps between runs (the staff PIN lock-out, the "
        "health file health.json, usage counts, the last two good content archives in "
        "content/). Empty: "
        "the platform default (~/.local/state/faq-kiosk; %PROGRAMDATA%\\FaqKiosk\\state).",
        path_problem,
    ),
    Setting(
        "metrics_dir",
        str,
        "",
        "Folder for the Prometheus textfile faq_kiosk.prom (node_exporter's textfile "
        "collector reads it). Empty: /var/lib/prometheus/node-exporter when it exists; "
        '"off": none. The health file (health.json) is always written, in state_dir.',
        path_problem,
    ),
    Setting(
        "schedule.days",
        list,
        [],
        'School days, e.g. ["mon", "tue", "wed", "thu", "fri"]. Empty: always on (no quiet '
        "hours). Outside opening hours the screen is blanked (and powered down with "
        "display_off), speech stops, and a touch wakes it.",
        days_problem,
    ),
    Setting(
        "schedule.open",
        str,
        "07:00",
        "Opening time on school days (24 h clock, local time).",
        time_problem,
    ),
    Setting(
        "schedule.close",
        str,
        "17:00",
        "Closing time; earlier than open means the next morning (open 18:00, close 02:00).",
        time_problem,
    ),
    Setting(
        "schedule.holidays",
        list,
        [],
        "Dates without opening hours, e.g. [2026-12-24, 2026-12-25].",
        holidays_problem,
    ),
    Setting(
        "schedule.holidays_file",
        str,
        "",
        "An iCalendar (.ics) file whose events are holidays too (a school calendar export; "
        "all-day or not, each event's days count).",
        path_problem,
    ),
    Setting(
        "schedule.display_off",
        list,
        [],
        'Command that powers the display down at closing, e.g. ["xset", "dpms", "force", '
        '"off"] (X11) or ["wlopm", "--off", "*"] (cage). Empty: the screen is only blanked.',
        command_problem,
    ),
    Setting(
        "schedule.display_on",
        list,
        [],
        "Command that powers the display up at opening or on a touch.",
        command_problem,
    ),
    Setting(
        "notice_dir",
        str,
        "",
        "Folder watched for closure or emergency notices (a small TOML file or a CAP 1.2 "
        'XML alert; docs/deploying.md, Notices). Empty: "notices" beside this config '
        'file; "off": none.',
        path_problem,
    ),
    Setting(
        "usage_counts",
        bool,
        True,
        "Count, per day, visitors, languages chosen, questions opened, answers read aloud, "
        "text size and contrast used and idle resets (counts only: no times, no visitor "
        "ids), in usage.sqlite3 in state_dir; `faq-kiosk usage --csv` exports them. false: "
        "nothing is counted.",
    ),
    Setting(
        "usage_retention_days",
        int,
        365,
        "Days the usage counts are kept; older days are deleted.",
        in_range(1, 3650),
    ),
    Setting(
        "keypad",
        dict,
        {},
        "Keys per keypad action (up, down, select, back, next, help, volume_up, "
        'volume_down), as lists of Qt key names, e.g. up = ["Up", "8"]; unnamed actions keep '
        "their default keys.",
        keypad_problem,
    ),
    Setting(
        "links",
        dict,
        {},
        'URL per content link id (for example campus-list = "https://…"); overrides '
        f"the bundle's own URL; at most {MAX_QR_URL_BYTES} bytes, like `feedback_url`.",
        links_problem,
    ),
)
