"""The story's admin page: no status to type in, transition buttons, the story's timeline."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse

from prensa.newsroom.models import Edition
from prensa.workflow.models import TransitionLog
from tests.pages import parse
from tests.test_admin_fuzz import open_form
from tests.workflow.conftest import edition

pytestmark = pytest.mark.django_db

Status = Edition.Status


@pytest.fixture
def admin_client(client, db):
    client.force_login(User.objects.create_superuser("chief", "chief@example.org", "pw"))
    return client


def change_url(story) -> str:
    return reverse("admin:newsroom_story_change", args=[story.pk])


def transition(client, story, language, action, **extra):
    return client.post(
        reverse("admin:newsroom_story_transition", args=[story.pk]),
        {"edition": edition(story, language).pk, "action": action, **extra},
    )


def test_the_status_is_shown_not_edited(admin_client, story):
    page = admin_client.get(change_url(story)).content.decode()
    assert 'name="editions-0-status"' not in page
    assert 'name="editions-0-published_at_0"' not in page


def test_saving_the_form_with_a_status_in_it_does_not_change_the_status(admin_client, story):
    data = open_form(admin_client, change_url(story), type(story))
    data.update({"editions-0-status": ["published"], "_save": ["Save"]})
    response = admin_client.post(change_url(story), data)
    assert response.status_code == 302
    assert {e.status for e in story.editions.all()} == {Status.DRAFT}


def test_each_edition_has_the_buttons_of_its_state(admin_client, story):
    page = parse(admin_client.get(change_url(story)).content)
    workflow = page.one("div", id="workflow")
    buttons = [b.attrs["value"] for b in workflow.find_all("button")]
    assert buttons.count("submit") == 3 and buttons.count("kill") == 3
    assert "publish" not in buttons


def test_a_button_moves_the_edition_and_the_timeline_shows_it(admin_client, story):
    response = transition(admin_client, story, "pt", "submit", note="Pronto para revisão")
    assert response.status_code == 302 and response["Location"] == change_url(story)
    assert edition(story, "pt").status == Status.IN_REVIEW
    page = admin_client.get(change_url(story)).content.decode()
    assert "The PT edition was submitted for review." in page
    timeline = parse(page).one("section", class_="workflow-timeline")
    entry = timeline.one("li", data_transition="submit")
    assert "chief" in entry.text and "Pronto para revisão" in entry.text


def test_a_refused_button_says_why_and_changes_nothing(admin_client, story):
    transition(admin_client, story, "en", "publish")
    page = admin_client.get(change_url(story)).content.decode()
    assert "“Publish” is not possible for an edition that is draft" in page
    assert edition(story).status == Status.DRAFT and not TransitionLog.objects.exists()


def test_scheduling_in_the_past_from_the_admin_is_refused(admin_client, story):
    Edition.objects.filter(story=story).update(status=Status.READY)
    transition(admin_client, story, "en", "schedule", at="2001-01-01T10:00")
    page = admin_client.get(change_url(story)).content.decode()
    assert "scheduling in the past is not possible" in page
    assert edition(story).status == Status.READY


def test_someone_who_may_not_make_a_transition_gets_a_403(client, story, translator):
    client.force_login(translator)
    assert transition(client, story, "en", "kill").status_code == 403
    assert edition(story).status == Status.DRAFT


def test_a_transition_is_a_post(admin_client, story):
    url = reverse("admin:newsroom_story_transition", args=[story.pk])
    assert admin_client.get(url).status_code == 405


def test_an_edition_of_another_story_is_not_found(admin_client, story):
    from tests.factories import make_story

    other = make_story(status=Status.DRAFT)
    response = admin_client.post(
        reverse("admin:newsroom_story_transition", args=[story.pk]),
        {"edition": edition(other).pk, "action": "submit"},
    )
    assert response.status_code == 404
    assert edition(other).status == Status.DRAFT


def test_changing_a_published_edition_in_the_admin_is_logged_as_an_update(admin_client):
    from tests.factories import make_story

    story = make_story(languages=("en",))
    data = open_form(admin_client, change_url(story), type(story))
    data.update({"editions-0-headline": ["Ferry service resumes, with two more boats"]})
    data["_save"] = ["Save"]
    assert admin_client.post(change_url(story), data).status_code == 302
    en = edition(story)
    assert (en.status, en.headline) == (
        Status.UPDATED,
        "Ferry service resumes, with two more boats",
    )
    entry = TransitionLog.objects.get(edition=en)
    assert (entry.action, entry.from_state, entry.user.username) == ("update", "published", "chief")
    assert entry.note == "Changed in the admin while published."


def test_saving_a_published_edition_unchanged_logs_nothing(admin_client):
    from tests.factories import make_story

    story = make_story(languages=("en",))
    data = open_form(admin_client, change_url(story), type(story))
    data["_save"] = ["Save"]
    assert admin_client.post(change_url(story), data).status_code == 302
    assert edition(story).status == Status.PUBLISHED and not TransitionLog.objects.exists()
