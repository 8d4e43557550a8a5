"""Comment bodies are plain text: escaped, broken into lines, with a few safe links."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from prensa.comments.text import clean_name, count_links, find_banned, fingerprint, render_body
from tests.comments.payloads import XSS_PAYLOADS
from tests.pages import parse

ALLOWED_TAGS = {"p", "br", "a"}


def elements(html: str):  # type: ignore[no-untyped-def]
    return list(parse(html).iter())


def assert_only_safe_markup(html: str) -> None:
    for element in elements(html):
        assert element.tag in ALLOWED_TAGS, html
        if element.tag == "a":
            assert set(element.attrs) == {"href", "rel"}, html
            assert element.get("href").startswith(("http://", "https://")), html
            assert element.get("rel") == "nofollow ugc", html
        else:
            assert element.attrs == {}, html


def test_it_shows_markup_as_text():
    html = render_body("<b>bold</b> & <i>not</i>", max_links=2)

    assert html == "<p>&lt;b&gt;bold&lt;/b&gt; &amp; &lt;i&gt;not&lt;/i&gt;</p>"


def test_it_keeps_line_breaks_and_paragraphs():
    html = render_body("First line\nsecond line\n\n\n\nNew paragraph", max_links=2)

    assert html == "<p>First line<br>second line</p>\n\n<p>New paragraph</p>"


def test_it_links_web_addresses_with_nofollow_ugc():
    html = render_body("See https://example.org/report?id=1&x=2.", max_links=2)

    (link,) = parse(html).find_all("a")
    assert link.get("href") == "https://example.org/report?id=1&x=2"
    assert link.get("rel") == "nofollow ugc"
    assert link.text == "https://example.org/report?id=1&x=2"
    assert parse(html).text.endswith("x=2.")


def test_it_links_only_as_many_addresses_as_allowed():
    html = render_body("https://a.example.org https://b.example.org https://c.example.org", 2)

    links = parse(html).find_all("a")
    assert [a.get("href") for a in links] == ["https://a.example.org", "https://b.example.org"]
    assert "https://c.example.org" in parse(html).text


def test_it_does_not_link_email_addresses():
    html = render_body("Write to ana@example.org", max_links=2)

    assert parse(html).find("a") is None
    assert count_links("Write to ana@example.org") == 0


@pytest.mark.parametrize("text", ["javascript:alert(1)", "data:text/html,hi", "vbscript:x"])
def test_it_never_links_other_schemes(text):
    assert parse(render_body(text, max_links=2)).find("a") is None


@pytest.mark.parametrize("payload", XSS_PAYLOADS)
def test_an_injection_attempt_comes_out_as_the_same_text_without_markup(payload):
    html = render_body(payload, max_links=2)

    assert_only_safe_markup(html)
    assert "<script" not in html.lower()
    assert parse(html).text == " ".join(payload.split())


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(codec="utf-8"), max_size=300))
def test_any_text_renders_to_safe_markup(text):
    assert_only_safe_markup(render_body(text, max_links=2))


def test_it_finds_banned_words_whatever_their_case_or_accents():
    assert find_banned("Que PORCARÍA de texto", ["porcaria"]) == "porcaria"
    assert find_banned("an awful phrase here", ["awful phrase"]) == "awful phrase"


def test_it_matches_banned_words_only_as_whole_words():
    assert find_banned("a classic passage", ["ass"]) is None


def test_two_bodies_that_differ_only_in_case_and_spacing_share_a_fingerprint():
    assert fingerprint("Great  article!\n") == fingerprint("great article!")
    assert fingerprint("Great article!") != fingerprint("Great article?")


def test_a_name_loses_invisible_and_direction_changing_characters():
    assert clean_name("Ana\u202e nimda\u200b \n Maria") == "Ana nimda Maria"
    assert clean_name("\u0646\u0648\u0631\u200c\u0627") == "\u0646\u0648\u0631\u200c\u0627"
