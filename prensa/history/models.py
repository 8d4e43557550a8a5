"""The revisions of editions, recorded by django-simple-history.

A historical row is written by a post_save receiver, so every save path (the admin,
the desk, the CLI, the worker) leaves a revision without wrapping each in a revision
block, as django-reversion would need. The model is registered from here so the
newsroom stays unaware of its history and the table lives in this app's migrations.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from simple_history import register

from prensa.newsroom.models import Edition

register(
    Edition,
    app=__package__,
    # The search vector is derived from the text and rebuilt on save, and the section is
    # the story's, copied for listings: keeping copies would only make revisions heavier.
    excluded_fields=["search_vector", "section"],
    verbose_name=_("revision of an edition"),
    verbose_name_plural=_("revisions of editions"),
)

EditionRevision = Edition.history.model
