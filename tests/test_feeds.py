"""RSS and Atom feeds: the latest stories in the reader's language, with absolute links."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_section, make_story, make_tag
from tests.pages import parse, query_counts, reverse_in

ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.fixture
def stories(db):
    section = make_section("Middle East", "Oriente Médio", "Oriente Medio")
    tag = make_tag("Water", "Água", "Agua")
    return [make_story(section=section, tags=(tag,)) for _ in range(3)] + [
        make_story(section=section, languages=("es",), source_language="es")
    ]


@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_the_rss_feed_lists_only_this_languages_stories(client, stories, language):
    response = client.get(reverse_in(language, "public:feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    assert not response.cookies
    channel = ET.fromstring(response.content).find("channel")
    items = channel.findall("item")
    expected = [s.edition_for(language) for s in stories if s.edition_for(language)]
    assert sorted(i.findtext("title") for i in items) == sorted(e.headline for e in expected)
    assert channel.findtext("language") == language
    first = items[0]
    assert first.findtext("link").startswith("https://news.example.org/" + language + "/")
    assert {c.text for c in first.findall("category")} >= {
        {"pt": "Oriente Médio", "es": "Oriente Medio", "en": "Middle East"}[language]
    }


def test_the_atom_feed_has_entries_with_absolute_links(client, stories):
    response = client.get(reverse_in("pt", "public:feed_atom"))
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == 3
    link = entries[0].find(f"{ATOM}link").get("href")
    assert link.startswith("https://news.example.org/pt/")
    assert entries[0].find(f"{ATOM}updated").text


def test_every_reader_page_points_to_its_languages_feeds(client, stories):
    html = client.get(reverse_in("es", "public:home")).content.decode()
    assert (
        f'type="application/rss+xml" title="Prensa (RSS)" href="{reverse_in("es", "public:feed")}"'
        in html
    )


def test_the_feed_costs_the_same_queries_for_5_and_40_stories(client, db):
    section = make_section()

    def grow(count: int) -> None:
        for _ in range(count):
            make_story(section=section, tags=(make_tag(),))

    counts = query_counts(lambda: client.get(reverse_in("en", "public:feed")), grow)
    assert counts[0] == counts[1]


SECTION_TITLES = {"pt": "Oriente Médio", "es": "Oriente Medio", "en": "Middle East"}
TAG_TITLES = {"pt": "Tema: Água", "es": "Tema: Agua", "en": "Tag: Water"}


@pytest.fixture
def elsewhere(stories):
    """A story in another section with another tag: in no feed of the fixture's section or tag."""
    return make_story(tags=(make_tag("Roads", "Estradas", "Carreteras"),))


@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_a_sections_rss_feed_lists_its_stories_in_the_readers_language(
    client, stories, elsewhere, language
):
    section = stories[0].section
    response = client.get(
        reverse_in(language, "public:section_feed", section=section.slug_in(language))
    )

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    channel = ET.fromstring(response.content).find("channel")
    assert channel.findtext("title") == f"Prensa — {SECTION_TITLES[language]}"
    assert channel.findtext("language") == language
    assert channel.findtext("link") == "https://news.example.org" + section.get_absolute_url(
        language
    )
    expected = [s.edition_for(language) for s in stories if s.edition_for(language)]
    titles = [item.findtext("title") for item in channel.findall("item")]
    assert sorted(titles) == sorted(e.headline for e in expected)
    assert elsewhere.edition_for(language).headline not in titles


@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_a_tags_atom_feed_lists_its_stories_titled_in_the_readers_language(
    client, stories, elsewhere, language
):
    tag = stories[0].tags.get()
    url = reverse_in(language, "public:tag_feed_atom", slug=tag.slug_in(language))
    response = client.get(url)

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)
    assert feed.findtext(f"{ATOM}title") == f"Prensa — {TAG_TITLES[language]}"
    assert feed.get("{http://www.w3.org/XML/1998/namespace}lang") == language
    self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
    assert self_link == "https://news.example.org" + url
    titles = [entry.findtext(f"{ATOM}title") for entry in feed.findall(f"{ATOM}entry")]
    assert sorted(titles) == sorted(s.edition_for(language).headline for s in stories[:3])
    assert elsewhere.edition_for(language).headline not in titles


def test_a_tags_rss_and_a_sections_atom_feed_exist_too(client, stories):
    tag, section = stories[0].tags.get(), stories[0].section
    rss = client.get(reverse_in("es", "public:tag_feed", slug=tag.slug_es))
    atom = client.get(reverse_in("es", "public:section_feed_atom", section=section.slug_es))

    assert ET.fromstring(rss.content).find("channel").findtext("title") == "Prensa — Tema: Agua"
    assert ET.fromstring(atom.content).findtext(f"{ATOM}title") == "Prensa — Oriente Medio"
    assert len(ET.fromstring(atom.content).findall(f"{ATOM}entry")) == 4


def test_a_feed_under_another_languages_slug_is_not_found(client, stories):
    section = stories[0].section
    url = reverse_in("pt", "public:section_feed", section=section.slug_en)

    assert client.get(url).status_code == 404


@pytest.mark.parametrize("kind", ["section", "tag"])
def test_section_and_tag_pages_point_to_their_own_feeds_and_the_languages(client, stories, kind):
    named = stories[0].section if kind == "section" else stories[0].tags.get()
    doc = parse(client.get(named.get_absolute_url("pt")).content)

    feeds = {
        (link.get("type"), link.get("href")): link.get("title")
        for link in doc.find_all("link", rel="alternate", type=True)
    }
    slug = {"section": named.slug_in("pt")} if kind == "section" else {"slug": named.slug_in("pt")}
    own_rss = reverse_in("pt", f"public:{kind}_feed", **slug)
    own_atom = reverse_in("pt", f"public:{kind}_feed_atom", **slug)
    name = "Oriente Médio" if kind == "section" else "Tema: Água"
    assert feeds[("application/rss+xml", own_rss)] == f"Prensa — {name} (RSS)"
    assert feeds[("application/atom+xml", own_atom)] == f"Prensa — {name} (Atom)"
    assert ("application/rss+xml", reverse_in("pt", "public:feed")) in feeds
    for _type, href in feeds:
        assert client.get(href).status_code == 200


def test_a_sections_feed_costs_the_same_queries_for_5_and_40_stories(client, db):
    section = make_section()

    def grow(count: int) -> None:
        for _ in range(count):
            make_story(section=section, tags=(make_tag(),))

    url = reverse_in("en", "public:section_feed", section=section.slug_en)
    counts = query_counts(lambda: client.get(url), grow)
    assert counts[0] == counts[1]
