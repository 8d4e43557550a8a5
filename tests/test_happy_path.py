"""A new Portuguese story to three published, reviewed editions, in Chromium, counted.

The meter counts what a person does on the happy path: clicks (a choice in a list is
one click to open it and one to choose), and keystrokes apart from the story's own
words (typing the headline and body is the reporter's work, not the software's
cost). `bench/workflow_clicks.py` runs this test and prints the figures.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from django.contrib.auth.models import Group, User
from playwright.sync_api import Locator, Page, expect

from prensa.desk.models import Segment
from prensa.newsroom.models import Edition, Story
from prensa.staff import roles
from prensa.staff.models import LanguageAssignment
from tests.desk.conftest import run_worker
from tests.factories import make_section

HEADLINE = "Bairro ganha estação de água depois de dois anos de obras"
STANDFIRST = "A estação deve atender vinte mil moradores até o fim do ano."
BODY = "\n\n".join(
    [
        "A prefeitura abriu nesta terça-feira a nova estação de tratamento de água do "
        "bairro, que deve atender cerca de vinte mil moradores até o fim do ano.",
        "Segundo os engenheiros, a obra levou dois anos e custou menos do que o previsto.",
        "Os moradores dizem que a falta de água era o principal problema da região.",
    ]
)


@dataclass
class Meter:
    clicks: int = 0
    keystrokes: int = 0
    content_keystrokes: int = 0

    def click(self, target: Locator) -> None:
        target.click()
        self.clicks += 1

    def choose(self, select: Locator, label: str) -> None:
        select.select_option(label=label)
        self.clicks += 2  # open the list, pick the entry

    def write(self, field: Locator, text: str) -> None:
        """The story's own words: counted apart."""
        field.fill(text)
        self.content_keystrokes += len(text)

    def press(self, page: Page, keys: str) -> None:
        page.keyboard.press(keys)
        self.keystrokes += 1


def _login(page: Page, url: str, username: str) -> None:
    page.goto(f"{url}/admin/login/")
    page.locator("input[name=username]").fill(username)
    page.locator("input[name=password]").fill("pw")
    page.locator("input[type=submit]").click()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_portuguese_story_reaches_three_reviewed_editions(live_server, browser):
    section = make_section("City", "Cidade", "Ciudad")
    editor = User.objects.create_user("editora", "e@example.org", "pw", is_staff=True)
    editor.groups.add(Group.objects.get(name=roles.EDITOR))
    translator = User.objects.create_user("tradutor", "t@example.org", "pw", is_staff=True)
    translator.groups.add(Group.objects.get(name=roles.TRANSLATOR))
    for language in ("es", "en"):
        LanguageAssignment.objects.create(user=translator, language=language)
    meter = Meter()
    context = browser.new_context(locale="pt-BR")
    page = context.new_page()

    # The editor writes the story in the admin, in Portuguese.
    _login(page, live_server.url, "editora")
    meter.click(page.locator("a[href$='/newsroom/story/add/']").first)
    meter.choose(page.locator("select[name=section]"), section.name_pt)
    meter.click(page.locator(".add-row a").first)  # add the first edition
    meter.choose(page.locator("select[name='editions-0-language']"), "Português")
    meter.write(page.locator("input[name='editions-0-headline']"), HEADLINE)
    meter.write(page.locator("textarea[name='editions-0-standfirst']"), STANDFIRST)
    meter.write(page.locator("textarea[name='editions-0-body']"), BODY)
    meter.click(page.locator("input[name=_continue]"))
    story = Story.objects.get()
    assert story.source_language == "pt"

    # Submit and publish the source from the story's workflow box.
    for action in ("submit", "publish"):
        meter.click(page.locator(f"#workflow button[value={action}]").first)
    expect(page.locator("[data-workflow-state]").first).to_have_attribute(
        "data-workflow-state", "published"
    )

    # At the desk, ask for both drafts at once; the worker makes them.
    page.goto(f"{live_server.url}/desk/")
    meter.click(page.locator(f'input[name=story][value="{story.pk}"]'))
    meter.click(page.locator("form[action$='/desk/draft/'] button[type=submit]"))
    run_worker()

    # The translator reviews each edition paragraph by paragraph, from the keyboard.
    context.clear_cookies()
    _login(page, live_server.url, "tradutor")
    for language in ("es", "en"):
        page.goto(f"{live_server.url}/desk/")
        meter.click(page.locator(f'tr[data-story="{story.pk}"] td[data-language="{language}"] a'))
        edition = Edition.objects.get(story=story, language=language)
        count = Segment.objects.filter(edition=edition).count()
        meter.click(page.locator(".segment textarea").first)
        for _ in range(count):
            with page.expect_navigation():
                meter.press(page, "Control+Enter")
        expect(page.locator('.segment[data-state="reviewed"]')).to_have_count(count)

    # The editor publishes both translations from the desk.
    context.clear_cookies()
    _login(page, live_server.url, "editora")
    for language in ("es", "en"):
        page.goto(f"{live_server.url}/desk/stories/{story.pk}/{language}/")
        meter.click(page.locator("form[action$='/publish/'] button[type=submit]").first)
        expect(page.locator(".message--error")).to_have_count(0)

    editions = {e.language: e for e in Edition.objects.filter(story=story)}
    assert {code: e.status for code, e in editions.items()} == dict.fromkeys(
        ("pt", "es", "en"), Edition.Status.PUBLISHED
    )
    assert editions["es"].origin == editions["en"].origin == Edition.Origin.REVIEWED
    paragraphs = Segment.objects.filter(edition__story=story).count()
    print(
        f"HAPPY PATH clicks={meter.clicks} keystrokes={meter.keystrokes} "
        f"content_keystrokes={meter.content_keystrokes} paragraphs_reviewed={paragraphs}"
    )
    # A budget that fails when the path grows: a click per paragraph would break it.
    assert meter.clicks <= 20
    assert meter.keystrokes == paragraphs
