"""A NUL byte anywhere in a request's text is refused with a 400, on every route, for every
visitor, on both databases: never a server error, never stored.

The routes come from the app's URL map, so a route added later is swept too."""

from __future__ import annotations

import pytest
from werkzeug.routing import IntegerConverter, Rule

from tests.support import build_ladder
from tests.web.officer_support import logged_in
from web import create_app

NUL = "a\x00b"
MESSAGE_BN = "অনুমোদিত নয় এমন একটি অক্ষর"


@pytest.fixture
def sweep_app(rt):
    config = {
        "TESTING": True,
        "SECRET_KEY": "test-secret",
        "RATELIMIT_ENABLED": False,
        "WTF_CSRF_ENABLED": False,  # the form must reach the check, not stop at the token
    }
    return create_app(config, runtime=rt)


def _paths(app, rule: Rule) -> list[tuple[str, bool]]:
    """The rule's URL with harmless values, and (when it has a text part) with a NUL in it."""
    adapter = app.url_map.bind("localhost")
    plain = {
        name: 1 if isinstance(conv, IntegerConverter) else "x"
        for name, conv in rule._converters.items()
    }
    paths = [(adapter.build(rule.endpoint, plain), False)]
    texts = [n for n, c in rule._converters.items() if not isinstance(c, IntegerConverter)]
    if texts:
        paths.append((adapter.build(rule.endpoint, {**plain, texts[0]: NUL}), True))
    return paths


def _requests(app, rule: Rule):
    methods = sorted((rule.methods or set()) - {"HEAD", "OPTIONS"})
    for path, nul_in_path in _paths(app, rule):
        for method in methods:
            if nul_in_path:
                yield method, path, {}
                continue
            yield method, path, {"query_string": {"q": NUL}}
            if method != "GET":
                yield method, path, {"data": {"subject": NUL, "details": "ok"}}
                yield method, path, {"json": {"description": NUL, "items": [{"k": NUL}]}}


def _sweep(app, client) -> list[str]:
    wrong = []
    for rule in app.url_map.iter_rules():
        for method, path, extra in _requests(app, rule):
            response = client.open(path, method=method, **extra)
            if response.status_code != 400:
                wrong.append(f"{method} {path} {extra} -> {response.status_code}")
    return wrong


@pytest.mark.parametrize("who", [None, "gro_upz", "admin"])
def test_every_route_refuses_a_nul_byte_with_a_400(rt, sweep_app, who):
    build_ladder(rt)
    client = logged_in(sweep_app, who) if who else sweep_app.test_client()
    assert _sweep(sweep_app, client) == []


def test_the_refusal_is_in_the_page_language(rt, sweep_app):
    client = sweep_app.test_client()
    page = client.get("/track", query_string={"number": NUL})
    assert page.status_code == 400 and MESSAGE_BN in page.get_data(as_text=True)
    english = client.get("/track", query_string={"number": NUL, "lang": "en"})
    assert "not allowed" in english.get_data(as_text=True)
