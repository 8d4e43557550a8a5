"""Wire import: the samples (original text, written for these tests) and the people importing."""

from pathlib import Path

import pytest
from django.contrib.auth.models import Permission, User

from tests.factories import make_section, make_tag

SAMPLES = Path(__file__).parent / "samples"


def sample(name: str) -> bytes:
    return (SAMPLES / name).read_bytes()


@pytest.fixture
def section(db):
    return make_section("World", "Mundo", "Mundo")


@pytest.fixture
def reporter(db):
    """May write stories (newsroom.add_story, change_edition), nothing more."""
    user = User.objects.create_user("reporter", "reporter@example.org", "pw", is_staff=True)
    for codename in ("add_story", "change_edition", "view_edition"):
        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="newsroom", codename=codename)
        )
    return User.objects.get(pk=user.pk)


@pytest.fixture
def culture(db):
    """A section and tag whose slugs the samples name ("cultura", "livros")."""
    return (
        make_section("Culture", "Cultura", "Cultura"),
        make_tag("Books", "Livros", "Libros"),
    )
