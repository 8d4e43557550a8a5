"""Kept names and glossary terms must not break the capital or the grammar next to them.

Original sentences, through real Apertium (Debian's packages).
"""

import pytest

from prensa.translation.cleanup import kept_piece_issues, lower_after_kept
from prensa.translation.glossary import Glossary, Term
from prensa.translation.pipeline import Pipeline

GLOSSARY = Glossary(
    [
        Term("Ammar Al-Selmo", do_not_translate=True),
        Term("Tell Ruman", do_not_translate=True),
        Term("Aleppo", "Alepo", target="pt"),
        Term("Middle East", "Oriente Médio", target="pt"),
    ]
)


@pytest.fixture(scope="module")
def portuguese(apertium):
    sentences = [
        "Ammar Al-Selmo told reporters that the night was quiet.",
        "Rescue worker Ammar Al-Selmo said the old bakery collapsed at dawn.",
        "Families returned to the Aleppo area on Tuesday.",
        "The Middle East talks ended without a deal.",
    ]
    pipeline = Pipeline(engines=[apertium], glossary=GLOSSARY)
    return pipeline.translate_blocks(sentences, "en", "pt")


def test_the_word_after_a_kept_name_is_not_capitalised_as_if_a_sentence_began(portuguese):
    first, second = portuguese.blocks[0].text, portuguese.blocks[1].text
    assert "Ammar Al-Selmo disse" in first, first
    assert "Ammar Al-Selmo disse" in second, second
    assert "Disse" not in first + second


def test_a_kept_term_left_in_the_english_word_order_is_flagged_on_its_paragraph(portuguese):
    talks = portuguese.report.paragraphs[3]
    flagged = [i for i in talks.issues if i.check == "agreement"]
    assert flagged, talks.issues
    assert any("Oriente Médio palestras" in span for span in flagged[0].target_spans)


def test_the_aleppo_area_in_the_english_order_is_flagged(apertium):
    pipeline = Pipeline(engines=[apertium], glossary=GLOSSARY)
    translation = pipeline.translate_blocks(
        ["Ammar Al-Selmo told reporters that the Aleppo area was calm."], "en", "pt"
    )
    text = translation.blocks[0].text
    assert "o Alepo área" in text, text  # what Apertium makes of it: it cannot be rewritten
    issues = [i for i in translation.report.paragraphs[0].issues if i.check == "agreement"]
    assert issues and issues[0].target_spans == ("o Alepo área",)


def test_a_name_that_runs_on_after_the_kept_piece_keeps_its_capital():
    text = "O hospital Tell Ruman Central abriu."
    assert (
        lower_after_kept(text, "The Tell Ruman Central hospital opened.", ["Tell Ruman"], "pt")
        == text
    )


def test_a_capital_after_a_kept_piece_that_ends_a_sentence_stays():
    text = "Falou com Tell Ruman. Depois saiu."
    assert lower_after_kept(text, "", ["Tell Ruman."], "pt") == text


def test_a_kept_name_followed_by_a_verb_is_not_flagged():
    assert kept_piece_issues("O Alepo disse que não.", ["Alepo"], "pt") == []
    assert kept_piece_issues("La Alepo de hoy.", ["Alepo"], "es") == []
