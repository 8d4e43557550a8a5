"""Drafting a translation: one segment per block, precise staleness, people's words kept."""

import pytest
from django.test import override_settings

from prensa.desk.actions import ActionError, DraftEdition
from prensa.desk.models import Segment
from prensa.newsroom.models import Edition
from prensa.translation.errors import TranslationError, UnsupportedPair

from .conftest import source_of

pytestmark = pytest.mark.django_db


def segments(edition: Edition) -> list[Segment]:
    return list(Segment.objects.filter(edition=edition).order_by("position"))


def test_it_drafts_a_spanish_edition_with_one_machine_segment_per_block(english_story):
    edition = DraftEdition(english_story, "es").execute()
    rows = segments(edition)
    assert len(rows) == len(source_of(english_story).blocks()) == 7
    assert {row.state for row in rows} == {"machine"}
    assert edition.status == Edition.Status.DRAFT
    assert edition.origin == Edition.Origin.MACHINE
    assert edition.translated_from == source_of(english_story)
    assert "250.000" in edition.body  # numbers formatted for the Spanish reader
    assert "*" not in edition.body  # no Apertium unknown-word marks
    assert edition.slug and edition.slug.isascii() and not edition.slug.startswith("draft-")


def test_editing_one_source_paragraph_marks_exactly_that_segment_stale(english_story):
    edition = DraftEdition(english_story, "es").execute()
    source = source_of(english_story)
    paragraphs = source.body.split("\n\n")
    paragraphs[2] = "“We waited eleven years for this,” said Umm Yasser, 61."
    source.body = "\n\n".join(paragraphs)
    source.save()
    stale = [row.position for row in segments(edition) if row.state == "stale"]
    assert stale == [2 + 2]  # headline and standfirst come first


def test_an_inserted_source_paragraph_is_missing_until_redrafted(english_story):
    edition = DraftEdition(english_story, "es").execute()
    source = source_of(english_story)
    source.body += "\n\nAid convoys are expected on Friday."
    source.save()
    assert [row.state for row in segments(edition)][-1] == "missing"
    DraftEdition(english_story, "es").execute()
    assert {row.state for row in segments(edition)} == {"machine"}
    assert "viernes" in Edition.objects.get(pk=edition.pk).body


def test_redrafting_touches_only_stale_segments_and_keeps_a_translators_words(english_story):
    edition = DraftEdition(english_story, "es").execute()
    rows = segments(edition)
    rows[3].human_text = "Más de 250.000 personas huyeron de la zona en 2012, según la oficina."
    rows[3].state = "reviewed"
    rows[3].save()
    rows[
        5
    ].human_text = "La estación se construyó en 1982 y repararla costó 2,3 millones de dólares."
    rows[5].state = "reviewed"
    rows[5].save()

    source = source_of(english_story)
    paragraphs = source.body.split("\n\n")
    paragraphs[3] = "The station was built in 1982 and cost $2.4 million to repair."  # block 5
    source.body = "\n\n".join(paragraphs)
    source.save()
    DraftEdition(english_story, "es").execute()

    after = segments(edition)
    assert after[3].human_text == rows[3].human_text and after[3].state == "reviewed"
    assert after[5].human_text == rows[5].human_text  # never overwritten
    assert after[5].state == "stale"  # a person must look again
    assert "2,4" in after[5].machine_text  # the new machine suggestion sits beside it
    assert after[5].previous_source_text.endswith("$2.3 million to repair.")


def test_nothing_is_redrafted_when_the_source_did_not_change(
    english_story, django_assert_max_num_queries
):
    edition = DraftEdition(english_story, "es").execute()
    before = [(row.pk, row.machine_text) for row in segments(edition)]
    action = DraftEdition(english_story, "es")
    action.execute()
    assert action.report is None
    assert [(row.pk, row.machine_text) for row in segments(edition)] == before


def test_it_refuses_a_source_without_a_body(english_story):
    source = source_of(english_story)
    source.body = "   "
    source.save()
    with pytest.raises(ActionError, match="no body"):
        DraftEdition(english_story, "pt").execute()
    assert not Edition.objects.filter(story=english_story, language="pt").exists()


def test_it_refuses_the_source_language_itself(english_story):
    with pytest.raises(ActionError, match="source language"):
        DraftEdition(english_story, "en").execute()


@override_settings(PRENSA_MT_ENGINES={"en-pt": []})
def test_a_pair_without_an_engine_gives_a_clear_error_and_writes_nothing(english_story):
    with pytest.raises(UnsupportedPair, match="English → Portuguese"):
        DraftEdition(english_story, "pt").execute()
    assert not Edition.objects.filter(story=english_story, language="pt").exists()


@override_settings(
    PRENSA_MT_ENGINES={"*": ["libretranslate"]}, LIBRETRANSLATE_URL="http://127.0.0.1:9"
)
def test_an_engine_that_is_down_leaves_the_edition_untouched(english_story):
    DraftEdition_ = DraftEdition
    with override_settings(PRENSA_MT_ENGINES={"*": ["apertium"]}):
        edition = DraftEdition_(english_story, "es").execute()
    before = Edition.objects.get(pk=edition.pk)
    source = source_of(english_story)
    source.body = source.body.replace("Tuesday", "Monday")
    source.save()
    with pytest.raises(TranslationError) as caught:
        DraftEdition_(english_story, "es").execute()
    assert caught.value.retryable
    after = Edition.objects.get(pk=edition.pk)
    assert (after.body, after.revision) == (before.body, before.revision)
    assert [row.state for row in segments(edition)].count("stale") == 1
