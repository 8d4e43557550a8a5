"""The desk's personas and story, shared with the history tests."""

from tests.desk.conftest import (  # noqa: F401 (fixtures)
    editor,
    english_story,
    outsider,
    reporter,
    translator,
)
