from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("desk/", include("prensa.desk.urls")),
]
urlpatterns += i18n_patterns(
    path("comments/", include("prensa.comments.urls")),
    path("", include("prensa.public.urls")),
)
