"""Related stories: what an article suggests next, ranked by how much it shares with it.

Shared tags count by how rare they are (inverse document frequency), so a catch-all tag
such as "News" on most stories says little and a tag two stories share says a lot; then the
same section, then the newest. One query, whatever the archive's size: the tags' frequencies
ride on the article's tags prefetch (`tags_with_frequency`), and only the newest
CANDIDATES stories sharing a tag, plus the section's newest, are ranked — at 100,000
stories, ranking every edition of the language took seconds per article.
"""

from __future__ import annotations

import math

from django.db.models import (
    Case,
    F,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Coalesce

from prensa.newsroom.models import Edition, Story, Tag

RELATED_STORIES = 4
# How many of the newest stories carrying each tag are ranked (the rest are older anyway).
CANDIDATES = 200


def stories(edition: Edition, tags: list[Tag]) -> list[Edition]:
    """Other stories in the reader's language, in one query, the most related first.

    Shared tags count by how rare they are (inverse document frequency, ln(stories /
    stories with the tag)): a catch-all tag such as "News" weighs next to nothing, a tag
    two stories share weighs a lot. Then the same section, then the newest. A story
    without tags suggests its section's newest. `tags` come from `tags_with_frequency()`.
    """
    section_id = edition.story.section_id
    published = Edition.objects.published().in_language(edition.language)
    # Only the newest candidates are ranked, so the query costs the same at any archive
    # size: stories sharing a tag (the newest CANDIDATES by id), and the section's newest.
    # Per tag, the newest taggings by the index on tag_id (its rows are in id order, so no
    # sort): one catch-all tag on most stories must not mean sorting most of the archive.
    sharing = Q()
    for tag in tags:
        newest = Story.tags.through.objects.filter(tag_id=tag.pk).order_by("-pk")
        sharing |= Q(story_id__in=newest.values("story_id")[:CANDIDATES])
    in_section = (
        published.filter(section_id=section_id)
        .exclude(story_id=edition.story_id)
        .order_by("-published_at", "-pk")
        .values("pk")[:RELATED_STORIES]
    )
    others = (
        published.filter(sharing | Q(pk__in=in_section))
        .exclude(story_id=edition.story_id)
        .annotate(
            same_section=Case(
                When(story__section_id=section_id, then=Value(1)),
                default=Value(0),
                output_field=IntegerField(),
            )
        )
    )
    order = ["-same_section", "-published_at", "-pk"]
    weights = {tag.pk: rarity(tag) for tag in tags}
    if weights:
        shared = (
            Story.tags.through.objects.filter(story_id=OuterRef("story_id"), tag_id__in=weights)
            .order_by()
            .values("story_id")
            .annotate(
                weight=Sum(
                    Case(
                        *(When(tag_id=pk, then=Value(w)) for pk, w in weights.items()),
                        default=Value(0.0),
                        output_field=FloatField(),
                    )
                )
            )
            .values("weight")
        )
        shared = Subquery(shared, output_field=FloatField())
        # A tag on every story weighs 0: sharing only that counts no more than sharing nothing.
        # Ordered by the selected column's position, so the subquery is not written out again.
        others = others.annotate(shared_weight=Coalesce(shared, Value(0.0)))
        order.insert(0, "-shared_weight")
    return list(others.select_related("story__section").order_by(*order)[:RELATED_STORIES])


def rarity(tag: Tag) -> float:
    """A tag's inverse document frequency in the archive (0 for a tag on every story)."""
    stories = getattr(tag, "archive_size", 0) or 1
    tagged = getattr(tag, "story_count", 0) or 1
    return round(math.log(max(stories, tagged) / tagged), 6)


def tags_with_frequency() -> QuerySet[Tag]:
    """Tags with how many stories carry each and how many stories there are (no extra query)."""
    count = Func(F("pk"), function="COUNT")
    tagged = Story.tags.through.objects.filter(tag_id=OuterRef("pk")).order_by().annotate(n=count)
    stories = Story.objects.order_by().annotate(n=count)
    return Tag.objects.annotate(
        story_count=Subquery(tagged.values("n")[:1], output_field=IntegerField()),
        archive_size=Subquery(stories.values("n")[:1], output_field=IntegerField()),
    ).order_by("name_en")
