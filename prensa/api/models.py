"""API tokens: a key that acts as one person, with that person's permissions."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Shown once when made; only its SHA-256 is stored, like a password that is never typed.
PREFIX = "prensa_"


def digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="api_tokens",
    )
    name = models.CharField(
        _("name"), max_length=100, help_text=_("What uses it, e.g. “wire importer”.")
    )
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    last_used_at = models.DateTimeField(_("last used"), null=True, blank=True)
    revoked = models.BooleanField(_("revoked"), default=False)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @classmethod
    def issue(cls, user, name: str) -> tuple[ApiToken, str]:  # type: ignore[no-untyped-def]
        """A new token for `user`; the key is returned once and never stored."""
        key = PREFIX + secrets.token_urlsafe(32)
        return cls.objects.create(user=user, name=name, key_digest=digest(key)), key

    @classmethod
    def user_for(cls, key: str):  # type: ignore[no-untyped-def]
        """The active person a key acts as, or None."""
        if not key.startswith(PREFIX) or len(key) > 200:
            return None
        token = (
            cls.objects.select_related("user")
            .filter(key_digest=digest(key), revoked=False, user__is_active=True)
            .first()
        )
        if token is None:
            return None
        cls.objects.filter(pk=token.pk).update(last_used_at=timezone.now())
        return token.user
