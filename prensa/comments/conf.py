"""Settings of the comments app, each with a default, so the project's settings need none.

Read at call time (not import time) so tests and deployments can change them.
"""

from __future__ import annotations

import hashlib

from django.conf import settings

from prensa.lib.env import env_secret

MODES = ("pre", "strict", "post", "closed")


def _get(name: str, default):  # type: ignore[no-untyped-def]
    return getattr(settings, f"PRENSA_COMMENTS_{name}", default)


def default_mode() -> str:
    """Moderation mode where neither a story, its section nor the site sets one."""
    return _get("DEFAULT_MODE", "pre")


def max_length() -> int:
    """Longest comment body, in characters."""
    return _get("MAX_LENGTH", 3000)


def max_links() -> int:
    """Most links a comment may contain (each is auto-linked with rel="nofollow ugc")."""
    return _get("MAX_LINKS", 2)


def max_depth() -> int:
    """Deepest reply level: 0 is a top-level comment, 2 a reply to a reply."""
    return _get("MAX_DEPTH", 2)


def page_size() -> int:
    """Top-level comments per page of a thread (their replies come along)."""
    return _get("PAGE_SIZE", 50)


def min_seconds() -> int:
    """A form sent back sooner than this after it was shown was filled in by a robot."""
    return _get("MIN_SECONDS", 3)


def form_max_age() -> int:
    """Seconds a shown form stays valid."""
    return _get("FORM_MAX_AGE", 2 * 24 * 3600)


def rate_per_ip() -> tuple[int, int]:
    """(attempts, seconds): how often one network address may post or report."""
    return tuple(_get("RATE_PER_IP", (20, 600)))  # type: ignore[return-value]


def rate_per_session() -> tuple[int, int]:
    """(attempts, seconds): how often one browser session may post or report."""
    return tuple(_get("RATE_PER_SESSION", (6, 300)))  # type: ignore[return-value]


def report_threshold() -> int:
    """Reports from distinct readers after which a comment is hidden until reviewed."""
    return _get("REPORT_THRESHOLD", 3)


def ip_retention_days() -> int:
    """Days the hashed network address of a comment or report is kept."""
    return _get("IP_RETENTION_DAYS", 30)


def trusted_proxies() -> int:
    """How many reverse proxies in front of Prensa append to X-Forwarded-For (0: none)."""
    return _get("TRUSTED_PROXIES", 0)


def count_max_age() -> int:
    """Seconds a browser or CDN may keep a comment count."""
    return _get("COUNT_MAX_AGE", 30)


def max_request_bytes() -> int:
    """Posts larger than this are refused before they are read."""
    return _get("MAX_REQUEST_BYTES", 64 * 1024)


def banned_words() -> dict[str, list[str]]:
    """Words refused in comments, per language ("*" for all), besides those in the admin."""
    return _get("BANNED_WORDS", {})


def notify_minutes() -> int:
    """Moderators get at most one email per this many minutes about waiting comments; 0: none."""
    return _get("NOTIFY_MINUTES", 10)


def hash_salt() -> bytes:
    """Secret for hashing network and email addresses.

    PRENSA_COMMENTS_HASH_SALT (or PRENSA_COMMENTS_HASH_SALT_FILE) in the environment; a
    development fallback is derived from SECRET_KEY. To change it, move the old one to
    PRENSA_COMMENTS_PREVIOUS_HASH_SALTS so bans and `forget_commenter` still match what
    was hashed before (trust restarts: a browser's next comment is pre-moderated once).
    """
    configured = _get("HASH_SALT", None) or env_secret("PRENSA_COMMENTS_HASH_SALT")
    if configured:
        return configured.encode()
    return hashlib.sha256(f"prensa.comments.salt:{settings.SECRET_KEY}".encode()).digest()


def previous_hash_salts() -> list[bytes]:
    """Salts used before the current one, comma-separated (or a list in settings)."""
    configured = _get("PREVIOUS_HASH_SALTS", None) or env_secret(
        "PRENSA_COMMENTS_PREVIOUS_HASH_SALTS"
    )
    if not configured:
        return []
    values = configured.split(",") if isinstance(configured, str) else configured
    return [value.strip().encode() for value in values if value.strip()]


def hash_salt_is_derived() -> bool:
    return not (_get("HASH_SALT", None) or env_secret("PRENSA_COMMENTS_HASH_SALT"))
