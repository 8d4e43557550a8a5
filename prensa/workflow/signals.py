"""Signals the workflow sends; other apps (caches, the desk) may listen."""

from django.dispatch import Signal

# Sent inside the transaction of every transition, after the edition and its log entry
# were saved. kwargs: edition (as saved), entry (the TransitionLog row).
edition_transitioned = Signal()
