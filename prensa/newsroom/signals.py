"""Signals the newsroom sends; other apps (the desk, caches) listen."""

from django.dispatch import Signal

# Sent after an edition's headline, standfirst or body changed and was saved.
# kwargs: edition (as saved), previous (an unsaved Edition holding the content before)
edition_content_changed = Signal()
