"""Readers report comments; past a threshold a comment is hidden until a moderator looks."""

import pytest
from django.test import Client

from prensa.comments.actions import ApproveComments
from prensa.comments.models import Comment, Report
from tests.comments.helpers import comment_texts, make_comment, page, report_url, thread_url

pytestmark = pytest.mark.django_db


def report(comment: Comment, ip: str, fragment: bool = False, **data):  # type: ignore[no-untyped-def]
    extra = {"REMOTE_ADDR": ip}
    if fragment:
        extra["HTTP_X_REQUESTED_WITH"] = "XMLHttpRequest"
    return Client().post(report_url(comment), data, **extra)


def test_a_report_puts_the_comment_in_the_queue_and_thanks_the_reader(client, edition):
    comment = make_comment(edition, body="Questionable")

    response = report(comment, "203.0.113.1", reason="abuse")

    assert response.status_code == 303
    assert response["Location"] == f"{thread_url(edition)}#comment-{comment.pk}"
    comment.refresh_from_db()
    assert (comment.open_reports, comment.needs_review) == (1, True)
    assert comment.state == Comment.State.PUBLISHED
    assert Report.objects.get().reason == "abuse"


def test_a_comment_is_hidden_once_enough_readers_report_it(client, edition, settings):
    settings.PRENSA_COMMENTS_REPORT_THRESHOLD = 3
    comment = make_comment(edition, body="Nasty")

    for n in range(1, 4):
        report(comment, f"203.0.113.{n}")

    comment.refresh_from_db()
    assert comment.state == Comment.State.HIDDEN
    assert comment_texts(page(client.get(thread_url(edition)))) == []


def test_the_same_reader_reporting_twice_counts_once(edition, settings):
    settings.PRENSA_COMMENTS_REPORT_THRESHOLD = 2
    comment = make_comment(edition)

    report(comment, "203.0.113.1")
    again = report(comment, "203.0.113.1")

    assert again.status_code == 303
    comment.refresh_from_db()
    assert (comment.open_reports, comment.state) == (1, Comment.State.PUBLISHED)


def test_approving_a_hidden_comment_brings_it_back(client, edition, settings, moderator):
    settings.PRENSA_COMMENTS_REPORT_THRESHOLD = 1
    comment = make_comment(edition, body="Fine after all")
    report(comment, "203.0.113.1")

    ApproveComments([comment], moderator).execute()

    assert comment_texts(page(client.get(thread_url(edition)))) == ["Fine after all"]


def test_reporting_in_place_answers_with_a_short_notice(edition):
    comment = make_comment(edition)

    response = report(comment, "203.0.113.1", fragment=True)

    assert response.status_code == 200
    assert response["X-Prensa-Comments"] == "notice"
    assert page(response).text == "Thank you. A moderator will look at this comment."


@pytest.mark.parametrize("state", ["pending", "hidden", "rejected"])
def test_a_comment_that_is_not_shown_cannot_be_reported(edition, state):
    comment = make_comment(edition, state=state)

    response = report(comment, "203.0.113.1")

    assert response.status_code == 404
    assert "This comment is not available." in page(response).text
    assert not Report.objects.exists()


def test_reporting_a_missing_comment_is_a_404(client, edition):
    comment = make_comment(edition)
    address = report_url(comment)
    comment.delete()

    response = Client().post(address, REMOTE_ADDR="203.0.113.1")

    assert response.status_code == 404
    assert "This comment is not available." in page(response).text


def test_a_report_without_a_csrf_token_is_rejected(edition):
    comment = make_comment(edition)

    response = Client(enforce_csrf_checks=True).post(report_url(comment), REMOTE_ADDR="203.0.113.1")

    assert response.status_code == 403
    assert not Report.objects.exists()


def test_reporting_too_often_gets_a_429(edition, settings):
    settings.PRENSA_COMMENTS_RATE_PER_IP = (2, 600)
    comments = [make_comment(edition) for _ in range(3)]

    statuses = [report(c, "203.0.113.1").status_code for c in comments]

    assert statuses == [303, 303, 429]
    assert Report.objects.count() == 2


def test_an_unknown_reason_is_recorded_as_other(edition):
    comment = make_comment(edition)

    report(comment, "203.0.113.1", reason="<script>")

    assert Report.objects.get().reason == "other"
