"""Who may do what, and in which language: the one question every action asks.

Permissions are Django's (granted through the role groups a migration creates);
translation work is further limited to the languages assigned to a person.
People who may publish (editors) and superusers work in every language.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

User = AbstractBaseUser | AnonymousUser | None

# Whoever holds this permission is not limited to assigned languages.
ALL_LANGUAGES_PERMISSION = "newsroom.publish_edition"


def languages_for(user: User) -> frozenset[str] | None:
    """The languages `user` may translate into; None means every language."""
    if user is None or getattr(user, "is_superuser", False):
        return None
    if user.has_perm(ALL_LANGUAGES_PERMISSION):
        return None
    if not user.is_authenticated:
        return frozenset()
    return frozenset(user.language_assignments.values_list("language", flat=True))


def allowed(user: User, permission: str, language: str | None = None) -> bool:
    """May `user` use `permission` (on work in `language`, when given)?

    `None` is the system itself (the CLI, the worker), which may do anything.
    """
    if user is None:
        return True
    if not (user.is_active and user.has_perm(permission)):
        return False
    if language is None:
        return True
    languages = languages_for(user)
    return languages is None or language in languages
