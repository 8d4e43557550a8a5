from django.urls import path

from . import views

app_name = "wire"

# Mounted under /desk/ (before the desk's own routes).
urlpatterns = [
    path("import/", views.upload, name="import"),
]
