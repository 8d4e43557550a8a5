from datetime import UTC, datetime

import pytest

from prensa.translation.memory import DatabaseMemory, InMemoryMemory
from prensa.translation.models import GlossaryEntry, TranslationMemoryEntry
from prensa.translation.segmenting import segment_hash


def test_an_exact_match_ignores_whitespace_differences():
    memory = InMemoryMemory()
    memory.add("More than 250,000 people  fled.", "Mais de 250.000 pessoas fugiram.", "en", "pt")

    (recall,) = memory.lookup(["More than 250,000 people fled. "], "en", "pt")

    assert recall.exact.target_text == "Mais de 250.000 pessoas fugiram."
    assert recall.exact.score == 1.0


def test_memory_is_per_language_pair():
    memory = InMemoryMemory()
    memory.add("Hello.", "Olá.", "en", "pt")

    (recall,) = memory.lookup(["Hello."], "en", "es")

    assert recall.exact is None and recall.fuzzy == ()


def test_a_dissimilar_segment_gets_no_fuzzy_match():
    memory = InMemoryMemory()
    memory.add("The ferry returned on Tuesday.", "A balsa voltou na terça-feira.", "en", "pt")

    (recall,) = memory.lookup(["Prices rose sharply in March."], "en", "pt")

    assert recall.fuzzy == ()


@pytest.mark.django_db
def test_the_database_memory_reuses_exact_and_offers_fuzzy_matches():
    approved = datetime(2024, 3, 12, tzinfo=UTC)
    memory = DatabaseMemory()
    memory.add(
        "The ferry returned on Tuesday.", "A balsa voltou na terça-feira.", "en", "pt", approved
    )

    exact, fuzzy, other = memory.lookup(
        ["The ferry returned on Tuesday.", "The ferry returned on Wednesday.", "Unrelated."],
        "en",
        "pt",
    )

    assert exact.exact.target_text == "A balsa voltou na terça-feira."
    assert exact.exact.approved_at == approved
    assert fuzzy.exact is None
    assert fuzzy.fuzzy[0].target_text == "A balsa voltou na terça-feira."
    assert other.exact is None and other.fuzzy == ()


@pytest.mark.django_db
def test_the_database_memory_replaces_an_older_translation_of_the_same_segment():
    memory = DatabaseMemory()
    memory.add("Hello.", "Olá.", "en", "pt")
    memory.add("Hello.", "Oi.", "en", "pt")

    entry = TranslationMemoryEntry.objects.get()
    assert entry.target_text == "Oi."
    assert entry.source_hash == segment_hash("Hello.")


@pytest.mark.django_db
def test_the_glossary_loads_the_entries_that_apply_to_a_pair():
    GlossaryEntry.objects.create(
        term="Middle East", rendering="Oriente Médio", source_language="en", target_language="pt"
    )
    GlossaryEntry.objects.create(
        term="Middle East", rendering="Oriente Medio", source_language="en", target_language="es"
    )
    GlossaryEntry.objects.create(term="Reuters", do_not_translate=True)

    glossary = GlossaryEntry.objects.for_pair("en", "pt").glossary()

    assert sorted(t.term for t in glossary.terms) == ["Middle East", "Reuters"]
    assert glossary.find("the Middle East", "en", "pt")[0].rendering == "Oriente Médio"
