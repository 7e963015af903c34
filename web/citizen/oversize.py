"""A lodge form whose files make the request too large comes back with what was typed.

The body is refused before it is parsed, so the typed fields would be lost with it. The preview
form sends its fields before its files, so they are read back from the start of the body, up to
the first file, and the rest is read and thrown away (a browser shown an answer before it has
finished sending may report a broken connection instead of the page). A body past the ceiling
gets the plain error page: reading it all would cost more than the complaint is worth keeping.
"""

from __future__ import annotations

from typing import IO

from werkzeug.datastructures import MultiDict
from werkzeug.sansio.multipart import Data, Epilogue, Field, File, MultipartDecoder, NeedData

CHUNK = 64 * 1024
FIELDS_LIMIT = 256 * 1024  # far more than the form's longest fields together


def read_back(stream: IO[bytes], boundary: str, length: int) -> MultiDict[str, str] | None:
    """The text fields before the first file, or None when they cannot be read back; either
    way the whole body has been read."""
    counted = _Counted(stream)
    fields = _leading_fields(counted, boundary, length)
    _drain(stream, length - counted.read_bytes)
    return fields


class _Counted:
    def __init__(self, stream: IO[bytes]) -> None:
        self.stream, self.read_bytes = stream, 0

    def read(self, size: int) -> bytes:
        chunk = self.stream.read(size)
        self.read_bytes += len(chunk)
        return chunk


def _leading_fields(stream: _Counted, boundary: str, length: int) -> MultiDict[str, str] | None:
    decoder = MultipartDecoder(boundary.encode("latin-1"), max_form_memory_size=FIELDS_LIMIT)
    fields: MultiDict[str, str] = MultiDict()
    name: str | None = None
    parts: list[bytes] = []
    try:
        while stream.read_bytes < min(length, FIELDS_LIMIT):
            chunk = stream.read(min(CHUNK, length - stream.read_bytes))
            if not chunk:
                break
            decoder.receive_data(chunk)
            event = decoder.next_event()
            while not isinstance(event, NeedData):
                if isinstance(event, (File, Epilogue)):
                    return fields
                if isinstance(event, Field):
                    name, parts = event.name, []
                elif isinstance(event, Data) and name is not None:
                    parts.append(event.data)
                    if not event.more_data:
                        fields.add(name, b"".join(parts).decode("utf-8", "replace"))
                        name = None
                event = decoder.next_event()
    except ValueError:  # not a form this page sent
        return None
    return None


def _drain(stream: IO[bytes], remaining: int) -> None:
    while remaining > 0:
        chunk = stream.read(min(CHUNK, remaining))
        if not chunk:
            return
        remaining -= len(chunk)
