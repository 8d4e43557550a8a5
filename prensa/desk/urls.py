from django.urls import path

from . import views

app_name = "desk"

urlpatterns = [
    path("", views.index, name="index"),
    path("draft/", views.draft, name="draft"),
    path("stories/<id:story_id>/<str:language>/", views.review, name="review"),
    path("stories/<id:story_id>/<str:language>/status/", views.status, name="status"),
    path("stories/<id:story_id>/<str:language>/draft/", views.draft_one, name="draft_one"),
    path("stories/<id:story_id>/<str:language>/review/", views.review_all, name="review_all"),
    path("stories/<id:story_id>/<str:language>/publish/", views.publish, name="publish"),
    path("segments/<id:segment_id>/", views.segment, name="segment"),
]
