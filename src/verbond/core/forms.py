from collections.abc import Callable
from typing import TypeVar

from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError

from verbond.core.errors import ConflictError

T = TypeVar("T")


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        for item in errors:
            form.add_error(None if field == NON_FIELD_ERRORS else target, item)


def run_service(form: forms.BaseForm, save: Callable[[], T]) -> tuple[T | None, object | None]:
    """Call a service for a valid form; put a ValidationError on the form's fields and a ConflictError on top.

    Returns (result, None) on success, (None, current version) on a conflict, (None, None) on invalid input.
    After a conflict, a form with `accept_current` is set up so that saving again replaces on purpose.
    """
    try:
        return save(), None
    except ConflictError as error:
        form.add_error(None, str(error))
        if hasattr(form, "accept_current") and error.current is not None:
            form.accept_current(error.current)
        return None, error.current
    except ValidationError as error:
        apply_validation_error(form, error)
        return None, None
