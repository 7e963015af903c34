"""Web fixtures: the Flask app over the test database (SQLite and PostgreSQL), and its client."""

from __future__ import annotations

import re

import pytest

from web import create_app


@pytest.fixture
def app(rt):
    return create_app(
        {"TESTING": True, "SECRET_KEY": "test-secret", "RATELIMIT_ENABLED": False}, runtime=rt
    )


@pytest.fixture
def client(app):
    return app.test_client()


def csrf_token(html: str) -> str:
    """The CSRF token of the first form on a page."""
    match = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', html)
    assert match, "the page has no CSRF token"
    return match.group(1)
