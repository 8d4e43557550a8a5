"""Template filters for times on reader pages (see prensa/public/times.py)."""

from django import template

from prensa.public import times

register = template.Library()


@register.filter
def machine_time(value):  # type: ignore[no-untyped-def]
    """`<time datetime="{{ value|machine_time }}">`: ISO 8601 to the second, with the offset."""
    return times.machine(value)


@register.filter
def newsroom_datetime(value):  # type: ignore[no-untyped-def]
    """Date and time in the newsroom's zone, the zone named in the page's language."""
    return times.shown(value)
