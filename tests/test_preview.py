"""Previews: staff see unpublished editions at their address, under a banner, never cached or
indexed; a shareable signed link opens one edition to an outside reviewer until it expires."""

from datetime import timedelta

import pytest
import time_machine
from django.contrib.auth.models import Permission, User
from django.core.cache import cache
from django.utils import timezone

from prensa.newsroom import preview
from prensa.newsroom.models import Edition
from tests.factories import make_edition, make_story

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = User.objects.create_user("reviewer", password="x", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="view_edition"))
    client.force_login(user)
    return client


def _draft(language="en", **fields):
    story = make_story(languages=())
    return make_edition(story, language, status=Edition.Status.DRAFT, published_at=None, **fields)


def _stored_pages() -> list[str]:
    return [key for key in cache._cache if "prensa:page:" in key]  # the test's LocMemCache


def test_staff_see_a_draft_at_its_address_under_a_banner(staff_client):
    draft = _draft()

    page = staff_client.get(draft.get_absolute_url())

    assert page.status_code == 200
    assert draft.headline in page.text
    assert "Preview — not published" in page.text
    assert "State: Draft" in page.text


def test_the_banner_speaks_the_staff_members_language_on_a_page_in_another(staff_client):
    draft = _draft("en")

    page = staff_client.get(draft.get_absolute_url(), headers={"accept-language": "pt-BR"})

    assert "Pré-visualização — não publicada" in page.text
    assert "Estado: Rascunho" in page.text
    assert draft.headline in page.text


def test_a_preview_is_private_never_stored_never_indexed_and_has_no_etag(staff_client):
    cache.clear()
    draft = _draft()

    page = staff_client.get(draft.get_absolute_url())

    assert page["Cache-Control"] == "private, no-store"
    assert "noindex" in page["X-Robots-Tag"]
    assert '<meta name="robots" content="noindex, nofollow">' in page.text
    assert not page.has_header("ETag")
    assert _stored_pages() == []


def test_a_preview_of_a_published_edition_does_not_fill_or_read_the_page_cache(
    client, staff_client
):
    cache.clear()
    edition = make_story(languages=("en",)).edition_for("en")

    preview_page = staff_client.get(edition.get_absolute_url(), {"preview": "1"})
    assert "Preview" in preview_page.text
    assert _stored_pages() == []

    client.logout()
    reader_page = client.get(edition.get_absolute_url())
    assert "Preview" not in reader_page.text
    assert reader_page["Cache-Control"].startswith("public")


def test_readers_still_get_a_404_for_a_draft(client):
    draft = _draft()

    page = client.get(draft.get_absolute_url())

    assert page.status_code == 404
    assert draft.headline not in page.text
    assert "Cookie" not in page.get("Vary", "")


def test_staff_without_the_view_permission_get_the_readers_404(client):
    draft = _draft()
    client.force_login(User.objects.create_user("outsider", password="x", is_staff=True))

    assert client.get(draft.get_absolute_url()).status_code == 404


def test_a_scheduled_edition_says_when_it_will_be_published(staff_client):
    story = make_story(languages=())
    later = timezone.now() + timedelta(days=2)
    edition = make_edition(story, "en", status=Edition.Status.SCHEDULED, published_at=later)

    page = staff_client.get(edition.get_absolute_url())

    assert "State: Scheduled" in page.text
    assert "Preview — not published" in page.text


def test_a_stale_translation_is_named_as_such(staff_client):
    story = make_story(languages=("en",))
    source = story.edition_for("en")
    translation = make_edition(
        story,
        "pt",
        status=Edition.Status.IN_REVIEW,
        published_at=None,
        translated_from=source,
        source_revision=source.revision,
    )
    source.body += "\n\nA new paragraph."
    source.save()

    page = staff_client.get(translation.get_absolute_url(), headers={"accept-language": "en"})

    assert "This translation is out of date with its source." in page.text


def test_a_shared_link_opens_the_edition_to_someone_signed_out(client):
    draft = _draft()

    page = client.get(preview.shareable_url(draft))

    assert page.status_code == 200
    assert draft.headline in page.text
    assert "Preview — not published" in page.text
    assert page["Cache-Control"] == "private, no-store"
    assert not page.has_header("ETag")
    assert "sessionid" not in page.cookies


def test_a_shared_link_opens_only_its_own_edition(client):
    draft, other = _draft(), _draft()
    token = preview.make_token(draft)

    page = client.get(other.get_absolute_url(), {"preview": token})

    assert page.status_code == 302
    assert page["Location"].startswith(draft.get_absolute_url())


def test_an_expired_link_gets_a_clear_403_not_the_article(client):
    draft = _draft()
    with time_machine.travel(timezone.now() - timedelta(days=4)):
        url = preview.shareable_url(draft)

    page = client.get(url)

    assert page.status_code == 403
    assert "This preview link has expired" in page.text
    assert draft.headline not in page.text
    assert page["Cache-Control"] == "private, no-store"


def test_a_link_is_good_until_its_max_age(client, settings):
    settings.PRENSA_PREVIEW_MAX_AGE = 3600
    draft = _draft()
    url = preview.shareable_url(draft)

    with time_machine.travel(timezone.now() + timedelta(minutes=59)):
        assert client.get(url).status_code == 200
    with time_machine.travel(timezone.now() + timedelta(minutes=61)):
        assert client.get(url).status_code == 403


def test_a_tampered_link_gets_a_clear_403(client):
    draft, other = _draft(), _draft()
    token = preview.make_token(draft)
    forged = f"{other.pk}{token[len(str(draft.pk)) :]}"

    for value in (forged, token[:-2], "1", ""):
        page = client.get(draft.get_absolute_url(), {"preview": value})
        assert page.status_code == 403, value
        assert "This preview link is not valid" in page.text
        assert draft.headline not in page.text
        assert other.headline not in page.text


def test_the_refusal_speaks_the_pages_language(client):
    draft = _draft("es")

    page = client.get(draft.get_absolute_url(), {"preview": "x"})

    assert page.status_code == 403
    assert "Este enlace de vista previa no es válido" in page.text


def test_a_killed_edition_is_shown_to_nobody_not_even_by_preview(staff_client, client):
    story = make_story(languages=())
    killed = make_edition(story, "en", status=Edition.Status.KILLED, published_at=None)
    assert staff_client.get(killed.get_absolute_url()).status_code == 404
    link = f"{killed.get_absolute_url()}?preview={preview.make_token(killed)}"
    client.logout()
    assert client.get(link).status_code in (403, 404)
    assert killed.headline not in client.get(link).text
