from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<int:edition_id>/", views.thread, name="thread"),
    path("<int:edition_id>/thread/", views.fragment, name="fragment"),
    path("<int:edition_id>/count.json", views.count, name="count"),
    path("<int:edition_id>/post/", views.post, name="post"),
    path("report/<int:comment_id>/", views.report, name="report"),
]
