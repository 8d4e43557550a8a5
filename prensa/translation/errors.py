"""What can go wrong when translating, as typed exceptions with readable messages.

Every failure of the pipeline is one of these, raised before any result is
returned: a caller never receives a partial translation.
"""

from __future__ import annotations

from collections.abc import Sequence

LANGUAGE_NAMES = {"pt": "Portuguese", "es": "Spanish", "en": "English"}


def language_name(code: str) -> str:
    """English name of a publishing language, or the code itself if unknown."""
    return LANGUAGE_NAMES.get(code, code)


def pair_label(source: str, target: str) -> str:
    """`English → Portuguese`, for messages shown in the desk and the CLI."""
    return f"{language_name(source)} → {language_name(target)}"


class TranslationError(Exception):
    """Base class: anything that stops a translation from being produced."""

    #: Whether trying again later may succeed (a background task retries these).
    retryable: bool = False

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class UnsupportedPair(TranslationError):
    """No configured engine translates between these two languages."""

    def __init__(self, source: str, target: str, detail: str = "") -> None:
        self.source = source
        self.target = target
        message = f"No translation engine is configured for {pair_label(source, target)}."
        if detail:
            message = f"{message} {detail}"
        super().__init__(message)


class InvalidSource(TranslationError):
    """The source text cannot be translated as given (e.g. a story with no body)."""


class EngineError(TranslationError):
    """An engine failed to translate a batch."""

    def __init__(self, engine: str, message: str) -> None:
        self.engine = engine
        super().__init__(f"{engine}: {message}")


class EngineNotConfigured(EngineError):
    """The engine is named in settings but lacks what it needs (a URL, a key)."""


class EngineUnavailable(EngineError):
    """The engine could not be reached or crashed (connection refused, 5xx, timeout)."""

    retryable = True


class EngineRateLimited(EngineError):
    """The engine asked us to slow down (HTTP 429)."""

    retryable = True


class EngineAuthError(EngineError):
    """The engine refused our credentials (HTTP 401/403)."""


class EngineQuotaExceeded(EngineError):
    """The account's character quota is used up (DeepL's HTTP 456)."""


class EngineBadResponse(EngineError):
    """The engine answered, but not with one non-empty translation per segment."""


class EnginesFailed(TranslationError):
    """Every engine in the fallback order failed; `errors` holds each failure."""

    def __init__(self, source: str, target: str, errors: Sequence[EngineError]) -> None:
        self.errors = tuple(errors)
        self.retryable = any(error.retryable for error in self.errors)
        details = "; ".join(error.message for error in self.errors)
        super().__init__(f"Every engine for {pair_label(source, target)} failed: {details}")
