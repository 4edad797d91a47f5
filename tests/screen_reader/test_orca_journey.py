"""A visitor who uses Orca, keys only: enter Home (its title and welcome are read),
choose a language, hear the FAQ title and the first question, open it with Enter, read
its answer, reach the feedback QR card, switch language on the FAQ screen, open the
answer with a phone link and hear its card; and what Orca said at each step.

Orca runs in the C.UTF-8 locale, so its own words (roles, states) are English; the
kiosk's text is in the visitor's language. The expectations are issue 14's: the
language is chosen by Enter at the first press and the visitor lands on the first
question; "expanded" is heard the moment a question opens; every paragraph of the open
answer can be read.

Each step's expectations are checked and the journey goes on as a visitor would (one who
heard nothing after Enter presses it again, then moves on with Tab to the first
question); the test then fails naming every expectation not met, with what Orca said at
each step. The transcript is also written to the session folder (transcript.txt).
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kiosk.content import ContentBundle, load_bundle
from kiosk.system.i18n import endonym
from kiosk.system.resources import content_dir
from tests.screen_reader.orca import ESSENTIAL, OrcaSession, missing_programs

_MISSING = missing_programs()
pytestmark = [
    pytest.mark.screen_reader,
    # Skipped where Orca is not installed, except in CI, where `make screen-reader-test`
    # has installed it and a missing program is a failure (the `orca` fixture names it).
    pytest.mark.skipif(
        any(program in _MISSING for program in ESSENTIAL) and not os.environ.get("CI"),
        reason=f"Orca or Xvfb is not installed (missing: {', '.join(_MISSING)}); "
        "`make screen-reader-test` installs them",
    ),
]

MAX_TABS = 30  # Tab presses to reach an item before giving up
FEEDBACK_URL = "https://forms.example.org/sro-feedback"
#: The language each journey switches to from the FAQ screen.
OTHER = {"es": "vi", "vi": "es"}


def _flat(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def said(spoken: list[str], text: str) -> bool:
    """Whether *text* was spoken, whitespace aside, in one or more of the lines."""
    return _flat(text) in _flat(" ".join(spoken))


def said_word(spoken: list[str], word: str) -> bool:
    """Whether Orca said *word* as a word (not inside another: "expanded" is not in
    "unexpanded")."""
    return re.search(rf"(?<!\w){re.escape(word)}(?!\w)", " ".join(spoken)) is not None


@dataclass
class Journey:
    """Steps, what Orca said at each, and the expectations that failed."""

    orca: OrcaSession
    lines: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)

    def press(self, step: str, *keys: str) -> list[str]:
        """Press *keys*; what Orca said for them."""
        mark = self.orca.mark()
        self.orca.press(*keys)
        spoken = self.orca.wait_quiet(mark, quiet=0.8, timeout=4.0)
        self.lines.append(f"{step} [{' '.join(keys)}]: {spoken!r}")
        return spoken

    def tab_to(self, step: str, reached: Callable[[list[str]], bool]) -> list[str] | None:
        """Tab until Orca says what *reached* looks for; what it said then (None: never)."""
        for _ in range(MAX_TABS):
            spoken = self.press(step, "Tab")
            if reached(spoken):
                return spoken
        return None

    def expect(self, what: str, ok: bool, spoken: list[str]) -> None:
        self.lines.append(f"  {'ok  ' if ok else 'FAIL'} {what}")
        if not ok:
            self.failures.append(f"{what}; Orca said {spoken!r}")


@pytest.fixture(scope="module")
def bundle() -> ContentBundle:
    return load_bundle(content_dir())


@pytest.fixture
def orca(tmp_path: Path) -> Iterator[OrcaSession]:
    if _MISSING:
        pytest.fail(
            f"Orca is here but not {', '.join(_MISSING)}: `make screen-reader-test` installs them",
            pytrace=False,
        )
    with OrcaSession(tmp_path, kiosk_config=f'feedback_url = "{FEEDBACK_URL}"\n') as session:
        yield session


def cards_and_another_language(journey: Journey, bundle: ContentBundle, language: str) -> None:
    """From the open first answer: the feedback QR card, the switch to the other
    language on the FAQ screen, and the link card of the answer with a phone number."""
    # The feedback QR card is a Tab stop that says what it is and its address.
    spoken = journey.tab_to("to the feedback card", lambda s: said(s, FEEDBACK_URL))
    journey.expect(
        "Tab reaches the feedback QR card, heard as a panel with its address",
        spoken is not None and said_word(spoken, "panel"),
        spoken or [],
    )

    # Switch language from the FAQ screen, then open the question with a phone link
    # and hear its card: the link's name and the number.
    other = OTHER[language]
    spoken = journey.tab_to("to the other language", lambda s: said(s, endonym(other)))
    assert spoken is not None, f"Tab never reached {endonym(other)}:\n" + "\n".join(journey.lines)
    journey.press("switch language", "Return")
    threat = bundle.question(other, "imminent-threat")
    spoken = journey.tab_to("to the question with a phone link", lambda s: said(s, threat.title))
    journey.expect(
        f"after switching, Tab reaches the questions in {other} ({threat.title!r})",
        spoken is not None,
        spoken or [],
    )
    journey.press("open the question with the link", "Return")
    label = bundle.link_label(other, "safe2tell")
    spoken = journey.tab_to("to the link card", lambda s: said(s, label))
    journey.expect(
        f"Tab reaches the answer's link card {label!r}, heard with its number",
        spoken is not None and said(spoken, "1-877-542-7233"),
        spoken or [],
    )


@pytest.mark.parametrize("language", ["es", "vi"])
def test_journey_with_orca(
    orca: OrcaSession, bundle: ContentBundle, language: str, tmp_path: Path
) -> None:
    start = time.monotonic()
    name = endonym(language)
    first = bundle.question(language, bundle.question_ids[0])
    second = bundle.question(language, bundle.question_ids[1])
    journey = Journey(orca)
    journey.lines.append(f"start: {orca.spoken()!r}")

    # Home: the first Tab enters the screen, and Orca reads its title and welcome lines.
    spoken = journey.press("into Home", "Tab")
    journey.expect(
        "entering Home, Orca reads the title and welcome in every language",
        all(said(spoken, bundle.title(code)) for code in bundle.languages),
        spoken,
    )
    # Tab to the language's button; Orca names it as a button.
    if not said(spoken, name):
        spoken = journey.tab_to("to the language", lambda s: said(s, name)) or []
    assert said(spoken, name), f"Tab never reached {name}:\n" + "\n".join(journey.lines)
    # (a push button or, as one of a group of choices, a radio button: either is a button)
    named = said(spoken, name) and said_word(spoken, "button")
    journey.expect(f"Orca names the button {name!r} and says it is a button", named, spoken)

    # Enter chooses the language at the first press and lands on the first question.
    spoken = journey.press("choose", "Return")
    journey.expect(
        "Enter at the first press chooses the language and lands on the first question "
        f"({first.title!r})",
        said(spoken, first.title),
        spoken,
    )
    if not said(spoken, first.title):
        # As a visitor would: Enter again if nothing happened, then Tab on.
        spoken = journey.press("choose again", "Return")
        if not said(spoken, first.title):
            reached = journey.tab_to("to the first question", lambda s: said(s, first.title))
            assert reached is not None, "Tab never reached the first question:\n" + "\n".join(
                journey.lines
            )
            spoken = reached
    journey.expect("the question is spoken as collapsed", said_word(spoken, "collapsed"), spoken)
    journey.expect(
        "arriving on the FAQ screen, Orca reads its title",
        said(spoken, bundle.title(language)),
        spoken,
    )

    # Enter opens it: "expanded" at once.
    spoken = journey.press("open", "Return")
    opened = said_word(spoken, "expanded")
    journey.expect("Orca says 'expanded' the moment the question opens", opened, spoken)

    # Tab reads the answer, paragraph by paragraph, until the next question: in an
    # application (not a web page) Orca users move with Tab, and each paragraph of the
    # open answer is a Tab stop (README, Screen readers).
    heard: list[str] = []
    for _ in range(len(first.answer) + 3):
        heard += journey.press("read", "Tab")
        if said(heard, second.title) or all(said(heard, p) for p in first.answer):
            break
    journey.expect("the first answer paragraph is spoken", said(heard, first.answer[0]), heard)
    for number, paragraph in enumerate(first.answer[1:], start=2):
        journey.expect(f"answer paragraph {number} is spoken", said(heard, paragraph), heard)

    cards_and_another_language(journey, bundle, language)

    layered = [line for line in journey.lines if "layered pane" in line]
    journey.expect("Orca never says a nameless 'layered pane'", not layered, layered)

    seconds = time.monotonic() - start
    journey.lines.append(f"took {seconds:.1f} s")
    transcript = "\n".join(journey.lines)
    (tmp_path / "transcript.txt").write_text(transcript + "\n", encoding="utf-8")
    print(transcript)
    if journey.failures:
        pytest.fail(
            f"{len(journey.failures)} expectation(s) not met:\n- "
            + "\n- ".join(journey.failures)
            + f"\n\nTranscript:\n{transcript}",
            pytrace=False,
        )
