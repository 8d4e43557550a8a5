from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path(pgettext_lazy("URL path", "tag/<slug:slug>/"), views.tag, name="tag"),
    path("<slug:section>/", views.section, name="section"),
    path("<slug:section>/<slug:slug>/", views.article, name="article"),
]
