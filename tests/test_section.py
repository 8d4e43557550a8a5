from datetime import timedelta

import pytest
from django.utils import timezone

from prensa.newsroom.models import Edition
from tests.factories import make_section, make_story
from tests.pages import alternates, fetch, headlines, reverse_in

pytestmark = pytest.mark.django_db

LANGUAGES = ["pt", "es", "en"]


@pytest.fixture
def middle_east():
    return make_section(en="Middle East", pt="Oriente Médio", es="Oriente Medio")


@pytest.mark.parametrize(
    ("language", "name"), [("pt", "Oriente Médio"), ("es", "Oriente Medio"), ("en", "Middle East")]
)
def test_it_shows_the_section_named_in_the_readers_language(client, middle_east, language, name):
    story = make_story(section=middle_east)

    doc = fetch(client, middle_east.get_absolute_url(language))

    assert doc.one("html").get("lang") == language
    assert doc.one("h1").text == name
    assert headlines(doc) == [story.edition_for(language).headline]
    for other in set(LANGUAGES) - {language}:
        assert story.edition_for(other).headline not in doc.text


def test_it_lists_only_the_sections_own_stories(client, middle_east):
    mine = make_story(section=middle_east)
    make_story(section=make_section())

    doc = fetch(client, middle_east.get_absolute_url("es"))

    assert headlines(doc) == [mine.edition_for("es").headline]


def test_it_marks_the_section_as_current_in_the_navigation(client, middle_east):
    make_section(en="Economy", pt="Economia", es="Economía")

    doc = fetch(client, middle_east.get_absolute_url("pt"))

    current = doc.one("nav", class_="sections").one("a", aria_current="page")
    assert current.text == "Oriente Médio"
    assert current.get("href") == middle_east.get_absolute_url("pt")


def test_it_does_not_show_drafts_or_editions_scheduled_for_later(client, middle_east):
    make_story(section=middle_east, status=Edition.Status.DRAFT)
    make_story(section=middle_east, published_at=timezone.now() + timedelta(days=1))
    published = make_story(section=middle_east)

    doc = fetch(client, middle_east.get_absolute_url("en"))

    assert headlines(doc) == [published.edition_for("en").headline]


def test_it_leaves_out_a_story_that_has_no_edition_in_the_readers_language(client, middle_east):
    make_story(section=middle_east, languages=("en", "es"))

    doc = fetch(client, middle_east.get_absolute_url("pt"))

    assert headlines(doc) == []
    assert doc.find(class_="empty") is not None


def test_it_redirects_a_slug_from_another_language_to_the_readers_slug(client, middle_east):
    english_slug_under_pt = reverse_in("pt", "public:section", section=middle_east.slug_en)

    response = client.get(english_slug_under_pt)

    assert response.status_code == 301
    assert response["Location"] == middle_east.get_absolute_url("pt")


def test_it_keeps_the_page_number_when_redirecting_a_slug_from_another_language(
    client, settings, middle_east
):
    settings.PRENSA_PAGE_SIZE = 1
    make_story(section=middle_east)
    make_story(section=middle_east)
    english_slug_under_pt = reverse_in("pt", "public:section", section=middle_east.slug_en)

    response = client.get(english_slug_under_pt, {"page": 2})

    assert response.status_code == 301
    assert response["Location"] == middle_east.get_absolute_url("pt") + "?page=2"


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_lists_the_section_in_every_language_as_alternates(client, middle_east, language):
    doc = fetch(client, middle_east.get_absolute_url(language))

    expected = {
        code: f"https://news.example.org{middle_east.get_absolute_url(code)}" for code in LANGUAGES
    }
    assert alternates(doc) == {**expected, "x-default": expected["en"]}
    canonical = doc.one("link", rel="canonical").get("href")
    assert canonical == expected[language]


def test_it_splits_the_listing_into_pages(client, settings, middle_east):
    settings.PRENSA_PAGE_SIZE = 2
    now = timezone.now()
    stories = [
        make_story(section=middle_east, published_at=now - timedelta(hours=n)) for n in range(1, 6)
    ]
    url = middle_east.get_absolute_url("es")

    pages, doc = [], fetch(client, url)
    while doc is not None:
        pages.append(headlines(doc))
        older = doc.find("a", rel="next")
        doc = fetch(client, url + older.get("href")) if older else None

    expected = [s.edition_for("es").headline for s in stories]
    assert pages == [expected[0:2], expected[2:4], expected[4:5]]


@pytest.mark.parametrize("cursor", ["abc", "0", "1.1", "-1"])
def test_it_answers_404_for_a_page_that_does_not_exist(client, settings, middle_east, cursor):
    settings.PRENSA_PAGE_SIZE = 2
    for _ in range(3):
        make_story(section=middle_east)

    response = client.get(middle_east.get_absolute_url("pt"), {"before": cursor})

    assert response.status_code == 404


def test_moving_a_story_to_another_section_moves_its_editions_listing(client, middle_east):
    """Editions carry their story's section (for the listing index): a move must follow."""
    story = make_story(section=middle_east)
    other = make_section("Sport", "Esporte", "Deporte")
    story.section = other
    story.save()
    headline = story.edition_for("en").headline
    assert headline in client.get(other.get_absolute_url("en")).content.decode()
    assert headline not in client.get(middle_east.get_absolute_url("en")).content.decode()
