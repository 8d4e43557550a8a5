"""Reader pages are the same for everyone, so a CDN may keep and share them."""

import pytest
from django.utils.cache import get_max_age

from tests.factories import make_story, make_tag
from tests.pages import reverse_in

pytestmark = pytest.mark.django_db

PAGES = ["home", "section", "tag", "article", "author", "about", "privacy"]
LANGUAGES = ["pt", "es", "en"]


@pytest.fixture
def urls():
    story = make_story(tags=(make_tag(),))

    def url_of(page: str, language: str) -> str:
        return {
            "home": lambda: reverse_in(language, "public:home"),
            "section": lambda: story.section.get_absolute_url(language),
            "tag": lambda: story.tags.get().get_absolute_url(language),
            "article": lambda: story.edition_for(language).get_absolute_url(),
            "author": lambda: story.credits.get().get_absolute_url(language),
            "about": lambda: reverse_in(language, "public:about"),
            "privacy": lambda: reverse_in(language, "public:privacy"),
        }[page]()

    return url_of


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("page", PAGES)
def test_it_serves_reader_pages_without_cookies_or_csrf_tokens(client, urls, page, language):
    response = client.get(urls(page, language))

    assert response.status_code == 200
    assert not response.cookies
    assert "Set-Cookie" not in response
    html = response.content.decode()
    assert "csrfmiddlewaretoken" not in html
    assert "csrftoken" not in html


@pytest.mark.parametrize("page", PAGES)
def test_it_lets_shared_caches_keep_reader_pages(client, settings, urls, page):
    settings.PRENSA_PAGE_MAX_AGE = 90

    response = client.get(urls(page, "es"))

    cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
    assert "public" in cache_control
    assert not cache_control & {"private", "no-cache", "no-store"}
    assert get_max_age(response) == 90
    assert "cookie" not in response.get("Vary", "").lower()


@pytest.mark.parametrize("page", PAGES)
def test_it_shows_a_signed_in_editor_the_same_page_as_an_anonymous_reader(
    client, admin_client, urls, page
):
    url = urls(page, "pt")

    anonymous = client.get(url)
    signed_in = admin_client.get(url)

    assert signed_in.status_code == 200
    assert signed_in.content == anonymous.content
    assert not signed_in.cookies
    assert "cookie" not in signed_in.get("Vary", "").lower()


@pytest.mark.parametrize("page", PAGES)
def test_it_answers_only_get_and_head_on_reader_pages(client, urls, page):
    url = urls(page, "es")

    assert client.head(url).status_code == 200
    refused = client.post(url, {"q": "agua"})
    assert refused.status_code == 405
    assert refused["Allow"] == "GET, HEAD"
    assert "public" not in refused.get("Cache-Control", "")
