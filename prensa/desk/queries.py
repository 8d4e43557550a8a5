"""Queries on a paragraph: a translator asks the source's author, who answers at the desk.

A query is plain text, tied to a source paragraph (by the hash of its text) and
addressed to the story's author: the staff user who wrote the source edition, as the
admin's log of additions records it, or else the staff user whose full name is one of
the story's credited authors; the credited names are kept on the query either way.
The author or an editor (permission `desk.change_paragraphquery`) answers or resolves it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AbstractBaseUser
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from prensa.newsroom.models import Edition, Story, StoryCredit
from prensa.staff.access import allowed, refusal
from prensa.translation.staleness import block_hash

from . import drafting, terminology
from .actions import ActionError, User
from .models import ParagraphQuery, Segment

MAX_QUERY_CHARS = 2_000
EDITOR_PERMISSION = "desk.change_paragraphquery"


def _person(user: User) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def credited_authors(story: Story) -> list[str]:
    """The story's credited people (agencies are not people one can ask)."""
    credits = StoryCredit.objects.filter(story=story).select_related("credit")
    return [sc.credit.name for sc in credits if not sc.is_agency]


def author_of(story: Story) -> AbstractBaseUser | None:
    """The staff user who wrote the story's source edition, when the site can tell."""
    source = story.edition_for(story.source_language)
    logged = LogEntry.objects.filter(action_flag=ADDITION).order_by("action_time", "pk")
    candidates = []
    if source is not None:
        candidates.append((ContentType.objects.get_for_model(Edition), source.pk))
    candidates.append((ContentType.objects.get_for_model(Story), story.pk))
    for content_type, pk in candidates:
        entry = logged.filter(content_type=content_type, object_id=str(pk)).first()
        if entry is not None and entry.user.is_active:
            return entry.user
    names = credited_authors(story)
    users = get_user_model().objects.filter(is_active=True, is_staff=True)
    for name in names:
        first, _sep, last = name.strip().partition(" ")
        match = users.filter(first_name__iexact=first, last_name__iexact=last.strip()).first()
        if match is not None:
            return match
    return None


def may_answer(user: User, query: ParagraphQuery) -> bool:
    """The person it is addressed to, or an editor."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return user.pk == query.addressed_to_id or user.has_perm(EDITOR_PERMISSION)


def visible_to(user: AbstractBaseUser) -> Q:
    """Queries a person may read: desk staff see all, an author those addressed to them."""
    if user.has_perm("desk.view_segment") or user.has_perm(EDITOR_PERMISSION):
        return Q()
    return Q(addressed_to=user)


def _clean(text: str | None, empty: str, too_long: str) -> str:
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        raise ActionError(empty)
    if len(text) > MAX_QUERY_CHARS:
        raise ActionError(
            too_long
            % {
                "limit": number_format(MAX_QUERY_CHARS, force_grouping=True),
                "count": number_format(len(text), force_grouping=True),
            }
        )
    return text


class AskQuery:
    """A translator asks about one paragraph of the source."""

    def __init__(self, segment: Segment, question: str | None, user: User) -> None:
        self.segment, self.question, self.user = segment, question, user

    def check(self) -> str:
        message = refusal(self.user, "desk.change_segment", self.segment.edition.language)
        if message is not None:
            raise ActionError(message, status=403)
        return _clean(
            self.question,
            _("Write your question first."),
            _("A question can have at most %(limit)s characters; this one has %(count)s."),
        )

    def execute(self) -> ParagraphQuery:
        question = self.check()
        edition = self.segment.edition
        story = edition.story
        return ParagraphQuery.objects.create(
            story=story,
            language=edition.language,
            position=self.segment.position,
            source_hash=block_hash(self.segment.source_text),
            source_text=self.segment.source_text,
            question=question,
            asked_by=_person(self.user),
            addressed_to=author_of(story),
            addressed_names=", ".join(credited_authors(story))[:300],
        )


class AnswerQuery:
    """The author or an editor answers; `resolve` also closes it."""

    def __init__(
        self, query: ParagraphQuery, answer: str | None, user: User, resolve: bool = False
    ) -> None:
        self.query, self.answer, self.user, self.resolve = query, answer, user, resolve

    def check(self) -> str:
        if not may_answer(self.user, self.query):
            raise ActionError(
                _("Only the author it is addressed to or an editor can answer this query."),
                status=403,
            )
        if self.query.status == ParagraphQuery.Status.RESOLVED:
            raise ActionError(_("This query is already resolved."), status=409)
        return _clean(
            self.answer,
            _("Write your answer first."),
            _("An answer can have at most %(limit)s characters; this one has %(count)s."),
        )

    def execute(self) -> ParagraphQuery:
        query = self.query
        query.answer = self.check()
        query.answered_by, query.answered_at = _person(self.user), timezone.now()
        query.status = ParagraphQuery.Status.ANSWERED
        if self.resolve:
            query.status = ParagraphQuery.Status.RESOLVED
            query.resolved_by, query.resolved_at = query.answered_by, query.answered_at
        query.save()
        return query


class ResolveQuery:
    """The author or an editor closes a query (answered or not)."""

    def __init__(self, query: ParagraphQuery, user: User) -> None:
        self.query, self.user = query, user

    def check(self) -> None:
        if not may_answer(self.user, self.query):
            raise ActionError(
                _("Only the author it is addressed to or an editor can resolve this query."),
                status=403,
            )
        if self.query.status == ParagraphQuery.Status.RESOLVED:
            raise ActionError(_("This query is already resolved."), status=409)

    def execute(self) -> ParagraphQuery:
        self.check()
        query = self.query
        query.status = ParagraphQuery.Status.RESOLVED
        query.resolved_by, query.resolved_at = _person(self.user), timezone.now()
        query.save()
        return query


def by_paragraph(
    story: Story, rows: Iterable[Segment]
) -> tuple[dict[int, list[ParagraphQuery]], list[ParagraphQuery]]:
    """The story's open queries per segment position, and those whose paragraph changed.

    A query follows its paragraph by the hash of the source text; one whose paragraph
    was edited since (or removed) is returned apart, with the text it was asked about.
    """
    positions = {block_hash(row.source_text): row.position for row in rows}
    placed: dict[int, list[ParagraphQuery]] = defaultdict(list)
    adrift = []
    for query in (
        ParagraphQuery.objects.open()
        .filter(story=story)
        .select_related("asked_by", "addressed_to", "answered_by")
    ):
        position = positions.get(query.source_hash)
        if position is None:
            adrift.append(query)
        else:
            placed[position].append(query)
    return dict(placed), adrift


def review_extras(
    request_user: User, story: Story, language: str, rows: list[Segment]
) -> dict[str, object]:
    """What the review page adds for terminology and queries (desk/_queries.html)."""
    placed, adrift = by_paragraph(story, rows)
    labels = {row.position: _paragraph_label(row) for row in rows}
    source = story.source_language
    translated = language != source and bool(rows)
    # One glossary (entries, sections, tags) for both the spans and the consistency check.
    glossary = drafting.glossary_for(source, language) if translated else None
    return {
        "story": story,
        "language": language,
        "labels": labels,
        "paragraphs": [
            {
                "position": position,
                "label": labels.get(position, ""),
                "queries": [(q, may_answer(request_user, q)) for q in found],
            }
            for position, found in sorted(placed.items())
        ],
        "adrift": [(q, may_answer(request_user, q)) for q in adrift],
        "rows": [(row.pk, labels[row.position]) for row in rows if row.source_text.strip()],
        "inconsistencies": [
            {
                "term": found.term,
                "rendering": found.rendering,
                "having": [(p, labels.get(p, "")) for p in found.with_rendering],
                "lacking": [(p, labels.get(p, "")) for p in found.without],
                "others": found.others,
            }
            for found in (
                terminology.inconsistencies(rows, source, language, glossary) if translated else []
            )
        ],
        "term_spans": (
            terminology.term_spans(rows, source, language, glossary) if translated else {}
        ),
        "may_ask": bool(rows)
        and request_user is not None
        and allowed(request_user, "desk.change_segment", language),
    }


def _paragraph_label(row: Segment) -> str:
    if row.kind == "headline":
        return _("Headline")
    if row.kind == "standfirst":
        return _("Standfirst")
    return f"¶ {row.position - 1}"
