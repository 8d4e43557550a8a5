"""Reader pages: home, section, tag and article, in each language.

Every view here is a `reader_page`: the same HTML for every anonymous reader,
a constant number of queries whatever the archive's size.
"""

from itertools import groupby

from django.conf import settings
from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404, HttpRequest, HttpResponse, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse

from prensa.lib.languages import NATIVE_NAMES, codes, name_in_text, reverse_in
from prensa.lib.numbers import positive_int
from prensa.lib.text import join_links_html
from prensa.media.models import lead_image_of, with_lead_images
from prensa.newsroom import search as newsroom_search
from prensa.newsroom.models import Correction, Credit, Edition, Section, Story, StoryCredit, Tag

from . import listing, preview, related, seo
from .caching import reader_page
from .middleware import language_independent


@reader_page
def home(request: HttpRequest) -> HttpResponse:
    language = request.LANGUAGE_CODE
    page = _paginate(request, Edition.objects.published().in_language(language).for_listing())
    urls = {code: reverse_in(code, "public:home") for code in codes()}
    return render(
        request,
        "public/home.html",
        {
            "page": page,
            "lead": page.object_list[0] if page.is_first and page.object_list else None,
            "groups": _group_by_section(page.object_list[1:] if page.is_first else page),
            **_listing_meta(request, urls, page),
        },
    )


@reader_page
def section(request: HttpRequest, section: str) -> HttpResponse:
    language = request.LANGUAGE_CODE
    found = _find_named(Section, language, section)
    if found.slug_in(language) != section:
        return _redirect_keeping_query(request, found.get_absolute_url(language))
    editions = Edition.objects.published().in_language(language).filter(section=found)
    page = _paginate(request, editions.for_listing())
    urls = {code: found.get_absolute_url(code) for code in codes()}
    return render(
        request,
        "public/section.html",
        {"section": found, "page": page, **_listing_meta(request, urls, page)},
    )


@reader_page
def tag(request: HttpRequest, slug: str) -> HttpResponse:
    language = request.LANGUAGE_CODE
    found = _find_named(Tag, language, slug)
    if found.slug_in(language) != slug:
        return _redirect_keeping_query(request, found.get_absolute_url(language))
    editions = Edition.objects.published().in_language(language).filter(_tagged(found))
    page = _paginate(request, editions.for_listing())
    urls = {code: found.get_absolute_url(code) for code in codes()}
    return render(
        request,
        "public/tag.html",
        {"tag": found, "page": page, **_listing_meta(request, urls, page)},
    )


@reader_page
def search(request: HttpRequest) -> HttpResponse:
    """Results in the reader's language; the same for every reader, so cacheable by URL."""
    language = request.LANGUAGE_CODE
    query = newsroom_search.clean_query(request.GET.get("q", ""))
    page = None
    if query:
        editions = (
            Edition.objects.published().in_language(language).select_related("story__section")
        )
        found = newsroom_search.search(editions, language, query)
        page = _numbered_page(request, with_lead_images(found))
    urls = {code: reverse_in(code, "public:search") for code in codes()}
    return render(
        request,
        "public/search.html",
        {
            "query": query,
            "page": page,
            "results": [
                (edition, newsroom_search.snippet(edition.body, query)) for edition in page or ()
            ],
            "switcher": seo.language_links(urls, language),
            "og_locale": seo.og_locale(language),
        },
    )


@reader_page
def article(request: HttpRequest, section: str, slug: str) -> HttpResponse:
    language = request.LANGUAGE_CODE
    if preview.PARAMETER in request.GET:  # a staff member's or a shared link's preview
        return preview.article(request, language, slug, _any_article, _article_page)
    edition = _published_article(language, slug)
    if edition is None:
        # Staff see an edition readers cannot see yet at the address it will have.
        if (
            shown := preview.for_staff(request, language, slug, _any_article, _article_page)
        ) is not None:
            return shown
        return _redirect_to_sibling(request, language, slug)
    url = edition.get_absolute_url()
    if url != request.path:  # wrong section in the path: send readers to the one true URL
        return HttpResponsePermanentRedirect(url)
    return _article_page(request, edition)


def _article_page(request: HttpRequest, edition: Edition, **extra: object) -> HttpResponse:
    """The article page of `edition` (as `_article_query` loads it); `extra` goes to the
    template (a preview's banner)."""
    language = edition.language
    url = edition.get_absolute_url()
    story = edition.story
    siblings = {e.language: e for e in story.published_editions}
    urls = {
        code: siblings[code].get_absolute_url() if code in siblings else None for code in codes()
    }
    credits = list(story.story_credits.all())
    authors, contributors, agencies = _byline_parts(credits, language)
    tags = list(story.tags.all())
    notes = list(edition.notes.all())
    lead_image = lead_image_of(story)
    return render(
        request,
        "public/article.html",
        {
            "edition": edition,
            "story": story,
            "lead_image": lead_image,
            "og_image": seo.og_image(lead_image),
            "notes": notes,
            "related": related.stories(edition, tags),
            "byline": authors,
            "contributors": contributors,
            "agencies": agencies,
            "tags": tags,
            "source_edition": siblings.get(story.source_language),
            "switcher": seo.language_links(urls, language, _missing_edition_urls(edition, urls)),
            "canonical_url": seo.absolute(url),
            "x_default_url": seo.x_default(urls, story.source_language),
            "json_ld": seo.json_ld(
                seo.with_pictures(
                    seo.news_article(edition, credits, [t.name_in(language) for t in tags], notes),
                    lead_image,
                )
            ),
            "og_locale": seo.og_locale(language),
            "og_alternate_locales": [seo.og_locale(code) for code in siblings if code != language],
            **extra,
        },
    )


@language_independent
@reader_page
def robots_txt(request: HttpRequest) -> HttpResponse:
    lines = ["User-agent: *", "Disallow: /admin/", "Disallow: /desk/", ""]
    lines.append(f"Sitemap: {seo.absolute(reverse('sitemap'))}")
    lines.append(f"Sitemap: {seo.absolute(reverse('news_sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")


@language_independent
def favicon(request: HttpRequest) -> HttpResponse:
    """Browsers and crawlers ask for /favicon.ico whatever a page names: point them to ours."""
    return HttpResponsePermanentRedirect(static("prensa/favicon.svg"))


def _published_article(language: str, slug: str) -> Edition | None:
    """The edition with everything its page shows, in a fixed number of queries."""
    return (
        _article_query(Edition.objects.published()).in_language(language).filter(slug=slug).first()
    )


def _any_article(**lookup: object) -> Edition | None:
    """Whatever its state but killed (previews), with everything its page shows.

    A killed edition is never shown again, not even to staff or through a preview link.
    """
    editions = Edition.objects.exclude(status=Edition.Status.KILLED).filter(**lookup)
    return _article_query(editions).first()


def _article_query(editions):  # type: ignore[no-untyped-def]
    """`editions` with everything an article page shows, in a fixed number of queries."""
    return with_lead_images(editions.select_related("story__section")).prefetch_related(
        "notes",  # corrections and updates, oldest first
        Prefetch("story__tags", queryset=related.tags_with_frequency()),
        Prefetch(
            "story__story_credits",
            queryset=StoryCredit.objects.select_related("credit"),
        ),
        Prefetch(
            "story__editions",
            queryset=Edition.objects.published().select_related("story__section"),
            to_attr="published_editions",
        ),
    )


def _redirect_to_sibling(request: HttpRequest, language: str, slug: str) -> HttpResponse:
    """A slug from another language: go to this language's edition of that story if it exists,
    else say so in this language and point to the editions there are."""
    other = (
        Edition.objects.published()
        .filter(slug=slug)
        .exclude(language=language)
        .values_list("story_id", flat=True)
        .first()
    )
    if other is None:
        raise Http404("No such article in this language")
    editions = {
        e.language: e
        for e in Edition.objects.published().filter(story_id=other).select_related("story__section")
    }
    if language in editions:
        return HttpResponsePermanentRedirect(editions[language].get_absolute_url())
    return _missing_edition(request, language, [editions[c] for c in codes() if c in editions])


def _missing_edition(request: HttpRequest, language: str, editions: list[Edition]) -> HttpResponse:
    """A 404 in the reader's language that says the story is not there yet, and where it is."""
    urls: dict[str, str | None] = {e.language: e.get_absolute_url() for e in editions}
    urls[language] = request.path
    return render(
        request,
        "public/missing_edition.html",
        {
            "editions": [(e, NATIVE_NAMES[e.language]) for e in editions],
            "language_name": name_in_text(language),
            "switcher": seo.language_links(urls, language),
            "og_locale": seo.og_locale(language),
        },
        status=404,
    )


def _missing_edition_urls(edition: Edition, urls: dict[str, str | None]) -> dict[str, str]:
    """Where the switcher sends readers of a language this story has no edition in yet:
    this story's address under that language, which answers with `_missing_edition`."""
    section = edition.story.section
    return {
        code: reverse_in(code, "public:article", section=section.slug_in(code), slug=edition.slug)
        for code, url in urls.items()
        if url is None
    }


def _redirect_keeping_query(request: HttpRequest, url: str) -> HttpResponse:
    query = request.META.get("QUERY_STRING", "")
    return HttpResponsePermanentRedirect(f"{url}?{query}" if query else url)


def _find_named(model: type[Section] | type[Tag], language: str, slug: str) -> Section | Tag:
    """Find by this language's slug; accept another language's slug (the view redirects)."""
    lookup = Q(**{model.slug_field(language): slug})
    found = model.objects.filter(lookup).first()
    if found is None:
        others = Q()
        for code in codes():
            others |= Q(**{model.slug_field(code): slug})
        found = model.objects.filter(others).first()
    if found is None:
        raise Http404(f"No such {model._meta.verbose_name}")
    return found


# Tags on more stories than this are listed by walking the newest editions and keeping the
# tagged ones; rarer tags by fetching their stories. SQLite's planner cannot tell a tag on
# most of the archive from one on a handful, and each way is slow for the other kind.
COMMON_TAG = 2000


def _tagged(tag: Tag) -> Q:
    """Editions of stories with `tag`, in the form that lists fastest for how common it is."""
    taggings = Story.tags.through.objects.filter(tag_id=tag.pk)
    if taggings[:COMMON_TAG].count() < COMMON_TAG:  # bounded: never counts the whole archive
        return Q(story__tags=tag)
    return Q(Exists(taggings.filter(story_id=OuterRef("story_id"))))


def _paginate(request: HttpRequest, queryset) -> listing.Listing:  # type: ignore[no-untyped-def]
    """A keyset page of teasers (see listing.py); their lead pictures are joined in."""
    return listing.page(request, with_lead_images(queryset), settings.PRENSA_PAGE_SIZE)


def _numbered_page(request: HttpRequest, queryset) -> Page:  # type: ignore[no-untyped-def]
    """Numbered pages, for bounded lists whose count readers see (search, corrections)."""
    number = positive_int(request.GET.get("page", "1"))
    paginator = Paginator(queryset, settings.PRENSA_PAGE_SIZE)
    if number is None or (number > 1 and number > paginator.num_pages):
        raise Http404("No such page")
    return paginator.page(number)


def _group_by_section(editions) -> list[tuple[Section, list[Edition]]]:  # type: ignore[no-untyped-def]
    """Group teasers by section, sections in their set order, newest first within each."""
    ordered = sorted(editions, key=lambda e: (e.story.section.position, e.story.section_id))
    return [(key, list(group)) for key, group in groupby(ordered, key=lambda e: e.story.section)]


def _listing_meta(request: HttpRequest, urls: dict[str, str | None], page: listing.Listing) -> dict:
    suffix = page.cursor_query
    language = request.LANGUAGE_CODE
    return {
        "switcher": seo.language_links(urls, language),
        "canonical_url": seo.absolute(f"{request.path}{suffix}"),
        "x_default_url": seo.x_default(urls, settings.LANGUAGE_CODE),
        "og_locale": seo.og_locale(language),
    }


def _byline_parts(credits: list[StoryCredit], language: str) -> tuple[str, str, str]:
    """Authors, additional reporting and wire agencies, each joined and linked to its page.

    An agency is credited on its own line, never as a co-author; a story with only an
    agency's credit is by that agency.
    """
    agencies = [c.credit for c in credits if c.is_agency]
    contributors = [
        c.credit for c in credits if not c.is_agency and c.role == StoryCredit.Role.CONTRIBUTOR
    ]
    authors = [
        c.credit for c in credits if not c.is_agency and c.role != StoryCredit.Role.CONTRIBUTOR
    ]
    if not authors:
        authors, agencies = agencies, []
    return tuple(  # type: ignore[return-value]
        join_links_html(
            [(credit.name, credit.get_absolute_url(language)) for credit in group], "byline__name"
        )
        for group in (authors, contributors, agencies)
    )


@reader_page
def author(request: HttpRequest, slug: str) -> HttpResponse:
    """A credit's page in one language: the bio in that language, then their stories in it."""
    language = request.LANGUAGE_CODE
    credit = Credit.objects.filter(slug=slug).first()
    if credit is None:
        raise Http404("No such author")
    editions = (
        Edition.objects.published()
        .in_language(language)
        .filter(story__story_credits__credit=credit)
    )
    page = _paginate(request, editions.for_listing())
    urls = {code: credit.get_absolute_url(code) for code in codes()}
    return render(
        request,
        "public/author.html",
        {
            "author": credit,
            "bio": credit.bio_in(language),
            "page": page,
            **_listing_meta(request, urls, page),
        },
    )


# The site's own pages, one template per page and language: public/pages/<page>.<lang>.html.
SITE_PAGES = ("about", "contact", "corrections", "privacy")


@reader_page
def site_page(request: HttpRequest, page: str) -> HttpResponse:
    """About, contact, corrections policy, privacy: original text in each language."""
    language = request.LANGUAGE_CODE
    if page not in SITE_PAGES:
        raise Http404("No such page")
    urls = {code: reverse_in(code, f"public:{page}") for code in codes()}
    extra: dict[str, object] = {"canonical_url": seo.absolute(request.path)}
    if page == "corrections":  # the policy, then the stories corrected, newest first
        corrections = _numbered_page(request, _corrections_in(language))
        extra["corrections"] = corrections
        if corrections.number > 1:
            extra["canonical_url"] = seo.absolute(f"{request.path}?page={corrections.number}")
    return render(
        request,
        f"public/pages/{page}.{language}.html",
        {
            "page_name": page,
            "contact_email": settings.PRENSA_CONTACT_EMAIL,
            # The comments app's default (prensa/comments/conf.py); public may not import it.
            "ip_retention_days": settings.PRENSA_COMMENTS_IP_RETENTION_DAYS,
            "switcher": seo.language_links(urls, language),
            "x_default_url": seo.x_default(urls, settings.LANGUAGE_CODE),
            "og_locale": seo.og_locale(language),
            **extra,
        },
    )


def _corrections_in(language: str):  # type: ignore[no-untyped-def]
    """Correction notes of the editions readers of `language` see, newest first."""
    return (
        Correction.objects.filter(
            kind=Correction.Kind.CORRECTION,
            edition__in=Edition.objects.published().in_language(language),
        )
        .select_related("edition__story__section")
        .order_by("-published_at", "-pk")
    )
