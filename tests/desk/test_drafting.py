"""Drafting a translation: one segment per block, precise staleness, people's words kept."""

import pytest
from django.test import override_settings

from prensa.desk.actions import ActionError, DraftEdition
from prensa.desk.models import Segment
from prensa.newsroom.models import Edition
from prensa.translation.errors import TranslationError

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
    with pytest.raises(ActionError, match="No translation engine is configured from English"):
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


def test_a_hand_written_edition_keeps_its_words_when_the_desk_drafts(english_story):
    from tests.factories import make_edition

    source = source_of(english_story)
    words = [f"Parágrafo {n} escrito por una persona." for n in range(5)]
    edition = make_edition(
        english_story,
        "es",
        headline="Titular a mano",
        standfirst="Bajada a mano",
        body="\n\n".join(words),
        status=Edition.Status.DRAFT,
    )
    paragraphs = source.body.split("\n\n")
    paragraphs[1] = "More than 260,000 people fled the area in 2012, the relief office said."
    source.body = "\n\n".join(paragraphs)
    source.save()
    DraftEdition(english_story, "es").execute()
    rows = segments(edition)
    assert [row.text for row in rows[2:]] == words  # nobody's words replaced
    assert [row.state for row in rows] == ["reviewed"] * 7
    assert "Parágrafo 1 escrito" in Edition.objects.get(pk=edition.pk).body
    # From now on the desk tracks it: a source edit flags exactly that paragraph.
    paragraphs[3] = "The station was built in 1983."
    source.body = "\n\n".join(paragraphs)
    source.save()
    assert [row.position for row in segments(edition) if row.state == "stale"] == [5]


def test_a_hand_written_edition_that_does_not_line_up_is_refused(english_story):
    from tests.factories import make_edition

    make_edition(english_story, "es", body="Un solo párrafo.", status=Edition.Status.DRAFT)
    with pytest.raises(ActionError, match="written by hand"):
        DraftEdition(english_story, "es").execute()
    assert Edition.objects.get(story=english_story, language="es").body == "Un solo párrafo."


def test_words_typed_in_the_admin_survive_the_next_desk_change(english_story, translator):
    from prensa.desk.actions import SaveSegment, text_version

    edition = DraftEdition(english_story, "es").execute()
    blocks = edition.body.split("\n\n")
    blocks[0] = "ALEPO (Siria) — El agua volvió a Tell Ruman el martes."
    edition.body = "\n\n".join(blocks)
    edition.save()  # as the admin would
    row = segments(edition)[4]
    SaveSegment(row, "Otro párrafo corregido en la mesa.", translator, text_version(row)).execute()
    body = Edition.objects.get(pk=edition.pk).body
    assert body.startswith("ALEPO (Siria) — El agua volvió a Tell Ruman el martes.")
    assert "Otro párrafo corregido en la mesa." in body
    assert segments(edition)[2].human_text.startswith("ALEPO (Siria)")


def test_segments_keep_their_ids_when_the_source_moves_around_them(english_story):
    edition = DraftEdition(english_story, "es").execute()
    before = {row.source_text: row.pk for row in segments(edition)}
    source = source_of(english_story)
    paragraphs = source.body.split("\n\n")
    source.body = "\n\n".join(["A new first paragraph.", *reversed(paragraphs)])
    source.save()
    after = {row.source_text: row.pk for row in segments(edition)}
    assert all(after[text] == pk for text, pk in before.items() if text in after)
    assert len(set(after.values())) == len(after)


def test_words_typed_in_the_admin_survive_when_the_source_has_moved_on(english_story):
    edition = DraftEdition(english_story, "es").execute()
    source = source_of(english_story)
    source.body = "A new first paragraph, not yet translated.\n\n" + source.body
    source.save()  # the Spanish edition now lags one paragraph behind its segments

    edition = Edition.objects.get(pk=edition.pk)
    blocks = edition.body.split("\n\n")
    blocks[1] = "Un segundo párrafo corregido en el admin."
    edition.body = "\n\n".join(blocks)
    edition.save()  # as the admin would

    taken = [row for row in segments(edition) if row.human_text]
    assert [row.human_text for row in taken] == ["Un segundo párrafo corregido en el admin."]
    assert taken[0].source_text == source.body.split("\n\n")[2]
