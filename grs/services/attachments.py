"""Citizens' attachments: PDF, JPEG and PNG only, judged by their bytes, kept under random names.

A file is accepted only when its content is one of the three kinds, its structure is whole (a PDF
that ends with %%EOF, a PNG whose chunks check out and end with IEND, a JPEG that ends with its
end marker) and nothing in it reads as a web page, a script or a PDF action. Whatever the file's
name or the browser claims, nothing that could run in a reader's browser or PDF viewer is kept.
"""

from __future__ import annotations

import hashlib
import os
import re
import secrets
import struct
import time
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import filetype
from sqlalchemy.orm import Session

from grs.db.models import Attachment, Officer
from grs.errors import InvalidInput, NotFound
from grs.processes.runtime import Runtime
from grs.services import upload_content
from grs.services.case_lookup import find_case
from grs.services.handled_earlier import readable_case

NAME_LIMIT = 255
EXTENSIONS = {"application/pdf": ".pdf", "image/jpeg": ".jpg", "image/png": ".png"}
# Markup that a browser would run or render if the file were ever served as a page.
_MARKUP = re.compile(
    rb"<\s*(?:script|html|svg|iframe|body|object|embed|frameset|xml-stylesheet)[\s/>]"
    rb"|<!doctype|<\?php|javascript:",
    re.IGNORECASE,
)
# PDF actions that run code, start programs or carry other files.
_PDF_ACTIVE = re.compile(rb"/(?:JavaScript|JS|Launch|EmbeddedFiles?|RichMedia|XFA)\b")
_PDF_NAME_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@dataclass(frozen=True)
class Upload:
    """A file as it arrived: its name (for display only) and its bytes."""

    name: str
    data: bytes


@dataclass(frozen=True)
class CheckedFile:
    name: str
    data: bytes
    content_type: str
    sha256: str


def refuse(name: str, code: str) -> InvalidInput:
    return InvalidInput(f"file {name!r} refused: {code}", code, field="attachments", name=name)


def clean_name(name: str) -> str:
    """The last part of the name the browser sent, without control characters."""
    base = re.split(r"[\\/]", name or "")[-1]
    base = "".join(ch for ch in base if ch.isprintable()).strip()
    return base[:NAME_LIMIT] or "attachment"


def check_uploads(uploads: Sequence[Upload], max_bytes: int, max_files: int) -> list[CheckedFile]:
    if len(uploads) > max_files:
        raise InvalidInput("too many files", "too_many_files", field="attachments")
    return [check_upload(upload, max_bytes) for upload in uploads]


def check_upload(upload: Upload, max_bytes: int) -> CheckedFile:
    name, data = clean_name(upload.name), upload.data
    if not data:
        raise refuse(name, "file_empty")
    if len(data) > max_bytes:
        raise refuse(name, "file_too_large")
    kind = filetype.guess(data)
    mime = str(kind.mime) if kind else ""
    whole = _STRUCTURE.get(mime)
    if whole is None or not whole(data) or _MARKUP.search(data):
        raise refuse(name, "file_type")
    try:
        data = upload_content.clean(mime, data)
    except upload_content.Refused as exc:
        raise refuse(name, exc.code) from exc
    return CheckedFile(name, data, mime, hashlib.sha256(data).hexdigest())


def _pdf_whole(data: bytes) -> bool:
    if not data.startswith(b"%PDF-"):
        return False
    end = data.rfind(b"%%EOF")
    # Only line ends may follow the last %%EOF: anything else is a second file glued on.
    if end < 0 or data[end + 5 :].strip(b"\r\n\t \x00"):
        return False
    # Names may spell letters as #xx escapes (/J#61vaScript); read them as the viewer would.
    readable = _PDF_NAME_ESCAPE.sub(lambda m: bytes([int(m[1], 16)]), data)
    return _PDF_ACTIVE.search(readable) is None


def _png_whole(data: bytes) -> bool:
    if not data.startswith(_PNG_SIGNATURE):
        return False
    at, first = len(_PNG_SIGNATURE), True
    while at + 12 <= len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        body_end = at + 8 + length
        if body_end + 4 > len(data) or (first and kind != b"IHDR"):
            return False
        (crc,) = struct.unpack(">I", data[body_end : body_end + 4])
        if zlib.crc32(data[at + 4 : body_end]) != crc:
            return False
        at, first = body_end + 4, False
        if kind == b"IEND":
            return bool(at == len(data))  # nothing may follow the image
    return False


def _jpeg_whole(data: bytes) -> bool:
    return data.startswith(b"\xff\xd8\xff") and data.rstrip(b"\x00").endswith(b"\xff\xd9")


_STRUCTURE: dict[str, Callable[[bytes], bool]] = {
    "application/pdf": _pdf_whole,
    "image/png": _png_whole,
    "image/jpeg": _jpeg_whole,
}


@dataclass
class StagedFile:
    file: CheckedFile
    stored_name: str
    temp: Path
    final: Path


@dataclass
class Staging:
    """Files written under temporary names; `place` moves them to their final names."""

    directory: Path
    files: list[StagedFile] = field(default_factory=list)

    def write(self, checked: CheckedFile) -> None:
        token = secrets.token_hex(16)
        stored = token + EXTENSIONS[checked.content_type]
        temp = self.directory / f".{token}.part"
        staged = StagedFile(checked, stored, temp, self.directory / stored)
        self.files.append(staged)
        # O_EXCL: never write through a name that already exists; 0o600: readable by GRS only.
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(checked.data)
            out.flush()
            os.fsync(out.fileno())

    def place(self) -> None:
        for staged in self.files:
            os.replace(staged.temp, staged.final)

    def discard(self) -> None:
        for staged in self.files:
            for path in (staged.temp, staged.final):
                path.unlink(missing_ok=True)


def remove_stale_parts(directory: Path, older_than_seconds: float) -> int:
    """Remove half-written files that a killed process left behind; a file still being
    written by a live upload is younger than `older_than_seconds` and stays."""
    if not directory.is_dir():
        return 0
    cutoff = time.time() - older_than_seconds
    removed = 0
    for part in directory.glob(".*.part"):
        try:
            if part.is_file() and part.stat().st_mtime < cutoff:
                part.unlink()
                removed += 1
        except FileNotFoundError:  # another process removed it first
            continue
    return removed


def remove_stale_uploads(rt: Runtime) -> int:
    settings = rt.settings
    directory = settings.path(settings.upload_dir)
    return remove_stale_parts(directory, settings.stale_upload_minutes * 60)


@contextmanager
def staged_files(directory: Path, files: Sequence[CheckedFile]) -> Iterator[Staging]:
    """Write `files` to temporary names; on any failure inside the block remove every one, in
    whichever name it has by then, so a failed submission leaves no file behind."""
    staging = Staging(directory)
    try:
        if files:
            directory.mkdir(parents=True, exist_ok=True)
        for checked in files:
            staging.write(checked)
        yield staging
    except BaseException:
        staging.discard()
        raise


def record(
    session: Session,
    case_id: int,
    event_id: int | None,
    staging: Staging,
    at: datetime,
    by: str = "citizen",
) -> list[Attachment]:
    rows = [
        Attachment(
            case_id=case_id,
            event_id=event_id,
            stored_name=staged.stored_name,
            original_name=staged.file.name,
            content_type=staged.file.content_type,
            size=len(staged.file.data),
            sha256=staged.file.sha256,
            uploaded_at=at,
            uploaded_by=by,
        )
        for staged in staging.files
    ]
    session.add_all(rows)
    session.flush()
    return rows


def attachment_file(
    rt: Runtime, session: Session, officer: Officer, tracking: str, attachment_id: int
) -> tuple[Attachment, Path]:
    """An attachment of a case the officer may see or handled earlier, and where its bytes are."""
    readable_case(rt, session, officer, tracking)  # NotFound for anyone else
    case = find_case(session, tracking)
    attachment = session.get(Attachment, attachment_id)
    if attachment is None or attachment.case_id != case.id:
        raise NotFound("no such attachment", "attachment_not_found")
    directory = rt.settings.path(rt.settings.upload_dir).resolve()
    path = (directory / attachment.stored_name).resolve()
    if path.parent != directory or not path.is_file():
        raise NotFound("the attachment's file is missing", "attachment_not_found")
    return attachment, path
