"""The roles' permissions on models added after 0002_roles: pictures, corrections, the
transition log, revisions; the Admin role takes every permission there is now.

Frozen like 0002: a later change to a role is another migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")


def _all(app: str, *models: str) -> list[str]:
    return [f"{app}.{action}_{model}" for model in models for action in CRUD]


GRANTS = {
    # A reporter illustrates their own story: upload a picture, make it the lead image.
    "Reporter": [
        "media.add_image",
        "media.change_image",
        "media.view_image",
        *_all("media", "leadimage"),
    ],
    "Editor": [
        *_all("media", "image", "leadimage"),
        *_all("newsroom", "correction"),
        "workflow.view_transitionlog",
        "history.view_historicaledition",
    ],
}
ADMIN = "Admin"


def grant(apps, schema_editor):  # type: ignore[no-untyped-def]
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    present = {
        config.label: {model._meta.model_name for model in config.get_models()}
        for config in apps.get_app_configs()
    }
    for name, names in GRANTS.items():
        wanted = {tuple(n.split(".")) for n in names}
        found = [
            p
            for p in Permission.objects.select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        if any(c.partition("_")[2] in present.get(app, ()) for app, c in missing):
            raise RuntimeError(f"Role {name}: no such permissions: {sorted(missing)}")
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*found)
    group, _created = Group.objects.get_or_create(name=ADMIN)
    group.permissions.add(*Permission.objects.all())


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0002_roles"),
        ("newsroom", "0006_corrections"),
        ("media", "0001_initial"),
        ("workflow", "0002_future_publications_are_scheduled"),
        ("history", "0001_initial"),
        ("api", "0001_initial"),
    ]

    # Going back leaves the extra permissions: 0002's reversal removes the groups themselves.
    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
