"""Prensa's REST API (django-ninja): what readers may see, as JSON and as IPTC ninjs.

Fixed addresses other systems rely on: `/api/openapi.json`, `/api/docs`,
`/api/editions/` (`?language=pt&updated_since=…&section=…&tag=…`),
`/api/editions/{id}`, `/api/editions/{id}/ninjs` (`?version=2` for ninjs 2.2).
Reads are public and cacheable, with an ETag and 304s; only published editions
exist here. Errors are RFC 9457 problem details (application/problem+json).
"""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Literal

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.cache import patch_cache_control
from ninja import NinjaAPI, Query, Schema
from ninja.errors import HttpError, ValidationError

from prensa.lib.languages import codes
from prensa.lib.numbers import MAX_ID
from prensa.newsroom.models import Edition, Section, Story, StoryCredit, Tag
from prensa.public.seo import absolute

from . import ninjs

# The most items one page of a list returns; `limit` may ask for fewer.
MAX_LIMIT = 100
MAX_OFFSET = 100_000
PROBLEM = "application/problem+json"

api = NinjaAPI(
    title="Prensa",
    version="1",
    description="Stories, their editions in Portuguese, Spanish and English, sections and "
    "tags, as JSON and as IPTC ninjs 3.1 or 2.2.",
    urls_namespace="api",
    docs_url="/docs",
    openapi_url="/openapi.json",
)


# ---- Schemas (they document the API in /api/openapi.json) -------------------------------


class Problem(Schema):
    type: str
    title: str
    status: int
    detail: str


class Named(Schema):
    id: int
    slug: str
    name: str


class SectionOut(Schema):
    id: int
    names: dict[str, str]
    slugs: dict[str, str]
    urls: dict[str, str]


class TranslationLink(Schema):
    id: int
    language: str
    url: str


class EditionSummary(Schema):
    id: int
    story: int
    language: str
    headline: str
    standfirst: str
    url: str
    api_url: str
    ninjs_url: str
    published_at: datetime
    modified_at: datetime
    revision: int
    origin: Literal["original", "machine", "reviewed"]
    section: Named
    tags: list[Named]


class EditionOut(EditionSummary):
    body_html: str
    byline: list[str]
    translations: list[TranslationLink]


class EditionPage(Schema):
    items: list[EditionSummary]
    next: str | None


class StoryOut(Schema):
    id: int
    source_language: str
    section: int
    tags: list[int]
    created_at: datetime
    editions: list[TranslationLink]


class StoryPage(Schema):
    items: list[StoryOut]
    next: str | None


class EditionFilters(Schema):
    language: Literal["pt", "es", "en"] | None = None
    section: str | None = None
    tag: str | None = None
    updated_since: datetime | None = None
    limit: int = 50
    offset: int = 0


# ---- Errors ----------------------------------------------------------------------------


def problem(
    request: HttpRequest, status: int, title: str, detail: str, **members: object
) -> HttpResponse:
    """An RFC 9457 problem document; `members` are its extension members."""
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **members}
    response = HttpResponse(
        json.dumps(body, cls=DjangoJSONEncoder), status=status, content_type=PROBLEM
    )
    response.language_independent = True
    return response


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    where = "; ".join(
        f"{'.'.join(str(part) for part in error.get('loc', ())[1:]) or 'request'}: "
        f"{error.get('msg', 'invalid')}"
        for error in exc.errors
    )
    return problem(request, 400, "Invalid request", where or "The request is not valid.")


@api.exception_handler(Http404)
def _not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    return problem(request, 404, "Not found", str(exc) or "There is nothing at this address.")


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    return problem(request, exc.status_code, "Request refused", str(exc))


# ---- Reading ---------------------------------------------------------------------------


def cacheable(request: HttpRequest, payload: object) -> HttpResponse:
    """JSON with an ETag over its bytes; a matching If-None-Match gets a 304 without a body."""
    body = json.dumps(payload, cls=DjangoJSONEncoder, ensure_ascii=False).encode()
    etag = f'"{hashlib.blake2b(body, digest_size=16).hexdigest()}"'
    matches = etag in [tag.strip() for tag in request.headers.get("If-None-Match", "").split(",")]
    response = HttpResponse(status=304) if matches else HttpResponse(body, "application/json")
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=settings.PRENSA_PAGE_MAX_AGE)
    response.language_independent = True
    return response


def _editions() -> QuerySet[Edition]:
    return Edition.objects.published().select_related("story__section")


def _with_detail(editions: QuerySet[Edition]) -> QuerySet[Edition]:
    return editions.prefetch_related(
        "story__tags",
        Prefetch("story__story_credits", StoryCredit.objects.select_related("credit")),
        Prefetch("story__editions", Edition.objects.published()),
    )


def _named(thing: Section | Tag, language: str) -> dict:
    return {"id": thing.pk, "slug": thing.slug_in(language), "name": thing.name_in(language)}


def _summary(edition: Edition) -> dict:
    language = edition.language
    return {
        "id": edition.pk,
        "story": edition.story_id,
        "language": language,
        "headline": edition.headline,
        "standfirst": edition.standfirst,
        "url": absolute(edition.get_absolute_url()),
        "api_url": absolute(reverse("api:edition", args=[edition.pk])),
        "ninjs_url": absolute(reverse("api:edition_ninjs", args=[edition.pk])),
        "published_at": edition.published_at,
        "modified_at": edition.last_modified,
        "revision": edition.revision,
        "origin": edition.origin,
        "section": _named(edition.story.section, language),
        "tags": [_named(tag, language) for tag in edition.story.tags.all()],
    }


def _bounded(limit: int, offset: int) -> tuple[int, int]:
    if not 1 <= limit <= MAX_LIMIT:
        raise HttpError(400, f"limit must be between 1 and {MAX_LIMIT}.")
    if not 0 <= offset <= MAX_OFFSET:
        raise HttpError(
            400, f"offset must be between 0 and {MAX_OFFSET}; use updated_since to go further."
        )
    return limit, offset


def _next(request: HttpRequest, has_more: bool, limit: int, offset: int) -> str | None:
    if not has_more:
        return None
    query = request.GET.copy()
    query["limit"], query["offset"] = str(limit), str(offset + limit)
    return absolute(f"{request.path}?{query.urlencode()}")


@api.get("/editions/", response={200: EditionPage, 400: Problem}, url_name="editions")
def editions(request: HttpRequest, filters: Query[EditionFilters]) -> HttpResponse:
    """Published editions, newest first; filter by language, section or tag slug, or change."""
    limit, offset = _bounded(filters.limit, filters.offset)
    found = _editions()
    if filters.language:
        found = found.filter(language=filters.language)
    if filters.section:
        found = found.filter(_slug_match("story__section__slug", filters.section))
    if filters.tag:
        found = found.filter(_slug_match("story__tags__slug", filters.tag)).distinct()
    if filters.updated_since:
        found = found.filter(
            Q(modified_at__gte=filters.updated_since) | Q(published_at__gte=filters.updated_since)
        )
    rows = list(
        found.prefetch_related("story__tags").order_by("-published_at", "-pk")[
            offset : offset + limit + 1
        ]
    )
    items = [_summary(edition) for edition in rows[:limit]]
    return cacheable(
        request, {"items": items, "next": _next(request, len(rows) > limit, limit, offset)}
    )


def _slug_match(field: str, slug: str) -> Q:
    """A section or tag by its slug in any language."""
    match = Q()
    for code in codes():
        match |= Q(**{f"{field}_{code}": slug})
    return match


def _published_edition(edition_id: int) -> Edition:
    if not 0 < edition_id <= MAX_ID:
        raise Http404(f"No published edition has the id {edition_id}.")
    edition = _with_detail(_editions()).filter(pk=edition_id).first()
    if edition is None:
        raise Http404(f"No published edition has the id {edition_id}.")
    return edition


@api.get("/editions/{edition_id}", response={200: EditionOut, 404: Problem}, url_name="edition")
def edition(request: HttpRequest, edition_id: int) -> HttpResponse:
    """One published edition, with its body as HTML and its siblings in other languages."""
    found = _published_edition(edition_id)
    data = _summary(found)
    data["body_html"] = found.body_html
    data["byline"] = [credit.credit.name for credit in found.story.story_credits.all()]
    data["translations"] = [
        {
            "id": sibling.pk,
            "language": sibling.language,
            "url": absolute(reverse("api:edition", args=[sibling.pk])),
        }
        for sibling in found.story.editions.all()
        if sibling.pk != found.pk
    ]
    return cacheable(request, data)


@api.get(
    "/editions/{edition_id}/ninjs",
    response={200: dict, 404: Problem, 400: Problem},
    url_name="edition_ninjs",
)
def edition_ninjs(request: HttpRequest, edition_id: int, version: int = 3) -> HttpResponse:
    """The edition as an IPTC ninjs item: 3.1 by default, 2.2 with `?version=2`."""
    if version not in (2, 3):
        raise HttpError(400, "version: ninjs 3 (3.1, the default) or 2 (2.2).")
    return cacheable(request, ninjs.item(_published_edition(edition_id), version))


def _story_data(story: Story) -> dict:
    return {
        "id": story.pk,
        "source_language": story.source_language,
        "section": story.section_id,
        "tags": [tag.pk for tag in story.tags.all()],
        "created_at": story.created_at,
        "editions": [
            {
                "id": e.pk,
                "language": e.language,
                "url": absolute(reverse("api:edition", args=[e.pk])),
            }
            for e in story.editions.all()
        ],
    }


def _stories() -> QuerySet[Story]:
    published = Edition.objects.published()
    return (
        Story.objects.filter(editions__in=published)
        .distinct()
        .prefetch_related("tags", Prefetch("editions", published.order_by("language")))
    )


@api.get("/stories/", response={200: StoryPage, 400: Problem}, url_name="stories")
def stories(request: HttpRequest, limit: int = 50, offset: int = 0) -> HttpResponse:
    """Stories with at least one published edition, newest first."""
    limit, offset = _bounded(limit, offset)
    rows = list(_stories().order_by("-created_at", "-pk")[offset : offset + limit + 1])
    return cacheable(
        request,
        {
            "items": [_story_data(story) for story in rows[:limit]],
            "next": _next(request, len(rows) > limit, limit, offset),
        },
    )


@api.get("/stories/{story_id}", response={200: StoryOut, 404: Problem}, url_name="story")
def story(request: HttpRequest, story_id: int) -> HttpResponse:
    """One story and its published editions."""
    found = _stories().filter(pk=story_id).first() if 0 < story_id <= MAX_ID else None
    if found is None:
        raise Http404(f"No published story has the id {story_id}.")
    return cacheable(request, _story_data(found))


def _taxonomy(thing: Section | Tag) -> dict:
    return {
        "id": thing.pk,
        "names": {code: thing.name_in(code) for code in codes()},
        "slugs": {code: thing.slug_in(code) for code in codes()},
        "urls": {code: absolute(thing.get_absolute_url(code)) for code in codes()},
    }


@api.get("/sections/", response=list[SectionOut], url_name="sections")
def sections(request: HttpRequest) -> HttpResponse:
    """Every section, with its name, slug and page in each language."""
    return cacheable(request, [_taxonomy(section) for section in Section.objects.all()])


@api.get("/tags/", response=list[SectionOut], url_name="tags")
def tags(request: HttpRequest) -> HttpResponse:
    """Every tag, with its name, slug and page in each language."""
    return cacheable(request, [_taxonomy(tag) for tag in Tag.objects.all()])


def unknown(request: HttpRequest, rest: str = "") -> HttpResponse:
    """Any other address under /api/: a problem document, not the reader site's 404 page."""
    return problem(request, 404, "Not found", "There is no such address in the API; see /api/docs.")
