"""Test doubles for engines: record what the pipeline sends, answer predictably."""

from __future__ import annotations

from collections.abc import Sequence

from prensa.translation.engines import ALL_PAIRS, Engine, Keep, Segment
from prensa.translation.errors import EngineUnavailable


class EchoEngine(Engine):
    """Translates by tagging each segment: `text [pt]`; kept pieces come back as sent."""

    name = "echo"

    def __init__(self, pairs: frozenset[tuple[str, str]] = ALL_PAIRS) -> None:
        self._pairs = pairs
        self.batches: list[list[Segment]] = []

    def pairs(self) -> frozenset[tuple[str, str]]:
        return self._pairs

    def _translate(self, segments: Sequence[Segment], source: str, target: str) -> list[str]:
        self.batches.append(list(segments))
        return [
            "".join(p.text if isinstance(p, Keep) else p for p in segment.pieces) + f" [{target}]"
            for segment in segments
        ]


class DownEngine(EchoEngine):
    name = "down"

    def _translate(self, segments: Sequence[Segment], source: str, target: str) -> list[str]:
        raise EngineUnavailable(self.name, "connection refused")


class ShortEngine(EchoEngine):
    """Returns one segment fewer than it was sent."""

    name = "short"

    def _translate(self, segments: Sequence[Segment], source: str, target: str) -> list[str]:
        return super()._translate(segments, source, target)[:-1]
