from django.urls import path

from . import views

app_name = "history"

# Mounted under /desk/ before the desk's own routes.
urlpatterns = [
    path("stories/<id:story_id>/history/", views.story_history, name="story"),
    path(
        "stories/<id:story_id>/history/<str:language>/restore/",
        views.restore,
        name="restore",
    ),
]
