"""What the desk does, as small actions with check() and execute().

Views, the CLI and tasks call these; each checks permissions and state first
and raises `ActionError` with a message a person can act on.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.db import transaction
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from prensa.desk.issues import describe
from prensa.lib.languages import name_in_text
from prensa.newsroom.models import Edition, Story
from prensa.staff.access import refusal
from prensa.translation.errors import UnsupportedPair
from prensa.translation.staleness import Segment as PureSegment
from prensa.translation.staleness import State, block_hash, mark_reviewed, refresh
from prensa.workflow.transitions import (
    Publish,
    SubmitForReview,
    Transition,
    TransitionError,
    Update,
)

from . import drafting, segments
from .models import HEADLINE, Segment, SegmentState

logger = logging.getLogger(__name__)

User = AbstractBaseUser | AnonymousUser | None

# The longest paragraph a translator may save. News paragraphs run to a few hundred
# characters; the bound keeps one pasted accident from becoming a page nobody can load.
MAX_PARAGRAPH_CHARS = 10_000
MAX_HEADLINE_CHARS = drafting.MAX_HEADLINE_CHARS


class ActionError(Exception):
    """A refused action: `message` says why, `status` is the HTTP status a view should answer."""

    def __init__(self, message: str, status: int = 400) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def _require(user: User, permission: str, language: str | None = None) -> None:
    """`None` is the system itself (CLI, tasks); people need the permission and, for work
    in a `language`, that language assigned to them (prensa.staff.access)."""
    message = refusal(user, permission, language)
    if message is not None:
        raise ActionError(message, status=403)


def source_edition(story: Story) -> Edition:
    source = story.edition_for(story.source_language)
    if source is None:
        raise ActionError(
            _("This story has no edition in its source language (%(language)s).")
            % {"language": story.get_source_language_display()},
            status=409,
        )
    if not source.body.strip():
        raise ActionError(_("The source edition has no body to translate."), status=409)
    return source


@dataclass
class DraftEdition:
    """Draft (or re-draft the stale and missing parts of) one language edition of a story.

    `progress`, when given, is called after each batch of paragraphs the engine
    translates and once more, inside the transaction, just before anything is written;
    the worker uses it as its heartbeat, and it may raise to stop the draft unwritten.
    """

    story: Story
    language: str
    user: User = None
    progress: Callable[[], None] | None = None
    report: drafting.Draft | None = field(default=None, init=False)

    def check(self) -> Edition:
        _require(self.user, "desk.add_segment", self.language)
        if self.language == self.story.source_language:
            raise ActionError(_("This is the story's source language."), status=409)
        source = source_edition(self.story)
        try:
            drafting.check_pair(source.language, self.language)
        except UnsupportedPair as exc:
            raise ActionError(
                _(
                    "No translation engine is configured from %(source)s to %(target)s. "
                    "Name one for this pair in PRENSA_MT_ENGINES."
                )
                % {
                    "source": name_in_text(source.language),
                    "target": name_in_text(self.language),
                },
                status=409,
            ) from exc
        return source

    def execute(self) -> Edition:
        source = self.check()
        blocks = source.blocks()
        target = Edition.objects.filter(story=self.story, language=self.language).first()
        rows = segments.load(target) if target else []
        if target is not None and not rows and target.body.strip():
            # Written by hand: its words become reviewed segments, never machine text.
            if not segments.adopt(source, target):
                raise ActionError(
                    _(
                        "This edition was written by hand and its paragraphs do not line up "
                        "with the source's, so the desk cannot track it. Edit it in the admin, "
                        "or delete it to draft a new one."
                    ),
                    status=409,
                )
            rows = segments.load(target)
            target.translated_from, target.source_revision = source, source.revision
            target.save(update_fields=["translated_from", "source_revision"])
        pure, carried = segments.realign_rows(rows, blocks)
        needed = [
            i for i, segment in enumerate(pure) if segment.state in (State.STALE, State.MISSING)
        ]
        if target is not None and rows and not needed:
            return target  # nothing changed in the source since the last draft

        # The engine runs before anything is written: if it fails, nothing changes.
        self.report = drafting.machine_draft(
            [blocks[i] for i in needed],
            source.language,
            self.language,
            positions=needed,
            progress=self.progress,
        )
        with transaction.atomic():
            if self.progress is not None:
                self.progress()
            current = Edition.objects.select_for_update().get(pk=source.pk)
            if current.revision != source.revision:
                raise ActionError(
                    _("The source changed while the draft was being made; try again."), status=409
                )
            if target is not None:
                _take_changes_made_meanwhile(target, pure, carried)
            for i, text, origin in zip(needed, self.report.texts, self.report.origins, strict=True):
                pure[i] = refresh(pure[i], text, origin)
            if target is None:  # its slug comes from the translated headline
                target = Edition(story=self.story, language=self.language)
                segments.compose(target, [segment.text for segment in pure])
                target.save()
            stored = segments.replace_segments(target, pure, carried)
            for i, issues, similar in zip(
                needed, self.report.issues, self.report.suggestions, strict=True
            ):
                stored[i].issues = issues
                stored[i].issues_acknowledged = False
                stored[i].suggestions = similar
            Segment.objects.bulk_update(
                [stored[i] for i in needed], ["issues", "issues_acknowledged", "suggestions"]
            )
            target.translated_from = source
            target.source_revision = source.revision
            if not target.is_live:
                segments.compose(target, [row.text for row in stored])
                target.origin = Edition.Origin.MACHINE
            target.save()
        logger.info("Drafted %s/%s: %d blocks", self.story.pk, self.language, len(needed))
        return target


def _take_changes_made_meanwhile(
    target: Edition, pure: list[PureSegment], carried: list[Segment | None]
) -> None:
    """Words saved or confirmed at the desk while the engine was drafting win over the rows
    read before it started (the review page saves typing as it goes)."""
    fresh = {row.pk: row for row in Segment.objects.select_for_update().filter(edition=target)}
    for i, old in enumerate(carried):
        now = fresh.get(old.pk) if old is not None else None
        if now is None or (now.human_text, now.state) == (old.human_text, old.state):
            continue
        carried[i] = now
        if pure[i].state in (State.STALE, State.MISSING):
            pure[i] = replace(pure[i], human_text=now.human_text)
        else:
            pure[i] = replace(now.as_pure(), source_text=pure[i].source_text)


def _person(user: User) -> AbstractBaseUser | None:
    return user if user is not None and user.is_authenticated else None


def _reviewable(segment: Segment, user: User) -> None:
    _require(user, "desk.change_segment", segment.edition.language)
    if segment.state == State.MISSING:
        raise ActionError(_("This paragraph has not been drafted yet."), status=409)


@dataclass
class SaveSegment:
    """A translator's own wording for one block, kept apart from the machine's draft."""

    segment: Segment
    text: str
    user: User = None
    # The fingerprint of the text the person started from (see `text_version`). A save
    # must say it: one over someone else's newer words is refused instead of overwriting
    # them, and one that does not say which version it changes could not be told apart.
    based_on: str | None = None

    def check(self) -> str:
        _reviewable(self.segment, self.user)
        text = self.text.replace("\r\n", "\n").strip()
        if not text and self.segment.source_text.strip():
            raise ActionError(_("A translation cannot be empty."))
        if len(text) > MAX_PARAGRAPH_CHARS:
            raise ActionError(
                _(
                    "A paragraph can have at most %(limit)s characters; this one has "
                    "%(count)s. Split it, or shorten it. Your text is kept in the box below."
                )
                % {
                    "limit": number_format(MAX_PARAGRAPH_CHARS, force_grouping=True),
                    "count": number_format(len(text), force_grouping=True),
                }
            )
        if self.segment.position == HEADLINE and len(text) > MAX_HEADLINE_CHARS:
            raise ActionError(
                _(
                    "A headline can have at most %(limit)s characters; this one has "
                    "%(count)s. Shorten it. Your text is kept in the box below."
                )
                % {"limit": MAX_HEADLINE_CHARS, "count": len(text)}
            )
        if not self.based_on:
            raise ActionError(
                _(
                    "This save did not say which version of the paragraph it changes, so it "
                    "could overwrite someone else's words; nothing was saved. The current "
                    "version is shown now; your text is kept in the box below it."
                )
            )
        if self.based_on != text_version(self.segment):
            raise ActionError(
                _(
                    "Someone else changed this paragraph while you were editing it. Their "
                    "version is shown now; your text is kept in the box below it."
                ),
                status=409,
            )
        return text

    def execute(self) -> Segment:
        with transaction.atomic():
            self._lock()
            text = self.check()
            segment = self.segment
            changed = text != segment.text
            segment.human_text = None if text == segment.machine_text else text
            if changed and segment.state not in (SegmentState.STALE, SegmentState.MISSING):
                # A person's words are not a confirmation: even a confirmed paragraph goes
                # back to "edited" until someone confirms the new words.
                segment.state = (
                    SegmentState.EDITED if segment.human_text is not None else SegmentState.MACHINE
                )
            edition = segment.edition
            source = edition.translated_from
            segment.issues = drafting.block_issues(
                segment.source_text,
                segment.text,
                source.language if source else "",
                edition.language,
            )
            segment.issues_acknowledged = False
            segment.save()
            _recompose_unpublished(edition)
        return segment

    def _lock(self) -> None:
        """Read the paragraph again under row locks (its edition's, then its own), so the
        version check and the write are one step: of two saves made from one version at
        once, the second waits, sees the first one's words and is refused as a conflict
        instead of laying its own over them."""
        Edition.objects.select_for_update().filter(pk=self.segment.edition_id).exists()
        try:
            self.segment.refresh_from_db(from_queryset=Segment.objects.select_for_update())
        except Segment.DoesNotExist:
            raise ActionError(_("This paragraph no longer exists."), status=409) from None


def text_version(segment: Segment) -> str:
    """A fingerprint of a segment's current text, for optimistic locking in the review form."""
    return block_hash(segment.text)[:16]


def source_version(segment: Segment) -> str:
    """A fingerprint of the source block a person sees beside the segment."""
    return block_hash(segment.source_text)[:16]


@dataclass
class ReviewSegment:
    """A person confirms one block; open fidelity problems need an explicit acknowledgement.

    Like a save, a confirmation must say which version of the text (`based_on`) and of the
    source (`source_based_on`) the person read: a paragraph whose source changed since the
    page was loaded is refused with a conflict, never confirmed unread.
    """

    segment: Segment
    user: User = None
    acknowledge: bool = False
    based_on: str | None = None
    source_based_on: str | None = None

    def check(self) -> None:
        _reviewable(self.segment, self.user)
        if not self.based_on or not self.source_based_on:
            raise ActionError(
                _(
                    "This confirmation did not say which version of the paragraph and of its "
                    "source you read, so nothing was confirmed. Reload the page and confirm again."
                )
            )
        if self.source_based_on != source_version(self.segment):
            raise ActionError(
                _(
                    "The source of this paragraph changed after you opened the page, so it was "
                    "not confirmed. Read the new source (the changes are marked) and confirm again."
                ),
                status=409,
            )
        if self.based_on != text_version(self.segment):
            raise ActionError(
                _(
                    "Someone else changed this paragraph after you opened the page, so it was "
                    "not confirmed. Their version is shown now; read it and confirm again."
                ),
                status=409,
            )
        if self.segment.has_open_issues and not self.acknowledge:
            raise ActionError(
                _(
                    "Fidelity checks failed for this paragraph: %(issues)s Tick “acknowledge” "
                    "to approve it anyway."
                )
                % {"issues": " ".join(describe(i) for i in self.segment.issues)},
                status=409,
            )

    def execute(self) -> Segment:
        self.check()
        segment = self.segment
        segment.take(mark_reviewed(segment.as_pure()))
        segment.issues_acknowledged = segment.issues_acknowledged or self.acknowledge
        segment.reviewed_by = _person(self.user)
        segment.reviewed_at = timezone.now()
        segment.save()
        edition = segment.edition
        # Only a paragraph a person confirmed feeds the translation memory.
        if edition.translated_from is not None:
            drafting.remember(
                segment.source_text,
                segment.text,
                edition.translated_from.language,
                edition.language,
            )
        _recompose_unpublished(edition)
        return segment


def open_flags(rows: list[Segment]) -> list[dict]:
    """The unacknowledged fidelity flags of unconfirmed paragraphs, worded for a person."""
    return [
        {"position": row.position, "check": issue.get("check", ""), "message": describe(issue)}
        for row in rows
        if not row.is_confirmed and row.has_open_issues
        for issue in row.issues
    ]


@dataclass
class PublishEdition:
    """Publish a translated edition through the workflow's transitions (prensa.workflow);
    unreviewed machine text needs `allow_machine`, as the desk's review gate says."""

    edition: Edition
    user: User = None
    allow_machine: bool = False

    def check(self) -> list[Segment]:
        _require(self.user, "newsroom.publish_edition", self.edition.language)
        rows = segments.load(self.edition)
        try:
            state = None
            for step in self._steps():
                step.check(state)
                state = step.target
        except TransitionError as exc:
            raise ActionError(exc.message, exc.status) from exc
        return rows

    def _steps(self) -> list[Transition]:
        """The workflow's transitions this publication goes through, in order.

        The review gate (desk/gate.py) runs inside them. A draft is submitted for review
        and published at once: at the desk, confirming the paragraphs is the review. An
        edition already out is published again as an update.
        """
        edition, user, machine = self.edition, self.user, self.allow_machine
        if edition.is_live:
            return [Update(edition, user, allow_machine=machine)]
        steps: list[Transition] = []
        if edition.status == Edition.Status.DRAFT:
            steps.append(SubmitForReview(edition, user))
        steps.append(Publish(edition, user, allow_machine=machine))
        return steps

    def execute(self) -> Edition:
        self.check()
        edition = self.edition
        try:
            with transaction.atomic():
                for step in self._steps():
                    step.execute()
        except TransitionError as exc:
            raise ActionError(exc.message, exc.status) from exc
        logger.info("Published edition %s (%s)", edition.pk, edition.origin)
        return edition


def _recompose_unpublished(edition: Edition) -> None:
    """Draft editions follow the desk; published ones change only when published again."""
    if not edition.is_live:
        with transaction.atomic():
            # Read afresh under its row lock: paragraphs saved at once each reach the text,
            # and each save is one revision after the one before it.
            edition = Edition.objects.select_for_update().get(pk=edition.pk)
            if edition.is_live:
                return
            segments.compose(edition, [row.text for row in segments.load(edition)])
            edition.save()
