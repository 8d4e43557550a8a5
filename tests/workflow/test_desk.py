"""The workflow at the desk: the story's timeline on the review page, transition buttons,
scheduling a whole story, and the desk's old publication records kept in the log."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prensa.desk.actions import PublishEdition
from prensa.newsroom.models import Edition
from prensa.workflow.models import TransitionLog
from tests.desk.conftest import EN_BODY
from tests.factories import make_story
from tests.pages import parse
from tests.workflow.conftest import edition, person

pytestmark = pytest.mark.django_db

Status = Edition.Status


@pytest.fixture
def desk_editor(db):
    return person(
        "deskeditor",
        "desk.view_segment",
        "desk.add_segment",
        "desk.change_segment",
        "newsroom.change_edition",
        "newsroom.publish_edition",
        "newsroom.review_edition",
    )


def review_url(story, language="en") -> str:
    return reverse("desk:review", args=[story.pk, language])


def test_the_review_page_shows_the_state_buttons_and_the_storys_timeline(
    client, story, desk_editor
):
    client.force_login(desk_editor)
    client.post(
        reverse("desk:transition", args=[story.pk, "es"]), {"action": "submit", "note": "listo"}
    )
    page = parse(client.get(review_url(story)).content)
    assert page.one("strong", data_workflow_state="draft")
    panel = page.one("section", class_="desk-workflow")
    buttons = [b.attrs["value"] for b in panel.find_all("button", name="action")]
    assert panel.find("input", name="at", id="workflow-story-at")  # the whole story, too
    assert buttons == ["submit"]  # no kill: this editor may not
    timeline = page.one("section", class_="workflow-timeline")
    entry = timeline.one("li", data_transition="submit")  # the Spanish edition, on the English page
    assert "ES" in entry.text and "deskeditor" in entry.text and "listo" in entry.text


def test_a_refused_transition_at_the_desk_says_why(client, story, desk_editor):
    client.force_login(desk_editor)
    response = client.post(
        reverse("desk:transition", args=[story.pk, "en"]), {"action": "unpublish"}, follow=True
    )
    assert "“Unpublish” is not possible for an edition that is draft" in response.content.decode()
    assert edition(story).status == Status.DRAFT


def test_a_transition_the_person_may_not_make_is_a_403(client, story, desk_editor):
    client.force_login(desk_editor)
    response = client.post(reverse("desk:transition", args=[story.pk, "en"]), {"action": "kill"})
    assert response.status_code == 403
    assert edition(story).status == Status.DRAFT


def test_the_desk_schedules_every_edition_of_a_story_for_one_time(client, story, desk_editor):
    Edition.objects.filter(story=story).update(status=Status.READY)
    at = (timezone.localtime() + timedelta(hours=2)).replace(second=0, microsecond=0)
    client.force_login(desk_editor)
    response = client.post(
        reverse("desk:schedule_story", args=[story.pk]),
        {"at": at.strftime("%Y-%m-%dT%H:%M"), "language": "pt"},
        follow=True,
    )
    assert "Scheduled: EN, ES, PT." in response.content.decode()
    assert {(e.status, e.published_at) for e in story.editions.all()} == {(Status.SCHEDULED, at)}


def test_scheduling_a_story_in_the_past_at_the_desk_is_refused(client, story, desk_editor):
    Edition.objects.filter(story=story).update(status=Status.READY)
    client.force_login(desk_editor)
    response = client.post(
        reverse("desk:schedule_story", args=[story.pk]), {"at": "2020-01-01T08:00"}, follow=True
    )
    assert "scheduling in the past is not possible" in response.content.decode()
    assert not story.editions.filter(status=Status.SCHEDULED).exists()


def test_publishing_a_desk_draft_submits_it_and_publishes_it_as_two_logged_steps(
    english_story, editor
):
    from prensa.desk.actions import DraftEdition

    draft = DraftEdition(english_story, "es").execute()
    PublishEdition(draft, editor, allow_machine=True).execute()
    steps = TransitionLog.objects.filter(edition=draft).order_by("at", "pk")
    assert [(s.from_state, s.to_state) for s in steps] == [
        ("draft", "in_review"),
        ("in_review", "published"),
    ]
    PublishEdition(draft, editor, allow_machine=True).execute()  # again: an update
    assert Edition.objects.get(pk=draft.pk).status == Status.UPDATED


def test_the_admin_and_the_cli_pass_the_desks_review_gate_too(english_story, editor):
    from django.core.management import CommandError, call_command

    from prensa.desk.actions import DraftEdition
    from prensa.workflow.transitions import Publish, SubmitForReview, TransitionError

    draft = DraftEdition(english_story, "es").execute()
    SubmitForReview(draft, editor).execute()
    with pytest.raises(TransitionError, match="7 paragraphs are not confirmed by a person"):
        Publish(draft, editor).execute()
    with pytest.raises(CommandError, match="not confirmed by a person"):
        call_command("transition", str(draft.pk), "publish")
    call_command("transition", str(draft.pk), "publish", "--allow-machine")
    draft.refresh_from_db()
    assert draft.is_published and draft.origin == Edition.Origin.MACHINE
    assert TransitionLog.objects.get(edition=draft, action="publish").detail["unconfirmed"] == 7


@pytest.mark.django_db(transaction=True)
def test_the_desks_old_publication_records_move_into_the_transition_log():
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    before = [("desk", "0006_paragraphquery"), ("workflow", "0001_initial")]
    executor.migrate(before)
    old = executor.loader.project_state(before).apps
    section = old.get_model("newsroom", "Section").objects.create(
        name_en="Water", name_pt="Água", name_es="Agua", slug_en="w", slug_pt="a", slug_es="g"
    )
    story = old.get_model("newsroom", "Story").objects.create(source_language="en", section=section)
    machine = old.get_model("newsroom", "Edition").objects.create(
        story=story, language="es", headline="Agua", slug="agua", body=EN_BODY
    )
    old.get_model("desk", "EditionEvent").objects.create(
        edition=machine, action="published_machine", detail={"unconfirmed": 3, "flags": []}
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

    entry = TransitionLog.objects.get(edition_id=machine.pk)
    assert (entry.action, entry.to_state) == ("publish", "published")
    assert entry.detail == {"unconfirmed": 3, "flags": [], "machine": True}
    assert entry.described == "published as machine translation"


def test_a_story_with_nothing_waiting_cannot_be_scheduled(client, desk_editor):
    story = make_story()  # everything published already
    client.force_login(desk_editor)
    response = client.post(
        reverse("desk:schedule_story", args=[story.pk]),
        {"at": "2099-01-01T08:00"},
        follow=True,
    )
    assert "This story has no edition waiting to be published." in response.content.decode()
