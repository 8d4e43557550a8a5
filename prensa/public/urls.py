from django.urls import path
from django.utils.translation import pgettext_lazy

from . import views
from .caching import reader_page
from .feeds import LatestStories, LatestStoriesAtom

app_name = "public"

urlpatterns = [
    path("", views.home, name="home"),
    path("feed/", reader_page(LatestStories()), name="feed"),
    path("feed/atom/", reader_page(LatestStoriesAtom()), name="feed_atom"),
    path(pgettext_lazy("URL path", "tag/<slug:slug>/"), views.tag, name="tag"),
    path(pgettext_lazy("URL path", "search/"), views.search, name="search"),
    # Author and site pages come before sections: their first segments are reserved slugs.
    path(pgettext_lazy("URL path", "author/<slug:slug>/"), views.author, name="author"),
    path(pgettext_lazy("URL path", "about/"), views.site_page, {"page": "about"}, name="about"),
    path(
        pgettext_lazy("URL path", "contact/"), views.site_page, {"page": "contact"}, name="contact"
    ),
    path(
        pgettext_lazy("URL path", "corrections/"),
        views.site_page,
        {"page": "corrections"},
        name="corrections",
    ),
    path(
        pgettext_lazy("URL path", "privacy/"), views.site_page, {"page": "privacy"}, name="privacy"
    ),
    path("<slug:section>/", views.section, name="section"),
    path("<slug:section>/<slug:slug>/", views.article, name="article"),
]
