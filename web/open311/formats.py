"""Open311's two formats: JSON as the specification writes it, and its XML.

XML element names follow the JSON keys; a list's items are named after what the list holds."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Any
from xml.etree.ElementTree import Element, SubElement, tostring  # noqa: S405 - writes only

from flask import Response

# The name of each list's items in XML, by the list's own name.
ITEM_NAMES = {
    "services": "service",
    "service_requests": "request",
    "attributes": "attribute",
    "values": "value",
    "endpoints": "endpoint",
    "formats": "format",
    "errors": "error",
}
MEDIA = {"json": "application/json", "xml": "text/xml"}


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.isoformat(timespec="seconds")
    if isinstance(value, date):
        return value.isoformat()
    return "" if value is None else str(value)


def _fill(element: Element, value: Any, name: str) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            _fill(SubElement(element, key), item, key)
    elif isinstance(value, list):
        for item in value:
            _fill(SubElement(element, ITEM_NAMES.get(name, "item")), item, ITEM_NAMES.get(name, ""))
    else:
        element.text = _text(value)


def render(fmt: str, root: str, value: Any, status: int = 200) -> Response:
    """`value` (a list or a dict) as JSON, or as XML under the element `root`."""
    if fmt == "json":
        body = json.dumps(value, ensure_ascii=False, default=_text)
    else:
        element = Element(root)
        _fill(element, value, root)
        body = tostring(element, encoding="unicode", xml_declaration=True)
    return Response(body, status=status, content_type=f"{MEDIA[fmt]}; charset=utf-8")


def error_response(fmt: str, code: int, description: str) -> Response:
    return render(fmt, "errors", [{"code": code, "description": description}], code)
