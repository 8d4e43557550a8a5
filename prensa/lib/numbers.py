"""Whole numbers typed by people or sent in requests, checked before they reach a query."""

# The largest primary key a database stores (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def positive_int(raw: str | None, limit: int = MAX_ID) -> int | None:
    """`raw` as a whole number from 1 to `limit`, or None: "²", "-1", "1e3" and 10**20 are not."""
    if not raw or not (raw.isascii() and raw.isdigit()):
        return None
    number = int(raw)
    return number if 1 <= number <= limit else None


class IdConverter:
    """URL part for a primary key: 1 to 18 digits, so every match fits a 64-bit column.

    Django's `int` converter takes any length, and an id too large for the database
    then fails inside the query (a 500); with this one such a URL is simply not found.
    """

    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int) -> str:
        return str(value)
