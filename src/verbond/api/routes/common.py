from django.db.models import Model

from verbond.api import errors
from verbond.api.schemas import ConflictOut, ErrorOut

READ_ERRORS = {401: ErrorOut, 404: ErrorOut, 422: ErrorOut}
WRITE_ERRORS = {400: ErrorOut, 401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ConflictOut, 422: ErrorOut}


def edit_errors(model: type[Model], conflict: type[ConflictOut]) -> dict:
    """WRITE_ERRORS of an operation that changes a `model`: its 409 carries the current record in `conflict`."""
    errors.CONFLICT_SHAPES[model] = conflict
    return {**WRITE_ERRORS, 409: conflict}
