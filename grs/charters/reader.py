"""Walking a charter's lines in order, keeping track of the section and the table each is in.

What a line means depends on the lines above it: a row under a header row, the rest of a row or
of a header broken over two lines, a heading that ends the table before it. Finished rows go to
`Findings`, which turns them into services, ladder steps and expectations.
"""

from __future__ import annotations

from grs.charters.fields import (
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
    serial_number,
)
from grs.charters.rows import Findings
from grs.charters.tables import Row, Table

_HEADER_CHARS = 1000
_CATEGORY_NAMES = {
    ServiceCategory.CITIZEN: "নাগরিক সেবা (citizen services)",
    ServiceCategory.INSTITUTIONAL: "প্রাতিষ্ঠানিক সেবা (institutional services)",
    ServiceCategory.INTERNAL: "অভ্যন্তরীণ সেবা (internal services)",
}


class Reader:
    """Reads a charter line by line; `finish` once the last line is fed."""

    def __init__(self) -> None:
        self.section = Section.UNKNOWN
        self.category: ServiceCategory | None = None
        self.table: Table | None = None
        self.header: list[str] | None = None  # the header row just read, while it may go on
        self.row: Row | None = None
        # The row above was cut off by a blank line or a repeated header; a line whose number
        # cell is empty may still be its rest, anything else ends it.
        self.paused = False
        self.findings = Findings()
        self.tableless: list[ServiceCategory] = []  # category headings with no table under them
        self.found: set[str] = set()  # table kinds and sections met so far

    def feed(self, number: int, line: str) -> None:
        cells = [clean_text(cell) for cell in line.split("\t")]
        filled = [cell for cell in cells if cell]
        if not filled:
            self.paused = self.row is not None
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
        if not self.findings.untitled:
            return
        category = self.tableless[0] if self.tableless else None
        self.findings.give_untitled(category)
        self.tableless = [c for c in self.tableless if c is not category]

    # table lines

    def table_line(self, number: int, cells: list[str]) -> None:
        if is_decoration(cells):
            self.header = None
        elif found := header_columns(cells, self.section is Section.EXPECTATIONS):
            self.header_line(number, cells, found[0], found[1])
        elif self.continues_header(cells):
            self.extend_header(cells)
        elif not self.continues_row(cells):
            self.start_row(number, cells)

    def header_line(
        self, number: int, cells: list[str], kind: str, columns: dict[str, int]
    ) -> None:
        """A header row; one repeated at a page break may fall inside a row it does not end."""
        row, above = self.row, self.table
        repeated = (
            row is not None and row.table.kind == kind and self.category is row.table.category
        )
        if not repeated:
            self.flush()
        table = self.open_table(Table(kind, columns, filled_width(cells), number))
        self.header = cells
        if table is not None and above is not None and self.same_table(above, table):
            table.officers = above.officers  # officer cells merged across the page break
        if repeated and table is not None:
            self.paused = True
        else:
            self.flush()

    def same_table(self, above: Table, table: Table) -> bool:
        """Whether `table` is `above` again, its header repeated at a page break."""
        return above.kind == table.kind and above.category is table.category

    def continues_row(self, cells: list[str]) -> bool:
        """Add `cells` to the row being read if they are its rest; say whether they were."""
        row = self.row
        if row is None:
            return False
        if not self.paused and row.takes(cells):
            row.extend(cells)
        elif row.resumes(cells):
            row.extend_under(cells)
        elif self.paused and cells[0] and row.takes(cells):
            row.extend(cells)
        else:
            return False
        self.paused = False
        return True

    def continues_header(self, cells: list[str]) -> bool:
        """A short, unnumbered line just under a header row is the rest of that row."""
        width = len(self.header or ())
        if self.row is not None and self.row.resumes(cells):
            return False  # the rest of a row broken by this repeated header
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
        self.findings.problem(
            number, f"{kind} table rows without a header row; read in the usual order"
        )
        columns = {name: index for index, name in enumerate(layout)}
        return self.open_table(Table(kind, columns, len(layout), number, checked=True))

    # text lines

    def text_line(self, number: int, text: str) -> None:
        if self.paused:
            self.flush()  # loose text after a blank line is not the rest of a row
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
            self.findings.problem(number, "service row without tabs between its columns; not read")
        else:
            self.table = None  # loose text between tables ends the table above it

    # the end

    def flush(self) -> None:
        row, self.row, self.paused = self.row, None, False
        if row is not None:
            self.findings.add(row)

    def finish(self) -> None:
        self.flush()
        self.place_untitled()
        if "service" not in self.found:
            message = "no service tables found: this does not look like a citizen charter"
            self.findings.problem(0, message)
            return
        self.report_missing()

    def report_missing(self) -> None:
        """Name each part every charter has that this one was not found to have."""
        present = {service.category for service in self.findings.services}
        for category, title in _CATEGORY_NAMES.items():
            if category not in present:
                self.findings.problem(0, f"no {title} found")
        if Section.EXPECTATIONS.value not in self.found:
            self.findings.problem(
                0, "no 'আপনার কাছে আমাদের প্রত্যাশা' (what we expect from you) section found"
            )
        if not self.findings.ladder:
            self.findings.problem(0, "no অভিযোগ ব্যবস্থাপনা পদ্ধতি (GRS) grievance table found")
