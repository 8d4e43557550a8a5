"""Reviewing and publishing a translation."""

import pytest
from django.urls import reverse
from django.utils import translation

from prensa.desk.actions import (
    ActionError,
    DraftEdition,
    PublishEdition,
    ReviewSegment,
    SaveSegment,
    source_version,
    text_version,
)
from prensa.newsroom.models import Edition
from prensa.translation.models import TranslationMemoryEntry
from tests.desk.conftest import rows

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(english_story):
    return DraftEdition(english_story, "es").execute()


def confirm(row, user, acknowledge=False):
    """Confirm a paragraph as the review page does: naming the text and source read."""
    return ReviewSegment(
        row, user, acknowledge, based_on=text_version(row), source_based_on=source_version(row)
    ).execute()


def confirm_all(edition, user):
    for row in rows(edition):
        confirm(row, user, acknowledge=True)


def test_a_translators_edit_is_kept_apart_from_the_machine_draft(draft, translator):
    row = rows(draft)[2]
    machine = row.machine_text
    SaveSegment(
        row, "ALEPO, Siria — El agua volvió a Tell Ruman el martes.", translator, text_version(row)
    ).execute()
    row.refresh_from_db()
    assert row.machine_text == machine
    assert row.human_text == "ALEPO, Siria — El agua volvió a Tell Ruman el martes."
    assert "El agua volvió a Tell Ruman" in Edition.objects.get(pk=draft.pk).body


def test_a_paragraph_that_lost_a_number_cannot_be_reviewed_without_acknowledging(draft, translator):
    row = rows(draft)[3]
    SaveSegment(
        row, "Mucha gente huyó de la zona, dijo la oficina.", translator, text_version(row)
    ).execute()
    row.refresh_from_db()
    assert any(issue["check"] == "numbers" for issue in row.issues)
    with pytest.raises(ActionError, match="Fidelity"):
        confirm(row, translator)
    confirm(row, translator, acknowledge=True)
    row.refresh_from_db()
    assert row.state == "reviewed" and row.reviewed_by == translator


def test_an_approved_paragraph_goes_into_the_translation_memory(draft, translator, english_story):
    row = rows(draft)[6]
    text = "Cerca del 38 % de las casas aún no tiene techo, dijeron los ingenieros."
    SaveSegment(row, text, translator, text_version(row)).execute()
    confirm(rows(draft)[6], translator, acknowledge=True)
    entry = TranslationMemoryEntry.objects.get(source_language="en", target_language="es")
    assert (entry.source_text, entry.target_text) == (row.source_text, text)


def test_memory_is_reused_before_the_engine_for_the_same_sentence(draft, translator, english_story):
    from tests.desk.conftest import EN_BODY
    from tests.factories import make_story

    row = rows(draft)[4]
    own = "«Esperamos diez años por esto», dijo Umm Yasser, de 61 años."
    SaveSegment(row, own, translator, text_version(row)).execute()
    confirm(rows(draft)[4], translator, acknowledge=True)

    other = make_story(languages=("en",), source_language="en")
    source = other.edition_for("en")
    source.body = EN_BODY
    source.save()
    edition = DraftEdition(other, "es").execute()
    assert rows(edition)[4].text == own
    assert rows(edition)[4].state == "memory"


def test_a_translator_cannot_publish(draft, translator):
    with pytest.raises(ActionError) as caught:
        PublishEdition(draft, translator, allow_machine=True).execute()
    assert caught.value.status == 403


def test_publishing_unreviewed_machine_text_needs_an_explicit_choice(draft, editor, client):
    with pytest.raises(ActionError, match="machine translation"):
        PublishEdition(draft, editor).execute()
    PublishEdition(draft, editor, allow_machine=True).execute()
    draft.refresh_from_db()
    assert draft.is_published and draft.origin == Edition.Origin.MACHINE
    page = client.get(draft.get_absolute_url()).content.decode()
    with translation.override("es"):
        assert "traducido automáticamente" in page


def test_a_fully_reviewed_edition_publishes_without_the_machine_notice(draft, editor, client):
    confirm_all(draft, editor)
    PublishEdition(draft, editor).execute()
    draft.refresh_from_db()
    assert draft.origin == Edition.Origin.REVIEWED
    assert "traducido automáticamente" not in client.get(draft.get_absolute_url()).content.decode()


def test_a_stale_edition_cannot_be_published(draft, editor, english_story):
    source = Edition.objects.get(story=english_story, language="en")
    source.body = source.body.replace("Tuesday", "Wednesday")
    source.save()
    with pytest.raises(ActionError, match="out of date"):
        PublishEdition(draft, editor, allow_machine=True).execute()


def test_readers_keep_the_published_text_until_the_edition_is_published_again(
    draft, editor, translator, client
):
    PublishEdition(draft, editor, allow_machine=True).execute()
    draft.refresh_from_db()
    published_body = draft.body
    row = rows(draft)[2]
    SaveSegment(row, "Texto nuevo del traductor.", translator, text_version(row)).execute()
    draft.refresh_from_db()
    assert draft.body == published_body
    review = client
    review.force_login(editor)
    page = review.get(reverse("desk:review", args=[draft.story_id, "es"])).content.decode()
    assert "readers do not see yet" in page
    PublishEdition(draft, editor, allow_machine=True).execute()
    draft.refresh_from_db()
    assert "Texto nuevo del traductor." in draft.body


def test_a_similar_approved_sentence_is_offered_beside_a_new_draft(draft, translator, client):
    from tests.factories import make_story

    row = rows(draft)[6]
    SaveSegment(
        row,
        "Cerca del 38 % de las casas aún no tiene techo, dijeron los ingenieros.",
        translator,
        text_version(row),
    ).execute()
    confirm(rows(draft)[6], translator, acknowledge=True)

    other = make_story(languages=("en",), source_language="en")
    source = other.edition_for("en")
    source.body = "About 39% of homes still lack a roof, engineers said."
    source.save()
    edition = DraftEdition(other, "es").execute()
    offered = rows(edition)[2].suggestions
    assert offered and offered[0]["target"].startswith("Cerca del 38 %")
    assert 0.7 <= offered[0]["score"] < 1
    client.force_login(translator)
    page = client.get(reverse("desk:review", args=[other.pk, "es"])).content.decode()
    assert "1 similar approved translation" in page


def test_a_headline_longer_than_an_edition_may_hold_is_refused_and_kept(draft, translator):
    # PostgreSQL refuses a headline over the column's length; SQLite stored it silently.
    headline = rows(draft)[0]
    words = "Palavra " * 40  # 320 characters

    with pytest.raises(ActionError) as refused:
        SaveSegment(headline, words, translator, text_version(headline)).execute()

    assert "250" in refused.value.message
    headline.refresh_from_db()
    assert headline.human_text is None


def test_a_runaway_machine_headline_is_cut_at_a_word_and_flagged():
    from prensa.desk.drafting import MAX_HEADLINE_CHARS, Draft, _fit_headline

    long = "Mermera " * 60
    report = Draft(
        [long.strip(), "Primeiro parágrafo."], ["machine", "machine"], [[], []], [[], []]
    )

    _fit_headline(report, [0, 2])

    assert len(report.texts[0]) <= MAX_HEADLINE_CHARS and report.texts[0].endswith("Mermera…")
    assert [issue["check"] for issue in report.issues[0]] == ["length"]
    assert report.texts[1] == "Primeiro parágrafo."
