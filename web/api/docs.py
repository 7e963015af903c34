"""The API's documentation page, rendered on the server from the generated description: it is
shipped with the app and loads nothing from elsewhere."""

from __future__ import annotations

from typing import Any

from flask import render_template

from web.api.blueprint import api, pages

METHODS = ("get", "post", "put", "patch", "delete")


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    found = []
    for path, item in spec.get("paths", {}).items():
        for method in METHODS:
            if method in item:
                operation = item[method]
                found.append({"path": path, "method": method.upper(), **operation})
    return found


@pages.get("/docs")
def docs() -> str:
    spec = api.spec.to_dict()
    return render_template(
        "api/docs.html",
        spec=spec,
        operations=_operations(spec),
        schemas=spec.get("components", {}).get("schemas", {}),
    )
