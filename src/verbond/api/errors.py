"""Every error the API answers is JSON: `{"message": ..., "errors": {field: [messages]}}`; a conflict (409) also
carries `current`, the record as it is now."""

from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.db.models import Model
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja import errors as ninja_errors

from verbond.core.errors import ConflictError

NOT_FOUND = _("Not found, or not visible to your organisation.")
FORBIDDEN = _("You may not do this.")
UNAUTHORIZED = _("A valid API token is required: send the header 'Authorization: Bearer <token>'.")
INVALID = _("The request is not valid; see the errors per field.")
BAD_REQUEST = _("The request body is not valid JSON.")
CONFLICT = _(
    "Someone else changed this record since you read it. Nothing was saved: compare your changes with 'current', "
    "the record as it is now, and send them again with its version or edit_stamp."
)

# The 409 answer per kind of record, filled by the operations that change it (routes.common.edit_errors).
CONFLICT_SHAPES: dict[type[Model], type] = {}

SOURCES = {"body", "query", "path", "header", "cookie", "form"}
BODY_PARAMETER = "payload"


def _field(location: list | tuple) -> str:
    parts = [str(part) for part in location]
    if parts and parts[0] in SOURCES:
        parts = parts[1:]
    if parts and parts[0] == BODY_PARAMETER:
        parts = parts[1:]
    return ".".join(parts) or NON_FIELD_ERRORS


def _answer(api: NinjaAPI, request: HttpRequest, status: int, message: str, errors: dict | None = None) -> HttpResponse:
    return api.create_response(request, {"message": str(message), "errors": errors or {}}, status=status)


def install(api: NinjaAPI) -> None:
    """Map the services' exceptions to HTTP answers, the same way for every operation."""

    @api.exception_handler(ninja_errors.ValidationError)
    def request_invalid(request: HttpRequest, exc: ninja_errors.ValidationError) -> HttpResponse:
        errors: dict[str, list[str]] = {}
        for error in exc.errors:
            errors.setdefault(_field(error.get("loc", ())), []).append(str(error.get("msg", "")))
        return _answer(api, request, 422, INVALID, errors)

    @api.exception_handler(ValidationError)
    def rule_broken(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        if hasattr(exc, "error_dict"):
            errors = {field: [str(m) for m in messages] for field, messages in exc.message_dict.items()}
        else:
            errors = {NON_FIELD_ERRORS: [str(m) for m in exc.messages]}
        return _answer(api, request, 422, INVALID, errors)

    @api.exception_handler(PermissionDenied)
    def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
        return _answer(api, request, 403, str(exc) or FORBIDDEN)

    @api.exception_handler(Http404)
    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        # The default message could name the model or the query: never tell more than "not found".
        return _answer(api, request, 404, NOT_FOUND)

    @api.exception_handler(ConflictError)
    def conflict(request: HttpRequest, exc: ConflictError) -> HttpResponse:
        message = str(exc) if getattr(exc, "has_own_message", False) else str(CONFLICT)
        shape = CONFLICT_SHAPES.get(type(exc.current))
        if shape is None:
            return api.create_response(request, {"message": message, "errors": {}, "current": None}, status=409)
        body = shape.model_validate(
            {"message": message, "errors": {}, "current": exc.current}, context={"request": request}
        )
        return api.create_response(request, body.model_dump(by_alias=True), status=409)

    @api.exception_handler(ninja_errors.AuthenticationError)
    def unauthorized(request: HttpRequest, exc: ninja_errors.AuthenticationError) -> HttpResponse:
        response = _answer(api, request, 401, UNAUTHORIZED)
        response["WWW-Authenticate"] = "Bearer"
        return response

    @api.exception_handler(ninja_errors.HttpError)
    def http_error(request: HttpRequest, exc: ninja_errors.HttpError) -> HttpResponse:
        message = BAD_REQUEST if exc.status_code == 400 else str(exc)
        return _answer(api, request, exc.status_code, message)
