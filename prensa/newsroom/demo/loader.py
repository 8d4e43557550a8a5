"""Load the demo newsroom from TOML files. Idempotent: keys identify what exists."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.db import transaction

from prensa.newsroom.models import (
    LANGUAGE_CODES,
    Credit,
    Edition,
    Section,
    Story,
    StoryCredit,
    Tag,
)

DEMO_DIR = Path(__file__).resolve().parent


class DemoContentError(ValueError):
    """A demo file does not follow the format; the message names the file."""


@dataclass
class LoadReport:
    stories_created: int = 0
    stories_updated: int = 0
    editions: int = 0


def _named_fields(entry: dict, where: str) -> dict[str, str]:
    fields: dict[str, str] = {}
    for code in LANGUAGE_CODES:
        if code not in entry:
            raise DemoContentError(f"{where}: missing the {code!r} name and slug")
        fields[f"name_{code}"] = entry[code]["name"]
        fields[f"slug_{code}"] = entry[code]["slug"]
    return fields


def load_taxonomy(
    path: Path = DEMO_DIR / "taxonomy.toml",
) -> tuple[dict[str, Section], dict[str, Tag]]:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    sections: dict[str, Section] = {}
    for key, entry in data.get("sections", {}).items():
        fields = _named_fields(entry, f"{path.name} section {key!r}")
        section, _ = Section.objects.update_or_create(
            slug_en=fields.pop("slug_en"),
            defaults={**fields, "position": entry.get("position", 0)},
        )
        sections[key] = section
    tags: dict[str, Tag] = {}
    for key, entry in data.get("tags", {}).items():
        fields = _named_fields(entry, f"{path.name} tag {key!r}")
        tag, _ = Tag.objects.update_or_create(slug_en=fields.pop("slug_en"), defaults=fields)
        tags[key] = tag
    return sections, tags


def load_authors(path: Path = DEMO_DIR / "authors.toml") -> None:
    """Credits with their kind and a bio per language (their author pages)."""
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    for entry in data.get("authors", []):
        try:
            bios = {f"bio_{code}": entry[code].strip() for code in LANGUAGE_CODES}
            Credit.objects.update_or_create(
                name=entry["name"],
                defaults={"kind": entry.get("kind", Credit.Kind.PERSON), **bios},
            )
        except KeyError as exc:
            raise DemoContentError(f"{path.name}: an author lacks {exc}") from None


def load_story(
    path: Path, sections: dict[str, Section], tags: dict[str, Tag]
) -> tuple[Story, bool]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        key = data["key"]
        section = sections[data["section"]]
        story_tags = [tags[name] for name in data.get("tags", [])]
        published = datetime.fromisoformat(data["published"].replace("Z", "+00:00"))
        editions = data["editions"]
    except tomllib.TOMLDecodeError as exc:
        raise DemoContentError(f"{path.name}: not valid TOML: {exc}") from None
    except KeyError as exc:
        raise DemoContentError(f"{path.name}: unknown or missing key {exc}") from None

    story, created = Story.objects.update_or_create(
        key=f"demo:{key}",
        defaults={
            "section": section,
            "source_language": data.get("source_language", "en"),
            "created_at": published,
        },
    )
    story.tags.set(story_tags)
    for position, entry in enumerate(data.get("credits", [])):
        kind = Credit.Kind.AGENCY if entry.get("role") == "agency" else Credit.Kind.PERSON
        credit, _ = Credit.objects.get_or_create(name=entry["name"], defaults={"kind": kind})
        StoryCredit.objects.update_or_create(
            story=story,
            credit=credit,
            defaults={"role": entry.get("role", "author"), "position": position},
        )
    for language, entry in editions.items():
        if language not in LANGUAGE_CODES:
            raise DemoContentError(f"{path.name}: unknown language {language!r}")
        edition = Edition.objects.filter(story=story, language=language).first() or Edition(
            story=story, language=language
        )
        edition.headline = entry["headline"]
        edition.standfirst = entry.get("standfirst", "")
        edition.body = entry["body"].strip()
        edition.slug = entry.get("slug", "")
        edition.status = Edition.Status.PUBLISHED
        edition.published_at = published
        edition.modified_at = published
        is_source = language == story.source_language
        edition.origin = Edition.Origin.ORIGINAL if is_source else Edition.Origin.REVIEWED
        edition.save()
    return story, created


@transaction.atomic
def load_demo(directory: Path = DEMO_DIR) -> LoadReport:
    """Load taxonomy and every story file; all or nothing."""
    sections, tags = load_taxonomy(directory / "taxonomy.toml")
    load_authors(directory / "authors.toml")
    report = LoadReport()
    for path in sorted((directory / "stories").glob("*.toml")):
        story, created = load_story(path, sections, tags)
        if created:
            report.stories_created += 1
        else:
            report.stories_updated += 1
        report.editions += story.editions.count()
    # Translations point at their source edition, now that all editions exist.
    for story in Story.objects.filter(key__startswith="demo:").prefetch_related("editions"):
        source = story.edition_for(story.source_language)
        if source is None:
            continue
        story.editions.exclude(pk=source.pk).update(
            translated_from=source, source_revision=source.revision
        )
    return report
