"""The desk's pages: who may see them, the stories × languages table, the review page."""

import re

import pytest
from django.urls import reverse

from prensa.desk.actions import DraftEdition, source_version, text_version
from prensa.desk.models import DraftJob, Segment
from prensa.newsroom.models import Edition

from .conftest import run_worker, source_of

pytestmark = pytest.mark.django_db


def test_anonymous_readers_are_sent_to_log_in(client, english_story):
    response = client.get(reverse("desk:index"))
    assert response.status_code == 302 and "login" in response["Location"]


@pytest.mark.parametrize("persona", ["outsider", "reporter"])
def test_people_without_desk_permissions_get_403(client, english_story, persona, request):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("desk:index")).status_code == 403
    url = reverse("desk:review", args=[english_story.pk, "es"])
    assert client.get(url).status_code == 403
    assert client.post(reverse("desk:draft"), {"story": english_story.pk}).status_code == 403


@pytest.mark.parametrize("persona", ["translator", "editor"])
def test_translators_and_editors_see_the_table(client, english_story, persona, request):
    client.force_login(request.getfixturevalue(persona))
    page = client.get(reverse("desk:index")).content.decode()
    assert 'data-language="en" data-state="original"' in page
    assert 'data-language="pt" data-state="missing"' in page


def test_the_table_costs_the_same_queries_for_5_and_40_stories(
    client, editor, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from tests.factories import make_story

    client.force_login(editor)
    counts = []
    for total in (5, 40):
        while Edition.objects.filter(language="en").count() < total:
            make_story()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(reverse("desk:index")).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_one_action_queues_every_missing_edition_of_the_selected_stories(
    client, editor, english_story, django_capture_on_commit_callbacks
):
    client.force_login(editor)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("desk:draft"), {"story": [english_story.pk]})
    assert response.status_code == 302
    assert sorted(DraftJob.objects.values_list("language", flat=True)) == ["es", "pt"]
    run_worker()
    page = client.get(reverse("desk:index")).content.decode()
    assert 'data-language="pt" data-state="machine"' in page
    assert 'data-language="es" data-state="machine"' in page


def test_a_pair_without_an_engine_is_refused_in_the_translators_language(
    client, editor, english_story, settings
):
    settings.PRENSA_MT_ENGINES = {"en-pt": [], "*": ["apertium"]}
    client.force_login(editor)
    response = client.post(
        reverse("desk:draft"), {"story": [english_story.pk]}, HTTP_ACCEPT_LANGUAGE="pt", follow=True
    )
    assert response.status_code == 200
    assert "Nenhum motor de tradução está configurado de inglês para português" in (
        response.content.decode()
    )
    assert list(DraftJob.objects.values_list("language", flat=True)) == ["es"]


def test_the_review_page_shows_source_beside_draft_with_states(client, translator, english_story):
    DraftEdition(english_story, "es").execute()
    client.force_login(translator)
    page = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    assert page.count('data-state="machine"') == 7
    assert "More than 250,000 people fled" in page
    assert "250.000" in page


def test_the_review_page_flags_a_stale_paragraph_with_the_source_diff(
    client, translator, english_story
):
    DraftEdition(english_story, "es").execute()
    source = source_of(english_story)
    source.body = source.body.replace("cost $2.3 million", "cost $2.4 million")
    source.save()
    client.force_login(translator)
    page = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    assert page.count('data-state="stale"') == 1
    assert "<del>$2.3</del>" in page and "<ins>$2.4</ins>" in page


def test_saving_and_reviewing_a_segment_through_the_form(client, translator, english_story):
    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=0)
    client.force_login(translator)
    response = client.post(
        reverse("desk:segment", args=[row.pk]),
        {
            "text": "El agua vuelve a Tell Ruman",
            "action": "review",
            "based_on": text_version(row),
            "source_based_on": source_version(row),
        },
    )
    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.human_text, row.state) == ("El agua vuelve a Tell Ruman", "reviewed")
    assert Edition.objects.get(pk=edition.pk).headline == "El agua vuelve a Tell Ruman"


def test_an_empty_translation_is_refused_with_a_message(client, translator, english_story):
    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=2)
    client.force_login(translator)
    response = client.post(reverse("desk:segment", args=[row.pk]), {"text": "  "})
    assert response.status_code == 400
    assert "cannot be empty" in response.content.decode()
    row.refresh_from_db()
    assert row.human_text is None


def test_the_desk_forms_carry_csrf_protection(english_story, translator):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(translator)
    assert strict.post(reverse("desk:draft"), {"story": english_story.pk}).status_code == 403


def test_a_story_id_no_database_could_hold_selects_nothing(client, editor, english_story):
    client.force_login(editor)
    response = client.post(reverse("desk:draft"), {"story": ["99999999999999999999", "²"]})
    assert response.status_code == 302
    assert not DraftJob.objects.exists()


def test_an_id_too_large_for_the_database_is_404_not_500(client, editor):
    client.force_login(editor)
    huge = "9" * 20
    assert client.get(f"/desk/stories/{huge}/es/").status_code == 404
    assert client.post(f"/desk/stories/{huge}/es/publish/").status_code == 404
    assert client.post(f"/desk/segments/{huge}/", {"text": "x"}).status_code == 404


def test_unknown_story_or_language_is_404(client, translator, english_story):
    client.force_login(translator)
    assert client.get(reverse("desk:review", args=[999999, "es"])).status_code == 404
    assert client.get(reverse("desk:review", args=[english_story.pk, "fr"])).status_code == 404


def test_two_translators_cannot_silently_overwrite_each_other(client, translator, english_story):
    from prensa.desk.actions import text_version

    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=3)
    started_from = text_version(row)
    client.force_login(translator)
    url = reverse("desk:segment", args=[row.pk])
    first = client.post(url, {"text": "Primera versión de Ana.", "based_on": started_from})
    assert first.status_code == 302
    second = client.post(url, {"text": "Versión de Beto.", "based_on": started_from})
    assert second.status_code == 409
    page = second.content.decode()
    assert "Someone else changed this paragraph" in page
    assert "Versión de Beto." in page  # Beto's words are in the box, not lost
    row.refresh_from_db()
    assert row.human_text == "Primera versión de Ana."


def test_a_translator_can_take_the_new_machine_suggestion_for_a_stale_paragraph(
    client, translator, english_story
):
    from prensa.desk.actions import SaveSegment, text_version

    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=5)
    SaveSegment(row, "La estación se construyó en 1982.", translator, text_version(row)).execute()
    source = source_of(english_story)
    source.body = source.body.replace("built in 1982", "built in 1983")
    source.save()
    DraftEdition(english_story, "es").execute()
    row.refresh_from_db()
    assert row.state == "stale" and "1983" in row.machine_text
    client.force_login(translator)
    page = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    assert "Use the suggestion instead of my text" in page
    client.post(
        reverse("desk:segment", args=[row.pk]),
        {"use_suggestion": "1", "based_on": text_version(row)},
    )
    row.refresh_from_db()
    assert row.human_text is None and "1983" in row.text


def test_text_for_a_paragraph_deleted_meanwhile_is_shown_back_not_lost(
    client, translator, english_story
):
    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=6)
    source = source_of(english_story)
    source.body = "\n\n".join(source.body.split("\n\n")[:-1])  # the last paragraph goes
    source.save()
    client.force_login(translator)
    response = client.post(
        reverse("desk:segment", args=[row.pk]),
        {"text": "Mi traducción cuidadosa.", "story": english_story.pk, "language": "es"},
    )
    assert response.status_code == 409
    assert "Mi traducción cuidadosa." in response.content.decode()
    assert client.post(reverse("desk:segment", args=[row.pk]), {"text": "x"}).status_code == 404


def test_the_desk_can_show_only_the_stories_that_need_work(client, editor, english_story):
    from tests.factories import make_story

    done = make_story()  # every edition there, nothing stale
    drafted = make_story(languages=("en",))
    for language in ("pt", "es"):
        DraftEdition(drafted, language).execute()
    stale = make_story(languages=("en",))
    DraftEdition(stale, "pt").execute()
    DraftEdition(stale, "es").execute()
    source = source_of(stale)
    source.body = source.body.replace("250,000", "260,000")
    source.save()

    client.force_login(editor)
    page = client.get(reverse("desk:index"), {"show": "needs-work"}).content.decode()
    shown = {int(pk) for pk in re.findall(r'data-story="(\d+)"', page)}
    assert shown == {english_story.pk, stale.pk}
    assert done.pk not in shown and drafted.pk not in shown


def test_the_status_of_a_draft_being_made_can_be_polled(
    client, translator, english_story, django_capture_on_commit_callbacks
):
    from prensa.desk.tasks import enqueue_draft

    client.force_login(translator)
    url = reverse("desk:status", args=[english_story.pk, "es"])
    with django_capture_on_commit_callbacks(execute=True):
        enqueue_draft(english_story, "es", translator)
    queued = client.get(url)
    assert queued["Cache-Control"] == "no-store"
    assert queued.json() == {"state": "queued", "active": True}
    page = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    assert "data-job-active" in page and "reload the page" in page

    run_worker()
    done = client.get(url).json()
    assert (done["state"], done["active"]) == ("machine", False)
    page = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    assert "data-job-active" not in page


def test_the_status_is_for_desk_staff_only(client, outsider, english_story):
    url = reverse("desk:status", args=[english_story.pk, "es"])
    assert client.get(url).status_code == 302
    client.force_login(outsider)
    assert client.get(url).status_code == 403


def test_the_status_of_an_unknown_story_or_language_is_404(client, translator, english_story):
    client.force_login(translator)
    assert client.get(reverse("desk:status", args=[english_story.pk, "xx"])).status_code == 404
    assert client.get(reverse("desk:status", args=[english_story.pk + 99, "es"])).status_code == 404


def test_fidelity_warnings_and_states_read_in_the_translators_language(
    client, translator, english_story
):
    DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition__language="es", position=3)  # "More than 250,000 people…"
    client.force_login(translator)
    client.post(
        reverse("desk:segment", args=[row.pk]),
        {"text": "Muchas personas huyeron de la zona.", "based_on": text_version(row)},
    )

    page = client.get(
        reverse("desk:review", args=[english_story.pk, "es"]), HTTP_ACCEPT_LANGUAGE="pt"
    ).content.decode()
    assert "Números ausentes: 250,000, 2012." in page
    assert ">editado, não confirmado</span>" in page
    refused = client.post(
        reverse("desk:segment", args=[row.pk]),
        {
            "text": "Muchas personas huyeron de la zona.",
            "based_on": text_version(Segment.objects.get(pk=row.pk)),
            "source_based_on": source_version(row),
            "action": "review",
        },
        HTTP_ACCEPT_LANGUAGE="es",
    )
    assert "Faltan números: 250,000, 2012." in refused.content.decode()


@pytest.mark.parametrize("story", ["abc", "1.5", "-1", "", "99999999999999999999", "²"])
def test_a_save_for_a_vanished_paragraph_with_a_tampered_story_is_404_not_500(
    client, translator, english_story, story
):
    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=6)
    url = reverse("desk:segment", args=[row.pk])
    row.delete()  # gone, as when the source lost that paragraph
    client.force_login(translator)
    response = client.post(
        url,
        {"text": "Mi traducción.", "story": story, "language": "es"},
    )
    assert response.status_code == 404


def test_a_save_that_does_not_say_which_version_it_edits_is_refused_and_the_text_kept(
    client, translator, english_story
):
    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=2)
    client.force_login(translator)
    for based_on in ({}, {"based_on": ""}):
        response = client.post(
            reverse("desk:segment", args=[row.pk]),
            {"text": "Texto de Ana que no debe perderse.", **based_on},
        )
        assert response.status_code == 400
        page = response.content.decode()
        assert "did not say which version of the paragraph it changes" in page
        assert "Texto de Ana que no debe perderse." in page  # kept in the box
        assert f'name="based_on" value="{text_version(row)}"' in page  # saving again works
    row.refresh_from_db()
    assert row.human_text is None


def test_every_desk_form_that_sends_text_says_which_version_it_edits(
    client, translator, english_story
):
    from prensa.desk.actions import SaveSegment

    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=5)
    SaveSegment(row, "La estación se construyó en 1982.", translator, text_version(row)).execute()
    source = source_of(english_story)
    source.body = source.body.replace("built in 1982", "built in 1983")
    source.save()
    DraftEdition(english_story, "es").execute()  # a stale paragraph offers the suggestion
    client.force_login(translator)
    page = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    forms = re.findall(
        r'<form method="post" action="/desk/segments/\d+/"[^>]*>.*?</form>', page, re.S
    )
    assert len(forms) == Segment.objects.filter(edition=edition).count() + 1
    assert all(re.search(r'name="based_on" value="[0-9a-f]{16}"', form) for form in forms)


def test_a_paragraph_too_long_to_save_is_refused_with_the_text_kept(
    client, translator, english_story
):
    import time

    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=2)
    client.force_login(translator)
    word = "Tell-Ruman" * 20_000  # one 200,000-character word
    start = time.perf_counter()
    response = client.post(
        reverse("desk:segment", args=[row.pk]),
        {"text": word, "based_on": text_version(row), "action": "review"},
    )
    assert time.perf_counter() - start < 10
    assert response.status_code == 400
    page = response.content.decode()
    assert "A paragraph can have at most 10,000 characters; this one has 200,000." in page
    assert word in page
    row.refresh_from_db()
    assert row.human_text is None and row.state == "machine"


def test_a_stale_paragraph_too_long_to_compare_is_shown_whole(client, translator, english_story):
    import time

    edition = DraftEdition(english_story, "es").execute()
    row = Segment.objects.get(edition=edition, position=3)
    words = [f"palabra{n % 97}" for n in range(6_000)]
    row.previous_source_text = " ".join(words)
    row.source_text = " ".join(reversed(words))  # ~50,000 characters each, nothing in order
    row.state = "stale"
    row.save()
    client.force_login(translator)
    start = time.perf_counter()
    page = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    assert time.perf_counter() - start < 10
    assert row.source_text in page and "<del>" not in page
