"""Before the workflow, an edition was "scheduled" by publishing it with a future publication
time; readers' queries hid it until then. Such editions become scheduled ones, so the
worker publishes them at their time (and the page cache hears of it)."""

from django.db import migrations
from django.utils import timezone

LIVE = ("published", "updated")
NOTE = "Scheduled by a migration: it was published with a future publication time."


def schedule_future_publications(apps, schema_editor):  # type: ignore[no-untyped-def]
    Edition = apps.get_model("newsroom", "Edition")
    TransitionLog = apps.get_model("workflow", "TransitionLog")
    waiting = Edition.objects.filter(status__in=LIVE, published_at__gt=timezone.now())
    for edition in waiting:
        TransitionLog.objects.create(
            edition=edition,
            action="schedule",
            from_state=edition.status,
            to_state="scheduled",
            note=NOTE,
            # It was going out as it stood: the worker publishes it so.
            detail={"for": edition.published_at.isoformat(), "allow_machine": True},
        )
    waiting.update(status="scheduled")


class Migration(migrations.Migration):
    dependencies = [
        ("newsroom", "0005_workflow_states"),
        ("workflow", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(schedule_future_publications, migrations.RunPython.noop),
    ]
