from django.apps import AppConfig


class PublicConfig(AppConfig):
    name = "prensa.public"
    verbose_name = "Reader site"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from prensa.newsroom.models import (
            Correction,
            Credit,
            Edition,
            Section,
            Story,
            StoryCredit,
            Tag,
        )

        from .caching import content_changed

        # Whatever a reader page shows: a change to any of these makes stored pages stale.
        for model in (Edition, Story, StoryCredit, Section, Tag, Credit, Correction):
            post_save.connect(content_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"pages-del-{model.__name__}"
            )
        m2m_changed.connect(content_changed, sender=Story.tags.through, dispatch_uid="pages-tags")

        # Pictures: renditions made, a caption or credit edited, a story's lead image changed.
        from prensa.media.models import Image, LeadImage

        for model in (Image, LeadImage):
            post_save.connect(content_changed, sender=model, dispatch_uid=f"pages-{model.__name__}")
            post_delete.connect(
                content_changed, sender=model, dispatch_uid=f"pages-del-{model.__name__}"
            )

        # Every publication, wherever it starts, asks for the lead picture's alt text.
        from prensa.workflow import gates

        from .gates import lead_picture_gate

        gates.register(lead_picture_gate)
