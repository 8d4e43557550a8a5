"""Sitemaps with hreflang alternates (django.contrib.sitemaps), addressed at the site's base URL.

`/sitemap.xml` is a sitemap index: it names one file per PRENSA_SITEMAP_LIMIT URLs of each
sitemap (`/sitemap-articles.xml`, `/sitemap-articles.xml?p=2`, ..., `/sitemap-listings.xml`).
Editions are listed oldest first, so a new publication lands in the last file and the
earlier ones stay as they were. A file costs a fixed number of queries and never counts the
archive; only the index counts, once per sitemap, to know how many files there are.

`/sitemap-news.xml` (the news extension: the last two days) is an index too, of files of at
most PRENSA_NEWS_SITEMAP_LIMIT URLs (`/sitemap-news-1.xml`, ...), so nothing is dropped.
"""

from __future__ import annotations

from datetime import timedelta
from math import ceil
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.core.paginator import EmptyPage, Page, Paginator
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from prensa.lib.languages import codes, reverse_in
from prensa.media.models import lead_image_of, with_lead_images
from prensa.newsroom.models import Credit, Edition, Section, Tag

from .caching import reader_page
from .middleware import language_independent
from .seo import absolute, base_url, og_image, x_default

# What news search engines read: articles of the last two days.
NEWS_SITEMAP_WINDOW = timedelta(days=2)


class _UncountedPaginator(Paginator):
    """Serves a page without counting the whole list: an empty page past the first is a 404."""

    def page(self, number) -> Page:  # type: ignore[no-untyped-def]
        number = self.validate_number_without_count(number)
        bottom = (number - 1) * self.per_page
        items = list(self.object_list[bottom : bottom + self.per_page])
        if not items and number > 1:
            raise EmptyPage("That page contains no results")
        return Page(items, number, self)

    def validate_number_without_count(self, number) -> int:  # type: ignore[no-untyped-def]
        try:
            number = int(number)
        except (TypeError, ValueError) as error:
            raise EmptyPage("That page number is not an integer") from error
        if number < 1:
            raise EmptyPage("That page number is less than 1")
        return number


class _AtBaseUrl(Sitemap):
    """Locations on the public address, whatever host the sitemap was fetched from."""

    @property
    def limit(self) -> int:  # type: ignore[override]
        return settings.PRENSA_SITEMAP_LIMIT

    @property
    def paginator(self) -> Paginator:  # type: ignore[override]
        return _UncountedPaginator(self._items(), self.limit)

    def file_count(self) -> int:
        """How many files this sitemap takes (one COUNT for a queryset)."""
        return Paginator(self._items(), self.limit).num_pages

    def get_protocol(self, protocol: str | None = None) -> str:
        return urlsplit(base_url()).scheme or "https"

    def get_domain(self, site=None) -> str:  # type: ignore[no-untyped-def]
        return urlsplit(base_url()).netloc

    def alternates_for(self, item: object) -> dict[str, str | None]:
        raise NotImplementedError

    def default_language_for(self, item: object) -> str:
        return settings.LANGUAGE_CODE

    def get_urls(self, page=1, site=None, protocol=None):  # type: ignore[no-untyped-def]
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            paths = self.alternates_for(url["item"])
            url["alternates"] = [
                {"lang_code": code, "location": absolute(path)}
                for code, path in paths.items()
                if path
            ]
            default = x_default(paths, self.default_language_for(url["item"]))
            if default:
                url["alternates"].append({"lang_code": "x-default", "location": default})
        return urls


class ArticleSitemap(_AtBaseUrl):
    """Every published edition, each listing its published siblings."""

    changefreq = "hourly"

    def items(self) -> QuerySet[Edition]:
        return (
            with_lead_images(Edition.objects.published().select_related("story__section"))
            .prefetch_related(
                Prefetch(
                    "story__editions",
                    queryset=Edition.objects.published().select_related("story__section"),
                    to_attr="published_editions",
                )
            )
            .order_by("published_at", "pk")
        )

    def location(self, edition: Edition) -> str:
        return edition.get_absolute_url()

    def lastmod(self, edition: Edition):  # type: ignore[no-untyped-def]
        return edition.last_modified

    def alternates_for(self, edition: Edition) -> dict[str, str | None]:
        return {e.language: e.get_absolute_url() for e in edition.story.published_editions}

    def default_language_for(self, edition: Edition) -> str:
        return edition.story.source_language

    def get_urls(self, page=1, site=None, protocol=None):  # type: ignore[no-untyped-def]
        """Each article with its lead picture (the image sitemap extension)."""
        urls = super().get_urls(page=page, site=site, protocol=protocol)
        for url in urls:
            url["image"] = picture_url(url["item"])
        return urls


def picture_url(edition: Edition) -> str | None:
    """The address of an edition's lead picture (16:9, 1200 px wide where it can be)."""
    picture = og_image(lead_image_of(edition.story))
    return picture["url"] if picture else None


class ListingSitemap(_AtBaseUrl):
    """Front pages, sections, tags and author pages, each in every language."""

    changefreq = "hourly"

    def items(self) -> list[tuple[str, object | None, str]]:
        listings: list[tuple[str, object | None, str]] = [("home", None, c) for c in codes()]
        for model, kind in ((Section, "section"), (Tag, "tag"), (Credit, "author")):
            for named in model.objects.all():
                listings += [(kind, named, code) for code in codes()]
        return listings

    def location(self, item: tuple[str, object | None, str]) -> str:
        return self._path(item[0], item[1], item[2])

    def alternates_for(self, item: tuple[str, object | None, str]) -> dict[str, str | None]:
        return {code: self._path(item[0], item[1], code) for code in codes()}

    @staticmethod
    def _path(kind: str, named: object | None, language: str) -> str:
        if named is None:
            return reverse_in(language, "public:home")
        return named.get_absolute_url(language)  # type: ignore[attr-defined]


SITEMAPS = {"articles": ArticleSitemap, "listings": ListingSitemap}


@language_independent
@reader_page
def sitemap_index(request: HttpRequest) -> HttpResponse:
    """Every file of every sitemap, on the public address."""
    locations = []
    for section, sitemap in SITEMAPS.items():
        location = absolute(reverse("sitemap_section", kwargs={"section": section}))
        locations.append(location)
        files = sitemap().file_count()
        locations += [f"{location}?p={number}" for number in range(2, files + 1)]
    return _index(request, locations)


def _news_editions() -> QuerySet[Edition]:
    return (
        Edition.objects.published()
        .filter(published_at__gte=timezone.now() - NEWS_SITEMAP_WINDOW)
        .order_by("published_at", "pk")
    )


@language_independent
@reader_page
def news_sitemap(request: HttpRequest) -> HttpResponse:
    """The news sitemap's index: one file per PRENSA_NEWS_SITEMAP_LIMIT recent editions."""
    files = max(1, ceil(_news_editions().count() / settings.PRENSA_NEWS_SITEMAP_LIMIT))
    return _index(
        request,
        [
            absolute(reverse("news_sitemap_file", kwargs={"page": number}))
            for number in range(1, files + 1)
        ],
    )


@language_independent
@reader_page
def news_sitemap_file(request: HttpRequest, page: int) -> HttpResponse:
    """The news sitemap extension: recent editions in every language, in one query."""
    limit = settings.PRENSA_NEWS_SITEMAP_LIMIT
    editions = list(
        with_lead_images(_news_editions().select_related("story__section"))[
            (page - 1) * limit : page * limit
        ]
    )
    if page < 1 or (page > 1 and not editions):
        raise Http404("No such news sitemap file")
    entries = [
        (absolute(edition.get_absolute_url()), edition, picture_url(edition))
        for edition in editions
    ]
    return render(
        request,
        "public/news_sitemap.xml",
        {"entries": entries, "publication": settings.PRENSA_SITE_NAME},
        content_type="application/xml; charset=utf-8",
    )


def _index(request: HttpRequest, locations: list[str]) -> HttpResponse:
    return render(
        request,
        "public/sitemap_index.xml",
        {"locations": locations},
        content_type="application/xml; charset=utf-8",
    )
