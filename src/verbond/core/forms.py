from django import forms
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


def apply_validation_error(form: forms.BaseForm, error: ValidationError) -> None:
    """Show a service's ValidationError on the form: on its field where the form has one, else on top."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, errors in error.error_dict.items():
        target = field if field in form.fields else None
        for item in errors:
            form.add_error(None if field == NON_FIELD_ERRORS else target, item)
