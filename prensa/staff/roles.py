"""The newsroom's roles: Django groups with permissions, created by a migration.

The group names are stored in English (they are data, and a person may rename a group);
`label()` says a role's name in the interface language. What each role may do is frozen
in migration 0002_roles; a later change to a role is a new migration.
"""

from __future__ import annotations

from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

REPORTER = "Reporter"
TRANSLATOR = "Translator"
EDITOR = "Editor"
MODERATOR = "Moderator"
ADMIN = "Admin"

LABELS = {
    REPORTER: _("Reporter"),
    TRANSLATOR: _("Translator"),
    EDITOR: _("Editor"),
    MODERATOR: _("Moderator"),
    ADMIN: _("Administrator"),
}


def label(group: Group | str) -> str:
    """A group's name in the interface language when it is one of the roles, else as stored."""
    name = group if isinstance(group, str) else group.name
    return str(LABELS.get(name, name))
