"""Risk flags: each kind of error a machine draft makes is pointed at, clean text is left alone.

Sentences are written for these tests, in the style of the demo stories.
"""

from __future__ import annotations

import pytest

from prensa.translation import gazetteer, spelling
from prensa.translation.flags import names, risk_flags


@pytest.fixture(autouse=True, scope="module")
def dictionaries() -> None:
    for language in ("pt", "es", "en"):
        if not spelling.available(language):
            pytest.fail(
                f"hunspell dictionary for {language} missing: run scripts/install-system-deps.sh"
            )


def kinds(flags) -> dict[str, tuple[str, ...]]:  # type: ignore[no-untyped-def]
    return {flag.kind: flag.source_spans + flag.target_spans for flag in flags}


def test_it_flags_english_words_left_in_a_portuguese_draft():
    flags = risk_flags(
        "Volunteers were queueing at the clinic before dawn.",
        "Os voluntários eram queueing na clínica antes do amanhecer.",
        "en",
        "pt",
    )
    assert "queueing" in kinds(flags)["untranslated"]


def test_it_flags_spanish_words_leaking_into_a_portuguese_draft_made_through_spanish():
    flags = risk_flags(
        "The pumping stopped in 2016.",
        "O bombeo parou em 2016.",
        "en",
        "pt",
    )
    assert "bombeo" in kinds(flags)["pivot"]


def test_it_flags_each_part_of_a_half_translated_compound():
    flags = risk_flags(
        "They brought water-purification tablets.",
        "Trouxeram água-pastillas de depuração.",
        "en",
        "pt",
    )
    assert "pastillas" in kinds(flags)["pivot"]


def test_it_flags_an_english_i_left_before_a_verb():
    flags = risk_flags("Half of what I treat is fever.", "Meio de que I trata é febre.", "en", "pt")
    assert "I" in kinds(flags)["untranslated"]


def test_names_kept_as_written_and_datelines_are_not_foreign_words():
    flags = risk_flags(
        "KESSAB, Syria — Farida Al-Masri opened the bakery in Aleppo.",
        "KESSAB, Síria — Farida Al-Masri abriu a padaria em Aleppo.",
        "en",
        "pt",
    )
    assert flags == []


def test_it_flags_a_name_translated_word_by_word():
    flags = risk_flags(
        "The pumps at Tell Abyad started on Monday.",
        "As bombas em Dizer Abyad começaram na segunda-feira.",
        "en",
        "pt",
    )
    assert "Tell Abyad" in kinds(flags)["name"]


def test_it_flags_a_transliterated_name_the_pivot_broke():
    # es→pt reads the Spanish "Al" of the pivot draft as "a el".
    flags = risk_flags(
        "“We will rebuild,” said Karim Al-Sabbagh.",
        "“Reconstruiremos,” disse Karim A o-Sabbagh.",
        "en",
        "pt",
    )
    assert "Karim Al-Sabbagh" in kinds(flags)["name"]


def test_it_flags_a_surname_that_is_also_a_common_word():
    flags = risk_flags(
        "A vereadora Lúcia Prado visitou o hospital.",
        "The councillor Lúcia Meadow visited the hospital.",
        "pt",
        "en",
    )
    assert "Lúcia Prado" in kinds(flags)["name"]


def test_a_name_translated_whole_or_by_its_generic_word_is_not_flagged():
    assert not kinds(
        risk_flags(
            "Divers surveyed the Gulf of Aqaba and the Red Sea.",
            "Mergulhadores examinaram o Golfo de Aqaba e o Mar Vermelho.",
            "en",
            "pt",
        )
    ).get("name")


def test_countries_and_cities_may_take_their_own_name_in_each_language():
    assert gazetteer.renderings("Lisbon", "en", "pt") == ("Lisboa",)
    assert not kinds(
        risk_flags(
            "The ferry left Lisbon for Morocco.",
            "O ferry saiu de Lisboa para Marrocos.",
            "en",
            "pt",
        )
    ).get("name")


def test_a_name_the_exonyms_rule_writes_in_is_not_flagged_as_lost():
    """The post-editing rule turns Fallujah into Faluja; the name check must accept it."""
    assert "Faluja" in gazetteer.renderings("Fallujah", "en", "pt")
    assert not kinds(
        risk_flags(
            "Troops entered Fallujah on Monday.",
            "As tropas entraram em Faluja na segunda-feira.",
            "en",
            "pt",
        )
    ).get("name")


def test_it_flags_a_number_glued_to_a_word():
    flags = risk_flags(
        "Each family gets a 500-litre tank.",
        "Cada família recebe um tanquede500 litros.",
        "en",
        "pt",
    )
    assert "tanquede500" in kinds(flags)["glued"]


def test_a_clean_translation_raises_no_flag():
    assert (
        risk_flags(
            "Repairs took 14 months and cost about $2.3 million, the engineers said.",
            "Os reparos levaram 14 meses e custaram cerca de US$ 2,3 milhões, disseram os engenheiros.",
            "en",
            "pt",
        )
        == []
    )


def test_name_runs_leave_out_sentence_openers_and_split_at_conjunctions():
    assert names("Engineers met Chile and Peru at the Andean Water Forum.", "en") == [
        "Andean Water Forum"
    ]


def _clear_caches() -> None:
    for cached in (spelling._dictionaries, spelling.known, spelling.common):
        cached.cache_clear()


def test_without_dictionaries_word_checks_are_skipped_not_guessed(monkeypatch, tmp_path):
    monkeypatch.setenv("PRENSA_HUNSPELL_DIR", str(tmp_path))
    _clear_caches()
    try:
        assert spelling.known("casa", "pt") is None
        flags = risk_flags("The house is big.", "A house é grande.", "en", "pt")
        assert "untranslated" not in kinds(flags)
        renamed = risk_flags(
            "The ship crossed the Red Sea.", "O navio atravessou o Mar Vermelho.", "en", "pt"
        )
        assert "name" not in kinds(renamed)
    finally:
        _clear_caches()
