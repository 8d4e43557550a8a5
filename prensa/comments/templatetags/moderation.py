"""What the admin shows moderators on every page: how many comments wait for them."""

from django import template

from prensa.comments.models import Comment

register = template.Library()


@register.simple_tag(takes_context=True)
def comments_to_review(context: template.Context) -> int:
    """Comments in the moderation queue, for someone who may moderate; else 0 (no query)."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("comments.moderate_comment"):
        return 0
    return Comment.objects.needing_review().count()
