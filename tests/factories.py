"""Small factories for tests: a story in the languages you ask for, nothing more."""

from __future__ import annotations

import itertools
from datetime import datetime, timedelta

from django.utils import timezone
from django.utils.text import slugify

from prensa.newsroom.models import Credit, Edition, Section, Story, StoryCredit, Tag

_counter = itertools.count(1)

HEADLINES = {
    "en": "Ferry service resumes across the bay",
    "pt": "Serviço de balsa é retomado na baía",
    "es": "Se reanuda el servicio de ferri en la bahía",
}
BODIES = {
    "en": "PORTO ALEGRE — The ferry returned on Tuesday.\n\nMore than 250,000 people use it.",
    "pt": "PORTO ALEGRE — A balsa voltou na terça-feira.\n\nMais de 250.000 pessoas a usam.",
    "es": "PORTO ALEGRE — El ferri volvió el martes.\n\nMás de 250.000 personas lo usan.",
}


def make_section(en: str = "World", pt: str = "Mundo", es: str = "Mundo", **extra) -> Section:
    n = next(_counter)
    return Section.objects.create(
        name_en=en,
        name_pt=pt,
        name_es=es,
        slug_en=f"{slugify(en)}-{n}",
        slug_pt=f"{slugify(pt)}-{n}",
        slug_es=f"{slugify(es)}-{n}",
        **extra,
    )


def make_tag(en: str = "Climate", pt: str = "Clima", es: str = "Clima") -> Tag:
    n = next(_counter)
    return Tag.objects.create(
        name_en=en,
        name_pt=pt,
        name_es=es,
        slug_en=f"{slugify(en)}-{n}",
        slug_pt=f"{slugify(pt)}-{n}",
        slug_es=f"{slugify(es)}-{n}",
    )


def make_story(
    section: Section | None = None,
    languages: tuple[str, ...] = ("en", "pt", "es"),
    source_language: str = "en",
    tags: tuple[Tag, ...] = (),
    published_at: datetime | None = None,
    status: str = Edition.Status.PUBLISHED,
    credits: tuple[str, ...] = ("Ana Lúcia Ferreira",),
) -> Story:
    """A story with one edition per language, all published unless `status` says otherwise."""
    n = next(_counter)
    story = Story.objects.create(section=section or make_section(), source_language=source_language)
    story.tags.set(tags)
    for position, name in enumerate(credits):
        credit, _ = Credit.objects.get_or_create(name=name)
        StoryCredit.objects.create(story=story, credit=credit, position=position)
    when = published_at or timezone.now() - timedelta(hours=1)
    for language in languages:
        make_edition(story, language, n=n, status=status, published_at=when)
    return story


def make_edition(
    story: Story,
    language: str,
    n: int | None = None,
    status: str = Edition.Status.PUBLISHED,
    published_at: datetime | None = None,
    **fields,
) -> Edition:
    n = n if n is not None else next(_counter)
    values = {
        "headline": f"{HEADLINES[language]} {n}",
        "standfirst": f"Standfirst {language} {n}",
        "body": BODIES[language],
        "status": status,
        "published_at": published_at or timezone.now() - timedelta(hours=1),
        "origin": Edition.Origin.ORIGINAL
        if language == story.source_language
        else Edition.Origin.REVIEWED,
    }
    values.update(fields)
    return Edition.objects.create(story=story, language=language, **values)
