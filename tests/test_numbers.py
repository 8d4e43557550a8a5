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


@pytest.mark.django_db
def test_an_id_too_large_for_the_database_is_simply_not_found(client):
    huge = "9" * 20
    for url in (f"/en/comments/{huge}/", f"/en/comments/report/{huge}/"):
        assert client.get(url).status_code == 404
    assert client.post(f"/en/comments/{huge}/post/", {"body": "x"}).status_code == 404
