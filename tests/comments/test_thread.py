"""Reading a thread: per edition, nested, oldest first, paginated; the article stays cacheable."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from prensa.comments.models import Comment
from prensa.newsroom.models import Edition
from tests.comments.helpers import (
    comment_texts,
    edition_of,
    fragment_url,
    make_comment,
    page,
    post_comment,
    thread_url,
    url,
)
from tests.factories import make_edition, make_story
from tests.pages import parse

pytestmark = pytest.mark.django_db


def minutes_ago(n: int):  # type: ignore[no-untyped-def]
    return timezone.now() - timedelta(minutes=n)


def test_each_language_edition_has_its_own_thread(client, story):
    make_comment(edition_of(story, "pt"), body="Comentário em português")
    make_comment(edition_of(story, "es"), body="Comentario en español")

    pt = page(client.get(thread_url(edition_of(story, "pt"))))
    es = page(client.get(thread_url(edition_of(story, "es"))))
    en = page(client.get(thread_url(edition_of(story, "en"))))

    assert comment_texts(pt) == ["Comentário em português"]
    assert comment_texts(es) == ["Comentario en español"]
    assert comment_texts(en) == []


def test_replies_are_nested_two_levels_deep_oldest_first(client, edition):
    first = make_comment(edition, body="first", created_at=minutes_ago(50))
    second = make_comment(edition, body="second", created_at=minutes_ago(40))
    late_reply = make_comment(edition, body="late reply", parent=first, created_at=minutes_ago(5))
    reply = make_comment(edition, body="reply", parent=first, created_at=minutes_ago(30))
    make_comment(edition, body="reply to reply", parent=reply, created_at=minutes_ago(20))

    doc = page(client.get(thread_url(edition)))

    top = doc.one("ol", class_="comments__list")
    roots = [li for li in top.children if getattr(li, "tag", None) == "li"]
    assert [li.get("id") for li in roots] == [f"comment-{first.pk}", f"comment-{second.pk}"]
    replies = doc.one(id=f"comment-{first.pk}").find("ol", class_="comment__replies")
    assert comment_texts(replies) == ["reply", "reply to reply", "late reply"]
    nested = doc.one(id=f"comment-{reply.pk}").one("ol", class_="comment__replies")
    assert comment_texts(nested) == ["reply to reply"]
    assert doc.one(id=f"comment-{late_reply.pk}").find("ol") is None


def test_a_long_thread_is_split_into_pages_with_replies_kept_with_their_comment(
    client, edition, settings
):
    settings.PRENSA_COMMENTS_PAGE_SIZE = 2
    roots = [
        make_comment(edition, body=f"root {n}", created_at=minutes_ago(60 - n)) for n in range(5)
    ]
    make_comment(edition, body="reply to root 2", parent=roots[2], created_at=minutes_ago(1))

    first = page(client.get(thread_url(edition)))
    second = page(client.get(thread_url(edition) + "?page=2"))
    third = page(client.get(thread_url(edition) + "?page=3"))

    assert comment_texts(first) == ["root 0", "root 1"]
    assert comment_texts(second) == ["root 2", "reply to root 2", "root 3"]
    assert comment_texts(third) == ["root 4"]
    assert first.one("a", rel="next").get("href") == thread_url(edition) + "?page=2"
    assert second.one("a", rel="prev").get("href") == thread_url(edition)
    assert third.find("a", rel="next") is None


@pytest.mark.parametrize("number", ["0", "abc", "9", "²", "99999999999999999999999"])
def test_a_page_of_comments_that_does_not_exist_is_a_404(client, edition, number):
    make_comment(edition)

    assert client.get(thread_url(edition), {"page": number}).status_code == 404


def test_a_removed_comment_with_replies_leaves_a_note_in_its_place(client, edition):
    gone = make_comment(edition, body="taken down", state=Comment.State.REJECTED)
    make_comment(edition, body="an answer", parent=gone)
    make_comment(edition, body="rejected, alone", state=Comment.State.REJECTED)

    doc = page(client.get(thread_url(edition)))

    assert comment_texts(doc) == ["an answer"]
    assert "This comment is not available." in doc.one(id=f"comment-{gone.pk}").text
    assert "taken down" not in doc.text
    assert "rejected, alone" not in doc.text


def test_a_commenters_email_is_never_shown(client, edition, settings):
    settings.PRENSA_COMMENTS_DEFAULT_MODE = "post"
    post_comment(client, edition, email="ana.secret@example.org")

    for reader in (client, Client()):
        assert b"ana.secret" not in reader.get(thread_url(edition)).content
        assert b"ana.secret" not in reader.get(fragment_url(edition)).content


def test_the_thread_counts_published_comments_only(client, edition):
    make_comment(edition)
    make_comment(edition)
    make_comment(edition, state=Comment.State.PENDING)

    doc = page(client.get(thread_url(edition)))

    assert doc.one("h2", class_="comments__count").text == "2 comments"


def test_a_reply_link_without_javascript_opens_the_form_as_a_reply(client, edition):
    parent = make_comment(edition, name="Bea")
    link = page(client.get(thread_url(edition))).one("a", class_="comment__reply")

    doc = page(client.get(link.get("href").split("#")[0]))

    assert link.get("href") == f"{thread_url(edition)}?reply={parent.pk}#comment-form"
    assert doc.one("input", name="parent").get("value") == str(parent.pk)
    replying = doc.one("p", class_="comment-form__replying")
    assert replying.get("hidden") is None
    assert "Replying to Bea" in replying.text


def test_the_thread_page_of_one_language_redirects_to_the_editions_own(client, story):
    spanish = edition_of(story, "es")

    response = client.get(thread_url(spanish).replace("/es/", "/pt/", 1) + "?page=1")

    assert response.status_code == 301
    assert response["Location"] == thread_url(spanish) + "?page=1"


def test_the_thread_of_an_unpublished_edition_is_a_404(client):
    story = make_story(languages=("en",))
    draft = make_edition(story, "pt", status=Edition.Status.DRAFT)

    assert client.get(thread_url(draft)).status_code == 404
    assert client.get(fragment_url(draft)).status_code == 404
    assert client.get(url("count", "pt", edition_id=draft.pk)).status_code == 404


def test_the_fragment_is_private_and_carries_the_form(client, edition):
    response = client.get(fragment_url(edition))

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"] and "private" in response["Cache-Control"]
    doc = parse(response.content)
    assert doc.find("html") is None
    assert doc.one("form", class_="comment-form").find("input", name="csrfmiddlewaretoken")


# The count and the article page


def test_the_count_endpoint_gives_the_number_and_the_button_label(client, edition):
    make_comment(edition)
    make_comment(edition, state=Comment.State.PENDING)

    response = client.get(url("count", "en", edition_id=edition.pk))

    assert response.json() == {"count": 1, "label": "Show comments (1)"}
    assert "public" in response["Cache-Control"]
    assert "max-age=30" in response["Cache-Control"]
    assert not response.cookies
    assert "Cookie" not in response.get("Vary", "")


def test_the_article_links_to_its_comments_without_any_per_reader_content(client, edition):
    response = client.get(edition.get_absolute_url())

    assert response.status_code == 200
    assert not response.cookies
    assert "public" in response["Cache-Control"]
    doc = parse(response.content)
    block = doc.one("section", id="comments")
    link = block.one("a", class_="comments__show")
    assert link.get("href") == thread_url(edition)
    assert link.text == "Show comments"
    assert block.get("data-count-url") == url("count", "en", edition_id=edition.pk)
    assert block.get("data-fragment-url") == fragment_url(edition)
    assert block.find("form") is None
    assert b"csrfmiddlewaretoken" not in response.content


def test_new_comments_do_not_change_the_article_html(client, edition, settings):
    settings.PRENSA_COMMENTS_DEFAULT_MODE = "post"
    before = client.get(edition.get_absolute_url()).content

    post_comment(Client(), edition, body="Something new")
    after = Client().get(edition.get_absolute_url()).content

    assert after == before


def test_the_article_page_runs_no_comment_query(client, edition):
    for _ in range(3):
        make_comment(edition)

    with CaptureQueriesContext(connection) as queries:
        response = client.get(edition.get_absolute_url())

    assert response.status_code == 200
    assert not [q for q in queries.captured_queries if "comments_" in q["sql"]]


def test_a_page_of_comments_costs_the_same_queries_however_many_there_are(client, edition):
    def queries_for_thread() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert Client().get(thread_url(edition)).status_code == 200
        return len(queries)

    top = make_comment(edition)
    make_comment(edition, parent=top)
    few = queries_for_thread()
    for _ in range(10):
        make_comment(edition, parent=make_comment(edition))

    assert queries_for_thread() == few
