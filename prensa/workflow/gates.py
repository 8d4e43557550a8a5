"""What must hold before words reach readers, as told by the apps that know.

The workflow cannot know the desk (it sits below it), yet publishing a translation must
pass the desk's review gate wherever it starts: the desk, the admin, the CLI or the
worker. So the desk registers a gate here when it loads, and every publication (publish,
update, schedule) asks each registered gate.

A gate has two methods:

- `check(edition, allow_machine) -> None` raises TransitionError when the edition may
  not go out; it changes nothing.
- `prepare(edition, allow_machine) -> dict` runs inside the publication's transaction on
  the locked edition, before it is saved: it may set the edition's words and origin, and
  returns what the transition log should remember (e.g. {"machine": True, ...}).
"""

from __future__ import annotations

from typing import Protocol

from prensa.newsroom.models import Edition


class Gate(Protocol):
    def check(self, edition: Edition, allow_machine: bool) -> None: ...

    def prepare(self, edition: Edition, allow_machine: bool) -> dict: ...


_gates: list[Gate] = []


def register(gate: Gate) -> None:
    """Add a gate (once: registering the same gate again does nothing)."""
    if gate not in _gates:
        _gates.append(gate)


def check(edition: Edition, allow_machine: bool) -> None:
    for gate in _gates:
        gate.check(edition, allow_machine)


def prepare(edition: Edition, allow_machine: bool) -> dict:
    detail: dict = {}
    for gate in _gates:
        detail.update(gate.prepare(edition, allow_machine))
    return detail
