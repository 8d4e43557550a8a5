"""The desk in a real browser: draft, edit the source, see exactly one paragraph go stale."""

import re

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from prensa.desk.models import Segment
from prensa.newsroom.models import Edition
from tests.factories import make_section, make_story

from .conftest import EN_BODY, run_worker


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_translator_sees_exactly_the_edited_paragraph_flagged_stale(live_server, page: Page):
    User.objects.create_superuser("editor", "editor@example.org", "correct horse")
    story = make_story(section=make_section(), languages=("en",), source_language="en")
    source = story.edition_for("en")
    source.headline, source.body = "Water returns to Tell Ruman", EN_BODY
    source.save()

    page.goto(f"{live_server.url}/desk/")  # not logged in: the desk sends them to log in
    page.get_by_label("Username").fill("editor")
    page.get_by_label("Password").fill("correct horse")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("heading", name="Stories and their editions")).to_be_visible()

    # Draft the Spanish edition from its review page; the worker makes it.
    page.locator(f'tr[data-story="{story.pk}"] td[data-language="es"] a').click()
    page.get_by_role("button", name="Draft this edition").click()
    expect(page.locator("[data-edition-state]")).to_have_attribute("data-edition-state", "queued")
    run_worker()
    page.reload()
    expect(page.locator(".segment")).to_have_count(7)
    expect(page.locator('.segment[data-state="stale"]')).to_have_count(0)

    # Edit the fourth body paragraph of the English source in the admin.
    page.goto(f"{live_server.url}/admin/newsroom/story/{story.pk}/change/")
    body = page.locator("textarea[name$='-body']").first
    body.fill(body.input_value().replace("cost $2.3 million", "cost $2.4 million"))
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("changed successfully")
    assert Edition.objects.get(pk=source.pk).revision == 3

    page.goto(f"{live_server.url}/desk/stories/{story.pk}/es/")
    stale = page.locator('.segment[data-state="stale"]')
    expect(stale).to_have_count(1)
    expect(stale).to_have_attribute("data-position", "5")
    expect(stale.locator("ins")).to_have_text("$2.4")
    expect(page.locator("[data-edition-state]")).to_have_attribute("data-edition-state", "stale")

    # The translator rewrites it; the form says which version it edits, so the save goes in.
    words = "La estación se construyó en 1982 y su reparación costó 2,4 millones de dólares."
    stale.locator("textarea").fill(words)
    stale.get_by_role("button", name="Save", exact=True).click()
    # The save is done when the desk has sent the page back to the paragraph (the form
    # waits for the auto-save in flight first): only then is the database read.
    expect(page).to_have_url(re.compile(r"#segment-5$"))
    expect(page.locator(".message--error")).to_have_count(0)
    expect(page.locator("#segment-5 textarea")).to_have_value(words)
    saved = Segment.objects.get(edition__story=story, edition__language="es", position=5)
    assert saved.human_text == words


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_draft_finishing_never_reloads_away_a_translators_typing(
    live_server, page: Page, english_story
):
    from django.test import Client

    from prensa.desk.actions import DraftEdition
    from prensa.desk.tasks import enqueue_draft

    editor = User.objects.create_superuser("editor", "editor@example.org", "pw")
    DraftEdition(english_story, "es").execute()
    source = Edition.objects.get(story=english_story, language="en")
    source.body = source.body.replace("Tuesday", "Monday")
    source.save()
    enqueue_draft(english_story, "es")  # the stale paragraph is being drafted again
    login = Client()
    login.force_login(editor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": login.cookies["sessionid"].value, "url": live_server.url}]
    )

    page.goto(f"{live_server.url}/desk/stories/{english_story.pk}/es/")
    expect(page.locator("[data-edition-state]")).to_have_attribute("data-edition-state", "queued")
    typing = page.locator(".segment textarea").nth(3)
    typing.fill("Palabras de la traductora, aún sin guardar.")
    run_worker()

    expect(page.locator("[data-job-ready]")).to_be_visible()
    expect(typing).to_have_value("Palabras de la traductora, aún sin guardar.")
    expect(page.locator("[data-edition-state]")).to_have_attribute("data-edition-state", "queued")

    # Nobody typing: the page shows the finished draft by itself.
    enqueue_draft(english_story, "es")
    page.goto(f"{live_server.url}/desk/stories/{english_story.pk}/es/")
    expect(page.locator("[data-job-active]")).to_have_count(1)
    run_worker()
    expect(page.locator("[data-job-active]")).to_have_count(0)
    expect(page.locator("[data-edition-state]")).to_have_attribute("data-edition-state", "machine")


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_whole_review_by_keyboard_alone_ends_with_a_reviewed_edition(
    live_server, page: Page, english_story
):
    from django.test import Client

    from prensa.desk.actions import DraftEdition
    from prensa.desk.states import cell_for

    editor = User.objects.create_superuser("editor", "editor@example.org", "pw")
    edition = DraftEdition(english_story, "es").execute()
    login = Client()
    login.force_login(editor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": login.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/desk/stories/{english_story.pk}/es/")
    expect(page.locator("[data-shortcuts]")).to_be_visible()  # shown only where they work
    expect(page.locator("label[for=progress-bar]")).to_have_text("0 of 7 paragraphs confirmed")
    focused = page.locator("[data-segment]:focus")

    # Next and previous paragraph.
    page.keyboard.press("Alt+ArrowDown")
    expect(focused).to_have_attribute("id", "segment-0")
    page.keyboard.press("Alt+ArrowDown")
    expect(focused).to_have_attribute("id", "segment-1")
    page.keyboard.press("Alt+ArrowUp")
    expect(focused).to_have_attribute("id", "segment-0")

    words = "Cerca del 38% de las casas aún no tiene techo, dijeron los ingenieros."
    for position in range(7):
        expect(focused).to_have_attribute("id", f"segment-{position}")
        segment = page.locator(f"#segment-{position}")
        if position == 6:
            # Edit: F2 opens the text, typing is saved by itself, Escape goes back.
            page.keyboard.press("F2")
            expect(segment.locator("textarea")).to_be_focused()
            page.keyboard.press("ControlOrMeta+a")
            page.keyboard.type(words)
            expect(segment.locator("[data-save-status]")).to_have_text("Saved, not confirmed yet.")
            expect(segment.locator("[data-badge]")).to_have_text("edited, not confirmed")
            page.keyboard.press("Escape")
            expect(focused).to_have_attribute("id", "segment-6")
        if segment.locator("input[name=acknowledge]").count():
            # A flagged paragraph: read the flags, tick "acknowledge" from the text.
            page.keyboard.press("F2")
            page.keyboard.press("Tab")
            expect(segment.locator("input[name=acknowledge]")).to_be_focused()
            page.keyboard.press("Space")
        with page.expect_navigation():
            page.keyboard.press("Control+Enter")
        expect(page.locator(".message--error")).to_have_count(0)

    expect(page.locator("#progress")).to_be_focused()
    expect(page.locator("label[for=progress-bar]")).to_have_text("7 of 7 paragraphs confirmed")
    expect(page.locator("[data-edition-state]")).to_have_attribute("data-edition-state", "reviewed")
    assert set(Segment.objects.filter(edition=edition).values_list("state", flat=True)) == {
        "reviewed"
    }
    assert Segment.objects.get(edition=edition, position=6).human_text == words
    assert cell_for(english_story, "es").state == "reviewed"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_review_tools_and_the_machine_publish_page_have_no_accessibility_violations(
    live_server, page: Page, english_story
):
    from django.test import Client

    from prensa.desk.actions import DraftEdition
    from tests.test_accessibility import violations

    editor = User.objects.create_superuser("editor", "editor@example.org", "pw")
    DraftEdition(english_story, "es").execute()  # flags, marks and risk scores on the page
    login = Client()
    login.force_login(editor)
    page.context.add_cookies(
        [{"name": "sessionid", "value": login.cookies["sessionid"].value, "url": live_server.url}]
    )
    review = f"{live_server.url}/desk/stories/{english_story.pk}/es/"
    for url in (review, f"{review}?state=flagged&sort=risk", f"{review}publish/"):
        page.goto(url)
        assert violations(page) == [], url
    page.goto(review)
    page.locator("#segment-3 textarea").fill("Más de 250.000 personas huyeron en 2012.")
    page.keyboard.press("Tab")  # leaving the text saves it
    expect(page.locator("#segment-3 [data-save-status]")).to_have_text("Saved, not confirmed yet.")
    assert violations(page) == [], "after an auto-save"
