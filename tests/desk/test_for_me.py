"""The desk's front page shows each person what waits for them, in a fixed number of queries."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from prensa.desk.actions import DraftEdition
from prensa.desk.inbox import for_me
from prensa.newsroom.models import Edition
from prensa.staff.models import LanguageAssignment
from tests.desk.conftest import source_of
from tests.factories import make_story

Status = Edition.Status


def _shelf(response, key: str) -> str:
    """The HTML of one shelf on the front page."""
    html = response.content.decode()
    start = html.index(f'data-shelf="{key}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def es_translator(translator):
    translator.language_assignments.exclude(language="es").delete()
    LanguageAssignment.objects.get_or_create(user=translator, language="es")
    return translator


def test_my_drafts_are_the_unpublished_stories_i_created(client, editor, english_story):
    mine = english_story
    mine.created_by = editor
    mine.save()
    source = source_of(mine)
    source.status = Status.IN_REVIEW
    source.save()
    someone_elses = make_story(languages=("en",), status=Status.DRAFT)
    client.force_login(editor)
    shelf = _shelf(client.get(reverse("desk:index")), "mine")
    assert "Water returns to Tell Ruman" in shelf
    assert someone_elses.edition_for("en").headline not in shelf


def test_a_translator_sees_reviews_waiting_only_in_their_languages(
    client, es_translator, english_story
):
    DraftEdition(english_story, "es").execute()
    DraftEdition(english_story, "pt").execute()
    client.force_login(es_translator)
    response = client.get(reverse("desk:index"))
    shelf = _shelf(response, "review")
    assert reverse("desk:review", args=[english_story.pk, "es"]) in shelf
    assert reverse("desk:review", args=[english_story.pk, "pt"]) not in shelf
    assert "(ES)" in response.content.decode()  # says which languages are theirs


def test_a_translation_whose_source_changed_is_on_the_stale_shelf(client, editor, english_story):
    DraftEdition(english_story, "es").execute()
    source = source_of(english_story)
    source.body = source.body.replace("Tuesday", "Wednesday")
    source.save()
    client.force_login(editor)
    response = client.get(reverse("desk:index"))
    assert reverse("desk:review", args=[english_story.pk, "es"]) in _shelf(response, "stale")
    assert reverse("desk:review", args=[english_story.pk, "es"]) not in _shelf(response, "review")


def test_scheduled_editions_are_listed_soonest_first(client, editor):
    later = make_story(
        languages=("en",), status=Status.SCHEDULED, published_at=timezone.now() + timedelta(days=2)
    )
    sooner = make_story(
        languages=("en",), status=Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=2)
    )
    client.force_login(editor)
    shelf = _shelf(client.get(reverse("desk:index")), "scheduled")
    assert shelf.index(sooner.edition_for("en").headline) < shelf.index(
        later.edition_for("en").headline
    )


def test_recently_published_shows_the_newest_and_counts_them_all(client, editor):
    for hours in range(10):
        make_story(languages=("pt",), published_at=timezone.now() - timedelta(hours=hours + 1))
    client.force_login(editor)
    shelf = _shelf(client.get(reverse("desk:index")), "published")
    assert shelf.count("<li>") == 8
    assert "10 in all" in shelf


def test_the_state_table_counts_editions_per_language_and_links_to_them(client, editor):
    make_story(languages=("en", "pt"), status=Status.IN_REVIEW)
    make_story(languages=("en",), status=Status.IN_REVIEW)
    published = make_story(languages=("en",))
    client.force_login(editor)
    html = client.get(reverse("desk:index")).content.decode()
    row = html[html.index('<tr data-state="in_review">') :]
    row = row[: row.index("</tr>")]
    assert '<td data-language="en"><a href="?state=in_review&amp;language=en"' in row
    assert ">2</a>" in row and ">1</a>" in row
    filtered = client.get(reverse("desk:index"), {"state": "in_review", "language": "en"})
    listed = [story.pk for story, _cells in filtered.context["rows"]]
    assert len(listed) == 2 and published.pk not in listed


def test_a_tampered_state_filter_shows_every_story(client, editor):
    make_story(languages=("en",))
    client.force_login(editor)
    response = client.get(reverse("desk:index"), {"state": "bogus", "language": "xx"})
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 1


def test_the_front_page_lists_cost_a_bounded_number_of_queries_at_any_size(editor):
    """Five shelves (a list and, when full, a bounded count), the working states' counts
    and a bounded count of live editions per language and state: never more than that."""
    bound = 5 * 2 + 1 + 3 * 2
    make_story(status=Status.IN_REVIEW)
    with CaptureQueriesContext(connection) as small:
        for_me(editor)
    for _ in range(12):
        make_story(status=Status.SCHEDULED, published_at=timezone.now() + timedelta(hours=3))
        make_story()
    with CaptureQueriesContext(connection) as large:
        for_me(editor)
    for _ in range(6):
        make_story()
    with CaptureQueriesContext(connection) as larger:
        for_me(editor)
    assert len(small) <= len(large) == len(larger) <= bound


def test_large_counts_are_shown_as_a_floor(client, editor, monkeypatch):
    monkeypatch.setattr("prensa.desk.inbox.COUNT_LIMIT", 3)
    for _ in range(4):
        make_story(languages=("en",))
    client.force_login(editor)
    response = client.get(reverse("desk:index"))
    assert "3+" in _shelf(response, "published")
