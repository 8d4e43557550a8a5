from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "prensa.comments"
    verbose_name = "Reader comments"
