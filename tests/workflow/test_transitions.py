"""Transitions between edition states: who may make which, from where, and the log of each."""

from datetime import timedelta

import pytest
from django.db import transaction
from django.utils import timezone, translation

from prensa.newsroom.models import Edition
from prensa.workflow.models import TransitionLog
from prensa.workflow.queries import counts, in_state
from prensa.workflow.transitions import (
    Approve,
    Kill,
    Publish,
    Reopen,
    ReturnToDraft,
    Schedule,
    SubmitForReview,
    TransitionError,
    Unpublish,
    Unschedule,
    Update,
    available,
    schedule_story,
)
from tests.workflow.conftest import edition

pytestmark = pytest.mark.django_db

Status = Edition.Status


def status_of(story, language="en") -> str:
    return edition(story, language).status


def test_an_edition_goes_from_draft_to_published_and_each_step_is_logged(story, editor):
    en = edition(story)
    SubmitForReview(en, editor, "first pass done").execute()
    Approve(en, editor).execute()
    Publish(en, editor).execute()

    en.refresh_from_db()
    assert en.status == Status.PUBLISHED and en.is_published
    log = list(TransitionLog.objects.filter(edition=en).order_by("at", "pk"))
    assert [(e.action, e.from_state, e.to_state) for e in log] == [
        ("submit", "draft", "in_review"),
        ("approve", "in_review", "ready"),
        ("publish", "ready", "published"),
    ]
    assert log[0].user == editor and log[0].note == "first pass done"


def test_the_callers_edition_follows_the_transition(story, editor):
    en = edition(story)
    SubmitForReview(en, editor).execute()
    assert en.status == Status.IN_REVIEW


def test_a_transition_from_the_wrong_state_is_refused_with_a_reason_and_changes_nothing(
    story, editor
):
    en = edition(story)
    with pytest.raises(TransitionError) as refused:
        Publish(en, editor).execute()
    assert refused.value.status == 409
    assert refused.value.message == (
        "“Publish” is not possible for an edition that is draft; it applies only to one "
        "that is in review or ready or scheduled."
    )
    assert status_of(story) == Status.DRAFT
    assert not TransitionLog.objects.exists()


def test_the_refusal_is_said_in_the_persons_language(story, editor):
    with translation.override("pt"), pytest.raises(TransitionError) as refused:
        Unpublish(edition(story), editor).execute()
    assert "Despublicar" in refused.value.message and "rascunho" in refused.value.message


def test_check_changes_nothing(story, editor):
    en = edition(story)
    SubmitForReview(en, editor).check()
    assert status_of(story) == Status.DRAFT and not TransitionLog.objects.exists()


def test_someone_without_the_permission_is_refused_with_403_and_nothing_changes(story, reporter):
    en = edition(story)
    Edition.objects.filter(pk=en.pk).update(status=Status.READY)
    en.refresh_from_db()
    with pytest.raises(TransitionError) as refused:
        Publish(en, reporter).execute()
    assert refused.value.status == 403
    assert "You do not have permission for “Publish” on the English edition" in (
        refused.value.message
    )
    assert status_of(story) == Status.READY and not TransitionLog.objects.exists()


def test_a_reporter_submits_the_editions_of_their_own_story_only(story, reporter):
    other = story
    with pytest.raises(TransitionError):
        SubmitForReview(edition(other), reporter).execute()

    story.created_by = reporter
    story.save()
    SubmitForReview(edition(story), reporter).execute()
    assert status_of(story) == Status.IN_REVIEW
    with pytest.raises(TransitionError):  # approving is a reviewer's
        Approve(edition(story), reporter).execute()


def test_a_translator_approves_in_their_languages_only(story, translator):
    for language in ("es", "pt"):
        Edition.objects.filter(story=story, language=language).update(status=Status.IN_REVIEW)
    Approve(edition(story, "es"), translator).execute()
    assert status_of(story, "es") == Status.READY
    with pytest.raises(TransitionError) as refused:
        Approve(edition(story, "pt"), translator).execute()
    assert refused.value.status == 403 and "Portuguese" in refused.value.message
    assert status_of(story, "pt") == Status.IN_REVIEW


def test_an_editor_returns_an_edition_to_draft(story, editor):
    en = edition(story)
    SubmitForReview(en, editor).execute()
    ReturnToDraft(en, editor, "the second paragraph needs a source").execute()
    assert status_of(story) == Status.DRAFT
    assert TransitionLog.objects.filter(action="return").get().note == (
        "the second paragraph needs a source"
    )


def test_unpublishing_hides_the_edition_from_readers_and_reopening_makes_it_a_draft(
    client, story, editor
):
    en = edition(story)
    Edition.objects.filter(pk=en.pk).update(status=Status.READY)
    en.refresh_from_db()
    Publish(en, editor).execute()
    url = en.get_absolute_url()
    assert client.get(url).status_code == 200

    Unpublish(en, editor, "legal asked").execute()
    assert client.get(url).status_code in (404, 410)
    Reopen(en, editor).execute()
    assert status_of(story) == Status.DRAFT
    assert client.get(url).status_code in (404, 410)


def test_a_published_edition_published_again_is_updated_and_keeps_its_publication_time(
    story, editor
):
    en = edition(story)
    Edition.objects.filter(pk=en.pk).update(status=Status.READY)
    en.refresh_from_db()
    Publish(en, editor).execute()
    first = edition(story).published_at
    Update(en, editor, "added the minister's reply").execute()
    en = edition(story)
    assert en.status == Status.UPDATED and en.is_published and en.published_at == first
    Unpublish(en, editor).execute()  # an updated edition can be taken down too
    assert status_of(story) == Status.UNPUBLISHED


def test_a_killed_edition_is_never_shown_and_cannot_come_back(client, story, editor):
    en = edition(story)
    Edition.objects.filter(pk=en.pk).update(status=Status.READY)
    en.refresh_from_db()
    Publish(en, editor).execute()
    Kill(en, editor, "fabricated quote").execute()
    assert client.get(en.get_absolute_url()).status_code in (404, 410)
    for action in (Publish, Reopen, SubmitForReview, Kill):
        with pytest.raises(TransitionError, match="killed: it can never be shown"):
            action(en, editor).execute()
    with pytest.raises(TransitionError):
        Schedule(en, editor, at=timezone.now() + timedelta(hours=1)).execute()
    assert status_of(story) == Status.KILLED


def test_killing_needs_its_own_permission(story, reporter):
    story.created_by = reporter
    story.save()
    with pytest.raises(TransitionError) as refused:
        Kill(edition(story), reporter).execute()
    assert refused.value.status == 403


def test_scheduling_in_the_past_is_refused_with_a_clear_message(story, editor):
    en = edition(story)
    Edition.objects.filter(pk=en.pk).update(status=Status.READY)
    en.refresh_from_db()
    with pytest.raises(TransitionError) as refused:
        Schedule(en, editor, at=timezone.now() - timedelta(minutes=5)).execute()
    assert refused.value.status == 400
    assert "has already passed: scheduling in the past is not possible" in refused.value.message
    assert status_of(story) == Status.READY and not TransitionLog.objects.exists()


def test_scheduling_sets_the_publication_time_and_unscheduling_clears_it(story, editor):
    en = edition(story)
    Edition.objects.filter(pk=en.pk).update(status=Status.READY)
    en.refresh_from_db()
    at = timezone.now() + timedelta(hours=2)
    entry = Schedule(en, editor, at=at).execute()
    assert (edition(story).status, edition(story).published_at) == (Status.SCHEDULED, at)
    assert entry.scheduled_for == at
    Unschedule(en, editor).execute()
    assert (edition(story).status, edition(story).published_at) == (Status.READY, None)


def test_publishing_a_scheduled_edition_early_publishes_it_now(story, editor):
    en = edition(story)
    Edition.objects.filter(pk=en.pk).update(status=Status.READY)
    en.refresh_from_db()
    Schedule(en, editor, at=timezone.now() + timedelta(days=1)).execute()
    Publish(en, editor).execute()
    assert edition(story).is_published


def test_a_whole_story_is_scheduled_for_one_time_or_not_at_all(story, editor):
    Edition.objects.filter(story=story, language__in=["en", "es"]).update(status=Status.READY)
    at = timezone.now() + timedelta(hours=3)
    with pytest.raises(TransitionError) as refused:
        schedule_story(story, at, editor)
    assert refused.value.message.startswith("PT: “Schedule” is not possible for an edition that")
    assert not in_state(Status.SCHEDULED).exists()

    Edition.objects.filter(story=story, language="pt").update(status=Status.IN_REVIEW)
    entries = schedule_story(story, at, editor, "embargo: minister's speech")
    assert sorted(e.edition.language for e in entries) == ["en", "es", "pt"]
    assert {e.published_at for e in story.editions.all()} == {at}
    assert {e.status for e in story.editions.all()} == {Status.SCHEDULED}


def test_the_log_is_written_in_the_same_transaction_as_the_change(story, editor):
    en = edition(story)

    class Boom(Exception):
        pass

    with pytest.raises(Boom), transaction.atomic():
        SubmitForReview(en, editor).execute()
        raise Boom
    assert status_of(story) == Status.DRAFT and not TransitionLog.objects.exists()


def test_a_transition_never_writes_back_words_saved_after_the_edition_was_loaded(story, editor):
    loaded = edition(story)
    fresh = edition(story)
    fresh.headline = "A newer headline someone saved meanwhile"
    fresh.save()
    SubmitForReview(loaded, editor).execute()
    assert edition(story).headline == "A newer headline someone saved meanwhile"


def test_the_buttons_offered_are_the_transitions_the_person_may_start(story, editor, translator):
    es = edition(story, "es")
    assert [cls.name for cls in available(es, editor)] == ["submit", "kill"]
    assert [cls.name for cls in available(es, translator)] == ["submit"]
    assert available(edition(story, "pt"), translator) == []


def test_editions_in_a_state_are_one_question_with_languages(story, editor):
    SubmitForReview(edition(story, "es"), editor).execute()
    assert list(in_state(Status.IN_REVIEW)) == [edition(story, "es")]
    assert not in_state(Status.IN_REVIEW, ["pt", "en"]).exists()
    assert counts(["es"]) == {("es", "in_review"): 1}
    assert counts()[("en", "draft")] == 1
