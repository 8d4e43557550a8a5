from datetime import timedelta

import pytest
from django.utils import timezone

from prensa.newsroom.models import Edition
from tests.factories import make_section, make_story, make_tag
from tests.pages import alternates, fetch, headlines, reverse_in

pytestmark = pytest.mark.django_db

LANGUAGES = ["pt", "es", "en"]


@pytest.fixture
def syria():
    return make_tag(en="Syria", pt="Síria", es="Siria")


@pytest.mark.parametrize(("language", "name"), [("pt", "Síria"), ("es", "Siria"), ("en", "Syria")])
def test_it_shows_the_tag_named_in_the_readers_language(client, syria, language, name):
    story = make_story(tags=(syria,))

    doc = fetch(client, syria.get_absolute_url(language))

    assert doc.one("html").get("lang") == language
    assert doc.one("h1").text == name
    assert headlines(doc) == [story.edition_for(language).headline]
    for other in set(LANGUAGES) - {language}:
        assert story.edition_for(other).headline not in doc.text


def test_it_lists_stories_from_every_section_that_carry_the_tag(client, syria):
    first = make_story(section=make_section(), tags=(syria,))
    second = make_story(section=make_section(), tags=(syria, make_tag()))
    make_story(tags=(make_tag(),))

    doc = fetch(client, syria.get_absolute_url("pt"))

    assert sorted(headlines(doc)) == sorted(s.edition_for("pt").headline for s in (first, second))


def test_it_names_each_teasers_section_in_the_readers_language(client, syria):
    section = make_section(en="Middle East", pt="Oriente Médio", es="Oriente Medio")
    make_story(section=section, tags=(syria,))

    doc = fetch(client, syria.get_absolute_url("es"))

    kicker = doc.one("article", class_="teaser").one(class_="kicker").one("a")
    assert kicker.text == "Oriente Medio"
    assert kicker.get("href") == section.get_absolute_url("es")


def test_it_does_not_show_drafts_or_editions_scheduled_for_later(client, syria):
    make_story(tags=(syria,), status=Edition.Status.DRAFT)
    make_story(tags=(syria,), published_at=timezone.now() + timedelta(minutes=5))
    published = make_story(tags=(syria,))

    doc = fetch(client, syria.get_absolute_url("pt"))

    assert headlines(doc) == [published.edition_for("pt").headline]


def test_it_leaves_out_a_story_that_has_no_edition_in_the_readers_language(client, syria):
    make_story(tags=(syria,), languages=("pt",), source_language="pt")

    doc = fetch(client, syria.get_absolute_url("en"))

    assert headlines(doc) == []
    assert doc.find(class_="empty") is not None


def test_it_redirects_a_slug_from_another_language_to_the_readers_slug(client, syria):
    response = client.get(reverse_in("es", "public:tag", slug=syria.slug_en))

    assert response.status_code == 301
    assert response["Location"] == syria.get_absolute_url("es")


def test_it_keeps_the_page_number_when_redirecting_a_slug_from_another_language(
    client, settings, syria
):
    settings.PRENSA_PAGE_SIZE = 1
    make_story(tags=(syria,))
    make_story(tags=(syria,))

    response = client.get(reverse_in("es", "public:tag", slug=syria.slug_en), {"page": 2})

    assert response.status_code == 301
    assert response["Location"] == syria.get_absolute_url("es") + "?page=2"


def test_it_lists_the_tag_in_every_language_as_alternates(client, syria):
    doc = fetch(client, syria.get_absolute_url("pt"))

    expected = {
        code: f"https://news.example.org{syria.get_absolute_url(code)}" for code in LANGUAGES
    }
    assert alternates(doc) == {**expected, "x-default": expected["en"]}


def test_it_splits_the_listing_into_pages(client, settings, syria):
    settings.PRENSA_PAGE_SIZE = 2
    now = timezone.now()
    stories = [make_story(tags=(syria,), published_at=now - timedelta(hours=n)) for n in (1, 2, 3)]
    url = syria.get_absolute_url("en")

    first = fetch(client, url)
    second = fetch(client, url + first.one("a", rel="next").get("href"))

    expected = [s.edition_for("en").headline for s in stories]
    assert [headlines(first), headlines(second)] == [expected[0:2], expected[2:3]]
    assert second.find("a", rel="next") is None


@pytest.mark.parametrize("cursor", ["abc", "0", "1.1", "-1"])
def test_it_answers_404_for_a_page_that_does_not_exist(client, settings, syria, cursor):
    settings.PRENSA_PAGE_SIZE = 2
    for _ in range(3):
        make_story(tags=(syria,))

    response = client.get(syria.get_absolute_url("es"), {"before": cursor})

    assert response.status_code == 404


def test_a_tag_on_most_of_the_archive_lists_the_same_stories(client, settings, monkeypatch, syria):
    """Common tags are listed by walking the newest editions (see views.COMMON_TAG)."""
    from prensa.public import views

    settings.PRENSA_PAGE_SIZE = 2
    monkeypatch.setattr(views, "COMMON_TAG", 2)
    now = timezone.now()
    tagged = [make_story(tags=(syria,), published_at=now - timedelta(hours=n)) for n in (1, 3, 5)]
    make_story(published_at=now - timedelta(hours=2))  # untagged, between them
    url = syria.get_absolute_url("en")

    first = fetch(client, url)
    second = fetch(client, url + first.one("a", rel="next").get("href"))

    expected = [s.edition_for("en").headline for s in tagged]
    assert [headlines(first), headlines(second)] == [expected[0:2], expected[2:3]]
