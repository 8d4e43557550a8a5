"""`prensa generate-archive` builds a realistic archive the reader site serves."""

from io import StringIO

from django.core.management import call_command
from django.db.models import Count

from prensa.comments.models import Comment
from prensa.newsroom.models import Edition, Story


def test_the_archive_has_three_published_editions_per_story_and_comments(client, db):
    call_command("generate-archive", "--stories", "40", "--comments", "1", stdout=StringIO())
    assert Story.objects.count() == 40
    per_story = Story.objects.annotate(n=Count("editions")).values_list("n", flat=True)
    assert set(per_story) == {3}
    assert Edition.objects.published().count() == 120
    assert Comment.objects.filter(state=Comment.State.PUBLISHED).exists()
    edition = Edition.objects.published().select_related("story__section").first()
    assert client.get(edition.get_absolute_url()).status_code == 200
    assert client.get(edition.story.section.get_absolute_url("pt")).status_code == 200


def test_running_it_again_adds_stories_instead_of_clashing(db):
    call_command("generate-archive", "--stories", "5", stdout=StringIO())
    call_command("generate-archive", "--stories", "5", stdout=StringIO())
    assert Story.objects.count() == 10
    assert Edition.objects.values("language", "slug").distinct().count() == 30
