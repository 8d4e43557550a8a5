"""Pre-editing: English constructions Apertium breaks, rewritten before it sees them.

Each rule is shown twice: on the sentence (what the rule writes) and through the real
Apertium engine (the error class the reader saw is gone from the draft).
"""

import pytest

from prensa.translation import preedit, rules
from prensa.translation.pipeline import Pipeline

from .editing_stories import WIRE_EN, WIRE_FIGURES, WIRE_NAMES

ALL = frozenset(rules.ALL)


def draft(apertium, text, target, only=None):
    chosen = rules.DEFAULT if only is None else frozenset(only)
    pipeline = Pipeline(engines=[apertium], check=False, rules=chosen)
    return pipeline.translate_blocks([text], "en", target).blocks[0].text


def test_a_possessive_after_a_two_word_name_becomes_an_of_phrase():
    assert (
        preedit.possessive("Ali Hamadani's brother lives there.")
        == "The brother of Ali Hamadani lives there."
    )
    assert (
        preedit.possessive("He met Osama bin Laden's son.") == "He met the son of Osama bin Laden."
    )
    assert (
        preedit.possessive("The rebels' advance stopped.") == "The advance of the rebels stopped."
    )


def test_a_possessive_is_no_longer_read_as_is_in_the_draft(apertium):
    text = "Ali Hamadani's brother said the clinic was full."

    before = draft(apertium, text, "es", only=())
    after = draft(apertium, text, "es", only={"possessive"})

    assert "hermano de Ali Hamadani" not in before
    assert after.startswith("El hermano de Ali Hamadani dijo")


def test_held_and_backed_compounds_become_by_phrases():
    assert (
        preedit.held_backed("the rebel-held district fell to Iran-backed forces")
        == "the district controlled by insurgent forces fell to forces supported by Iran"
    )
    assert preedit.held_backed("a well-run office") == "a well-run office"


def test_held_and_backed_compounds_are_translated_not_glued(apertium):
    text = "The rebel-held district fell to Iran-backed forces."

    before = draft(apertium, text, "pt", only=())
    after = draft(apertium, text, "pt", only={"held_backed"})

    assert "aguentado" in before and "recuou" in before
    assert "controlado pel" in after and "apoiadas por Ir" in after


def test_number_words_in_age_compounds_become_of_n_years():
    assert preedit.age_compounds("a six-year-old girl") == "a girl of six years"
    assert preedit.age_compounds("The 25-year-old was held.") == "The person of 25 years was held."
    assert preedit.age_compounds("a one-month-old baby") == "a baby of one month"


def test_ages_are_not_glued_into_one_word(apertium):
    text = "A six-year-old girl was killed and the 25-year-old was arrested."

    before = draft(apertium, text, "es", only=())
    after = draft(apertium, text, "es", only={"age_compounds"})

    assert "chicadeseisaños" in before
    assert "chica de seis años" in after and "de 25 años" in after


def test_a_title_before_a_name_is_set_off_with_commas_and_an_article():
    assert (
        preedit.titles("US Secretary of State John Kerry said the truce would hold.")
        == "The US Secretary of State, John Kerry, said the truce would hold."
    )
    assert (
        preedit.titles("He met Foreign Minister Sergei Lavrov on Monday.")
        == "He met the Foreign Minister, Sergei Lavrov, on Monday."
    )


def test_a_title_before_a_name_keeps_every_word_in_the_draft(apertium):
    text = "US Secretary of State John Kerry said the truce would hold."

    before = draft(apertium, text, "es", only=())
    after = draft(apertium, text, "es", only={"titles"})

    assert "de Estado" not in before
    assert after.startswith("El Secretario de Estado de los EEUU, John Kerry, dijo")


@pytest.mark.parametrize(
    ("target", "expected"),
    [("es", "el jueves pasado"), ("pt", "na quinta-feira passada")],
)
def test_last_thursday_is_rendered_as_the_language_says_it(apertium, target, expected):
    text = "The talks collapsed last Thursday."

    assert expected not in draft(apertium, text, target, only=())
    assert expected in draft(apertium, text, target, only={"weekday_phrases"})


def test_since_friday_is_not_since_then_friday(apertium):
    text = "Fighting has continued since Friday."

    assert "desde entonces" in draft(apertium, text, "es", only=())
    assert "desde el viernes" in draft(apertium, text, "es", only={"weekday_phrases"})
    assert "desde sexta-feira" in draft(apertium, text, "pt", only={"weekday_phrases"})


def test_name_particles_come_through_whole_in_portuguese(apertium):
    text = "Bashar al-Assad met Nour al-Din al-Zenki and Osama bin Laden."

    before = draft(apertium, text, "pt", only=())
    after = draft(apertium, text, "pt", only={"name_particles"})

    assert "a o-Assad" in before
    for name in ("al-Assad", "al-Din al-Zenki", "bin Laden"):
        assert name in after


@pytest.mark.parametrize("target", ["es", "pt"])
def test_the_wire_story_keeps_its_arabic_names_and_figures(apertium, target):
    pipeline = Pipeline(engines=[apertium])
    translation = pipeline.translate_blocks(WIRE_EN, "en", target)
    text = translation.body if translation.body else "\n".join(b.text for b in translation.blocks)

    for name in WIRE_NAMES:
        assert name in text, name
    for figure in WIRE_FIGURES:
        assert figure in text
    assert "250.000" in text


def test_words_apertium_does_not_know_get_a_plainer_english_word():
    text = "A truce brokered by Moscow left the talks stalemated and the city in tatters."

    assert preedit.supplement(text) == (
        "A truce negotiated by Moscow left the talks blocked and the city in ruins."
    )
    assert preedit.supplement("He met Brokered Smith.") == "He met Brokered Smith."


def test_unknown_news_words_are_translated_not_left_in_english(apertium):
    text = "Lawmakers said the truce was brokered by Moscow."

    before = draft(apertium, text, "es", only=())
    after = draft(apertium, text, "es", only={"supplement"})

    assert "brokered" in before and "Lawmakers" in before
    assert after == "Los legisladores dijeron que la tregua estuvo negociada por Moscú."


def test_the_supplementary_list_says_how_it_was_built():
    head = (preedit.Path(preedit.__file__).parent / "data" / "en_supplement.tsv").read_text()

    assert "newstest" in head and "never FLORES" in head


def test_rules_are_chosen_by_name():
    assert rules.parse("none") == frozenset()
    assert rules.parse("all,-titles") == frozenset(rules.ALL) - {"titles"}
    with pytest.raises(ValueError, match="unknown rule"):
        rules.parse("nonsense")
