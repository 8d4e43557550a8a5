"""What the pictures require before a story's words reach readers.

The workflow asks its registered gates before every publication; media sits beside the
workflow and may not import it, so an app above both (public) wraps this check in a gate.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from prensa.lib.languages import name_in_text
from prensa.newsroom.models import Edition

from .texts import lead_picture


def publication_problem(edition: Edition) -> str | None:
    """Why `edition` may not be published because of its lead picture, or None.

    The lead picture needs alt text in the story's source language, written by a person;
    alt text in the other languages is drafted with the translations.
    """
    image = lead_picture(edition)
    if image is None:
        return None
    source = edition.story.source_language
    if image.alt_in(source).strip():
        return None
    return _(
        "The lead picture has no alt text in %(language)s, the story's source language: "
        "describe the picture for readers who cannot see it, then publish."
    ) % {"language": name_in_text(source)}
