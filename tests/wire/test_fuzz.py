"""Malformed and truncated versions of every sample, fed to every importer: always a list of
items or a clear refusal, never a crash; and through the import, never a partial story."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from prensa.newsroom.models import Edition, Story
from prensa.wire.importing import CREATED, REFUSED, import_bytes
from prensa.wire.items import Item, Refusal
from prensa.wire.parsers import PARSERS
from tests.wire.conftest import SAMPLES

SAMPLE_FILES = {path.name: path.read_bytes() for path in sorted(SAMPLES.iterdir())}


@st.composite
def damaged(draw):
    """A sample, cut short, with bytes flipped, inserted or removed."""
    name = draw(st.sampled_from(sorted(SAMPLE_FILES)))
    data = bytearray(SAMPLE_FILES[name])
    for _ in range(draw(st.integers(0, 4))):
        if not data:
            break
        at = draw(st.integers(0, len(data) - 1))
        kind = draw(st.sampled_from(["cut", "flip", "insert", "delete"]))
        if kind == "cut":
            data = data[:at]
        elif kind == "flip":
            data[at] = draw(st.integers(0, 255))
        elif kind == "insert":
            data[at:at] = draw(
                st.one_of(
                    st.binary(max_size=12),
                    st.sampled_from(
                        [b"<", b"&", b"]]>", b"<!ENTITY x 'y'>", b"\xff\xfe", b"\x00", b'"', b"{"]
                    ),
                )
            )
        else:
            data[at : at + draw(st.integers(1, 200))] = b""
    return name, bytes(data)


@pytest.mark.parametrize("parser", sorted(PARSERS))
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=damaged())
def test_every_importer_reads_damaged_input_or_refuses_it_clearly(parser, case):
    name, data = case
    try:
        items = PARSERS[parser](data, name)
    except Refusal as refusal:
        assert refusal.message.strip()
        assert "Traceback" not in refusal.message
    else:
        assert isinstance(items, list) and all(isinstance(i, Item) for i in items)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(case=damaged())
def test_a_damaged_file_is_imported_whole_or_not_at_all(section, case):
    Story.objects.all().delete()
    name, data = case
    report = import_bytes(data, name, None)
    assert report.outcomes
    for outcome in report.outcomes:
        assert outcome.result in (CREATED, REFUSED)
        assert outcome.message.strip()
        assert "Unexpected error" not in outcome.message
    created = [o for o in report.outcomes if o.result == CREATED]
    assert Story.objects.count() == len(created)
    for story in Story.objects.all():
        [edition] = Edition.objects.filter(story=story)
        assert edition.headline.strip() and edition.body.strip()
        assert edition.language == story.source_language
