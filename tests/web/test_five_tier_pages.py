"""The pages follow the workflow file: with a fifth tier and one more citizen action, written
only in tests/workflows/five_tiers.toml, every page names the new tier and offers the new action,
in Bangla and in English."""

from __future__ import annotations

import re
from datetime import date

import pytest

from grs.services.escalation import sweep
from tests.support import build_ladder, load, lodge_case
from tests.web.officer_support import logged_in
from tests.web.test_citizen_support import case_action, open_case, text

DIVISION = {"en": "Divisional grievance officer", "bn": "বিভাগীয় অভিযোগ কর্মকর্তা"}
THREE = {"en": "3", "bn": "৩"}
REMINDER = {
    "en": ("Send a reminder", "Your reminder has been sent.", "You sent a reminder"),
    "bn": ("তাগিদ পাঠান", "আপনার তাগিদ পাঠানো হয়েছে।", "আপনি তাগিদ পাঠিয়েছেন"),
}
OFFICER_READS = {"en": "Complainant sent a reminder", "bn": "অভিযোগকারী তাগিদ দিয়েছেন"}
LANGUAGES = ["bn", "en"]


@pytest.fixture
def workflow_file() -> str:
    return "tests/workflows/five_tiers.toml"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


@pytest.fixture
def at_division(rt, clock, ladder) -> str:
    """A case moved up by the sweep from the GRO to the appeal officer, then to the division."""
    case = lodge_case(rt)
    for day in (date(2027, 1, 20), date(2027, 3, 1)):
        clock.set(day)
        sweep(rt, day)
    assert load(rt, case.tracking_number).tier == rt.workflow.tier_by_key("division").tier
    return case.tracking_number


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_home_page_lists_the_five_tiers(client, rt, lang):
    html = client.get(f"/?lang={lang}").get_data(as_text=True)
    steps = html.split('<ol class="ladder-steps">')[1].split("</ol>")[0]
    names = re.findall(r"<strong>([^<]+)</strong>", steps)
    assert names == [rt.workflow.tiers[n].name.in_language(lang) for n in sorted(rt.workflow.tiers)]
    assert len(names) == 5 and names[3] == DIVISION[lang]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_officer_sees_a_case_at_the_new_tier_by_its_name(app, at_division, lang):
    officer = logged_in(app, "gro_dir")
    queue = officer.get(f"/officer/?lang={lang}").get_data(as_text=True)
    assert f">{THREE[lang]} · {DIVISION[lang]}</td>" in queue  # the case's row
    assert re.search(rf'<option value="3" >{THREE[lang]} · {DIVISION[lang]}</option>', queue)
    page = officer.get(f"/officer/cases/{at_division}").get_data(as_text=True)
    assert f"{THREE[lang]} · {DIVISION[lang]}</span>" in page


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_citizen_sends_a_reminder_and_the_officer_reads_it(app, clock, at_division, lang):
    button, confirmation, history = REMINDER[lang]
    clock.advance(60)  # overdue at the division: an appeal is open too, with its own note
    citizen = app.test_client()
    open_case(citizen, at_division)
    html = citizen.get(f"/track/case?lang={lang}").get_data(as_text=True)
    ids = re.findall(r' id="([^"]+)"', html)
    assert html.count('name="note"') == 2 and len(ids) == len(set(ids))
    before = text(citizen.get("/track/case"))
    assert button in before and history not in before
    sent = case_action(citizen, "send_reminder", lang=lang, note="দুই মাস হয়ে গেল")
    assert sent.status_code == 303
    after = text(citizen.get("/track/case"))
    assert confirmation in after and history in after
    officer = logged_in(app, "gro_dir").get(f"/officer/cases/{at_division}?lang={lang}")
    assert OFFICER_READS[lang] in officer.get_data(as_text=True)
