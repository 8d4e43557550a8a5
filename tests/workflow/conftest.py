"""People of the newsroom with the permissions their roles carry, and a story to move."""

import pytest
from django.contrib.auth.models import Permission, User

from prensa.newsroom.models import Edition
from prensa.staff.models import LanguageAssignment
from tests.desk.conftest import english_story  # noqa: F401 (a story to translate)
from tests.factories import make_story


def person(username: str, *perms: str, languages: tuple[str, ...] = ()) -> User:
    user = User.objects.create_user(username, f"{username}@example.org", "pw", is_staff=True)
    for perm in perms:
        app, codename = perm.split(".")
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label=app, codename=codename)
        )
    for language in languages:
        LanguageAssignment.objects.create(user=user, language=language)
    return User.objects.get(pk=user.pk)  # fresh permission cache


@pytest.fixture
def editor(db):
    return person(
        "editor",
        "newsroom.view_story",
        "newsroom.change_story",
        "newsroom.view_edition",
        "newsroom.change_edition",
        "newsroom.publish_edition",
        "newsroom.review_edition",
        "newsroom.kill_edition",
    )


@pytest.fixture
def translator(db):
    """Reviews Spanish translations, nothing else."""
    return person(
        "translator",
        "newsroom.view_story",
        "newsroom.view_edition",
        "newsroom.review_edition",
        languages=("es",),
    )


@pytest.fixture
def reporter(db):
    return person(
        "reporter",
        "newsroom.view_story",
        "newsroom.add_story",
        "newsroom.change_story",
        "newsroom.view_edition",
        "newsroom.add_edition",
        "newsroom.change_edition",
    )


@pytest.fixture
def story(db):
    """A story in English, Portuguese and Spanish, every edition a draft."""
    story = make_story(status=Edition.Status.DRAFT)
    Edition.objects.filter(story=story).update(published_at=None)  # never published
    return story


def edition(story, language: str = "en") -> Edition:
    return Edition.objects.get(story=story, language=language)
