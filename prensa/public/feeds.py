"""RSS 2.0 and Atom feeds of the latest stories (django.contrib.syndication): one per language,
one per section and one per tag in each language, titled in that language."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext

from prensa.lib.text import join_names
from prensa.media.models import lead_image_of, with_lead_images
from prensa.media.syndication import MediaAtomFeed, MediaRssFeed
from prensa.newsroom.models import Edition, Section, StoryCredit, Tag

from . import times
from .seo import absolute, last_modified, og_image

FEED_SIZE = 30


class LatestStories(Feed):
    """The newest published editions in the reader's language."""

    feed_type = MediaRssFeed  # each item's lead picture as media:content

    def get_object(self, request: HttpRequest) -> str:  # type: ignore[override]
        return request.LANGUAGE_CODE

    def title(self, language: str) -> str:
        return f"{settings.PRENSA_SITE_NAME} — {gettext('Latest news')}"

    def description(self, language: str) -> str:
        return gettext("News in Portuguese, Spanish and English.")

    def link(self, language: str) -> str:
        return absolute(reverse("public:home"))

    def feed_url(self, language: str) -> str:
        return absolute(reverse("public:feed"))

    def items(self, language: str) -> QuerySet[Edition]:
        return _published_in(language)[:FEED_SIZE]

    def item_title(self, edition: Edition) -> str:
        return edition.headline

    def item_description(self, edition: Edition) -> str:
        """The standfirst, then the latest correction or update note, dated."""
        notes = list(edition.notes.all())
        if not notes:
            return edition.standfirst
        latest = notes[-1]
        label = (
            gettext("Corrected on %(datetime)s")
            if latest.is_correction
            else gettext("Updated on %(datetime)s")
        ) % {"datetime": times.shown(latest.published_at)}
        return f"{edition.standfirst}\n\n{label}: {latest.text}".strip()

    def item_link(self, edition: Edition) -> str:
        return absolute(edition.get_absolute_url())

    def item_guid(self, edition: Edition) -> str:
        return absolute(edition.get_absolute_url())

    def item_pubdate(self, edition: Edition):  # type: ignore[no-untyped-def]
        return times.to_the_second(edition.published_at)

    def item_updateddate(self, edition: Edition):  # type: ignore[no-untyped-def]
        return times.to_the_second(last_modified(edition, list(edition.notes.all())))

    def item_author_name(self, edition: Edition) -> str:
        return join_names([c.credit.name for c in edition.story.story_credits.all()])

    def item_extra_kwargs(self, edition: Edition) -> dict[str, object]:
        image = lead_image_of(edition.story)
        picture = og_image(image)
        if picture:
            picture["credit"] = image.credit
        return {"picture": picture}

    def item_categories(self, edition: Edition) -> list[str]:
        language = edition.language
        return [edition.story.section.name_in(language)] + [
            tag.name_in(language) for tag in edition.story.tags.all()
        ]


class LatestStoriesAtom(LatestStories):
    feed_type = MediaAtomFeed
    subtitle = LatestStories.description

    def feed_url(self, language: str) -> str:
        return absolute(reverse("public:feed_atom"))


class _OneNameStories(LatestStories):
    """The newest published editions filed under one section or tag, in the reader's language.

    A subclass names the `model`, the `story_field` that points to it and its feed's `route`.
    """

    model: type[Section] | type[Tag]
    story_field: str
    route: str

    def get_object(self, request: HttpRequest, **slug: str) -> tuple[str, Section | Tag]:  # type: ignore[override]
        (name,) = slug.values()  # the address's one slug, whatever the route calls it
        return request.LANGUAGE_CODE, _named(self.model, request.LANGUAGE_CODE, name)

    def link(self, obj: tuple[str, Section | Tag]) -> str:
        language, named = obj
        return absolute(named.get_absolute_url(language))

    def feed_url(self, obj: tuple[str, Section | Tag]) -> str:
        language, named = obj
        return absolute(reverse(self.route, args=[named.slug_in(language)]))

    def items(self, obj: tuple[str, Section | Tag]) -> QuerySet[Edition]:
        language, named = obj
        return _published_in(language).filter(**{self.story_field: named})[:FEED_SIZE]


class SectionStories(_OneNameStories):
    """The newest published editions of one section, in the reader's language."""

    model = Section
    story_field = "section"
    route = "public:section_feed"

    def title(self, obj: tuple[str, Section]) -> str:
        language, section = obj
        return f"{settings.PRENSA_SITE_NAME} — {section.name_in(language)}"

    def description(self, obj: tuple[str, Section]) -> str:
        language, section = obj
        return gettext("Latest stories in %(name)s.") % {"name": section.name_in(language)}


class SectionStoriesAtom(SectionStories):
    feed_type = MediaAtomFeed
    subtitle = SectionStories.description
    route = "public:section_feed_atom"


class TagStories(_OneNameStories):
    """The newest published editions with one tag, in the reader's language."""

    model = Tag
    story_field = "story__tags"
    route = "public:tag_feed"

    def title(self, obj: tuple[str, Tag]) -> str:
        language, tag = obj
        return f"{settings.PRENSA_SITE_NAME} — {gettext('Tag')}: {tag.name_in(language)}"

    def description(self, obj: tuple[str, Tag]) -> str:
        language, tag = obj
        return gettext("Stories tagged %(name)s.") % {"name": tag.name_in(language)}


class TagStoriesAtom(TagStories):
    feed_type = MediaAtomFeed
    subtitle = TagStories.description
    route = "public:tag_feed_atom"


def _published_in(language: str) -> QuerySet[Edition]:
    """Newest first, with what an item shows (section, tags, credits) in a fixed few queries."""
    return with_lead_images(
        Edition.objects.published().in_language(language).for_listing()
    ).prefetch_related(
        Prefetch("story__tags", queryset=Tag.objects.order_by("name_en")),
        Prefetch("story__story_credits", queryset=StoryCredit.objects.select_related("credit")),
        "notes",
    )


def _named(model: type[Section] | type[Tag], language: str, slug: str) -> Section | Tag:
    """By this language's slug only: a feed's address names it in its own language."""
    found = model.objects.filter(**{model.slug_field(language): slug}).first()
    if found is None:
        raise Http404(f"No such {model._meta.verbose_name}")
    return found
