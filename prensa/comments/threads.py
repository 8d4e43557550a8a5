"""A page of a thread: top-level comments oldest first, each with its replies, in 3 queries."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from prensa.lib.numbers import positive_int
from prensa.newsroom.models import Edition

from . import conf
from .models import Comment


@dataclass
class Node:
    comment: Comment
    # The reader may read it: published, or their own comment still awaiting moderation.
    shown: bool
    children: list[Node] = field(default_factory=list)

    @property
    def awaiting_moderation(self) -> bool:
        return self.shown and self.comment.state == Comment.State.PENDING


def _shown(own_ids: Iterable[int]) -> Q:
    return Q(state=Comment.State.PUBLISHED) | Q(pk__in=list(own_ids), state=Comment.State.PENDING)


def roots(edition: Edition, own_ids: Iterable[int] = ()) -> QuerySet[Comment]:
    """Top-level comments that are shown, or that have a reply that is."""
    own_ids = list(own_ids)
    shown_reply = Comment.objects.filter(root=OuterRef("pk")).filter(_shown(own_ids))
    return (
        Comment.objects.filter(edition=edition, parent__isnull=True)
        .filter(_shown(own_ids) | Exists(shown_reply))
        .order_by("created_at", "pk")
    )


def load(
    edition: Edition, page_number: str | None, own_ids: Iterable[int] = ()
) -> tuple[Page, list[Node]]:
    """One page of threads; Http404 for a page that does not exist."""
    own_ids = list(own_ids)
    number = positive_int(page_number or "1")
    if number is None:
        raise Http404("Page numbers are positive whole numbers")
    paginator = Paginator(roots(edition, own_ids), conf.page_size())
    if number > 1 and number > paginator.num_pages:
        raise Http404("No such page")
    page = paginator.page(number)
    top = list(page.object_list)
    replies = list(Comment.objects.filter(root__in=top).order_by("created_at", "pk")) if top else []
    shown_ids = {c.pk for c in [*top, *replies] if _is_shown(c, own_ids)}
    return page, build(top, replies, shown_ids)


def _is_shown(comment: Comment, own_ids: list[int]) -> bool:
    return comment.state == Comment.State.PUBLISHED or (
        comment.pk in own_ids and comment.state == Comment.State.PENDING
    )


def build(top: list[Comment], replies: list[Comment], shown_ids: set[int]) -> list[Node]:
    """Nest replies under their parents; drop hidden branches with nothing shown in them."""
    nodes = {c.pk: Node(c, c.pk in shown_ids) for c in [*top, *replies]}
    for reply in replies:
        parent = nodes.get(reply.parent_id)
        if parent is not None:
            parent.children.append(nodes[reply.pk])
    return [node for node in (nodes[c.pk] for c in top) if _prune(node)]


def _prune(node: Node) -> bool:
    node.children = [child for child in node.children if _prune(child)]
    return node.shown or bool(node.children)


def page_of(comment: Comment, own_ids: Iterable[int] = ()) -> int:
    """The page number on which `comment`'s thread appears."""
    root = comment.root or comment
    before = (
        roots(comment.edition, own_ids)
        .filter(Q(created_at__lt=root.created_at) | Q(created_at=root.created_at, pk__lt=root.pk))
        .count()
    )
    return before // conf.page_size() + 1


def published_count(edition_id: int) -> int:
    return Comment.objects.filter(edition_id=edition_id, state=Comment.State.PUBLISHED).count()
