import subprocess

import pytest

from prensa.translation.engines import Keep, Segment, WordStatus
from prensa.translation.engines.apertium import ApertiumEngine, decode, encode
from prensa.translation.errors import (
    EngineBadResponse,
    EngineUnavailable,
    InvalidSource,
    UnsupportedPair,
)


def test_it_supports_the_six_directions_pivoting_english_portuguese_through_spanish(apertium):
    assert apertium.pairs() == {
        ("en", "es"), ("es", "en"), ("es", "pt"), ("pt", "es"), ("en", "pt"), ("pt", "en")
    }  # fmt: skip
    assert apertium.modes("en", "pt") == ["eng-spa", "es-pt_BR"]
    assert apertium.modes("pt", "en") == ["pt-es", "spa-eng"]


def test_it_translates_a_batch_with_one_process_chain_per_mode_and_one_for_its_marks(
    apertium, monkeypatch
):
    calls = []
    real_run = subprocess.run

    def counting_run(argv, **kwargs):
        calls.append(argv)
        return real_run(argv, **kwargs)

    monkeypatch.setattr(subprocess, "run", counting_run)
    sentences = [f"The house number {n} is red." for n in range(40)]

    out = apertium.translate(sentences, "en", "pt")

    assert len(out) == 40
    assert "7" in out[7] and "vermelh" in out[7]
    # Per mode: the text (-u drops the marks) and, side by side, the marks; never per sentence.
    assert sorted((argv[-1], "-u" in argv) for argv in calls) == [
        ("eng-spa", False), ("eng-spa", True), ("es-pt_BR", False), ("es-pt_BR", True)
    ]  # fmt: skip


def test_it_reports_the_words_it_could_not_translate_without_showing_its_marks(apertium):
    out = apertium.translate(["Residents were queueing at the taps."], "en", "pt")[0]

    assert "*" not in out and "queueing" in out
    assert "queueing" in out.unknown


def test_it_reports_spanish_words_the_second_stage_of_a_pivot_passed_through(apertium):
    # eng-spa makes Spanish "grifos" (taps), which es-pt does not know and copies: a
    # Spanish word in a Portuguese draft that no Portuguese dictionary would catch.
    out = apertium.translate(["Residents were queueing at the taps."], "en", "pt")[0]

    assert "grifos" in out and "grifos" in out.unknown


def test_marks_do_not_change_the_text(apertium):
    # Apertium's spelling rules read a marked word differently ("a *almazara"): the text
    # comes from the run without marks, which writes "an almazara".
    out = apertium.translate(["Es dueño de una almazara en Amioun."], "es", "en")[0]

    assert "an almazara" in out
    assert "almazara" in out.unknown


def test_it_keeps_segments_without_final_punctuation_aligned(apertium):
    # Single newlines let Apertium's transfer move words across lines; the
    # blank-line superblank with a hidden sentence break must not.
    segments = ["Floods in Brazil kill 30", "The big dog", "Two cats", "He said hello"]

    out = apertium.translate(segments, "en", "es")

    assert out == [
        "Las inundaciones en Brasil matan 30",
        "El perro grande",
        "Dos gatos",
        "Dijo hola",
    ]


def test_it_copies_kept_pieces_verbatim_even_through_the_pivot(apertium):
    segment = Segment(("Fighters from ", Keep("Nour Al-Din Al-Zenki"), " said hello."))

    es, pt = (
        apertium.translate([segment], "en", "es")[0],
        apertium.translate([segment], "en", "pt")[0],
    )

    assert "Nour Al-Din Al-Zenki" in es and "Alboroto" not in es
    assert "Nour Al-Din Al-Zenki" in pt


def test_it_passes_stream_special_characters_through_escaped(apertium):
    text = "Prices [sic] rose by $5 at a/b {x} <y> ^z \\ @home."

    (out,) = apertium.translate([text], "en", "es")

    for fragment in ("[sic]", "$5", "/b", "{x}", "<y>", "^z", "\\", "@"):
        assert fragment in out


def test_its_unknown_word_marks_never_reach_the_output(apertium):
    (out,) = apertium.translate(["The Zorblax cautioned that Dalhousie is diabetic."], "en", "es")

    assert "*" not in out and "#" not in out and "@" not in out
    assert "Zorblax" in out


def test_it_removes_marks_apertium_emits_but_keeps_escaped_literals():
    stream = "El *perro #grande @come \\@casa.[][\n\n]Otro.[]"

    assert decode(stream) == ["El perro grande come @casa", "Otro"]


def test_it_writes_each_segment_like_apertiums_own_text_deformatter():
    assert encode(Segment.of("Hello world.")) == "Hello world..[]"
    assert encode(Segment(("Hello ", Keep("Nour"), " bye"))) == "Hello[ Nour ]bye.[]"


def test_it_renders_european_portuguese_when_configured(apertium):
    european = ApertiumEngine(portuguese_variant="pt")

    assert european.modes("es", "pt") == ["es-pt"]
    assert apertium.modes("es", "pt") == ["es-pt_BR"]


def test_it_refuses_a_pair_it_does_not_have_with_a_clear_message(apertium):
    with pytest.raises(UnsupportedPair, match="does not translate this pair"):
        apertium.translate(["Hello"], "en", "en")


def test_it_refuses_to_send_an_empty_segment(apertium):
    with pytest.raises(InvalidSource, match="Segment 2 is empty"):
        apertium.translate(["Hello.", "  "], "en", "es")


def test_it_reports_a_missing_apertium_command_as_engine_unavailable():
    engine = ApertiumEngine(command="apertium-not-installed-here")

    with pytest.raises(EngineUnavailable, match="not installed"):
        engine.translate(["Hello."], "en", "es")


def test_it_raises_when_apertium_returns_fewer_segments_than_sent(apertium, monkeypatch):
    monkeypatch.setattr("prensa.translation.engines.apertium.decode", lambda stream: ["Solo uno"])

    with pytest.raises(EngineBadResponse, match="sent 2 segments and got 1"):
        apertium.translate(["One.", "Two."], "en", "es")


def test_its_dictionary_tells_names_unknown_words_and_common_words_apart(apertium):
    (zenki, usa) = apertium.analyse(["Nour Al-Din", "United States"], "en", "es")

    assert ("Nour", WordStatus.UNKNOWN) in zenki
    assert ("Din", WordStatus.COMMON) in zenki
    assert usa == [("United States", WordStatus.PROPER_NOUN)]
