"""Full-text search over published editions, per language.

PostgreSQL: a weighted tsvector per edition (headline A, standfirst B, body C)
built with the edition's own text search configuration (portuguese, spanish,
english: stemming and stop words per language) and a GIN index; queries use
websearch syntax ("quoted phrases", -exclusions, or) and rank by ts_rank.
SQLite, the embedded default, has an FTS5 index (migration 0007) without stemming:
every word of the query must start a word of the headline, standfirst or body, in
any case and with or without accents.
"""

from __future__ import annotations

import html
import re
import unicodedata

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils.html import escape, format_html, strip_tags
from django.utils.safestring import SafeString, mark_safe

from prensa.lib.markup import render_markdown

# Language code → PostgreSQL text search configuration (as djangoproject.com's docs search).
CONFIGS = {"pt": "portuguese", "es": "spanish", "en": "english"}
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12
# SQLite's FTS5 index of the editions (migration 0007), kept in step by triggers.
FTS_TABLE = "newsroom_edition_fts"
# On SQLite, how many of the newest matching editions (all languages) a search ranks.
SQLITE_CANDIDATES = 3000


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def vector_for(language: str) -> SearchVector:
    config = CONFIGS[language]
    return (
        SearchVector("headline", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def index(editions: QuerySet, language: str) -> None:
    """Refresh the search vector of `editions`, all in `language` (PostgreSQL only).

    The caller passes the rows, so this module needs no model: models use search, not
    the reverse.
    """
    if uses_postgres():
        editions.update(search_vector=vector_for(language))


def clean_query(raw: str) -> str:
    """What is searched for: trimmed, bounded, control characters dropped."""
    text = "".join(ch for ch in raw if ch.isprintable())
    return " ".join(text.split())[:MAX_QUERY_LENGTH]


def search(editions: QuerySet, language: str, query: str) -> QuerySet:
    """Published editions in `language` matching `query`, best first."""
    if uses_postgres():
        wanted = SearchQuery(query, config=CONFIGS[language], search_type="websearch")
        return (
            editions.filter(search_vector=wanted)
            .annotate(rank=SearchRank(F("search_vector"), wanted))
            .order_by("-rank", "-published_at", "-pk")
        )
    if connection.vendor == "sqlite":
        terms = query_terms(query)
        if not terms:
            return editions.none()
        # Every word, as a word start ("refugiado" finds "refugiados"), any case or accent.
        wanted = " ".join('"' + term.replace('"', '""') + '"*' for term in terms)
        # The table name is a constant; the reader's words go in as a parameter.
        # The newest matches only (FTS5 walks its rowids backwards without sorting): a
        # word on most stories would otherwise mean sorting most of the archive by date.
        fts = (
            f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s "  # noqa: S608
            "ORDER BY rowid DESC LIMIT %s"
        )
        found = RawSQL(fts, [wanted, SQLITE_CANDIDATES])  # noqa: S611
        return editions.filter(pk__in=found).order_by("-published_at", "-pk")
    matches = Q()
    for term in query_terms(query):
        matches &= (
            Q(headline__icontains=term) | Q(standfirst__icontains=term) | Q(body__icontains=term)
        )
    return editions.filter(matches).order_by("-published_at", "-pk")


def matching(editions: QuerySet, query: str) -> QuerySet:
    """Editions in any language whose text matches every word of `query` (the staff's search).

    Each edition is matched with its own language's configuration on PostgreSQL; SQLite
    uses its FTS5 index. No ranking: the admin orders its own list.
    """
    if uses_postgres():
        found = Q()
        for language, config in CONFIGS.items():
            wanted = SearchQuery(query, config=config, search_type="websearch")
            found |= Q(language=language, search_vector=wanted)
        return editions.filter(found)
    # Elsewhere search() ignores the language (FTS5 or LIKE over all of them).
    return search(editions, "", query).order_by()


def query_terms(query: str) -> list[str]:
    """The words a query asks for: quotes and brackets dropped, no -exclusions or "or"."""
    terms = []
    for word in query.split()[:MAX_TERMS]:
        word = word.strip("\"'()")
        if word and not word.startswith("-") and word.casefold() != "or":
            terms.append(word)
    return terms


SNIPPET_LENGTH = 220
_CONTEXT_BEFORE = 80


def snippet(body: str, query: str) -> SafeString:
    """The passage of `body` where the query's words first appear, words marked; or "".

    Matching is case- and accent-insensitive and takes word starts (a query word of six
    letters or more matches with its last two letters changed: "refugiado" finds
    "refugiados"), close to what each language's search configuration stems. The text is
    escaped; only the <mark> tags are markup.
    """
    terms = _snippet_terms(query)
    if not terms or not body:
        return mark_safe("")
    text = " ".join(html.unescape(strip_tags(render_markdown(body))).split())
    folded = _fold(text)
    pattern = re.compile("|".join(rf"(?<!\w){re.escape(term)}\w*" for term in terms))
    first = pattern.search(folded)
    if first is None:
        return mark_safe("")
    start = max(0, first.start() - _CONTEXT_BEFORE)
    if start:
        start = text.find(" ", start) + 1 or start
    end = min(len(text), start + SNIPPET_LENGTH)
    if end < len(text):
        end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > first.end() else end
    pieces, cursor = [], start
    for match in pattern.finditer(folded, start, end):
        pieces.append(escape(text[cursor : match.start()]))
        pieces.append(format_html("<mark>{}</mark>", text[match.start() : match.end()]))
        cursor = match.end()
    pieces.append(escape(text[cursor:end]))
    lead, tail = ("…" if start else ""), ("…" if end < len(text) else "")
    return mark_safe(lead + "".join(str(p) for p in pieces) + tail)  # noqa: S308 (escaped above)


def _snippet_terms(query: str) -> list[str]:
    """Query words folded for matching; six letters or more lose their last two (stems)."""
    folded = [_fold(term) for term in query_terms(query) if len(term) >= 2]
    return [term[:-2] if len(term) >= 6 else term for term in folded]


def _fold(text: str) -> str:
    """Lower case without accents, one character for each character, so positions match."""
    return "".join(unicodedata.normalize("NFD", ch)[0].lower()[:1] or ch for ch in text)
