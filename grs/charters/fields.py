"""Reading the pieces of a citizen charter: cells, headings, table header rows, the office block.

Nothing here keeps state; `grs.charters.reader` walks the lines and decides what each piece is for.
Charters are typed into web forms by hundreds of offices, so every reader here expects variants:
Bangla or ASCII digits, HTML left over from the page, `:` or `ঃ` after a label, several facts
run together in one cell without any separator.
"""

from __future__ import annotations

import html
import re
import unicodedata
from dataclasses import dataclass
from enum import Enum, StrEnum


class ServiceCategory(StrEnum):
    CITIZEN = "citizen"
    INSTITUTIONAL = "institutional"
    INTERNAL = "internal"


class LadderRole(StrEnum):
    GRO = "gro"
    APPEAL_OFFICER = "appeal_officer"
    CELL = "cell"


class Section(Enum):
    UNKNOWN = "unknown"  # also what a title or an unknown heading gives: it changes nothing
    SERVICES = "services"
    OTHER_OFFICES = "other offices"  # services of other offices, not this office's own
    EXPECTATIONS = "expectations"
    GRS = "grs"
    OTHER = "other"


_TO_ASCII = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
_TAG = re.compile(r"<\s*/?\s*[A-Za-z][^<>]*>")
# An anchor left open runs to the end of the cell: text cut short there keeps the address.
_ANCHOR = re.compile(r"<a\b([^<>]*)>(.*?)(?:</a\s*>|$)", re.IGNORECASE | re.DOTALL)
_CUT_TAG = re.compile(
    r"<\s*/?\s*(?:a|b|br|p|i|u|em|strong|span|font|div|td|tr|li|img)\b[^<>]*$", re.IGNORECASE
)
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
_SCHEME = re.compile(r"^(?:mailto:|https?://)|/+$", re.IGNORECASE)
# A khanda-ta typed the old way (ta, virama, zero-width joiner) must match `ৎ`.
_OLD_KHANDA_TA = "\u09a4\u09cd\u200d"
_ZERO_WIDTH = re.compile("[\u200b\u200c\u200d\u2060\ufeff]")


@dataclass(frozen=True)
class Contact:
    """An officer as a charter cell describes one; `raw` is the whole cell as plain text."""

    name: str | None
    designation: str | None
    phone: str | None
    email: str | None
    raw: str


def clean_text(text: str) -> str:
    """Cell text as a reader sees it: tags dropped (link text kept), entities decoded, one space."""
    text = _ANCHOR.sub(_anchor_text, text)
    text = html.unescape(_CUT_TAG.sub(" ", _TAG.sub(" ", text)))
    return " ".join(unicodedata.normalize("NFC", text).split())


def _anchor_text(match: re.Match[str]) -> str:
    """The link text, plus the address from href when the text does not already show it."""
    shown = _TAG.sub(" ", match.group(2))
    href = _HREF.search(match.group(1))
    target = html.unescape(next((g for g in href.groups() if g), "")) if href else ""
    target = target.removeprefix("mailto:").removeprefix("MAILTO:").strip()
    if ("@" in target or "." in target) and _bare(target) not in _bare(shown):
        return f" {shown} {target} "
    return f" {shown} "


def _bare(address: str) -> str:
    return _SCHEME.sub("", address.strip().lower())


def match_key(text: str) -> str:
    """`text` folded for keyword matching: ASCII digits, no zero-width marks, lower case."""
    text = unicodedata.normalize("NFC", text.replace(_OLD_KHANDA_TA, "\u09ce"))
    return _ZERO_WIDTH.sub("", text).translate(_TO_ASCII).lower()


_SERIAL = re.compile(r"\(?\s*(\d{1,3})\s*[.)।:]?\s*\)?")


def serial_number(cell: str) -> int | None:
    """The row number of a table cell such as `১`, `০৪.`, `(২)` or `<p>০২</p>`."""
    found = _SERIAL.fullmatch(match_key(clean_text(cell)))
    return int(found.group(1)) if found else None


# --- time limits -------------------------------------------------------------------------------

_NUMBER = re.compile(r"(?<!\d)(\d{1,4})(?:\s*(?:-|–|—|থেকে|হতে|to)\s*(\d{1,4}))?(?!\d)")
_SKIP_NOTE = r"\s*(?:\([^()]*\)\s*)?"  # "৩০ (ত্রিশ) কার্যদিবস"
_WORKDAY_UNIT = re.compile(
    _SKIP_NOTE + r"(?:কার্য\s*দিবস|কর্ম\s*দিবস|কার্য\s*দিন|কর্ম\s*দিন|(?:working|work|business)\s*days?)"
)
_OTHER_UNIT = re.compile(
    _SKIP_NOTE + r"(?:দিন|দিবস|days?|মাস|months?|সপ্তাহ|weeks?|বছর|years?|ঘণ্টা|ঘন্টা|hours?|মিনিট|min)"
)
_ORDINAL = re.compile(r"(?:ম|য়|র্থ|ষ্ঠ|তম|নং|st|nd|rd|th)")
_INSTANT = re.compile(r"তাৎক্ষ|তাৎক্ষণাৎ|সাথে সাথে|সঙ্গে সঙ্গে|immediate|instant")
_NO_LIMIT = re.compile(r"অনুযায়ী|অনুসারে|মোতাবেক|সাপেক্ষে|নির্ভরশীল|প্রযোজ্য নয়|as required|as per")
_MAX_DAYS = 365  # a bigger bare number is a year or a reference, not a count of days


def parse_time_limit(text: str) -> int | None:
    """Working days a charter cell allows; None when the cell sets no limit ("প্রয়োজন অনুযায়ী").

    The largest count wins ("তাৎক্ষণিক/ ৩ কার্যদিবস" is 3, "৩-৭ কার্যদিবস" is 7), because the
    office has kept its promise only once that much time has passed. "তাৎক্ষণিক" alone is 0.
    Raises ValueError when the cell holds no limit that can be read as working days.
    """
    key = match_key(clean_text(text))
    if not key:
        raise ValueError("the time limit cell is empty")
    workdays, bare, other = _day_counts(key)
    if workdays or bare:
        return max(workdays or bare)
    if other:
        raise ValueError(f"the time limit {clean_text(text)!r} is not given in working days")
    if _INSTANT.search(key):
        return 0
    if _NO_LIMIT.search(key):
        return None
    raise ValueError(f"no number of working days in {clean_text(text)!r}")


def _day_counts(key: str) -> tuple[list[int], list[int], list[int]]:
    """Numbers in `key` sorted by what follows them: working days, nothing, another unit."""
    workdays: list[int] = []
    bare: list[int] = []
    other: list[int] = []
    for found in _NUMBER.finditer(key):
        value = max(int(found.group(1)), int(found.group(2) or 0))
        after = found.end()
        if _WORKDAY_UNIT.match(key, after):
            workdays.append(value)
        elif _OTHER_UNIT.match(key, after):
            other.append(value)
        elif not _ORDINAL.match(key, after) and value <= _MAX_DAYS:
            bare.append(value)
    return workdays, bare, other


# --- officers ----------------------------------------------------------------------------------

_EMAIL = re.compile(
    r"(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
)
# Only from a word's start: from every position, a long word would take quadratic time.
_WEB_TOKEN = re.compile(
    r"(?<!\S)(?:\S*(?:@|://|www\.)|\S*[A-Za-z0-9-]\.(?:bd|com|org|net|gov|edu|info)\b)\S*",
    re.IGNORECASE,
)
_PHONE = re.compile(r"(?<![0-9+])(?:\+?88[\s-]?)?0(?:[\s-]?[0-9]){8,11}(?![0-9])")
_MOBILE = re.compile(r"01[3-9][0-9]{8}")
_LANDLINE = re.compile(r"0[2-9][0-9]{7,9}")
_LABEL = re.compile(
    r"ফোন|মোবাইল|মোবা\s*[:ঃ]|টেলিফোন|ফ্যাক্স|ই-?\s?মেইল|ইমেল|ওয়েব|"
    r"\b(?:phone|mobile|mob|tel|fax|e-?mail|web|website)\b",
    re.IGNORECASE,
)
_HONORIFIC = re.compile(
    r"^(?:জনাবা|জনাব|নাম\s*[:ঃ]|ডাঃ|ডা\.|ড\.|ডঃ|mrs\.?|mr\.?|ms\.?|dr\.?)(?:[\s,.:ঃ]+|$)", re.IGNORECASE
)
_DESIGNATION_LABEL = re.compile(r"পদবি\s*[:ঃ]|পদবী\s*[:ঃ]|designation\s*:", re.IGNORECASE)
_NAME_LABEL = re.compile(r"^\s*(?:নাম|name)\s*[:ঃ]\s*", re.IGNORECASE)
# The last word of a designation, matched at a word's end.
_DESIGNATION_HEADS = (
    "অফিসার", "কর্মকর্তা", "প্রোগ্রামার", "পরিচালক", "সচিব", "কমিশনার", "প্রশাসক", "প্রকৌশলী",
    "ইঞ্জিনিয়ার", "টেকনিশিয়ান", "অপারেটর", "ম্যানেজার", "কনসালটেন্ট", "শিক্ষক", "পরিদর্শক",
    "চেয়ারম্যান", "হিসাবরক্ষক", "তত্ত্বাবধায়ক", "সহকারী", "সহকারি", "মুদ্রাক্ষরিক",
    "officer", "programmer", "director", "engineer", "secretary", "commissioner", "operator",
    "manager", "assistant", "consultant",
)  # fmt: skip
# Words that open a designation only when a designation word follows soon after.
_DESIGNATION_OPENERS = frozenset(
    (
        "উপজেলা", "জেলা", "বিভাগীয়", "আঞ্চলিক", "সিনিয়র", "জ্যেষ্ঠ", "উপ", "অতিরিক্ত", "যুগ্ম",
        "সিস্টেম", "মেইনটেন্যান্স", "নির্বাহী", "ভারপ্রাপ্ত", "অফিস", "প্রশাসনিক", "কম্পিউটার",
        "ইউনিয়ন", "প্রকল্প", "আইসিটি", "হিসাব", "senior", "deputy", "additional", "upazila",
        "district", "system", "maintenance", "executive", "ict", "chief",
    )
)  # fmt: skip
_OPENER_REACH = 6  # "উপজেলা স্বাস্থ্য ও পরিবার পরিকল্পনা কর্মকর্তা" has five words between


def parse_contact(cell: str) -> Contact:
    """Name, designation, first phone and first e-mail of the officer a cell describes."""
    raw = clean_text(cell)
    emails = _EMAIL.findall(raw)
    phone = _first_phone(raw)
    head = raw[: _contact_details_start(raw)]
    name, designation = _name_and_designation(head)
    return Contact(name, designation, phone, emails[0] if emails else None, raw)


def _first_phone(text: str) -> str | None:
    """The first Bangladeshi mobile or landline number, as ASCII digits without separators."""
    plain = _WEB_TOKEN.sub(" ", text.translate(_TO_ASCII))
    for found in _PHONE.finditer(plain):
        digits = re.sub(r"[^0-9]", "", found.group())
        digits = digits[2:] if digits.startswith("88") else digits
        if mobile := _MOBILE.match(digits):
            return mobile.group()
        if _LANDLINE.fullmatch(digits):
            return digits
    return None


def _contact_details_start(text: str) -> int:
    """Where the name and designation end: at the first label, number, e-mail or web address."""
    plain = text.translate(_TO_ASCII)
    starts = [len(text)]
    for pattern in (_LABEL, _PHONE, _WEB_TOKEN):
        if found := pattern.search(plain):
            starts.append(found.start())
    return min(starts)


def _name_and_designation(head: str) -> tuple[str | None, str | None]:
    labelled = _DESIGNATION_LABEL.split(head, maxsplit=1)
    if len(labelled) == 2:
        return _tidy(_NAME_LABEL.sub("", labelled[0])), _tidy(labelled[1])
    honorific = _HONORIFIC.match(head.strip())
    body = head.strip()[honorific.end() :] if honorific else head
    words = body.split()
    start = _designation_start(words)
    if start is None:
        # Without a designation, only "জনাব" and the like show that the text is a name.
        return (_tidy(body) if honorific else None), None
    end = _designation_end(words, start)
    return _tidy(" ".join(words[:start])), _tidy(" ".join(words[start:end]))


def _word_key(word: str) -> str:
    return re.split(r"[(/]", match_key(word).strip(",;:.()/-ঃ।") or " ")[0]


def _is_designation_word(word: str) -> bool:
    # Ends with, not contains: "উপপরিচালক" is a director, "সচিবালয়" (secretariat) no secretary.
    key = _word_key(word)
    return bool(key) and key.endswith(_DESIGNATION_HEADS)


def _designation_start(words: list[str]) -> int | None:
    for index, word in enumerate(words):
        if _is_designation_word(word):
            return index
        reach = words[index + 1 : index + 1 + _OPENER_REACH]
        if _word_key(word) in _DESIGNATION_OPENERS and any(map(_is_designation_word, reach)):
            return index
    return None


def _designation_end(words: list[str], start: int) -> int:
    """Just past the designation, so a place name after it ("... অফিসার মানিকগঞ্জ") is left out."""
    heads = (i for i in range(start, len(words)) if _is_designation_word(words[i]))
    end = next(heads, start) + 1
    while end < len(words) and _is_designation_word(words[end]):
        end += 1
    return end


def _tidy(text: str) -> str | None:
    text = " ".join(text.split()).strip(" ,;:-/।|")
    return text or None


def join(*parts: str) -> str:
    return " ".join(part for part in parts if part)


# --- headings ----------------------------------------------------------------------------------

_HEADING_MARKS = re.compile(r"^\s*(?:#+|[-*•])\s*")
_NUMBERING = re.compile(r"^(?:\(?\d+(?:\.\d+)*\s*[.)।:]*\s*)+")
_HEADING_CHARS = 80
_CATEGORY_HEADING = re.compile(
    r"(নাগরিক|প্রাতিষ্ঠানিক|অভ্যন্তরীণ|অভ্যন্তরীন|citizens?|institutional|internal)"
    r"\s*(?:সেবা|services?)\S*\s*[:ঃ]?"
)
_CATEGORY_WORDS = {
    "নাগরিক": ServiceCategory.CITIZEN,
    "citizen": ServiceCategory.CITIZEN,
    "citizens": ServiceCategory.CITIZEN,
    "প্রাতিষ্ঠানিক": ServiceCategory.INSTITUTIONAL,
    "institutional": ServiceCategory.INSTITUTIONAL,
}
_SECTION_HEADINGS = (
    (r"^প্রতিশ্রুত\S*\s*সেবা|^services? (?:we )?(?:promise|provide)", Section.SERVICES),
    (r"^আপনার\s*(?:কাছে|নিকট)\s*(?:আমাদের\s*)?প্রত্যাশা|^what we expect", Section.EXPECTATIONS),
    (r"^অভিযোগ\s*(?:ব্যবস্থাপনা|প্রতিকার)|\(grs\)|^grs\b", Section.GRS),
    (r"^আওতাধীন|^অন্যান্য\s*প্রতিষ্ঠান|^other offices", Section.OTHER_OFFICES),
    (r"^(?:ভিশন|মিশন|রূপকল্প|অভিলক্ষ্য|vision|mission)", Section.OTHER),
    (r"^(?:সিটিজেন\s*চার্টার|সেবা\s*প্রদান\s*প্রতিশ্রুতি|citizen'?s?\s*charter)", Section.UNKNOWN),
)


def heading_of(text: str) -> ServiceCategory | Section | None:
    """What a heading line announces, or None when the line is not a heading.

    A heading is short; "২.১) নাগরিক সেবা" and "### ২. প্রতিশ্রুত সেবাসমূহ" are, while a
    paragraph that merely mentions নাগরিক সেবা is not.
    """
    marked = _HEADING_MARKS.match(text)
    key = _NUMBERING.sub("", match_key(text[marked.end() :] if marked else text)).strip()
    if len(key) > _HEADING_CHARS:
        return None
    if category := _CATEGORY_HEADING.fullmatch(key):
        return _CATEGORY_WORDS.get(category.group(1), ServiceCategory.INTERNAL)
    for pattern, section in _SECTION_HEADINGS:
        if re.search(pattern, key):
            return section
    return Section.UNKNOWN if text.lstrip().startswith("#") else None


# --- table rows --------------------------------------------------------------------------------

_SERVICE_HEADER = re.compile(
    r"সেবা\S{0,8}\s*(?:সমূহের\s*)?নাম|service\s*name|name of (?:the )?service"
)
_LADDER_HEADER = re.compile(r"কখন|কার\s*(?:সঙ্গে|সাথে)|when to contact|whom to contact")
_EXPECTATION_HEADER = re.compile(r"^(?:ক্রম|নং|sl\b|no\b|serial)|করণীয়")
_NUMBER_COLUMN = re.compile(r"ক্রম|নং|\b(?:no|sl|serial)\b")
_SERVICE_COLUMNS = (
    ("responsible", re.compile(r"দায়িত্বপ্রাপ্ত|responsible")),
    ("superior", re.compile(r"উর্ধ্বতন|ঊর্ধ্বতন|উর্ধতন|ঊর্ধতন|superior|higher")),
    ("time", re.compile(r"সময়|time")),
    ("fee", re.compile(r"মূল্য|(?<![\u0980-\u09ff])ফি|fee|price|charge")),
    ("documents", re.compile(r"কাগজ|দলিল|document")),
    ("delivery", re.compile(r"পদ্ধতি|method|procedure")),
    ("name", re.compile(r"নাম|name")),
    ("number", _NUMBER_COLUMN),
)
_LADDER_COLUMNS = (
    ("when", re.compile(r"কখন|when")),
    ("who", re.compile(r"কার\s*(?:সঙ্গে|সাথে)|whom|who")),
    ("address", re.compile(r"ঠিকানা|address")),
    ("time", re.compile(r"সময়|time|নিষ্পত্তি")),
    ("number", _NUMBER_COLUMN),
)
SERVICE_LAYOUT = ("number", "name", "delivery", "documents", "fee", "time", "responsible")
LADDER_LAYOUT = ("number", "when", "who", "address", "time")
_MIN_SERVICE_CELLS = 6  # a numbered row with fewer cells belongs to some other table
_RULE = re.compile(r"[-=_*.:|+\s]+")
_LIST_ITEM = re.compile(r"(?:[-*•]\s*)?(\d{1,2})\s*[.)।:]\s*(.+)", re.DOTALL)
_UNSPLIT_ROW = re.compile(r"\d{1,3}\s*[.)।]?\s+\S")


def header_columns(cells: list[str], in_expectations: bool) -> tuple[str, dict[str, int]] | None:
    """The kind of table a header row opens ("service", "ladder", "expectation") and where
    each of its columns is; None when the row is not a header."""
    keys = [match_key(cell) for cell in cells]
    if any(_SERVICE_HEADER.search(key) for key in keys):
        return "service", _columns(keys, _SERVICE_COLUMNS)
    if any(_LADDER_HEADER.search(key) for key in keys):
        return "ladder", _columns(keys, _LADDER_COLUMNS)
    if in_expectations and any(_EXPECTATION_HEADER.search(key) for key in keys):
        return "expectation", {"number": 0}
    return None


def _columns(keys: list[str], patterns: tuple[tuple[str, re.Pattern[str]], ...]) -> dict[str, int]:
    """Column of each field, by the first pattern each header cell matches (order matters:
    "সেবার মূল্য ও পরিশোধ পদ্ধতি" is the fee, though it says পদ্ধতি)."""
    columns: dict[str, int] = {}
    for index, key in enumerate(keys):
        name = next((name for name, pattern in patterns if pattern.search(key)), None)
        if name is not None and name not in columns:
            columns[name] = index
    return columns


def implicit_layout(section: Section, cells: int) -> tuple[str, tuple[str, ...]] | None:
    """The kind and columns of a numbered row met with no header row above it."""
    if section is Section.GRS and cells >= len(LADDER_LAYOUT):
        return "ladder", LADDER_LAYOUT
    if section in (Section.SERVICES, Section.UNKNOWN) and cells >= _MIN_SERVICE_CELLS:
        superior = ("superior",) if cells > len(SERVICE_LAYOUT) else ()
        return "service", SERVICE_LAYOUT + superior
    return None


def filled_width(cells: list[str]) -> int:
    return max((i + 1 for i, cell in enumerate(cells) if cell), default=0)


def is_decoration(cells: list[str]) -> bool:
    """A row that carries nothing: the "(১) (২) (৩) ..." row under a header, or a rule."""
    filled = [cell for cell in cells if cell]
    if all(_RULE.fullmatch(cell) for cell in filled):
        return True
    numbers = [serial_number(cell) for cell in filled]
    return len(filled) >= 3 and numbers == list(range(1, len(filled) + 1))


def list_item(text: str) -> list[str] | None:
    """A numbered list line such as "১) ...", "২. ..." or "- ৩। ..." as [number, text]."""
    found = _LIST_ITEM.fullmatch(text)
    return [found.group(1), found.group(2).strip()] if found else None


def looks_like_unsplit_row(text: str) -> bool:
    """A numbered line with no tabs, where a table row was expected."""
    return bool(_UNSPLIT_ROW.match(text))


# --- the grievance ladder ----------------------------------------------------------------------

_ROLE_PATTERNS = (
    (LadderRole.APPEAL_OFFICER, re.compile(r"আপিল|appeal|appellate")),
    (LadderRole.CELL, re.compile(r"সেল|মন্ত্রিপরিষদ|মন্ত্রীপরিষদ|cabinet|\bcell\b")),
    (LadderRole.GRO, re.compile(r"অনিক|অভিযোগ\s*নিষ্পত্তি|\bgro\b|grievance redress")),
)
_ROLE_WORDS = re.compile(
    r"অভিযোগ\s*নিষ্পত্তি\s*কর্মকর্তা\s*(?:\(\s*অনিক\s*\))?|আপিল\s*কর্মকর্তা|"
    r"মন্ত্রিপরিষদ\s*বিভাগের\s*অভিযোগ\s*ব্যবস্থাপনা\s*সেল"
)


def role_of(who: str) -> LadderRole | None:
    """The rung a grievance row's "কার সঙ্গে যোগাযোগ করবেন" cell names.

    Read from this cell alone: the "when" cell of the appeal row also names the GRO.
    """
    key = match_key(who)
    return next((role for role, pattern in _ROLE_PATTERNS if pattern.search(key)), None)


def without_role(who: str) -> str:
    """The cell with the rung's title taken out, leaving any officer it names."""
    return _ROLE_WORDS.sub(" ", who).strip(" ,;:-")


# --- the office block at the top ---------------------------------------------------------------

_GOVERNMENT = re.compile(r"গণপ্রজাতন্ত্রী|people'?s republic|government of", re.IGNORECASE)
_OFFICE_WORD = re.compile(
    r"কার্যালয়|অধিদপ্তর|অধিদফতর|দপ্তর|দফতর|অফিস|মন্ত্রণালয়|শাখা|সংস্থা|কর্তৃপক্ষ|পরিষদ|বোর্ড|"
    r"office|directorate|ministry|department",
    re.IGNORECASE,
)
_DOMAIN = re.compile(r"(?:https?://)?[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}(?:/\S*)?")
_HEADER_LINES = 6  # the office block is a few short lines; more means it was not there
_HEADER_LINE_CHARS = 100


def office_header(lines: list[str]) -> tuple[str | None, str | None, str | None]:
    """Office name, address and website from the lines above the charter's title.

    Comma-separated parts naming an office ("উপজেলা কার্যালয়", "... অধিদপ্তর") make the name,
    the other parts (places) the address, whichever line they are printed on.
    """
    block = _header_block(lines)
    websites = [site for text in block if (site := _website(text))]
    rows = [_pieces(t) for t in block if not _website(t) and not _GOVERNMENT.search(t)]
    pieces = [piece for row in rows for piece in row]
    office = [piece for piece in pieces if _OFFICE_WORD.search(piece)]
    place = [piece for piece in pieces if not _OFFICE_WORD.search(piece)]
    if not office and rows:
        # No word like "কার্যালয়": the first line names the office, as on a letterhead.
        office, place = rows[0], [piece for row in rows[1:] for piece in row]
    return ", ".join(office) or None, ", ".join(place) or None, next(iter(websites), None)


def _header_block(lines: list[str]) -> list[str]:
    block: list[str] = []
    for line in lines:
        text = clean_text(line)
        if not text:
            continue
        too_long = len(text) > _HEADER_LINE_CHARS or len(block) == _HEADER_LINES
        if "\t" in line or too_long or heading_of(text) is not None:
            break
        block.append(text)
    return block


def _website(text: str) -> str | None:
    for word in text.split():
        word = word.strip(",;।()<>")
        if "@" not in word and _DOMAIN.fullmatch(word):
            return word
    return None


def _pieces(text: str) -> list[str]:
    return [piece for part in text.split(",") if (piece := part.strip(" ।.;:"))]
