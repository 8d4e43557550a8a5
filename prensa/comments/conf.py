"""Settings of the comments app, each with a default, so the project's settings need none.

Each is read, at call time (so tests and deployments can change them), from the Django
setting PRENSA_COMMENTS_<NAME> if the project sets one, else from the environment
variable of the same name, else the default here. Environment formats: integers as
digits; rates as ATTEMPTS/SECONDS (`20/600`); trusted proxies as addresses or networks,
comma-separated (`127.0.0.1,10.0.0.0/8`); banned words as `word,word;pt=palavra,outra`
(a group without `LANG=` applies to every language).
"""

from __future__ import annotations

import hashlib
import ipaddress
import os
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from prensa.lib.env import env_int, env_list, env_secret, env_str

MODES = ("pre", "strict", "post", "closed")

T = TypeVar("T")
_UNSET = object()


def _get(name: str, default: T, from_env: Callable[[str], Any] | None = None) -> T:
    """The Django setting, else the environment variable (parsed by `from_env`), else `default`."""
    key = f"PRENSA_COMMENTS_{name}"
    configured = getattr(settings, key, _UNSET)
    if configured is not _UNSET:
        return configured  # type: ignore[return-value]
    if key in os.environ:
        if from_env is not None:
            return from_env(key)
        if isinstance(default, int):
            return env_int(key, default)  # type: ignore[return-value]
        return env_str(key, default)  # type: ignore[arg-type,return-value]
    return default


def _rate_from_env(key: str) -> tuple[int, int]:
    raw = os.environ[key]
    attempts, sep, seconds = raw.partition("/")
    try:
        if not sep:
            raise ValueError
        return int(attempts), int(seconds)
    except ValueError:
        raise ImproperlyConfigured(
            f"{key}={raw!r} should be ATTEMPTS/SECONDS, e.g. 20/600"
        ) from None


def _words_from_env(key: str) -> dict[str, list[str]]:
    words: dict[str, list[str]] = {}
    for group in os.environ[key].split(";"):
        language, sep, listed = group.partition("=")
        language, listed = (language.strip(), listed) if sep else ("*", group)
        words.setdefault(language or "*", []).extend(
            word.strip() for word in listed.split(",") if word.strip()
        )
    return words


def default_mode() -> str:
    """Moderation mode where neither a story, its section nor the site sets one."""
    mode = _get("DEFAULT_MODE", "pre")
    if mode not in MODES:
        raise ImproperlyConfigured(f"PRENSA_COMMENTS_DEFAULT_MODE={mode!r}: use one of {MODES}")
    return mode


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
    return tuple(_get("RATE_PER_IP", (20, 600), _rate_from_env))  # type: ignore[return-value]


def rate_per_session() -> tuple[int, int]:
    """(attempts, seconds): how often one browser session may post or report."""
    return tuple(_get("RATE_PER_SESSION", (6, 300), _rate_from_env))  # type: ignore[return-value]


def report_threshold() -> int:
    """Reports from distinct readers after which a comment is hidden until reviewed."""
    return _get("REPORT_THRESHOLD", 3)


def ip_retention_days() -> int:
    """Days the hashed network address of a comment or report is kept."""
    return _get("IP_RETENTION_DAYS", 30)


def trusted_proxies() -> list[ipaddress.IPv4Network | ipaddress.IPv6Network]:
    """The reverse proxies in front of Prensa whose X-Forwarded-For is believed (none: none).

    Addresses or networks: PRENSA_TRUSTED_PROXIES (or PRENSA_COMMENTS_TRUSTED_PROXIES),
    e.g. `127.0.0.1,10.0.0.0/8`. A request from anywhere else is taken at its REMOTE_ADDR,
    whatever headers it carries. Comments and the staff-login lockout both use it.
    """
    configured = getattr(settings, "PRENSA_TRUSTED_PROXIES", None)
    if configured is None:
        configured = _get("TRUSTED_PROXIES", None, lambda key: env_list(key, []))
    if configured is None:
        configured = env_list("PRENSA_TRUSTED_PROXIES", [])
    if isinstance(configured, str):
        configured = [part.strip() for part in configured.split(",") if part.strip()]
    if isinstance(configured, int) or not all(isinstance(part, str) for part in configured):
        raise ImproperlyConfigured(
            "PRENSA_TRUSTED_PROXIES lists the proxies' addresses or networks "
            "(e.g. 127.0.0.1,10.0.0.0/8), not how many there are."
        )
    try:
        return [ipaddress.ip_network(part, strict=False) for part in configured]
    except ValueError as error:
        raise ImproperlyConfigured(
            f"PRENSA_TRUSTED_PROXIES lists addresses or networks (e.g. 127.0.0.1,10.0.0.0/8): "
            f"{error}"
        ) from None


def count_max_age() -> int:
    """Seconds a browser or CDN may keep a comment count."""
    return _get("COUNT_MAX_AGE", 30)


def max_request_bytes() -> int:
    """Posts larger than this are refused before they are read."""
    return _get("MAX_REQUEST_BYTES", 64 * 1024)


def banned_words() -> dict[str, list[str]]:
    """Words refused in comments, per language ("*" for all), besides those in the admin."""
    return _get("BANNED_WORDS", {}, _words_from_env)


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
