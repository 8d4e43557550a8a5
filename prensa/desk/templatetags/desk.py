from django import template

from prensa.desk import issues

register = template.Library()


@register.filter
def describe_issue(issue: dict) -> str:
    """A fidelity issue worded in the desk's language (see prensa.desk.issues)."""
    return issues.describe(issue)
