from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter

from prensa.api.api import api
from prensa.api.api import unknown as api_unknown
from prensa.lib.numbers import IdConverter
from prensa.public.caching import reader_page
from prensa.public.middleware import language_independent
from prensa.public.sitemaps import SITEMAPS, news_sitemap, news_sitemap_file, sitemap_index
from prensa.public.views import favicon, robots_txt

register_converter(IdConverter, "id")

urlpatterns = [
    path("admin/", admin.site.urls),
    # A story's revisions, under the desk (before its routes: "history" is no language).
    path("desk/", include("prensa.history.urls")),
    path("desk/", include("prensa.wire.urls")),  # the import page, /desk/import/
    path("desk/", include("prensa.desk.urls")),
    path("api/", api.urls),
    path("api/<path:rest>", api_unknown),
    # Sitemap indexes, and their files (news first: "news-1" would match <section>).
    path("sitemap.xml", sitemap_index, name="sitemap"),
    path("sitemap-news.xml", news_sitemap, name="news_sitemap"),
    path("sitemap-news-<int:page>.xml", news_sitemap_file, name="news_sitemap_file"),
    path(
        "sitemap-<slug:section>.xml",
        language_independent(reader_page(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap_section",
    ),
    path("robots.txt", robots_txt, name="robots"),
    path("", include("prensa.media.urls")),  # renditions under MEDIA_URL (PRENSA_MEDIA_SERVE)
    path("favicon.ico", favicon),
]
urlpatterns += i18n_patterns(
    path("comments/", include("prensa.comments.urls")),
    path("", include("prensa.public.urls")),
)

# Any uncaught exception: a 503 while the database is out of reach, else the 500 page.
handler500 = "prensa.errors.server_error"
