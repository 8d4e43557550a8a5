"""Network and email addresses never reach the database: only keyed hashes of them do."""

from __future__ import annotations

import hashlib
import hmac
import ipaddress

from django.http import HttpRequest

from . import conf


def client_ip(request: HttpRequest) -> str:
    """The reader's address: REMOTE_ADDR, or the entry our own proxies added to X-Forwarded-For."""
    proxies = conf.trusted_proxies()
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


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


def keyed_hash(purpose: str, value: str) -> str:
    """HMAC-SHA256 of `value` under the comments salt, separated by `purpose`."""
    return hmac.new(conf.hash_salt(), f"{purpose}:{value}".encode(), hashlib.sha256).hexdigest()


def ip_hash(address: str) -> str:
    return keyed_hash("ip", network_of(address)) if address else ""


def email_hash(email: str) -> str:
    normalized = (email or "").strip().casefold()
    return keyed_hash("email", normalized) if normalized else ""


def request_ip_hash(request: HttpRequest) -> str:
    return ip_hash(client_ip(request))
