from django.conf import settings
from django.urls import path

from . import views

app_name = "media"

# Renditions under MEDIA_URL, when it is a path on this site (not a CDN's address).
urlpatterns = [path("desk/pictures/upload/", views.upload, name="upload")]
urlpatterns += (
    [path(f"{settings.MEDIA_URL.strip('/')}/<path:path>", views.rendition, name="rendition")]
    if settings.MEDIA_URL.startswith("/") and settings.MEDIA_URL.strip("/")
    else []
)
