import re

import pytest

from prensa.translation.errors import (
    EngineBadResponse,
    EnginesFailed,
    EngineUnavailable,
    InvalidSource,
    UnsupportedPair,
)
from prensa.translation.glossary import Glossary, Term
from prensa.translation.memory import InMemoryMemory
from prensa.translation.pipeline import Document, Pipeline, translate_document

from .doubles import DownEngine, EchoEngine, ShortEngine
from .stories import FIGURES_EN

STORY = Document(headline=FIGURES_EN[0], body="\n\n".join(FIGURES_EN[1:]))
MARKS = re.compile(r"(?<![\w\\])[*#@]\w")


@pytest.fixture(scope="module")
def story_in_portuguese(apertium):
    return translate_document(STORY, "en", "pt", engines=[apertium])


def test_it_translates_a_story_with_real_apertium_keeping_its_shape(story_in_portuguese):
    translation = story_in_portuguese

    assert translation.engine == "apertium"
    assert [b.kind for b in translation.blocks] == ["headline", "body", "body", "body", "body"]
    assert "250.000" in translation.headline
    assert len(translation.body.split("\n\n")) == 4


def test_it_formats_numbers_for_portuguese(story_in_portuguese):
    text = story_in_portuguese.to_text()

    for figure in ("250.000", "1.200", "3,5", "12,5%", "1982", "0,75"):
        assert figure in text
    assert "250,000" not in text


def test_it_renders_the_date_and_weekday_for_portuguese(story_in_portuguese):
    assert "na terça-feira, 12 de março de 2024" in story_in_portuguese.body


def test_it_protects_the_name_apertium_would_mangle(story_in_portuguese):
    assert "Nour Al-Din Al-Zenki" in story_in_portuguese.body
    assert story_in_portuguese.blocks[2].names == ("Nour Al-Din Al-Zenki",)


def test_its_output_never_carries_apertium_marks(story_in_portuguese):
    assert not MARKS.search(story_in_portuguese.to_text())


def test_its_fidelity_report_covers_every_paragraph(story_in_portuguese):
    report = story_in_portuguese.report

    assert [p.index for p in report.paragraphs] == [0, 1, 2, 3, 4]
    numbers = [i for p in report.paragraphs for i in p.issues if i.check == "numbers"]
    assert numbers == []


def test_it_translates_back_to_english_with_english_numbers(apertium):
    source = Document("Preços sobem", "Mais de 250.000 pessoas pagam 3,5% a mais desde 1982.")

    translation = translate_document(source, "pt", "en", engines=[apertium])

    assert "250,000" in translation.body and "3.5%" in translation.body


def test_it_sends_all_segments_to_the_engine_in_one_batch():
    engine = EchoEngine()

    translate_document(STORY, "en", "es", engines=[engine])

    assert len(engine.batches) == 1
    assert len(engine.batches[0]) == 5  # the headline and one sentence per paragraph


def test_it_reuses_an_exact_memory_match_without_asking_the_engine():
    memory = InMemoryMemory()
    memory.add(FIGURES_EN[0], "Comboio chega a Aleppo (revisado)", "en", "pt")
    engine = EchoEngine()

    translation = translate_document(STORY, "en", "pt", engines=[engine], memory=memory)

    assert translation.headline == "Comboio chega a Aleppo (revisado)"
    assert translation.blocks[0].segments[0].origin == "memory"
    sent = [s.text for s in engine.batches[0]]
    assert FIGURES_EN[0] not in sent


def test_it_offers_a_fuzzy_memory_match_but_translates_anyway():
    memory = InMemoryMemory()
    memory.add("Aid convoy reaches Aleppo as 200,000 wait for food", "Comboio...", "en", "pt")

    translation = translate_document(STORY, "en", "pt", engines=[EchoEngine()], memory=memory)

    (segment,) = translation.blocks[0].segments
    assert segment.origin == "echo"
    assert segment.suggestions[0].target_text == "Comboio..."
    assert 0.75 <= segment.suggestions[0].score < 1


def test_it_applies_glossary_renderings_and_do_not_translate_entries():
    glossary = Glossary(
        [
            Term("Aleppo", "Alepo", source="en", target="es"),
            Term("Reuters", do_not_translate=True),
        ]
    )
    engine = EchoEngine()

    translation = translate_document(STORY, "en", "es", engines=[engine], glossary=glossary)

    assert "Alepo" in translation.headline
    kept = {k for segment in engine.batches[0] for k in segment.kept}
    assert {"Alepo", "Reuters"} <= kept
    assert translation.blocks[0].terms == ("Alepo",)
    assert "Reuters" in translation.blocks[2].names


def test_it_keeps_markdown_prefixes_and_link_targets():
    document = Document(
        "Title", "## A heading\n\n- first item\n- see [the report](https://example.org/r)"
    )

    translation = translate_document(document, "en", "pt", engines=[EchoEngine()])

    assert translation.body == (
        "## A heading [pt]\n\n- first item [pt]\n- see [the report](https://example.org/r) [pt]"
    )


def test_it_falls_back_to_the_next_engine_when_the_first_is_down():
    translation = translate_document(STORY, "en", "es", engines=[DownEngine(), EchoEngine()])

    assert translation.engine == "echo"


def test_it_raises_every_failure_when_all_engines_fail():
    with pytest.raises(EnginesFailed) as raised:
        translate_document(STORY, "en", "es", engines=[DownEngine(), ShortEngine()])

    assert "down: connection refused" in raised.value.message
    assert "short: sent 5 segments" in raised.value.message
    assert raised.value.retryable


def test_one_failing_engine_raises_its_own_error():
    with pytest.raises(EngineUnavailable, match="connection refused"):
        translate_document(STORY, "en", "es", engines=[DownEngine()])


def test_an_engine_returning_fewer_segments_gives_no_partial_result():
    with pytest.raises(EngineBadResponse, match=r"sent 5 segments .* received 4"):
        translate_document(STORY, "en", "es", engines=[ShortEngine()])


def test_a_pair_no_engine_supports_is_a_clear_error():
    engine = EchoEngine(pairs=frozenset({("en", "es")}))

    with pytest.raises(
        UnsupportedPair, match="No translation engine is configured for English → Portuguese"
    ):
        translate_document(STORY, "en", "pt", engines=[engine])


def test_an_unknown_language_is_a_clear_error():
    with pytest.raises(UnsupportedPair, match="'fr' is not a publishing language"):
        translate_document(STORY, "en", "fr", engines=[EchoEngine()])


def test_a_source_with_no_body_is_a_clear_error():
    with pytest.raises(InvalidSource, match="has no body"):
        translate_document(
            Document("Only a headline", "  \n\n "), "en", "pt", engines=[EchoEngine()]
        )


def test_translating_into_the_source_language_is_refused():
    with pytest.raises(InvalidSource, match="already in English"):
        Pipeline(engines=[EchoEngine()]).translate(STORY, "en", "en")


def test_a_plain_text_file_reads_as_headline_then_paragraphs():
    document = Document.from_text("# Headline\nFirst paragraph.\n\nSecond\nparagraph.\n")

    assert document.headline == "Headline"
    assert [b.text for b in document.blocks()] == [
        "Headline",
        "First paragraph.",
        "Second\nparagraph.",
    ]
