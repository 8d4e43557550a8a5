"""Content-Security-Policy: every page works under it, and it is strict enough to matter."""

from io import StringIO

import pytest
from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import Page, expect

from prensa.desk.tasks import enqueue_draft
from prensa.newsroom.models import Edition

# Each page records what the policy blocked, from before its first script runs.
RECORD_VIOLATIONS = """
window.__blocked = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__blocked.push(`${event.violatedDirective} ${event.blockedURI}`);
});
"""


def blocked(page: Page) -> list[str]:
    return page.evaluate("window.__blocked")


@pytest.mark.django_db
def test_every_response_carries_the_policy(client):
    policy = client.get("/en/")["Content-Security-Policy"]

    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["object-src"] == "'none'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_reader_pages_comments_desk_and_admin_work_under_the_policy(
    live_server, page: Page, settings
):
    settings.PRENSA_COMMENTS_MIN_SECONDS = 0
    call_command("demo", "--no-migrate", stdout=StringIO())
    User.objects.create_superuser("csp", "csp@example.org", "pw")
    article = Edition.objects.get(story__key__endswith="tell-ruman-water-returns", language="pt")
    page.add_init_script(RECORD_VIOLATIONS)

    for path in ("/pt/", article.story.section.get_absolute_url("pt"), "/pt/busca/?q=água"):
        page.goto(live_server.url + path)
        assert blocked(page) == [], path

    page.goto(live_server.url + article.get_absolute_url())
    page.locator("#comments a, #comments button").first.click()
    form = page.locator("#comments form").first
    form.get_by_label("Nome").fill("Leitora")
    form.get_by_label("Comentário").fill("Um comentário enviado sob a política de segurança.")
    form.get_by_role("button").click()
    expect(page.locator("#comments")).to_contain_text("Obrigado")
    assert blocked(page) == [], "comments"

    page.goto(
        f"{live_server.url}/admin/login/?next=/admin/newsroom/story/{article.story.pk}/change/"
    )
    page.get_by_label("Username").fill("csp")
    page.get_by_label("Password").fill("pw")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("textarea[name$='-body']").first).to_be_visible()
    assert blocked(page) == [], "admin"

    enqueue_draft(article.story, "es")  # the review page then polls with its script
    for path in ("/desk/", f"/desk/stories/{article.story.pk}/es/"):
        page.goto(live_server.url + path)
        assert blocked(page) == [], path
