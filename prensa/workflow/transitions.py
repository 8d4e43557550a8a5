"""The transitions between an edition's states, as small actions with check() and execute().

The admin, the desk, the CLI and the worker call these alike. `check()` changes nothing
and raises `TransitionError` with a message a person can act on and the HTTP status a
view should answer; `execute()` checks again on the locked row, changes the state and
writes its `TransitionLog` in one transaction, then sends `edition_transitioned`.

    draft ⇄ in_review → ready → scheduled → published → updated
                                              ↓          ↓
                                           unpublished → draft
    any state → killed (never shown, never published again)

Permissions are asked through prensa.staff.access.allowed (the user None is the system:
the CLI and the worker). Publishing a translated edition also passes the gates other
apps register (the desk's review gate, see prensa.workflow.gates).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import ClassVar

from django.db import transaction
from django.utils import formats, timezone
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from prensa.lib.languages import name_in_text
from prensa.newsroom.models import Edition, Story
from prensa.staff.access import User, allowed

from . import gates
from .models import TransitionLog
from .signals import edition_transitioned

Status = Edition.Status

PUBLISH = "newsroom.publish_edition"
REVIEW = "newsroom.review_edition"
KILL = "newsroom.kill_edition"
CHANGE = "newsroom.change_edition"


class TransitionError(Exception):
    """A refused transition: `message` says why, `status` is the HTTP status to answer."""

    def __init__(self, message: str, status: int = 409) -> None:
        super().__init__(message)
        self.message = message
        self.status = status


def state_name(status: str) -> str:
    """A state's name in running text ("in review"), in the active language."""
    return str(Status(status).label).lower()


def when(moment: datetime) -> str:
    """A time as the newsroom reads it (its time zone, the interface's format)."""
    return formats.date_format(timezone.localtime(moment), "DATETIME_FORMAT")


@dataclass
class Transition:
    """One move of one edition from a state in `sources` to `target`."""

    name: ClassVar[str]
    label: ClassVar[Promise]
    sources: ClassVar[tuple[str, ...]]
    target: ClassVar[str]
    permission: ClassVar[str] = PUBLISH

    edition: Edition
    user: User = None
    note: str = ""
    detail: dict = field(default_factory=dict, init=False)

    # -- checks -------------------------------------------------------------------------

    def check(self, state: str | None = None) -> None:
        """Raise TransitionError unless this transition may happen now; changes nothing.

        `state` checks it from another state than the edition's own: the later steps of a
        chain (submit, then publish) are checked from where the earlier ones lead.
        """
        self._check_permission()  # first: someone who may not gets a 403, whatever the state
        self._check_state(state or self.edition.status)
        self._check_more(self.edition)

    def _check_state(self, status: str) -> None:
        if status == Status.KILLED:
            raise TransitionError(
                _("This edition was killed: it can never be shown or published again.")
            )
        if status not in self.sources:
            raise TransitionError(
                _(
                    "“%(action)s” is not possible for an edition that is %(state)s; it applies "
                    "only to one that is %(allowed)s."
                )
                % {
                    "action": self.label,
                    "state": state_name(status),
                    "allowed": _(" or ").join(state_name(s) for s in self.sources),
                }
            )

    def _may(self) -> bool:
        return allowed(self.user, self.permission, self.edition.language)

    def _check_permission(self) -> None:
        if not self._may():
            raise TransitionError(
                _(
                    "You do not have permission for “%(action)s” on the %(language)s edition; "
                    "ask an editor."
                )
                % {"action": self.label, "language": name_in_text(self.edition.language)},
                status=403,
            )

    def _check_more(self, edition: Edition) -> None:
        """Checks of a particular transition, on `edition` as it is (locked, in execute)."""

    # -- the change ---------------------------------------------------------------------

    def _apply(self, edition: Edition) -> None:
        """Change `edition` (locked, fresh from the database) before it is saved."""

    def execute(self) -> TransitionLog:
        self.check()
        with transaction.atomic():
            # Work on the row as it is now, not on what the caller loaded earlier: a
            # transition must never write back words someone saved meanwhile.
            edition = (
                Edition.objects.select_for_update().select_related("story").get(pk=self.edition.pk)
            )
            self._check_state(edition.status)
            self._check_more(edition)
            before = edition.status
            self._apply(edition)
            edition.status = self.target
            edition.save()
            entry = TransitionLog.objects.create(
                edition=edition,
                action=self.name,
                user=self.user if self.user is not None and self.user.is_authenticated else None,
                from_state=before,
                to_state=self.target,
                note=self.note.strip(),
                detail=self.detail,
            )
            edition_transitioned.send(sender=type(self), edition=edition, entry=entry)
        # The caller's object follows the database (views show it afterwards).
        for column in Edition._meta.concrete_fields:
            setattr(self.edition, column.attname, getattr(edition, column.attname))
        self.edition._loaded_content = edition._loaded_content
        return entry


class ReviewStep(Transition):
    """A step of the review, open to reviewers (in their languages) and to editors."""

    permission = REVIEW

    def _may(self) -> bool:
        language = self.edition.language
        return allowed(self.user, REVIEW, language) or allowed(self.user, PUBLISH, language)


class SubmitForReview(ReviewStep):
    """A draft is ready for someone to review it."""

    name = "submit"
    label = gettext_lazy("Submit for review")
    sources = (Status.DRAFT,)
    target = Status.IN_REVIEW

    def _may(self) -> bool:
        """Reviewers and editors may; a reporter may submit the editions of their own story."""
        if super()._may():
            return True
        return (
            self.user is not None
            and self.user.is_authenticated
            and Story.objects.filter(pk=self.edition.story_id, created_by=self.user.pk).exists()
            and allowed(self.user, CHANGE)
        )


class ReturnToDraft(ReviewStep):
    """Back to the writer: the edition needs more work before it can go out."""

    name = "return"
    label = gettext_lazy("Return to draft")
    sources = (Status.IN_REVIEW, Status.READY)
    target = Status.DRAFT


class Approve(ReviewStep):
    """A reviewer says the edition is ready to publish."""

    name = "approve"
    label = gettext_lazy("Approve")
    sources = (Status.IN_REVIEW,)
    target = Status.READY


@dataclass
class GatedTransition(Transition):
    """Transitions that put words before readers: the publication gates must let them pass."""

    # Publish a translation whose paragraphs are not all confirmed (readers see a notice).
    allow_machine: bool = False

    def _check_more(self, edition: Edition) -> None:
        gates.check(edition, self.allow_machine)


@dataclass
class Schedule(GatedTransition):
    """Publish at a future time; until then nobody but the staff sees the edition."""

    name = "schedule"
    label = gettext_lazy("Schedule")
    sources = (Status.IN_REVIEW, Status.READY, Status.SCHEDULED)
    target = Status.SCHEDULED

    at: datetime | None = None

    def _check_more(self, edition: Edition) -> None:
        if self.at is None:
            raise TransitionError(_("Say when to publish: a date and time."), status=400)
        if timezone.is_naive(self.at):
            self.at = timezone.make_aware(self.at)
        if self.at <= timezone.now():
            raise TransitionError(
                _(
                    "%(time)s has already passed: scheduling in the past is not possible. "
                    "Choose a later time, or publish now."
                )
                % {"time": when(self.at)},
                status=400,
            )
        super()._check_more(edition)

    def _apply(self, edition: Edition) -> None:
        edition.published_at = self.at
        self.detail = {"for": self.at.isoformat(), "allow_machine": self.allow_machine}


class Unschedule(Transition):
    """Take an edition off the schedule; it waits, ready, for a new time or a publication."""

    name = "unschedule"
    label = gettext_lazy("Unschedule")
    sources = (Status.SCHEDULED,)
    target = Status.READY

    def _apply(self, edition: Edition) -> None:
        edition.published_at = None  # the planned time; a new schedule or publication sets it


@dataclass
class Publish(GatedTransition):
    """Readers see the edition from now on (or from its scheduled time, for the worker)."""

    name = "publish"
    label = gettext_lazy("Publish")
    sources = (Status.IN_REVIEW, Status.READY, Status.SCHEDULED)
    target = Status.PUBLISHED

    def _apply(self, edition: Edition) -> None:
        self.detail = gates.prepare(edition, self.allow_machine)
        now = timezone.now()
        if edition.published_at is None or edition.published_at > now:
            edition.published_at = now


@dataclass
class Update(GatedTransition):
    """A published edition is published again with changes."""

    name = "update"
    label = gettext_lazy("Publish the changes")
    sources = Edition.LIVE_STATUSES
    target = Status.UPDATED

    def _apply(self, edition: Edition) -> None:
        self.detail = gates.prepare(edition, self.allow_machine)


class Unpublish(Transition):
    """Readers no longer see the edition; it can be reopened as a draft."""

    name = "unpublish"
    label = gettext_lazy("Unpublish")
    sources = Edition.LIVE_STATUSES
    target = Status.UNPUBLISHED


class Reopen(Transition):
    """An unpublished edition becomes a draft again."""

    name = "reopen"
    label = gettext_lazy("Reopen as draft")
    sources = (Status.UNPUBLISHED,)
    target = Status.DRAFT


class Kill(Transition):
    """The edition must never be shown again, whatever its state."""

    name = "kill"
    label = gettext_lazy("Kill")
    sources = tuple(s for s in Status.values if s != Status.KILLED)
    target = Status.KILLED
    permission = KILL


TRANSITIONS: dict[str, type[Transition]] = {
    cls.name: cls
    for cls in (
        SubmitForReview,
        ReturnToDraft,
        Approve,
        Schedule,
        Unschedule,
        Publish,
        Update,
        Unpublish,
        Reopen,
        Kill,
    )
}


def get(name: str) -> type[Transition]:
    """The transition called `name`; TransitionError naming the known ones otherwise."""
    try:
        return TRANSITIONS[name]
    except KeyError:
        raise TransitionError(
            _("Unknown action “%(name)s”. Use one of: %(names)s.")
            % {"name": name, "names": ", ".join(TRANSITIONS)},
            status=400,
        ) from None


def build(
    name: str,
    edition: Edition,
    user: User = None,
    note: str = "",
    *,
    allow_machine: bool = False,
    at: datetime | None = None,
) -> Transition:
    """The transition called `name` on `edition`, as the desk, the admin and the CLI ask
    for it: `allow_machine` goes to those that pass the gates, `at` to a schedule."""
    cls = get(name)
    options: dict = {}
    if issubclass(cls, GatedTransition):
        options["allow_machine"] = allow_machine
    if cls is Schedule:
        options["at"] = at
    return cls(edition, user, note, **options)


def available(edition: Edition, user: User) -> list[type[Transition]]:
    """The transitions `user` may start from the edition's state (buttons to show).

    Gates and times are checked when the person asks, not here: a button that then
    refuses says why, which a missing button cannot.
    """
    found = []
    for cls in TRANSITIONS.values():
        if edition.status not in cls.sources:
            continue
        if cls is Update:
            continue  # offered where changes wait to be published (the desk), not everywhere
        if cls(edition, user)._may():
            found.append(cls)
    return found


def schedule_story(
    story: Story, at: datetime, user: User = None, note: str = "", allow_machine: bool = False
) -> list[TransitionLog]:
    """Schedule every edition of `story` that is not out or killed, all for the same time.

    All or nothing: if one edition cannot be scheduled, none is, and the message names
    each refusal with its language.
    """
    editions = [
        edition
        for edition in Edition.objects.filter(story=story).order_by("language")
        if edition.status not in (*Edition.LIVE_STATUSES, Status.KILLED)
    ]
    if not editions:
        raise TransitionError(_("This story has no edition waiting to be published."))
    actions = [Schedule(e, user, note, allow_machine=allow_machine, at=at) for e in editions]
    refusals = []
    for action in actions:
        try:
            action.check()
        except TransitionError as exc:
            refusals.append((action.edition.language, exc))
    if refusals:
        raise TransitionError(
            " ".join(f"{language.upper()}: {exc.message}" for language, exc in refusals),
            status=max(exc.status for _language, exc in refusals),
        )
    with transaction.atomic():
        return [action.execute() for action in actions]


def parse_moment(value: str) -> datetime:
    """An ISO 8601 date and time ("2026-12-03T09:30", offset optional) as an aware datetime.

    Without an offset it is the newsroom's time (TIME_ZONE), as a person would mean it.
    """
    from django.utils.dateparse import parse_datetime

    try:
        moment = parse_datetime((value or "").strip())
    except ValueError:
        moment = None
    if moment is None:
        raise TransitionError(
            _("“%(value)s” is not a date and time; write it as 2026-12-03T09:30.")
            % {"value": value},
            status=400,
        )
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment
