from prensa.translation.fidelity import check_fidelity

from .stories import FIGURES_EN, FIGURES_ES, FIGURES_PT

NAMES = [[], [], ["Nour Al-Din Al-Zenki"], [], []]


def issues_by_paragraph(report):
    return {p.index: [i.check for i in p.issues] for p in report.paragraphs if p.issues}


def test_a_faithful_portuguese_translation_passes_every_check():
    report = check_fidelity(FIGURES_EN, FIGURES_PT, "en", "pt", names=NAMES)

    assert report.ok, report.summary()
    assert len(report.paragraphs) == 5


def test_a_faithful_spanish_translation_passes_every_check():
    report = check_fidelity(FIGURES_EN, FIGURES_ES, "en", "es", names=NAMES)

    assert report.ok, report.summary()


def test_it_checks_the_other_way_round_from_portuguese_to_english():
    report = check_fidelity(FIGURES_PT, FIGURES_EN, "pt", "en")

    assert report.ok, report.summary()


def test_it_flags_a_thousands_separator_read_as_a_decimal():
    broken = list(FIGURES_PT)
    broken[1] = broken[1].replace("mais de 250.000 pessoas", "mais de 250,000 pessoas")

    report = check_fidelity(FIGURES_EN, broken, "en", "pt")

    (paragraph,) = report.failed
    assert paragraph.index == 1
    (issue,) = paragraph.issues
    assert issue.check == "numbers"
    assert issue.missing == ("250,000",)


def test_it_flags_a_lost_percentage_year_and_amount_in_one_paragraph():
    broken = list(FIGURES_ES)
    broken[3] = "Los precios han subido mucho, y el llamamiento ha recaudado poco en marzo."

    report = check_fidelity(FIGURES_EN, broken, "en", "es")

    (issue,) = report.failed[0].issues
    assert set(issue.missing) == {"12.5", "1982", "1.2", "4.5"}


def test_it_flags_a_missing_ordinal():
    broken = list(FIGURES_PT)
    broken[4] = "Foi o comboio a chegar em 2024; 0,75 da carga era trigo."

    report = check_fidelity(FIGURES_EN, broken, "en", "pt")

    assert report.failed[0].issues[0].missing == ("3rd",)


def test_it_flags_a_month_or_weekday_that_did_not_survive():
    broken = list(FIGURES_ES)
    broken[1] = broken[1].replace("el martes", "el miércoles").replace("marzo", "Marcha")

    report = check_fidelity(FIGURES_EN, broken, "en", "es")

    (issue,) = report.failed[0].issues
    assert issue.check == "dates"
    assert issue.missing == ("Tuesday (martes)", "March (marzo)")


def test_it_flags_a_mangled_protected_name():
    broken = list(FIGURES_ES)
    broken[2] = broken[2].replace("Al-Din", "Al-Alboroto")

    report = check_fidelity(FIGURES_EN, broken, "en", "es", names=NAMES)

    # The name is also the quote's attribution, so both checks speak up.
    assert issues_by_paragraph(report) == {2: ["names", "attribution"]}


def test_it_flags_missing_glossary_renderings():
    report = check_fidelity(
        ["Talks in the Middle East."],
        ["Conversaciones en el Medio Este."],
        "en",
        "es",
        terms=[["Oriente Medio"]],
    )

    assert issues_by_paragraph(report) == {0: ["glossary"]}


def test_it_flags_a_paragraph_count_mismatch_at_document_level():
    report = check_fidelity(FIGURES_EN, FIGURES_PT[:4], "en", "pt")

    assert [i.check for i in report.issues] == ["paragraphs"]
    assert report.paragraphs[4].issues[0].check == "empty"
    assert not report.ok


def test_it_flags_an_empty_paragraph():
    broken = list(FIGURES_PT)
    broken[2] = "   "

    report = check_fidelity(FIGURES_EN, broken, "en", "pt")

    assert issues_by_paragraph(report) == {2: ["empty"]}


def test_it_flags_a_sentence_left_in_the_source_language():
    broken = list(FIGURES_PT)
    broken[4] = (
        "Foi o 3º comboio a chegar em 2024; 0,75 da carga era trigo. "
        "The food was wheat and the convoy arrived late in the evening."
    )

    report = check_fidelity(FIGURES_EN, broken, "en", "pt")

    (issue,) = [i for i in report.failed[0].issues if i.check == "language"]
    assert issue.missing == ("The food was wheat and the convoy arrived late in the evening.",)
    # The risk flags point at its English words too.
    (words,) = [i for i in report.failed[0].issues if i.check == "untranslated"]
    assert {"food", "wheat", "convoy"} <= set(words.target_spans)


def test_it_flags_lost_quotation_marks():
    broken = list(FIGURES_PT)
    broken[2] = broken[2].replace('"', "")

    report = check_fidelity(FIGURES_EN, broken, "en", "pt")

    assert issues_by_paragraph(report) == {2: ["quotes"]}


def test_its_report_is_structured_for_json():
    broken = list(FIGURES_PT)
    broken[1] = broken[1].replace("1.200", "1,200")

    data = check_fidelity(
        FIGURES_EN, broken, "en", "pt", kinds=["headline"] + ["body"] * 4
    ).to_dict()

    assert data["ok"] is False
    assert data["paragraphs"][0] == {"index": 0, "kind": "headline", "ok": True, "issues": []}
    assert data["paragraphs"][1]["issues"][0]["check"] == "numbers"
    assert data["paragraphs"][1]["issues"][0]["missing"] == ["1,200"]


def test_a_paragraph_that_is_only_a_link_or_a_name_is_not_untranslated():
    report = check_fidelity(
        ["https://example.org/report/2024", "Nour Al-Din Al-Zenki Brigade Command"],
        ["https://example.org/report/2024", "Nour Al-Din Al-Zenki Brigade Command"],
        "en",
        "pt",
        names=[[], ["Nour Al-Din Al-Zenki Brigade Command"]],
    )

    assert report.ok, report.summary()


def test_it_flags_a_quote_whose_speaker_came_out_mangled():
    source = ["“The returns are real, but fragile,” said Lina Youssef Al-Dahhan, a spokesperson."]
    target = ["“Os retornos são reais, mas frágeis”, disse Lina Youssef A o-Dahhan, porta-voz."]

    (check,) = check_fidelity(source, target, "en", "pt").failed

    by_check = {i.check: i for i in check.issues}
    assert by_check["attribution"].missing == ("Lina Youssef Al-Dahhan",)
    assert by_check["names"].source_spans == ("Lina Youssef Al-Dahhan",)


def test_an_attribution_may_move_within_the_sentence():
    source = ["«Cada vagón cuenta», dijo a Prensa Wire Renata Moreira Bastos, gerente."]
    target = ["“Every wagon counts,” Renata Moreira Bastos, a manager, told Prensa Wire."]

    assert check_fidelity(source, target, "es", "en").ok


def test_words_inside_the_quote_are_not_an_attribution():
    source = ["“People told me they want repairs,” the mayor said on Tuesday."]
    target = ["“As pessoas me disseram que querem reparos”, disse a prefeita na terça-feira."]

    assert check_fidelity(source, target, "en", "pt").ok


def test_the_demo_newsrooms_human_translations_keep_every_attribution():
    import tomllib
    from pathlib import Path

    from prensa.lib.markup import paragraphs
    from prensa.translation.fidelity import speakers

    stories = Path(__file__).resolve().parents[2] / "prensa/newsroom/demo/stories"
    attributed = 0
    for path in sorted(stories.glob("*.toml")):
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        source = data["source_language"]
        source_paragraphs = paragraphs(data["editions"][source]["body"])
        attributed += sum(len(speakers(p, source)) for p in source_paragraphs)
        for language, edition in data["editions"].items():
            if language == source:
                continue
            report = check_fidelity(
                source_paragraphs,
                paragraphs(edition["body"]),
                source,
                language,
                identify_language=False,
            )
            flagged = [i for p in report.paragraphs for i in p.issues if i.check == "attribution"]
            assert flagged == [], (path.name, language)
    assert attributed >= 20  # the check is really looking at quotes


# One "word" of each shape that made a check re-read the rest of the text from every
# character: a long letter run, capitals, quotation marks and apostrophes with no
# closing one (sentencex), backticks, link brackets, and text full of numbers.
LONG_WORDS = ["a", "Ab", "Ab1-", "“", "«", "'", "`", "](", "x@", "$1", "1%", "Ab said "]


def _seconds_to_check(piece: str, length: int) -> float:
    """The best of three runs of the checks on a paragraph of `length` characters.

    The garbage collector is paused: its passes over hundreds of thousands of small
    objects (one per number) are noise here, not the checks' own work.
    """
    import gc
    import time

    text = piece * (length // len(piece))
    best = float("inf")
    gc.disable()
    try:
        for _ in range(3):
            start = time.perf_counter()
            check_fidelity([text], [text], "en", "pt")
            check_fidelity(["“We waited,” Ana Lima told Prensa Wire."], [text], "en", "pt")
            best = min(best, time.perf_counter() - start)
    finally:
        gc.enable()
    return best


def test_checking_a_paragraph_takes_time_in_proportion_to_its_length():
    check_fidelity(["Six words are needed here, at least."], ["Seis palavras."], "en", "pt")
    for piece in LONG_WORDS:
        short, long = _seconds_to_check(piece, 4_000), _seconds_to_check(piece, 40_000)
        # Ten times the text: about ten times the time; a quadratic check takes a hundred.
        assert long < 40 * short + 0.05, (piece, short, long)


def test_a_200000_character_word_is_checked_in_seconds():
    import time

    for piece in ("a", "“", "Ab1-", "$1"):
        word = piece * (200_000 // len(piece))
        start = time.perf_counter()
        report = check_fidelity(["“We waited,” said Ana Lima on Tuesday."], [word], "en", "pt")
        assert time.perf_counter() - start < 10, piece  # the old checks took minutes
        assert not report.ok  # the numbers, the day and the quote are not there


def test_sentences_longer_than_the_window_split_as_in_one_reading():
    from prensa.translation import segmenting

    text = " ".join(
        f"The council met on day {n} of the flood. Dr. Ruiz said the river had “risen again.”"
        for n in range(200)
    )
    assert len(text) > 5 * segmenting.SENTENCE_WINDOW
    import sentencex

    expected = [s.strip() for s in sentencex.segment("en", text) if s.strip()]
    assert [s.text for s in segmenting.split_sentences(text, "en")] == expected


def test_a_sentence_longer_than_the_window_is_cut_between_words_and_joins_back():
    from prensa.translation import segmenting

    text = " ".join(["palavra"] * 2_000)  # 16,000 characters, no full stop
    sentences = segmenting.split_sentences(text, "pt")
    assert len(sentences) > 1
    assert "".join(s.text + s.after for s in sentences) == text
    assert all(s.text.startswith("palavra") and s.text.endswith("palavra") for s in sentences)


def test_it_follows_a_quotes_speaker_across_an_apposition():
    source = [
        "“The planes came at night,” Ammar Al-Selmo, the head of the rescue service in the "
        "east, told Prensa Wire."
    ]
    target = [
        "“Os aviões vieram à noite”, A o-Selmo, o chefe do serviço de resgate no leste, "
        "disse à Prensa Wire."
    ]

    (check,) = check_fidelity(source, target, "en", "pt").failed

    by_check = {i.check: i for i in check.issues}
    assert "Ammar Al-Selmo" in by_check["attribution"].missing


def test_it_flags_a_number_written_as_a_word_that_the_draft_lost():
    source = ["The nearly six-year-old rebellion left three towns empty."]

    glued = check_fidelity(source, ["A rebelióndeseisaños deixou três cidades vazias."], "en", "pt")
    kept = check_fidelity(
        source, ["A rebelião de quase seis anos deixou 3 cidades vazias."], "en", "pt"
    )

    (numbers,) = [i for i in glued.failed[0].issues if i.check == "numbers"]
    assert numbers.missing == ("six",)
    assert not [i for p in kept.paragraphs for i in p.issues if i.check == "numbers"]
