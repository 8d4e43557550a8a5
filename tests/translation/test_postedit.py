"""Post-editing per target language: quotes, exonyms, Spanish words left in Portuguese."""

import pytest

from prensa.translation import gazetteer, postedit, rules
from prensa.translation.pipeline import Pipeline


def context(source_text="", source="en", target="es", unknown=()):
    return postedit.Context(source_text, source, target, unknown=unknown)


def draft(apertium, text, source, target, only=None):
    chosen = rules.DEFAULT if only is None else frozenset(only)
    pipeline = Pipeline(engines=[apertium], check=False, rules=chosen)
    return pipeline.translate_blocks([text], source, target).blocks[0].text


def test_spanish_quotes_take_angle_marks_and_the_comma_after_them():
    text = '"No nos iremos," dijo el comandante.'

    assert postedit.quotes(text, context()) == "«No nos iremos», dijo el comandante."


def test_portuguese_quotes_keep_straight_marks_with_the_comma_after_them():
    text = '"Não vamos sair," disse o comandante.'

    assert postedit.quotes(text, context(target="pt")) == '"Não vamos sair", disse o comandante.'


def test_english_quotes_are_straight_double_marks():
    text = "«We will not leave», said the commander."

    assert postedit.quotes(text, context(target="en")) == '"We will not leave", said the commander.'


def test_a_quote_in_an_english_story_reads_as_spanish_news_copy(apertium):
    text = '"We will not leave," the commander said.'

    assert draft(apertium, text, "en", "es", only=()).startswith('"No')
    assert draft(apertium, text, "en", "es", only={"quotes"}).startswith("«No dejaremos», ")


@pytest.mark.parametrize(
    ("source", "target", "text", "expected"),
    [
        ("en", "es", "The siege of Aleppo ended.", "Alepo"),
        ("en", "pt", "The siege of Aleppo ended.", "Alepo"),
        ("pt", "en", "O cerco de Alepo terminou.", "Aleppo"),
    ],
)
def test_a_city_takes_the_name_it_has_in_the_target_language(
    apertium, source, target, text, expected
):
    assert expected not in draft(apertium, text, source, target, only=())
    assert expected in draft(apertium, text, source, target, only={"exonyms"})


def test_the_exonym_list_names_its_source():
    header = gazetteer.EXONYMS.read_text(encoding="utf-8").splitlines()[:2]

    assert "CLDR" in " ".join(header)
    assert postedit.exonyms()["es"]["Aleppo"] == "Alepo"
    assert postedit.exonyms()["pt"]["Syria"] == "Síria"


def test_a_spanish_word_apertium_marked_in_portuguese_is_respelled():
    ctx = context("They collapsed.", "en", "pt", unknown=("colapsaron",))

    assert postedit.pivot_words("As conversas colapsaron.", ctx) == "As conversas colapsaram."


def test_a_marked_word_without_a_portuguese_spelling_is_left_for_the_reviewer():
    ctx = context("x", "en", "pt", unknown=("xqzt",))

    assert postedit.pivot_words("A xqzt.", ctx) == "A xqzt."


def test_the_spanish_verb_left_by_the_pivot_is_portuguese_in_the_draft(apertium):
    text = "The talks collapsed."

    assert "colapsaron" in draft(apertium, text, "en", "pt", only=())
    assert "colapsaram" in draft(apertium, text, "en", "pt", only={"pivot_words"})


def test_european_portuguese_follows_the_1990_agreement():
    ctx = postedit.Context("x", "es", "pt", variant="pt")
    text = "A protecção do objectivo, a acção do director e o facto."

    assert postedit.ao1990(text, ctx) == "A proteção do objetivo, a ação do diretor e o facto."
    assert postedit.ao1990(text, postedit.Context("x", "es", "pt")) == text  # pt_BR untouched


def test_a_european_portuguese_draft_is_spelled_as_the_agreement_says():
    from prensa.translation.engines.apertium import ApertiumEngine

    european = ApertiumEngine(portuguese_variant="pt")
    text = "La protección del objetivo es una acción del director."

    before = Pipeline(engines=[european], check=False, rules=frozenset())
    after = Pipeline(engines=[european], check=False, rules=frozenset({"ao1990"}))

    assert "protecção" in before.translate_blocks([text], "es", "pt").blocks[0].text
    assert after.translate_blocks([text], "es", "pt").blocks[0].text == (
        "A proteção do objetivo é uma ação do diretor."
    )
