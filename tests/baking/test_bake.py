"""Publishing, updating, correcting and unpublishing bake the reader pages they touch."""

from __future__ import annotations

import gzip
import io
import logging

import brotli
import pytest
from django.core.management import call_command
from django.urls import reverse

from prensa.newsroom.models import Correction, Edition
from prensa.workflow.transitions import Kill, Publish, Unpublish

from .helpers import baked, ready_story

pytestmark = pytest.mark.django_db


def publish_all(story, commit) -> None:  # type: ignore[no-untyped-def]
    with commit():
        for edition in story.editions.all():
            Publish(edition, None).execute()


def test_publishing_bakes_the_article_in_every_language_with_the_bytes_django_serves(
    client, bake_dir, commit
):
    story = ready_story()
    publish_all(story, commit)
    for edition in story.editions.all():
        url = edition.get_absolute_url()
        served = client.get(url)
        assert served.status_code == 200
        page = baked(bake_dir, url)
        assert page is not None, f"{url} was not baked"
        assert page.read_bytes() == served.content
        assert gzip.decompress(page.with_name(page.name + ".gz").read_bytes()) == served.content
        assert brotli.decompress(page.with_name(page.name + ".br").read_bytes()) == served.content


def test_publishing_bakes_home_section_tag_feeds_and_sitemaps_listing_the_story(bake_dir, commit):
    story = ready_story()
    publish_all(story, commit)
    edition = story.edition_for("pt")
    listings = [
        reverse("public:home"),
        story.section.get_absolute_url("pt"),
        story.tags.get().get_absolute_url("pt"),
        "/pt/feed/",
        "/pt/feed/atom/",
    ]
    for path in listings:
        path = path if path.startswith("/pt/") else "/pt" + path[3:]
        page = baked(bake_dir, path)
        assert page is not None, f"{path} was not baked"
        assert edition.headline in page.read_text(), path
    assert baked(bake_dir, "/pt/feed/").name == "index.rss"
    assert baked(bake_dir, "/pt/feed/atom/").name == "index.atom"
    sitemap = baked(bake_dir, reverse("sitemap_section", kwargs={"section": "articles"}))
    assert sitemap is not None and edition.get_absolute_url() in sitemap.read_text()
    assert baked(bake_dir, reverse("sitemap")) is not None


def test_publishing_a_second_language_rebakes_the_first_ones_switcher(bake_dir, commit):
    story = ready_story()
    english, portuguese = story.edition_for("en"), story.edition_for("pt")
    with commit():
        Publish(english, None).execute()
    assert (
        portuguese.get_absolute_url() not in baked(bake_dir, english.get_absolute_url()).read_text()
    )
    with commit():
        Publish(portuguese, None).execute()
    assert portuguese.get_absolute_url() in baked(bake_dir, english.get_absolute_url()).read_text()


def test_unpublishing_removes_the_article_from_disk_and_purges_its_address(
    bake_dir, commit, caplog
):
    story = ready_story()
    publish_all(story, commit)
    edition = story.edition_for("es")
    url = edition.get_absolute_url()
    assert baked(bake_dir, url) is not None
    caplog.set_level(logging.INFO, logger="prensa.baking.purge")
    with commit():
        Unpublish(edition, None).execute()
    article_dir = bake_dir / url.lstrip("/")
    assert not article_dir.exists() or not any(article_dir.iterdir())
    assert edition.headline not in baked(bake_dir, "/es/").read_text()
    assert f"https://news.example.org{url}" in caplog.text


def test_killing_an_edition_removes_its_baked_page(bake_dir, commit):
    story = ready_story()
    publish_all(story, commit)
    edition = story.edition_for("en")
    with commit():
        Kill(edition, None).execute()
    assert baked(bake_dir, edition.get_absolute_url()) is None


def test_an_edition_that_is_not_published_is_never_baked(bake_dir, commit):
    story = ready_story()
    with commit():
        edition = story.edition_for("en")
        edition.body += "\n\nA draft paragraph."
        edition.save()
    assert baked(bake_dir, edition.get_absolute_url()) is None
    assert not (bake_dir / "en").exists()


def test_a_correction_rebakes_the_article_with_its_note(bake_dir, commit):
    story = ready_story()
    publish_all(story, commit)
    edition = story.edition_for("en")
    with commit():
        Correction.objects.create(
            edition=edition, kind=Correction.Kind.CORRECTION, text="The ferry left at noon."
        )
    assert "The ferry left at noon." in baked(bake_dir, edition.get_absolute_url()).read_text()


def test_a_new_slug_removes_the_page_at_the_old_address(bake_dir, commit):
    story = ready_story()
    publish_all(story, commit)
    edition = Edition.objects.get(story=story, language="en")
    old = edition.get_absolute_url()
    with commit():
        edition.slug = "a-new-address"
        edition.save()
    assert baked(bake_dir, old) is None
    assert baked(bake_dir, edition.get_absolute_url()) is not None


def test_bake_all_rebuilds_every_page_and_removes_files_no_page_owns(bake_dir):
    story = ready_story()
    Edition.objects.filter(story=story).update(status=Edition.Status.PUBLISHED)
    orphan = bake_dir / "en" / "gone" / "story" / "index.html"
    orphan.parent.mkdir(parents=True)
    orphan.write_text("an old page")
    call_command("bake", "--all", stdout=io.StringIO())
    assert not orphan.exists()
    for edition in story.editions.all():
        assert baked(bake_dir, edition.get_absolute_url()) is not None
    assert baked(bake_dir, "/pt/") is not None
    assert baked(bake_dir, reverse("public:about")) is not None


def test_a_bake_never_takes_a_stale_page_from_the_page_cache(client, bake_dir, commit, settings):
    """The worker's own page cache may not know of an edit made in another process."""
    from django.core.cache import cache

    from prensa.public.caching import GENERATION_KEY

    settings.PRENSA_PAGE_CACHE = True
    story = ready_story()
    publish_all(story, commit)
    edition = Edition.objects.get(story=story, language="en")
    client.get(edition.get_absolute_url())  # a reader's visit stores the page
    generation = cache.get(GENERATION_KEY)
    # An edit made elsewhere: the row changes, this process's cache generation does not.
    Edition.objects.filter(pk=edition.pk).update(headline="Ferry service moves to a new pier")
    cache.set(GENERATION_KEY, generation, None)
    from prensa.baking.bake import bake_story

    bake_story(story.pk)
    assert (
        "Ferry service moves to a new pier"
        in baked(bake_dir, edition.get_absolute_url()).read_text()
    )


def test_deleting_a_story_removes_its_baked_articles(bake_dir, commit):
    story = ready_story()
    publish_all(story, commit)
    urls = [edition.get_absolute_url() for edition in story.editions.all()]
    assert all(baked(bake_dir, url) is not None for url in urls)
    with commit():
        story.delete()
    assert [url for url in urls if baked(bake_dir, url) is not None] == []


def test_publishing_a_whole_story_in_one_transaction_queues_one_bake(bake_dir, commit, monkeypatch):
    """Every edition's transition and save asks for a bake; one covers them all."""
    from prensa.baking import bake

    real_bake_story = bake.bake_story
    baked_stories = []

    def counting(story_id, *args):  # type: ignore[no-untyped-def]
        baked_stories.append(story_id)
        return real_bake_story(story_id, *args)

    monkeypatch.setattr(bake, "bake_story", counting)
    story = ready_story()
    publish_all(story, commit)
    assert baked_stories == [story.pk]
    assert all(baked(bake_dir, e.get_absolute_url()) for e in story.editions.all())


def test_tagging_and_crediting_a_draft_story_bakes_nothing(bake_dir, commit):
    """A story with nothing live is on no reader page: home and the listings stay as they are."""
    from prensa.newsroom.models import Credit, StoryCredit
    from tests.factories import make_tag

    story = ready_story()
    with commit():
        story.tags.add(make_tag())
        StoryCredit.objects.create(
            story=story, credit=Credit.objects.get_or_create(name="Rui Pestana")[0], position=5
        )
    assert not bake_dir.exists(), "a bake ran"
