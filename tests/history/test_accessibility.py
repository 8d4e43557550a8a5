"""The history page and the admin's conflict view pass axe-core (WCAG 2.2 AA) in Chromium."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page

from prensa.history.models import EditionRevision
from prensa.newsroom.models import Edition
from tests.factories import make_story
from tests.test_accessibility import RULES, violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page: Page, live_server) -> None:  # type: ignore[no-untyped-def]
    User.objects.create_superuser("axe", "axe@example.org", "pw")
    page.goto(f"{live_server.url}/admin/login/?next=/admin/")
    page.get_by_label("Username").fill("axe")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()


def save_elsewhere(edition: Edition, **fields) -> None:
    edition = Edition.objects.get(pk=edition.pk)
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.save()


def test_the_history_page_and_a_comparison_have_no_violations(live_server, page: Page):
    story = make_story(languages=("en", "pt"))
    edition = story.edition_for("en")
    save_elsewhere(edition, body="The ferry returned on Tuesday.\n\nMore than 250,000 use it.")
    first, second = EditionRevision.objects.filter(id=edition.pk).order_by("history_id")
    log_in(page, live_server)
    url = reverse("history:story", args=[story.pk])

    page.goto(f"{live_server.url}{url}?a={first.history_id}&b={second.history_id}")

    assert page.locator(".diff del").count() > 0
    assert violations(page) == [], violations(page)


def test_the_admins_conflict_view_has_no_violations(live_server, page: Page):
    story = make_story(languages=("en",))
    log_in(page, live_server)
    page.goto(f"{live_server.url}{reverse('admin:newsroom_story_change', args=[story.pk])}")
    save_elsewhere(story.edition_for("en"), headline="Ferry service resumes on Tuesday")
    page.locator("input[name='editions-0-headline']").fill("Ferry service resumes after the storm")
    page.locator("input[name='_continue']").click()

    page.locator(".edition-conflict").wait_for()
    # The conflict view only: the rest of the story form is the admin's own test's.
    found = Axe().run(page, context=".edition-conflict", options=RULES).response["violations"]
    assert [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in found] == []
