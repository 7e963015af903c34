"""Reading a citizen charter (সিটিজেন চার্টার) as text taken from an office's web page.

Tables arrive as tab-separated lines, headings sometimes marked with `#`, with HTML left over
and Bangla or ASCII digits. Real pages get the layout wrong in small ways: a category heading
printed after its table, a table header repeated at a page break, a row split over lines, a
cell left empty because the page merged it with the row above. The reader is lenient, and says
in `problems` what it could not read instead of stopping; it never raises on any text.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from grs.charters.fields import (
    Contact,
    LadderRole,
    ServiceCategory,
    office_header,
    parse_time_limit,
)
from grs.charters.reader import Reader
from grs.charters.records import CharterService, LadderStep, ParsedCharter, Problem

__all__ = [
    "CharterService",
    "Contact",
    "LadderRole",
    "LadderStep",
    "ParsedCharter",
    "Problem",
    "ServiceCategory",
    "parse_charter",
    "parse_time_limit",
    "read_charter_bytes",
    "read_charter_file",
]


def read_charter_file(path: str | os.PathLike[str]) -> ParsedCharter:
    """The charter in the file at `path`. Bad content gives problems; only I/O errors raise."""
    return read_charter_bytes(Path(path).read_bytes())


def read_charter_bytes(data: bytes) -> ParsedCharter:
    """The charter in `data`, as uploaded; bad content gives problems, never an error."""
    text, problem = _decode(data)
    if text is None:
        return _unreadable(problem)
    parsed = parse_charter(text)
    if problem is None:
        return parsed
    return replace(parsed, problems=(Problem(0, problem), *parsed.problems))


def _decode(data: bytes) -> tuple[str | None, str | None]:
    """The file's text, and what was wrong with its encoding if anything."""
    if not data.strip():
        return None, "empty file: there is nothing to read"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        data = data.decode("utf-16", errors="replace").encode("utf-8")
    if b"\x00" in data:
        return None, "binary file: it holds NUL bytes, so it is not a text charter"
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        text = data.decode("utf-8-sig", errors="replace")
        return text, f"not UTF-8 text: undecodable bytes from line {line} were replaced"


def _unreadable(message: str | None) -> ParsedCharter:
    problems = (Problem(0, message or "the file could not be read"),)
    return ParsedCharter(None, None, None, (), (), (), problems)


def parse_charter(text: str) -> ParsedCharter:
    """Everything that can be read from one charter's text, and what could not be."""
    lines = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n").split("\n")
    if not any(line.strip() for line in lines):
        return _unreadable("empty file: there is nothing to read")
    office, address, website = office_header(lines)
    reader = Reader()
    for number, line in enumerate(lines, start=1):
        reader.feed(number, line)
    reader.finish()
    found = reader.findings
    return ParsedCharter(
        office_name=office,
        address=address,
        website=website,
        services=tuple(found.services),
        ladder=tuple(found.ladder),
        expectations=tuple(found.expectations),
        problems=tuple(sorted(found.problems, key=lambda problem: problem.line)),
    )
