"""Editions written before revisions were recorded start their history with what they say now."""

from django.db import migrations

BATCH = 500


def record_existing(apps, schema_editor):
    Edition = apps.get_model("newsroom", "Edition")
    Revision = apps.get_model("history", "HistoricalEdition")
    fields = [f.attname for f in Revision._meta.fields if not f.name.startswith("history_")]
    recorded = set(Revision.objects.values_list("id", flat=True).distinct())
    batch = []
    for edition in Edition.objects.order_by("pk").iterator(chunk_size=BATCH):
        if edition.pk in recorded:
            continue
        batch.append(
            Revision(
                **{name: getattr(edition, name) for name in fields},
                history_date=edition.modified_at,
                history_type="+",
                history_change_reason="baseline",
            )
        )
        if len(batch) >= BATCH:
            Revision.objects.bulk_create(batch)
            batch = []
    Revision.objects.bulk_create(batch)


class Migration(migrations.Migration):
    dependencies = [("history", "0001_initial")]

    operations = [migrations.RunPython(record_existing, migrations.RunPython.noop)]
