"""The desk's memory of how each translated edition was made.

A translated edition is stored twice on purpose: as the Edition readers see
(headline, standfirst, body) and as Segments, one per source block, each
remembering the source block it was made from, the machine's draft and a
person's post-edit as separate layers. The Edition is composed from the
segments whenever the desk changes them.
"""

from __future__ import annotations

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prensa.newsroom.models import Edition, Language, Story
from prensa.translation import staleness
from prensa.translation.staleness import State

HEADLINE, STANDFIRST = 0, 1  # positions of the two blocks before the body


def lease() -> timedelta:
    """How long a running draft may go without a heartbeat before it counts as abandoned."""
    return timedelta(seconds=settings.PRENSA_DRAFT_LEASE_SECONDS)


class DraftJobQuerySet(models.QuerySet["DraftJob"]):
    def active(self) -> DraftJobQuerySet:
        return self.filter(status__in=[DraftJob.Status.QUEUED, DraftJob.Status.RUNNING])

    def abandoned(self) -> DraftJobQuerySet:
        """Running jobs whose worker has given no sign of life for longer than the lease."""
        cutoff = timezone.now() - lease()
        return self.filter(status=DraftJob.Status.RUNNING).filter(
            models.Q(heartbeat_at__lt=cutoff)
            | models.Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
            | models.Q(heartbeat_at__isnull=True, started_at__isnull=True)
        )


class DraftJob(models.Model):
    """One request to draft (or re-draft) a story's edition in one language.

    A worker running the job writes `heartbeat_at` between batches of paragraphs; a
    running job whose heartbeat is older than the lease lost its worker (killed, out of
    memory, machine gone) and is queued again or failed (prensa.desk.tasks).
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Done")
        FAILED = "failed", _("Failed")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="draft_jobs")
    language = models.CharField(max_length=2, choices=Language.choices)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    error = models.TextField(blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    created_at = models.DateTimeField(default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    retry_at = models.DateTimeField(null=True, blank=True)
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    objects = DraftJobQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["story", "language", "-created_at"])]

    def __str__(self) -> str:
        return f"Draft {self.story_id}/{self.language}: {self.status}"

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    @property
    def max_attempts(self) -> int:
        """How many times the worker tries before the job fails (an engine may be down)."""
        return getattr(settings, "PRENSA_DRAFT_MAX_ATTEMPTS", 4)


class SegmentState(models.TextChoices):
    """What the desk knows about one paragraph of a translation.

    The engine room's pure states (prensa.translation.staleness.State) plus EDITED: a
    person saved their own words but has not confirmed them. Only CONFIRMED (stored as
    "reviewed", the pure state's value) counts towards a reviewed edition.
    """

    MACHINE = State.MACHINE.value, pgettext_lazy("paragraph state", "machine")
    MEMORY = State.MEMORY.value, pgettext_lazy("paragraph state", "from memory")
    EDITED = "edited", pgettext_lazy("paragraph state", "edited, not confirmed")
    CONFIRMED = State.REVIEWED.value, pgettext_lazy("paragraph state", "confirmed")
    STALE = State.STALE.value, pgettext_lazy("paragraph state", "stale")
    MISSING = State.MISSING.value, pgettext_lazy("paragraph state", "not drafted")


# How the review page labels a segment's state.
STATE_LABELS = {state.value: state.label for state in SegmentState}


def desk_state(pure: staleness.Segment) -> str:
    """The stored state of a pure segment: unconfirmed words of a person are EDITED."""
    if pure.state in (State.MACHINE, State.MEMORY) and pure.human_text is not None:
        return SegmentState.EDITED
    return pure.state.value


class Segment(models.Model):
    """One block of a translated edition (see prensa.translation.staleness.Segment)."""

    edition = models.ForeignKey(Edition, on_delete=models.CASCADE, related_name="segments")
    position = models.PositiveIntegerField()
    source_hash = models.CharField(max_length=64, blank=True)
    source_text = models.TextField(blank=True)
    previous_source_text = models.TextField(null=True, blank=True)
    machine_text = models.TextField(blank=True)
    human_text = models.TextField(null=True, blank=True)
    state = models.CharField(
        max_length=10,
        choices=SegmentState.choices,
        default=SegmentState.MACHINE,
    )
    # Fidelity problems found for this block (list of {"code", "message"}), and whether a
    # person has seen them and decided they are fine.
    issues = models.JSONField(default=list, blank=True)
    issues_acknowledged = models.BooleanField(default=False)
    # Similar approved sentences from the translation memory: [{"source", "target", "score"}].
    suggestions = models.JSONField(default=list, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["edition", "position"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "position"], name="segment_unique_position")
        ]
        # The desk's front page finds stale and unconfirmed paragraphs by state.
        indexes = [models.Index(fields=["state", "edition"], name="segment_state_edition")]

    def __str__(self) -> str:
        return f"{self.edition_id}#{self.position} ({self.state})"

    @property
    def text(self) -> str:
        return self.human_text if self.human_text is not None else self.machine_text

    @property
    def is_confirmed(self) -> bool:
        return self.state == SegmentState.CONFIRMED

    @property
    def has_open_issues(self) -> bool:
        return bool(self.issues) and not self.issues_acknowledged

    @property
    def kind(self) -> str:
        return {HEADLINE: "headline", STANDFIRST: "standfirst"}.get(self.position, "body")

    def as_pure(self) -> staleness.Segment:
        return staleness.Segment(
            source_hash=self.source_hash,
            source_text=self.source_text,
            machine_text=self.machine_text,
            human_text=self.human_text,
            # The pure layer knows no EDITED: a person's unconfirmed words sit on a draft.
            state=State.MACHINE if self.state == SegmentState.EDITED else State(self.state),
            previous_source_text=self.previous_source_text,
        )

    def take(self, pure: staleness.Segment) -> None:
        """Copy the fields of a pure segment onto this row."""
        self.source_hash = pure.source_hash
        self.source_text = pure.source_text
        self.machine_text = pure.machine_text
        self.human_text = pure.human_text
        self.state = desk_state(pure)
        self.previous_source_text = pure.previous_source_text


class ParagraphQueryQuerySet(models.QuerySet["ParagraphQuery"]):
    def open(self) -> ParagraphQueryQuerySet:
        """Queries not resolved yet (answered ones stay open until someone resolves them)."""
        return self.exclude(status=ParagraphQuery.Status.RESOLVED)


class ParagraphQuery(models.Model):
    """A translator's question on a source paragraph, addressed to the story's author.

    It points at the paragraph by the hash of its source text (as the segments do), so
    it stays with the paragraph wherever the source moves it; a query whose paragraph
    was since edited keeps the text it was asked about. Plain text only.
    """

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        ANSWERED = "answered", _("answered")
        RESOLVED = "resolved", _("resolved")

    story = models.ForeignKey(Story, on_delete=models.CASCADE, related_name="paragraph_queries")
    language = models.CharField(max_length=2, choices=Language.choices)
    position = models.PositiveIntegerField()
    source_hash = models.CharField(max_length=64)
    source_text = models.TextField()
    question = models.TextField()
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="paragraph_queries_asked",
    )
    # The person it is addressed to: the staff user who wrote the source edition, when
    # the site knows (prensa.desk.queries.author_of); the credited names in any case.
    addressed_to = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="paragraph_queries_received",
    )
    addressed_names = models.CharField(max_length=300, blank=True)
    answer = models.TextField(blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    answered_at = models.DateTimeField(null=True, blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    objects = ParagraphQueryQuerySet.as_manager()

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["status", "story"], name="paragraphquery_status_story")]

    def __str__(self) -> str:
        return f"Query {self.pk} on {self.story_id}#{self.position} ({self.status})"

    @property
    def is_open(self) -> bool:
        return self.status != self.Status.RESOLVED
