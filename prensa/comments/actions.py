"""What readers, moderators and the command line do to comments, as small action objects.

Each action has `check()`, which raises when it may not happen, and `execute()`,
which checks, does the work in a transaction, logs it and sends a signal once
the transaction has committed. Views, the admin and management commands call
the same actions.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from prensa.newsroom.models import Edition

from . import conf, text
from .models import Ban, Comment, Mode, ModerationSetting, Report
from .signals import comment_posted, comment_reported, comments_moderated

logger = logging.getLogger(__name__)

MODERATE_PERMISSION = "comments.moderate_comment"


class CommentRejected(Exception):
    """A reader's request refused for a reason they should be told, with an HTTP status."""

    def __init__(self, message: str | Promise, status: int = 400) -> None:
        super().__init__(str(message))
        self.message = message
        self.status = status


REFUSALS = {
    "closed": (_("Comments are closed for this article."), 403),
    "banned": (_("You cannot post comments on this site."), 403),
    "duplicate": (_("You have already posted this comment."), 409),
    "unavailable": (_("This comment is not available."), 404),
}


def refuse(reason: str) -> CommentRejected:
    message, status = REFUSALS[reason]
    return CommentRejected(message, status)


def _on_commit_send(signal, **kwargs) -> None:  # type: ignore[no-untyped-def]
    """Send `signal` after commit; a failing receiver is logged, never raised to the reader."""

    def send() -> None:
        for receiver, result in signal.send_robust(**kwargs):
            if isinstance(result, Exception):
                logger.error("Comment signal receiver %r failed", receiver, exc_info=result)

    transaction.on_commit(send)


@dataclass
class PostComment:
    """A reader posts a comment or a reply to one edition's thread."""

    edition: Edition
    name: str
    body: str
    email_hash: str = ""
    ip_hash: str = ""
    browser_hash: str = ""
    # The email and network hashed under previous salts, so bans outlive a rotation.
    earlier_hashes: tuple[str, ...] = ()
    parent: Comment | None = None
    # Comments this browser session posted before (for trust and duplicates).
    session_comment_ids: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        self.mode = ModerationSetting.mode_for(self.edition)
        self.fingerprint = text.fingerprint(self.body)

    def check(self) -> None:
        if self.mode == Mode.CLOSED:
            raise refuse("closed")
        if Ban.applies_to(self.email_hash, self.ip_hash, self.earlier_hashes):
            raise refuse("banned")
        if self._is_duplicate():
            raise refuse("duplicate")

    def execute(self) -> Comment:
        self.check()
        parent = self.parent
        while parent is not None and parent.depth >= conf.max_depth():
            parent = parent.parent  # past the deepest level, a reply joins its parent's replies
        state, needs_review = self._initial_state()
        with transaction.atomic():
            # Posts to one thread take turns (a row lock on PostgreSQL, the write lock
            # on SQLite), so the same comment sent twice at once cannot pass twice.
            Edition.objects.select_for_update().only("pk").get(pk=self.edition.pk)
            if self._is_duplicate():
                raise refuse("duplicate")
            comment = Comment.objects.create(
                edition=self.edition,
                parent=parent,
                root_id=(parent.root_id or parent.pk) if parent else None,
                depth=parent.depth + 1 if parent else 0,
                name=self.name,
                body=self.body,
                state=state,
                needs_review=needs_review,
                email_hash=self.email_hash,
                ip_hash=self.ip_hash,
                browser_hash=self.browser_hash,
                fingerprint=self.fingerprint,
            )
            _on_commit_send(comment_posted, sender=Comment, comment=comment)
        logger.info(
            "Comment %s posted on edition %s (%s): %s",
            comment.pk,
            self.edition.pk,
            self.mode,
            state,
        )
        return comment

    def _initial_state(self) -> tuple[str, bool]:
        if self.mode == Mode.POST:
            return Comment.State.PUBLISHED, True
        if self.mode == Mode.PRE and self.author_is_trusted():
            return Comment.State.PUBLISHED, False
        return Comment.State.PENDING, True

    def author_is_trusted(self) -> bool:
        """A moderator approved a comment posted from this browser, and none of theirs is spam.

        Trust follows the browser (its session or its commenter key), not the email
        address: an address is no secret, and typing a trusted commenter's address must
        not skip pre-moderation. Spam under the same address still withdraws trust.
        """
        browser = Q(pk__in=self.session_comment_ids)
        if self.browser_hash:
            browser |= Q(browser_hash=self.browser_hash)
        spam = browser
        if self.email_hash:
            spam |= Q(email_hash=self.email_hash)
        return (
            Comment.objects.filter(browser, approved=True, state=Comment.State.PUBLISHED).exists()
            and not Comment.objects.filter(spam, state=Comment.State.SPAM).exists()
        )

    def _is_duplicate(self) -> bool:
        same_author = Q(pk__in=self.session_comment_ids)
        if self.browser_hash:
            same_author |= Q(browser_hash=self.browser_hash)
        if self.email_hash:
            same_author |= Q(email_hash=self.email_hash)
        if self.ip_hash:
            same_author |= Q(ip_hash=self.ip_hash)
        return (
            Comment.objects.filter(edition=self.edition, fingerprint=self.fingerprint)
            .filter(same_author)
            .exists()
        )


@dataclass
class ReportComment:
    """A reader reports a published comment; enough reports hide it until reviewed."""

    comment: Comment
    reporter_hash: str
    reason: str = Report.Reason.OTHER

    def check(self) -> None:
        if not self.comment.is_visible:
            raise refuse("unavailable")

    def execute(self) -> bool:
        """Record the report; False when this reader had already reported the comment."""
        self.check()
        with transaction.atomic():
            comment = Comment.objects.select_for_update().get(pk=self.comment.pk)
            try:
                with transaction.atomic():
                    report = Report.objects.create(
                        comment=comment,
                        reporter_hash=self.reporter_hash or None,
                        reason=self.reason,
                    )
            except IntegrityError:
                return False
            comment.open_reports = F("open_reports") + 1
            comment.needs_review = True
            comment.save(update_fields=["open_reports", "needs_review"])
            comment.refresh_from_db(fields=["open_reports"])
            hidden = comment.open_reports >= conf.report_threshold()
            if hidden and comment.state == Comment.State.PUBLISHED:
                comment.state = Comment.State.HIDDEN
                comment.save(update_fields=["state"])
            _on_commit_send(
                comment_reported, sender=Comment, comment=comment, report=report, hidden=hidden
            )
        self.comment = comment
        logger.info("Comment %s reported (%s open)", comment.pk, comment.open_reports)
        return True


class ModerationAction:
    """Base for what a moderator does to a set of comments at once."""

    name = ""

    def __init__(
        self, comments: QuerySet[Comment] | Iterable[Comment], user: AbstractBaseUser | None
    ) -> None:
        ids = (
            comments.values_list("pk", flat=True)
            if isinstance(comments, QuerySet)
            else [c.pk for c in comments]
        )
        self.comment_ids = list(ids)
        self.user = user  # None: the system itself (a management command)

    def check(self) -> None:
        if self.user is not None and not self.user.has_perm(MODERATE_PERMISSION):
            raise PermissionDenied("You may not moderate comments.")

    def execute(self) -> int:
        self.check()
        with transaction.atomic():
            comments = Comment.objects.filter(pk__in=self.comment_ids)
            count = self.apply(comments)
            self._log(comments)
            _on_commit_send(
                comments_moderated,
                sender=type(self),
                comment_ids=self.comment_ids,
                action=self.name,
                user=self.user,
            )
        logger.info("%s: %s comment(s) by %s", self.name, count, self.user or "system")
        return count

    def apply(self, comments: QuerySet[Comment]) -> int:
        raise NotImplementedError

    def _decide(self, comments: QuerySet[Comment], state: str, approved: bool) -> int:
        Report.objects.filter(comment__in=comments).update(resolved=True)
        return comments.update(
            state=state,
            approved=approved,
            needs_review=False,
            open_reports=0,
            moderated_at=timezone.now(),
            moderated_by=self.user if self.user is not None and self.user.pk else None,
        )

    def _log(self, comments: QuerySet[Comment]) -> None:
        if self.user is None or not self.user.pk:
            return
        LogEntry.objects.log_actions(
            user_id=self.user.pk,
            queryset=comments,
            action_flag=CHANGE,
            change_message=f"Moderation: {self.name}",
        )


class ApproveComments(ModerationAction):
    name = "approve"

    def apply(self, comments: QuerySet[Comment]) -> int:
        return self._decide(
            comments.exclude(state=Comment.State.REMOVED), Comment.State.PUBLISHED, True
        )


class RejectComments(ModerationAction):
    name = "reject"

    def apply(self, comments: QuerySet[Comment]) -> int:
        return self._decide(
            comments.exclude(state=Comment.State.REMOVED), Comment.State.REJECTED, False
        )


class MarkSpam(ModerationAction):
    name = "spam"

    def apply(self, comments: QuerySet[Comment]) -> int:
        return self._decide(
            comments.exclude(state=Comment.State.REMOVED), Comment.State.SPAM, False
        )


class BanAuthors(ModerationAction):
    """Ban the authors of the comments by the hash of their email or network address.

    Their selected comments are rejected too. Returns the number of new bans; a
    comment without that hash (no email given, or the address already expired)
    bans nobody.
    """

    def __init__(
        self,
        comments: QuerySet[Comment] | Iterable[Comment],
        user: AbstractBaseUser | None,
        kind: str,
        until: datetime | None = None,
    ) -> None:
        super().__init__(comments, user)
        self.kind = Ban.Kind(kind)
        self.until = until
        self.name = f"ban-{kind}"

    def apply(self, comments: QuerySet[Comment]) -> int:
        field = "email_hash" if self.kind == Ban.Kind.EMAIL else "ip_hash"
        digests = set(comments.exclude(**{field: ""}).values_list(field, flat=True))
        created = 0
        for digest in sorted(digests):
            _, is_new = Ban.objects.get_or_create(
                kind=self.kind,
                digest=digest,
                defaults={
                    "created_by": self.user if self.user is not None and self.user.pk else None,
                    "until": self.until,
                },
            )
            created += is_new
        self._decide(comments.exclude(state=Comment.State.REMOVED), Comment.State.REJECTED, False)
        return created


@dataclass
class CommenterByEmail:
    """A commenter found by their email address (forgetting and exporting them both start here)."""

    email: str

    def check(self) -> None:
        if not self.email.strip():
            raise ValueError("An email address is required.")

    def comments(self) -> QuerySet[Comment]:
        return Comment.objects.by_email(self.email)


@dataclass
class ForgetCommenter(CommenterByEmail):
    """Remove everything a commenter posted, found by their email address.

    Comments that others replied to are erased in place (no name, no text, no
    hashes) so that the replies keep their context; all others are deleted.
    """

    def execute(self, dry_run: bool = False) -> tuple[int, int]:
        """Return (deleted, erased)."""
        self.check()
        deleted = erased = 0
        with transaction.atomic():
            theirs = list(self.comments().order_by("-depth", "pk"))
            gone: set[int] = set()
            for comment in theirs:
                others_replied = (
                    Comment.objects.filter(parent=comment).exclude(pk__in=gone).exists()
                )
                if others_replied:
                    erased += 1
                    if not dry_run:
                        Comment.objects.filter(pk=comment.pk).update(
                            name="",
                            body="",
                            email_hash="",
                            ip_hash="",
                            fingerprint="",
                            state=Comment.State.REMOVED,
                            needs_review=False,
                            open_reports=0,
                            approved=False,
                        )
                else:
                    deleted += 1
                    gone.add(comment.pk)
            if not dry_run:
                Comment.objects.filter(pk__in=gone).delete()
            if dry_run:
                transaction.set_rollback(True)
        if not dry_run:
            logger.info("Forgot a commenter: %s deleted, %s erased", deleted, erased)
        return deleted, erased


@dataclass
class ExpireNetworkHashes:
    """Drop the hashed network addresses older than the retention period."""

    now: datetime | None = None

    def check(self) -> None:
        if conf.ip_retention_days() < 0:
            raise ValueError("PRENSA_COMMENTS_IP_RETENTION_DAYS must not be negative.")

    def execute(self) -> tuple[int, int]:
        """Return (comments, reports) whose address hash was removed."""
        self.check()
        cutoff = (self.now or timezone.now()) - timedelta(days=conf.ip_retention_days())
        with transaction.atomic():
            comments = (
                Comment.objects.filter(created_at__lt=cutoff).exclude(ip_hash="").update(ip_hash="")
            )
            reports = Report.objects.filter(
                created_at__lt=cutoff, reporter_hash__isnull=False
            ).update(reporter_hash=None)
        logger.info("Expired network hashes: %s comments, %s reports", comments, reports)
        return comments, reports
