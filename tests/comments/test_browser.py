"""What only a browser shows: the thread loading in place, and injections that never run.

Driven in Debian's Chromium through Playwright against a live server.
"""

import re

import pytest
from django.contrib.auth.models import Permission, User
from playwright.sync_api import Page, expect

from prensa.comments.models import Comment
from prensa.comments.text import clean_name
from tests.comments.helpers import edition_of, make_comment, thread_url
from tests.comments.payloads import XSS_PAYLOADS
from tests.factories import make_story

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Records anything a payload manages to run: its own xss() or a dialog.
WATCH_FOR_SCRIPTS = """
window.__ran = [];
window.xss = function (what) { window.__ran.push(String(what || "xss")); };
for (const name of ["alert", "confirm", "prompt"]) {
  window[name] = function () { window.__ran.push(name); };
}
"""

# Every element under comment bodies and names, and every link, as the DOM has them.
DOM_REPORT = """
() => {
  const root = document.querySelector("[data-comments-root]");
  const inside = [...root.querySelectorAll(".comment__body *, .comment__author *")];
  const handlers = [...root.querySelectorAll("*")].flatMap(
    (el) => [...el.attributes].filter((a) => a.name.toLowerCase().startsWith("on")).map((a) => a.name)
  );
  return {
    tags: [...new Set(inside.map((el) => el.tagName))],
    links: [...root.querySelectorAll(".comment__body a")].map((a) => ({
      protocol: a.protocol, rel: a.getAttribute("rel"), attributes: a.getAttributeNames().sort(),
    })),
    handlers,
    bodies: [...root.querySelectorAll(".comment__body")].map((el) => el.innerText),
    names: [...root.querySelectorAll(".comment__author")].map((el) => el.textContent),
    dangerous: root.querySelectorAll("script, iframe, object, embed, img, svg, math, style, meta, template, video").length,
  };
}
"""


@pytest.fixture
def quick_forms(settings):
    """A robot-speed browser: no minimum time, no rate limit in the way."""
    settings.PRENSA_COMMENTS_MIN_SECONDS = 0
    settings.PRENSA_COMMENTS_RATE_PER_IP = (10_000, 60)
    settings.PRENSA_COMMENTS_RATE_PER_SESSION = (10_000, 60)


@pytest.fixture
def new_page(browser):  # type: ignore[no-untyped-def]
    """Pages in fresh browser contexts (other people), closed before the live server stops."""
    contexts = []

    def open_page(**options):  # type: ignore[no-untyped-def]
        context = browser.new_context(**options)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


@pytest.fixture
def watched(page: Page) -> list[str]:
    dialogs: list[str] = []
    page.add_init_script(WATCH_FOR_SCRIPTS)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    return dialogs


def collapsed(text: str) -> str:
    return " ".join(text.split())


def fill_and_post(page: Page, name: str, body: str) -> None:
    page.get_by_label("Name", exact=True).fill(name)
    page.get_by_label("Comment", exact=True).fill(body)
    page.get_by_role("button", name="Post comment").click()


def test_a_reader_posts_in_place_and_sees_it_after_a_moderator_approves(
    page: Page, new_page, live_server, quick_forms
):
    edition = edition_of(make_story(), "en")
    moderator = User.objects.create_user("moira", password="pw-moira", is_staff=True)
    moderator.user_permissions.add(Permission.objects.get(codename="moderate_comment"))
    article = live_server.url + edition.get_absolute_url()

    page.goto(article)
    show = page.get_by_role("button", name="Show comments (0)")
    show.click()
    expect(page.get_by_role("heading", name="0 comments")).to_be_visible()
    fill_and_post(page, "Ana Reader", "The ferry timetable on the pier is wrong.")

    expect(page.get_by_role("status")).to_have_text(
        "Thank you! Your comment is awaiting moderation."
    )
    expect(page.locator(".comment--pending")).to_contain_text("Awaiting moderation")
    assert page.url == article

    desk = new_page()
    desk.goto(f"{live_server.url}/admin/login/?next=/admin/comments/moderationqueue/")
    desk.get_by_label("Username").fill("moira")
    desk.get_by_label("Password").fill("pw-moira")
    desk.get_by_role("button", name="Log in").click()
    desk.locator("input[name=_selected_action]").first.check()
    desk.locator("select[name=action]").select_option("approve")
    desk.get_by_role("button", name="Go").click()
    expect(desk.get_by_text("1 comment approved.")).to_be_visible()

    reader = new_page()
    reader.goto(article)
    reader.get_by_role("button", name="Show comments (1)").click()
    expect(reader.locator(".comment__body")).to_have_text(
        "The ferry timetable on the pier is wrong."
    )
    expect(reader.locator(".comment--pending")).to_have_count(0)


def test_a_reply_posted_in_place_appears_under_its_comment(
    page: Page, live_server, quick_forms, settings
):
    settings.PRENSA_COMMENTS_DEFAULT_MODE = "post"
    edition = edition_of(make_story(), "en")
    parent = make_comment(edition, name="Bea", body="Who runs the ferry?")

    page.goto(live_server.url + edition.get_absolute_url())
    page.get_by_role("button", name="Show comments (1)").click()
    expect(page.get_by_role("link", name="Cancel reply")).to_be_hidden()
    page.locator(f"#comment-{parent.pk}").get_by_role("link", name="Reply").click()
    expect(page.get_by_text("Replying to Bea")).to_be_visible()
    fill_and_post(page, "Caio", "The port authority does.")

    replies = page.locator(f"#comment-{parent.pk} .comment__replies .comment__body")
    expect(replies).to_have_text(["The port authority does."])
    assert Comment.objects.get(body="The port authority does.").parent == parent


def test_without_javascript_the_link_leads_to_a_working_comments_page(
    new_page, live_server, quick_forms
):
    edition = edition_of(make_story(), "pt")
    page = new_page(java_script_enabled=False)

    page.goto(live_server.url + edition.get_absolute_url())
    page.locator("a.comments__show").click()
    assert page.url == live_server.url + thread_url(edition)
    page.locator("input[name=name]").fill("Rui")
    page.locator("textarea[name=body]").fill("Sem JavaScript também funciona.")
    page.locator(".comment-form button[type=submit]").click()

    comment = Comment.objects.get()
    assert page.url.endswith(f"#comment-{comment.pk}")
    expect(page.locator(f"#comment-{comment.pk} .comment__body")).to_have_text(
        "Sem JavaScript também funciona."
    )


def test_no_injection_attempt_runs_or_becomes_markup_in_the_browser(
    page: Page, live_server, quick_forms, settings, watched
):
    settings.PRENSA_COMMENTS_DEFAULT_MODE = "post"
    assert len(XSS_PAYLOADS) >= 30
    edition = edition_of(make_story(), "en")
    page.set_default_timeout(10_000)
    page.goto(live_server.url + thread_url(edition))

    for number, payload in enumerate(XSS_PAYLOADS, start=1):
        fill_and_post(page, payload[:60], payload)
        expect(page.locator(".comments__count")).to_have_text(
            f"{number} comment" if number == 1 else f"{number} comments"
        )
        assert page.evaluate("window.__ran") == [], payload
    # A refused form (too many links) comes back with the payloads in it: still only text.
    refused = XSS_PAYLOADS[1] + " https://a.example.org https://b.example.org https://c.example.org"
    fill_and_post(page, XSS_PAYLOADS[0], refused)
    expect(page.locator(".comment-form__error")).to_have_text(
        "A comment can contain at most 2 links."
    )
    expect(page.locator("textarea[name=body]")).to_have_value(refused)
    expect(page.locator("input[name=name]")).to_have_value(XSS_PAYLOADS[0])
    assert page.evaluate("window.__ran") == []

    for where in ("thread page, loaded fresh", "article, thread loaded in place"):
        if where.startswith("article"):
            page.goto(live_server.url + edition.get_absolute_url())
            page.get_by_role("button", name=re.compile(r"Show comments")).click()
        else:
            page.goto(live_server.url + thread_url(edition))
        expect(page.locator(".comment__body")).to_have_count(len(XSS_PAYLOADS))
        dom = page.evaluate(DOM_REPORT)

        assert page.evaluate("window.__ran") == [], where
        assert watched == [], where
        assert set(dom["tags"]) <= {"P", "BR", "A"}, where
        assert dom["dangerous"] == 0, where
        assert dom["handlers"] == [], where
        for link in dom["links"]:
            assert link["protocol"] in ("http:", "https:"), where
            assert link["rel"] == "nofollow ugc", where
            assert link["attributes"] == ["href", "rel"], where
        assert [collapsed(b) for b in dom["bodies"]] == [collapsed(p) for p in XSS_PAYLOADS]
        assert dom["names"] == [clean_name(p[:60]) for p in XSS_PAYLOADS]
