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
    Section,
    ServiceCategory,
    clean_text,
    filled_width,
    header_columns,
    heading_of,
    implicit_layout,
    is_decoration,
    join,
    list_item,
    looks_like_unsplit_row,
    office_header,
    parse_contact,
    parse_time_limit,
    role_of,
    serial_number,
    without_role,
)
from grs.charters.records import CharterService, LadderStep, ParsedCharter, Problem
from grs.charters.tables import Row, Table

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
    "read_charter_file",
]


def read_charter_file(path: str | os.PathLike[str]) -> ParsedCharter:
    """The charter in the file at `path`. Bad content gives problems; only I/O errors raise."""
    text, problem = _decode(Path(path).read_bytes())
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
    reader = _Reader()
    for number, line in enumerate(lines, start=1):
        reader.feed(number, line)
    reader.finish()
    return ParsedCharter(
        office_name=office,
        address=address,
        website=website,
        services=tuple(reader.services),
        ladder=tuple(reader.ladder),
        expectations=tuple(reader.expectations),
        problems=tuple(sorted(reader.problems, key=lambda problem: problem.line)),
    )


# --- the reader --------------------------------------------------------------------------------

_ROLE_BY_NUMBER = {1: LadderRole.GRO, 2: LadderRole.APPEAL_OFFICER, 3: LadderRole.CELL}
_REQUIRED_COLUMNS = {
    "service": ("name", "number", "time", "responsible"),
    "ladder": ("who", "address", "time"),
}
_HEADER_CHARS = 1000
_CATEGORY_NAMES = {
    ServiceCategory.CITIZEN: "নাগরিক সেবা (citizen services)",
    ServiceCategory.INSTITUTIONAL: "প্রাতিষ্ঠানিক সেবা (institutional services)",
    ServiceCategory.INTERNAL: "অভ্যন্তরীণ সেবা (internal services)",
}


class _Reader:
    """Reads a charter line by line, keeping track of the section and table it is in."""

    def __init__(self) -> None:
        self.section = Section.UNKNOWN
        self.category: ServiceCategory | None = None
        self.table: Table | None = None
        self.header: list[str] | None = None  # the header row just read, while it may go on
        self.row: Row | None = None
        self.services: list[CharterService] = []
        self.ladder: list[LadderStep] = []
        self.expectations: list[str] = []
        self.problems: list[Problem] = []
        self.last_number: dict[ServiceCategory | None, int] = {}
        self.untitled: list[int] = []  # services whose table came before any category heading
        self.tableless: list[ServiceCategory] = []  # category headings with no table under them
        self.found: set[str] = set()  # table kinds and sections met so far

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))

    def feed(self, number: int, line: str) -> None:
        cells = [clean_text(cell) for cell in line.split("\t")]
        filled = [cell for cell in cells if cell]
        if not filled:
            self.flush()
            self.header = None
        elif len(filled) == 1 and self.heading(filled[0]):
            pass  # headings also turn up as the only filled cell of a table row
        elif len(cells) > 1:
            self.table_line(number, cells)
        else:
            self.text_line(number, cells[0])

    # headings

    def heading(self, text: str) -> bool:
        found = heading_of(text)
        if found is None:
            return False
        self.flush()
        self.table, self.header = None, None
        if isinstance(found, ServiceCategory):
            self.enter_section(Section.SERVICES)
            self.category = found
            self.tableless.append(found)
        elif found is not Section.UNKNOWN:
            self.enter_section(found)
        return True

    def enter_section(self, section: Section) -> None:
        if section is self.section:
            return
        if self.section is Section.SERVICES:
            self.place_untitled()
        self.section, self.category, self.table = section, None, None
        self.found.add(section.value)

    def place_untitled(self) -> None:
        """Give services read before any category heading to the heading printed late."""
        if not self.untitled:
            return
        category = self.tableless[0] if self.tableless else ServiceCategory.CITIZEN
        if not self.tableless:
            first = self.services[self.untitled[0]].line
            self.problem(first, "service table has no category heading; read as citizen services")
        for index in self.untitled:
            self.services[index] = replace(self.services[index], category=category)
        self.untitled.clear()
        self.tableless = [c for c in self.tableless if c is not category]

    # table lines

    def table_line(self, number: int, cells: list[str]) -> None:
        if is_decoration(cells):
            self.header = None
        elif found := header_columns(cells, self.section is Section.EXPECTATIONS):
            self.flush()
            self.open_table(Table(found[0], found[1], filled_width(cells), number))
            self.header = cells
        elif self.continues_header(cells):
            self.extend_header(cells)
        elif self.row is not None and self.row.takes(cells):
            self.row.extend(cells)
        else:
            self.start_row(number, cells)

    def continues_header(self, cells: list[str]) -> bool:
        """A short, unnumbered line just under a header row is the rest of that row."""
        width = len(self.header or ())
        return self.header_goes_on() and len(cells) < width and serial_number(cells[0]) is None

    def header_goes_on(self) -> bool:
        # A header row is short; this bounds the work of reading it again at every line.
        return self.header is not None and sum(map(len, self.header)) < _HEADER_CHARS

    def extend_header(self, cells: list[str]) -> None:
        """Read the columns again from the header row and its continuation together."""
        header = self.header or []
        merged = [*header[:-1], join(header[-1] if header else "", cells[0]), *cells[1:]]
        found = header_columns(merged, self.section is Section.EXPECTATIONS)
        if self.table is not None and found is not None and found[0] == self.table.kind:
            self.table.columns, self.table.width = found[1], filled_width(merged)
        self.header = merged

    def start_row(self, number: int, cells: list[str]) -> None:
        self.flush()
        self.header = None
        table = self.table or self.implicit_table(number, cells)
        if table is not None:
            self.row = Row(table, list(cells), number)

    def open_table(self, table: Table) -> Table | None:
        if table.kind == "service" and self.section is Section.OTHER_OFFICES:
            self.table = None  # another office's services are not this charter's promises
            return None
        if table.kind == "service":
            self.enter_section(Section.SERVICES)
            table.category = self.category
            self.tableless = [c for c in self.tableless if c is not self.category]
        elif table.kind == "ladder":
            self.enter_section(Section.GRS)
        self.found.add(table.kind)
        self.table = table
        return table

    def implicit_table(self, number: int, cells: list[str]) -> Table | None:
        """A table whose header row is missing, read in the usual column order."""
        if serial_number(cells[0]) is None:
            return None
        if self.section is Section.EXPECTATIONS:
            return self.open_table(Table("expectation", {"number": 0}, len(cells), number))
        found = implicit_layout(self.section, len(cells))
        if found is None:
            return None
        kind, layout = found
        self.problem(number, f"{kind} table rows without a header row; read in the usual order")
        columns = {name: index for index, name in enumerate(layout)}
        return self.open_table(Table(kind, columns, len(layout), number, checked=True))

    # text lines

    def text_line(self, number: int, text: str) -> None:
        item = list_item(text) if self.section is Section.EXPECTATIONS else None
        if item is not None:
            self.flush()
            self.header = None
            table = self.table or self.open_table(Table("expectation", {"number": 0}, 2, number))
            self.row = Row(table, item, number) if table is not None else None
        elif self.header_goes_on():
            self.extend_header([text])
        elif self.row is not None:
            self.row.add_text(text)  # a cell carried onto a new line
        elif self.table is not None and self.table.kind == "service":
            self.loose_text_in_table(number, text)
        else:
            self.table = None

    def loose_text_in_table(self, number: int, text: str) -> None:
        if looks_like_unsplit_row(text):
            self.problem(number, "service row without tabs between its columns; not read")
        else:
            self.table = None  # loose text between tables ends the table above it

    # rows

    def flush(self) -> None:
        row, self.row = self.row, None
        if row is None:
            return
        self.check_header(row.table)
        if row.table.kind == "service":
            self.add_service(row)
        elif row.table.kind == "ladder":
            self.add_step(row)
        else:
            self.add_expectation(row)

    def check_header(self, table: Table) -> None:
        """Report missing columns once, when the header (perhaps over two lines) is complete."""
        if table.checked:
            return
        table.checked = True
        for column in _REQUIRED_COLUMNS.get(table.kind, ()):
            if column not in table.columns:
                self.problem(table.line, f"{table.kind} table header has no {column} column")

    def fitted(self, row: Row) -> list[str]:
        """The row's cells, one per column, saying when the row has too many or too few."""
        cells, width = row.cells(), row.table.width
        while len(cells) > width and not cells[-1]:
            cells.pop()
        if len(cells) > width:
            extra = f"row has {len(cells)} columns, the table {width}"
            self.problem(row.line, f"{extra}; the extra text was added to the last column")
            cells[width - 1 :] = [join(*cells[width - 1 :])]
        elif len(cells) < row.table.needed_width():
            cut = f"row has only {len(cells)} of {width} columns"
            self.problem(row.line, f"{cut}; it looks cut short")
        return cells + [""] * (width - len(cells))

    def add_service(self, row: Row) -> None:
        table, cells = row.table, self.fitted(row)
        name = table.cell(cells, "name")
        if not name:
            self.problem(row.line, "service row has no service name; row skipped")
            return
        time_text = table.cell(cells, "time")
        service = CharterService(
            category=table.category or ServiceCategory.CITIZEN,
            number=self.service_number(row.line, table, table.cell(cells, "number")),
            name=name,
            delivery_method=table.cell(cells, "delivery"),
            documents=table.cell(cells, "documents"),
            fee=table.cell(cells, "fee"),
            time_limit_text=time_text,
            time_limit_days=self.days(row.line, time_text) if "time" in table.columns else None,
            responsible=self.officer(row, table.cell(cells, "responsible"), "responsible"),
            superior=self.superior(row, cells),
            line=row.line,
        )
        if table.category is None:
            self.untitled.append(len(self.services))
        self.services.append(service)

    def service_number(self, line: int, table: Table, cell: str) -> int:
        number = serial_number(cell)
        if number is None:
            number = self.last_number.get(table.category, 0) + 1
            shown = f"is {cell!r}" if cell else "is missing"
            self.problem(
                line, f"service number (ক্রম) {shown}; numbered {number}, after the row above"
            )
        self.last_number[table.category] = number
        return number

    def days(self, line: int, text: str) -> int | None:
        try:
            return parse_time_limit(text)
        except ValueError as error:
            self.problem(line, f"could not read the time limit: {error}")
            return None

    def officer(self, row: Row, cell: str, column: str) -> Contact:
        """The officer in `cell`; an empty cell was merged on the page with the one above."""
        if cell:
            row.table.officers[column] = parse_contact(cell)
        elif column not in row.table.officers:
            self.problem(row.line, f"no {column} officer given for this service")
            return Contact(None, None, None, None, "")
        return row.table.officers[column]

    def superior(self, row: Row, cells: list[str]) -> Contact | None:
        cell = row.table.cell(cells, "superior")
        if "superior" not in row.table.columns or not (cell or "superior" in row.table.officers):
            return None
        return self.officer(row, cell, "superior")

    def add_step(self, row: Row) -> None:
        table, cells = row.table, self.fitted(row)
        who = table.cell(cells, "who")
        role = self.role(row.line, who, table.cell(cells, "number"))
        if role is None:
            return
        if any(step.role is role for step in self.ladder):
            self.problem(row.line, f"a second {role.value} row in the grievance table; ignored")
            return
        step = LadderStep(
            role=role,
            when=table.cell(cells, "when"),
            contact=parse_contact(join(without_role(who), table.cell(cells, "address"))),
            time_limit_days=self.days(row.line, table.cell(cells, "time")),
            line=row.line,
        )
        self.ladder.append(step)

    def role(self, line: int, who: str, number_cell: str) -> LadderRole | None:
        """The rung a grievance row is for, by the officer it names, else by its number."""
        if (named := role_of(who)) is not None:
            return named
        by_number = _ROLE_BY_NUMBER.get(serial_number(number_cell) or 0)
        if by_number is None:
            self.problem(line, f"grievance row names no GRO, appeal officer or cell: {who!r}")
        else:
            self.problem(line, f"grievance row names no officer; read as {by_number} by its number")
        return by_number

    def add_expectation(self, row: Row) -> None:
        cells = row.cells()
        cells = cells[1:] if serial_number(cells[0]) is not None else cells
        if text := join(*cells):
            self.expectations.append(text)

    # the end

    def finish(self) -> None:
        self.flush()
        self.place_untitled()
        if "service" not in self.found:
            self.problem(0, "no service tables found: this does not look like a citizen charter")
            return
        present = {service.category for service in self.services}
        for category, title in _CATEGORY_NAMES.items():
            if category not in present:
                self.problem(0, f"no {title} found")
        if Section.EXPECTATIONS.value not in self.found:
            self.problem(0, "no 'আপনার কাছে আমাদের প্রত্যাশা' (what we expect from you) section found")
        if not self.ladder:
            self.problem(0, "no অভিযোগ ব্যবস্থাপনা পদ্ধতি (GRS) grievance table found")
