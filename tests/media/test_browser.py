"""In Chromium: the lead picture loads in the best format, shifts nothing, and passes axe."""

from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.utils import translation
from playwright.sync_api import Page

from prensa.media import uploads
from prensa.media.models import LeadImage
from tests.factories import make_story

from .conftest import picture_bytes, upload

RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


@pytest.fixture
def pictured_stories(transactional_db):  # type: ignore[no-untyped-def]
    stories = []
    for colour in ((200, 60, 40), (40, 90, 160)):
        image, _ = uploads.ingest(  # autocommit: the renditions task runs at once
            upload(picture_bytes(size=(1600, 1000), colour=colour)),
            credit="Prensa",
            alt_en="A plain red field",
            caption_en="A caption for the test.",
        )
        story = make_story()
        LeadImage.objects.create(story=story, image=image)
        stories.append(story)
    return stories


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_lead_picture_loads_as_avif_without_moving_the_page(
    live_server, page: Page, pictured_stories
):
    page.add_init_script(
        "window.__shift = 0; new PerformanceObserver(list => { for (const e of list.getEntries())"
        " if (!e.hadRecentInput) window.__shift += e.value; })"
        ".observe({type: 'layout-shift', buffered: true});"
    )
    edition = pictured_stories[0].editions.get(language="en")
    page.goto(live_server.url + edition.get_absolute_url())
    picture = page.locator(".lead-figure img")
    picture.evaluate("img => img.decode()")
    assert picture.evaluate("img => img.naturalWidth") > 0
    assert picture.evaluate("img => img.currentSrc").endswith(".avif")
    page.wait_for_timeout(300)
    assert page.evaluate("window.__shift") < 0.01
    found = Axe().run(page, options=RULES).response["violations"]
    assert [v["id"] for v in found] == []


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_home_with_teaser_pictures_passes_axe(live_server, page: Page, pictured_stories):
    with translation.override("en"):
        page.goto(live_server.url + "/en/")
    assert page.locator("picture").count() == 2
    found = Axe().run(page, options=RULES).response["violations"]
    assert [v["id"] for v in found] == []
