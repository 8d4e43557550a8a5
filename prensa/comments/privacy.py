"""Network and email addresses never reach the database: only keyed hashes of them do."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress
import secrets

from django.conf import settings
from django.core import signing
from django.http import HttpRequest, HttpResponse

from . import conf


def client_ip(request: HttpRequest) -> str:
    """The reader's address: REMOTE_ADDR, unless that is one of our own trusted proxies.

    Then X-Forwarded-For is read from the right (each proxy appends the address it saw),
    skipping our proxies: the first address that is not one of them is the reader's.
    Whatever a client writes into the header itself sits further left and is never
    reached, and a client that does not come through a trusted proxy is taken at its
    REMOTE_ADDR whatever it sends. Comments (rate limits, bans) and django-axes
    (AXES_CLIENT_IP_CALLABLE) both call this.
    """
    remote = request.META.get("REMOTE_ADDR", "")
    proxies = conf.trusted_proxies()
    if not proxies or not _is_one_of(remote, proxies):
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    address = remote
    for hop in reversed(forwarded):
        try:
            ipaddress.ip_address(hop)
        except ValueError:
            break  # not an address a proxy wrote: stop at the last one that was
        address = hop
        if not _is_one_of(hop, proxies):
            break
    return address


def _is_one_of(address: str, networks: list) -> bool:  # type: ignore[type-arg]
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    return any(ip.version == network.version and ip in network for network in networks)


def network_of(address: str) -> str:
    """What identifies one reader's connection: the address, or its /64 for IPv6.

    An IPv6 user usually controls a whole /64, so bans and rate limits on a single
    address would be trivial to step around.
    """
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.ipv4_mapped:
            return str(ip.ipv4_mapped)
        return str(ipaddress.IPv6Network(f"{ip}/64", strict=False))
    return str(ip)


def keyed_hash(purpose: str, value: str, salt: bytes | None = None) -> str:
    """HMAC-SHA256 of `value` under the comments salt, separated by `purpose`."""
    key = salt if salt is not None else conf.hash_salt()
    return hmac.new(key, f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def earlier_hashes(purpose: str, value: str) -> list[str]:
    """`value` hashed under each previous salt, for lookups that must survive a rotation."""
    return [keyed_hash(purpose, value, salt) for salt in conf.previous_hash_salts()]


def ip_hash(address: str) -> str:
    return keyed_hash("ip", network_of(address)) if address else ""


def email_hash(email: str) -> str:
    normalized = _normal_email(email)
    return keyed_hash("email", normalized) if normalized else ""


def email_hashes(email: str) -> list[str]:
    """The email's hash now and under every previous salt (empty for no email)."""
    normalized = _normal_email(email)
    return [email_hash(email), *earlier_hashes("email", normalized)] if normalized else []


def request_ip_hash(request: HttpRequest) -> str:
    return ip_hash(client_ip(request))


def earlier_identity_hashes(request: HttpRequest, email: str) -> tuple[str, ...]:
    """The reader's email and network hashed under previous salts (bans made before)."""
    address, normalized = client_ip(request), _normal_email(email)
    found = earlier_hashes("ip", network_of(address)) if address else []
    if normalized:
        found += earlier_hashes("email", normalized)
    return tuple(found)


def _normal_email(email: str) -> str:
    return (email or "").strip().casefold()


# A random key this browser keeps for a year, so a moderator's approval can follow the
# browser that posted, not an email address anybody can type. Set only by the comment
# endpoints, never by the cacheable reader pages.
BROWSER_COOKIE = "prensa_commenter"
BROWSER_COOKIE_AGE = 365 * 24 * 3600
_BROWSER_SALT = "prensa.comments.browser"


def browser_key(request: HttpRequest) -> str:
    """The key this browser presented, if it is one of ours; else an empty string."""
    try:
        return request.get_signed_cookie(BROWSER_COOKIE, default="", salt=_BROWSER_SALT)
    except signing.BadSignature:
        return ""


def new_browser_key() -> str:
    return secrets.token_urlsafe(24)


def keep_browser_key(response: HttpResponse, key: str) -> None:
    """Give the key to the browser (again), renewing its year."""
    response.set_signed_cookie(
        BROWSER_COOKIE,
        key,
        salt=_BROWSER_SALT,
        max_age=BROWSER_COOKIE_AGE,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


def browser_hash(key: str) -> str:
    return keyed_hash("browser", key) if key else ""
