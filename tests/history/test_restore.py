"""Restoring a revision writes its words back as a new revision; the others all stay."""

import pytest
from django.contrib.auth.models import Permission, User
from django.urls import reverse

from prensa.desk.actions import DraftEdition, SaveSegment, text_version
from prensa.desk.models import Segment
from prensa.history.models import EditionRevision
from prensa.history.revisions import RestoreRevision, RevisionError
from prensa.newsroom.models import Edition
from prensa.staff.models import LanguageAssignment
from tests.desk.conftest import rows
from tests.factories import make_story
from tests.pages import parse

pytestmark = pytest.mark.django_db


def records(edition: Edition) -> list:
    return list(EditionRevision.objects.filter(id=edition.pk).order_by("history_id"))


def edit(edition: Edition, **fields) -> Edition:
    edition = Edition.objects.get(pk=edition.pk)
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.save()
    return edition


def restore(client, edition: Edition, record, expected=None):  # type: ignore[no-untyped-def]
    url = reverse("history:restore", args=[edition.story_id, edition.language])
    data = {"revision": record.history_id}
    if expected != "omit":
        data["expected_revision"] = expected or Edition.objects.get(pk=edition.pk).revision
    return client.post(url, data)


@pytest.fixture
def edited(db):
    """An English edition saved twice after it was written: three revisions."""
    edition = make_story(languages=("en",)).edition_for("en")
    edit(edition, headline="Bridge closes for repairs")
    return edit(edition, headline="Bridge closes for a year of repairs")


def test_restoring_an_old_revision_makes_a_new_one_and_keeps_the_others(client, editor, edited):
    created, closes, _year = records(edited)
    client.force_login(editor)

    response = restore(client, edited, closes)

    assert response.status_code == 302
    edition = Edition.objects.get(pk=edited.pk)
    assert edition.headline == "Bridge closes for repairs"
    assert edition.revision == 4
    history = records(edition)
    assert [r.headline for r in history] == [
        created.headline,
        "Bridge closes for repairs",
        "Bridge closes for a year of repairs",
        "Bridge closes for repairs",
    ]
    assert history[-1].history_user == editor
    page = parse(client.get(response["Location"]).content)
    assert "restored revision 2" in page.one("tr", id=f"revision-{history[-1].history_id}").text


def test_restoring_a_revision_of_another_edition_is_refused_and_changes_nothing(
    client, editor, edited
):
    other = make_story(languages=("en",)).edition_for("en")
    foreign = edit(other, headline="Words from another story")
    client.force_login(editor)
    before = records(edited)

    response = restore(client, edited, records(foreign)[0])

    assert response.status_code == 400
    assert "belongs to another edition" in response.content.decode()
    assert Edition.objects.get(pk=edited.pk).headline == "Bridge closes for a year of repairs"
    assert records(edited) == before


def test_a_revision_that_does_not_exist_is_a_404(client, editor, edited):
    client.force_login(editor)
    url = reverse("history:restore", args=[edited.story_id, "en"])

    response = client.post(url, {"revision": "999999999", "expected_revision": edited.revision})

    assert response.status_code == 404
    assert "no such revision" in response.content.decode()


def test_a_restore_that_does_not_say_which_revision_it_replaces_is_refused(client, editor, edited):
    client.force_login(editor)

    response = restore(client, edited, records(edited)[1], expected="omit")

    assert response.status_code == 400
    assert Edition.objects.get(pk=edited.pk).revision == edited.revision


def test_a_restore_from_a_page_opened_before_someone_saved_is_refused(client, editor, edited):
    opened_at = edited.revision
    edit(edited, headline="Bridge reopens early")
    client.force_login(editor)

    response = restore(client, edited, records(edited)[1], expected=opened_at)

    assert response.status_code == 409
    assert "Someone saved this edition after you opened the history" in response.content.decode()
    assert Edition.objects.get(pk=edited.pk).headline == "Bridge reopens early"


def test_a_translator_cannot_restore_a_language_not_assigned_to_them(client, edited):
    story = edited.story
    spanish = edit(
        Edition.objects.create(story=story, language="es", headline="Cierra el puente"),
        headline="Cierra el puente por obras",
    )
    user = User.objects.create_user("lucia", "lucia@example.org", "pw", is_staff=True)
    for codename in ("view_edition", "change_edition"):
        user.user_permissions.add(Permission.objects.get(codename=codename))
    LanguageAssignment.objects.create(user=user, language="pt")
    client.force_login(user)

    response = restore(client, spanish, records(spanish)[0])

    assert response.status_code == 403
    assert Edition.objects.get(pk=spanish.pk).headline == "Cierra el puente por obras"


def test_the_action_refuses_a_revision_that_already_reads_as_the_edition(edited):
    with pytest.raises(RevisionError) as refused:
        RestoreRevision(edited, records(edited)[-1].history_id, None, edited.revision).execute()

    assert refused.value.status == 409


def test_a_restored_translation_is_what_the_desk_shows(client, editor, translator, english_story):
    draft = DraftEdition(english_story, "es").execute()
    row = rows(draft)[3]
    SaveSegment(
        row, "Más de 250.000 personas huyeron en 2012.", translator, text_version(row)
    ).execute()
    kept = records(draft)[-1]
    row = Segment.objects.get(pk=row.pk)
    SaveSegment(
        row, "Más de 250.000 huyeron en 2012, dijo la oficina.", translator, text_version(row)
    ).execute()
    client.force_login(editor)

    assert restore(client, draft, kept).status_code == 302

    row = Segment.objects.get(pk=row.pk)
    assert row.text == "Más de 250.000 personas huyeron en 2012."
    desk = parse(client.get(reverse("desk:review", args=[english_story.pk, "es"])).content)
    box = desk.one("textarea", id=f"text-{row.pk}")
    assert box.raw_text == "Más de 250.000 personas huyeron en 2012."
    # The next desk save keeps building on the restored words, not on the replaced ones.
    SaveSegment(row, row.text + " Fin.", translator, text_version(row)).execute()
    assert "personas huyeron en 2012. Fin." in Edition.objects.get(pk=draft.pk).body


def test_restoring_the_source_marks_only_the_restored_paragraph_of_a_translation_stale(
    editor, english_story
):
    source = Edition.objects.get(story=english_story, language="en")
    draft = DraftEdition(english_story, "es").execute()
    before = records(source)[-1]
    source.body = source.body.replace("in 1982", "in 1983")
    source.save()
    DraftEdition(english_story, "es").execute()  # the translation catches up
    assert all(row.state != "stale" for row in rows(draft))

    RestoreRevision(source, before.history_id, editor, source.revision).execute()

    stale = [row.source_text for row in rows(draft) if row.state == "stale"]
    assert stale == ["The station was built in 1982 and cost $2.3 million to repair."]
