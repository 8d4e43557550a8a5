"""`prensa demo` gives a newcomer a newsroom worth looking at, and can be run again."""

import re
from io import StringIO

import pytest
from django.core.management import call_command

from prensa.lib.markup import paragraphs
from prensa.newsroom.models import Edition, Section, Story, Tag

pytestmark = pytest.mark.django_db

LANGUAGES = {"pt", "es", "en"}

# "250,000", "250.000", "250 000" (NBSP or narrow NBSP too), or plain digits.
_FIGURE = re.compile(r"(?<![\d.,])\d{1,3}(?:[,.\u00a0\u202f ]\d{3})+(?![\d])|(?<![\d.,])\d+")


def figures(text: str) -> list[int]:
    return [int(re.sub(r"\D", "", match)) for match in _FIGURE.findall(text)]


def load_demo() -> str:
    out = StringIO()
    call_command("demo", "--no-migrate", stdout=out)
    return out.getvalue()


def test_it_reads_figures_the_way_each_language_writes_them():
    assert figures("more than 250,000 people in 1982") == [250000, 1982]
    assert figures("mais de 250.000 pessoas, 38,4%") == [250000, 38]
    assert figures("más de 1\u00a0200\u00a0000 personas") == [1200000]


def test_it_loads_a_newsroom_worth_looking_at():
    load_demo()

    assert Story.objects.count() >= 12
    assert Section.objects.count() >= 3
    assert Tag.objects.count() >= 8


def test_it_gives_every_story_all_three_editions_but_at_least_one():
    load_demo()

    languages = {
        story.pk: {edition.language for edition in story.editions.all()}
        for story in Story.objects.prefetch_related("editions")
    }
    incomplete = [pk for pk, found in languages.items() if found != LANGUAGES]
    assert len(incomplete) >= 1, "no story shows what a missing edition looks like"
    assert all(languages[pk] for pk in incomplete), "a story has no edition at all"
    assert len(incomplete) <= len(languages) // 4


def test_it_publishes_every_demo_edition_so_readers_see_it():
    load_demo()

    assert Edition.objects.count() == Edition.objects.published().count()


def test_it_includes_a_long_wire_story_with_a_big_figure():
    load_demo()

    long_with_big_figures = [
        edition
        for edition in Edition.objects.all()
        if len(paragraphs(edition.body)) >= 15 and any(n > 100_000 for n in figures(edition.body))
    ]
    assert long_with_big_figures


def test_it_keeps_big_figures_in_every_edition_of_the_long_story():
    load_demo()

    for story in Story.objects.prefetch_related("editions"):
        editions = list(story.editions.all())
        big = {e.language: {n for n in figures(e.body) if n > 100_000} for e in editions}
        if any(big.values()):
            assert len({frozenset(v) for v in big.values()}) == 1, (story.key, big)


def test_it_does_not_duplicate_anything_when_run_twice():
    load_demo()
    counts = (Story.objects.count(), Edition.objects.count(), Section.objects.count())

    load_demo()

    assert (Story.objects.count(), Edition.objects.count(), Section.objects.count()) == counts
    assert Tag.objects.count() >= 8


def test_it_does_not_bump_revisions_when_run_again():
    load_demo()
    revisions = dict(Edition.objects.values_list("pk", "revision"))

    load_demo()

    assert dict(Edition.objects.values_list("pk", "revision")) == revisions


@pytest.mark.django_db
def test_demo_translations_are_tracked_so_a_source_edit_flags_only_its_paragraph():
    from prensa.desk.models import Segment

    call_command("demo", "--no-migrate", stdout=StringIO())
    source = Edition.objects.get(story__key="demo:tell-ruman-water-returns", language="en")
    blocks = source.body.split("\n\n")
    blocks[4] = blocks[4] + " The figure was later confirmed."
    source.body = "\n\n".join(blocks)
    source.save()
    for language in ("pt", "es"):
        stale = Segment.objects.filter(
            edition__story=source.story, edition__language=language, state="stale"
        )
        assert list(stale.values_list("position", flat=True)) == [4 + 2]
