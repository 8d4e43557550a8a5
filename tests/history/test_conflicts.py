"""A save from a stale revision shows both versions and keeps the person's words."""

import pytest
from django.urls import reverse

from prensa.desk.actions import ActionError, DraftEdition, SaveSegment, text_version
from prensa.desk.models import Segment
from prensa.newsroom.models import Edition
from tests.desk.conftest import rows
from tests.factories import make_story
from tests.pages import parse
from tests.test_admin import editions_prefix, story_form_data

pytestmark = pytest.mark.django_db


def save_elsewhere(edition: Edition, **fields) -> None:
    edition = Edition.objects.get(pk=edition.pk)
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.save()


def test_a_stale_admin_save_shows_their_version_and_yours_and_keeps_yours(client, editor):
    story = make_story(languages=("en",))
    client.force_login(editor)
    url, data = story_form_data(client, story)  # the editor opens the form…
    prefix = editions_prefix(data, "en")
    save_elsewhere(story.edition_for("en"), headline="Ferry service resumes on Tuesday")
    data[f"{prefix}headline"] = ["Ferry service resumes after storm damage"]

    response = client.post(url, {**data, "_save": "Save"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200  # the form again, nothing saved
    assert story.edition_for("en").headline == "Ferry service resumes on Tuesday"
    doc = parse(response.content)
    conflict = doc.one("div", class_="edition-conflict")
    assert "Someone else saved this edition" in conflict.text
    assert "Ferry service resumes on Tuesday" in conflict.text  # theirs
    assert [d.text for d in conflict.find_all("del")] == ["deleted: on Tuesday"]
    assert [i.text for i in conflict.find_all("ins")] == ["inserted: after storm damage"]
    box = doc.one("input", name=f"{prefix}headline")
    assert box.get("value") == "Ferry service resumes after storm damage"  # yours, kept


def test_saving_again_after_reading_the_conflict_stores_your_version(client, editor):
    story = make_story(languages=("en",))
    client.force_login(editor)
    url, data = story_form_data(client, story)
    prefix = editions_prefix(data, "en")
    save_elsewhere(story.edition_for("en"), standfirst="Their standfirst.")
    data[f"{prefix}standfirst"] = ["My standfirst."]
    refused = parse(client.post(url, {**data, "_save": "Save"}).content)

    again = refused.one("input", name=f"{prefix}expected_revision").get("value")
    response = client.post(url, {**data, f"{prefix}expected_revision": [again], "_save": "Save"})

    assert response.status_code == 302
    assert story.edition_for("en").standfirst == "My standfirst."


def test_an_admin_save_without_the_revision_is_refused_with_both_versions(client, editor):
    story = make_story(languages=("en",))
    client.force_login(editor)
    url, data = story_form_data(client, story)
    prefix = editions_prefix(data, "en")
    del data[f"{prefix}expected_revision"]
    data[f"{prefix}headline"] = ["A headline from a form that lost its revision"]

    response = client.post(url, {**data, "_save": "Save"}, HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 200
    doc = parse(response.content)
    conflict = doc.one("div", class_="edition-conflict")
    assert "does not say which revision" in conflict.text
    assert conflict.find("ins") is not None
    kept = doc.one("input", name=f"{prefix}headline").get("value")
    assert kept == "A headline from a form that lost its revision"
    assert story.edition_for("en").headline != kept


def test_a_stale_desk_save_shows_the_current_words_and_a_diff_with_yours(
    client, translator, english_story
):
    draft = DraftEdition(english_story, "es").execute()
    row = rows(draft)[3]
    started_from = text_version(row)
    SaveSegment(row, "Más de 250.000 personas huyeron en 2012.", translator, started_from).execute()
    client.force_login(translator)

    response = client.post(
        reverse("desk:segment", args=[row.pk]),
        {"text": "Más de 250.000 vecinos huyeron en 2012.", "based_on": started_from},
    )

    assert response.status_code == 409
    doc = parse(response.content)
    conflict = doc.one("div", class_="segment__conflict")
    assert [d.text for d in conflict.find_all("del")] == ["deleted: personas"]
    assert [i.text for i in conflict.find_all("ins")] == ["inserted: vecinos"]
    assert doc.one("textarea", id=f"text-{row.pk}").raw_text == (
        "Más de 250.000 vecinos huyeron en 2012."
    )
    assert Segment.objects.get(pk=row.pk).text == "Más de 250.000 personas huyeron en 2012."


def test_a_desk_save_of_a_paragraph_deleted_meanwhile_is_refused(english_story, translator):
    draft = DraftEdition(english_story, "es").execute()
    row = rows(draft)[3]
    started_from = text_version(row)
    Segment.objects.filter(pk=row.pk).delete()  # e.g. the edition was drafted again

    with pytest.raises(ActionError) as refused:
        SaveSegment(row, "Más de 250.000 vecinos.", translator, started_from).execute()

    assert refused.value.status == 409
