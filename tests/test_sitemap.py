"""The sitemap lists every published edition with its hreflang alternates, and every listing."""

import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse

from prensa.newsroom.models import Edition
from tests.factories import make_section, make_story, make_tag
from tests.pages import query_counts

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
BASE = "https://news.example.org"


def index_locations(client, name: str = "sitemap") -> list[str]:
    response = client.get(reverse(name))
    assert response.status_code == 200 and not response.cookies
    root = ET.fromstring(response.content)
    assert root.tag == f"{{{NS['s']}}}sitemapindex"
    return [site.findtext("s:loc", namespaces=NS) for site in root.findall("s:sitemap", NS)]


def local(location: str) -> str:
    assert location.startswith(BASE)
    return location[len(BASE) :]


def urlset_entries(client, location: str) -> list[tuple[str, dict[str, str]]]:
    response = client.get(local(location))
    assert response.status_code == 200 and not response.cookies
    root = ET.fromstring(response.content)
    return [
        (
            url.findtext("s:loc", namespaces=NS),
            {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)},
        )
        for url in root.findall("s:url", NS)
    ]


def every_entry(client) -> list[tuple[str, dict[str, str]]]:
    """What a crawler reads: the index, then every file it names."""
    return [e for location in index_locations(client) for e in urlset_entries(client, location)]


def urlset(client) -> dict[str, dict[str, str]]:
    return dict(every_entry(client))


@pytest.mark.django_db
def test_every_published_edition_lists_every_published_sibling_and_itself(client):
    story = make_story(tags=(make_tag(),))
    partial = make_story(languages=("en", "es"))
    draft = Edition.objects.get(story=partial, language="es")
    draft.status = Edition.Status.DRAFT
    draft.save()
    urls = urlset(client)

    editions = [story.edition_for(code) for code in ("pt", "es", "en")]
    expected = {e.language: BASE + e.get_absolute_url() for e in editions}
    expected["x-default"] = expected["en"]
    for edition in editions:
        assert urls[BASE + edition.get_absolute_url()] == expected
    only = BASE + partial.edition_for("en").get_absolute_url()
    assert urls[only] == {"en": only, "x-default": only}
    assert BASE + draft.get_absolute_url() not in urls


@pytest.mark.django_db
def test_front_pages_sections_and_tags_are_listed_in_every_language(client):
    section, tag = make_section(), make_tag()
    urls = urlset(client)
    for code in ("pt", "es", "en"):
        assert f"{BASE}/{code}/" in urls
        assert BASE + section.get_absolute_url(code) in urls
        assert urls[BASE + tag.get_absolute_url(code)]["pt"] == BASE + tag.get_absolute_url("pt")


@pytest.mark.django_db
def test_the_sitemap_costs_the_same_queries_for_5_and_40_stories(client):
    section = make_section()

    def grow(count: int) -> None:
        for _ in range(count):
            make_story(section=section)

    counts = query_counts(lambda: urlset(client), grow)
    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_sitemap_is_an_index_of_small_files_listing_every_edition_exactly_once(
    client, settings
):
    settings.PRENSA_SITEMAP_LIMIT = 3
    stories = [make_story() for _ in range(4)]  # 12 editions: 4 files of articles

    locations = index_locations(client)
    entries = every_entry(client)

    articles = [loc for loc in locations if "/sitemap-articles.xml" in loc]
    assert len(articles) == 4 and articles[1].endswith("?p=2")
    for location in locations:
        assert 1 <= len(urlset_entries(client, location)) <= 3
    editions = [s.edition_for(c) for s in stories for c in ("pt", "es", "en")]
    listed = [loc for loc, _ in entries]
    for edition in editions:
        assert listed.count(BASE + edition.get_absolute_url()) == 1
        alternates = dict(entries)[BASE + edition.get_absolute_url()]
        assert set(alternates) == {"pt", "es", "en", "x-default"}


@pytest.mark.django_db
def test_a_sitemap_file_past_the_last_is_a_404(client, settings):
    settings.PRENSA_SITEMAP_LIMIT = 3
    make_story()
    url = reverse("sitemap_section", kwargs={"section": "articles"})

    assert client.get(url, {"p": 1}).status_code == 200
    assert client.get(url, {"p": 2}).status_code == 404
    assert client.get(url, {"p": "x"}).status_code == 404
    assert client.get(reverse("sitemap_section", kwargs={"section": "nothing"})).status_code == 404


@pytest.mark.django_db
def test_each_sitemap_file_and_the_index_cost_the_same_queries_however_big_the_archive(
    client, settings
):
    settings.PRENSA_PAGE_CACHE = False
    settings.PRENSA_SITEMAP_LIMIT = 6
    section = make_section()
    files = {
        "index": reverse("sitemap"),
        "first": reverse("sitemap_section", kwargs={"section": "articles"}),
        "second": reverse("sitemap_section", kwargs={"section": "articles"}) + "?p=2",
    }

    def grow(count: int) -> None:
        for _ in range(count):
            make_story(section=section)

    make_story(section=section)
    make_story(section=section)

    def fetch(url: str) -> None:
        assert client.get(url).status_code == 200

    for name, url in files.items():
        counts = query_counts(lambda url=url: fetch(url), grow)
        assert counts[0] == counts[1], name


@pytest.mark.django_db
def test_robots_txt_points_at_the_sitemaps_and_keeps_crawlers_out_of_the_desk(client):
    body = client.get("/robots.txt").content.decode()
    assert f"Sitemap: {BASE}/sitemap.xml" in body
    assert f"Sitemap: {BASE}/sitemap-news.xml" in body
    assert "Disallow: /desk/" in body


NEWS = {"s": NS["s"], "n": "http://www.google.com/schemas/sitemap-news/0.9"}


def news_entries(client) -> dict[str, dict[str, str]]:
    entries: dict[str, dict[str, str]] = {}
    for location in index_locations(client, "news_sitemap"):
        entries.update(news_file(client, location))
    return entries


def news_file(client, location: str) -> dict[str, dict[str, str]]:
    response = client.get(local(location))
    assert response.status_code == 200 and not response.cookies
    assert response["Content-Type"].startswith("application/xml")
    root = ET.fromstring(response.content)
    return {
        url.findtext("s:loc", namespaces=NEWS): {
            "name": url.findtext("n:news/n:publication/n:name", namespaces=NEWS),
            "language": url.findtext("n:news/n:publication/n:language", namespaces=NEWS),
            "date": url.findtext("n:news/n:publication_date", namespaces=NEWS),
            "title": url.findtext("n:news/n:title", namespaces=NEWS),
        }
        for url in root.findall("s:url", NEWS)
    }


@pytest.mark.django_db
def test_the_news_sitemap_lists_the_last_two_days_in_every_language(client, settings):
    from datetime import timedelta

    from django.utils import timezone

    settings.PRENSA_SITE_NAME = "Prensa & Co"
    fresh = make_story(languages=("pt", "en"))
    english = fresh.edition_for("en")
    english.headline = "Ferries <resume> & schools reopen"
    english.save()
    old = make_story(published_at=timezone.now() - timedelta(days=3))
    draft = make_story(languages=("es",), status=Edition.Status.DRAFT)
    scheduled = make_story(languages=("es",), published_at=timezone.now() + timedelta(hours=2))

    entries = news_entries(client)

    assert set(entries) == {BASE + fresh.edition_for(c).get_absolute_url() for c in ("pt", "en")}
    listed = entries[BASE + english.get_absolute_url()]
    assert listed["title"] == "Ferries <resume> & schools reopen"
    assert (listed["name"], listed["language"]) == ("Prensa & Co", "en")
    assert listed["date"].startswith(english.published_at.strftime("%Y-%m-%dT%H:%M"))
    for story in (old, draft, scheduled):
        for edition in Edition.objects.filter(story=story):
            assert BASE + edition.get_absolute_url() not in entries


@pytest.mark.django_db
def test_the_news_sitemap_costs_one_query_however_many_stories(client):
    def grow(n: int) -> None:
        for _ in range(n):
            make_story()

    index = reverse("news_sitemap")
    first = reverse("news_sitemap_file", kwargs={"page": 1})
    assert query_counts(lambda: client.get(index).content, grow) == [1, 1]
    assert query_counts(lambda: client.get(first).content, grow) == [1, 1]


@pytest.mark.django_db
def test_the_news_sitemap_splits_into_files_instead_of_dropping_articles(client, settings):
    settings.PRENSA_NEWS_SITEMAP_LIMIT = 2
    stories = [make_story() for _ in range(3)]  # 9 editions: 5 files

    locations = index_locations(client, "news_sitemap")
    files = [news_file(client, location) for location in locations]

    assert len(locations) == 5
    assert all(1 <= len(entries) <= 2 for entries in files)
    listed = [url for entries in files for url in entries]
    expected = [
        BASE + s.edition_for(c).get_absolute_url() for s in stories for c in ("pt", "es", "en")
    ]
    assert sorted(listed) == sorted(expected)
    past = reverse("news_sitemap_file", kwargs={"page": 6})
    assert client.get(past).status_code == 404


@pytest.mark.django_db
def test_an_empty_news_sitemap_is_an_index_of_one_empty_file(client):
    locations = index_locations(client, "news_sitemap")

    assert [local(location) for location in locations] == ["/sitemap-news-1.xml"]
    assert news_file(client, locations[0]) == {}


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["sitemap", "news_sitemap", "robots"])
def test_sitemaps_and_robots_are_the_same_in_every_browser_language(client, name):
    make_story()
    answers = [
        client.get(reverse(name), HTTP_ACCEPT_LANGUAGE=language) for language in ("pt", "es", "en")
    ]

    for response in answers:
        assert response.status_code == 200
        assert "accept-language" not in response.get("Vary", "").lower()
        assert not response.has_header("Content-Language")
    assert answers[0].content == answers[1].content == answers[2].content


@pytest.mark.django_db
def test_pages_in_the_editors_language_still_vary_on_it(client):
    response = client.get(reverse("admin:login"), HTTP_ACCEPT_LANGUAGE="pt")

    assert "accept-language" in response.get("Vary", "").lower()
