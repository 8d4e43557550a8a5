"""A language a story has no edition in yet: the switcher still leads somewhere, to a page in
that language that says so and points to the editions there are (a 404, not indexed)."""

import pytest

from prensa.newsroom.models import Edition
from tests.factories import make_edition, make_section, make_story
from tests.pages import fetch, parse, reverse_in, switcher

pytestmark = pytest.mark.django_db

SAYS = {
    "pt": "Esta notícia ainda não está disponível em português.",
    "es": "Esta noticia aún no está disponible en español.",
    "en": "This story is not yet available in English.",
}


@pytest.fixture
def story():
    section = make_section(en="Economy", pt="Economia", es="Economía")
    return make_story(section=section, languages=("en", "pt"))


def missing_url(client, story, language: str, reading: str = "en") -> str:  # type: ignore[no-untyped-def]
    doc = fetch(client, story.edition_for(reading).get_absolute_url())
    entry = switcher(doc).one("a", lang=language)
    assert "switcher__unavailable" in entry.get("class")
    return entry.get("href")


def test_the_switcher_leads_to_a_page_in_spanish_saying_the_story_is_not_there_yet(client, story):
    url = missing_url(client, story, "es")
    response = client.get(url)

    assert response.status_code == 404
    doc = parse(response.content)
    assert doc.one("html").get("lang") == "es"
    assert doc.one("h1").text == SAYS["es"]
    assert doc.one("meta", name="robots").get("content") == "noindex"
    links = {a.get("lang"): a.get("href") for a in doc.one("main").find_all("a", hreflang=True)}
    assert links == {code: story.edition_for(code).get_absolute_url() for code in ("pt", "en")}
    assert story.edition_for("pt").headline in doc.one("main").text


@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_it_speaks_the_missing_language(client, language):
    story = make_story(languages=tuple({"pt", "es", "en"} - {language}))
    reading = next(code for code in ("en", "pt", "es") if code != language)

    response = client.get(missing_url(client, story, language, reading))

    assert response.status_code == 404
    assert parse(response.content).one("h1").text == SAYS[language]


def test_it_is_not_a_stored_page_and_not_indexed(client, story):
    response = client.get(missing_url(client, story, "es"))

    assert "public" not in response.get("Cache-Control", "")
    assert not response.cookies
    assert 'rel="canonical"' not in response.content.decode()


def test_once_the_edition_is_published_the_same_address_leads_to_it(client, story):
    url = missing_url(client, story, "es")
    spanish = make_edition(story, "es")

    response = client.get(url)

    assert response.status_code == 301
    assert response["Location"] == spanish.get_absolute_url()


def test_a_draft_edition_is_still_reported_missing_and_not_revealed(client, story):
    draft = make_edition(story, "es", status=Edition.Status.DRAFT, headline="Borrador secreto")

    response = client.get(missing_url(client, story, "es"))

    assert response.status_code == 404
    assert "Borrador secreto" not in response.content.decode()
    assert draft.slug not in response.content.decode()


def test_an_unknown_slug_is_still_the_plain_not_found_page(client, story):
    url = reverse_in("es", "public:article", section=story.section.slug_es, slug="no-such-story")

    doc = parse(client.get(url).content)

    assert doc.one("h1").text == "Página no encontrada"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_switcher_entry_and_the_page_have_no_accessibility_violations(live_server, page):  # type: ignore[no-untyped-def]
    from tests.test_accessibility import violations

    story = make_story(languages=("en", "pt"))
    page.goto(live_server.url + story.edition_for("en").get_absolute_url())
    assert violations(page) == []

    page.get_by_role("navigation", name="Language").get_by_role("link", name="Español").click()

    assert page.locator("h1").inner_text() == SAYS["es"]
    assert violations(page) == []
