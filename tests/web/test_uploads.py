"""Attachments: only whole PDF, JPEG and PNG files, judged by their content, are kept, under
random names outside the static files; every hostile file is refused by name and nothing of
its submission is stored; a submission that fails half-way leaves no row and no file."""

from __future__ import annotations

import hashlib
import io
import zipfile
from contextlib import contextmanager
from io import BytesIO

import pytest
from sqlalchemy import select

from grs.db.models import Attachment, Event
from grs.services import attachments
from tests.support import build_ladder
from tests.web.test_citizen_support import (
    counts,
    jpeg_bytes,
    latest_tracking,
    pdf_bytes,
    png_bytes,
    stored_files,
    submit,
    text,
)

MB = 1024 * 1024


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "hello")
    return buffer.getvalue()


def _bad_crc_png() -> bytes:
    data = bytearray(png_bytes())
    data[29] ^= 0xFF  # a byte of the IHDR chunk's CRC
    return bytes(data)


def _pdf_of_size(size: int) -> bytes:
    padding = size - len(pdf_bytes(b"%\n"))
    while len(data := pdf_bytes(b"%" + b"0" * padding + b"\n")) != size:
        padding += size - len(data)  # the cross-reference offset grew a digit
    return data


SCRIPT = b"<script>alert(document.cookie)</script>"
SVG = b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
HOSTILE = [
    ("page.html", b"<!DOCTYPE html><html><body>" + SCRIPT + b"</body></html>"),
    ("drawing.svg", SVG),
    ("photo.png", SVG),  # SVG renamed .png
    ("photo.jpg", jpeg_bytes(SCRIPT)),  # JPEG header, script inside
    ("shell.jpg", jpeg_bytes(b"<?php system($_GET['c']); ?>")),
    ("scan.pdf", pdf_bytes(b"1 0 obj\n<html><body>" + SCRIPT + b"</body></html>\nendobj\n")),
    ("form.pdf", pdf_bytes(b"1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>\n")),
    ("hidden.pdf", pdf_bytes(b"1 0 obj << /S /J#61vaScript /JS (x) >> endobj\n")),
    ("launch.pdf", pdf_bytes(b"1 0 obj << /S /Launch /F (cmd.exe) >> endobj\n")),
    ("carrier.pdf", pdf_bytes(b"1 0 obj << /Names << /EmbeddedFiles 2 0 R >> >> endobj\n")),
    ("glued.pdf", pdf_bytes() + _zip()),  # a ZIP glued after %%EOF
    ("noeof.pdf", b"%PDF-1.4\n1 0 obj << >> endobj\n"),
    ("notes.pdf", b"This is plain text with a .pdf name.\n"),
    ("xhtml.pdf", b'<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"></html>'),
    ("utf16.pdf", "<html><script>x</script></html>".encode("utf-16")),
    ("animation.gif", b"GIF89a\x01\x00\x01\x00\x80\x00\x00\x00\x00\x00\xff\xff\xff!\xf9\x04;"),
    ("bitmap.png", b"BM" + bytes(60)),
    ("image.jpg", b"RIFF\x24\x00\x00\x00WEBPVP8 " + bytes(24)),
    ("empty.pdf", b""),
    ("big.pdf", pdf_bytes(b"%" + b"0" * (5 * MB) + b"\n")),
    ("setup.exe", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00" + bytes(100)),
    ("tool.pdf", b"\x7fELF\x02\x01\x01\x00" + bytes(100)),  # ELF named .pdf
    ("archive.zip", _zip()),
    ("letter.docx", _zip()),
    ("script.jpg", b"alert(document.cookie);\n"),
    ("truncated.png", png_bytes()[:-12]),
    ("trailing.png", png_bytes() + _zip()),  # PNG + ZIP polyglot
    ("comment.png", png_bytes(b"tEXtComment\x00<html>" + SCRIPT + b"</html>")),
    ("badcrc.png", _bad_crc_png()),
    ("noend.jpg", jpeg_bytes()[:-2]),
]


def test_the_corpus_is_large_enough():
    assert len(HOSTILE) >= 20
    assert len(HOSTILE[HOSTILE.index(next(h for h in HOSTILE if h[0] == "big.pdf"))][1]) > 5 * MB


@pytest.mark.parametrize(("name", "data"), HOSTILE, ids=[h[0] for h in HOSTILE])
def test_hostile_uploads_are_refused_by_name_and_nothing_is_stored(client, rt, ladder, name, data):
    before = counts(rt)
    client.get("/?lang=en")
    response = submit(client, files=[(BytesIO(pdf_bytes()), "good.pdf"), (BytesIO(data), name)])
    assert 400 <= response.status_code < 500
    page = text(response)
    assert f"Attachments: the file “{name}”" in page
    assert counts(rt) == before and stored_files(rt) == []
    # The form is still there, with what was typed, to try again.
    assert 'name="subject" value="সেবা পাইনি"' in response.get_data(as_text=True)


def test_refusals_name_the_file_in_bangla_too(client, rt, ladder):
    response = submit(client, files=[(BytesIO(SVG), "ছবি.png")])
    assert response.status_code == 422
    assert "“ছবি.png” ফাইলটি গ্রহণযোগ্য পিডিএফ, জেপেগ বা পিএনজি ফাইল নয়" in text(response)
    big = submit(client, files=[(BytesIO(b"%PDF-" + bytes(5 * MB)), "বড়.pdf")])
    assert "“বড়.pdf” ফাইলটি ৫ মেগাবাইটের বেশি বড়" in text(big)
    empty = submit(client, files=[(BytesIO(b""), "খালি.pdf")])
    assert "“খালি.pdf” ফাইলটি খালি" in text(empty)


def test_a_hostile_file_name_is_shown_escaped(client, rt, ladder):
    name = "<img src=x onerror=alert(1)>.pdf"
    response = submit(client, files=[(BytesIO(b"text"), name)])
    assert response.status_code == 422
    assert "<img src=x" not in response.get_data(as_text=True)


def test_more_than_five_files_are_refused(client, rt, ladder):
    files = [(BytesIO(pdf_bytes()), f"{i}.pdf") for i in range(6)]
    client.get("/?lang=en")
    response = submit(client, files=files)
    assert response.status_code == 422
    assert "Attachments: attach at most 5 files" in text(response)
    assert counts(rt)[0] == 0 and stored_files(rt) == []


def test_good_files_are_kept_under_random_names_with_the_case(client, rt, ladder):
    good = {
        "../../etc/জমির দলিল.pdf": pdf_bytes(),
        "C:/Users/me/photo.jpg": jpeg_bytes(),
        "scan.png": png_bytes(),
        "exactly5mb.pdf": _pdf_of_size(5 * MB),
        "named-wrongly.jpg": png_bytes(),  # a real PNG: the name does not decide the type
    }
    files = [(BytesIO(data), name) for name, data in good.items()]
    response = submit(client, files=files)
    assert response.status_code == 303, text(response)
    tracking = latest_tracking(client)
    with rt.db.read_session() as s:
        rows = s.scalars(select(Attachment).order_by(Attachment.id)).all()
        lodged = s.scalars(select(Event).where(Event.action == "lodge")).one()
    assert [r.original_name for r in rows] == [
        "জমির দলিল.pdf",
        "photo.jpg",
        "scan.png",
        "exactly5mb.pdf",
        "named-wrongly.jpg",
    ]
    assert [r.content_type for r in rows] == [
        "application/pdf",
        "image/jpeg",
        "image/png",
        "application/pdf",
        "image/png",
    ]
    folder = rt.settings.path(rt.settings.upload_dir)
    for row, data in zip(rows, good.values(), strict=True):
        assert row.event_id == lodged.id and row.case_id == lodged.case_id
        assert row.sha256 == hashlib.sha256(data).hexdigest() and row.size == len(data)
        path = folder / row.stored_name
        assert path.read_bytes() == data
        assert path.stat().st_mode & 0o077 == 0  # readable by GRS only
        assert row.stored_name[:-4].isalnum() and len(row.stored_name) == 36
    assert sorted(p.name for p in stored_files(rt)) == sorted(r.stored_name for r in rows)
    assert "static" not in str(folder)
    assert tracking


def _boom(*_args, **_kwargs):
    raise RuntimeError("the database went away")


def test_a_failure_after_the_files_were_written_leaves_nothing(client, rt, ladder, monkeypatch):
    monkeypatch.setattr(attachments, "record", _boom)
    before = counts(rt)
    response = submit(client, files=[(BytesIO(pdf_bytes()), "a.pdf")])
    assert response.status_code == 500
    assert "আপনার দেওয়া কোনো তথ্য সংরক্ষিত হয়নি" in text(response)
    assert counts(rt) == before and stored_files(rt) == []


def test_a_failure_after_the_files_were_placed_removes_them(client, rt, ladder, monkeypatch):
    place = attachments.Staging.place

    def place_then_fail(self):
        place(self)
        assert all(staged.final.exists() for staged in self.files)
        raise RuntimeError("disk full")

    monkeypatch.setattr(attachments.Staging, "place", place_then_fail)
    before = counts(rt)
    response = submit(client, files=[(BytesIO(png_bytes()), "a.png"), (BytesIO(pdf_bytes()), "b")])
    assert response.status_code == 500
    assert counts(rt) == before and stored_files(rt) == []


def test_a_failed_commit_removes_the_placed_files(client, rt, ladder, monkeypatch):
    write = rt.db.write

    @contextmanager
    def commit_fails():
        with write() as session:
            yield session
            raise RuntimeError("commit failed")

    monkeypatch.setattr(rt.db, "write", commit_fails)
    before = counts(rt)
    response = submit(client, files=[(BytesIO(jpeg_bytes()), "a.jpg")])
    assert response.status_code == 500
    assert counts(rt) == before and stored_files(rt) == []


def test_file_names_are_cut_to_their_last_part_without_control_characters():
    assert attachments.clean_name("C:\\Users\\me\\x.pdf") == "x.pdf"
    assert attachments.clean_name("../../etc/passwd") == "passwd"
    assert attachments.clean_name("a\x00b\nc.png") == "abc.png"
    assert attachments.clean_name("") == attachments.clean_name("/") == "attachment"
    assert len(attachments.clean_name("ক" * 1000 + ".pdf")) == attachments.NAME_LIMIT
