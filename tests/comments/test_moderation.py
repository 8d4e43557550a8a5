"""Moderators work the queue: approve, reject, mark spam, ban; per site, section or story."""

import pytest
from django.contrib.admin.models import LogEntry
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from prensa.comments.actions import (
    ApproveComments,
    BanAuthors,
    MarkSpam,
    RejectComments,
)
from prensa.comments.models import Ban, Comment, ModerationSetting, Report
from prensa.comments.privacy import email_hash, ip_hash
from prensa.comments.signals import comments_moderated
from tests.comments.helpers import comment_texts, edition_of, make_comment, page, thread_url
from tests.factories import make_section, make_story

pytestmark = pytest.mark.django_db

QUEUE = "admin:comments_moderationqueue_changelist"
COMMENTS = "admin:comments_comment_changelist"


def pending(edition, **fields):  # type: ignore[no-untyped-def]
    return make_comment(edition, state=Comment.State.PENDING, needs_review=True, **fields)


# The actions


def test_approving_publishes_the_comments_and_takes_them_off_the_queue(edition, moderator):
    comments = [pending(edition), pending(edition)]

    count = ApproveComments(comments, moderator).execute()

    assert count == 2
    for comment in Comment.objects.all():
        assert comment.state == Comment.State.PUBLISHED
        assert comment.approved and not comment.needs_review
        assert comment.moderated_by == moderator
        assert comment.moderated_at is not None


def test_an_approved_comment_appears_in_the_thread(client, edition, moderator):
    comment = pending(edition, body="Worth reading")
    assert comment_texts(page(client.get(thread_url(edition)))) == []

    ApproveComments([comment], moderator).execute()

    assert comment_texts(page(client.get(thread_url(edition)))) == ["Worth reading"]


def test_rejecting_takes_comments_off_the_site(client, edition, moderator):
    comment = make_comment(edition, body="Off you go")

    RejectComments([comment], moderator).execute()

    comment.refresh_from_db()
    assert (comment.state, comment.approved, comment.needs_review) == ("rejected", False, False)
    assert "Off you go" not in page(client.get(thread_url(edition))).text


def test_marking_spam_takes_comments_off_the_site(edition, moderator):
    comment = pending(edition)

    MarkSpam([comment], moderator).execute()

    comment.refresh_from_db()
    assert comment.state == Comment.State.SPAM


def test_banning_by_email_bans_each_author_once_and_rejects_their_comments(edition, moderator):
    ana = email_hash("ana@example.org")
    comments = [pending(edition, email_hash=ana), pending(edition, email_hash=ana)]
    anonymous = pending(edition)

    created = BanAuthors([*comments, anonymous], moderator, kind="email").execute()

    assert created == 1
    ban = Ban.objects.get()
    assert (ban.kind, ban.digest, ban.created_by) == ("email", ana, moderator)
    assert set(Comment.objects.values_list("state", flat=True)) == {"rejected"}


def test_banning_by_network_uses_the_address_hash(edition, moderator):
    comment = pending(edition, ip_hash=ip_hash("203.0.113.4"))

    assert BanAuthors([comment], moderator, kind="ip").execute() == 1
    assert Ban.applies_to(email_hash="", ip_hash=ip_hash("203.0.113.4"))


def test_banning_an_author_banned_already_creates_no_second_ban(edition, moderator):
    comment = pending(edition, ip_hash=ip_hash("203.0.113.4"))
    BanAuthors([comment], moderator, kind="ip").execute()

    assert BanAuthors([comment], moderator, kind="ip").execute() == 0
    assert Ban.objects.count() == 1


@pytest.mark.parametrize("action", [ApproveComments, RejectComments, MarkSpam])
def test_someone_without_the_moderation_permission_cannot_moderate(edition, outsider, action):
    comment = pending(edition)

    with pytest.raises(PermissionDenied):
        action([comment], outsider).execute()

    comment.refresh_from_db()
    assert comment.state == Comment.State.PENDING


def test_a_moderation_is_logged_for_the_admin_history(edition, moderator):
    comment = pending(edition)

    ApproveComments([comment], moderator).execute()

    entry = LogEntry.objects.get()
    assert (entry.user, entry.object_id) == (moderator, str(comment.pk))
    assert "approve" in entry.change_message


def test_a_moderation_is_announced_after_it_is_saved(
    edition, moderator, django_capture_on_commit_callbacks
):
    heard = []
    comment = pending(edition)

    def listener(**kwargs):  # type: ignore[no-untyped-def]
        heard.append((kwargs["action"], kwargs["comment_ids"]))

    comments_moderated.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            RejectComments([comment], moderator).execute()
    finally:
        comments_moderated.disconnect(listener)

    assert heard == [("reject", [comment.pk])]


def test_a_decision_resolves_the_open_reports(edition, moderator):
    comment = make_comment(edition, state=Comment.State.HIDDEN, open_reports=3)
    Report.objects.create(comment=comment, reporter_hash="a")

    ApproveComments([comment], moderator).execute()

    comment.refresh_from_db()
    assert (comment.state, comment.open_reports) == (Comment.State.PUBLISHED, 0)
    assert Report.objects.get().resolved


# Modes: story, then section, then site, then the setting


def test_the_default_mode_is_premoderation(edition):
    assert ModerationSetting.mode_for(edition) == "pre"


def test_the_site_setting_overrides_the_default(edition, settings):
    settings.PRENSA_COMMENTS_DEFAULT_MODE = "post"
    assert ModerationSetting.mode_for(edition) == "post"

    ModerationSetting.objects.create(scope="site", mode="strict")
    assert ModerationSetting.mode_for(edition) == "strict"


def test_a_section_setting_overrides_the_site_and_a_story_setting_overrides_both():
    section = make_section()
    story, neighbour = make_story(section=section), make_story(section=section)
    other = make_story()
    ModerationSetting.objects.create(scope="site", mode="post")
    ModerationSetting.objects.create(scope="section", section=section, mode="strict")
    ModerationSetting.objects.create(scope="story", story=story, mode="closed")

    assert ModerationSetting.mode_for(edition_of(story, "pt")) == "closed"
    assert ModerationSetting.mode_for(edition_of(neighbour, "pt")) == "strict"
    assert ModerationSetting.mode_for(edition_of(other, "pt")) == "post"


def test_a_setting_must_name_the_target_its_scope_says(story):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        ModerationSetting.objects.create(scope="section", story=story, mode="post")


# The queue in the admin


def test_the_queue_lists_what_needs_review_oldest_first(moderator_client, edition):
    older = pending(edition, body="older pending")
    make_comment(edition, body="already fine")
    reported = make_comment(edition, body="reported one", needs_review=True, open_reports=1)

    response = moderator_client.get(reverse(QUEUE))

    assert response.status_code == 200
    rows = [obj.pk for obj in response.context["cl"].result_list]
    assert rows == [older.pk, reported.pk]


def test_the_queue_filters_by_language_and_state(moderator_client, story):
    pt = pending(edition_of(story, "pt"))
    pending(edition_of(story, "es"))
    hidden_pt = make_comment(edition_of(story, "pt"), state=Comment.State.HIDDEN, needs_review=True)

    by_language = moderator_client.get(reverse(QUEUE), {"edition__language__exact": "pt"})
    by_both = moderator_client.get(
        reverse(QUEUE), {"edition__language__exact": "pt", "state__exact": "hidden"}
    )

    assert {c.pk for c in by_language.context["cl"].result_list} == {pt.pk, hidden_pt.pk}
    assert [c.pk for c in by_both.context["cl"].result_list] == [hidden_pt.pk]


@pytest.mark.parametrize(
    ("action", "state"),
    [("approve", "published"), ("reject", "rejected"), ("mark_spam", "spam")],
)
def test_a_moderator_works_the_queue_in_bulk(moderator_client, edition, action, state):
    comments = [pending(edition), pending(edition), pending(edition)]

    response = moderator_client.post(
        reverse(QUEUE),
        {"action": action, "_selected_action": [c.pk for c in comments[:2]]},
        follow=True,
    )

    assert response.status_code == 200
    assert [c.state for c in Comment.objects.order_by("pk")] == [state, state, "pending"]


@pytest.mark.parametrize(("action", "kind"), [("ban_by_email", "email"), ("ban_by_network", "ip")])
def test_a_moderator_bans_authors_from_the_queue(moderator_client, edition, action, kind):
    comment = pending(
        edition, email_hash=email_hash("x@example.org"), ip_hash=ip_hash("203.0.113.8")
    )

    moderator_client.post(reverse(QUEUE), {"action": action, "_selected_action": [comment.pk]})

    assert Ban.objects.get().kind == kind
    comment.refresh_from_db()
    assert comment.state == Comment.State.REJECTED


def test_the_full_comment_list_offers_the_same_actions(moderator_client, edition):
    comment = pending(edition)

    moderator_client.post(
        reverse(COMMENTS), {"action": "approve", "_selected_action": [comment.pk]}
    )

    comment.refresh_from_db()
    assert comment.state == Comment.State.PUBLISHED


def test_staff_without_the_permission_cannot_open_the_queue(outsider_client, edition):
    pending(edition)

    assert outsider_client.get(reverse(QUEUE)).status_code == 403


def test_every_admin_page_tells_a_moderator_how_many_comments_wait(
    moderator_client, outsider_client, edition
):
    pending(edition)
    pending(edition)
    make_comment(edition)  # published and reviewed: not waiting

    page = moderator_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="pt").content.decode()
    assert 'data-comments-to-review="2"' in page
    assert "2 comentários para revisar" in page
    assert "to review" not in outsider_client.get("/admin/").content.decode()


def test_staff_without_the_permission_cannot_run_an_action(outsider_client, edition):
    comment = pending(edition)

    outsider_client.post(reverse(QUEUE), {"action": "approve", "_selected_action": [comment.pk]})

    comment.refresh_from_db()
    assert comment.state == Comment.State.PENDING


def test_a_reader_is_sent_to_the_login_page(edition):
    response = Client().get(reverse(QUEUE))

    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_nobody_adds_comments_in_the_admin(moderator_client):
    assert moderator_client.get(reverse("admin:comments_comment_add")).status_code == 403


def test_a_moderator_can_ban_an_email_address_typed_into_the_admin(admin_client):
    response = admin_client.post(
        reverse("admin:comments_ban_add"),
        {"kind": "ip", "digest": "", "email": "Spammer@Example.org", "note": "by hand"},
    )

    assert response.status_code == 302
    ban = Ban.objects.get()
    assert (ban.kind, ban.digest) == ("email", email_hash("spammer@example.org"))


# A reader's words are theirs


@pytest.mark.parametrize(
    "change_view", ["admin:comments_comment_change", "admin:comments_moderationqueue_change"]
)
def test_a_moderator_cannot_rewrite_a_readers_name_or_words(
    admin_client, admin_user, edition, change_view
):
    comment = pending(edition, name="Ana Reader", body="What I wrote.")
    url = reverse(change_view, args=[comment.pk])
    form = admin_client.get(url).content.decode()
    assert "What I wrote." in form  # shown to the moderator, not offered for editing
    assert 'name="body"' not in form and 'name="name"' not in form

    response = admin_client.post(
        url,
        {
            "name": "Someone Else",
            "body": "Words the reader never wrote.",
            "reports-TOTAL_FORMS": "0",
            "reports-INITIAL_FORMS": "0",
            "_save": "Save",
        },
    )

    assert response.status_code == 302
    ApproveComments([comment], admin_user).execute()
    assert comment_texts(page(Client().get(thread_url(edition)))) == ["What I wrote."]
    comment.refresh_from_db()
    assert comment.name == "Ana Reader"
