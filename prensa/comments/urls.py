from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("<id:edition_id>/", views.thread, name="thread"),
    path("<id:edition_id>/thread/", views.fragment, name="fragment"),
    path("<id:edition_id>/count.json", views.count, name="count"),
    path("<id:edition_id>/post/", views.post, name="post"),
    path("report/<id:comment_id>/", views.report, name="report"),
]
