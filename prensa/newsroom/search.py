"""Full-text search over published editions, per language.

PostgreSQL: a weighted tsvector per edition (headline A, standfirst B, body C)
built with the edition's own text search configuration (portuguese, spanish,
english: stemming and stop words per language) and a GIN index; queries use
websearch syntax ("quoted phrases", -exclusions, or) and rank by ts_rank.
SQLite, the embedded default, has no stemming: every word of the query must
appear in the headline, standfirst or body (case-insensitive).
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import F, Q, QuerySet

# Language code → PostgreSQL text search configuration (as djangoproject.com's docs search).
CONFIGS = {"pt": "portuguese", "es": "spanish", "en": "english"}
MAX_QUERY_LENGTH = 200
MAX_TERMS = 12


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def vector_for(language: str) -> SearchVector:
    config = CONFIGS[language]
    return (
        SearchVector("headline", weight="A", config=config)
        + SearchVector("standfirst", weight="B", config=config)
        + SearchVector("body", weight="C", config=config)
    )


def index(edition_pk: int, language: str) -> None:
    """Refresh one edition's search vector (PostgreSQL only; a no-op elsewhere)."""
    from prensa.newsroom.models import Edition

    if uses_postgres():
        Edition.objects.filter(pk=edition_pk).update(search_vector=vector_for(language))


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
    matches = Q()
    for term in query.split()[:MAX_TERMS]:
        term = term.strip("\"'")
        if term and not term.startswith("-"):
            matches &= (
                Q(headline__icontains=term)
                | Q(standfirst__icontains=term)
                | Q(body__icontains=term)
            )
    return editions.filter(matches).order_by("-published_at", "-pk")
