"""Addresses only as salted hashes, kept for a while; a commenter can be forgotten by email."""

import json
from datetime import timedelta
from io import StringIO

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.forms.models import model_to_dict
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from prensa.comments import conf
from prensa.comments.models import Ban, Comment, Report
from prensa.comments.privacy import client_ip, email_hash, ip_hash
from tests.comments.helpers import make_comment, post_comment

pytestmark = pytest.mark.django_db


def test_a_stored_comment_holds_no_address_in_the_clear(client, edition):
    post_comment(client, edition, ip="203.0.113.77", email="nour@example.org")

    stored = " ".join(str(v) for v in model_to_dict(Comment.objects.get()).values())
    assert "203.0.113.77" not in stored
    assert "nour" not in stored
    comment = Comment.objects.get()
    assert comment.ip_hash == ip_hash("203.0.113.77")
    assert comment.email_hash == email_hash("nour@example.org")


def test_the_hashes_depend_on_the_secret_salt(settings):
    before = ip_hash("203.0.113.77"), email_hash("nour@example.org")
    settings.PRENSA_COMMENTS_HASH_SALT = "another secret"

    assert (ip_hash("203.0.113.77"), email_hash("nour@example.org")) != before
    assert len(before[0]) == 64


def test_the_salt_can_come_from_the_environment(monkeypatch):
    before = ip_hash("203.0.113.77")
    monkeypatch.setenv("PRENSA_COMMENTS_HASH_SALT", "from the environment")

    assert ip_hash("203.0.113.77") != before


def test_addresses_in_one_ipv6_network_share_a_hash():
    assert ip_hash("2001:db8:1:2::1") == ip_hash("2001:db8:1:2:ffff::9")
    assert ip_hash("2001:db8:1:2::1") != ip_hash("2001:db8:1:3::1")
    assert ip_hash("::ffff:203.0.113.5") == ip_hash("203.0.113.5")


def test_forwarded_addresses_count_only_behind_a_configured_proxy(settings):
    request = RequestFactory().get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9"
    )

    assert client_ip(request) == "10.0.0.2"
    settings.PRENSA_TRUSTED_PROXIES = ["10.0.0.0/8"]
    assert client_ip(request) == "203.0.113.9"


def test_a_chain_of_our_own_proxies_is_walked_back_to_the_first_outside_address(settings):
    settings.PRENSA_TRUSTED_PROXIES = ["127.0.0.1", "10.0.0.0/8"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.9, 10.1.2.3"
    )

    assert client_ip(request) == "203.0.113.9"


def test_a_request_from_outside_the_proxies_is_taken_at_its_own_address(settings):
    settings.PRENSA_TRUSTED_PROXIES = ["127.0.0.1"]
    request = RequestFactory().get(
        "/", REMOTE_ADDR="198.51.100.4", HTTP_X_FORWARDED_FOR="203.0.113.9"
    )

    assert client_ip(request) == "198.51.100.4"


def test_trusted_proxies_and_comment_limits_come_from_the_environment(monkeypatch):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="203.0.113.9")
    monkeypatch.setenv("PRENSA_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8")
    monkeypatch.setenv("PRENSA_COMMENTS_MAX_LENGTH", "500")
    monkeypatch.setenv("PRENSA_COMMENTS_RATE_PER_IP", "5/60")
    monkeypatch.setenv("PRENSA_COMMENTS_DEFAULT_MODE", "post")
    monkeypatch.setenv("PRENSA_COMMENTS_BANNED_WORDS", "casino bonus;pt=palavra feia,outra")

    assert client_ip(request) == "203.0.113.9"
    assert (conf.max_length(), conf.rate_per_ip(), conf.default_mode()) == (500, (5, 60), "post")
    assert conf.banned_words() == {"*": ["casino bonus"], "pt": ["palavra feia", "outra"]}


def test_django_settings_still_win_over_the_environment(monkeypatch, settings):
    monkeypatch.setenv("PRENSA_COMMENTS_MAX_LENGTH", "500")
    settings.PRENSA_COMMENTS_MAX_LENGTH = 100

    assert conf.max_length() == 100


def test_a_malformed_setting_in_the_environment_is_refused_by_name(monkeypatch):
    monkeypatch.setenv("PRENSA_COMMENTS_RATE_PER_IP", "lots")

    with pytest.raises(ImproperlyConfigured, match="PRENSA_COMMENTS_RATE_PER_IP"):
        conf.rate_per_ip()


def test_old_address_hashes_are_removed_after_the_retention_period(edition, settings):
    settings.PRENSA_COMMENTS_IP_RETENTION_DAYS = 30
    old = make_comment(edition, ip_hash="a" * 64, created_at=timezone.now() - timedelta(days=31))
    recent = make_comment(edition, ip_hash="b" * 64, created_at=timezone.now() - timedelta(days=29))
    old_report = Report.objects.create(
        comment=recent, reporter_hash="c" * 64, created_at=timezone.now() - timedelta(days=40)
    )
    out = StringIO()

    call_command("expire_comment_addresses", stdout=out)

    old.refresh_from_db()
    recent.refresh_from_db()
    old_report.refresh_from_db()
    assert (old.ip_hash, recent.ip_hash, old_report.reporter_hash) == ("", "b" * 64, None)
    assert "1 comment(s) and 1 report(s)" in out.getvalue()


def test_forgetting_a_commenter_deletes_their_comments(edition):
    digest = email_hash("ana@example.org")
    make_comment(edition, email_hash=digest)
    make_comment(edition, email_hash=digest, state=Comment.State.PENDING)
    other = make_comment(edition, email_hash=email_hash("bea@example.org"))
    out = StringIO()

    call_command("forget_commenter", "--email", " ANA@example.org", stdout=out)

    assert list(Comment.objects.all()) == [other]
    assert "2 deleted" in out.getvalue()


def test_a_forgotten_comment_that_others_answered_is_erased_in_place(edition):
    digest = email_hash("ana@example.org")
    theirs = make_comment(edition, email_hash=digest, ip_hash="f" * 64, name="Ana", body="Mine")
    answer = make_comment(edition, parent=theirs, body="An answer")
    own_follow_up = make_comment(edition, parent=theirs, email_hash=digest)

    call_command("forget_commenter", "--email", "ana@example.org", stdout=StringIO())

    theirs.refresh_from_db()
    assert (theirs.name, theirs.body, theirs.email_hash, theirs.ip_hash) == ("", "", "", "")
    assert theirs.state == Comment.State.REMOVED
    assert Comment.objects.filter(pk=answer.pk).exists()
    assert not Comment.objects.filter(pk=own_follow_up.pk).exists()


def test_a_dry_run_only_counts(edition):
    make_comment(edition, email_hash=email_hash("ana@example.org"))
    out = StringIO()

    call_command("forget_commenter", "--email", "ana@example.org", "--dry-run", stdout=out)

    assert Comment.objects.count() == 1
    assert "Would remove 1 comment(s)" in out.getvalue()


def test_forgetting_needs_an_email_address():
    with pytest.raises(CommandError):
        call_command("forget_commenter", "--email", "  ", stdout=StringIO())


def rotate_salt(settings) -> None:  # type: ignore[no-untyped-def]
    """Move the current salt to the previous ones and start a new one."""
    settings.PRENSA_COMMENTS_PREVIOUS_HASH_SALTS = ["the old secret"]
    settings.PRENSA_COMMENTS_HASH_SALT = "the new secret"


def test_bans_made_before_a_salt_rotation_still_hold(client, edition, settings):
    settings.PRENSA_COMMENTS_HASH_SALT = "the old secret"
    Ban.objects.create(kind=Ban.Kind.EMAIL, digest=email_hash("troll@example.org"))
    Ban.objects.create(kind=Ban.Kind.IP, digest=ip_hash("198.51.100.9"))
    rotate_salt(settings)

    by_email = post_comment(client, edition, email="troll@example.org", body="Still here.")
    by_network = post_comment(client, edition, ip="198.51.100.9", body="And here.")

    assert (by_email.status_code, by_network.status_code) == (403, 403)
    assert not Comment.objects.exists()


def test_without_the_previous_salt_old_bans_no_longer_match(client, edition, settings):
    settings.PRENSA_COMMENTS_HASH_SALT = "the old secret"
    Ban.objects.create(kind=Ban.Kind.EMAIL, digest=email_hash("troll@example.org"))
    settings.PRENSA_COMMENTS_HASH_SALT = "the new secret"

    post_comment(client, edition, email="troll@example.org", body="Slipped through.")

    assert Comment.objects.count() == 1


def test_forgetting_a_commenter_finds_comments_hashed_before_a_rotation(edition, settings):
    settings.PRENSA_COMMENTS_HASH_SALT = "the old secret"
    make_comment(edition, email_hash=email_hash("ana@example.org"))
    rotate_salt(settings)
    make_comment(edition, email_hash=email_hash("ana@example.org"))

    call_command("forget_commenter", "--email", "ana@example.org", stdout=StringIO())

    assert not Comment.objects.exists()


def test_the_worker_drops_old_address_hashes_every_day_by_itself(edition, settings):
    from django_tasks_db.models import DBTaskResult

    from prensa.comments.tasks import expire_addresses, schedule_expiry
    from tests.desk.conftest import run_worker

    settings.PRENSA_COMMENTS_IP_RETENTION_DAYS = 30
    DBTaskResult.objects.filter(task_path=expire_addresses.module_path).delete()
    old = make_comment(edition, ip_hash=ip_hash("203.0.113.9"))
    Comment.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=31))

    assert schedule_expiry() is True
    assert schedule_expiry() is False  # one run waits already
    run_worker()

    assert Comment.objects.get(pk=old.pk).ip_hash == ""
    (waiting,) = DBTaskResult.objects.filter(task_path=expire_addresses.module_path, status="READY")
    assert timedelta(hours=23) < waiting.run_after - timezone.now() <= timedelta(days=1)


# Staff logins (django-axes) are forgotten too


def fail_a_staff_login(client, address: str, agent: str) -> None:  # type: ignore[no-untyped-def]
    response = client.post(
        reverse("admin:login"),
        {"username": "editor", "password": "a wrong guess"},
        REMOTE_ADDR=address,
        HTTP_USER_AGENT=agent,
    )
    assert response.status_code == 200  # the form again, with its error


def test_the_worker_forgets_failed_staff_logins_after_the_retention_period(client, settings):
    from django_tasks_db.models import DBTaskResult

    from prensa.comments.tasks import expire_addresses, schedule_expiry
    from tests.desk.conftest import run_worker

    settings.PRENSA_LOGIN_RECORD_RETENTION_DAYS = 30
    User.objects.create_user("editor", password="the-right-one", is_staff=True)
    with time_machine.travel(timezone.now() - timedelta(days=31)):
        fail_a_staff_login(client, "198.51.100.31", "OldBrowser/1.0")
    # Nobody failed since, so django-axes never cleaned it up: the raw address stays.
    assert AccessAttempt.objects.filter(user_agent="OldBrowser/1.0").exists()
    DBTaskResult.objects.filter(task_path=expire_addresses.module_path).delete()

    schedule_expiry()
    run_worker()

    assert not AccessAttempt.objects.exists()


def test_a_failed_staff_login_within_the_retention_period_is_kept(client, settings):
    settings.PRENSA_LOGIN_RECORD_RETENTION_DAYS = 30
    User.objects.create_user("editor", password="the-right-one", is_staff=True)
    with time_machine.travel(timezone.now() - timedelta(days=29)):
        fail_a_staff_login(client, "198.51.100.32", "NewBrowser/2.0")

    call_command("expire_login_records", stdout=StringIO())

    assert list(AccessAttempt.objects.values_list("ip_address", "user_agent")) == [
        ("198.51.100.32", "NewBrowser/2.0")
    ]


def test_a_login_record_is_kept_while_its_lockout_lasts(client, settings):
    settings.PRENSA_LOGIN_RECORD_RETENTION_DAYS = 0
    settings.AXES_COOLOFF_TIME = timedelta(hours=1)
    User.objects.create_user("editor", password="the-right-one", is_staff=True)
    fail_a_staff_login(client, "198.51.100.33", "Browser/3.0")
    out = StringIO()

    call_command("expire_login_records", stdout=out)

    assert AccessAttempt.objects.count() == 1
    with time_machine.travel(timezone.now() + timedelta(hours=2)):
        call_command("expire_login_records", stdout=out)
    assert not AccessAttempt.objects.exists()
    assert "Removed 1 record(s)" in out.getvalue()


# Access: a commenter can have everything stored about them


def test_a_commenter_can_get_everything_stored_about_them_as_json(edition, settings, tmp_path):
    settings.PRENSA_COMMENTS_HASH_SALT = "the old secret"
    before_rotation = make_comment(
        edition, email_hash=email_hash("ana@example.org"), name="Ana", body="Before."
    )
    rotate_salt(settings)
    theirs = make_comment(
        edition,
        email_hash=email_hash("ana@example.org"),
        ip_hash=ip_hash("203.0.113.40"),
        browser_hash="b" * 64,
        approved=True,
        name="Ana",
        body="Mine, with an accent: é.",
    )
    make_comment(edition, email_hash=email_hash("bea@example.org"), body="Not hers.")
    Ban.objects.create(kind=Ban.Kind.IP, digest=ip_hash("203.0.113.40"), note="flood")
    Report.objects.create(comment=theirs, reason=Report.Reason.SPAM, reporter_hash="c" * 64)
    output = tmp_path / "ana.json"

    call_command(
        "export_commenter",
        "--email",
        " Ana@Example.org ",
        "--output",
        str(output),
        stderr=StringIO(),
    )

    record = json.loads(output.read_text(encoding="utf-8"))
    assert [c["body"] for c in record["comments"]] == ["Before.", "Mine, with an accent: é."]
    latest = record["comments"][1]
    assert latest["edition"]["headline"] == edition.headline
    assert (latest["language"], latest["state"]) == ("en", "published")
    assert latest["posted_at"] == theirs.created_at.isoformat()
    assert latest["network_address_hash"] == ip_hash("203.0.113.40")
    assert set(record["email_hashes_matched"]) == {
        before_rotation.email_hash,
        theirs.email_hash,
    }
    assert record["trust"] == [
        {"browser_hash": "b" * 64, "approved_comments": 1, "skips_pre_moderation": True}
    ]
    assert [(b["kind"], b["note"]) for b in record["bans"]] == [("ip", "flood")]
    assert record["reports_on_their_comments"][0]["reason"] == "spam"
    assert "bea" not in output.read_text() and "Not hers." not in output.read_text()
    assert output.stat().st_mode & 0o077 == 0  # personal data: not readable by others


def test_the_export_goes_to_standard_output_by_default(edition):
    make_comment(edition, email_hash=email_hash("ana@example.org"), body="Hello.")
    out = StringIO()

    call_command("export_commenter", "--email", "ana@example.org", stdout=out)

    assert [c["body"] for c in json.loads(out.getvalue())["comments"]] == ["Hello."]


def test_exporting_needs_an_email_address():
    with pytest.raises(CommandError):
        call_command("export_commenter", "--email", " ", stdout=StringIO())
