"""What only a browser shows: the preview banner and a correction note as a reader meets them,
and the desk's corrections page, all without accessibility violations (axe-core)."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from prensa.desk.corrections import WriteNote
from prensa.newsroom import preview
from prensa.newsroom.models import Edition
from tests.factories import make_edition, make_story
from tests.test_accessibility import violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "An earlier version gave the ferry's capacity as 400 passengers; it carries 300."


def test_an_outside_reviewer_reads_a_draft_under_the_banner(live_server, page: Page):
    story = make_story(languages=())
    draft = make_edition(story, "pt", status=Edition.Status.IN_REVIEW, published_at=None)

    page.goto(live_server.url + preview.shareable_url(draft))

    banner = page.get_by_role("status")
    expect(banner).to_contain_text("Pré-visualização — não publicada")
    expect(banner).to_contain_text("Estado:")
    expect(page.get_by_role("heading", level=1)).to_have_text(draft.headline)
    assert violations(page) == []


def test_a_reader_sees_the_correction_and_the_desk_page_is_accessible(live_server, page: Page):
    story = make_story(languages=("en",))
    WriteNote(story, kind="correction", text=NOTE, reason="Checked with the operator.").execute()
    edition = story.edition_for("en")

    page.goto(live_server.url + edition.get_absolute_url())
    expect(page.locator("#notes")).to_contain_text(NOTE)
    page.get_by_role("link", name="Corrected on").click()
    expect(page).to_have_url(live_server.url + edition.get_absolute_url() + "#notes")
    assert violations(page) == []

    User.objects.create_superuser("axe", "axe@example.org", "pw")
    page.goto(f"{live_server.url}/admin/login/?next=/desk/stories/{story.pk}/notes/")
    page.get_by_label("Username").fill("axe")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Corrections and updates")
    assert violations(page) == []
