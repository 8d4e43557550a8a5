"""The comment form: what a reader fills in, and the traps only robots fall into."""

from __future__ import annotations

import time

from django import forms
from django.core import signing
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from prensa.newsroom.models import Edition

from . import conf, text
from .models import BannedWord, Comment, Report

NAME_MAX_LENGTH = 60
_SIGNING_NAMESPACE = "prensa.comments.form"

MESSAGES = {
    "name_required": _("Please tell us your name."),
    "name_too_long": _("Your name can have at most %(limit_value)d characters."),
    "email_invalid": _("This email address does not look right: correct it or leave it empty."),
    "body_required": _("Please write a comment."),
    "body_too_long": _(
        "Your comment is too long: %(show_value)d characters, the most is %(limit_value)d."
    ),
    "too_many_links": ngettext_lazy(
        "A comment can contain at most %(max)d link.",
        "A comment can contain at most %(max)d links.",
        "max",
    ),
    "banned_word": _("Your comment contains a word that is not allowed here: “%(word)s”."),
    "honeypot": _("Your comment could not be accepted."),
    "too_fast": _("That was quick! Please take a moment to read your comment, then send it again."),
    "expired": _("This form has expired. Please send your comment again."),
    "other_article": _("You can only reply to comments on this article."),
    "parent_unavailable": _("The comment you are replying to is not available any more."),
}


def issue_token(edition_id: int, at: float | None = None) -> str:
    """A signed note of which form was shown when, checked when it comes back."""
    shown = int(time.time() if at is None else at)
    return signing.dumps([edition_id, shown], salt=_SIGNING_NAMESPACE)


def token_age(token: str, edition_id: int) -> int | None:
    """Seconds since the form was shown, or None if the token is not ours or not this form's."""
    try:
        shown_for, shown = signing.loads(token, salt=_SIGNING_NAMESPACE)
    except (signing.BadSignature, TypeError, ValueError):
        return None
    if shown_for != edition_id or not isinstance(shown, int):
        return None
    return int(time.time()) - shown


class CommentForm(forms.Form):
    name = forms.CharField(
        label=_("Name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": MESSAGES["name_required"],
            "max_length": MESSAGES["name_too_long"],
        },
        widget=forms.TextInput(attrs={"autocomplete": "nickname"}),
    )
    email = forms.EmailField(
        label=_("Email (optional, never shown)"),
        required=False,
        max_length=254,
        help_text=_(
            "It lets us find your comments if you ask us to remove them. Once a moderator "
            "has approved a comment posted from this browser, your next ones appear "
            "without waiting."
        ),
        error_messages={
            "invalid": MESSAGES["email_invalid"],
            "max_length": MESSAGES["email_invalid"],
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    body = forms.CharField(
        label=_("Comment"),
        strip=True,
        error_messages={
            "required": MESSAGES["body_required"],
            "max_length": MESSAGES["body_too_long"],
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(
        required=False,
        min_value=1,
        widget=forms.HiddenInput,
        error_messages={
            "invalid": MESSAGES["parent_unavailable"],
            "min_value": MESSAGES["parent_unavailable"],
        },
    )
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    # The trap: hidden from people (CSS and aria-hidden), filled in by robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def __init__(self, *args, edition: Edition, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.edition = edition
        self.token_is_valid = False
        limit = conf.max_length()
        body = self.fields["body"]
        body.max_length = limit
        body.validators.append(MaxLengthValidator(limit))
        body.widget.attrs["maxlength"] = str(limit)
        if not self.is_bound:
            self.initial.setdefault("started", issue_token(edition.pk))

    def clean_name(self) -> str:
        name = text.clean_name(self.cleaned_data["name"])
        if not name:
            raise forms.ValidationError(MESSAGES["name_required"], code="required")
        return name

    def clean_body(self) -> str:
        body = text.clean_body(self.cleaned_data["body"])
        if not body:
            raise forms.ValidationError(MESSAGES["body_required"], code="required")
        most = conf.max_links()
        if text.count_links(body) > most:
            raise forms.ValidationError(
                MESSAGES["too_many_links"], code="too_many_links", params={"max": most}
            )
        word = text.find_banned(body, BannedWord.for_language(self.edition.language))
        if word is not None:
            raise forms.ValidationError(
                MESSAGES["banned_word"], code="banned_word", params={"word": word}
            )
        return body

    def clean_parent(self) -> Comment | None:
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = Comment.objects.filter(pk=parent_id).first()
        if parent is not None and parent.edition_id != self.edition.pk:
            raise forms.ValidationError(MESSAGES["other_article"], code="other_article")
        if parent is None or not parent.is_visible:
            raise forms.ValidationError(MESSAGES["parent_unavailable"], code="unavailable")
        return parent

    def clean(self) -> dict:
        data = super().clean()
        if self.data.get("website"):  # raw: even a value the field itself refused
            raise forms.ValidationError(MESSAGES["honeypot"], code="honeypot")
        age = token_age(data.get("started") or "", self.edition.pk)
        if age is None or age > conf.form_max_age():
            raise forms.ValidationError(MESSAGES["expired"], code="expired")
        self.token_is_valid = True
        if age < conf.min_seconds():
            raise forms.ValidationError(MESSAGES["too_fast"], code="too_fast")
        return data

    def prepare_for_another_try(self) -> None:
        """Keep what the reader wrote; give them a new token if theirs had expired."""
        if self.is_bound and not self.token_is_valid:
            self.data = self.data.copy()
            self.data["started"] = issue_token(self.edition.pk)
        if self.is_bound and self.data.get("website"):
            self.data = self.data.copy()
            self.data["website"] = ""


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        choices=Report.Reason.choices, required=False, initial=Report.Reason.OTHER
    )

    def clean_reason(self) -> str:
        return self.cleaned_data.get("reason") or Report.Reason.OTHER
