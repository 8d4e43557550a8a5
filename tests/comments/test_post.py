"""Posting a comment through the form: what is accepted, held, published or refused, and why."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test import Client
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from prensa.comments.actions import ApproveComments, CommentRejected, MarkSpam, PostComment
from prensa.comments.forms import issue_token
from prensa.comments.models import Ban, BannedWord, Comment, ModerationSetting
from prensa.comments.privacy import BROWSER_COOKIE, email_hash, ip_hash
from prensa.comments.signals import comment_posted
from prensa.newsroom.models import Edition
from tests.comments.helpers import (
    all_errors,
    edition_of,
    field_errors,
    form_data,
    make_comment,
    messages_in,
    page,
    post_comment,
    post_url,
    the_comment,
    thread_url,
)
from tests.factories import make_edition, make_story

pytestmark = pytest.mark.django_db


def set_mode(mode: str, **target) -> ModerationSetting:  # type: ignore[no-untyped-def]
    scope = "story" if "story" in target else "section" if "section" in target else "site"
    return ModerationSetting.objects.create(scope=scope, mode=mode, **target)


# Accepted


def test_a_first_time_commenter_is_told_their_comment_awaits_moderation(client, edition):
    response = post_comment(client, edition, body="Where was the ferry built?")

    comment = the_comment()
    assert response.status_code == 303
    assert response["Location"] == f"{thread_url(edition)}#comment-{comment.pk}"
    assert comment.state == Comment.State.PENDING
    assert comment.needs_review
    doc = page(client.get(response["Location"]))
    assert messages_in(doc) == ["Thank you! Your comment is awaiting moderation."]
    mine = doc.one(id=f"comment-{comment.pk}")
    assert "Awaiting moderation" in mine.text
    assert "Where was the ferry built?" in mine.text


def test_a_comment_awaiting_moderation_is_hidden_from_other_readers(client, edition):
    post_comment(client, edition, body="Only I can see this for now.")

    doc = page(Client().get(thread_url(edition)))

    assert "Only I can see this for now." not in doc.text


def test_it_keeps_the_name_and_body_as_typed_but_trimmed(client, edition):
    post_comment(client, edition, name="  Nour Al-Din  ", body="\r\n  Two\r\nlines  \r\n")

    comment = the_comment()
    assert (comment.name, comment.body) == ("Nour Al-Din", "Two\nlines")


def test_the_browser_that_posted_an_approved_comment_keeps_trust_past_its_session(client, edition):
    post_comment(client, edition, email="Ana@Example.org")
    ApproveComments(Comment.objects.all(), user=None).execute()
    client.cookies.pop(settings.SESSION_COOKIE_NAME)  # the session ended; the browser is back

    post_comment(client, edition, body="Back again.")

    latest = Comment.objects.latest("pk")
    assert latest.state == Comment.State.PUBLISHED
    assert not latest.needs_review


def test_typing_a_trusted_commenters_email_elsewhere_does_not_skip_premoderation(client, edition):
    post_comment(client, edition, email="ana@example.org")
    ApproveComments(Comment.objects.all(), user=None).execute()

    post_comment(Client(), edition, email="ana@example.org", body="Pretending to be Ana.")

    assert Comment.objects.latest("pk").state == Comment.State.PENDING


def test_a_forged_commenter_key_earns_no_trust(client, edition):
    post_comment(client, edition)
    ApproveComments(Comment.objects.all(), user=None).execute()
    stranger = Client()
    stranger.cookies[BROWSER_COOKIE] = client.cookies[BROWSER_COOKIE].value[:-2] + "xx"

    post_comment(stranger, edition, body="A guessed key.")

    assert Comment.objects.latest("pk").state == Comment.State.PENDING


def test_the_browser_that_posted_an_approved_comment_skips_premoderation_too(client, edition):
    post_comment(client, edition)
    ApproveComments(Comment.objects.all(), user=None).execute()

    post_comment(client, edition, body="No email this time either.")

    assert Comment.objects.latest("pk").state == Comment.State.PUBLISHED


def test_a_commenter_with_spam_on_record_is_not_trusted(client, edition):
    make_comment(edition, email_hash=email_hash("ana@example.org"), approved=True)
    spam = make_comment(edition, email_hash=email_hash("ana@example.org"))
    MarkSpam([spam], user=None).execute()

    post_comment(client, edition, email="ana@example.org")

    assert Comment.objects.latest("pk").state == Comment.State.PENDING


def test_post_moderation_publishes_at_once_and_still_queues_the_comment(client, edition):
    set_mode("post", story=edition.story)

    response = post_comment(client, edition, body="Straight onto the page.")

    comment = the_comment()
    assert (comment.state, comment.needs_review) == (Comment.State.PUBLISHED, True)
    doc = page(client.get(response["Location"]))
    assert messages_in(doc) == ["Thank you! Your comment is published."]
    assert "Straight onto the page." in page(Client().get(thread_url(edition))).text


def test_strict_premoderation_holds_even_a_trusted_commenter(client, edition):
    make_comment(edition, email_hash=email_hash("ana@example.org"), approved=True)
    set_mode("strict", section=edition.story.section)

    post_comment(client, edition, email="ana@example.org")

    assert Comment.objects.latest("pk").state == Comment.State.PENDING


def test_a_closed_thread_refuses_new_comments_but_keeps_showing_the_old_ones(client, edition):
    old = make_comment(edition, body="Said before closing.")
    set_mode("closed", story=edition.story)

    response = post_comment(client, edition)

    assert response.status_code == 403
    doc = page(response)
    assert "Comments are closed for this article." in all_errors(doc)
    assert Comment.objects.get() == old
    shown = page(client.get(thread_url(edition)))
    assert "Said before closing." in shown.text
    assert shown.find("form", class_="comment-form") is None
    assert shown.find("a", class_="comment__reply") is None


def test_a_script_posting_for_the_page_gets_the_thread_fragment_back(client, edition):
    response = post_comment(client, edition, fragment=True, body="Posted in place.")

    assert response.status_code == 201
    assert response["X-Prensa-Comments"] == "thread"
    doc = page(response)
    assert doc.find("html") is None
    assert messages_in(doc) == ["Thank you! Your comment is awaiting moderation."]
    assert "Posted in place." in doc.text


def test_an_accepted_comment_is_kept_even_if_something_listening_for_it_fails(
    client, edition, django_capture_on_commit_callbacks
):
    def broken_receiver(**kwargs):  # type: ignore[no-untyped-def]
        raise RuntimeError("the search index is down")

    comment_posted.connect(broken_receiver)
    try:
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            response = post_comment(client, edition)
    finally:
        comment_posted.disconnect(broken_receiver)

    assert len(callbacks) == 1
    assert response.status_code == 303
    assert Comment.objects.count() == 1


# Replies


def test_a_reply_is_filed_under_the_comment_it_answers(client, edition):
    parent = make_comment(edition)

    post_comment(client, edition, parent=parent.pk)

    reply = Comment.objects.latest("pk")
    assert (reply.parent, reply.root, reply.depth) == (parent, parent, 1)


def test_a_reply_past_the_deepest_level_joins_the_replies_at_that_level(client, edition):
    top = make_comment(edition)
    first = make_comment(edition, parent=top)
    second = make_comment(edition, parent=first)

    post_comment(client, edition, parent=second.pk)

    reply = Comment.objects.latest("pk")
    assert (reply.parent, reply.root, reply.depth) == (first, top, 2)


def test_a_reply_to_a_comment_on_another_edition_is_refused(client, story):
    english, portuguese = edition_of(story, "en"), edition_of(story, "pt")
    foreign = make_comment(portuguese)

    response = post_comment(client, english, parent=foreign.pk)

    assert response.status_code == 400
    assert "You can only reply to comments on this article." in all_errors(page(response))
    assert Comment.objects.count() == 1


@pytest.mark.parametrize("parent", ["999999", "abc", "-3", "1.5"])
def test_a_reply_to_a_comment_that_does_not_exist_is_refused(client, edition, parent):
    response = post_comment(client, edition, parent=parent)

    assert response.status_code == 400
    assert "The comment you are replying to is not available any more." in all_errors(
        page(response)
    )
    assert not Comment.objects.exists()


def test_a_reply_to_a_comment_awaiting_moderation_is_refused(client, edition):
    pending = make_comment(edition, state=Comment.State.PENDING)

    response = post_comment(client, edition, parent=pending.pk)

    assert response.status_code == 400
    assert Comment.objects.count() == 1


# Bad input: a 4xx and a message, the text kept for another try


def test_an_empty_comment_is_refused(client, edition):
    response = post_comment(client, edition, body=" \n\t ")

    assert response.status_code == 400
    assert field_errors(page(response)) == ["Please write a comment."]


def test_an_oversized_comment_is_refused_and_kept_in_the_form(client, edition, settings):
    settings.PRENSA_COMMENTS_MAX_LENGTH = 100
    body = "word " * 40

    response = post_comment(client, edition, body=body)

    assert response.status_code == 400
    doc = page(response)
    assert field_errors(doc) == ["Your comment is too long: 199 characters, the most is 100."]
    assert doc.one("textarea").raw_text.strip() == body.strip()
    assert not Comment.objects.exists()


def test_a_form_with_every_field_missing_is_refused_with_a_message_for_each(client, edition):
    response = client.post(post_url(edition), {}, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 400
    doc = page(response)
    assert "Please tell us your name." in field_errors(doc)
    assert "Please write a comment." in field_errors(doc)
    assert "This form has expired. Please send your comment again." in messages_in(doc)


def test_a_name_of_only_invisible_characters_is_refused(client, edition):
    response = post_comment(client, edition, name="\u200b\u202e")

    assert response.status_code == 400
    assert field_errors(page(response)) == ["Please tell us your name."]


def test_a_malformed_email_is_refused(client, edition):
    response = post_comment(client, edition, email="ana at example")

    assert response.status_code == 400
    assert field_errors(page(response)) == [
        "This email address does not look right: correct it or leave it empty."
    ]


def test_a_filled_in_honeypot_is_refused(client, edition):
    response = post_comment(client, edition, website="https://spam.example")

    assert response.status_code == 400
    assert "Your comment could not be accepted." in messages_in(page(response))
    assert not Comment.objects.exists()


def test_a_form_sent_back_faster_than_a_person_can_type_is_refused(client, edition, settings):
    settings.PRENSA_COMMENTS_MIN_SECONDS = 5
    token = issue_token(edition.pk, at=time.time() - 1)

    response = post_comment(client, edition, started=token)

    assert response.status_code == 400
    doc = page(response)
    assert messages_in(doc) == [
        "That was quick! Please take a moment to read your comment, then send it again."
    ]
    # The same form becomes valid after a moment: the token is not replaced.
    assert doc.one("input", name="started").get("value") == token


@pytest.mark.parametrize(
    "token",
    ["", "garbage", issue_token(0), issue_token(1, at=time.time() - 30 * 24 * 3600)],
    ids=["missing", "damaged", "another-form", "expired"],
)
def test_a_form_without_a_valid_token_is_refused_with_a_fresh_one(client, edition, token):
    response = post_comment(client, edition, started=token, body="Keep this text.")

    assert response.status_code == 400
    doc = page(response)
    assert messages_in(doc) == ["This form has expired. Please send your comment again."]
    assert doc.one("input", name="started").get("value") != token
    assert doc.one("textarea").raw_text.strip() == "Keep this text."


def test_a_comment_with_too_many_links_is_refused(client, edition, settings):
    settings.PRENSA_COMMENTS_MAX_LINKS = 2
    body = "https://a.example.org https://b.example.org www.c.example.org"

    response = post_comment(client, edition, body=body)

    assert response.status_code == 400
    assert field_errors(page(response)) == ["A comment can contain at most 2 links."]


def test_a_banned_word_of_the_editions_language_is_refused(client, story):
    BannedWord.objects.create(language="en", word="scoundrel")

    refused = post_comment(client, edition_of(story, "en"), body="What a SCOUNDREL he is")
    elsewhere = post_comment(client, edition_of(story, "es"), body="scoundrel es inglés")

    assert refused.status_code == 400
    assert field_errors(page(refused)) == [
        "Your comment contains a word that is not allowed here: “scoundrel”."
    ]
    assert elsewhere.status_code == 303


def test_a_word_banned_in_every_language_is_refused_everywhere(client, story, settings):
    settings.PRENSA_COMMENTS_BANNED_WORDS = {"*": ["casino bonus"]}
    BannedWord.objects.create(language="", word="canalha")

    for language in ("pt", "es", "en"):
        response = post_comment(client, edition_of(story, language), body="Casino  bonus here")
        assert response.status_code == 400
    response = post_comment(client, edition_of(story, "es"), body="Que canalha!")
    assert response.status_code == 400
    assert not Comment.objects.exists()


def test_the_same_comment_twice_from_one_author_is_refused_as_a_duplicate(client, edition):
    post_comment(client, edition, ip="203.0.113.5", body="I agree entirely.")

    response = post_comment(Client(), edition, ip="203.0.113.5", body="i agree   ENTIRELY.")

    assert response.status_code == 409
    assert "You have already posted this comment." in messages_in(page(response))
    assert Comment.objects.count() == 1


def test_the_same_short_comment_from_two_readers_is_accepted(client, edition):
    post_comment(client, edition, body="Great reporting.")
    post_comment(Client(), edition, body="Great reporting.")

    assert Comment.objects.count() == 2


def test_a_banned_email_cannot_post(client, edition):
    Ban.objects.create(kind="email", digest=email_hash("troll@example.org"))

    response = post_comment(client, edition, email="TROLL@example.org")

    assert response.status_code == 403
    assert "You cannot post comments on this site." in messages_in(page(response))
    assert not Comment.objects.exists()


def test_a_banned_network_cannot_post(client, edition):
    Ban.objects.create(kind="ip", digest=ip_hash("203.0.113.66"))

    response = post_comment(client, edition, ip="203.0.113.66")

    assert response.status_code == 403


def test_an_expired_ban_no_longer_applies(client, edition):
    from datetime import timedelta

    from django.utils import timezone

    Ban.objects.create(
        kind="ip", digest=ip_hash("203.0.113.66"), until=timezone.now() - timedelta(days=1)
    )

    assert post_comment(client, edition, ip="203.0.113.66").status_code == 303


def test_a_post_without_a_csrf_token_is_rejected(edition):
    client = Client(enforce_csrf_checks=True)

    response = client.post(post_url(edition), form_data(edition), REMOTE_ADDR="203.0.113.1")

    assert response.status_code == 403
    assert "Reload the page and try again." in page(response).text
    assert not Comment.objects.exists()


def test_a_post_with_the_csrf_token_from_the_form_is_accepted(edition):
    client = Client(enforce_csrf_checks=True)
    form = page(client.get(thread_url(edition))).one("form", class_="comment-form")
    token = form.one("input", name="csrfmiddlewaretoken").get("value")

    response = client.post(
        post_url(edition), form_data(edition, csrfmiddlewaretoken=token), REMOTE_ADDR="203.0.113.1"
    )

    assert response.status_code == 303
    assert Comment.objects.count() == 1


def test_a_request_larger_than_any_comment_is_refused_before_it_is_read(client, edition):
    response = post_comment(client, edition, body="x" * 70_000)

    assert response.status_code == 413
    assert "What you sent is too large." in page(response).text


def test_a_post_to_an_unpublished_edition_is_a_404_with_a_message(client):
    story = make_story(languages=("pt",))
    draft = make_edition(story, "en", status=Edition.Status.DRAFT)

    response = post_comment(client, draft)

    assert response.status_code == 404
    assert "does not exist or does not take comments" in page(response).text


def test_a_post_under_another_languages_prefix_is_a_404(client, story):
    english = edition_of(story, "en")

    response = client.post(
        post_url(english).replace("/en/", "/pt/", 1), form_data(english), REMOTE_ADDR="203.0.113.2"
    )

    assert response.status_code == 404
    assert not Comment.objects.exists()


def test_the_post_address_does_not_answer_a_get(client, edition):
    assert client.get(post_url(edition)).status_code == 405


# Flooding


def test_one_network_posting_too_often_gets_a_429_with_a_message(client, edition, settings):
    settings.PRENSA_COMMENTS_RATE_PER_IP = (2, 600)
    for n in range(2):
        assert post_comment(Client(), edition, ip="203.0.113.7", body=f"n{n}").status_code == 303

    response = post_comment(Client(), edition, ip="203.0.113.7", body="Third, keep me.")

    assert response.status_code == 429
    assert 0 < int(response["Retry-After"]) <= 600
    doc = page(response)
    assert messages_in(doc) == [
        "You are posting too often. Please wait a few minutes and try again."
    ]
    assert doc.one("textarea").raw_text.strip() == "Third, keep me."
    assert Comment.objects.count() == 2


def test_one_browser_session_posting_too_often_gets_a_429_whatever_its_address(
    client, edition, settings
):
    settings.PRENSA_COMMENTS_RATE_PER_SESSION = (2, 300)
    statuses = [post_comment(client, edition, body=f"n{n}").status_code for n in range(4)]

    # The first post creates the session; the limit counts from there.
    assert statuses[:3] == [303, 303, 303]
    assert statuses[3] == 429


def test_an_unreachable_cache_does_not_stop_a_comment(client, edition, settings):
    settings.CACHES = {"default": {"BACKEND": "tests.comments.helpers.BrokenCache"}}

    assert post_comment(client, edition).status_code == 303


# Never a 500


@pytest.mark.parametrize(
    "fields",
    [
        {"parent": str(10**30)},
        {"parent": "1e3"},
        {"name": "x" * 61},
        {"email": "a@" + "b" * 300 + ".org"},
        {"body": "\x00 null"},
        {"started": "x" * 5000},
        {"website": "\x00"},
    ],
    ids=["huge-parent", "float-parent", "long-name", "long-email", "null", "long-token", "trap"],
)
def test_odd_values_are_refused_with_a_400(client, edition, fields):
    response = post_comment(client, edition, **fields)

    assert response.status_code == 400
    assert all_errors(page(response))
    assert not Comment.objects.exists()


@pytest.mark.parametrize(
    "address",
    [
        "/en/comments/1000000000000000000000000000000/",
        "/en/comments/1000000000000000000000000000000/count.json",
        "/en/comments/1000000000000000000000000000000/thread/",
    ],
)
def test_an_edition_number_too_large_for_the_database_is_a_404(client, address):
    assert client.get(address).status_code == 404


def test_a_report_of_a_number_too_large_for_the_database_is_a_404(client):
    assert client.post("/en/comments/report/1000000000000000000000000000000/").status_code == 404


@hypothesis_settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(
    st.dictionaries(
        st.sampled_from(["name", "email", "body", "parent", "started", "website", "other"]),
        st.text(max_size=200),
    )
)
def test_whatever_a_form_holds_the_answer_is_never_a_server_error(client, edition, fields):
    data = {"started": issue_token(edition.pk, at=time.time() - 60), **fields}

    response = client.post(post_url(edition), data, REMOTE_ADDR="203.0.113.200")

    assert response.status_code in (303, 400, 409, 429)


@pytest.mark.django_db(transaction=True)
def test_the_same_comment_sent_twice_at_once_is_stored_once(edition):
    if connection.vendor != "postgresql":
        pytest.skip("a second connection waiting on a row lock needs PostgreSQL")

    def attempt() -> PostComment:
        return PostComment(
            edition=edition, name="Ana", body="Sent twice at once.", ip_hash=ip_hash("192.0.2.7")
        )

    outcome = {}

    def second_post() -> None:
        try:
            outcome["second"] = attempt().execute()
        except CommentRejected as rejected:
            outcome["second"] = rejected
        finally:
            connection.close()

    with transaction.atomic():  # the first post is still in flight, its thread locked
        attempt().execute()
        racer = threading.Thread(target=second_post)
        racer.start()
        racer.join(timeout=1)
        assert racer.is_alive(), "the second post must wait for the first to finish"
    racer.join(timeout=10)

    assert isinstance(outcome["second"], CommentRejected)
    assert Comment.objects.filter(edition=edition).count() == 1
