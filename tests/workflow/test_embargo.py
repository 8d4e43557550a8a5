"""Embargo: a scheduled edition is invisible everywhere a reader could find it, until the
worker publishes it at its time; then it is everywhere at once, stored pages included."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from prensa.comments.models import Comment
from prensa.newsroom.models import Edition
from prensa.workflow.models import TransitionLog
from prensa.workflow.transitions import schedule_story
from tests.comments.helpers import post_comment, thread_url, url
from tests.desk.conftest import run_worker
from tests.factories import make_edition, make_section, make_story, make_tag
from tests.pages import parse, reverse_in
from tests.test_sitemap import every_entry

pytestmark = pytest.mark.django_db

SECRET = "Harbour authority signs the new ferry contract"


class World:
    def __init__(self) -> None:
        self.section = make_section("Harbour", "Porto", "Puerto")
        self.tag = make_tag("Ferries", "Balsas", "Ferris")
        self.known = make_story(section=self.section, tags=(self.tag,), languages=("en",))
        self.story = make_story(
            section=self.section, tags=(self.tag,), languages=(), status=Edition.Status.READY
        )
        self.edition = make_edition(
            self.story,
            "en",
            headline=SECRET,
            body="The contract runs for ten years.\n\nIt covers 14 boats.",
            status=Edition.Status.READY,
            published_at=None,
        )
        self.at = timezone.now() + timedelta(seconds=30)
        schedule_story(self.story, self.at, None)
        self.edition.refresh_from_db()


@pytest.fixture
def world(db):
    return World()


def shows_it(client, address: str) -> bool:
    response = client.get(address)
    assert response.status_code == 200, address
    return SECRET in response.content.decode()


def listings(world: World) -> dict[str, str]:
    return {
        "home": reverse_in("en", "public:home"),
        "section": reverse_in("en", "public:section", section=world.section.slug_en),
        "tag": reverse_in("en", "public:tag", slug=world.tag.slug_en),
        "feed": reverse_in("en", "public:feed"),
        "atom": reverse_in("en", "public:feed_atom"),
        "section feed": reverse_in("en", "public:section_feed", section=world.section.slug_en),
        "tag feed": reverse_in("en", "public:tag_feed", slug=world.tag.slug_en),
        "search": reverse_in("en", "public:search") + "?q=ferry+contract",
        "related": world.known.edition_for("en").get_absolute_url(),
    }


def in_sitemaps(client, world: World) -> bool:
    address = "https://news.example.org" + world.edition.get_absolute_url()
    news = client.get(reverse("news_sitemap")).content.decode()
    return address in dict(every_entry(client)) or address in news


def test_until_its_time_the_edition_is_on_no_page_feed_sitemap_or_search(client, world):
    assert world.edition.status == Edition.Status.SCHEDULED
    assert client.get(world.edition.get_absolute_url()).status_code == 404
    for name, address in listings(world).items():
        assert not shows_it(client, address), name
    assert not in_sitemaps(client, world)


def test_until_its_time_nobody_can_read_count_or_post_comments_on_it(client, world):
    edition = world.edition
    assert client.get(thread_url(edition)).status_code == 404
    assert client.get(url("count", "en", edition_id=edition.pk)).status_code == 404
    assert client.get(url("fragment", "en", edition_id=edition.pk)).status_code == 404
    assert post_comment(client, edition).status_code == 404
    assert not Comment.objects.exists()


def test_the_worker_publishes_it_at_its_time_and_every_page_shows_it_at_once(
    client, world, time_machine
):
    pages = listings(world)
    for address in pages.values():
        shows_it(client, address)  # stored in the page cache, without the story

    time_machine.move_to(world.at + timedelta(seconds=1))
    # Its time has come but the worker has not run: still embargoed, still the stored pages.
    assert client.get(world.edition.get_absolute_url()).status_code == 404
    assert not shows_it(client, pages["home"])

    run_worker()

    world.edition.refresh_from_db()
    assert world.edition.status == Edition.Status.PUBLISHED
    assert world.edition.published_at == world.at  # published as of its embargo time
    assert client.get(world.edition.get_absolute_url()).status_code == 200
    for name, address in pages.items():
        assert shows_it(client, address), name
    assert in_sitemaps(client, world)
    assert client.get(url("count", "en", edition_id=world.edition.pk)).status_code == 200
    assert post_comment(client, world.edition).status_code in (200, 303)
    entry = TransitionLog.objects.get(edition=world.edition, action="publish")
    assert (entry.user, entry.from_state) == (None, "scheduled")


def test_the_worker_leaves_an_edition_alone_before_its_time(world, time_machine):
    time_machine.move_to(world.at - timedelta(seconds=5))
    run_worker()
    world.edition.refresh_from_db()
    assert world.edition.status == Edition.Status.SCHEDULED


def test_the_sweep_publishes_a_due_edition_whose_own_task_was_lost(world, time_machine):
    from django_tasks_db.models import DBTaskResult

    from prensa.workflow.tasks import publish_due_task, queue_sweep, sweep_task

    DBTaskResult.objects.filter(task_path=publish_due_task.module_path).delete()
    queue_sweep()
    time_machine.move_to(world.at + timedelta(seconds=1))
    run_worker()
    world.edition.refresh_from_db()
    assert world.edition.status == Edition.Status.PUBLISHED
    # ... and queued its next run, half a minute later.
    waiting = DBTaskResult.objects.filter(task_path=sweep_task.module_path, status="READY")
    assert waiting.get().run_after > world.at + timedelta(seconds=25)


def test_an_edition_the_gates_refuse_at_its_time_goes_back_to_ready_saying_why(world, time_machine):
    from prensa.workflow import gates
    from prensa.workflow.transitions import TransitionError

    class Stale:
        armed = False

        def check(self, edition, allow_machine):
            if self.armed:
                raise TransitionError("The translation went out of date.")

        def prepare(self, edition, allow_machine):
            return {}

    gate = Stale()
    gates.register(gate)
    try:
        gate.armed = True
        time_machine.move_to(world.at + timedelta(seconds=1))
        run_worker()
    finally:
        gates._gates.remove(gate)
    world.edition.refresh_from_db()
    assert world.edition.status == Edition.Status.READY
    entry = TransitionLog.objects.get(edition=world.edition, action="unschedule")
    assert entry.note == ("Not published at its scheduled time: The translation went out of date.")
    assert client_cannot_see(world)


def client_cannot_see(world: World) -> bool:
    from django.test import Client

    return Client().get(world.edition.get_absolute_url()).status_code == 404


def test_a_published_siblings_language_switcher_does_not_reveal_a_scheduled_edition(client):
    from prensa.workflow.transitions import Schedule

    story = make_story(languages=("en", "es"))
    spanish = story.edition_for("es")
    Edition.objects.filter(pk=spanish.pk).update(status=Edition.Status.READY)
    spanish.refresh_from_db()
    Schedule(spanish, None, at=timezone.now() + timedelta(hours=1)).execute()

    page = parse(client.get(story.edition_for("en").get_absolute_url()).content)
    assert not page.find("link", rel="alternate", hreflang="es")
    for link in page.find_all("a", hreflang="es"):  # shown as not available yet
        assert link.attrs["href"] != spanish.get_absolute_url()
    assert spanish.headline not in page.text
