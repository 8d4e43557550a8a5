"""The desk's stop-gap EditionEvent rows move into the workflow's transition log, then go.

Each was a publication: a reviewed one, or one as machine translation (whose detail
keeps the paragraphs left unconfirmed and the open flags).
"""

from django.db import migrations

MACHINE = "published_machine"


def events_to_log(apps, schema_editor):  # type: ignore[no-untyped-def]
    EditionEvent = apps.get_model("desk", "EditionEvent")
    TransitionLog = apps.get_model("workflow", "TransitionLog")
    TransitionLog.objects.bulk_create(
        TransitionLog(
            edition_id=event.edition_id,
            action="publish",
            user_id=event.user_id,
            at=event.at,
            # The desk published drafts: it did not record the state before.
            from_state="draft",
            to_state="published",
            detail={**event.detail, "machine": event.action == MACHINE},
        )
        for event in EditionEvent.objects.order_by("at", "pk").iterator()
    )


def log_to_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    EditionEvent = apps.get_model("desk", "EditionEvent")
    TransitionLog = apps.get_model("workflow", "TransitionLog")
    for entry in TransitionLog.objects.filter(action__in=["publish", "update"]).iterator():
        if "machine" not in entry.detail:
            continue  # not a publication from the desk
        detail = {k: v for k, v in entry.detail.items() if k != "machine"}
        EditionEvent.objects.create(
            edition_id=entry.edition_id,
            action=MACHINE if entry.detail["machine"] else "published",
            user_id=entry.user_id,
            at=entry.at,
            detail=detail,
        )


class Migration(migrations.Migration):
    dependencies = [
        ("desk", "0006_paragraphquery"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(events_to_log, log_to_events),
        migrations.DeleteModel(
            name="EditionEvent",
        ),
    ]
