"""A code reads the same to the citizen and to the officer, in Bangla and in English: the
workflow's codes as the workflow file words them, the others from one shared catalog."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po

from grs.workflow.reading import load_workflow
from tests.support import build_ladder, do, lodge_case
from tests.web.officer_support import logged_in, post
from tests.web.test_citizen_support import open_case

ROOT = Path(__file__).resolve().parents[2]
WEB = ROOT / "web"
CATALOGS = {
    "shared": WEB / "translations/bn/LC_MESSAGES/messages.po",
    "citizen": WEB / "citizen/translations/bn/LC_MESSAGES/messages.po",
    "officer": WEB / "officer/translations/bn/LC_MESSAGES/messages.po",
}
GRO = "gro_upz"
BUTTON = re.compile(r'<button type="submit" class="(\w*)">([^<]+)</button>')
STEPS = {
    "new": [],
    "info_requested": [("request_info", {"note": "দলিলের কপি দিন"})],
    "resolved": [("resolve", {"closure_reason": "service_given", "note": "দেওয়া হয়েছে"})],
    "closed": [
        ("resolve", {"closure_reason": "answer_accepted", "note": "ব্যাখ্যা"}),
        ("accept_outcome", {}),
    ],
}


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def _case_in(rt, ladder, state: str) -> str:
    tracking = lodge_case(rt).tracking_number
    for trigger, args in STEPS[state]:
        who = (ladder.officer(GRO),) if rt.workflow.triggers[trigger].by == "officer" else ()
        do(rt, tracking, trigger, *who, **args)
    return tracking


def _pages(app, tracking: str, lang: str) -> tuple[str, str]:
    citizen = app.test_client()
    open_case(citizen, tracking)
    mine = citizen.get(f"/track/case?lang={lang}").get_data(as_text=True)
    officer = logged_in(app, GRO).get(f"/officer/cases/{tracking}?lang={lang}")
    return mine, officer.get_data(as_text=True)


@pytest.mark.parametrize("lang", ["bn", "en"])
@pytest.mark.parametrize("state", list(STEPS))
def test_a_state_reads_the_same_to_the_citizen_and_the_officer(app, rt, ladder, state, lang):
    mine, officers = _pages(app, _case_in(rt, ladder, state), lang)
    citizen_badge = re.search(r'<span class="state-badge">([^<]+)</span>', mine)
    officer_badge = re.search(rf'<span class="badge state-{state}">([^<]+)</span>', officers)
    assert citizen_badge and officer_badge
    expected = rt.workflow.state_specs[state].label.in_language(lang)
    assert citizen_badge.group(1) == officer_badge.group(1) == expected


@pytest.mark.parametrize("lang", ["bn", "en"])
def test_a_closure_reason_and_the_lodging_read_the_same_on_both_sides(app, rt, ladder, lang):
    mine, officers = _pages(app, _case_in(rt, ladder, "resolved"), lang)
    reason = rt.workflow.closure_labels["service_given"].in_language(lang)
    lodged = {"bn": "অভিযোগ দাখিল হয়েছে", "en": "Complaint lodged"}[lang]
    for page in (mine, officers):
        assert reason in page and lodged in page


@pytest.mark.parametrize(
    ("lang", "you", "them"), [("bn", "আপনি", "অভিযোগকারী"), ("en", "You", "Complainant")]
)
def test_the_complainant_reads_their_own_entries_as_theirs(app, rt, ladder, lang, you, them):
    mine, officers = _pages(app, _case_in(rt, ladder, "resolved"), lang)
    assert f"({you})" in mine and f"({them})" not in mine
    assert them in officers


def test_the_officer_is_told_what_was_done_in_the_workflow_words(app, rt, ladder):
    tracking = lodge_case(rt).tracking_number
    client = logged_in(app, GRO)
    page = client.get(f"/officer/cases/{tracking}").get_data(as_text=True)
    version = re.search(r'name="expected_version" value="(\d+)"', page)
    assert version
    data = {"action": "accept", "expected_version": version.group(1)}
    post(client, f"/officer/cases/{tracking}/act?lang=en", data)
    done = client.get(f"/officer/cases/{tracking}").get_data(as_text=True)
    assert "Done: " + rt.workflow.triggers["accept"].done.en + "." in done


def test_the_action_forms_follow_what_each_trigger_needs_and_takes(app, rt, ladder):
    rt.workflow = replace(rt.workflow, opinion_days=12)
    tracking = _case_in(rt, ladder, "new")
    do(rt, tracking, "accept", ladder.officer(GRO))
    page = logged_in(app, GRO).get(f"/officer/cases/{tracking}?lang=en").get_data(as_text=True)
    assert "(default: 12)" in page  # the workflow's own, not a number in a template
    for label in rt.workflow.closure_labels.values():
        assert f">{label.en}</option>" in page
    assert re.search(r'name="target_office" value="" required', page)  # forward needs it
    days = re.search(r'name="opinion_days"[^>]*>', page)
    assert days and "required" not in days.group(0)  # request_opinion only takes it
    styles = {words: style for style, words in BUTTON.findall(page)}
    shown = [spec for spec in rt.workflow.triggers.values() if spec.label.en in styles]
    for spec in shown:
        assert styles[spec.label.en] == ("danger" if spec.grave else ""), spec.name
    assert {spec.grave for spec in shown} == {True, False}


def _used(method_map: list[tuple[str, str]]) -> set[str]:
    keywords = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None}
    found = extract_from_dir(str(WEB), method_map=method_map, keywords=keywords)
    return {message for _file, _line, message, _comments, _context in found}


def _catalog(part: str) -> dict[tuple[str | None, str], str]:
    with CATALOGS[part].open("rb") as handle:
        return {(m.context, m.id): m.string for m in read_po(handle) if m.id}


def test_the_shared_catalog_holds_exactly_the_shared_messages_in_bangla():
    used = _used([("*.py", "python"), ("templates/**.html", "jinja2")])
    translated = {key[1]: words for key, words in _catalog("shared").items() if words}
    assert sorted(used - set(translated)) == []
    assert sorted(set(translated) - used) == []


def test_no_other_catalog_words_a_shared_message_otherwise():
    """The catalogs are merged into one: a page's own translation of the same English would
    replace the shared one on every page."""
    shared = _catalog("shared")
    for part in ("citizen", "officer"):
        for key, words in _catalog(part).items():
            assert shared.get(key, words) == words, (part, key)


def test_the_citizen_catalog_keeps_no_message_the_citizen_pages_do_not_use():
    used = _used([("citizen/**.py", "python"), ("citizen/templates/**.html", "jinja2")])
    assert sorted({key[1] for key in _catalog("citizen")} - used) == []


def test_no_template_names_a_state_or_an_action():
    """Templates ask the workflow; a state or trigger written in one would miss a new ladder."""
    workflow = load_workflow(ROOT / "workflows/grs_ladder.toml")
    names = "|".join(sorted(set(workflow.states) | set(workflow.triggers)))
    quoted = re.compile(rf"""["']({names})["']""")
    found = [
        f"{path.relative_to(ROOT)}: {match}"
        for path in sorted(WEB.rglob("*.html"))
        for match in quoted.findall(path.read_text(encoding="utf-8"))
    ]
    assert found == []
