"""The newsroom's roles as groups with permissions (see prensa.staff.roles).

Frozen here on purpose: a migration keeps doing what it did when it was written. A
later change to a role, or permissions for models added later, come in a new migration.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

CRUD = ("add", "change", "delete", "view")


def _all(app: str, *models: str) -> list[str]:
    return [f"{app}.{action}_{model}" for model in models for action in CRUD]


ROLES = {
    # Writes stories and their editions; the admin limits a reporter to their own drafts.
    "Reporter": [
        "newsroom.add_story",
        "newsroom.change_story",
        "newsroom.view_story",
        "newsroom.add_edition",
        "newsroom.change_edition",
        "newsroom.view_edition",
        "newsroom.add_storycredit",
        "newsroom.change_storycredit",
        "newsroom.delete_storycredit",
        "newsroom.view_storycredit",
        "newsroom.add_credit",
        "newsroom.view_credit",
        "newsroom.view_section",
        "newsroom.view_tag",
    ],
    # Drafts, edits and confirms translations at the desk, in their assigned languages only
    # (prensa.staff.access); keeps the glossary and memory of those languages.
    "Translator": [
        "desk.view_segment",
        "desk.add_segment",
        "desk.change_segment",
        "newsroom.review_edition",
        "translation.view_glossaryentry",
        "translation.add_glossaryentry",
        "translation.change_glossaryentry",
        "translation.view_translationmemoryentry",
        "translation.add_translationmemoryentry",
        "translation.change_translationmemoryentry",
    ],
    # Reviews, publishes, schedules, unpublishes, corrects and kills, in every language.
    "Editor": [
        *_all("newsroom", "story", "edition", "storycredit", "credit", "section", "tag"),
        "newsroom.publish_edition",
        "newsroom.review_edition",
        "newsroom.correct_edition",
        "newsroom.kill_edition",
        *_all("desk", "segment", "paragraphquery"),
        "desk.view_draftjob",
        *_all("translation", "glossaryentry", "translationmemoryentry"),
    ],
    # Reader comments and nothing else.
    "Moderator": [
        "comments.moderate_comment",
        "comments.view_comment",
        "comments.view_moderationqueue",
        "comments.change_moderationqueue",
        "comments.view_report",
        *_all("comments", "ban", "bannedword", "moderationsetting"),
    ],
}
ADMIN = "Admin"  # every permission there is when this runs, people included


def create_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    # Permissions are otherwise created after `migrate` (post_migrate): on a new database
    # they would not exist yet, and the groups would be created empty.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    present = {  # app label -> the names of its models as they are now
        config.label: {model._meta.model_name for model in config.get_models()}
        for config in apps.get_app_configs()
    }
    for name, names in ROLES.items():
        wanted = {tuple(n.split(".")) for n in names}
        found = [
            p
            for p in Permission.objects.select_related("content_type")
            if (p.content_type.app_label, p.codename) in wanted
        ]
        # A model a later migration removed has no permissions left to grant; a name
        # that never existed (a typo) stops the migration.
        missing = wanted - {(p.content_type.app_label, p.codename) for p in found}
        if any(c.partition("_")[2] in present.get(app, ()) for app, c in missing):
            raise RuntimeError(f"Role {name}: no such permissions: {sorted(missing)}")
        group, _created = Group.objects.get_or_create(name=name)
        group.permissions.add(*found)
    group, _created = Group.objects.get_or_create(name=ADMIN)
    group.permissions.add(*Permission.objects.all())


def remove_roles(apps, schema_editor):  # type: ignore[no-untyped-def]
    apps.get_model("auth", "Group").objects.filter(name__in=[*ROLES, ADMIN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("staff", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("newsroom", "0005_workflow_states"),
        ("desk", "0006_paragraphquery"),
        ("comments", "0002_comment_browser_hash"),
        ("translation", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
