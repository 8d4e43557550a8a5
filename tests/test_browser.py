"""What only a browser shows: a reader following the language switcher."""

import re

import pytest
from playwright.sync_api import Page, expect

from tests.factories import make_section, make_story


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_it_takes_a_reader_from_the_english_article_to_the_portuguese_one(live_server, page: Page):
    section = make_section(en="Middle East", pt="Oriente Médio", es="Oriente Medio")
    story = make_story(section=section)
    english = story.edition_for("en")
    portuguese = story.edition_for("pt")

    page.goto(live_server.url + english.get_absolute_url())
    expect(page.locator("h1")).to_have_text(english.headline)
    switcher = page.get_by_role("navigation", name="Language")
    switcher.get_by_role("link", name="Português").click()

    expect(page).to_have_url(live_server.url + portuguese.get_absolute_url())
    expect(page.locator("html")).to_have_attribute("lang", "pt")
    expect(page.get_by_role("heading", level=1)).to_have_text(portuguese.headline)
    expect(page.get_by_role("navigation", name=re.compile("Idioma"))).to_be_visible()
