"""Month names that Prensa's own catalogues override (never imported).

Django's Portuguese catalogue capitalises month names ("27 de Novembro de
2026"); Portuguese orthography writes them in lowercase ("27 de novembro de
2026"), so prensa/locale/pt/LC_MESSAGES/django.po re-translates Django's
msgids. Those entries only survive `makemessages` if the msgids also appear
in Prensa's own source tree, because makemessages (msgmerge) marks every
entry it cannot find in the sources as obsolete (`#~`, which compilemessages
ignores), or deletes it with --no-obsolete. This module exists only so that
makemessages finds them. The msgids and contexts must match
django/utils/dates.py exactly.
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# django.utils.dates.MONTHS: the "F" date format character.
MONTHS = (
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
)

# django.utils.dates.MONTHS_AP: the "N" date format character.
MONTHS_AP = (
    pgettext_lazy("abbrev. month", "Jan."),
    pgettext_lazy("abbrev. month", "Feb."),
    pgettext_lazy("abbrev. month", "March"),
    pgettext_lazy("abbrev. month", "April"),
    pgettext_lazy("abbrev. month", "May"),
    pgettext_lazy("abbrev. month", "June"),
    pgettext_lazy("abbrev. month", "July"),
    pgettext_lazy("abbrev. month", "Aug."),
    pgettext_lazy("abbrev. month", "Sept."),
    pgettext_lazy("abbrev. month", "Oct."),
    pgettext_lazy("abbrev. month", "Nov."),
    pgettext_lazy("abbrev. month", "Dec."),
)

# django.utils.dates.MONTHS_ALT: the "E" date format character.
MONTHS_ALT = (
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
)
