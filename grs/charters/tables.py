"""A charter's tables as they are read: a table's columns, and a row gathered over several lines.

Pages split rows over lines and leave officer cells empty where the page merged them with the
row above, so a row is only taken apart into its cells once it is known to be complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from grs.charters.fields import Contact, ServiceCategory, join, serial_number

_OFFICER_COLUMNS = frozenset(("responsible", "superior"))


@dataclass
class Table:
    kind: str  # "service", "ladder" or "expectation"
    columns: dict[str, int]
    width: int
    line: int  # of its header row
    category: ServiceCategory | None = None
    officers: dict[str, Contact] = field(default_factory=dict)  # the last one in each column
    checked: bool = False  # whether its header has been checked for missing columns

    def cell(self, cells: list[str], name: str) -> str:
        index = self.columns.get(name)
        return cells[index] if index is not None and index < len(cells) else ""

    def needed_width(self) -> int:
        """Cells a row must have; officer cells may be missing, as merged with the row above."""
        needed = [i for name, i in self.columns.items() if name not in _OFFICER_COLUMNS]
        return max(needed, default=0) + 1


class Row:
    """A table row being read; it may go on over the next lines."""

    def __init__(self, table: Table, cells: list[str], line: int) -> None:
        self.table = table
        self.line = line
        # Each cell as the pieces it came in, joined once at the end: a cell may run on for
        # many lines, and joining it again at every line would take quadratic time.
        self.pieces = [[cell] for cell in cells]

    def takes(self, cells: list[str]) -> bool:
        """Whether `cells` continue this row: it is short and they do not start a new one."""
        fits = len(self.pieces) + len(cells) - 1 <= self.table.width
        return len(self.pieces) < self.table.width and fits and serial_number(cells[0]) is None

    def resumes(self, cells: list[str]) -> bool:
        """Whether `cells` are the rest of this row, cell under cell: the number cell is empty.

        Pages break a row over a blank line or a repeated header, and the part that goes on
        keeps its columns, so its number cell is empty and each cell continues the one above.
        """
        index = self.table.columns.get("number")
        if index is None or index >= len(cells) or cells[index]:
            return False
        return len(cells) <= max(self.table.width, len(self.pieces)) and any(cells)

    def extend(self, cells: list[str]) -> None:
        self.pieces[-1].append(cells[0])
        self.pieces.extend([cell] for cell in cells[1:])

    def extend_under(self, cells: list[str]) -> None:
        """Add each of `cells` to the cell above it."""
        self.pieces.extend([] for _ in range(len(cells) - len(self.pieces)))
        for pieces, cell in zip(self.pieces, cells, strict=False):
            if cell:
                pieces.append(cell)

    def add_text(self, text: str) -> None:
        self.pieces[-1].append(text)

    def cells(self) -> list[str]:
        return [join(*pieces) for pieces in self.pieces]
