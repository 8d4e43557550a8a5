"""Preview links on desk pages: the edition at its address, and a link to share."""

from django import template
from django.conf import settings

from prensa.newsroom import preview
from prensa.newsroom.models import Edition

register = template.Library()


@register.simple_tag
def staff_preview_url(edition: Edition) -> str:
    return f"{edition.get_absolute_url()}?{preview.PARAMETER}=1"


@register.simple_tag(takes_context=True)
def shareable_preview_url(context: template.Context, edition: Edition) -> str:
    """Absolute: it is meant to be pasted into an email to someone outside the newsroom."""
    return context["request"].build_absolute_uri(preview.shareable_url(edition))


@register.simple_tag
def preview_days() -> int:
    return max(1, settings.PRENSA_PREVIEW_MAX_AGE // 86400)
