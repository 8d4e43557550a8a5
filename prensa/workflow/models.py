"""The transition log: every change of an edition's state, who made it, when and why."""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from prensa.newsroom.models import Edition

# What each transition did, as a timeline says it ("… — editor").
_DONE = {
    "submit": _("submitted for review"),
    "return": _("returned to draft"),
    "approve": _("approved"),
    "schedule": _("scheduled"),
    "unschedule": _("taken off the schedule"),
    "publish": pgettext_lazy("edition", "published"),
    "update": _("published again with changes"),
    "unpublish": pgettext_lazy("edition", "unpublished"),
    "reopen": _("reopened as a draft"),
    "kill": pgettext_lazy("edition", "killed"),
}
_DONE_AS_MACHINE = {
    "publish": _("published as machine translation"),
    "update": _("published again as machine translation"),
}


class TransitionLogQuerySet(models.QuerySet["TransitionLog"]):
    def of_story(self, story_id: int) -> TransitionLogQuerySet:
        """The timeline of a story: every edition's transitions, newest first."""
        return self.filter(edition__story_id=story_id).select_related("edition", "user")


class TransitionLog(models.Model):
    """One transition of one edition, written in the same transaction as the change."""

    edition = models.ForeignKey(
        Edition, verbose_name=_("edition"), on_delete=models.CASCADE, related_name="transitions"
    )
    # The transition's name ("publish", "schedule", …): see prensa.workflow.transitions.
    action = models.CharField(_("action"), max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("at"), default=timezone.now, db_index=True)
    from_state = models.CharField(_("from"), max_length=12, choices=Edition.Status.choices)
    to_state = models.CharField(_("to"), max_length=12, choices=Edition.Status.choices)
    note = models.TextField(_("note"), blank=True)
    # What else was true at the time, e.g. {"machine": true, "unconfirmed": 7, "flags": [...]}
    # for a publication as machine translation, {"for": "<ISO time>"} for a schedule.
    detail = models.JSONField(_("detail"), default=dict, blank=True)

    objects = TransitionLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.edition_id}: {self.from_state} → {self.to_state} ({self.action})"

    @property
    def described(self) -> str:
        """What happened, in the interface's language ("published as machine translation")."""
        if self.detail.get("machine") and self.action in _DONE_AS_MACHINE:
            return str(_DONE_AS_MACHINE[self.action])
        return str(_DONE.get(self.action, self.action))

    @property
    def scheduled_for(self) -> datetime | None:
        """The time a schedule entry set (None for other entries)."""
        value = self.detail.get("for") if self.action == "schedule" else None
        return parse_datetime(value) if isinstance(value, str) else None
