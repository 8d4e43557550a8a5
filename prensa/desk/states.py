"""What the desk's table shows for each story and language, computed in a fixed number of queries."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from prensa.newsroom.models import LANGUAGE_CODES, Edition, Story
from prensa.translation.staleness import State

from .models import DraftJob, Segment, SegmentState

LABELS = {
    "missing": _("missing"),
    "queued": _("queued"),
    "running": _("running"),
    "failed": _("failed"),
    "original": _("original"),
    "machine": _("machine draft"),
    "in_review": _("in review"),
    "reviewed": _("reviewed"),
    "stale": _("stale"),
    "published": _("published"),
    "manual": _("written by hand"),
}


@dataclass
class Cell:
    """One story × language cell of the desk."""

    story: Story
    language: str
    state: str
    edition: Edition | None = None
    job: DraftJob | None = None
    counts: dict[str, int] | None = None

    @property
    def label(self) -> str:
        return str(LABELS[self.state])

    @property
    def needs_draft(self) -> bool:
        return self.state in ("missing", "stale", "failed")

    @property
    def is_machine_published(self) -> bool:
        return (
            self.state == "published"
            and self.edition is not None
            and self.edition.origin == Edition.Origin.MACHINE
        )


def needing_work(stories: QuerySet[Story]) -> QuerySet[Story]:
    """Stories with an edition missing, a stale or undrafted paragraph, or a failed draft."""
    stale = Segment.objects.filter(
        edition__story=OuterRef("pk"), state__in=[State.STALE, State.MISSING]
    )
    failed = DraftJob.objects.filter(story=OuterRef("pk"), status=DraftJob.Status.FAILED)
    return stories.annotate(edition_count=Count("editions", distinct=True)).filter(
        Q(edition_count__lt=len(LANGUAGE_CODES)) | Exists(stale) | Exists(failed)
    )


def cells_for(stories: list[Story], languages: list[str]) -> dict[int, list[Cell]]:
    """Cells for each story (by pk), in `languages` order. Stories must prefetch `editions`."""
    story_ids = [story.pk for story in stories]
    latest_jobs: dict[tuple[int, str], DraftJob] = {}
    for job in DraftJob.objects.filter(story_id__in=story_ids).order_by("created_at", "pk"):
        latest_jobs[(job.story_id, job.language)] = job  # the newest wins
    counts: dict[int, dict[str, int]] = defaultdict(dict)
    rows = (
        Segment.objects.filter(edition__story_id__in=story_ids)
        .values("edition_id", "state")
        .annotate(n=Count("pk"))
    )
    for row in rows:
        counts[row["edition_id"]][row["state"]] = row["n"]
    return {
        story.pk: [
            _cell(story, code, latest_jobs.get((story.pk, code)), counts) for code in languages
        ]
        for story in stories
    }


def cell_for(story: Story, language: str) -> Cell:
    """One story's cell in one language (prefetch the story's editions to save a query)."""
    return cells_for([story], [language])[story.pk][0]


def _cell(
    story: Story, language: str, job: DraftJob | None, counts: dict[int, dict[str, int]]
) -> Cell:
    edition = story.edition_for(language)
    if edition is not None and language == story.source_language:
        return Cell(story, language, "original", edition, job)
    if job is not None and job.status in (DraftJob.Status.QUEUED, DraftJob.Status.RUNNING):
        return Cell(story, language, job.status, edition, job)
    if edition is None:
        failed = job is not None and job.status == DraftJob.Status.FAILED
        return Cell(story, language, "failed" if failed else "missing", None, job)
    tally = counts.get(edition.pk, {})
    if not tally:
        return Cell(story, language, "manual", edition, job)
    if (
        job is not None
        and job.status == DraftJob.Status.FAILED
        and job.finished_at
        and (job.finished_at > edition.modified_at)
    ):
        state = "failed"
    elif tally.get(State.STALE, 0) or tally.get(State.MISSING, 0):
        state = "stale"
    elif edition.is_live:
        state = "published"
    elif set(tally) == {State.REVIEWED}:
        state = "reviewed"
    elif tally.get(State.REVIEWED, 0) or tally.get(SegmentState.EDITED, 0):
        state = "in_review"
    else:
        state = "machine"
    return Cell(story, language, state, edition, job, tally)
