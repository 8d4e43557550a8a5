"""Editions as IPTC ninjs items, in version 3.1 (camelCase) or 2.2 (lower case).

ninjs ("News in JSON") is the IPTC's format for news items; the published JSON
schemas for both versions ship in `prensa/api/schemas/` and the tests validate
every item against them. One edition is one item: its uri is the edition's API
address, its version the edition's revision; the story's other editions are
`associations` with rel "translation", so a consumer can switch languages the way
a reader does. Machine translations say so in `edNote` and in an `altIds` entry,
so no consumer mistakes them for a person's work.
"""

from __future__ import annotations

from datetime import datetime

from django.urls import reverse
from django.utils.html import strip_tags

from prensa.newsroom.models import Edition
from prensa.public.seo import absolute

NINJS_3 = "http://www.iptc.org/std/ninjs/ninjs-schema_3.1.json#"
NINJS_2 = "http://www.iptc.org/std/ninjs/ninjs-schema_2.2.json#"

MACHINE_NOTE = "Machine translation, not reviewed by a person."

PUBSTATUS = {
    Edition.Status.PUBLISHED: "usable",
    Edition.Status.UPDATED: "usable",
    Edition.Status.KILLED: "canceled",
}


def uri(edition: Edition) -> str:
    """The item's global identifier: the edition's address in the API."""
    return absolute(reverse("api:edition", args=[edition.pk]))


def story_uri(edition: Edition) -> str:
    """What the editions of one story share (an altId), so an import can group them again."""
    return absolute(reverse("api:story", args=[edition.story_id]))


def item(edition: Edition, version: int = 3) -> dict:
    """The ninjs item for `edition` (prefetch story__editions, story__tags, credits)."""
    story = edition.story
    siblings = [e for e in story.editions.all() if e.pk != edition.pk and e.is_published]
    body = edition.body_html
    names = _names(version)
    data: dict = {
        "uri": uri(edition),
        "type": "text",
        names["representationType"]: "full",
        "version": str(edition.revision),
        names["firstCreated"]: _iso(story.created_at),
        names["versionCreated"]: _iso(edition.last_modified or edition.modified_at),
        names["pubStatus"]: PUBSTATUS.get(edition.status, "withheld"),
        "language": edition.language,
        "headlines": [{"role": "main", "value": edition.headline}],
        "bodies": [
            {
                "role": "main",
                names["contentType"]: "text/html",
                names["charCount"]: len(strip_tags(body)),
                names["wordCount"]: len(strip_tags(body).split()),
                "value": body,
            }
        ],
        "subjects": _subjects(edition),
        names["altIds"]: [
            {"role": "story", "value": story_uri(edition)},
            {"role": "origin", "value": edition.origin},
        ],
        "renditions": [
            {
                "name": "web",
                "href": absolute(edition.get_absolute_url()),
                names["contentType"]: "text/html",
            }
        ],
    }
    if edition.published_at:
        data[names["contentCreated"]] = _iso(edition.published_at)
    if edition.standfirst:
        data["descriptions"] = [{"role": "summary", "value": edition.standfirst}]
    if story.key:
        data[names["altIds"]].append({"role": "key", "value": story.key})
    bylines = [credit for credit in story.story_credits.all()]
    if bylines:
        data["by"] = ", ".join(credit.credit.name for credit in bylines)
        people = [c for c in bylines if not c.is_agency]
        agencies = [c for c in bylines if c.is_agency]
        if people:
            data["people"] = [
                {"name": c.credit.name, "rel": c.role, "uri": absolute(c.credit.get_absolute_url())}
                for c in people
            ]
        if agencies:
            data[names["infoSources"]] = [
                {"name": c.credit.name, "role": "originator"} for c in agencies
            ]
    if edition.is_machine_translation:
        data[names["edNote"]] = MACHINE_NOTE
    if siblings:
        # ninjs 2.2 has no `rel` on associations: the name says it ("translation-es").
        data["associations"] = [
            {
                "name": f"translation-{sibling.language}",
                **({"rel": "translation"} if version == 3 else {}),
                "uri": uri(sibling),
                "language": sibling.language,
                "headlines": [{"role": "main", "value": sibling.headline}],
            }
            for sibling in siblings
        ]
    data["standard"] = {
        "name": "ninjs",
        "version": "3.1" if version == 3 else "2.2",
        "schema": NINJS_3 if version == 3 else NINJS_2,
    }
    return data


def _subjects(edition: Edition) -> list[dict]:
    story, language = edition.story, edition.language
    section = story.section
    subjects = [
        {
            "name": section.name_in(language),
            "rel": "section",
            "literal": section.slug_in(language),
            "uri": absolute(section.get_absolute_url(language)),
        }
    ]
    subjects += [
        {
            "name": tag.name_in(language),
            "rel": "tag",
            "literal": tag.slug_in(language),
            "uri": absolute(tag.get_absolute_url(language)),
        }
        for tag in story.tags.all()
    ]
    return subjects


def _names(version: int) -> dict[str, str]:
    """Property names: ninjs 3 writes camelCase, 2.x all lower case."""
    camel = [
        "representationType",
        "firstCreated",
        "versionCreated",
        "contentCreated",
        "pubStatus",
        "contentType",
        "charCount",
        "wordCount",
        "altIds",
        "edNote",
        "infoSources",
    ]
    return {name: name if version == 3 else name.lower() for name in camel}


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat()
