"""Risk scores, the flagged words marked on both sides, and the new checks in the translator's
language."""

import pytest
from django.urls import reverse
from django.utils import translation

from prensa.desk.actions import DraftEdition
from prensa.desk.drafting import issue_dict
from prensa.desk.issues import describe
from prensa.desk.models import Segment
from prensa.desk.risk import WEIGHTS, mark, risk_score, spans
from prensa.translation.fidelity import CHECKS, Issue


def test_a_paragraph_without_flags_scores_nothing():
    assert risk_score([]) == 0


def test_a_lost_name_weighs_more_than_a_glossary_miss_and_more_items_weigh_more():
    name = {"check": "names", "missing": ["Tell Ruman"]}
    glossary = {"check": "glossary", "missing": ["listo-socorro"]}
    assert risk_score([name]) > risk_score([glossary])
    three_numbers = {"check": "numbers", "missing": ["1", "2", "3"]}
    assert risk_score([three_numbers]) == WEIGHTS["numbers"] + 2


def test_every_check_of_the_engine_room_has_a_weight():
    assert set(CHECKS) <= set(WEIGHTS)


def test_the_stored_issue_keeps_the_spans_of_both_sides():
    stored = issue_dict(Issue("names", "m", ("Prado",), ("Prado",), ("Meadow",)))
    assert stored["source_spans"] == ["Prado"] and stored["target_spans"] == ["Meadow"]


def test_flagged_words_are_marked_whole_and_everything_else_escaped():
    html = mark('O <b>Prado</b> disse "Pradoso"', ["Prado"])
    assert html == "O &lt;b&gt;<mark>Prado</mark>&lt;/b&gt; disse &quot;Pradoso&quot;"


def test_a_span_carrying_html_is_escaped_inside_its_mark():
    assert mark("a <i> b", ["<i>"]) == "a <mark>&lt;i&gt;</mark> b"


def test_spans_are_taken_per_side_longest_first():
    issues = [
        {"check": "names", "source_spans": ["Al", "Ammar Al-Selmo"], "target_spans": ["A o"]},
        {"check": "engine", "target_spans": ["Ruman"]},
    ]
    assert spans(issues, "source") == ["Ammar Al-Selmo", "Al"]
    assert spans(issues, "target") == ["Ruman", "A o"]


@pytest.mark.parametrize(
    ("check", "portuguese"),
    [
        ("untranslated", "Palavras deixadas na língua de origem: tatters."),
        ("unknown", "Palavras que nenhum dicionário desta língua conhece: tatters."),
        ("engine", "O motor de tradução não conseguiu traduzir: tatters."),
        ("glued", "Um número está colado a uma palavra: tatters."),
    ],
)
def test_the_new_checks_read_in_the_translators_language(check, portuguese):
    with translation.override("pt"):
        assert describe({"check": check, "message": "x", "missing": ["tatters"]}) == portuguese


@pytest.mark.django_db
def test_the_review_page_marks_flagged_words_in_source_and_translation(
    client, translator, english_story
):
    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=2)
    assert row.issues[0]["source_spans"] == ["Tell Ruman"]
    client.force_login(translator)
    page = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    assert "to the town of <mark>Tell Ruman</mark> on Tuesday" in page
    assert "<mark>ALEPPO</mark>, Agua" in page
    assert "Decir <mark>Ruman</mark> el martes" in page
