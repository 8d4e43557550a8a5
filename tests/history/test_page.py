"""The history page: each edition's revisions, and a word-level comparison of any two."""

import pytest
from django.urls import reverse

from prensa.history.models import EditionRevision
from prensa.newsroom.models import Edition
from tests.factories import make_story
from tests.pages import parse

pytestmark = pytest.mark.django_db


def history_url(story) -> str:
    return reverse("history:story", kwargs={"story_id": story.pk})


def edit(edition: Edition, **fields) -> Edition:
    edition = Edition.objects.get(pk=edition.pk)
    for name, value in fields.items():
        setattr(edition, name, value)
    edition.save()
    return edition


def records(edition: Edition) -> list:
    return list(EditionRevision.objects.filter(id=edition.pk).order_by("history_id"))


def test_the_page_lists_the_revisions_of_the_source_and_of_each_translation(client, editor):
    story = make_story(languages=("en", "pt"))
    edit(story.edition_for("pt"), headline="Balsa volta a cruzar a baía")
    client.force_login(editor)

    response = client.get(history_url(story))

    assert response.status_code == 200
    sections = parse(response.content).find_all("section", class_="history-edition")
    assert [s.get("id") for s in sections] == ["edition-en", "edition-pt"]  # source first
    newest, first = sections[1].one("tbody").find_all("tr")
    assert "Balsa volta a cruzar a baía" not in first.text  # rows, not texts
    assert "the system" in newest.text  # saved outside any request


def test_two_revisions_are_compared_word_by_word_with_insertions_and_deletions(client, editor):
    story = make_story(languages=("en",))
    edition = story.edition_for("en")
    edit(edition, body="The ferry returned on Tuesday.\n\nMore than 250,000 people use it.")
    edit(edition, body="The ferry returned on Wednesday.\n\nMore than 250,000 people use it.")
    _created, tuesday, wednesday = records(edition)
    client.force_login(editor)

    response = client.get(history_url(story), {"a": wednesday.history_id, "b": tuesday.history_id})

    body = parse(response.content).find_all("div", class_="diff")[-1]  # older to newer
    assert [d.text for d in body.find_all("del")] == ["deleted: Tuesday."]
    assert [i.text for i in body.find_all("ins")] == ["inserted: Wednesday."]
    assert "More than 250,000 people use it." in body.text  # unchanged words stay plain


def test_text_in_a_revision_is_escaped_in_the_comparison(client, editor):
    story = make_story(languages=("en",))
    edition = story.edition_for("en")
    edit(edition, standfirst='<script>alert("x")</script> & more')
    first, second = records(edition)
    client.force_login(editor)

    html = client.get(history_url(story), {"a": first.history_id, "b": second.history_id})

    content = html.content.decode()
    assert "<script>alert" not in content
    assert "&lt;script&gt;alert" in content


def test_revisions_of_two_different_editions_cannot_be_compared(client, editor):
    story = make_story(languages=("en", "pt"))
    (en,) = records(story.edition_for("en"))
    (pt,) = records(story.edition_for("pt"))
    client.force_login(editor)

    response = client.get(history_url(story), {"a": en.history_id, "b": pt.history_id})

    assert response.status_code == 400
    assert "same edition" in response.content.decode()


def test_a_revision_of_another_story_is_not_compared_here(client, editor):
    story, other = make_story(languages=("en",)), make_story(languages=("en",))
    edit(other.edition_for("en"), headline="Another story's words")
    first, second = records(other.edition_for("en"))
    client.force_login(editor)

    response = client.get(history_url(story), {"a": first.history_id, "b": second.history_id})

    assert response.status_code == 400
    assert "Another story" not in response.content.decode()


@pytest.mark.parametrize(
    ("persona", "expected"),
    [("editor", 200), ("translator", 200), ("reporter", 403), ("outsider", 403)],
)
def test_only_staff_who_may_see_editions_open_the_history(client, request, persona, expected):
    user = request.getfixturevalue(persona)
    if persona == "translator":
        from django.contrib.auth.models import Permission

        user.user_permissions.add(
            Permission.objects.get(content_type__app_label="newsroom", codename="view_edition")
        )
    client.force_login(user)

    assert client.get(history_url(make_story())).status_code == expected


def test_a_signed_out_visitor_is_sent_to_the_login_page(client):
    response = client.get(history_url(make_story()))

    assert response.status_code == 302 and "login" in response["Location"]


def test_the_desk_and_the_admin_link_to_the_history(client, editor, english_story):
    from prensa.desk.actions import DraftEdition

    DraftEdition(english_story, "es").execute()
    client.force_login(editor)
    url = history_url(english_story)

    desk = client.get(reverse("desk:review", args=[english_story.pk, "es"])).content.decode()
    admin = client.get(reverse("admin:newsroom_story_change", args=[english_story.pk]))

    assert f'href="{url}"' in desk
    assert f'href="{url}#edition-en"' in admin.content.decode()


def test_a_long_history_lists_the_newest_revisions_and_offers_them_all(client, editor):
    from prensa.history.revisions import SHOWN

    story = make_story(languages=("en",))
    edition = story.edition_for("en")
    for n in range(SHOWN + 4):
        edition = edit(edition, standfirst=f"Autosaved draft number {n}.")
    oldest = records(edition)[0]
    client.force_login(editor)

    short = parse(client.get(history_url(story)).content)
    everything = parse(client.get(history_url(story), {"all": "en"}).content)
    compared = client.get(
        history_url(story), {"a": oldest.history_id, "b": records(edition)[-1].history_id}
    )

    assert len(short.one("tbody").find_all("tr")) == SHOWN
    assert f"The newest {SHOWN} of {SHOWN + 5} revisions are listed." in short.text
    assert len(everything.one("tbody").find_all("tr")) == SHOWN + 5
    assert compared.status_code == 200  # a revision not listed can still be compared
    assert (
        "Autosaved draft number"
        in parse(compared.content).find("section", class_="history-comparison").text
    )
