"""Sitemaps with hreflang alternates (django.contrib.sitemaps), addressed at the site's base URL."""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch, QuerySet

from prensa.lib.languages import codes, reverse_in
from prensa.newsroom.models import Credit, Edition, Section, Tag

from .seo import absolute, base_url, x_default


class _AtBaseUrl(Sitemap):
    """Locations on the public address, whatever host the sitemap was fetched from."""

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
    limit = 5000

    def items(self) -> QuerySet[Edition]:
        return (
            Edition.objects.published()
            .select_related("story__section")
            .prefetch_related(
                Prefetch(
                    "story__editions",
                    queryset=Edition.objects.published().select_related("story__section"),
                    to_attr="published_editions",
                )
            )
            .order_by("-published_at", "pk")
        )

    def location(self, edition: Edition) -> str:
        return edition.get_absolute_url()

    def lastmod(self, edition: Edition):  # type: ignore[no-untyped-def]
        return edition.last_modified

    def alternates_for(self, edition: Edition) -> dict[str, str | None]:
        return {e.language: e.get_absolute_url() for e in edition.story.published_editions}

    def default_language_for(self, edition: Edition) -> str:
        return edition.story.source_language


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
