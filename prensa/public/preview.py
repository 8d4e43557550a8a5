"""Previews: an edition readers cannot see yet (draft, in review, scheduled, a translation
out of date with its source), shown at the address it will have, under a banner.

Two people may preview: staff who may view editions (signed in, `newsroom.view_edition`),
at the edition's address or with `?preview=1`; and anyone holding a shareable link, whose
`?preview=<token>` (prensa.newsroom.preview) opens that one edition until it expires.

A preview is one person's page: it is never stored by Prensa's page cache nor by any
browser or CDN (Cache-Control: private, no-store), carries no ETag, and tells search
engines not to index it (X-Robots-Tag and a robots meta tag). Reader pages never read the
session; a preview does so only when the request carries a session cookie, so anonymous
readers of an address with nothing published keep getting the same cookieless 404.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from prensa.newsroom.models import Edition
from prensa.newsroom.preview import PARAMETER, PreviewTokenError, edition_pk
from prensa.staff.access import allowed

from . import caching, seo, times

__all__ = ["PARAMETER", "article", "for_staff"]

Find = Callable[..., Edition | None]
Page = Callable[..., HttpResponse]

VIEW_PERMISSION = "newsroom.view_edition"


@dataclass(frozen=True)
class Banner:
    """What the banner over a preview says, in the language of the person looking."""

    language: str
    title: str
    state: str
    details: list[str]


def is_staff_viewer(request: HttpRequest) -> bool:
    """Signed in and allowed to view editions; the session is read only if there is one."""
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_authenticated and allowed(user, VIEW_PERMISSION)


def _may_see(request: HttpRequest, edition: Edition) -> bool:
    """Editors, the desk's people and staff who only read editions preview any edition; a
    reporter (who writes stories but may not publish) previews their own stories', as in
    the admin and the history page: another's draft is not there for them."""
    user = request.user
    if allowed(user, "newsroom.publish_edition") or allowed(user, "desk.view_segment"):
        return True
    if allowed(user, "newsroom.add_story"):
        return edition.story.created_by_id == user.pk
    return True


def for_staff(
    request: HttpRequest, language: str, slug: str, find: Find, page: Page
) -> HttpResponse | None:
    """The preview of an edition nothing is published at yet, for staff; None for others."""
    if not is_staff_viewer(request):
        return None
    edition = find(language=language, slug=slug)
    if edition is None or not _may_see(request, edition):
        return None
    return _shown(request, edition, page, _staff_language(request))


def article(request: HttpRequest, language: str, slug: str, find: Find, page: Page) -> HttpResponse:
    """`?preview=…` at an edition's address: staff see it; a token opens its one edition."""
    if is_staff_viewer(request):
        edition = find(language=language, slug=slug)
        if edition is None or not _may_see(request, edition):
            raise Http404("No such edition")
        return _shown(request, edition, page, _staff_language(request))
    token = request.GET.get(PARAMETER, "")
    try:
        pk = edition_pk(token)
    except PreviewTokenError as exc:
        return _refused(request, expired=exc.expired)
    edition = find(pk=pk)
    if edition is None:
        raise Http404("No such edition")
    if edition.language != language or edition.slug != slug:
        # The link names an edition, not an address: its slug may have changed since.
        response = HttpResponseRedirect(f"{edition.get_absolute_url()}?{PARAMETER}={token}")
        return caching.private(response)
    return _shown(request, edition, page, language)


def _shown(
    request: HttpRequest, edition: Edition, page: Page, viewer_language: str
) -> HttpResponse:
    response = page(request, edition, preview=banner(edition, viewer_language), noindex=True)
    return caching.private(response)


def banner(edition: Edition, language: str) -> Banner:
    """ "Preview — not published", the edition's state and why, in `language`."""
    with translation.override(language):
        now = timezone.now()
        published = edition.is_live and edition.published_at and edition.published_at <= now
        details = []
        if edition.is_live and not published and edition.published_at:
            details.append(
                _("It will be published on %(datetime)s.")
                % {"datetime": times.shown(edition.published_at)}
            )
        source = edition.translated_from
        if source is not None and edition.source_revision != source.revision:
            details.append(_("This translation is out of date with its source."))
        if edition.is_machine_translation:
            details.append(_("Machine translation, not yet reviewed by a person."))
        return Banner(
            language=language,
            title=_("Preview") if published else _("Preview — not published"),
            state=_("State: %(state)s") % {"state": edition.get_status_display()},
            details=details,
        )


def _refused(request: HttpRequest, expired: bool) -> HttpResponse:
    """A preview link that opens nothing: say why, in the page's language, as a 403."""
    response = render(
        request,
        "public/preview_refused.html",
        {"expired": expired, "og_locale": seo.og_locale(request.LANGUAGE_CODE), "noindex": True},
        status=403,
    )
    return caching.private(response)


def _staff_language(request: HttpRequest) -> str:
    """The staff member's own language (their language cookie or browser), not the page's."""
    return translation.get_language_from_request(request, check_path=False)
