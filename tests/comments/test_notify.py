"""Moderators hear about waiting comments by email, over real SMTP, at most every few minutes."""

import email
import socket
from datetime import timedelta

import pytest
import time_machine
from aiosmtpd.controller import Controller
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone

from prensa.comments import conf
from prensa.comments.actions import ApproveComments
from prensa.comments.models import Comment
from tests.comments.helpers import post_comment
from tests.desk.conftest import run_worker

pytestmark = pytest.mark.django_db


class Inbox:
    """An SMTP server's mailbox (aiosmtpd speaks the protocol; this keeps what arrives)."""

    def __init__(self) -> None:
        self.messages: list[tuple[list[str], email.message.Message]] = []

    async def handle_DATA(self, server, session, envelope):  # type: ignore[no-untyped-def]
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def inbox(settings):  # type: ignore[no-untyped-def]
    mailbox = Inbox()
    port = _free_port()
    server = Controller(mailbox, hostname="127.0.0.1", port=port)
    server.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", port
    yield mailbox
    server.stop()


@pytest.fixture
def moderators(moderator, outsider):  # type: ignore[no-untyped-def]
    moderator.email = "moira@example.org"
    moderator.save()
    outsider.email = "otto@example.org"  # staff, but may not moderate
    outsider.save()
    User.objects.create_superuser("chief", "chief@example.org", "pw")


def post_and_work(client, edition, django_capture_on_commit_callbacks, **fields):  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        post_comment(client, edition, **fields)
    run_worker()


def test_a_comment_waiting_for_review_reaches_the_moderators(
    client, edition, inbox, moderators, django_capture_on_commit_callbacks
):
    post_and_work(
        client, edition, django_capture_on_commit_callbacks, body="Is the ferry running on Sundays?"
    )

    ((recipients, message),) = inbox.messages
    assert sorted(recipients) == ["chief@example.org", "moira@example.org"]
    assert message["Subject"] == "[Prensa] 1 comment to review"
    body = message.get_payload()
    assert "Is the ferry running on Sundays?" in body
    assert "https://news.example.org/admin/comments/moderationqueue/" in body


def test_one_email_covers_the_comments_of_its_window(
    client, edition, inbox, moderators, django_capture_on_commit_callbacks
):
    post_and_work(client, edition, django_capture_on_commit_callbacks, body="First question.")
    post_and_work(client, edition, django_capture_on_commit_callbacks, body="Second question.")
    assert len(inbox.messages) == 1

    later = timezone.now() + timedelta(minutes=conf.notify_minutes() + 1)
    with time_machine.travel(later, tick=False):
        post_and_work(client, edition, django_capture_on_commit_callbacks, body="Third one.")
    assert len(inbox.messages) == 2
    assert inbox.messages[1][1]["Subject"] == "[Prensa] 3 comments to review"


def test_no_email_for_a_trusted_commenters_comment(
    client, edition, inbox, moderators, django_capture_on_commit_callbacks
):
    post_and_work(client, edition, django_capture_on_commit_callbacks, body="First visit.")
    ApproveComments(Comment.objects.all(), user=None).execute()
    cache.clear()  # a new window: only the next comment could ask for a notice
    inbox.messages.clear()

    post_and_work(client, edition, django_capture_on_commit_callbacks, body="Trusted now.")

    assert Comment.objects.get(body="Trusted now.").needs_review is False
    assert inbox.messages == []


def test_notices_can_be_turned_off(
    client, edition, inbox, moderators, django_capture_on_commit_callbacks, settings
):
    settings.PRENSA_COMMENTS_NOTIFY_MINUTES = 0
    post_and_work(client, edition, django_capture_on_commit_callbacks)
    assert inbox.messages == []


def test_a_mail_server_that_is_down_costs_the_reader_nothing(
    client, edition, moderators, django_capture_on_commit_callbacks, settings
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", _free_port()  # nobody listens

    with django_capture_on_commit_callbacks(execute=True):
        response = post_comment(client, edition, body="Posted while the mail server sleeps.")
    run_worker()

    assert response.status_code in (201, 303)
    assert Comment.objects.get().body == "Posted while the mail server sleeps."
    assert cache.add("prensa:comments:moderators-notified", True)  # the next comment asks again
