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


def restore_after_flush(using: str = "default", **kwargs: object) -> None:
    """Recreate the roles when their groups are gone though the migrations have run.

    `flush` (used between transactional tests, or by hand) empties every table, the
    migrations' groups included, but does not run migrations again; it sends
    post_migrate, which lands here. Groups that exist are left as people edited them.
    """
    from importlib import import_module

    from django.apps import apps
    from django.contrib.auth.management import create_permissions
    from django.contrib.auth.models import Permission

    if Group.objects.using(using).filter(name=EDITOR).exists():
        return
    for app_config in apps.get_app_configs():
        create_permissions(app_config, verbosity=0, using=using)
    grants: dict[str, set[tuple[str, str]]] = {}
    for module, table in (("0002_roles", "ROLES"), ("0003_roles_for_new_models", "GRANTS")):
        frozen = getattr(import_module(f"prensa.staff.migrations.{module}"), table)
        for name, names in frozen.items():
            grants.setdefault(name, set()).update(tuple(n.split(".")) for n in names)
    permissions = list(Permission.objects.using(using).select_related("content_type"))
    for name, wanted in grants.items():
        group, _created = Group.objects.using(using).get_or_create(name=name)
        group.permissions.add(
            *(p for p in permissions if (p.content_type.app_label, p.codename) in wanted)
        )
    admin, _created = Group.objects.using(using).get_or_create(name=ADMIN)
    admin.permissions.add(*permissions)
