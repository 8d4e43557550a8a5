"""Revisions: every save of an edition, compared word by word and restored as a new revision."""
