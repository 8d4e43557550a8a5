"""The languages a person works in at the desk."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from prensa.newsroom.models import Language


class LanguageAssignment(models.Model):
    """One language a person may translate into and review (see prensa.staff.access)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="language_assignments",
    )
    language = models.CharField(_("language"), max_length=2, choices=Language.choices)

    class Meta:
        verbose_name = _("language assignment")
        verbose_name_plural = _("language assignments")
        constraints = [
            models.UniqueConstraint(fields=["user", "language"], name="assignment_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.language}"
