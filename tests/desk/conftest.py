"""Personas for the desk (healthchecks' alice/bob/charlie idea) and a story to translate."""

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command

from prensa.newsroom.models import Edition
from prensa.staff.models import LanguageAssignment
from tests.factories import make_section, make_story

EN_BODY = "\n\n".join(
    [
        "ALEPPO, Syria — Water returned to the town of Tell Ruman on Tuesday.",
        "More than 250,000 people fled the area in 2012, the relief office said.",
        "“We waited ten years for this,” said Umm Yasser, 61.",
        "The station was built in 1982 and cost $2.3 million to repair.",
        "About 38% of homes still lack a roof, engineers said.",
    ]
)


def _user(username: str, *, staff: bool, perms: tuple[str, ...] = ()) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "pw")
    user.is_staff = staff
    user.save()
    for perm in perms:
        app, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def editor(db):
    return User.objects.create_superuser("editor", "editor@example.org", "pw")


@pytest.fixture
def translator(db):
    _group, _ = Group.objects.get_or_create(name="Translators")
    user = _user(
        "translator",
        staff=True,
        perms=("desk.view_segment", "desk.add_segment", "desk.change_segment"),
    )
    # Translators work in the languages assigned to them (tests/test_roles.py tries the limits).
    for language in ("pt", "es", "en"):
        LanguageAssignment.objects.create(user=user, language=language)
    return user


@pytest.fixture
def reporter(db):
    """Staff who writes stories but has no business on the translation desk."""
    return _user("reporter", staff=True, perms=("newsroom.change_edition",))


@pytest.fixture
def outsider(db):
    return _user("outsider", staff=False)


@pytest.fixture
def english_story(db):
    story = make_story(
        section=make_section("Middle East", "Oriente Médio", "Oriente Medio"),
        languages=("en",),
        source_language="en",
    )
    source = story.edition_for("en")
    source.headline = "Water returns to Tell Ruman"
    source.standfirst = "Families come back as a pumping station reopens."
    source.body = EN_BODY
    source.save()
    return story


def source_of(story) -> Edition:
    return Edition.objects.get(story=story, language=story.source_language)


def rows(edition: Edition) -> list:
    """An edition's desk segments, in order."""
    from prensa.desk.models import Segment

    return list(Segment.objects.filter(edition=edition).order_by("position"))


def run_worker() -> None:
    """Run queued tasks with the real worker, in this thread, until none is ready.

    The worker closes "old" database connections between tasks, which in a test would
    close the connection that holds the test's own transaction (PostgreSQL notices),
    so that one call is disabled here; everything else is the worker's own code.
    """
    from unittest import mock

    with mock.patch("django_tasks_db.management.commands.db_worker.close_old_connections"):
        _run_worker()


def _run_worker() -> None:
    call_command(
        "db_worker", "--batch", "--no-startup-delay", "--no-reload", "--interval", "0", verbosity=0
    )
