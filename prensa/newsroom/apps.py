from django.apps import AppConfig


class NewsroomConfig(AppConfig):
    name = "prensa.newsroom"
    verbose_name = "Newsroom"
