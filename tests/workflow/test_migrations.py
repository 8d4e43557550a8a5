"""Editions published with a future time, the old way to schedule, become scheduled."""

import importlib
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from prensa.newsroom.models import Edition
from prensa.workflow.models import TransitionLog
from tests.factories import make_story

pytestmark = pytest.mark.django_db


def test_a_publication_set_in_the_future_becomes_a_scheduled_edition():
    later = timezone.now() + timedelta(hours=5)
    future = make_story(languages=("pt",), published_at=later).edition_for("pt")
    out = make_story(languages=("pt",)).edition_for("pt")
    migration = importlib.import_module(
        "prensa.workflow.migrations.0002_future_publications_are_scheduled"
    )

    migration.schedule_future_publications(apps, None)

    future.refresh_from_db()
    assert (future.status, future.published_at) == (Edition.Status.SCHEDULED, later)
    assert Edition.objects.get(pk=out.pk).status == Edition.Status.PUBLISHED
    entry = TransitionLog.objects.get()
    assert (entry.edition_id, entry.from_state, entry.scheduled_for) == (
        future.pk,
        "published",
        later,
    )
