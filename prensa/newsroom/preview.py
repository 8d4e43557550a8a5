"""Shareable preview links: a signed, expiring token that lets someone without an account
read one edition before it is published.

The token names the edition's primary key, signed with the site's SECRET_KEY under a salt of
its own (so no other signed value of the site can pass for it) and stamped with the time it
was made; it is good for PRENSA_PREVIEW_MAX_AGE seconds. It names the edition, not a
revision: a reviewer holding the link sees the edition as it is when they open it.
"""

from __future__ import annotations

from django.conf import settings
from django.core import signing

from .models import Edition

SALT = "prensa.newsroom.preview"
# The query parameter that carries the token at the edition's own address.
PARAMETER = "preview"


class PreviewTokenError(Exception):
    """A token that does not open anything: `expired` tells a stale link from a bad one."""

    def __init__(self, expired: bool) -> None:
        super().__init__("expired" if expired else "invalid")
        self.expired = expired


def _signer() -> signing.TimestampSigner:
    return signing.TimestampSigner(salt=SALT)


def make_token(edition: Edition) -> str:
    return _signer().sign(str(edition.pk))


def edition_pk(token: str) -> int:
    """The edition a token opens; raises PreviewTokenError when expired, tampered or junk."""
    try:
        value = _signer().unsign(token, max_age=settings.PRENSA_PREVIEW_MAX_AGE)
    except signing.SignatureExpired as exc:
        raise PreviewTokenError(expired=True) from exc
    except signing.BadSignature as exc:
        raise PreviewTokenError(expired=False) from exc
    if not value.isdigit():
        raise PreviewTokenError(expired=False)
    return int(value)


def shareable_url(edition: Edition) -> str:
    """The edition's own address (the one it has, or will have, once published) with a token."""
    return f"{edition.get_absolute_url()}?{PARAMETER}={make_token(edition)}"
