import pytest
from django.test import Client

from prensa.newsroom.models import Edition
from tests.factories import make_edition, make_section, make_story, make_tag
from tests.pages import parse, reverse_in

pytestmark = pytest.mark.django_db

LANGUAGES = ["pt", "es", "en"]
TITLES = {"pt": "Página não encontrada", "es": "Página no encontrada", "en": "Page not found"}


@pytest.fixture
def story():
    section = make_section(en="Economy", pt="Economia", es="Economía")
    return make_story(section=section, tags=(make_tag(),))


def assert_localized_404(response, language: str) -> None:  # type: ignore[no-untyped-def]
    assert response.status_code == 404
    doc = parse(response.content)
    assert doc.one("html").get("lang") == language
    assert doc.one("h1").text == TITLES[language]
    front_page = doc.one("main").find_all("a")[-1]
    assert front_page.get("href") == reverse_in(language, "public:home")


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_localized_404_for_an_unknown_article(client, story, language):
    url = reverse_in(
        language, "public:article", section=story.section.slug_in(language), slug="no-such-story"
    )

    assert_localized_404(client.get(url), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_localized_404_for_an_unknown_section(client, language):
    url = reverse_in(language, "public:section", section="no-such-section")

    assert_localized_404(client.get(url), language)


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_answers_a_localized_404_for_an_unknown_tag(client, language):
    url = reverse_in(language, "public:tag", slug="no-such-tag")

    assert_localized_404(client.get(url), language)


@pytest.mark.parametrize("path", ["/fr/", "/fr/anything/", "/de/x/y/", "/zh-Hant-TW/", "/fr"])
def test_it_answers_404_not_a_redirect_for_a_language_it_does_not_publish_in(client, path):
    response = client.get(path)

    assert response.status_code == 404


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_explains_an_unknown_language_in_the_browsers_language(client, language):
    response = client.get("/fr/anything/", headers={"accept-language": language})

    assert_localized_404(response, language)


def test_it_answers_404_for_an_unpublished_language_even_when_the_rest_is_a_real_section(
    client, story
):
    response = client.get(f"/fr/{story.section.slug_en}/")

    assert response.status_code == 404


@pytest.mark.parametrize(
    ("path", "target"),
    [
        ("/pt-BR/", "/pt/"),
        ("/pt-br/", "/pt/"),
        ("/PT/", "/pt/"),
        ("/es-419/", "/es/"),
        ("/en-GB/", "/en/"),
    ],
)
def test_it_redirects_a_regional_language_tag_to_the_language_it_publishes(client, path, target):
    response = client.get(path)

    assert response.status_code == 301
    assert response["Location"] == target


def test_it_keeps_the_rest_of_the_path_and_the_query_when_dropping_the_region(client, story):
    pt_url = story.edition_for("pt").get_absolute_url()
    regional = pt_url.replace("/pt/", "/pt-BR/", 1)  # the raw prefix is what this test is about

    response = client.get(regional + "?utm_source=feed")

    assert response.status_code == 301
    assert response["Location"] == pt_url + "?utm_source=feed"


def test_it_redirects_a_slug_from_another_language_to_the_readers_edition(client, story):
    english_slug = story.edition_for("en").slug
    url = reverse_in("pt", "public:article", section=story.section.slug_pt, slug=english_slug)

    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == story.edition_for("pt").get_absolute_url()


def test_it_answers_404_for_a_slug_from_another_language_when_there_is_no_edition(client):
    story = make_story(languages=("en", "es"))
    url = reverse_in(
        "pt", "public:article", section=story.section.slug_pt, slug=story.edition_for("en").slug
    )

    response = client.get(url)

    # Not the bare "page not found": the page says so (tests/test_missing_edition.py).
    assert response.status_code == 404
    doc = parse(response.content)
    assert doc.one("html").get("lang") == "pt"
    assert doc.one("h1").text == "Esta notícia ainda não está disponível em português."


def test_it_answers_404_for_a_slug_from_another_language_when_the_edition_is_a_draft(client):
    story = make_story(languages=("en",))
    make_edition(story, "pt", status=Edition.Status.DRAFT)
    url = reverse_in(
        "pt", "public:article", section=story.section.slug_pt, slug=story.edition_for("en").slug
    )

    assert client.get(url).status_code == 404


def test_it_does_not_reveal_a_draft_through_another_languages_slug(client):
    story = make_story(languages=("pt",), source_language="pt")
    make_edition(story, "en", status=Edition.Status.DRAFT)
    url = reverse_in(
        "pt", "public:article", section=story.section.slug_pt, slug=story.edition_for("en").slug
    )

    assert client.get(url).status_code == 404


def test_it_redirects_an_article_filed_under_the_wrong_section_to_its_canonical_url(client, story):
    edition = story.edition_for("es")
    other = make_section(en="Sport", pt="Esporte", es="Deporte")
    url = reverse_in("es", "public:article", section=other.slug_es, slug=edition.slug)

    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == edition.get_absolute_url()


def test_it_redirects_an_article_under_another_languages_section_slug(client, story):
    edition = story.edition_for("pt")
    url = reverse_in("pt", "public:article", section=story.section.slug_en, slug=edition.slug)

    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == edition.get_absolute_url()


def test_it_redirects_a_section_slug_of_another_language(client, story):
    url = reverse_in("es", "public:section", section=story.section.slug_en)

    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == story.section.get_absolute_url("es")


def test_it_redirects_the_bare_domain_to_a_language_home(client):
    response = client.get("/")

    assert response.status_code in (301, 302)
    homes = [reverse_in(code, "public:home") for code in LANGUAGES]
    assert response["Location"] in homes


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_redirects_the_bare_domain_to_the_browsers_language(client, language):
    response = client.get("/", headers={"accept-language": f"{language},fr;q=0.5"})

    assert response["Location"] == reverse_in(language, "public:home")


def page_urls(story) -> dict[str, str]:  # type: ignore[no-untyped-def]
    edition = story.edition_for("pt")
    return {
        "home": reverse_in("pt", "public:home"),
        "section": story.section.get_absolute_url("pt"),
        "tag": story.tags.get().get_absolute_url("pt"),
        "article": edition.get_absolute_url(),
    }


GARBAGE = [
    *("page=%00", "page=-1", "page=1e3", "page=%20", "page=1%0A", "q=%3Cscript%3E", "page[]=2"),
    *("before=%00", "before=1e3", "after=1.%0A", "before[]=2", "after=%3Cscript%3E"),
]


@pytest.mark.parametrize("query", GARBAGE)
@pytest.mark.parametrize("page", ["home", "section", "tag", "article"])
def test_it_never_fails_on_a_garbage_query_string(story, page, query):
    client = Client(raise_request_exception=False)

    response = client.get(f"{page_urls(story)[page]}?{query}")

    assert response.status_code in (200, 404)
    assert b"<script>" not in response.content


@pytest.mark.parametrize("page", ["home", "section", "tag"])
def test_it_answers_404_for_a_cursor_written_with_unicode_digits(story, page):
    client = Client(raise_request_exception=False)

    response = client.get(f"{page_urls(story)[page]}?before=%C2%B2.1")  # "²"

    assert response.status_code == 404


def test_the_favicon_is_found_where_browsers_look(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"].endswith("/prensa/favicon.svg")
