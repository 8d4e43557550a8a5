"""`prensa transition` and `prensa schedule`: the same transitions, from a terminal."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from prensa.newsroom.models import Edition
from prensa.workflow.models import TransitionLog
from tests.desk.test_worker_lease import PROJECT, shared_database  # noqa: F401 (fixture)
from tests.factories import make_story
from tests.workflow.conftest import edition

pytestmark = pytest.mark.django_db

Status = Edition.Status


def test_transition_moves_an_edition_and_logs_the_note(story, capsys):
    en = edition(story)
    call_command("transition", str(en.pk), "submit", "--note", "ready for the desk")
    assert capsys.readouterr().out.strip() == f"Edition {en.pk} (en): draft -> in_review"
    entry = TransitionLog.objects.get(edition=en)
    assert (entry.action, entry.user, entry.note) == ("submit", None, "ready for the desk")


def test_transition_schedules_at_an_iso_time(story, capsys):
    en = edition(story)
    Edition.objects.filter(pk=en.pk).update(status=Status.READY)
    at = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    call_command("transition", str(en.pk), "schedule", "--at", at.isoformat())
    assert edition(story).published_at == at
    assert "ready -> scheduled at" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["publish"], "“Publish” is not possible for an edition that is draft"),
        (["fly"], "Unknown action “fly”. Use one of: submit, return, approve"),
        (["schedule"], "schedule needs --at"),
        (["schedule", "--at", "tomorrow"], "“tomorrow” is not a date and time"),
    ],
)
def test_a_refused_transition_says_why_and_changes_nothing(story, arguments, message):
    en = edition(story)
    with pytest.raises(CommandError, match=message):
        call_command("transition", str(en.pk), *arguments)
    assert edition(story).status == Status.DRAFT and not TransitionLog.objects.exists()


def test_schedule_puts_every_waiting_edition_of_a_story_on_one_time(story, capsys):
    Edition.objects.filter(story=story).update(status=Status.READY)
    at = (timezone.now() + timedelta(hours=1)).replace(microsecond=0)
    call_command("schedule", str(story.pk), "--at", at.isoformat())
    assert {(e.status, e.published_at) for e in story.editions.all()} == {(Status.SCHEDULED, at)}
    assert capsys.readouterr().out.startswith(f"Story {story.pk}: en, es, pt scheduled for")


def test_scheduling_in_the_past_from_the_cli_is_refused(story):
    Edition.objects.filter(story=story).update(status=Status.READY)
    past = (timezone.now() - timedelta(hours=1)).isoformat()
    with pytest.raises(CommandError, match="scheduling in the past is not possible"):
        call_command("schedule", str(story.pk), "--at", past)
    assert not story.editions.filter(status=Status.SCHEDULED).exists()


def test_unknown_editions_and_stories_are_named(db):
    with pytest.raises(CommandError, match="No edition with id '999'"):
        call_command("transition", "999", "publish")
    with pytest.raises(CommandError, match="No story with id 'x'"):
        call_command("schedule", "x", "--at", "2030-01-01T10:00")


@pytest.mark.django_db(transaction=True)
def test_the_command_exits_non_zero_with_one_line(shared_database):  # noqa: F811
    draft = make_story(languages=("en",), status=Status.DRAFT).edition_for("en")
    result = subprocess.run(  # noqa: S603 (fixed argv)
        [sys.executable, "manage.py", "transition", str(draft.pk), "publish"],
        cwd=PROJECT,
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "prensa.settings.test",
            "DATABASE_URL": shared_database,
        },
        timeout=120,
    )
    assert result.returncode == 1
    # (Above it, in this test's settings, the system checks' warning about the salt.)
    assert result.stderr.strip().splitlines()[-1] == (
        "CommandError: “Publish” is not possible for an edition that is draft; it applies "
        "only to one that is in review or ready or scheduled."
    )


def test_publish_due_publishes_what_is_due_and_nothing_else(story, capsys, time_machine):
    from prensa.workflow.transitions import Schedule

    Edition.objects.filter(story=story).update(status=Status.READY)
    soon, later = timezone.now() + timedelta(minutes=5), timezone.now() + timedelta(hours=5)
    Schedule(edition(story, "en"), None, at=soon).execute()
    Schedule(edition(story, "pt"), None, at=later).execute()
    time_machine.move_to(soon + timedelta(seconds=1))
    call_command("publish_due")
    en = edition(story, "en")
    assert capsys.readouterr().out.strip() == f"Edition {en.pk} (en): scheduled -> published"
    assert en.is_published and edition(story, "pt").status == Status.SCHEDULED
