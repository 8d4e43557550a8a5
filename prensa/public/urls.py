from django.urls import path
from django.utils.text import format_lazy
from django.utils.translation import pgettext_lazy

from . import views
from .caching import reader_page
from .feeds import (
    LatestStories,
    LatestStoriesAtom,
    SectionStories,
    SectionStoriesAtom,
    TagStories,
    TagStoriesAtom,
)

app_name = "public"

TAG_PATH = pgettext_lazy("URL path", "tag/<slug:slug>/")

urlpatterns = [
    path("", views.home, name="home"),
    path("feed/", reader_page(LatestStories()), name="feed"),
    path("feed/atom/", reader_page(LatestStoriesAtom()), name="feed_atom"),
    path(TAG_PATH, views.tag, name="tag"),
    path(format_lazy("{}feed/", TAG_PATH), reader_page(TagStories()), name="tag_feed"),
    path(
        format_lazy("{}feed/atom/", TAG_PATH), reader_page(TagStoriesAtom()), name="tag_feed_atom"
    ),
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
    # Before articles, so that a section's feed wins over an edition slugged "feed".
    path("<slug:section>/feed/", reader_page(SectionStories()), name="section_feed"),
    path("<slug:section>/feed/atom/", reader_page(SectionStoriesAtom()), name="section_feed_atom"),
    path("<slug:section>/<slug:slug>/", views.article, name="article"),
]
