"""Questions on a paragraph, addressed to the source's author and answered at the desk."""

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.test import Client
from django.urls import reverse

from prensa.desk.actions import DraftEdition
from prensa.desk.models import ParagraphQuery, Segment
from prensa.newsroom.models import Edition
from tests.factories import make_story

from .conftest import source_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def spanish(english_story):
    return DraftEdition(english_story, "es").execute()


@pytest.fixture
def written_by_reporter(english_story, reporter):
    """The admin's log says the reporter added the source edition, as the admin records it."""
    source = source_of(english_story)
    LogEntry.objects.create(
        user=reporter,
        content_type=ContentType.objects.get_for_model(Edition),
        object_id=str(source.pk),
        object_repr=str(source)[:200],
        action_flag=ADDITION,
    )
    return reporter


def paragraph(edition, position=3):
    return Segment.objects.get(edition=edition, position=position)


def ask(client, edition, row, question="Is 'the relief office' the UN office or the town's?"):
    return client.post(
        reverse("desk:query_ask", args=[edition.story_id, edition.language]),
        {"segment": row.pk, "question": question},
    )


def review_page(client, edition):
    return client.get(
        reverse("desk:review", args=[edition.story_id, edition.language]),
        HTTP_ACCEPT_LANGUAGE="en",
    ).content.decode()


def test_a_translator_asks_the_author_about_a_paragraph_and_sees_it_beside_it(
    client, spanish, translator, written_by_reporter
):
    row = paragraph(spanish)
    client.force_login(translator)
    response = ask(client, spanish, row)
    assert response.status_code == 302 and response["Location"].endswith(f"#segment-{row.position}")
    query = ParagraphQuery.objects.get()
    assert query.addressed_to == written_by_reporter
    assert query.addressed_names == "Ana Lúcia Ferreira"  # the story's credited author
    assert query.source_text == row.source_text and query.asked_by == translator
    page = review_page(client, spanish)
    block = page[page.index(f'data-queries-for="{row.position}"') :]
    assert "the UN office" in block.split("</div>")[0]
    listing = client.get(reverse("desk:queries")).content.decode()
    assert "the UN office" in listing


def test_the_author_without_desk_rights_sees_only_their_queries_and_answers(
    client, spanish, translator, written_by_reporter, editor
):
    client.force_login(translator)
    ask(client, spanish, paragraph(spanish))
    other = make_story(languages=("en",), source_language="en")
    other_es = DraftEdition(other, "es").execute()
    ask(client, other_es, paragraph(other_es, 2), "Who is quoted here?")
    mine, theirs = ParagraphQuery.objects.order_by("pk")
    assert theirs.addressed_to is None

    reporter = Client()
    reporter.force_login(written_by_reporter)
    listing = reporter.get(reverse("desk:queries")).content.decode()
    assert "the UN office" in listing and "Who is quoted here?" not in listing
    assert reporter.get(reverse("desk:review", args=[spanish.story_id, "es"])).status_code == 403
    response = reporter.post(
        reverse("desk:query_answer", args=[mine.pk]),
        {"answer": "The town's own relief office.", "next": reverse("desk:queries")},
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "answered" and mine.answered_by == written_by_reporter
    assert "The town&#x27;s own relief office." in review_page(client, spanish)
    # Someone else's query is not theirs to see: the same answer as for no query at all.
    assert (
        reporter.post(reverse("desk:query_answer", args=[theirs.pk]), {"answer": "x"}).status_code
        == 404
    )


def test_an_editor_resolves_a_query_and_it_leaves_the_open_list(
    client, spanish, translator, editor
):
    client.force_login(translator)
    ask(client, spanish, paragraph(spanish))
    query = ParagraphQuery.objects.get()
    client.force_login(editor)
    assert client.post(reverse("desk:query_resolve", args=[query.pk])).status_code == 302
    query.refresh_from_db()
    assert query.status == "resolved" and query.resolved_by == editor
    assert "the UN office" not in client.get(reverse("desk:queries")).content.decode()
    assert "the UN office" in client.get(reverse("desk:queries") + "?show=all").content.decode()
    assert "the UN office" not in review_page(client, spanish)


def test_the_translator_who_asked_cannot_answer_their_own_query(client, spanish, translator):
    client.force_login(translator)
    ask(client, spanish, paragraph(spanish))
    query = ParagraphQuery.objects.get()
    response = client.post(reverse("desk:query_answer", args=[query.pk]), {"answer": "Yes."})
    assert response.status_code == 403
    assert client.post(reverse("desk:query_resolve", args=[query.pk])).status_code == 403
    query.refresh_from_db()
    assert query.status == "open" and query.answer == ""


def test_a_question_is_plain_text_never_html(client, spanish, translator):
    client.force_login(translator)
    ask(client, spanish, paragraph(spanish), "<script>alert(1)</script><b>bold?</b>")
    page = review_page(client, spanish)
    assert "<script>alert(1)</script>" not in page and "<b>bold?</b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_an_empty_or_overlong_question_is_refused_and_nothing_is_stored(
    client, spanish, translator
):
    client.force_login(translator)
    ask(client, spanish, paragraph(spanish), "   ")
    ask(client, spanish, paragraph(spanish), "x" * 2001)
    assert ParagraphQuery.objects.count() == 0
    page = review_page(client, spanish)
    assert "Write your question first." in page or "at most" in page


def test_tampered_ids_are_a_clear_404(client, spanish, translator, english_story):
    client.force_login(translator)
    other = make_story(languages=("en",), source_language="en")
    other_row = paragraph(DraftEdition(other, "es").execute(), 2)
    for value in (other_row.pk, "abc", "-1", "99999999999999999999", ""):
        response = client.post(
            reverse("desk:query_ask", args=[spanish.story_id, "es"]),
            {"segment": value, "question": "Why?"},
        )
        assert response.status_code == 404, value
    assert (
        client.post(
            reverse("desk:query_ask", args=[spanish.story_id, "xx"]), {"segment": 1}
        ).status_code
        == 404
    )
    assert (
        client.post(reverse("desk:query_answer", args=[424242]), {"answer": "x"}).status_code == 404
    )
    assert client.post("/desk/queries/99999999999999999999/resolve/").status_code == 404
    assert ParagraphQuery.objects.count() == 0


def test_asking_needs_a_csrf_token(spanish, translator):
    client = Client(enforce_csrf_checks=True)
    client.force_login(translator)
    assert ask(client, spanish, paragraph(spanish)).status_code == 403
    assert ParagraphQuery.objects.count() == 0


def test_people_outside_the_desk_cannot_ask(client, spanish, reporter, outsider):
    client.force_login(reporter)
    assert ask(client, spanish, paragraph(spanish)).status_code == 403
    client.force_login(outsider)
    assert ask(client, spanish, paragraph(spanish)).status_code == 403
    assert client.get(reverse("desk:queries")).status_code == 403
    client.logout()
    response = client.get(reverse("desk:queries"))
    assert response.status_code == 302 and "login" in response["Location"]
    assert ParagraphQuery.objects.count() == 0


def test_a_query_stays_with_its_paragraph_when_the_source_changes_elsewhere(
    client, spanish, translator, english_story
):
    client.force_login(translator)
    row = paragraph(spanish, 4)
    ask(client, spanish, row)
    source = source_of(english_story)
    source.body = "A new first paragraph, added later.\n\n" + source.body
    source.save()
    page = review_page(client, spanish)
    assert f'data-queries-for="{row.position + 1}"' in page
