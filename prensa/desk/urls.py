from django.urls import path

from . import exchange_views, terminology_views, views, workflow_views
from .correction_views import notes

app_name = "desk"

urlpatterns = [
    path("", views.index, name="index"),
    path("draft/", views.draft, name="draft"),
    # Corrections and updates; before the review page, which would take "notes" for a language.
    path("stories/<id:story_id>/notes/", notes, name="notes"),
    path("stories/<id:story_id>/<str:language>/", views.review, name="review"),
    path("stories/<id:story_id>/<str:language>/status/", views.status, name="status"),
    path("stories/<id:story_id>/<str:language>/draft/", views.draft_one, name="draft_one"),
    path("stories/<id:story_id>/<str:language>/publish/", views.publish, name="publish"),
    path(
        "stories/<id:story_id>/<str:language>/transition/",
        workflow_views.transition,
        name="transition",
    ),
    path("schedule/<id:story_id>/", workflow_views.schedule_story, name="schedule_story"),
    path("segments/<id:segment_id>/", views.segment, name="segment"),
    # Translator tools: memory concordance and entries, TMX and XLIFF files.
    path("memory/", exchange_views.memory, name="memory"),
    path("memory/<id:entry_id>/edit/", exchange_views.memory_edit, name="memory_edit"),
    path("memory/<id:entry_id>/delete/", exchange_views.memory_delete, name="memory_delete"),
    path("memory/tmx/", exchange_views.tmx, name="tmx"),
    path("stories/<id:story_id>/<str:language>/xliff/", exchange_views.xliff, name="xliff"),
    path(
        "stories/<id:story_id>/<str:language>/xliff/import/",
        exchange_views.xliff_import,
        name="xliff_import",
    ),
    # Terminology: the desk's glossary, re-applying a term; questions for the author.
    path("terms/", terminology_views.terms, name="terms"),
    path("terms/<id:entry_id>/", terminology_views.term_edit, name="term_edit"),
    path("terms/<id:entry_id>/apply/", terminology_views.term_apply, name="term_apply"),
    path("queries/", terminology_views.queries, name="queries"),
    path(
        "stories/<id:story_id>/<str:language>/queries/",
        terminology_views.query_ask,
        name="query_ask",
    ),
    path("queries/<id:query_id>/answer/", terminology_views.query_answer, name="query_answer"),
    path("queries/<id:query_id>/resolve/", terminology_views.query_resolve, name="query_resolve"),
]
