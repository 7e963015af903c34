"""Helpers shared by the citizen web tests (this module holds no tests of its own)."""

from __future__ import annotations

import html
import io
import re
import struct
import zlib
from pathlib import Path
from typing import Any

from PIL import Image
from sqlalchemy import func, select

from grs.db.models import Attachment, Case, Event
from grs.processes.runtime import Runtime
from tests.web.conftest import csrf_token

MOBILE = "01711234567"
VALID: dict[str, str] = {
    "service_id": "",
    "service_applied_on": "",
    "service_decided": "no",
    "complaint_type": "citizen",
    "against": "service",
    "subject": "সেবা পাইনি",
    "details": "আবেদন করেও তথ্য পাইনি",
    "remedy_sought": "",
    "name": "রহিম উদ্দিন",
    "mobile": MOBILE,
    "email": "",
    "address": "",
}


def token(client: Any) -> str:
    return csrf_token(client.get("/track").get_data(as_text=True))


def text(response: Any) -> str:
    """The page as a reader sees its words: tags gone, entities decoded, spaces collapsed."""
    body = re.sub(r"<[^>]+>", " ", response.get_data(as_text=True))
    return " ".join(html.unescape(body).split())


def submit(client: Any, office: str = "UPZ", files: Any = None, **fields: str) -> Any:
    """Post a complaint straight to the final submit, as the preview page does."""
    data: dict[str, Any] = {**VALID, **fields, "csrf_token": token(client)}
    if files is not None:
        data["attachments"] = files
    return client.post(f"/lodge/{office}/submit", data=data, content_type="multipart/form-data")


def lodge_via_web(client: Any, **fields: str) -> str:
    """Lodge through the pages and return the new case's tracking number."""
    response = submit(client, **fields)
    assert response.status_code == 303, text(response)
    return latest_tracking(client)


def latest_tracking(client: Any) -> str:
    rt: Runtime = client.application.extensions["grs_runtime"]
    with rt.db.read_session() as s:
        return str(s.scalar(select(Case.tracking_number).order_by(Case.id.desc()).limit(1)))


def open_case(client: Any, tracking: str, mobile: str = MOBILE, receipt: str = "") -> Any:
    data = {"number": tracking, "mobile": mobile, "receipt": receipt, "csrf_token": token(client)}
    return client.post("/track", data=data)


def case_action(
    client: Any, action: str, files: Any = None, lang: str | None = None, **fields: str
) -> Any:
    """Post one of the case page's forms, with the version the page shows unless given."""
    opened = client.get("/track/case")
    page = opened.get_data(as_text=True) if opened.status_code == 200 else ""
    version = re.search(r'name="version" value="(\d+)"', page)
    data: dict[str, Any] = {"csrf_token": csrf_token(page) if page else token(client), **fields}
    if version and "version" not in fields:
        data["version"] = version.group(1)
    if files is not None:
        data["attachments"] = files
    query = f"?lang={lang}" if lang else ""
    return client.post(
        f"/track/case/{action}{query}", data=data, content_type="multipart/form-data"
    )


def counts(rt: Runtime) -> tuple[int, int, int]:
    with rt.db.read_session() as s:
        return (
            s.scalar(select(func.count(Case.id))) or 0,
            s.scalar(select(func.count(Event.id))) or 0,
            s.scalar(select(func.count(Attachment.id))) or 0,
        )


def stored_files(rt: Runtime) -> list[Path]:
    folder = rt.settings.path(rt.settings.upload_dir)
    return sorted(folder.iterdir()) if folder.exists() else []


def png_bytes(extra_chunk: bytes = b"") -> bytes:
    """A real 1x1 grey PNG; `extra_chunk` (type + data) is inserted before IDAT."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    body = chunk(b"IHDR", header)
    if extra_chunk:
        body += chunk(extra_chunk[:4], extra_chunk[4:])
    body += chunk(b"IDAT", zlib.compress(b"\x00\x80")) + chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + body


def jpeg_bytes(middle: bytes = b"") -> bytes:
    """A real 2x2 JPEG; `middle` is inserted right after its JFIF header."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "grey").save(buffer, "JPEG")
    data = buffer.getvalue()
    header_end = 4 + int.from_bytes(data[4:6], "big")  # SOI + the APP0 segment
    return data[:header_end] + middle + data[header_end:]


def pdf_bytes(body: bytes = b"", info: bytes = b"") -> bytes:
    """A real one-page PDF with a cross-reference table; `body` goes before its objects
    (padding or hostile objects), `info` is a document information dictionary's entries."""
    head = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + body
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    if info:
        objects.append(b"<< " + info + b" >>")
    out, offsets = bytearray(head), []
    for number, obj in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    trailer = b"/Size %d /Root 1 0 R" % (len(objects) + 1)
    if info:
        trailer += b" /Info %d 0 R" % len(objects)
    out += b"trailer\n<< " + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)
