from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path, register_converter

from prensa.lib.numbers import IdConverter
from prensa.public.caching import reader_page
from prensa.public.middleware import language_independent
from prensa.public.sitemaps import SITEMAPS
from prensa.public.views import favicon, news_sitemap, robots_txt

register_converter(IdConverter, "id")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("prensa.desk.urls")),
    path(
        "sitemap.xml",
        language_independent(reader_page(sitemap_views.sitemap)),
        {"sitemaps": SITEMAPS},
        name="sitemap",
    ),
    path("sitemap-news.xml", news_sitemap, name="news_sitemap"),
    path("robots.txt", robots_txt, name="robots"),
    path("favicon.ico", favicon),
]
urlpatterns += i18n_patterns(
    path("comments/", include("prensa.comments.urls")),
    path("", include("prensa.public.urls")),
)

# Any uncaught exception: a 503 while the database is out of reach, else the 500 page.
handler500 = "prensa.errors.server_error"
