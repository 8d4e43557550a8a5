import pytest
from django.contrib.auth.models import Permission, User
from django.test import Client

from tests.comments.helpers import edition_of
from tests.factories import make_story


@pytest.fixture
def story(db):
    return make_story()


@pytest.fixture
def edition(story):
    """The English edition of a published story."""
    return edition_of(story, "en")


@pytest.fixture
def moderator(db) -> User:
    """Staff with the "Can moderate comments" permission, nothing else."""
    user = User.objects.create_user("moira", password="pw-moira", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    return user


@pytest.fixture
def outsider(db) -> User:
    """Staff who may not moderate comments (say, a translator)."""
    return User.objects.create_user("otto", password="pw-otto", is_staff=True)


@pytest.fixture
def moderator_client(moderator) -> Client:
    client = Client()
    client.force_login(moderator)
    return client


@pytest.fixture
def outsider_client(outsider) -> Client:
    client = Client()
    client.force_login(outsider)
    return client
