"""RSS and Atom feeds: the latest stories in the reader's language, with absolute links."""

import xml.etree.ElementTree as ET

import pytest

from tests.factories import make_section, make_story, make_tag
from tests.pages import query_counts, reverse_in

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
