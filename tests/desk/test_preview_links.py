"""The desk's edition page and the admin's story page give staff the edition's preview links."""

import html
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from prensa.newsroom.models import Edition
from tests.desk.conftest import source_of

pytestmark = pytest.mark.django_db


def _shared_link(page: str) -> str:
    start = page.index('id="share-preview"')
    value = page[start:].split('value="', 1)[1].split('"', 1)[0]
    return html.unescape(value)


def test_the_desk_edition_page_gives_a_link_an_outsider_can_open(client, english_story, editor):
    source = source_of(english_story)
    source.status = Edition.Status.DRAFT
    source.save()
    client.force_login(editor)

    page = client.get(reverse("desk:review", args=[english_story.pk, "en"])).text
    assert f'href="{source.get_absolute_url()}?preview=1"' in page
    link = _shared_link(page)
    client.logout()
    shared = client.get(f"{urlsplit(link).path}?{urlsplit(link).query}")

    assert link.startswith("http://testserver/")
    assert shared.status_code == 200
    assert "Water returns to Tell Ruman" in shared.text


def test_the_admin_story_page_gives_the_preview_links(client, english_story, editor):
    source = source_of(english_story)
    client.force_login(editor)

    page = client.get(reverse("admin:newsroom_story_change", args=[english_story.pk])).text

    assert f'href="{source.get_absolute_url()}?preview=1"' in page
    assert f'href="{source.get_absolute_url()}?preview={source.pk}:' in page
