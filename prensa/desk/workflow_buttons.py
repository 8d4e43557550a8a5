"""Which of the workflow's transitions the review page offers as buttons."""

from __future__ import annotations

from prensa.newsroom.models import Edition
from prensa.staff.access import User
from prensa.workflow import transitions

# Publishing a translation has its own page at the desk (the review gate's confirmation).
_DESK_OWN = ("publish", "update")


def workflow_actions(edition: Edition | None, user: User) -> list[dict]:
    """The transitions `user` may start on `edition`, as the review page offers them."""
    if edition is None:
        return []
    return [
        {"name": cls.name, "label": cls.label}
        for cls in transitions.available(edition, user)
        if not (cls.name in _DESK_OWN and edition.translated_from_id)
    ]
