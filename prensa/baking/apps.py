from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BakingConfig(AppConfig):
    """Published reader pages baked to files for nginx, and the CDN purged, by the worker."""

    name = "prensa.baking"
    verbose_name = _("Baked pages")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from prensa.media.models import Image, LeadImage
        from prensa.newsroom.models import (
            Correction,
            Credit,
            Edition,
            Section,
            Story,
            StoryCredit,
            Tag,
        )
        from prensa.workflow.signals import edition_transitioned

        from . import signals as on

        edition_transitioned.connect(on.edition_transitioned, dispatch_uid="bake-transition")
        post_save.connect(on.edition_saved, sender=Edition, dispatch_uid="bake-edition")
        post_delete.connect(on.edition_deleted, sender=Edition, dispatch_uid="bake-edition-del")
        post_save.connect(on.story_changed, sender=Story, dispatch_uid="bake-story")
        post_delete.connect(on.story_deleted, sender=Story, dispatch_uid="bake-story-del")
        m2m_changed.connect(on.tags_changed, sender=Story.tags.through, dispatch_uid="bake-tags")
        for model in (Correction, StoryCredit):
            post_save.connect(on.part_of_story_changed, sender=model, dispatch_uid=f"bake-{model}")
            post_delete.connect(
                on.part_of_story_changed, sender=model, dispatch_uid=f"bake-del-{model}"
            )
        for model in (Section, Tag):
            post_save.connect(on.named_changed, sender=model, dispatch_uid=f"bake-{model}")
        post_save.connect(on.credit_changed, sender=Credit, dispatch_uid="bake-credit")
        post_save.connect(on.lead_image_changed, sender=LeadImage, dispatch_uid="bake-lead")
        post_delete.connect(on.lead_image_changed, sender=LeadImage, dispatch_uid="bake-lead-del")
        post_save.connect(on.image_changed, sender=Image, dispatch_uid="bake-image")
