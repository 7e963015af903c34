"""Everything an officer reads has a Bangla translation, with the same placeholders."""

from __future__ import annotations

import re
from pathlib import Path

from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "web/officer/translations/bn/LC_MESSAGES/messages.po"
PLACEHOLDER = re.compile(r"%\(\w+\)s")


def used_messages() -> set[str]:
    method_map = [
        ("web/officer/**.py", "python"),
        ("web/auth.py", "python"),
        ("web/officer/templates/**.html", "jinja2"),
    ]
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = extract_from_dir(str(ROOT), method_map=method_map, keywords=keywords)
    return {message for _file, _line, message, _comments, _context in found}


def catalog() -> dict[str, str]:
    with CATALOG.open("rb") as handle:
        return {m.id: m.string for m in read_po(handle) if m.id}


def test_every_message_has_a_bangla_translation():
    translations = catalog()
    missing = sorted(m for m in used_messages() if not translations.get(m))
    assert not missing, f"add Bangla for: {missing}"


def test_no_translation_is_left_over():
    unused = sorted(set(catalog()) - used_messages())
    assert not unused, f"no longer used: {unused}"


def test_placeholders_survive_translation():
    for english, bangla in catalog().items():
        assert sorted(PLACEHOLDER.findall(english)) == sorted(PLACEHOLDER.findall(bangla)), english


def test_no_officer_form_leaves_its_messages_to_the_browser():
    """The browser's own checks speak its language, not the page's: every officer and
    administrator form is checked on the server, whose messages are translated."""
    templates = sorted((ROOT / "web/officer/templates").rglob("*.html"))
    forms = [
        (path.name, tag)
        for path in templates
        for tag in re.findall(r"<form\b[^>]*>", path.read_text(encoding="utf-8"))
    ]
    assert len(forms) > 10
    assert [(name, tag) for name, tag in forms if "novalidate" not in tag] == []
