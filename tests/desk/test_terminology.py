"""Terminology that holds across a story: re-applying a changed term, the story-wide
consistency check and the term spans for the review page. Real Apertium (pt→es)."""

import pytest
from django.urls import reverse
from django.utils import timezone

from prensa.desk.actions import DraftEdition, SaveSegment, text_version
from prensa.desk.terminology import (
    TERMINOLOGY,
    ReapplyTerm,
    affected,
    inconsistencies,
    term_spans,
)
from prensa.newsroom.models import Edition
from prensa.translation.models import GlossaryEntry
from tests.desk.conftest import rows
from tests.factories import make_story

from .conftest import run_worker

pytestmark = pytest.mark.django_db

# Written for this test: a local story at the desk, "pronto-socorro" in three paragraphs.
PT_BODY = "\n\n".join(
    [
        "O pronto-socorro do hospital municipal reabriu na segunda-feira.",
        "A fila no pronto-socorro chegou a três horas, disse a enfermeira Lúcia Prado.",
        "A prefeitura promete outro pronto-socorro no bairro até dezembro.",
        "As obras custaram 4 milhões de reais.",
    ]
)
RENDERING = "servicio de urgencias"


@pytest.fixture
def portuguese_story(db):
    story = make_story(languages=("pt",), source_language="pt")
    source = story.edition_for("pt")
    source.headline = "Hospital reabre o atendimento de urgência"
    source.standfirst = ""
    source.body = PT_BODY
    source.save()
    return story


@pytest.fixture
def spanish(portuguese_story):
    """The machine draft, made before the glossary knew the term: 'listo-socorro'."""
    return DraftEdition(portuguese_story, "es").execute()


def by_text(edition, fragment):
    return next(row for row in rows(edition) if fragment in row.source_text)


def confirm(row, user):
    """A person confirmed the paragraph as it stands (the review action's own rules are
    tested with it; here only the outcome matters)."""
    row.state, row.reviewed_by, row.reviewed_at = "reviewed", user, timezone.now()
    row.save()


def add_term():
    return GlossaryEntry.objects.create(
        term="pronto-socorro", rendering=RENDERING, source_language="pt", target_language="es"
    )


def test_the_draft_made_before_the_term_says_listo_socorro(spanish):
    assert "listo-socorro" in spanish.body  # what the rest of this file fixes


def test_a_term_added_later_is_found_rendered_two_ways_across_the_story(spanish, translator):
    queue = by_text(spanish, "A fila")
    SaveSegment(
        queue,
        "La fila en el servicio de urgencias llegó a tres horas, dijo la enfermera Lúcia Prado.",
        translator,
        text_version(queue),
    ).execute()
    add_term()
    found = inconsistencies(rows(spanish), "pt", "es")
    assert len(found) == 1
    assert found[0].term == "pronto-socorro" and found[0].rendering == RENDERING
    assert found[0].with_rendering == (queue.position,)
    assert len(found[0].without) == 2
    assert "listo-socorro" in found[0].others


def test_the_review_page_lists_the_inconsistent_paragraphs(client, spanish, translator):
    queue = by_text(spanish, "A fila")
    SaveSegment(
        queue,
        "La fila en el servicio de urgencias llegó a tres horas, dijo la enfermera Lúcia Prado.",
        translator,
        text_version(queue),
    ).execute()
    add_term()
    client.force_login(translator)
    page = client.get(
        reverse("desk:review", args=[spanish.story_id, "es"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    section = page[page.index('class="terminology-check"') :]
    assert "“pronto-socorro” should read “servicio de urgencias”" in section
    assert f'href="#segment-{queue.position}"' in section
    assert "listo-socorro" in section


def test_a_consistent_story_raises_nothing(spanish):
    assert inconsistencies(rows(spanish), "pt", "es") == []  # no glossary term yet


def test_term_spans_mark_the_term_on_both_sides(spanish):
    add_term()
    ReapplyTerm(GlossaryEntry.objects.get()).execute()
    row = by_text(spanish, "O pronto-socorro")
    spans = term_spans(rows(spanish), "pt", "es")
    assert spans[row.pk] == {"source": ["pronto-socorro"], "target": [RENDERING]}
    costs = by_text(spanish, "As obras")
    assert costs.pk not in spans


def test_adding_a_term_on_the_desk_offers_it_to_the_open_drafts_it_reaches(client, spanish, editor):
    touched = by_text(spanish, "A fila")
    SaveSegment(
        touched, "La fila llegó a tres horas en el listo-socorro.", editor, text_version(touched)
    ).execute()
    client.force_login(editor)
    response = client.post(
        reverse("desk:terms"),
        {
            "term": "pronto-socorro",
            "rendering": RENDERING,
            "source_language": "pt",
            "target_language": "es",
        },
    )
    entry = GlossaryEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("desk:term_apply", args=[entry.pk])
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert str(spanish.story) in page
    row = page[page.index(f'data-edition="{spanish.pk}"') :].split("</tr>")[0]
    assert "<td>2</td><td>1</td>" in row  # two paragraphs drafted again, one flagged
    assert GlossaryEntry.objects.count() == 1
    assert "listo-socorro" in Edition.objects.get(pk=spanish.pk).body  # nothing changed yet


def test_confirming_applies_the_term_in_the_background_and_never_overwrites_a_person(
    client, spanish, editor, translator, django_capture_on_commit_callbacks
):
    touched = by_text(spanish, "A fila")
    human = "La cola en el listo-socorro llegó a tres horas, dijo la enfermera Lúcia Prado."
    SaveSegment(touched, human, translator, text_version(touched)).execute()
    confirmed = by_text(spanish, "A prefeitura")
    confirm(confirmed, translator)
    entry = add_term()
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("desk:term_apply", args=[entry.pk]))
    assert response.status_code == 302
    assert "listo-socorro" in Edition.objects.get(pk=spanish.pk).body  # not in the request
    run_worker()

    untouched = by_text(spanish, "O pronto-socorro")
    assert RENDERING in untouched.machine_text and untouched.human_text is None
    assert "listo-socorro" not in untouched.text
    touched.refresh_from_db()
    assert touched.human_text == human
    assert any(i["check"] == TERMINOLOGY and RENDERING in i["message"] for i in touched.issues)
    assert not touched.issues_acknowledged
    confirmed_after = by_text(spanish, "A prefeitura")
    assert confirmed_after.text == confirmed.text
    assert any(i["check"] == TERMINOLOGY for i in confirmed_after.issues)
    body = Edition.objects.get(pk=spanish.pk).body
    assert RENDERING in body and human in body


def test_the_flag_shows_on_the_desk_next_to_the_paragraph(client, spanish, translator, editor):
    touched = by_text(spanish, "A fila")
    SaveSegment(
        touched, "La cola en el listo-socorro.", translator, text_version(touched)
    ).execute()
    ReapplyTerm(add_term(), editor).execute()
    client.force_login(translator)
    page = client.get(
        reverse("desk:review", args=[spanish.story_id, "es"]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    segment = page[page.index(f'id="segment-{touched.position}"') :]
    segment = segment.split(f'id="segment-{touched.position + 1}"')[0]
    assert (
        "The glossary changed after this was written: “pronto-socorro” → “servicio de urgencias”."
        in segment
    )


def test_a_published_translation_every_paragraph_of_which_is_confirmed_is_left_alone(
    spanish, translator
):
    for row in rows(spanish):
        confirm(row, translator)
    spanish.status = Edition.Status.PUBLISHED
    spanish.save()
    assert affected(add_term().as_term()) == []


def test_a_published_translation_with_unconfirmed_paragraphs_is_still_open(spanish):
    spanish.status = Edition.Status.PUBLISHED
    spanish.save()
    found = affected(add_term().as_term())
    assert [a.edition.pk for a in found] == [spanish.pk]
    assert len(found[0].redraft) == 3


def test_saving_a_term_in_the_admin_leads_to_the_offer(client, editor, spanish):
    client.force_login(editor)
    response = client.post(
        reverse("admin:translation_glossaryentry_add"),
        {
            "term": "pronto-socorro",
            "rendering": RENDERING,
            "source_language": "pt",
            "target_language": "es",
            "note": "",
        },
    )
    entry = GlossaryEntry.objects.get()
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("desk:term_apply", args=[entry.pk]))
    page = client.get(response["Location"]).content.decode()
    assert f'data-edition="{spanish.pk}"' in page


def test_a_translator_without_glossary_rights_cannot_apply_a_term(client, spanish, translator):
    entry = add_term()
    client.force_login(translator)
    assert client.get(reverse("desk:term_apply", args=[entry.pk])).status_code == 403
    assert client.post(reverse("desk:term_apply", args=[entry.pk])).status_code == 403
    assert client.post(reverse("desk:terms"), {"term": "x", "rendering": "y"}).status_code == 403


@pytest.mark.parametrize("persona", ["reporter", "outsider"])
def test_people_without_the_desk_cannot_see_the_glossary_pages(client, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("desk:terms")).status_code == 403


def test_a_tampered_term_id_is_a_404(client, editor):
    client.force_login(editor)
    assert client.get(reverse("desk:term_apply", args=[999999])).status_code == 404
    assert client.get("/desk/terms/99999999999999999999/apply/").status_code == 404


def test_the_review_page_marks_the_term_on_both_sides(client, spanish, translator):
    add_term()
    ReapplyTerm(GlossaryEntry.objects.get()).execute()
    client.force_login(translator)

    page = client.get(
        reverse("desk:review", kwargs={"story_id": spanish.story_id, "language": "es"})
    ).content.decode()

    assert '<mark class="term">pronto-socorro</mark>' in page
    assert f'<mark class="term">{RENDERING}</mark>' in page
