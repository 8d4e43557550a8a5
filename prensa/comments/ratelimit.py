"""Fixed-window attempt counters in Django's cache, shared by every web process."""

from __future__ import annotations

import logging
import time

from django.core.cache import cache

logger = logging.getLogger(__name__)


def hit(scope: str, identity: str, limit: tuple[int, int]) -> int | None:
    """Count one attempt by `identity`; over `limit` (attempts, seconds) return seconds to wait.

    A cache that fails lets the attempt through: readers should not lose their
    comment because Redis is restarting.
    """
    attempts, window = limit
    if not identity or attempts <= 0 or window <= 0:
        return None
    now = time.time()
    key = f"prensa:comments:rate:{scope}:{identity}:{int(now // window)}"
    try:
        cache.add(key, 0, timeout=window + 1)
        try:
            count = cache.incr(key)
        except ValueError:  # the window expired between add() and incr()
            cache.set(key, 1, timeout=window + 1)
            count = 1
    except Exception:  # any cache backend error
        logger.warning("Comment rate limit not applied: the cache failed", exc_info=True)
        return None
    if count > attempts:
        return max(1, int(window - now % window))
    return None
