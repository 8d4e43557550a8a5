"""Whole numbers typed by people or sent in requests, checked before they reach a query."""

# The largest primary key a database stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def positive_int(raw: str | None, limit: int = MAX_ID) -> int | None:
    """`raw` as a whole number from 1 to `limit`, or None: "²", "-1", "1e3" and 10**20 are not."""
    if not raw or not (raw.isascii() and raw.isdigit()):
        return None
    number = int(raw)
    return number if 1 <= number <= limit else None
