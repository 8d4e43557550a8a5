"""Whole numbers from requests and the command line are checked before any query."""

import pytest

from prensa.lib.numbers import MAX_ID, positive_int


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        ("42", 42),
        (str(MAX_ID), MAX_ID),
        ("0", None),
        ("-1", None),
        ("", None),
        (None, None),
        ("1e3", None),
        ("²", None),
        ("٣", None),
        (str(MAX_ID + 1), None),
        (" 7", None),
    ],
)
def test_only_plain_positive_whole_numbers_pass(raw, expected):
    assert positive_int(raw) == expected
