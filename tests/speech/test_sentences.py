"""Sentence splitting for synthesis and highlighting."""

from __future__ import annotations

import pytest

from kiosk.speech.sentences import split_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("One. Two! Three?", ["One.", "Two!", "Three?"]),
        (
            "Existen 17 puestos. ¿Cuántos? ¡Muchos!",
            ["Existen 17 puestos.", "¿Cuántos?", "¡Muchos!"],
        ),
        ("la escuela a la cárcel”. El objetivo", ["la escuela a la cárcel”.", "El objetivo"]),
        ("de kindergarten a 8.o grado, chárter.", ["de kindergarten a 8.o grado, chárter."]),
        ("was $743k.  Of that, $117k. The Board", ["was $743k.", "Of that, $117k.", "The Board"]),
        (
            "Chúng tôi biết. Mỗi trường học. Điều gì?",
            ["Chúng tôi biết.", "Mỗi trường học.", "Điều gì?"],
        ),
        (
            "keep students safe. . Every single threat",
            ["keep students safe. .", "Every single threat"],
        ),
        ("1-877-542-7233", ["1-877-542-7233"]),
        ("", []),
        (" . ", []),
    ],
)
def test_split(text: str, expected: list[str]) -> None:
    assert [sentence.text for sentence in split_sentences(text)] == expected


def test_positions_point_back_into_the_text() -> None:
    text = "First sentence here.  Second one!\nThird?"
    for sentence in split_sentences(text):
        assert text[sentence.start : sentence.end] == sentence.text


def test_every_bundled_paragraph_splits_into_real_sentences(bundled_content: object) -> None:
    from pathlib import Path

    from kiosk.content import load_bundle

    bundle = load_bundle(Path(str(bundled_content)))
    for language in bundle.languages:
        for question_id in bundle.question_ids:
            question = bundle.question(language, question_id)
            for paragraph in (question.title, *question.answer):
                sentences = split_sentences(paragraph)
                assert sentences, paragraph
                assert all(len(s.text) < 700 for s in sentences)
