"""Charters the reader was not written against: a corpus of other offices' charters in
`tests/charters/` (each with the services a person reads in it, in the `.json` beside it), and
a property: the same charter with its rows broken over lines, blank lines and repeated header
rows, the way web pages break them, reads as the same services.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grs.charters.fields import clean_text, heading_of, is_decoration, serial_number
from grs.charters.parse import CharterService, ParsedCharter, parse_charter, read_charter_file

CORPUS = Path(__file__).resolve().parent.parent / "charters"
NAMES = sorted(path.stem for path in CORPUS.glob("*.txt"))
SAMPLES = ("manikganj_sadar_upazila_ict.txt", "rajapur_upazila_ict.txt", "patgram_upazila_ict.txt")


def expected(name: str) -> dict[str, Any]:
    result: dict[str, Any] = json.loads((CORPUS / f"{name}.json").read_text(encoding="utf-8"))
    return result


def by_key(parsed: ParsedCharter) -> dict[str, CharterService]:
    return {f"{s.category.value} {s.number}": s for s in parsed.services}


def test_the_corpus_is_there() -> None:
    assert len(NAMES) >= 3


@pytest.mark.parametrize("name", NAMES)
def test_corpus_services(name: str) -> None:
    parsed, want = read_charter_file(CORPUS / f"{name}.txt"), expected(name)
    assert parsed.office_name == want["office"]
    got = [[s.category.value, s.number, s.line, s.time_limit_days, s.name] for s in parsed.services]
    assert got == want["services"]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_fields_officers_and_ladder(name: str) -> None:
    parsed, want = read_charter_file(CORPUS / f"{name}.txt"), expected(name)
    services = by_key(parsed)
    for key, fields in want["fields"].items():
        assert {field: getattr(services[key], field) for field in fields} == fields, key
    for key, phone in want.get("responsible_phone", {}).items():
        assert services[key].responsible.phone == phone, key
    for key, raw in want.get("superior_of", {}).items():
        superior = services[key].superior
        assert superior is not None and superior.raw.startswith(raw), key
    assert len(parsed.expectations) == want["expectations"]
    assert {step.role.value: step.time_limit_days for step in parsed.ladder} == want["ladder"]


@pytest.mark.parametrize("name", NAMES)
def test_corpus_problems_name_their_lines(name: str) -> None:
    parsed, want = read_charter_file(CORPUS / f"{name}.txt"), expected(name)
    assert [problem.line for problem in parsed.problems] == want["problem_lines"]


def test_unreadable_number_and_time_limit_are_problems_on_their_lines() -> None:
    parsed = read_charter_file(CORPUS / "primary_school.txt")
    messages = {(p.line, p.message.split(":")[0].split(";")[0]) for p in parsed.problems}
    assert (6, "service number (ক্রম) is missing") in messages  # nothing above to continue
    assert (8, "service number (ক্রম) is 'ক'") in messages
    assert (8, "could not read the time limit") in messages
    assert (9, "could not read the time limit") in messages


def test_land_office_rows_broken_three_ways() -> None:
    services = by_key(read_charter_file(CORPUS / "upazila_land_office.txt"))
    # over a blank line, each cell under the one it continues
    assert services["citizen 2"].time_limit_text == "তাৎক্ষণিক/ ৩ কার্যদিবস"
    assert services["citizen 2"].responsible.designation == "সহকারী কমিশনার"
    # empty leading cells, officer cells empty as merged with the row
    assert services["citizen 3"].documents == "নোটিশ ও দলিল"
    # a repeated header and its numbering row between a row and its rest; officer cells
    # merged across that page break still name the officer above
    assert services["citizen 4"].delivery_method == "আবেদন ও সরেজমিন তদন্ত"
    assert services["citizen 5"].responsible.phone == "01711444555"


def test_ladder_row_broken_over_a_blank_line() -> None:
    parsed = read_charter_file(CORPUS / "upazila_land_office.txt")
    gro = next(step for step in parsed.ladder if step.role.value == "gro")
    assert gro.contact.email == "acland.debiganj@gmail.com"
    assert gro.time_limit_days == 30


def test_text_after_a_blank_line_is_not_part_of_the_row_above() -> None:
    lines = (CORPUS / "upazila_health_complex.txt").read_text(encoding="utf-8").splitlines()
    at = lines.index(next(line for line in lines if line.startswith("1০\t")))
    text = "\n".join([*lines[: at + 1], "", "সেবা গ্রহণে কোনো অসুবিধা হলে জানান", *lines[at + 1 :]])
    service = by_key(parse_charter(text))["citizen 10"]
    assert "অসুবিধা" not in service.responsible.raw + (service.superior or service.responsible).raw


# --- re-flowing rows -------------------------------------------------------------------------


def charter_texts() -> list[str]:
    texts = [(CORPUS / f"{name}.txt").read_text(encoding="utf-8") for name in NAMES]
    package = files("grs.charters.samples")
    texts += [package.joinpath(name).read_text(encoding="utf-8") for name in SAMPLES]
    return texts


TEXTS = charter_texts()


def comparable(parsed: ParsedCharter) -> list[dict[str, Any]]:
    return [asdict(service) | {"line": 0} for service in parsed.services]


def single_safe(cells: list[str]) -> bool:
    """Whether a line of `cells` reads as table text: not a heading, rule or number alone."""
    filled = [cell for cell in cells if clean_text(cell)]
    if len(filled) == 1 and heading_of(clean_text(filled[0])) is not None:
        return False
    return bool(filled) and not is_decoration([clean_text(cell) for cell in cells])


def split_words(draw: Any, cell: str) -> tuple[str, str]:
    """`cell` cut at a space: the words before it and those after (perhaps none)."""
    words = cell.split(" ")
    if len(words) < 2 or "<" in cell:
        return cell, ""
    at = draw(st.integers(1, len(words)))
    return " ".join(words[:at]), " ".join(words[at:])


def broken_mid_cell(draw: Any, cells: list[str]) -> list[str] | None:
    """The row cut inside one cell; its rest starts the next line, perhaps after blank lines."""
    k = draw(st.integers(1, len(cells) - 1))
    head, rest = split_words(draw, cells[k])
    if not rest or serial_number(rest) is not None:
        return None
    first, second = [*cells[:k], head], [rest, *cells[k + 1 :]]
    if not single_safe(second) or len(second) > 1 and not any(second[1:]):
        return None
    blanks = [""] * draw(st.integers(0, 2)) if len(second) > 1 else []
    return ["\t".join(first), *blanks, "\t".join(second)]


def broken_under(draw: Any, cells: list[str], header: list[str]) -> list[str] | None:
    """The row cut across every cell; its rest, under an empty number cell, comes after
    blank lines or the table's header printed again."""
    parts = [split_words(draw, cell) for cell in cells[1:]]
    first = [cells[0], *(head for head, _ in parts)]
    second = ["", *(rest for _, rest in parts)]
    if sum(1 for cell in second if cell) < 2 or not single_safe(second):
        return None
    between = [""] * draw(st.integers(0, 2))
    if header and draw(st.booleans()):
        between += header
    return ["\t".join(first), *between, "\t".join(second)]


@st.composite
def reflowed(draw: Any, text: str) -> str:
    lines, out, header = text.split("\n"), [], []
    services = {service.line for service in parse_charter(text).services}
    for number, line in enumerate(lines, start=1):
        cells = line.split("\t")
        if "সেবার নাম" in line or "সেবার  নাম" in line:
            header = [line]
            if number < len(lines) and lines[number].startswith("(১)"):
                header.append(lines[number])
        pieces = None
        # A row without a readable number is damaged already; breaking it is guesswork.
        if number in services and len(cells) >= 6 and serial_number(cells[0]) is not None:
            how = draw(st.sampled_from(("keep", "mid-cell", "under")))
            if how == "mid-cell":
                pieces = broken_mid_cell(draw, cells)
            elif how == "under":
                pieces = broken_under(draw, cells, header)
        out.extend(pieces or [line])
    return "\n".join(out)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.data())
def test_reflowed_rows_read_as_the_same_services(data: st.DataObject) -> None:
    text = data.draw(st.sampled_from(TEXTS))
    flowed = data.draw(reflowed(text))
    assert comparable(parse_charter(flowed)) == comparable(parse_charter(text))
