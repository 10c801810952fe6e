"""The JSON API: one NinjaAPI, token auth by default, errors mapped the same way for every operation."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.openapi.docs import DocsBase

from verbond.api import auth, errors
from verbond.api.routes import commitments, decisions, networks, organisations, outcomes, participations

METHODS = ("get", "post", "put", "patch", "delete")


class OperationsPage(DocsBase):
    """A plain, server-rendered list of the operations: no scripts from elsewhere."""

    def render_page(self, request: HttpRequest, api: NinjaAPI, **kwargs: object) -> HttpResponse:
        schema = api.get_openapi_schema(path_params=kwargs)
        operations = []
        for path, item in schema["paths"].items():
            for method in METHODS:
                if method not in item:
                    continue
                operation = item[method]
                body = operation.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                operations.append(
                    {
                        "method": method.upper(),
                        "path": path,
                        "summary": operation.get("summary", ""),
                        "description": operation.get("description", ""),
                        "tag": (operation.get("tags") or [""])[0],
                        "parameters": [
                            {"name": p["name"], "where": p["in"], "required": p.get("required", False)}
                            for p in operation.get("parameters", [])
                        ],
                        "body": body.get("$ref", "").rsplit("/", 1)[-1] if body else "",
                        "write": any("TokenAuth" in s for s in operation.get("security", [])) and method != "get",
                        "responses": sorted(operation.get("responses", {})),
                    }
                )
        context = {
            "operations": operations,
            "openapi_url": reverse("api:v1:openapi-json"),
            "schemas": sorted(schema.get("components", {}).get("schemas", {})),
        }
        return render(request, "api/docs.html", context)


api = NinjaAPI(
    title="verbond API",
    version="1",
    description=str(_("Networks, participations, decisions, pledges and results of your organisation. Authenticate with a personal token.")),
    urls_namespace="api:v1",
    auth=auth.read,
    docs=OperationsPage(),
    docs_url="/docs",
    openapi_url="/openapi.json",
)
errors.install(api)
api.add_router("", organisations.router)
api.add_router("", organisations.challenges)
api.add_router("", networks.router)
api.add_router("", participations.router)
api.add_router("", decisions.router)
api.add_router("", commitments.router)
api.add_router("", commitments.capacity)
api.add_router("", outcomes.router)
