"""What a finished table row of a charter becomes: a service, a grievance ladder step, or one of
the expectations of citizens; and the problems found in it on the way.

A row is only read once it is complete, since on the page it may run on over several lines.
"""

from __future__ import annotations

from dataclasses import replace

from grs.charters.fields import (
    Contact,
    LadderRole,
    ServiceCategory,
    join,
    parse_contact,
    parse_time_limit,
    role_of,
    serial_number,
    without_role,
)
from grs.charters.records import CharterService, LadderStep, Problem
from grs.charters.tables import Row, Table

_ROLE_BY_NUMBER = {1: LadderRole.GRO, 2: LadderRole.APPEAL_OFFICER, 3: LadderRole.CELL}
_REQUIRED_COLUMNS = {
    "service": ("name", "number", "time", "responsible"),
    "ladder": ("who", "address", "time"),
}


class Findings:
    """Everything read from a charter's rows so far, and what was wrong with the charter."""

    def __init__(self) -> None:
        self.services: list[CharterService] = []
        self.ladder: list[LadderStep] = []
        self.expectations: list[str] = []
        self.problems: list[Problem] = []
        self.last_number: dict[ServiceCategory | None, int] = {}
        self.untitled: list[int] = []  # services whose table came before any category heading

    def problem(self, line: int, message: str) -> None:
        self.problems.append(Problem(line, message))

    def add(self, row: Row) -> None:
        self.check_header(row.table)
        if row.table.kind == "service":
            self.add_service(row)
        elif row.table.kind == "ladder":
            self.add_step(row)
        else:
            self.add_expectation(row)

    def give_untitled(self, category: ServiceCategory | None) -> None:
        """Put services read before any category heading under `category`, once it is known.

        None: the charter printed no heading for them at all, so they count as citizen services.
        """
        if not self.untitled:
            return
        if category is None:
            first = self.services[self.untitled[0]].line
            self.problem(first, "service table has no category heading; read as citizen services")
        placed = category or ServiceCategory.CITIZEN
        for index in self.untitled:
            self.services[index] = replace(self.services[index], category=placed)
        self.untitled.clear()

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

    # services

    def add_service(self, row: Row) -> None:
        cells = self.fitted(row)
        name = row.table.cell(cells, "name")
        if not name:
            self.problem(row.line, "service row has no service name; row skipped")
            return
        if row.table.category is None:
            self.untitled.append(len(self.services))
        self.services.append(self.service(row, cells, name))

    def service(self, row: Row, cells: list[str], name: str) -> CharterService:
        table, time_text = row.table, row.table.cell(cells, "time")
        return CharterService(
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

    # the grievance ladder and expectations

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
