"""What the comments app announces; receivers never stop a comment from being saved."""

from django.dispatch import Signal

# sender=Comment, comment=<Comment>; sent after the transaction that saved it commits.
comment_posted = Signal()
# sender=<action class>, comment_ids=[...], action="approve"|..., user=<User or None>.
comments_moderated = Signal()
# sender=Comment, comment=<Comment>, report=<Report>, hidden=<bool>.
comment_reported = Signal()
