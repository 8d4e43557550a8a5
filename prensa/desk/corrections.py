"""Corrections and updates: an editor's dated note on a published story, in every language.

The editor writes the note on the story's source edition, with an internal reason. It
publishes there at once, through the workflow's `update` transition (the edition becomes
"updated", the log keeps who, when and the reason). In the translations the note is one
more block after the body (Edition.blocks): it comes up missing in each, is machine-drafted
by the worker, and is reviewed and published like any paragraph behind the desk's review
gate. Changing the note later marks exactly that block stale in every translation.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from prensa.newsroom.models import Correction, Edition, Story
from prensa.staff.access import User, allowed
from prensa.translation.errors import TranslationError
from prensa.workflow.transitions import TransitionError, Update

from . import segments
from .actions import MAX_PARAGRAPH_CHARS, ActionError

logger = logging.getLogger(__name__)

PERMISSION = "newsroom.correct_edition"


@dataclass
class _PublishNote(Update):
    """The workflow's update of a live edition, asked of whoever may correct it."""

    permission = PERMISSION

    def _may(self) -> bool:
        # Correcting is an editor's call, not translation work: no language assignment needed.
        return allowed(self.user, self.permission)

    def _apply(self, edition: Edition) -> None:
        super()._apply(edition)
        edition.modified_at = timezone.now()  # readers' "updated" time, feeds, dateModified


@dataclass
class WriteNote:
    """Add a correction or update note to a published story, or change one (`note`)."""

    story: Story
    kind: str
    text: str
    reason: str = ""
    user: User = None
    note: Correction | None = None

    def check(self) -> Edition:
        source = self._source()
        if not allowed(self.user, PERMISSION):
            raise ActionError(_("You do not have permission to do this."), status=403)
        if not source.is_published:
            raise ActionError(
                _(
                    "This story is not published, so there is nothing to correct: change its "
                    "text before it is published instead."
                ),
                status=409,
            )
        if self.kind not in Correction.Kind.values:
            raise ActionError(_("Choose whether this is a correction or an update."))
        text = self.text.strip()
        if not text:
            raise ActionError(_("Write the note readers will see: it cannot be empty."))
        if not self.reason.strip():
            raise ActionError(
                _("Say why, for the newsroom's record (readers never see the reason).")
            )
        if len(text) > MAX_PARAGRAPH_CHARS:
            raise ActionError(
                _("A note can have at most %(limit)s characters; this one has %(count)s.")
                % {"limit": MAX_PARAGRAPH_CHARS, "count": len(text)}
            )
        if self.note is not None and self.note.edition_id != source.pk:
            raise ActionError(_("This note belongs to another story."), status=409)
        try:
            _PublishNote(source, self.user, note=self.reason).check()
        except TransitionError as exc:
            raise ActionError(exc.message, status=exc.status) from exc
        return source

    def _source(self) -> Edition:
        source = self.story.edition_for(self.story.source_language)
        if source is None:
            raise ActionError(
                _("This story has no edition in its source language, so nothing to correct."),
                status=409,
            )
        return source

    def execute(self) -> Correction:
        source = self.check()
        text, reason = self.text.strip(), self.reason.strip()
        with transaction.atomic():
            if self.note is None:
                note = Correction.objects.create(
                    edition=source,
                    kind=self.kind,
                    text=text,
                    reason=reason,
                    created_by=self.user if self.user and self.user.is_authenticated else None,
                )
            else:
                note = self.note
                note.kind, note.text, note.reason = self.kind, text, reason
                note.save(update_fields=["kind", "text", "reason"])
            try:
                _PublishNote(source, self.user, note=reason).execute()
            except TransitionError as exc:
                raise ActionError(exc.message, status=exc.status) from exc
            # Each translation gets the note as a missing (or, changed, stale) block.
            segments.realign_translations(source)
            transaction.on_commit(lambda: _draft_translations(self.story, source))
        logger.info("Note %s on edition %s (%s)", note.pk, source.pk, note.kind)
        return note


def _draft_translations(story: Story, source: Edition) -> None:
    """Machine-draft the note in every translation (the system asks: the editor who
    corrects need not be a translator); a language without an engine is left for the desk."""
    from .tasks import enqueue_draft

    for edition in Edition.objects.filter(story=story).exclude(pk=source.pk):
        try:
            enqueue_draft(story, edition.language, None)
        except (ActionError, TranslationError) as exc:
            logger.warning("Note not drafted in %s: %s", edition.language, exc)
