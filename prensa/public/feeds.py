"""RSS 2.0 and Atom feeds of the latest stories, one per language (django.contrib.syndication)."""

from __future__ import annotations

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext

from prensa.lib.text import join_names
from prensa.newsroom.models import Edition, StoryCredit, Tag

from .seo import absolute

FEED_SIZE = 30


class LatestStories(Feed):
    """The newest published editions in the reader's language."""

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
        return (
            Edition.objects.published()
            .in_language(language)
            .for_listing()
            .prefetch_related(
                Prefetch("story__tags", queryset=Tag.objects.order_by("name_en")),
                Prefetch(
                    "story__story_credits", queryset=StoryCredit.objects.select_related("credit")
                ),
            )[:FEED_SIZE]
        )

    def item_title(self, edition: Edition) -> str:
        return edition.headline

    def item_description(self, edition: Edition) -> str:
        return edition.standfirst

    def item_link(self, edition: Edition) -> str:
        return absolute(edition.get_absolute_url())

    def item_guid(self, edition: Edition) -> str:
        return absolute(edition.get_absolute_url())

    def item_pubdate(self, edition: Edition):  # type: ignore[no-untyped-def]
        return edition.published_at

    def item_updateddate(self, edition: Edition):  # type: ignore[no-untyped-def]
        return edition.last_modified

    def item_author_name(self, edition: Edition) -> str:
        return join_names([c.credit.name for c in edition.story.story_credits.all()])

    def item_categories(self, edition: Edition) -> list[str]:
        language = edition.language
        return [edition.story.section.name_in(language)] + [
            tag.name_in(language) for tag in edition.story.tags.all()
        ]


class LatestStoriesAtom(LatestStories):
    feed_type = Atom1Feed
    subtitle = LatestStories.description

    def feed_url(self, language: str) -> str:
        return absolute(reverse("public:feed_atom"))
