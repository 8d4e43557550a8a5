"""Each author has a page per language: the bio in that language, then their stories in it."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.urls import resolve
from django.utils import timezone, translation

from prensa.newsroom.models import RESERVED_SECTION_SLUGS, Credit, Edition, Section
from tests.factories import make_edition, make_story
from tests.pages import alternates, fetch, headlines, json_ld, reverse_in

pytestmark = pytest.mark.django_db

BASE = "https://news.example.org"
LANGUAGES = ["pt", "es", "en"]


@pytest.fixture
def ruth():
    return Credit.objects.create(
        name="Ruth Callaghan Moss",
        bio_pt="Ruth cobre energia e clima a partir de Lisboa.",
        bio_es="Ruth cubre energía y clima desde Lisboa.",
        bio_en="Ruth covers energy and climate from Lisbon.",
    )


@pytest.mark.parametrize(
    ("language", "path", "bio"),
    [
        ("pt", "/pt/autor/ruth-callaghan-moss/", "Ruth cobre energia e clima a partir de Lisboa."),
        ("es", "/es/autor/ruth-callaghan-moss/", "Ruth cubre energía y clima desde Lisboa."),
        ("en", "/en/author/ruth-callaghan-moss/", "Ruth covers energy and climate from Lisbon."),
    ],
)
def test_the_author_page_reads_in_the_readers_language(client, ruth, language, path, bio):
    assert ruth.get_absolute_url(language) == path

    doc = fetch(client, path)

    assert doc.one("h1").text == "Ruth Callaghan Moss"
    assert doc.one(class_="profile__bio").text == bio
    assert doc.one("html").get("lang") == language


def test_it_lists_only_their_published_stories_in_the_page_language(client, ruth):
    theirs = make_story(credits=(ruth.name,), languages=("pt", "en"))
    make_story(credits=(ruth.name,), languages=("pt",), status=Edition.Status.DRAFT)
    make_story(credits=("Caio Santana Brito",), languages=("pt",))

    portuguese = headlines(fetch(client, ruth.get_absolute_url("pt")))
    spanish = fetch(client, ruth.get_absolute_url("es"))

    assert portuguese == [theirs.edition_for("pt").headline]
    assert headlines(spanish) == []
    assert spanish.one(class_="empty").text == "Aún no hay noticias en este idioma."


def test_it_pages_through_a_long_career_newest_first(client, settings, ruth):
    settings.PRENSA_PAGE_SIZE = 2
    now = timezone.now()
    stories = [
        make_story(credits=(ruth.name,), languages=("en",), published_at=now - timedelta(hours=n))
        for n in range(1, 6)
    ]
    url = ruth.get_absolute_url("en")

    first = fetch(client, url)
    second = fetch(client, url + first.one("a", rel="next").get("href"))
    third = fetch(client, url + second.one("a", rel="next").get("href"))

    assert headlines(first) == [s.edition_for("en").headline for s in stories[:2]]
    assert headlines(third) == [stories[4].edition_for("en").headline]
    assert third.find("a", rel="next") is None
    fetch(client, url + "?before=1.1", status=404)


def test_the_byline_links_to_the_author_page_in_the_same_language(client, ruth):
    story = make_story(credits=(ruth.name,))

    for language in LANGUAGES:
        doc = fetch(client, story.edition_for(language).get_absolute_url())
        link = doc.one(class_="byline").one("a", class_="byline__name")
        assert link.get("href") == ruth.get_absolute_url(language)
        assert link.text == ruth.name


def test_json_ld_points_each_author_to_their_page(client, ruth):
    story = make_story(credits=(ruth.name,))
    edition = story.edition_for("es")

    (author,) = json_ld(fetch(client, edition.get_absolute_url()))["author"]

    assert author["url"] == BASE + "/es/autor/ruth-callaghan-moss/"


def test_the_author_page_names_its_editions_in_the_other_languages(client, ruth):
    doc = fetch(client, ruth.get_absolute_url("es"))

    assert alternates(doc) == {
        "pt": BASE + "/pt/autor/ruth-callaghan-moss/",
        "es": BASE + "/es/autor/ruth-callaghan-moss/",
        "en": BASE + "/en/author/ruth-callaghan-moss/",
        "x-default": BASE + "/en/author/ruth-callaghan-moss/",
    }


def test_the_sitemap_lists_author_pages_with_their_alternates(client, ruth):
    body = client.get("/sitemap-listings.xml").content.decode()

    for language in LANGUAGES:
        assert BASE + ruth.get_absolute_url(language) in body


def test_an_unknown_author_is_a_404(client):
    fetch(client, reverse_in("pt", "public:author", slug="ninguem"), status=404)


def test_two_people_with_names_that_slug_alike_get_two_pages(client):
    first = Credit.objects.create(name="Ana Lúcia Ferreira")
    second = Credit.objects.create(name="Ana Lucia Ferreira")

    assert (first.slug, second.slug) == ("ana-lucia-ferreira", "ana-lucia-ferreira-2")


@pytest.mark.parametrize("name", ["author", "about", "contact", "corrections", "privacy"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_no_section_can_take_the_first_segment_of_a_site_page(language, name):
    kwargs = {"slug": "someone"} if name == "author" else {}
    path = reverse_in(language, f"public:{name}", **kwargs)
    first_segment = path.split("/")[2]

    with translation.override(language):
        assert resolve(path).url_name == name
    assert first_segment in RESERVED_SECTION_SLUGS
    section = Section(name_pt="X", name_es="X", name_en="X", slug_pt="x", slug_es="x", slug_en="x")
    setattr(section, f"slug_{language}", first_segment)
    with pytest.raises(ValidationError):
        section.clean()


def test_a_new_edition_by_the_author_shows_on_their_page_at_once(client, ruth):
    """Author pages are stored like every reader page; a publication must not wait for expiry."""
    story = make_story(credits=(ruth.name,), languages=("en",))
    url = ruth.get_absolute_url("pt")
    assert headlines(fetch(client, url)) == []

    edition = make_edition(story, "pt")

    assert headlines(fetch(client, url)) == [edition.headline]


def test_every_demo_author_has_a_page_with_a_bio_in_each_language(client):
    from io import StringIO

    from django.core.management import call_command

    call_command("demo", "--no-migrate", stdout=StringIO())

    credits = list(Credit.objects.all())
    assert len(credits) >= 14
    for credit in credits:
        for language in LANGUAGES:
            doc = fetch(client, credit.get_absolute_url(language))
            assert doc.one(class_="profile__bio").text == credit.bio_in(language), credit
            assert credit.bio_in(language)
        assert headlines(fetch(client, credit.get_absolute_url("pt"))), credit
    wire = Credit.objects.get(name="Prensa Wire")
    assert wire.is_agency
