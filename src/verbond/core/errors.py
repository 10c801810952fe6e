"""Errors that services raise and every interface (pages, API, CLI) turns into a clear answer."""

from django.utils.translation import gettext_lazy as _

CONFLICT_MESSAGE = _(
    "Someone else changed this record while you were editing it. Your changes were not saved; "
    "compare both versions below and save again."
)


class ConflictError(Exception):
    """The record changed since the editor loaded it (optimistic concurrency)."""

    def __init__(self, current: object, message: str | None = None):
        self.current = current
        self.has_own_message = message is not None  # else an interface may word the general case its own way
        super().__init__(str(message or CONFLICT_MESSAGE))
