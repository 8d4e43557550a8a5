"""Names that are ordinary words to Apertium stay names, in every direction.

pt→en turned Porto Alegre into "Carry Merry", Encantado into "Delighted", Arroio do
Meio into "Brook of the Half", Campos and Prado into "Fields" and "Meadow"; pt→es
turned Estrela into "Estrella". The stories are the project's own (editing_stories).
"""

import pytest

from prensa.translation import rules
from prensa.translation.pipeline import Pipeline
from prensa.translation.protect import Protector

from .editing_stories import RS_ES, RS_NAMES, RS_PT

STORIES = {"pt": RS_PT, "es": RS_ES}


def draft(apertium, source, target, chosen):
    pipeline = Pipeline(engines=[apertium], check=False, rules=chosen)
    return "\n".join(
        b.text for b in pipeline.translate_blocks(STORIES[source], source, target).blocks
    )


@pytest.mark.parametrize(
    ("source", "target"), [("pt", "en"), ("pt", "es"), ("es", "en"), ("es", "pt")]
)
def test_towns_and_surnames_of_a_local_story_survive(apertium, source, target):
    text = draft(apertium, source, target, rules.DEFAULT)

    for name in RS_NAMES:
        assert name in text, f"{name} lost in {source}→{target}:\n{text}"
    for mangled in ("Carry Merry", "Delighted", "Brook", "Meadow", "Fields", "Estrella"):
        assert mangled not in text


def test_without_the_rule_the_names_were_translated_word_by_word(apertium):
    text = draft(apertium, "pt", "en", rules.DEFAULT - {"place_names"})

    assert "Carry Merry" in text or "Meadow" in text or "Fields" in text


def test_a_first_name_and_a_surname_that_is_a_word_are_kept_together(apertium):
    (protected,) = Protector("pt", "en", engine=apertium, rules=frozenset({"place_names"})).protect(
        ["A professora Ana Prado mora em Encantado."]
    )

    assert set(protected.names) == {"Ana Prado", "Encantado"}


def test_names_of_institutions_and_countries_stay_translatable(apertium):
    (protected,) = Protector("pt", "en", engine=apertium, rules=frozenset({"place_names"})).protect(
        ["Ele falou no Comitê Nobel, no Museu Anne Frank, nos Estados Unidos e na Síria."]
    )

    assert protected.names == ()


def test_a_capital_that_only_starts_the_sentence_is_not_a_name_unless_a_town_of_two_words(
    apertium,
):
    protector = Protector("pt", "en", engine=apertium, rules=frozenset({"place_names"}))
    first, second = protector.protect(["Estado abriu abrigos.", "Porto Alegre abriu abrigos."])

    assert first.names == ()
    assert second.names == ("Porto Alegre",)
