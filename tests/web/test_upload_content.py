"""What is inside an upload: PDFs that could act, images too large to decode, and metadata that
could name or locate the sender. The hostile files are made here, with pypdf, Pillow or bytes."""

from __future__ import annotations

import io
import struct
import zlib
from io import BytesIO

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject
from sqlalchemy import select

from grs.db.models import Attachment
from tests.support import build_ladder
from tests.web.test_citizen_support import counts, png_bytes, stored_files, submit, text

PAGE = b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]%s >>"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _xref_stream_pdf(catalog_extra: bytes, hidden: bytes, page_extra: bytes = b"") -> bytes:
    """A PDF whose object 5 sits compressed inside an object stream (object 4), listed by a
    cross-reference stream: its words never appear in the file's bytes."""
    content = b"5 0 " + hidden
    packed = zlib.compress(content)
    objects = {
        1: b"<< /Type /Catalog /Pages 2 0 R" + catalog_extra + b" >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: PAGE % page_extra,
        4: b"<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length %d >>\nstream\n"
        % len(packed)
        + packed
        + b"\nendstream",
    }
    out, offsets = bytearray(b"%PDF-1.5\n%\xe2\xe3\xcf\xd3\n"), {}
    for number, body in objects.items():
        offsets[number] = len(out)
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    offsets[6] = len(out)
    rows = [struct.pack(">BIH", 0, 0, 65535)]
    rows += [struct.pack(">BIH", 1, offsets[n], 0) for n in (1, 2, 3, 4)]
    rows += [struct.pack(">BIH", 2, 4, 0), struct.pack(">BIH", 1, offsets[6], 0)]
    data = b"".join(rows)
    out += (
        b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n"
        % len(data)
        + data
        + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[6]
    )
    return bytes(out)


def _plain_pdf(page_extra: bytes = b"", catalog_extra: bytes = b"") -> bytes:
    return _xref_stream_pdf(catalog_extra, b"<< /Kind /Nothing >>", page_extra)


def _pypdf(build) -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    build(writer)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _open_action_script(writer: PdfWriter) -> None:
    action = DictionaryObject(
        {NameObject("/S"): NameObject("/JavaScript"), NameObject("/JS"): TextStringObject("x")}
    )
    writer._root_object[NameObject("/OpenAction")] = writer._add_object(action)


def _png_header_only(width: int, height: int) -> bytes:
    """A PNG whose header claims width x height; its image data is one tiny row."""
    good = png_bytes()
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    ihdr = (
        struct.pack(">I", 13) + b"IHDR" + header + struct.pack(">I", zlib.crc32(b"IHDR" + header))
    )
    return good[:8] + ihdr + good[8 + 25 :]


def _jpeg_claiming(width: int, height: int) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, "JPEG")
    data = bytearray(buffer.getvalue())
    sof = data.index(b"\xff\xc0")
    data[sof + 5 : sof + 9] = struct.pack(">HH", height, width)
    return bytes(data)


ACTIVE = [
    (
        "uri-link.pdf",
        _plain_pdf(b" /Annots [<< /Subtype /Link /A << /S /URI /URI (http://x) >> >>]"),
    ),
    ("submit.pdf", _plain_pdf(catalog_extra=b" /OpenAction << /S /SubmitForm /F (http://x) >>")),
    ("import.pdf", _plain_pdf(catalog_extra=b" /OpenAction << /S /ImportData /F (a.fdf) >>")),
    ("reset.pdf", _plain_pdf(b" /Annots [<< /Subtype /Widget /A << /S /ResetForm >> >>]")),
    ("page-aa.pdf", _plain_pdf(b" /AA << /O << /S /GoTo /D [3 0 R /Fit] >> >>")),
    ("hidden-js.pdf", _xref_stream_pdf(b" /OpenAction 5 0 R", b"<< /S /JavaScript /JS (x) >>")),
    ("hidden-launch.pdf", _xref_stream_pdf(b" /OpenAction 5 0 R", b"<< /S /Launch /F (a) >>")),
    ("hidden-file.pdf", _xref_stream_pdf(b" /Names 5 0 R", b"<< /EmbeddedFiles << >> >>")),
    ("orphan-js.pdf", _xref_stream_pdf(b"", b"<< /S /JavaScript /JS (x) >>")),
    ("pypdf-js.pdf", _pypdf(_open_action_script)),
    ("pypdf-file.pdf", _pypdf(lambda w: w.add_attachment("run.exe", b"MZ\x90\x00"))),
    ("garbage.pdf", b"%PDF-1.4\nnot really a PDF at all\n%%EOF\n"),
]


def test_a_plain_pdf_in_an_object_stream_is_accepted(client, rt, ladder):
    response = submit(client, files=[(BytesIO(_plain_pdf()), "plain.pdf")])
    assert response.status_code == 303, text(response)


@pytest.mark.parametrize(("name", "data"), ACTIVE, ids=[a[0] for a in ACTIVE])
def test_pdfs_that_could_act_are_refused(client, rt, ladder, name, data):
    before = counts(rt)
    client.get("/?lang=en")
    response = submit(client, files=[(BytesIO(data), name)])
    assert response.status_code == 422
    assert f"Attachments: the file “{name}”" in text(response)
    assert counts(rt) == before and stored_files(rt) == []


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("huge.png", _png_header_only(10_000, 10_000)),
        ("bomb.png", _png_header_only(60_000, 60_000)),
        ("huge.jpg", _jpeg_claiming(9000, 5000)),
    ],
    ids=["100MP.png", "3600MP.png", "45MP.jpg"],
)
def test_images_of_more_than_forty_megapixels_are_refused_unread(client, rt, ladder, name, data):
    response = submit(client, files=[(BytesIO(data), name)])
    assert response.status_code == 422
    assert f"“{name}” ছবিটিতে ৪০ মেগাপিক্সেলের বেশি" in text(response)
    assert stored_files(rt) == []


def _stored(rt) -> list[bytes]:
    folder = rt.settings.path(rt.settings.upload_dir)
    with rt.db.read_session() as s:
        rows = s.scalars(select(Attachment).order_by(Attachment.id)).all()
        return [(folder / row.stored_name).read_bytes() for row in rows]


def _jpeg_with_exif() -> bytes:
    image = Image.new("RGB", (16, 16), "red")
    exif = image.getexif()
    exif[0x013B] = "Rahim Uddin"  # Artist
    exif[0x010F] = "PhoneMaker"  # Make
    exif[0x8825] = {1: "N", 2: (23.0, 48.0, 10.0), 3: "E", 4: (90.0, 24.0, 5.0)}  # GPS
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", exif=exif, comment=b"Rahim's phone")
    return buffer.getvalue()


def _png_with_text() -> bytes:
    info = PngImagePlugin.PngInfo()
    info.add_text("Author", "Rahim Uddin")
    info.add_itxt("Comment", "Rahim Uddin lives here")
    buffer = io.BytesIO()
    exif = Image.Exif()
    exif[0x013B] = "Rahim Uddin"
    Image.new("RGB", (16, 16), "blue").save(buffer, "PNG", pnginfo=info, exif=exif)
    return buffer.getvalue()


def _pdf_with_metadata() -> bytes:
    def build(writer: PdfWriter) -> None:
        writer.add_metadata({"/Author": "Rahim Uddin", "/Creator": "Scanner X"})
        writer.add_metadata({"/Producer": "Rahim's Office Suite"})

    return _pypdf(build)


@pytest.mark.parametrize("anonymous", [False, True])
def test_metadata_is_removed_from_every_kept_file(client, rt, ladder, anonymous):
    files = {"photo.jpg": _jpeg_with_exif(), "scan.png": _png_with_text()}
    files["letter.pdf"] = _pdf_with_metadata()
    assert all(b"Rahim" in data for data in files.values())
    extra = {"anonymous": "1"} if anonymous else {}
    response = submit(client, files=[(BytesIO(d), n) for n, d in files.items()], **extra)
    assert response.status_code == 303, text(response)
    jpeg, png, pdf = _stored(rt)
    for data in (jpeg, png, pdf):
        assert b"Rahim" not in data and b"PhoneMaker" not in data
    with Image.open(io.BytesIO(jpeg)) as image:
        assert dict(image.getexif()) == {} and image.size == (16, 16)
        image.load()
    with Image.open(io.BytesIO(png)) as image:
        assert "Author" not in image.info and dict(image.getexif()) == {}
        image.load()
    reader = PdfReader(io.BytesIO(pdf))
    assert not (reader.metadata or {}) and len(reader.pages) == 1
