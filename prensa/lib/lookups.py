"""Database lookups that answer "nothing matches" instead of crashing on impossible values."""

from __future__ import annotations

from typing import Any

from django.db.models import IntegerField
from django.db.models.lookups import In


class IntegerFieldIn(In):
    """`id__in=[...]` that leaves out integers no column of this type can hold.

    Django 5.0 made `exact`, `gt`, `lt` and friends treat an integer past the column's
    range as matching nothing (ticket #27397), but not `in`: SQLite's driver raises
    OverflowError while binding it, so a form or an admin action given an id such as
    99999999999999999999 was a server error. Such a value can never equal a stored one,
    so dropping it changes no answer.
    """

    def process_rhs(self, compiler: Any, connection: Any) -> Any:
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(
                self.lhs.output_field.get_internal_type()
            )
            self.rhs = [value for value in self.rhs if not _outside(value, low, high)]
        return super().process_rhs(compiler, connection)


def _outside(value: object, low: int | None, high: int | None) -> bool:
    if not isinstance(value, int) or isinstance(value, bool):
        return False
    return (low is not None and value < low) or (high is not None and value > high)


def register() -> None:
    IntegerField.register_lookup(IntegerFieldIn)
