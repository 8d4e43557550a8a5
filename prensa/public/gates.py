"""Publication gates the reader site adds to the workflow (see prensa/workflow/gates.py)."""

from __future__ import annotations

from prensa.media.checks import publication_problem
from prensa.newsroom.models import Edition
from prensa.workflow.transitions import TransitionError


class LeadPictureGate:
    """No publication while the lead picture lacks alt text in the source language."""

    def check(self, edition: Edition, allow_machine: bool) -> None:
        problem = publication_problem(edition)
        if problem is not None:
            raise TransitionError(problem)

    def prepare(self, edition: Edition, allow_machine: bool) -> dict:
        return {}


lead_picture_gate = LeadPictureGate()
