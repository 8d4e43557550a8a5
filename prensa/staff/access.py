"""Who may do what, and in which language: the one question every action asks.

Permissions are Django's (granted through the role groups a migration creates, see
prensa.staff.roles); translation work is further limited to the languages assigned to a
person (staff.LanguageAssignment). People who may publish (editors) and superusers work
in every language. A person with no language assigned works in none: assigning
languages is how a translator is let in, never an afterthought that narrows them.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.utils.translation import gettext as _

from prensa.lib.languages import codes, name_in_text

User = AbstractBaseUser | AnonymousUser | None

# Whoever holds this permission is not limited to assigned languages.
ALL_LANGUAGES_PERMISSION = "newsroom.publish_edition"


def languages_for(user: User) -> frozenset[str] | None:
    """The languages `user` may translate into; None means every language."""
    if user is None or getattr(user, "is_superuser", False):
        return None
    if not user.is_authenticated or not user.is_active:
        return frozenset()
    if user.has_perm(ALL_LANGUAGES_PERMISSION):
        return None
    # Cached on the user object: a desk page asks once per language cell.
    cached = getattr(user, "_prensa_languages", None)
    if cached is None:
        cached = frozenset(user.language_assignments.values_list("language", flat=True))
        user._prensa_languages = cached  # type: ignore[union-attr]
    return cached


def allowed(user: User, permission: str, language: str | None = None) -> bool:
    """May `user` use `permission` (on work in `language`, when given)?

    `None` is the system itself (the CLI, the worker), which may do anything. An empty
    `language` ("" — e.g. a glossary entry for every language) asks for every language.
    """
    if user is None:
        return True
    if not (user.is_active and user.has_perm(permission)):
        return False
    if language is None:
        return True
    languages = languages_for(user)
    if languages is None:
        return True
    if language == "":
        return set(codes()) <= languages
    return language in languages


def refusal(user: User, permission: str, language: str | None = None) -> str | None:
    """None when `allowed()`; otherwise why not, worded for the person (for a 403)."""
    if allowed(user, permission, language):
        return None
    if language is not None and allowed(user, permission):
        if language == "":
            return _(
                "This applies to every language, and you are not assigned to all of them. "
                "Choose one of your languages, or ask an editor."
            )
        return _(
            "You are not assigned to work in %(language)s, so nothing was changed. "
            "An administrator can assign you the language."
        ) % {"language": name_in_text(language)}
    return _("You do not have permission to do this.")
