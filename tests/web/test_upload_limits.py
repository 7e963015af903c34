"""The attachment limits come from the settings: the pages state them, the refusals quote them
and the request size follows them, in Bangla digits on Bangla pages."""

from __future__ import annotations

from dataclasses import replace
from io import BytesIO

import pytest

from tests.support import build_ladder
from tests.web.test_citizen_support import VALID, counts, pdf_bytes, submit, text, token
from web import create_app

MB = 1024 * 1024


@pytest.fixture
def client(rt):
    rt.settings = replace(rt.settings, max_files=2, max_upload_mb=1)
    build_ladder(rt)
    app = create_app({"TESTING": True, "SECRET_KEY": "t", "RATELIMIT_ENABLED": False}, runtime=rt)
    return app.test_client()


def preview(client, lang: str) -> str:
    data = {**VALID, "csrf_token": token(client), "step": "preview"}
    response = client.post(f"/lodge/UPZ?lang={lang}", data=data)
    assert response.status_code == 200
    return text(response)


def test_the_page_states_the_configured_limits(client):
    assert "Up to 2 files: PDF, JPEG or PNG, at most 1 MB each." in preview(client, "en")
    assert "সর্বোচ্চ ২টি ফাইল: পিডিএফ, জেপেগ বা পিএনজি, প্রতিটি সর্বোচ্চ ১ মেগাবাইট।" in preview(
        client, "bn"
    )


def test_one_file_too_many_is_refused_with_the_configured_number(client, rt):
    files = [(BytesIO(pdf_bytes()), f"{i}.pdf") for i in range(3)]
    response = submit(client, files=files)
    assert response.status_code == 422
    assert "সংযুক্তি: সর্বোচ্চ ২টি ফাইল সংযুক্ত করুন" in text(response)
    two = submit(client, files=[(BytesIO(pdf_bytes()), f"{i}.pdf") for i in range(2)])
    assert two.status_code == 303 and counts(rt)[2] == 2


def test_a_file_over_the_configured_size_is_refused_with_it(client, rt):
    client.get("/?lang=en")
    big = pdf_bytes(b"%" + b"0" * MB + b"\n")
    response = submit(client, files=[(BytesIO(big), "big.pdf")])
    assert response.status_code == 422
    assert "Attachments: the file “big.pdf” is larger than 1 MB" in text(response)
    assert counts(rt) == (0, 0, 0)


def test_the_request_size_follows_the_limits(client):
    assert client.application.config["MAX_CONTENT_LENGTH"] == (2 * 1 + 1) * MB
    body = {**VALID, "csrf_token": token(client)}
    body["attachments"] = (BytesIO(b"%PDF-1.4\n" + b"0" * 3 * MB), "big.pdf")
    response = client.post("/lodge/UPZ/submit", data=body, content_type="multipart/form-data")
    assert response.status_code == 413
    assert "প্রতিটি ফাইল সর্বোচ্চ ১ মেগাবাইট হতে পারে" in text(response)


def test_an_oversized_complaint_comes_back_to_the_preview_with_what_was_typed(client, rt):
    body = {**VALID, "csrf_token": token(client), "subject": "নামজারি হয়নি"}
    body["attachments"] = (BytesIO(b"%PDF-1.4\n" + b"0" * 4 * MB), "big.pdf")
    response = client.post("/lodge/UPZ/submit", data=body, content_type="multipart/form-data")
    assert response.status_code == 413
    page = response.get_data(as_text=True)
    assert 'name="subject" value="নামজারি হয়নি"' in page
    assert 'id="attachments-error"' in page  # the message stands at the file field
    assert "প্রতিটি ফাইল সর্বোচ্চ ১ মেগাবাইট হতে পারে" in text(response)
    assert counts(rt) == (0, 0, 0)


def test_an_oversized_complaint_without_its_token_is_not_shown_back(client):
    body = {**VALID, "csrf_token": "forged", "subject": "নামজারি হয়নি"}
    body["attachments"] = (BytesIO(b"0" * 4 * MB), "big.pdf")
    response = client.post("/lodge/UPZ/submit", data=body, content_type="multipart/form-data")
    assert response.status_code == 400
    assert "নামজারি হয়নি" not in response.get_data(as_text=True)
