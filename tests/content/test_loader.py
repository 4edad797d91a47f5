"""Tests for kiosk.content.loader: the bundled SRO FAQ, verbatim, and every way a bundle breaks."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from kiosk.content import BundleInvalidError, ContentBundle, load_bundle, source_hash
from kiosk.content.model import TranslationState
from tests.helpers import LANGUAGES, QUESTION_IDS, SEED

LINK_QUESTIONS = {
    "feedback": ("contact",),
    "campus-list": ("how-many-sros",),
    "safe2tell": ("imminent-threat",),
}


@pytest.fixture
def bundle(bundled_content: Path) -> ContentBundle:
    """The bundled SRO FAQ, loaded and validated."""
    return load_bundle(bundled_content)


@pytest.fixture
def seed_lines() -> list[str]:
    """The district's source text, one entry per non-empty line (trailing spaces removed)."""
    text = SEED.read_text(encoding="utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip()]


def reading_order(bundle: ContentBundle, language: str) -> Iterator[str]:
    """Every text of *language* as the kiosk shows it: title, then each question and answer."""
    yield bundle.title(language)
    for question_id in bundle.question_ids:
        question = bundle.question(language, question_id)
        yield question.title
        yield from question.answer


# --- the bundled bundle ---------------------------------------------------------------------


def test_bundle_has_eleven_questions_in_three_languages(bundle: ContentBundle) -> None:
    assert bundle.id == "dps-sro-faq"
    assert bundle.source_language == "en"
    assert bundle.languages == LANGUAGES
    assert bundle.question_ids == QUESTION_IDS
    assert set(bundle.texts) == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_the_same_questions(bundle: ContentBundle, language: str) -> None:
    text = bundle.texts[language]
    assert text.language == language
    assert tuple(text.questions) == QUESTION_IDS
    assert all(text.questions[qid].id == qid for qid in QUESTION_IDS)
    assert set(text.link_labels) == set(LINK_QUESTIONS)


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_text_is_empty_or_padded(bundle: ContentBundle, language: str) -> None:
    texts = [*reading_order(bundle, language), *bundle.texts[language].link_labels.values()]
    assert all(text.strip() for text in texts)
    assert [text for text in texts if text != text.strip()] == []
    assert all(bundle.question(language, qid).answer for qid in QUESTION_IDS)


def test_bundled_content_has_no_warnings(bundle: ContentBundle) -> None:
    assert bundle.warnings == ()


def test_links_point_at_real_questions(bundle: ContentBundle) -> None:
    assert {link_id: link.questions for link_id, link in bundle.links.items()} == LINK_QUESTIONS
    for link in bundle.links.values():
        assert set(link.questions) <= set(bundle.question_ids)
        assert link.kind in ("web", "phone")


def test_safe2tell_number_is_in_its_answer_in_every_language(bundle: ContentBundle) -> None:
    safe2tell = bundle.links["safe2tell"]
    assert safe2tell.kind == "phone"
    assert safe2tell.shown_text == "1-877-542-7233"
    digits = "".join(char for char in safe2tell.shown_text if char.isdigit())
    assert safe2tell.url == f"tel:+{digits}"
    for language in LANGUAGES:
        answer = " ".join(bundle.question(language, "imminent-threat").answer)
        assert safe2tell.shown_text in answer, language


@pytest.mark.parametrize("language", ["es", "vi"])
def test_recorded_source_hashes_match_the_english_text(
    bundle: ContentBundle, bundled_content: Path, language: str
) -> None:
    with (bundled_content / f"{language}.toml").open("rb") as file:
        recorded = tomllib.load(file)["questions"]
    for question_id in QUESTION_IDS:
        english = bundle.question("en", question_id)
        expected = source_hash(english.title, english.answer)
        assert recorded[question_id]["source_hash"] == expected, question_id


def test_source_hash_changes_with_title_and_each_paragraph() -> None:
    base = source_hash("Title?", ["One.", "Two."])
    assert len(base) == 16
    assert base == source_hash("Title?", ("One.", "Two."))
    variants = [
        source_hash("Title!", ["One.", "Two."]),
        source_hash("Title?", ["One.", "Two!"]),
        source_hash("Title?", ["One. Two."]),
        source_hash("Title?", ["One.", "Two.", ""]),
    ]
    assert base not in variants
    assert len(set(variants)) == len(variants)


# --- verbatim against the district's text ---------------------------------------------------


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_title_and_paragraph_is_verbatim(
    bundle: ContentBundle, seed_lines: list[str], language: str
) -> None:
    in_seed = set(seed_lines)
    not_verbatim = [
        text for text in reading_order(bundle, language) if text.rstrip() not in in_seed
    ]
    assert not_verbatim == []


def test_nothing_in_the_source_text_is_left_out(
    bundle: ContentBundle, seed_lines: list[str]
) -> None:
    shown = {text.rstrip() for lang in LANGUAGES for text in reading_order(bundle, lang)}
    assert [line for line in seed_lines if line not in shown] == []


def test_source_text_order_is_kept(bundle: ContentBundle, seed_lines: list[str]) -> None:
    # The source gives English, then Spanish, then Vietnamese, each in the manifest's order.
    shown = [text.rstrip() for lang in LANGUAGES for text in reading_order(bundle, lang)]
    assert shown == seed_lines


# --- broken bundles -------------------------------------------------------------------------


@pytest.fixture
def copy(tmp_path: Path, bundled_content: Path) -> Path:
    """A writable copy of the bundled content, to damage."""
    folder = tmp_path / "content"
    shutil.copytree(bundled_content, folder)
    return folder


def replace_once(path: Path, old: str, new: str, *, after: str = "") -> None:
    """Replace the first *old* that follows *after* in *path*."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old, text.index(after) if after else 0)
    path.write_text(text[:at] + new + text[at + len(old) :], encoding="utf-8")


def replace_between(path: Path, start: str, end: str, new: str, *, after: str = "") -> None:
    """Replace the text from the first *start* following *after* up to (not including) *end*."""
    text = path.read_text(encoding="utf-8")
    begin = text.index(start, text.index(after) if after else 0)
    finish = text.index(end, begin + len(start))
    path.write_text(text[:begin] + new + text[finish:], encoding="utf-8")


def line_number(path: Path, needle: str, *, after: str = "") -> int:
    """The 1-based line of the first *needle* on or after the line holding *after*."""
    lines = path.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if after in line) if after else 0
    return next(i for i in range(start, len(lines)) if needle in lines[i]) + 1


@dataclass(frozen=True)
class Damage:
    """One way to break a bundle, and the issue it must produce."""

    id: str
    file: str
    damage: Callable[[Path], None]
    key: str | None
    says: str
    at: tuple[str, str] | None  # (after, needle) locating the line; None: no line exists


def _remove(name: str) -> Callable[[Path], None]:
    return lambda folder: (folder / name).unlink()


def _replace(name: str, old: str, new: str, after: str = "") -> Callable[[Path], None]:
    return lambda folder: replace_once(folder / name, old, new, after=after)


def _swap(name: str, start: str, end: str, new: str, after: str = "") -> Callable[[Path], None]:
    return lambda folder: replace_between(folder / name, start, end, new, after=after)


def _cut(name: str, start: str, end: str) -> Callable[[Path], None]:
    return _swap(name, start, end, "")


CONTACT = "[questions.contact]"
# fmt: off
DAMAGES = [
    Damage("syntax-error", "es.toml",
           _replace("es.toml", 'title = "SRO Preguntas Frecuentes"', 'title = "SRO Preguntas'),
           None, "TOML syntax error", ("", 'title = "SRO Preguntas')),
    Damage("missing-language-file", "vi.toml", _remove("vi.toml"),
           None, "cannot read the file", None),
    Damage("missing-manifest", "manifest.toml", _remove("manifest.toml"),
           None, "cannot read the file", None),
    Damage("missing-question", "en.toml",
           _cut("en.toml", "[questions.savings]", "[questions.imminent-threat]"),
           "questions", "question 'savings' is missing", ("", "[questions.")),
    Damage("unknown-key-in-question", "en.toml",
           _replace("en.toml", "answer = [", 'subtitle = "x"\nanswer = [', "[questions.savings]"),
           "questions.savings.subtitle", "unknown key", ("[questions.savings]", "subtitle")),
    Damage("unknown-top-level-key", "es.toml",
           _replace("es.toml", "title = ", 'subtitle = "x"\ntitle = '),
           "subtitle", "unknown key", ("", "subtitle")),
    Damage("unknown-key-in-manifest", "manifest.toml",
           _replace("manifest.toml", 'version = "2021.1"', 'version = "2021.1"\nauthor = "DPS"'),
           "author", "unknown key", ("", "author")),
    Damage("unknown-key-in-link", "manifest.toml",
           _replace("manifest.toml", 'kind = "web"', 'kind = "web"\ncolour = "red"',
                    "[links.campus-list]"),
           "links.campus-list.colour", "unknown key", ("[links.campus-list]", "colour")),
    Damage("unknown-question-in-language", "es.toml",
           _replace("es.toml", "[links.feedback]", '[questions.extra]\ntitle = "x"\n'
                    'answer = ["y"]\n\n[links.feedback]'),
           "questions.extra", "unknown key", ("", "[questions.extra]")),
    Damage("empty-paragraph", "vi.toml",
           _replace("vi.toml", "answer = [\n", 'answer = [\n  "",\n', CONTACT),
           "questions.contact.answer", "must not contain empty text", (CONTACT, "answer = [")),
    Damage("blank-paragraph", "en.toml",
           _replace("en.toml", "answer = [\n", 'answer = [\n  "   ",\n', CONTACT),
           "questions.contact.answer", "must not contain empty text", (CONTACT, "answer = [")),
    Damage("empty-title", "es.toml",
           _swap("es.toml", 'title = "¿Con quién', "\n", 'title = ""', CONTACT),
           "questions.contact.title", "must not be empty", (CONTACT, 'title = ""')),
    Damage("blank-bundle-title", "vi.toml",
           _swap("vi.toml", 'title = "SRO Các', "\n", 'title = " "'),
           "title", "must not be empty", ("", 'title = " "')),
    Damage("title-is-a-number", "en.toml",
           _replace("en.toml", 'title = "SRO Frequently Asked Questions"', "title = 5"),
           "title", "must be a text string", ("", "title = 5")),
    Damage("answer-is-not-a-list", "vi.toml",
           _swap("vi.toml", "answer = [", "source_hash", 'answer = "x"\n', CONTACT),
           "questions.contact.answer", "must be a list of text strings", (CONTACT, 'answer = "x"')),
    Damage("version-is-a-number", "manifest.toml",
           _replace("manifest.toml", 'version = "2021.1"', "version = 2021"),
           "version", "must be a text string", ("", "version = 2021")),
    Damage("question-listed-twice", "manifest.toml",
           _replace("manifest.toml", '  "contact",\n]', '  "contact",\n  "savings",\n]'),
           "questions", "lists a question id twice", ("", "questions = [")),
    Damage("link-to-unknown-question", "manifest.toml",
           _replace("manifest.toml", 'questions = ["contact"]',
                    'questions = ["contact", "conatct"]', "[links.feedback]"),
           "links.feedback.questions", "unknown question 'conatct'",
           ("[links.feedback]", "questions =")),
    Damage("link-url-ftp", "manifest.toml",
           _replace("manifest.toml", 'url = ""', 'url = "ftp://example.org/campuses"',
                    "[links.campus-list]"),
           "links.campus-list.url", "must be a URL starting with http: or https:",
           ("[links.campus-list]", "url =")),
    Damage("phone-link-with-web-url", "manifest.toml",
           _replace("manifest.toml", 'url = "tel:+18775427233"', 'url = "https://safe2tell.org"'),
           "links.safe2tell.url", "tel:", ("[links.safe2tell]", "url =")),
    Damage("link-kind-unknown", "manifest.toml",
           _replace("manifest.toml", 'kind = "phone"', 'kind = "fax"'),
           "links.safe2tell.kind", "must be one of web, phone", ("[links.safe2tell]", "kind =")),
    Damage("missing-link-label", "es.toml",
           _replace("es.toml",
                    '[links.safe2tell]\nlabel = "Safe2Tell: llame de forma anónima"\n', ""),
           "links", "label for link 'safe2tell' is missing", ("", "[links.")),
    Damage("empty-link-label", "vi.toml",
           _swap("vi.toml", 'label = "Danh', "\n", 'label = ""', "[links.campus-list]"),
           "links.campus-list.label", "must not be empty", ("[links.campus-list]", 'label = ""')),
    Damage("language-mismatch", "es.toml",
           _replace("es.toml", 'language = "es"', 'language = "fr"'),
           "language", "says 'fr' but the file is for 'es'", ("", 'language = "fr"')),
    Damage("source-language-not-offered", "manifest.toml",
           _replace("manifest.toml", 'source_language = "en"', 'source_language = "fr"'),
           "source_language", "must be one of `languages`", ("", "source_language")),
    Damage("language-is-a-path", "manifest.toml",
           _replace("manifest.toml", 'languages = ["en", "es", "vi"]',
                    'languages = ["en", "es", "../vi"]'),
           "languages", "'../vi' is not a language code", ("", "languages =")),
    Damage("language-listed-twice", "manifest.toml",
           _replace("manifest.toml", 'languages = ["en", "es", "vi"]',
                    'languages = ["en", "es", "es"]'),
           "languages", "lists a language twice", ("", "languages =")),
]
# fmt: on


def test_a_translation_may_lack_a_question_the_source_text_stands_in(copy: Path) -> None:
    _cut("vi.toml", "[questions.savings]", "[questions.imminent-threat]")(copy)
    bundle = load_bundle(copy)
    assert bundle.state("vi", "savings") == TranslationState.NEW
    assert bundle.question("vi", "savings") == bundle.question("en", "savings")
    [warning] = [w for w in bundle.warnings if w.key == "questions.savings"]
    assert "not translated yet" in warning.message and warning.path == copy / "vi.toml"
    assert bundle.unreviewed("vi") == ["savings"] and bundle.unreviewed("es") == []


def test_review_states_are_read_and_stale_ones_found(copy: Path) -> None:
    spanish = copy / "es.toml"
    text = spanish.read_text(encoding="utf-8")
    first = text.index('status = "reviewed"')
    spanish.write_text(
        text[:first] + 'status = "translated"' + text[first + len('status = "reviewed"') :],
        encoding="utf-8",
    )
    english = copy / "en.toml"
    english.write_text(
        english.read_text(encoding="utf-8").replace("$626K", "$700K"), encoding="utf-8"
    )
    bundle = load_bundle(copy)
    assert bundle.state("es", "why-remove-sros") == TranslationState.TRANSLATED
    assert bundle.state("es", "savings") == TranslationState.NEEDS_REVIEW
    assert bundle.state("es", "contact") == TranslationState.REVIEWED
    assert bundle.state("en", "savings") == TranslationState.REVIEWED  # the source
    assert bundle.unreviewed("es") == ["why-remove-sros", "savings"]


def test_a_status_other_than_translated_or_reviewed_is_an_error(copy: Path) -> None:
    spanish = copy / "es.toml"
    spanish.write_text(
        spanish.read_text(encoding="utf-8").replace('status = "reviewed"', 'status = "final"', 1),
        encoding="utf-8",
    )
    with pytest.raises(BundleInvalidError) as caught:
        load_bundle(copy)
    [issue] = caught.value.issues
    assert issue.key == "questions.why-remove-sros.status" and "'reviewed'" in issue.message


@pytest.mark.parametrize("case", DAMAGES, ids=lambda case: case.id)
def test_broken_bundle_names_file_key_and_line(copy: Path, case: Damage) -> None:
    case.damage(copy)
    path = copy / case.file
    with pytest.raises(BundleInvalidError) as caught:
        load_bundle(copy)
    issues = caught.value.issues
    matching = [issue for issue in issues if issue.path == path and issue.key == case.key]
    assert len(matching) == 1, issues
    issue = matching[0]
    assert case.says in issue.message
    expected_line = line_number(path, case.at[1], after=case.at[0]) if case.at else None
    assert issue.line == expected_line
    assert issues == [issue]  # one mistake, one issue: no cascade of follow-on errors
    assert str(issue) in str(caught.value)


def test_every_problem_is_reported_at_once(copy: Path) -> None:
    replace_once(copy / "es.toml", 'language = "es"', 'language = "fr"')
    replace_between(copy / "vi.toml", 'title = "SRO Các', "\n", "title = 5")
    with pytest.raises(BundleInvalidError) as caught:
        load_bundle(copy)
    where = {(issue.path.name if issue.path else "", issue.key) for issue in caught.value.issues}
    assert {("es.toml", "language"), ("vi.toml", "title")} <= where


# --- stale translations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new"),
    [
        pytest.param("$626K annually", "$650K annually", id="answer"),
        pytest.param(
            "How much money will the district save",
            "How much will the district save",
            id="title",
        ),
    ],
)
def test_changed_english_makes_translations_stale(copy: Path, old: str, new: str) -> None:
    replace_once(copy / "en.toml", old, new, after="[questions.savings]")
    bundle = load_bundle(copy)  # a warning, not an error
    stale = sorted(bundle.warnings, key=lambda issue: str(issue.path))
    assert [(issue.path, issue.key) for issue in stale] == [
        (copy / "es.toml", "questions.savings"),
        (copy / "vi.toml", "questions.savings"),
    ]
    for issue in stale:
        assert issue.path is not None
        assert issue.line == line_number(issue.path, "source_hash", after="[questions.savings]")
        assert "stale" in issue.message
    assert bundle.question("en", "savings").answer[0].startswith("The savings")


def test_editing_a_translation_does_not_make_it_stale(copy: Path) -> None:
    replace_once(copy / "es.toml", "$626,000", "$626.000")
    assert load_bundle(copy).warnings == ()


def test_missing_source_hash_is_stale_at_the_question(copy: Path) -> None:
    replace_once(copy / "vi.toml", "source_hash", "# source_hash", after="[questions.contact]")
    warnings = load_bundle(copy).warnings
    assert [(issue.path, issue.key, issue.line) for issue in warnings] == [
        (copy / "vi.toml", "questions.contact", line_number(copy / "vi.toml", CONTACT)),
    ]


def test_copied_bundle_loads_like_the_original(copy: Path, bundle: ContentBundle) -> None:
    loaded = load_bundle(copy)
    assert loaded.source == str(copy)
    assert loaded.texts == bundle.texts
    assert loaded.links == bundle.links
