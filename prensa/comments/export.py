"""What Prensa stores about one commenter, found by email address (GDPR right of access).

The counterpart of `ForgetCommenter`: `prensa export_commenter --email ADDRESS` writes it
as JSON. Addresses are stored only as keyed hashes, so the export shows the hashes that
matched, not addresses; a network address hash is listed as stored, never reversed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from .actions import CommenterByEmail
from .models import Ban, Comment, Report
from .privacy import email_hashes


@dataclass
class ExportCommenter(CommenterByEmail):
    def execute(self) -> dict[str, Any]:
        """Everything stored about the commenter, as JSON-ready data."""
        self.check()
        digests = email_hashes(self.email)
        comments = list(
            self.comments().select_related("edition__story__section").order_by("created_at", "pk")
        )
        browsers = sorted({c.browser_hash for c in comments if c.browser_hash})
        networks = sorted({c.ip_hash for c in comments if c.ip_hash})
        return {
            "exported_at": _time(timezone.now()),
            "site": settings.PRENSA_BASE_URL,
            "email_hashes_matched": sorted({c.email_hash for c in comments}),
            "comments": [_comment(c) for c in comments],
            "reports_on_their_comments": [
                {"comment": r.comment_id, "reason": r.reason, "reported_at": _time(r.created_at)}
                for r in Report.objects.filter(comment__in=comments).order_by("created_at", "pk")
            ],
            "trust": [_trust(browser) for browser in browsers],
            "bans": [
                {
                    "kind": ban.kind,
                    "hash": ban.digest,
                    "banned_at": _time(ban.created_at),
                    "until": _time(ban.until),
                    "note": ban.note,
                }
                for ban in Ban.objects.filter(
                    Q(kind=Ban.Kind.EMAIL, digest__in=digests)
                    | Q(kind=Ban.Kind.IP, digest__in=networks)
                ).order_by("created_at", "pk")
            ],
        }


def _comment(comment: Comment) -> dict[str, Any]:
    edition = comment.edition
    return {
        "id": comment.pk,
        "edition": {
            "id": edition.pk,
            "language": edition.language,
            "headline": edition.headline,
            "url": settings.PRENSA_BASE_URL + edition.get_absolute_url(),
        },
        "language": edition.language,
        "posted_at": _time(comment.created_at),
        "state": comment.state,
        "reply_to": comment.parent_id,
        "name": comment.name,
        "body": comment.body,
        "approved_by_a_moderator": comment.approved,
        "moderated_at": _time(comment.moderated_at),
        "network_address_hash": comment.ip_hash or None,
        "browser_hash": comment.browser_hash or None,
    }


def _trust(browser_hash: str) -> dict[str, Any]:
    """Whether comments from this browser skip pre-moderation (see PostComment)."""
    from_browser = Comment.objects.filter(browser_hash=browser_hash)
    approved = from_browser.filter(approved=True, state=Comment.State.PUBLISHED).count()
    spam = from_browser.filter(state=Comment.State.SPAM).exists()
    return {
        "browser_hash": browser_hash,
        "approved_comments": approved,
        "skips_pre_moderation": bool(approved) and not spam,
    }


def _time(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
