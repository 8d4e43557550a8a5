from datetime import timedelta

import pytest
from django.utils import timezone

from prensa.newsroom.models import Edition
from tests.factories import make_edition, make_section, make_story
from tests.pages import alternates, fetch, headlines, reverse_in

pytestmark = pytest.mark.django_db

LANGUAGES = ["pt", "es", "en"]


def hours_ago(hours: int):  # type: ignore[no-untyped-def]
    return timezone.now() - timedelta(hours=hours)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_shows_the_latest_stories_in_the_readers_language(client, language):
    story = make_story()

    doc = fetch(client, reverse_in(language, "public:home"))

    assert doc.one("html").get("lang") == language
    assert headlines(doc) == [story.edition_for(language).headline]
    for other in set(LANGUAGES) - {language}:
        assert story.edition_for(other).headline not in doc.text


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_links_each_teaser_to_the_edition_in_the_readers_language(client, language):
    story = make_story()

    doc = fetch(client, reverse_in(language, "public:home"))

    teaser = doc.one(class_="teaser__headline").one("a")
    assert teaser.get("href") == story.edition_for(language).get_absolute_url()


def test_it_shows_the_newest_story_first(client):
    section = make_section()
    old = make_story(section=section, published_at=hours_ago(30))
    new = make_story(section=section, published_at=hours_ago(2))
    middle = make_story(section=section, published_at=hours_ago(10))

    doc = fetch(client, reverse_in("es", "public:home"))

    assert headlines(doc) == [s.edition_for("es").headline for s in (new, middle, old)]


def test_it_groups_the_stories_after_the_lead_under_their_sections(client):
    world = make_section(en="World", pt="Mundo", es="Mundo", position=1)
    science = make_section(en="Science", pt="Ciência", es="Ciencia", position=2)
    make_story(section=science, published_at=hours_ago(1))
    make_story(section=world, published_at=hours_ago(2))
    make_story(section=science, published_at=hours_ago(3))

    doc = fetch(client, reverse_in("pt", "public:home"))

    titles = [el.text for el in doc.find_all(class_="group__title")]
    assert titles == ["Mundo", "Ciência"]


def test_it_does_not_show_drafts(client):
    make_story(status=Edition.Status.DRAFT)
    published = make_story()

    doc = fetch(client, reverse_in("en", "public:home"))

    assert headlines(doc) == [published.edition_for("en").headline]


def test_it_does_not_show_editions_scheduled_for_later(client):
    scheduled = make_story(published_at=timezone.now() + timedelta(hours=2))

    doc = fetch(client, reverse_in("pt", "public:home"))

    assert headlines(doc) == []
    assert scheduled.edition_for("pt").headline not in doc.text


def test_it_leaves_out_a_story_that_has_no_edition_in_the_readers_language(client):
    english_only = make_story(languages=("en",))
    everywhere = make_story()

    pt = fetch(client, reverse_in("pt", "public:home"))
    en = fetch(client, reverse_in("en", "public:home"))

    assert headlines(pt) == [everywhere.edition_for("pt").headline]
    assert english_only.edition_for("en").headline in headlines(en)


def test_it_leaves_out_a_story_whose_edition_in_the_readers_language_is_a_draft(client):
    story = make_story(languages=("en", "pt"))
    make_edition(story, "es", status=Edition.Status.DRAFT)

    doc = fetch(client, reverse_in("es", "public:home"))

    assert headlines(doc) == []


def test_it_says_so_when_nothing_is_published_in_the_readers_language(client):
    make_story(languages=("en",))

    doc = fetch(client, reverse_in("en", "public:home"))
    empty = fetch(client, reverse_in("pt", "public:home"))

    assert doc.find(class_="empty") is None
    assert empty.find(class_="empty") is not None


def test_it_splits_the_listing_into_pages(client, settings):
    settings.PRENSA_PAGE_SIZE = 2
    section = make_section()
    stories = [make_story(section=section, published_at=hours_ago(n)) for n in range(1, 6)]
    url = reverse_in("pt", "public:home")

    first = fetch(client, url)
    second = fetch(client, url + first.one("a", rel="next").get("href"))
    third = fetch(client, url + second.one("a", rel="next").get("href"))

    expected = [s.edition_for("pt").headline for s in stories]
    assert headlines(first) == expected[0:2]
    assert headlines(second) == expected[2:4]
    assert headlines(third) == expected[4:5]
    assert first.find("a", rel="prev") is None
    assert third.find("a", rel="next") is None
    # Back towards the newest: the page before the third is the second.
    back = fetch(client, url + third.one("a", rel="prev").get("href"))
    assert headlines(back) == expected[2:4]


def test_paging_does_not_skip_or_repeat_stories_published_at_the_same_moment(client, settings):
    settings.PRENSA_PAGE_SIZE = 2
    section = make_section()
    moment = hours_ago(1)
    stories = [make_story(section=section, published_at=moment) for _ in range(5)]
    url = reverse_in("en", "public:home")
    seen, doc = [], fetch(client, url)
    while True:
        seen += headlines(doc)
        older = doc.find("a", rel="next")
        if older is None:
            break
        doc = fetch(client, url + older.get("href"))
    assert sorted(seen) == sorted(s.edition_for("en").headline for s in stories)


def test_it_gives_later_pages_their_own_canonical_url(client, settings):
    settings.PRENSA_PAGE_SIZE = 1
    section = make_section()
    make_story(section=section)
    make_story(section=section)
    url = reverse_in("en", "public:home")

    older = fetch(client, url).one("a", rel="next").get("href")
    doc = fetch(client, url + older)

    canonical = doc.one("link", rel="canonical").get("href")
    assert canonical == f"https://news.example.org{url}{older}"


@pytest.mark.parametrize(
    "query",
    [
        {"before": "abc"},
        {"before": "-1.5"},
        {"before": "1.2.3"},
        {"before": "9" * 20 + ".1"},
        {"after": "x"},
        {"before": "1.1", "after": "1.1"},
        {"before": "1.1"},  # nothing was published before 1970
    ],
)
def test_it_answers_404_for_a_page_that_does_not_exist(client, settings, query):
    settings.PRENSA_PAGE_SIZE = 2
    section = make_section()
    for _ in range(3):
        make_story(section=section)

    response = client.get(reverse_in("en", "public:home"), query)

    assert response.status_code == 404


def test_an_old_numbered_page_address_shows_the_first_page_with_its_canonical(client):
    make_story()
    url = reverse_in("en", "public:home")
    doc = fetch(client, url + "?page=7")
    assert doc.one("link", rel="canonical").get("href") == f"https://news.example.org{url}"


def test_it_lists_every_language_home_as_an_alternate(client):
    doc = fetch(client, reverse_in("es", "public:home"))

    expected = {
        code: f"https://news.example.org{reverse_in(code, 'public:home')}" for code in LANGUAGES
    }
    assert alternates(doc) == {**expected, "x-default": expected["en"]}
