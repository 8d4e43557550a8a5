"""Moderators hear about comments waiting for them, by email, at most every few minutes.

A posted comment that needs review asks for a notice; the first ask in each window of
PRENSA_COMMENTS_NOTIFY_MINUTES queues a background task (the worker sends it, so a
slow mail server never holds up a reader), and the task writes one email to every
active moderator with an address: how many comments wait, the oldest few, and a link to
the queue. Later asks in the same window are covered by that email.
"""

from __future__ import annotations

import logging
from smtplib import SMTPException

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.mail import send_mail
from django.urls import reverse
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, override
from django_tasks import task

from . import conf
from .models import Comment

logger = logging.getLogger(__name__)

_WINDOW_KEY = "prensa:comments:moderators-notified"
OLDEST_SHOWN = 5


def comment_posted_receiver(comment: Comment, **kwargs: object) -> None:
    """Receiver of `comment_posted`: ask for a notice if the comment needs a moderator."""
    minutes = conf.notify_minutes()
    if not comment.needs_review or minutes <= 0:
        return
    if cache.add(_WINDOW_KEY, True, timeout=minutes * 60):
        notify_moderators.enqueue()


def moderators() -> list[str]:
    """Addresses of active staff who may moderate comments."""
    users = get_user_model().objects.with_perm(
        "comments.moderate_comment",
        is_active=True,
        include_superusers=True,
        backend="django.contrib.auth.backends.ModelBackend",
    )
    return sorted(
        set(users.filter(is_staff=True).exclude(email="").values_list("email", flat=True))
    )


@task()
def notify_moderators() -> int:
    """Email the moderators about the comments waiting; returns how many were sent."""
    waiting = Comment.objects.needing_review().select_related("edition").order_by("created_at")
    count = waiting.count()
    recipients = moderators()
    if not count or not recipients:
        return 0
    with override(settings.LANGUAGE_CODE):
        subject = ngettext(
            "[%(site)s] %(count)s comment to review",
            "[%(site)s] %(count)s comments to review",
            count,
        ) % {"site": settings.PRENSA_SITE_NAME, "count": count}
        lines = [
            ngettext(
                "%(count)s comment is waiting for a moderator.",
                "%(count)s comments are waiting for a moderator.",
                count,
            )
            % {"count": count},
            "",
            _("The oldest:"),
        ]
        for comment in waiting[:OLDEST_SHOWN]:
            excerpt = Truncator(" ".join(comment.body.split())).chars(100)
            lines.append(f"- [{comment.edition.language}] {comment.name}: {excerpt}")
        queue = settings.PRENSA_BASE_URL.rstrip("/") + reverse(
            "admin:comments_moderationqueue_changelist"
        )
        lines += ["", _("Moderation queue: %(url)s") % {"url": queue}]
    try:
        sent = send_mail(subject, "\n".join(lines), None, recipients)
    except (OSError, SMTPException):
        cache.delete(_WINDOW_KEY)  # the next waiting comment asks again
        logger.exception("Could not email the moderators about waiting comments")
        raise
    logger.info("Told %s moderator(s) about %s waiting comment(s)", len(recipients), count)
    return sent
