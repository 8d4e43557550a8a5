"""Every save of an edition, whoever makes it, leaves a revision with who, when and what."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from prensa.desk.actions import DraftEdition, SaveSegment, text_version
from prensa.history.models import EditionRevision
from prensa.newsroom.models import Edition
from tests.desk.conftest import rows, source_of
from tests.factories import make_story
from tests.test_admin import editions_prefix, story_form_data

pytestmark = pytest.mark.django_db


def revisions(edition: Edition) -> list:
    return list(EditionRevision.objects.filter(id=edition.pk).order_by("history_id"))


def test_a_new_edition_starts_its_history_with_one_revision():
    edition = make_story(languages=("en",)).edition_for("en")

    (first,) = revisions(edition)
    assert (first.revision, first.headline, first.history_type) == (1, edition.headline, "+")


def test_a_save_made_in_the_admin_is_recorded_with_the_editor_who_made_it(client, editor):
    client.force_login(editor)
    story = make_story(languages=("en",), status=Edition.Status.DRAFT)
    url, data = story_form_data(client, story)
    prefix = editions_prefix(data, "en")
    data[f"{prefix}headline"] = ["Bridge reopens after a year of repairs"]

    assert client.post(url, {**data, "_save": "Save"}).status_code == 302

    last = revisions(story.edition_for("en"))[-1]
    assert last.headline == "Bridge reopens after a year of repairs"
    assert last.revision == 2 and last.status == Edition.Status.DRAFT
    assert last.history_user == editor


def test_a_translators_save_at_the_desk_is_recorded_with_their_name(
    client, translator, english_story
):
    draft = DraftEdition(english_story, "es").execute()
    row = rows(draft)[2]
    client.force_login(translator)

    response = client.post(
        reverse("desk:segment", args=[row.pk]),
        {"text": "El agua volvió a Tell Ruman el martes.", "based_on": text_version(row)},
    )

    assert response.status_code == 302
    last = revisions(draft)[-1]
    assert "El agua volvió a Tell Ruman el martes." in last.body
    assert last.history_user == translator


def test_the_worker_and_the_command_line_save_as_the_system(english_story):
    draft = DraftEdition(english_story, "pt").execute()  # as the worker runs it: no user
    source = source_of(english_story)
    source.standfirst = "Families return as the pumping station reopens."
    source.save()  # as a management command would

    assert revisions(draft)[-1].history_user is None
    assert revisions(source)[-1].standfirst == "Families return as the pumping station reopens."
    assert revisions(source)[-1].history_user is None


def test_each_save_adds_exactly_one_insert_for_its_revision(english_story):
    source = Edition.objects.get(pk=source_of(english_story).pk)
    source.headline = "Water is back in Tell Ruman"

    with CaptureQueriesContext(connection) as queries:
        source.save()

    inserts = [q["sql"] for q in queries if q["sql"].startswith("INSERT")]
    assert len(inserts) == 1 and "history_historicaledition" in inserts[0]


def test_a_desk_save_records_one_revision_per_save_numbered_in_order(translator, english_story):
    draft = DraftEdition(english_story, "es").execute()
    before = draft.revision
    for position, words in ((2, "Primera frase."), (3, "Segunda frase.")):
        row = rows(draft)[position]
        SaveSegment(row, words, translator, based_on=text_version(row)).execute()

    numbers = [r.revision for r in revisions(draft)]
    assert numbers[-2:] == [before + 1, before + 2]
