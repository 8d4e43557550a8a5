"""Pictures inside a story's body: `![alt](prensa:image/42)` points into the library and
becomes a <picture> with renditions, size, lazy loading, caption and credit; anything else
written as an image, or an id the library does not hold, renders nothing."""

from __future__ import annotations

import re

import pytest
from django.templatetags.static import static
from django.urls import reverse
from django.utils import translation

from prensa.lib.markup import render_markdown
from prensa.media.templatetags.pictures import body_pictures
from tests.factories import make_story

from .conftest import picture_bytes, upload

pytestmark = pytest.mark.django_db


@pytest.fixture
def picture(ingest):  # type: ignore[no-untyped-def]
    image, _ = ingest(
        upload(picture_bytes(size=(1600, 1000))),
        credit="Lía Ferreyra / Prensa",
        alt_en="A ferry leaving the harbour under low cloud",
        caption_en="The morning ferry, the only link to the island since the bridge closed.",
    )
    return image


def page_of(client, body: str) -> str:  # type: ignore[no-untyped-def]
    story = make_story(languages=("en",))
    edition = story.editions.get()
    edition.body = body
    edition.save()
    with translation.override("en"):
        response = client.get(edition.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def body_of(html: str) -> str:
    return re.search(r'<div class="article__body">(.*?)</div>\s*(?:<section|<footer)', html, re.S)[
        1
    ]


def test_a_library_picture_alone_in_its_paragraph_is_a_figure_with_caption_and_credit(
    client, picture
):
    body = body_of(page_of(client, f"First paragraph.\n\n![](prensa:image/{picture.pk})\n\nLast."))
    figure = re.search(r'<figure class="body-figure">.*?</figure>', body, re.S)[0]
    assert '<source type="image/avif"' in figure and '<source type="image/webp"' in figure
    assert re.search(r'<img src="[^"]+\.jpg" srcset="[^"]+ 480w', figure)
    assert re.search(r'width="\d+" height="\d+"', figure)
    assert 'loading="lazy"' in figure and "fetchpriority" not in figure
    assert 'alt="A ferry leaving the harbour under low cloud"' in figure  # the library's
    assert "the only link to the island" in figure
    assert "Image: Lía Ferreyra / Prensa" in figure
    assert "<p><figure" not in body


def test_alt_text_written_in_the_body_wins_and_is_escaped(client, picture):
    body = body_of(page_of(client, f'![Ferry "Ilha" <b>at</b> dawn](prensa:image/{picture.pk})'))
    assert 'alt="Ferry &quot;Ilha&quot; &lt;b&gt;at&lt;/b&gt; dawn"' in body
    assert "<b>" not in body


def test_a_picture_within_a_sentence_stays_in_its_paragraph_without_a_figure(client, picture):
    body = body_of(page_of(client, f"Before ![ferry](prensa:image/{picture.pk}) after."))
    assert re.search(r"<p>Before <picture class=\"body-picture\">.*</picture> after\.</p>", body)
    assert "<figure" not in body


@pytest.mark.parametrize(
    "reference",
    [
        "prensa:image/999999",  # not in the library
        "prensa:image/0",
        "prensa:image/-1",
        "prensa:image/1%22%20onerror=alert(1)",
        "prensa:image/99999999999999999999999",  # beyond any database integer
        "https://tracker.example/pixel.gif",  # hotlinked
        "data:image/png;base64,iVBORw0KGgo=",
        "javascript:alert(1)",
    ],
)
def test_an_unknown_tampered_or_foreign_image_renders_nothing_harmful(client, picture, reference):
    body = body_of(page_of(client, f"Text.\n\n![x]({reference})\n\nMore text."))
    assert "<img" not in body and "<picture" not in body
    assert not re.search(r"<[^>]*(onerror|javascript:|data:)", body)
    assert "<p>Text.</p>" in body and "<p>More text.</p>" in body


def test_a_placeholder_typed_by_an_author_is_not_replaced():
    calls = []

    def resolver(refs):  # type: ignore[no-untyped-def]
        calls.append(refs)
        return ["<b>trusted</b>" for _ in refs]

    html = render_markdown("p0x0x and pdeadbeefx0x", pictures=resolver)
    assert "trusted" not in html
    assert calls == []


def test_bodies_rendered_without_the_library_show_no_picture(picture):
    assert "<img" not in render_markdown(f"![ferry](prensa:image/{picture.pk})")
    assert body_pictures([]) == []


def test_the_masthead_shows_the_logo_with_its_size_in_every_language(client):
    for language in ("pt", "es", "en"):
        with translation.override(language):
            html = client.get(reverse("public:home")).content.decode()
        masthead = re.search(r'<a class="masthead__title"[^>]*>(.*?)</a>', html, re.S)[1]
        assert (
            f'<img class="masthead__logo" src="{static("prensa/logo.svg")}" width="40" height="40" alt="">'
            in masthead
        )
