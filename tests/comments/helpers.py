"""Posting comments the way the form does, without waiting for the robot timer."""

from __future__ import annotations

import time
from itertools import count

from django.core.cache.backends.base import BaseCache
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse
from django.utils import translation

from prensa.comments.forms import issue_token
from prensa.comments.models import Comment
from prensa.newsroom.models import Edition, Story
from tests.pages import Element, parse

_addresses = count(1)


def edition_of(story: Story, language: str) -> Edition:
    return story.editions.get(language=language)


def url(name: str, language: str, **kwargs: int) -> str:
    with translation.override(language):
        return reverse(f"comments:{name}", kwargs=kwargs)


def thread_url(edition: Edition) -> str:
    return url("thread", edition.language, edition_id=edition.pk)


def fragment_url(edition: Edition) -> str:
    return url("fragment", edition.language, edition_id=edition.pk)


def post_url(edition: Edition) -> str:
    return url("post", edition.language, edition_id=edition.pk)


def report_url(comment: Comment) -> str:
    return url("report", comment.edition.language, comment_id=comment.pk)


def form_data(edition: Edition, **fields: object) -> dict:
    """A filled-in comment form, shown to the reader a minute ago."""
    data = {
        "name": "Ana Reader",
        "email": "",
        "body": f"A thoughtful comment {next(_addresses)}.",
        "parent": "",
        "started": issue_token(edition.pk, at=time.time() - 60),
        "website": "",
    }
    data.update({key: value for key, value in fields.items()})
    return {key: value for key, value in data.items() if value is not None}


def new_address() -> str:
    n = next(_addresses)
    return f"198.51.{n // 250 % 250}.{n % 250 + 1}"


def post_comment(
    client: Client,
    edition: Edition,
    ip: str | None = None,
    fragment: bool = False,
    **fields: object,
) -> HttpResponse:
    """POST the comment form from its own network address (so rate limits stay out of the way)."""
    extra = {"REMOTE_ADDR": ip or new_address()}
    if fragment:
        extra["HTTP_X_REQUESTED_WITH"] = "XMLHttpRequest"
    return client.post(post_url(edition), form_data(edition, **fields), **extra)


def the_comment() -> Comment:
    (comment,) = Comment.objects.all()
    return comment


def make_comment(edition: Edition, **fields: object) -> Comment:
    """A comment straight in the database, published unless told otherwise."""
    values = {
        "name": "Bea Commenter",
        "body": f"Stored comment {next(_addresses)}",
        "state": Comment.State.PUBLISHED,
        "needs_review": False,
    }
    values.update(fields)
    parent = values.get("parent")
    if parent is not None:
        values.setdefault("root", parent.root or parent)
        values.setdefault("depth", parent.depth + 1)
    return Comment.objects.create(edition=edition, **values)


def messages_in(doc: Element) -> list[str]:
    return [el.text for el in doc.find_all(class_="comments__message")]


def field_errors(doc: Element) -> list[str]:
    return [el.text for el in doc.find_all(class_="comment-form__error")]


def all_errors(doc: Element) -> list[str]:
    return messages_in(doc) + field_errors(doc)


def page(response: HttpResponse) -> Element:
    return parse(response.content)


def comment_texts(doc: Element) -> list[str]:
    return [el.text for el in doc.find_all(class_="comment__body")]


class BrokenCache(BaseCache):
    """A cache whose server is down: every call fails."""

    def __init__(self, location: str, params: dict) -> None:
        super().__init__(params)

    def _fail(self, *args: object, **kwargs: object) -> None:
        raise ConnectionError("cache server unreachable")

    add = get = set = incr = delete = clear = touch = _fail
