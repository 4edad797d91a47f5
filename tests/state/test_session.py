"""The visitor session: every change is announced; reset brings back a fresh session."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from kiosk.state.session import Screen, SessionDefaults, VisitorSession

DEFAULTS = SessionDefaults(language="en", text_size=100, high_contrast=False)


@pytest.fixture
def session(qapp: object) -> VisitorSession:
    return VisitorSession(DEFAULTS)


def test_fresh_session(session: VisitorSession) -> None:
    assert session.is_fresh()
    assert (session.screen, session.language, session.open_question) == (Screen.HOME, "en", None)


def test_choosing_a_language_shows_the_faq(qtbot: QtBot, session: VisitorSession) -> None:
    with qtbot.waitSignals([session.language_changed, session.screen_changed]):
        session.choose_language("vi")
    assert (session.screen, session.language) == (Screen.FAQ, "vi")
    assert not session.is_fresh()


def test_one_question_open_at_a_time(session: VisitorSession) -> None:
    seen: list[object] = []
    session.open_question_changed.connect(seen.append)
    session.toggle_question("a")
    session.toggle_question("b")
    session.toggle_question("b")
    assert seen == ["a", "b", None]


def test_language_switch_keeps_the_open_question(session: VisitorSession) -> None:
    session.choose_language("en")
    session.set_open_question("savings")
    session.set_language("es")
    assert session.open_question == "savings"


def test_text_size_steps_and_stops_at_the_ends(session: VisitorSession) -> None:
    sizes: list[int] = []
    session.text_size_changed.connect(sizes.append)
    session.smaller_text()
    for _ in range(6):
        session.larger_text()
    assert sizes == [125, 150, 175, 200]
    with pytest.raises(ValueError, match="text size"):
        session.set_text_size(110)


def test_home_closes_the_answer(session: VisitorSession) -> None:
    session.choose_language("es")
    session.set_open_question("contact")
    session.go_home()
    assert (session.screen, session.open_question, session.language) == (Screen.HOME, None, "es")


def test_reset_restores_every_default(qtbot: QtBot) -> None:
    session = VisitorSession(SessionDefaults("es", 125, True))
    session.choose_language("vi")
    session.set_open_question("contact")
    session.larger_text()
    session.set_high_contrast(False)
    with qtbot.waitSignal(session.reset_done):
        session.reset()
    assert session.is_fresh()
    assert (session.language, session.text_size, session.high_contrast) == ("es", 125, True)


def test_a_visit_runs_from_the_first_language_chosen_to_the_reset(
    session: VisitorSession,
) -> None:
    started: list[bool] = []
    session.visit_started.connect(lambda: started.append(session.visiting))
    session.language_changed.connect(lambda _l: started.append(session.visiting))
    assert not session.visiting and session.visits == 0
    session.choose_language("es")
    session.go_home()
    session.choose_language("vi")  # the same visit
    assert session.visiting and session.visits == 1
    started.clear()
    session.reset()  # the default language it restores belongs to no visit
    assert not session.visiting and started == [False]
    session.choose_language("es")
    assert session.visits == 2 and started[-1] is True
