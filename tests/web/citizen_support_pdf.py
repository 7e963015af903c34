"""A small whole PDF, as the attachment checks accept."""

from __future__ import annotations

from tests.web.test_citizen_support import pdf_bytes

__all__ = ["pdf_bytes"]
