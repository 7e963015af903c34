"""Bangla digits and dates follow each request's language, even in templates compiled once."""

from __future__ import annotations

from datetime import date

import pytest

from web import create_app


@pytest.fixture
def plain_app(rt):
    return create_app({"TESTING": True, "SECRET_KEY": "x"}, runtime=rt)


def test_a_compiled_template_follows_each_requests_language(plain_app):
    with plain_app.test_request_context("/?lang=bn"):
        template = plain_app.jinja_env.from_string("{{ '2026'|digits }} {{ day|ddate }}")
        assert template.render(day=date(2026, 3, 26)) == "২০২৬ ২৬ মার্চ ২০২৬"
    with plain_app.test_request_context("/?lang=en"):
        assert template.render(day=date(2026, 3, 26)) == "2026 2026-03-26"
