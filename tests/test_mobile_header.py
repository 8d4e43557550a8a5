"""On a phone the header leaves room for the news: under 120 px, switcher and search in reach."""

import pytest
from playwright.sync_api import Page, expect

from tests.factories import make_section, make_story
from tests.pages import reverse_in

PHONE = {"width": 390, "height": 844}
MAX_HEADER_HEIGHT = 120
SEARCH = {"pt": "Buscar", "es": "Buscar", "en": "Search"}


@pytest.fixture
def story():
    # Real-world section names, long enough to overflow one row of a phone.
    for en, pt, es in [
        ("World", "Mundo", "Mundo"),
        ("Economy", "Economia", "Economía"),
        ("Science", "Ciência", "Ciencia"),
        ("Culture", "Cultura", "Cultura"),
    ]:
        make_section(en=en, pt=pt, es=es)
    section = make_section(en="Middle East", pt="Oriente Médio", es="Oriente Medio")
    return make_story(section=section)


def header_height(page: Page) -> float:
    box = page.locator("header.masthead").bounding_box()
    assert box is not None
    return box["height"]


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["pt", "es", "en"])
@pytest.mark.parametrize("demo_notice", [False, True], ids=["site", "demo"])
def test_the_phone_header_is_short_and_keeps_switcher_and_search(
    live_server, page: Page, settings, story, language, demo_notice
):
    settings.PRENSA_DEMO_NOTICE = demo_notice
    page.set_viewport_size(PHONE)
    urls = [reverse_in(language, "public:home"), story.edition_for(language).get_absolute_url()]

    for url in urls:
        page.goto(live_server.url + url)
        header = page.locator("header.masthead")

        assert header_height(page) < MAX_HEADER_HEIGHT, url
        expect(header.locator("nav.switcher")).to_be_visible()
        for name in ("Português", "Español", "English"):
            expect(header.locator("nav.switcher").get_by_text(name, exact=True)).to_be_in_viewport()
        search = header.get_by_role("link", name=SEARCH[language])
        expect(search).to_be_visible()
        expect(header.locator("nav.sections")).to_be_visible()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_search_link_leads_to_a_search_form_that_works_without_javascript(
    live_server, browser, story
):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(live_server.url + reverse_in("es", "public:home"))

    page.locator("header.masthead").get_by_role("link", name="Buscar").click()
    expect(page).to_have_url(live_server.url + reverse_in("es", "public:search"))
    field = page.locator("main").get_by_role("searchbox")
    field.fill("ferri")
    field.press("Enter")

    expect(page.locator("main")).to_contain_text(story.edition_for("es").headline)
    context.close()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_wide_header_keeps_its_search_field(live_server, page: Page, story):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(live_server.url + reverse_in("en", "public:home"))

    header = page.locator("header.masthead")
    expect(header.get_by_role("searchbox")).to_be_visible()
    expect(header.locator("a.masthead__search-link")).to_be_hidden()
