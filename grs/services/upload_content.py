"""What is inside an accepted upload: PDF actions and embedded files, image sizes, metadata.

A PDF is parsed (object streams too) and refused when any object could run code, open a
program or address, send a form, or carry another file. An image is refused when its header
promises more pixels than a scan or photograph needs, before any pixel is decoded. Metadata
that could name or locate the person who sent the file (EXIF with GPS and owner, PNG text,
PDF author and producer) is removed from every file, anonymous or not.
"""

from __future__ import annotations

import io
import struct
import warnings
from collections.abc import Iterator

from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, PdfObject

MAX_PIXELS = 40_000_000
PDF_OBJECT_LIMIT = 200_000  # more objects than any letter or scan: refused, not walked
_PDF_ACTIVE_KEYS = frozenset(
    {"/JavaScript", "/JS", "/Launch", "/EmbeddedFiles", "/EmbeddedFile", "/RichMedia"}
    | {"/XFA", "/AA", "/URI", "/SubmitForm", "/ImportData", "/ResetForm"}
)
_PDF_ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/URI", "/SubmitForm", "/ImportData", "/ResetForm"}
    | {"/GoToR", "/GoToE", "/Rendition", "/Sound", "/Movie", "/RichMediaExecute"}
)
# JPEG segments kept: JFIF (APP0), colour profile (APP2), Adobe colour transform (APP14).
_JPEG_KEPT_APPS = frozenset({0xE0, 0xE2, 0xEE})
_PNG_TEXT_CHUNKS = frozenset({b"tEXt", b"zTXt", b"iTXt", b"eXIf", b"tIME"})


class Refused(Exception):
    """The content is not acceptable; `code` names why."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def clean(mime: str, data: bytes) -> bytes:
    """The file as it is kept: checked, without metadata. Raises Refused."""
    if mime == "application/pdf":
        return _clean_pdf(data)
    _check_pixels(data)
    return _strip_jpeg(data) if mime == "image/jpeg" else _strip_png(data)


def _check_pixels(data: bytes) -> None:
    try:
        with warnings.catch_warnings():  # the size is judged below, against our own limit
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:  # reads the header only
                width, height = image.size
    except Image.DecompressionBombError as exc:
        raise Refused("image_too_large") from exc
    except Exception as exc:  # any failure to read the header: not an image we accept
        raise Refused("file_type") from exc
    if width * height > MAX_PIXELS:
        raise Refused("image_too_large")


def _read_pdf(data: bytes) -> PdfReader:
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        _ = reader.trailer["/Root"]
    except Exception as exc:  # unreadable by a parser: a viewer may read it differently
        raise Refused("file_type") from exc
    return reader


def _all_objects(reader: PdfReader) -> Iterator[PdfObject]:
    """Every object the file holds, reachable or not, including those in object streams."""
    yield reader.trailer
    for generation, numbers in reader.xref.items():
        for number in numbers:
            yield IndirectObject(number, generation, reader)
    for number in reader.xref_objStm:
        yield IndirectObject(number, 0, reader)


def _is_active(reader: PdfReader) -> bool:
    seen: set[tuple[int, int]] = set()
    stack = list(_all_objects(reader))
    walked = 0
    while stack:
        obj = stack.pop()
        if isinstance(obj, IndirectObject):
            if (obj.idnum, obj.generation) in seen:
                continue
            seen.add((obj.idnum, obj.generation))
            resolved = obj.get_object()
            if resolved is None:
                continue
            obj = resolved
        walked += 1
        if walked > PDF_OBJECT_LIMIT:
            return True
        if isinstance(obj, DictionaryObject):  # streams are dictionaries too
            for key, value in obj.items():
                if key in _PDF_ACTIVE_KEYS or (key == "/S" and value in _PDF_ACTIVE_ACTIONS):
                    return True
                stack.append(value)
        elif isinstance(obj, ArrayObject):
            stack.extend(obj)
    return False


def _clean_pdf(data: bytes) -> bytes:
    reader = _read_pdf(data)
    try:
        active = _is_active(reader)
    except Exception as exc:  # a broken object somewhere: refused rather than guessed at
        raise Refused("file_type") from exc
    if active:
        raise Refused("file_type")
    root = reader.trailer["/Root"].get_object()
    if "/Info" not in reader.trailer and not (
        isinstance(root, DictionaryObject) and "/Metadata" in root
    ):
        return data
    return _without_pdf_metadata(reader)


def _without_pdf_metadata(reader: PdfReader) -> bytes:
    writer = PdfWriter(clone_from=reader)
    writer._root_object.pop("/Metadata", None)
    writer.metadata = None
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def _strip_jpeg(data: bytes) -> bytes:
    """The JPEG without EXIF, XMP, IPTC and comment segments; the image data untouched."""
    out, at = bytearray(data[:2]), 2
    while at + 4 <= len(data) and data[at] == 0xFF:
        marker = data[at + 1]
        if marker == 0xDA or 0xD0 <= marker <= 0xD9:  # image data follows: copied as it is
            break
        end = at + 2 + struct.unpack(">H", data[at + 2 : at + 4])[0]
        metadata = marker == 0xFE or (0xE1 <= marker <= 0xEF and marker not in _JPEG_KEPT_APPS)
        if not metadata:
            out += data[at:end]
        at = end
    out += data[at:]
    return bytes(out)


def _strip_png(data: bytes) -> bytes:
    """The PNG without text, EXIF and time chunks (already checked whole by the caller)."""
    out, at = bytearray(data[:8]), 8
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        end = at + 12 + length
        if data[at + 4 : at + 8] not in _PNG_TEXT_CHUNKS:
            out += data[at:end]
        at = end
    return bytes(out)
