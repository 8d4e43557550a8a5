"""WCAG 2.2 A/AA and axe best practices on every kind of page, checked by axe-core in Chromium."""

from io import StringIO

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Page

from prensa.newsroom.models import Edition, Section, Tag

RULES = {
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    }
}


def violations(page: Page) -> list[str]:
    found = Axe().run(page, options=RULES).response["violations"]
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found]


@pytest.fixture
def demo(transactional_db):
    # With the demo's pictures and their renditions: lead, teaser and body pictures are checked.
    call_command("demo", "--no-migrate", "--renditions-now", stdout=StringIO())
    _picture_in_the_body()


def _picture_in_the_body() -> None:
    """The wire story gets a library picture between its paragraphs in every language."""
    from prensa.media.models import LeadImage

    lead = LeadImage.objects.select_related("image").first()
    if lead is None:
        return
    for edition in Edition.objects.filter(story__key__endswith="tell-ruman-water-returns"):
        first, _, rest = edition.body.partition("\n\n")
        edition.body = f"{first}\n\n![](prensa:image/{lead.image_id})\n\n{rest}"
        edition.save()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["pt", "es", "en"])
def test_reader_pages_have_no_accessibility_violations(live_server, page: Page, demo, language):
    from django.utils import translation

    edition = (
        Edition.objects.published()
        .filter(language=language, story__key__endswith="tell-ruman-water-returns")
        .get()
    )
    with translation.override(language):
        urls = [
            "/" + language + "/",
            Section.objects.first().get_absolute_url(language),
            Tag.objects.get(slug_en="water").get_absolute_url(language),
            f"/{language}/no-such-section/",
        ]
    for url in urls:
        page.goto(live_server.url + url)
        assert violations(page) == [], url
    page.goto(live_server.url + edition.get_absolute_url())
    # Checked with its pictures: the lead one and one in the body.
    assert page.locator(".lead-figure picture img").count() == 1
    assert page.locator(".article__body .body-figure picture img").count() == 1
    page.locator("#comments a, #comments button").first.click()
    page.locator("#comments form").first.wait_for()
    assert violations(page) == [], edition.get_absolute_url()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_desk_has_no_accessibility_violations(live_server, page: Page, demo):
    User.objects.create_superuser("axe", "axe@example.org", "pw")
    page.goto(f"{live_server.url}/admin/login/?next=/desk/")
    page.get_by_label("Username").fill("axe")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    assert violations(page) == []
    story = Edition.objects.get(
        story__key__endswith="tell-ruman-water-returns", language="en"
    ).story
    page.goto(f"{live_server.url}/desk/stories/{story.pk}/pt/")
    assert violations(page) == []
