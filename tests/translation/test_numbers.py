from decimal import Decimal

import pytest

from prensa.translation.numbers import (
    calendar_phrases,
    calendar_words,
    find_english_dates,
    find_numbers,
    format_number,
    localise_number,
    quantities,
)


@pytest.mark.parametrize(
    ("text", "target", "expected"),
    [
        ("250,000", "pt", "250.000"),
        ("250,000", "es", "250.000"),
        ("3.5", "pt", "3,5"),
        ("1,234,567.89", "es", "1.234.567,89"),
        ("1982", "pt", "1982"),
        ("0.75", "es", "0,75"),
    ],
)
def test_it_rewrites_english_numbers_for_spanish_and_portuguese(text, target, expected):
    (number,) = find_numbers(text, "en")

    assert localise_number(number, target) == expected


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [("250.000", "pt", "250,000"), ("3,5", "es", "3.5"), ("1.200,75", "pt", "1,200.75")],
)
def test_it_rewrites_spanish_and_portuguese_numbers_back_for_english(text, source, expected):
    (number,) = find_numbers(text, source)

    assert localise_number(number, "en") == expected


def test_it_reads_only_numbers_well_formed_in_their_language():
    assert find_numbers("a 1,5 ratio", "en") == []  # neither English grouping nor decimal
    assert [n.value for n in find_numbers("250.000 e 3,5", "pt")] == [
        Decimal(250000),
        Decimal("3.5"),
    ]


def test_it_skips_digits_in_words_times_and_versions():
    text = "The 802.11n router restarted at 10:30 and again at 12.00 GMT."

    assert [n.text for n in find_numbers(text, "en")] == []


def test_it_formats_a_value_for_a_locale():
    assert format_number(Decimal("250000"), "pt") == "250.000"
    assert format_number(Decimal("3.5"), "en", decimals=1) == "3.5"


def test_it_reads_amounts_with_scale_words_in_each_language():
    (en,) = quantities("$1.2 billion", "en")
    (es,) = quantities("1.200 millones de dólares", "es")
    (pt,) = quantities("US$ 1,2 bilhão", "pt")

    assert en.scaled == es.scaled == pt.scaled == Decimal("1.2E9")
    assert en.matches(es) and en.matches(pt)


def test_it_reads_ordinals_in_each_language():
    assert [q.value for q in quantities("the 21st and 1,000th", "en")] == [21, 1000]
    assert Decimal(21) in [q.value for q in quantities("el 21.º convoy", "es")]
    assert Decimal(3) in [q.value for q in quantities("o 3º comboio", "pt")]


def test_it_finds_english_dates_in_both_orders():
    dates = find_english_dates("On 12 March 1982 and on March 5, 2024, but not march 5.")

    assert [(d.day, d.month, d.year) for d in dates] == [(12, 2, 1982), (5, 2, 2024)]


def test_it_renders_dates_months_and_weekdays_for_the_target():
    text = "They met on Tuesday, 12 March 1982, and again in March 2024 on Saturday."

    assert [c.replacement for c in calendar_phrases(text, "en", "es")] == [
        "12 de marzo de 1982",
        "el martes",
        "el sábado",
        "marzo de 1982",
        "marzo de 2024",
    ]
    assert "na terça-feira" in [c.replacement for c in calendar_phrases(text, "en", "pt")]


def test_it_renders_romance_weekdays_with_on_for_english():
    assert [c.replacement for c in calendar_phrases("Llegó el martes.", "es", "en")] == [
        "on Tuesday"
    ]


def test_may_the_verb_is_not_a_month():
    assert calendar_words("May I ask? It rained on May 5.", "en") == [("month", "May", 4)]


def test_a_roman_century_counts_as_the_english_ordinal():
    assert Decimal(15) in [q.value for q in quantities("no século XV", "pt")]
    assert Decimal(15) in [q.value for q in quantities("the 15th century", "en")]
