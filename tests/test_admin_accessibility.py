"""The admin passes axe-core (WCAG 2.2 A/AA and best practices) in Portuguese and English."""

import pytest
from django.contrib.auth.models import User
from django.urls import reverse
from playwright.sync_api import Page

from tests.factories import make_story
from tests.test_accessibility import violations


def log_in(page: Page, live_server, language: str) -> None:
    page.set_extra_http_headers({"Accept-Language": language})
    User.objects.create_superuser("axe", "axe@example.org", "pw")
    page.goto(f"{live_server.url}{reverse('admin:login')}")
    page.locator("#id_username").fill("axe")
    page.locator("#id_password").fill("pw")
    page.locator("input[type=submit]").click()
    page.wait_for_url(f"{live_server.url}{reverse('admin:index')}")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("language", ["pt", "en"])
def test_the_admin_has_no_accessibility_violations(live_server, page: Page, language):
    story = make_story()
    log_in(page, live_server, language)
    found = {}
    for url in [
        reverse("admin:index"),
        reverse("admin:newsroom_story_changelist"),
        reverse("admin:newsroom_story_add"),
        reverse("admin:newsroom_story_change", args=[story.pk]),
        reverse("admin:comments_moderationqueue_changelist"),
    ]:
        page.goto(live_server.url + url)
        found[url] = violations(page)
    problems = "\n".join(f"{url} {v}" for url, vs in found.items() for v in vs)
    assert not problems, problems
