"""Which reader pages a story appears on, and which pages make up the whole site.

Only first pages of listings are baked (a query string such as ?page=2 always reaches
Django, see deploy/nginx), and only addresses without a query string.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.urls import reverse

from prensa.lib.languages import codes, reverse_in
from prensa.newsroom.models import Credit, Edition, Section, Story, Tag

SITE_PAGES = ("about", "contact", "corrections", "privacy")


def article_paths(story: Story | None) -> dict[str, Edition]:
    """The address of each edition of `story` readers may see now."""
    if story is None:
        return {}
    live = Edition.objects.published().filter(story=story).select_related("story__section")
    return {edition.get_absolute_url(): edition for edition in live}


def listing_paths(story: Story | None) -> list[str]:
    """Pages other than its own articles that show `story` (or would, once published):
    home, its section, its tags, its authors, the corrections page and their feeds, in
    every language it has an edition in, and the sitemaps."""
    if story is None:
        return sitemap_paths()
    languages = sorted({e.language for e in story.editions.all()})
    tags = list(story.tags.all())
    credits = list(Credit.objects.filter(story_credits__story=story))
    paths: list[str] = []
    for language in languages:
        paths += language_paths(language)
        paths += section_paths(story.section, language)
        for tag in tags:
            paths += tag_paths(tag, language)
        for credit in credits:
            paths.append(credit.get_absolute_url(language))
    return [*dict.fromkeys(paths), *sitemap_paths()]


def language_paths(language: str) -> list[str]:
    return [
        reverse_in(language, "public:home"),
        reverse_in(language, "public:feed"),
        reverse_in(language, "public:feed_atom"),
        reverse_in(language, "public:corrections", page="corrections"),
    ]


def section_paths(section: Section, language: str) -> list[str]:
    slug = section.slug_in(language)
    return [
        reverse_in(language, "public:section", section=slug),
        reverse_in(language, "public:section_feed", section=slug),
        reverse_in(language, "public:section_feed_atom", section=slug),
    ]


def tag_paths(tag: Tag, language: str) -> list[str]:
    slug = tag.slug_in(language)
    return [
        reverse_in(language, "public:tag", slug=slug),
        reverse_in(language, "public:tag_feed", slug=slug),
        reverse_in(language, "public:tag_feed_atom", slug=slug),
    ]


def sitemap_paths() -> list[str]:
    """The sitemap indexes and the first file of each sitemap (later files carry ?p=N)."""
    return [
        reverse("sitemap"),
        reverse("sitemap_section", kwargs={"section": "articles"}),
        reverse("sitemap_section", kwargs={"section": "listings"}),
        reverse("news_sitemap"),
        reverse("news_sitemap_file", kwargs={"page": 1}),
    ]


def site_paths() -> Iterable[str]:
    """Every page `prensa bake --all` bakes, articles last."""
    for language in codes():
        yield from language_paths(language)
        for page in SITE_PAGES:
            yield reverse_in(language, f"public:{page}", page=page)
        for section in Section.objects.all():
            yield from section_paths(section, language)
        for tag in Tag.objects.filter(stories__isnull=False).distinct():
            yield from tag_paths(tag, language)
        for credit in Credit.objects.filter(story_credits__isnull=False).distinct():
            yield credit.get_absolute_url(language)
    yield from sitemap_paths()
