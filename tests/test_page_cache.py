"""Reader pages are kept rendered in Django's cache, and never outlive a change."""

from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from prensa.newsroom.models import Edition
from tests.factories import make_edition, make_story, make_tag
from tests.pages import reverse_in

pytestmark = pytest.mark.django_db


def test_the_next_reader_is_served_without_a_query(client, django_assert_num_queries):
    url = make_story().edition_for("en").get_absolute_url()
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.status_code == 200
    assert again.content == first.content
    assert again["Cache-Control"] == first["Cache-Control"]
    assert again["Content-Security-Policy"]  # middleware still runs on a stored page


def test_older_listing_pages_are_stored_too(client, settings, django_assert_num_queries):
    settings.PRENSA_PAGE_SIZE = 1
    for _ in range(3):
        make_story(languages=("en",))
    home = reverse_in("en", "public:home")
    older = client.get(home).content.decode().split('rel="next" href="')[1].split('"')[0]
    client.get(home + older.replace("&amp;", "&"))

    with django_assert_num_queries(0):
        again = client.get(home + older.replace("&amp;", "&"))

    assert again.status_code == 200


def test_an_edited_headline_shows_at_once(client):
    edition = make_story().edition_for("en")
    client.get(edition.get_absolute_url())

    edition.headline = "Ferries resume after the storm"
    edition.save()

    assert "Ferries resume after the storm" in client.get(edition.get_absolute_url()).text


def test_a_new_edition_turns_the_switcher_entry_into_a_link_at_once(client):
    story = make_story(languages=("en",))
    url = story.edition_for("en").get_absolute_url()
    assert '<a class="switcher__unavailable" href="/es/' in client.get(url).text

    spanish = make_edition(story, "es")

    assert f'href="{spanish.get_absolute_url()}"' in client.get(url).text


def test_a_new_story_reaches_the_home_page_at_once(client):
    home = reverse_in("pt", "public:home")
    make_story()
    client.get(home)

    fresh = make_story().edition_for("pt")

    assert fresh.headline in client.get(home).text


def test_renaming_a_section_renames_it_on_every_page(client):
    story = make_story()
    home = reverse_in("es", "public:home")
    client.get(home)

    story.section.name_es = "Internacional"
    story.section.save()

    assert "Internacional" in client.get(home).text


def test_tagging_a_story_lists_it_on_the_tag_page_at_once(client):
    tag = make_tag()
    make_story(tags=(tag,))
    other = make_story()
    url = tag.get_absolute_url("en")
    client.get(url)

    other.tags.add(tag)

    assert other.edition_for("en").headline in client.get(url).text


def test_an_unpublished_edition_is_gone_at_once(client):
    edition = make_story().edition_for("en")
    client.get(edition.get_absolute_url())

    edition.status = Edition.Status.DRAFT
    edition.save()

    assert client.get(edition.get_absolute_url()).status_code == 404


def test_a_scheduled_story_appears_once_stored_pages_expire(client, settings):
    make_story()
    scheduled = make_story(published_at=timezone.now() + timedelta(seconds=20))
    home = reverse_in("en", "public:home")
    headline = scheduled.edition_for("en").headline
    assert headline not in client.get(home).text

    later = timezone.now() + timedelta(seconds=settings.PRENSA_PAGE_MAX_AGE + 1)
    with time_machine.travel(later, tick=False):
        assert headline in client.get(home).text


def test_searches_and_odd_query_strings_are_not_stored(client, django_assert_max_num_queries):
    make_story()
    for url in (
        reverse_in("en", "public:search") + "?q=water",
        "/en/?utm_source=x",
        "/en/?page=x",
        "/en/?before=x",
    ):
        client.get(url)
        with django_assert_max_num_queries(20) as captured:
            client.get(url)
        assert len(captured) > 0, url


@pytest.mark.parametrize(
    "url",
    [
        reverse("sitemap"),
        reverse("sitemap_section", kwargs={"section": "articles"}) + "?p=1",
        reverse("news_sitemap_file", kwargs={"page": 1}),
    ],
)
def test_the_sitemaps_are_stored_too(client, django_assert_num_queries, url):
    make_story()
    first = client.get(url)

    with django_assert_num_queries(0):
        assert client.get(url).content == first.content


def test_the_page_cache_can_be_turned_off(client, settings):
    settings.PRENSA_PAGE_CACHE = False
    url = make_story().edition_for("en").get_absolute_url()
    client.get(url)

    edition = Edition.objects.get(language="en")
    Edition.objects.filter(pk=edition.pk).update(headline="Changed behind the signals' back")

    assert "Changed behind the signals' back" in client.get(url).text
