"""Reading what Orca spoke from its debug log (no Orca needed: part of `make test`)."""

from __future__ import annotations

from tests.screen_reader.orca import parse_speech

# Lines as Orca 43 writes them (speech.py: the text quoted, the voice's ACSS after it),
# amid the rest of the log.
LOG = """\
18:51:19.124653 - SPEECH GENERATOR: default voice requested with language='None'
                  GENERATION TIME: 0.0003  ---->  labelOrName=[FAQ Kiosk]
18:50:52.207398 - SPEECH OUTPUT: 'Screen reader on.'{'established': False}
18:50:52.208328 - SPEECH DISPATCHER: Speaking '<speak>Screen reader on.</speak>'
18:51:19.127052 - SPEECH OUTPUT: 'Español push button.'{'established': False}
18:51:20.000001 - SPEECH OUTPUT: 'Don't stop' voice=uppercase{'average-pitch': 5.6}
18:51:21.000001 - SPEECH OUTPUT: 'first line
                  second line'{'established': False}
18:51:22.000001 - SPEECH OUTPUT: 'Respuesta visible'
"""


def test_speech_lines_without_orca_decoration() -> None:
    assert parse_speech(LOG) == [
        "Screen reader on.",
        "Español push button.",
        "Don't stop",
        "first line\nsecond line",
        "Respuesta visible",
    ]


def test_no_speech() -> None:
    assert parse_speech("18:51:19.1 - EVENT MANAGER: locusOfFocus: [filler | FAQ Kiosk]\n") == []
