"""Shared by the desk's commands: find a story by id, key or slug of any edition."""

from django.core.management.base import CommandError

from prensa.lib.numbers import positive_int
from prensa.newsroom.models import Edition, Story


def find_story(reference: str) -> Story:
    stories = Story.objects.prefetch_related("editions")
    if reference.isascii() and reference.isdigit():
        number = positive_int(reference)
        story = stories.filter(pk=number).first() if number else None
    else:
        story = stories.filter(key=reference).first()
        if story is None:
            edition = Edition.objects.filter(slug=reference).first()
            story = stories.filter(pk=edition.story_id).first() if edition else None
    if story is None:
        raise CommandError(f"No story with id, key or slug {reference!r}.")
    return story


def parse_languages(value: str, story: Story) -> list[str]:
    return [language for language, _ in parse_targets(value, story)]


def parse_targets(value: str, story: Story) -> list[tuple[str, str | None]]:
    """`--to` as (language, Portuguese variant or None): `pt-PT` drafts European Portuguese."""
    from prensa.lib.languages import codes
    from prensa.translation.conf import split_language_tag

    wanted = [split_language_tag(code.strip()) for code in value.split(",") if code.strip()]
    unknown = [code for code, _ in wanted if code not in codes()]
    if unknown:
        raise CommandError(
            f"Unknown language(s): {', '.join(unknown)}. Use {', '.join(codes())} "
            "(pt-BR or pt-PT for a Portuguese variant)."
        )
    return wanted or [(code, None) for code in codes() if code != story.source_language]
