"""`faq-kiosk check`: is this installation ready? A report for IT, non-zero on errors.

Covers the config (every error with file, key and line), the content bundle, the
interface catalogs, the bundled fonts, the voice for each language and the audio output.
For every language the config or the bundle names, it says what that language still
lacks: its bundle file, its interface catalog, its voice.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

from kiosk import version
from kiosk.app.diagnostics import review_lines
from kiosk.config import LoadedConfig, find_config, load_config
from kiosk.content import ContentBundle, load_bundle
from kiosk.content.reading import read_content
from kiosk.content.store import configured_folder, link_urls, offered_languages
from kiosk.system import resources
from kiosk.system.i18n import SOURCE_LANGUAGE, Translator, catalog_path


class Report:
    """Lines of the report, counting errors."""

    def __init__(self) -> None:
        self.errors = 0
        self.lines: list[str] = []

    def section(self, title: str) -> None:
        self.lines.append(f"\n{title}")

    def ok(self, text: str) -> None:
        self.lines.append(f"  ok    {text}")

    def warn(self, text: str) -> None:
        self.lines.append(f"  warn  {text}")

    def error(self, text: str) -> None:
        self.errors += 1
        self.lines.append(f"  ERROR {text}")


def check_config(report: Report, path: Path | None) -> LoadedConfig:
    """Report on the config; return it as the kiosk would use it."""
    report.section("Config")
    found = find_config(path, os.environ)
    loaded = load_config(found)
    if found is None:
        report.ok("no config file; using built-in defaults")
    elif not loaded.issues:
        report.ok(f"{found}: valid")
    for issue in loaded.issues:
        report.error(str(issue))
    return loaded


def check_content(report: Report, folder: Path | None, loaded: LoadedConfig) -> list[str]:
    """Report on the content bundle in *folder*, a folder or a `.faqbundle` archive
    (None: the config's or the bundled one), signed if the config names a public key;
    return the languages the kiosk will offer with it."""
    report.section("Content")
    folder = folder or configured_folder(loaded)
    key = loaded.config.content_public_key
    result = read_content(folder, key)
    if result.bundle is None:
        for issue in result.issues:
            report.error(str(issue))
        # The kiosk shows its own bundle instead (or the last good one it kept).
        return offered_languages(load_bundle(resources.content_dir()), loaded.config)
    folder = folder or resources.content_dir()
    bundle = result.bundle.with_link_urls(link_urls(loaded))
    if key and result.sha256:
        report.ok(f"{folder}: signed with the config's content_public_key")
    report.ok(
        f"{folder}: bundle {bundle.id!r} version {bundle.version}, "
        f"{len(bundle.question_ids)} questions in {', '.join(bundle.languages)}"
    )
    for warning in bundle.warnings:
        report.warn(str(warning))
    for link in bundle.links.values():
        if not link.url and link.id != "feedback":
            report.warn(
                f"link {link.id!r} has no URL; its answers say to ask the front office "
                f"(set it in the config's [links] table)"
            )
    _check_bundle_languages(report, bundle, loaded)
    _check_dates(report, bundle)
    for reviewed, line in review_lines(bundle, loaded.config.unreviewed_translations):
        (report.ok if reviewed else report.warn)(line)
    return offered_languages(bundle, loaded.config)


def _check_dates(report: Report, bundle: ContentBundle) -> None:
    today = date.today()
    for question_id, dates in bundle.dates.items():
        if reason := dates.never_after(today):
            report.warn(f"question {question_id!r} is never shown again: {reason}")
        elif not dates.shown(today):
            report.ok(f"question {question_id!r} is shown from {dates.show_from}")
        else:
            until = f" until {dates.show_until}" if dates.show_until else ""
            report.ok(f"question {question_id!r} is shown today{until}")


def _check_bundle_languages(report: Report, bundle: ContentBundle, loaded: LoadedConfig) -> None:
    for language in loaded.config.languages:
        if language not in bundle.languages:
            report.error(
                f"{language}: the config offers it, but the content bundle has no "
                f"{language}.toml (add {language!r} to `languages` in {bundle.source}/"
                f"manifest.toml and write {language}.toml: docs/content.md); not offered"
            )


def check_catalogs(report: Report, languages: list[str], i18n_dir: Path | None = None) -> None:
    """Report on the compiled interface catalog of each of *languages*."""
    report.section("Interface translations")
    i18n_dir = i18n_dir or resources.i18n_dir()
    translator = Translator(i18n_dir)
    for language in languages:
        if language == SOURCE_LANGUAGE:
            report.ok(f"{language}: source language")
            continue
        catalog = translator.catalog(language)
        if language not in translator.missing_catalogs:
            count = len(getattr(catalog, "_catalog", {})) - 1  # minus the header entry
            report.ok(f"{language}: {count} messages")
        elif (po := catalog_path(i18n_dir, language, ".po")).is_file():
            report.error(
                f"{language}: {po} is not compiled (run `make catalogs`); buttons and "
                f"messages show in English"
            )
        else:
            report.error(
                f"{language}: no interface catalog in {i18n_dir}; buttons and messages show "
                f"in English (`make new-language LANG={language}`, translate "
                f"{catalog_path(Path('i18n'), language, '.po')}, then `make catalogs`)"
            )


def check_fonts(report: Report) -> None:
    """Report on the bundled fonts (loads them into an offscreen Qt)."""
    report.section("Fonts")
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from kiosk.system.fonts import load_bundled_fonts

    _app = QGuiApplication.instance() or QGuiApplication(["faq-kiosk-check"])
    for font in load_bundled_fonts():
        if font.error:
            report.error(f"{font.path}: {font.error}")
        else:
            report.ok(f"{font.path.name}: {', '.join(font.families)}")


def check_speech(report: Report, loaded: LoadedConfig, languages: list[str]) -> None:
    """Report the voice found for each of *languages*, and the audio output."""
    report.section("Speech")
    from kiosk.speech.protocol import resolve_voice
    from kiosk.speech.worker import probe_voices

    voices, error = probe_voices()
    if error is not None:
        report.error(f"no speech engine ({error}); Read aloud is disabled")
    else:
        for language in languages:
            wanted = loaded.config.voice_for(language)
            found = resolve_voice(wanted, voices)
            if found:
                report.ok(f"{language}: voice {wanted!r} ({found})")
            else:
                report.warn(
                    f"{language}: no voice {wanted!r}; Read aloud is disabled in "
                    f"{language} (set speech.voices.{language})"
                )
    from kiosk.speech.player import default_output_name

    output = default_output_name()
    if output:
        report.ok(f"audio output: {output}")
    else:
        report.warn(
            "no audio output found; speech plays silently (check the sound card or headphones)"
        )


def check_notices(report: Report, loaded: LoadedConfig, languages: list[str]) -> None:
    """The notice folder: the notice shown now, and files that cannot be shown."""
    from datetime import datetime

    from kiosk.app.notices import notice_folder
    from kiosk.content.notice import active_notice

    report.section("Notices")
    folder = notice_folder(loaded)
    if folder is None:
        report.ok("no notice folder (notice_dir, or no config file)")
        return
    notice, problems = active_notice(folder, datetime.now().astimezone())
    for problem in problems:
        report.warn(f"not shown: {problem}")
    if notice is None:
        report.ok(f"{folder}: no notice in force")
        return
    report.ok(
        f"{notice.source}: shown until {notice.expires.isoformat(timespec='minutes')} "
        f"in {', '.join(notice.texts)}"
    )
    missing = [language for language in languages if language not in notice.texts]
    if missing:
        report.warn(f"{notice.source.name} has no text in {', '.join(missing)}")


def run_check(config: Path | None, content: Path | None) -> int:
    """Print the report; 0 if there were no errors, 1 otherwise."""
    report = Report()
    report.lines.append(f"faq-kiosk {version()}")
    loaded = check_config(report, config)
    languages = check_content(report, content, loaded)
    check_catalogs(report, languages)
    check_fonts(report)
    check_speech(report, loaded, languages)
    check_notices(report, loaded, languages)
    summary = "no problems found" if not report.errors else f"{report.errors} error(s)"
    report.lines.append(f"\n{summary}")
    print("\n".join(report.lines))
    return 1 if report.errors else 0


def run_a11y_check() -> int:
    """`faq-kiosk check --a11y`: render every screen and list accessibility findings."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication

    from kiosk.cli.audit import AUDIT_SIZES, run_audit

    app = QApplication.instance() or QApplication(["faq-kiosk-check"])
    assert isinstance(app, QApplication)
    findings = run_audit(app)
    sizes = ", ".join(f"{w}x{h}" for w, h in AUDIT_SIZES.values())
    print(
        f"Accessibility audit: Home and FAQ in every language, at 100 % and 200 % text, "
        f"{sizes}: names, 88 px targets, 7:1 contrast, focus order, clipped text"
    )
    for finding in findings:
        print(f"  ERROR {finding}")
    print(f"\n{len(findings)} finding(s)" if findings else "\nno problems found")
    return 1 if findings else 0
