"""The citizen pages as pages: the home page and its ladder, choosing an office, headers,
languages, translations, and the friendly answers to oversized or forged requests."""

from __future__ import annotations

from html.parser import HTMLParser
from io import BytesIO
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from tests.support import build_ladder, do, lodge_case
from tests.web.test_citizen_support import VALID, lodge_via_web, open_case, submit, text, token

WEB = Path(__file__).resolve().parents[2] / "web"


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


def test_home_explains_the_ladder_with_the_workflow_durations(client, rt, ladder):
    page = text(client.get("/?lang=en"))
    assert "Lodge a complaint" in page and "Follow a complaint" in page
    assert "Has 30 working days to decide." in page
    assert "If an investigation is needed, 10 more working days." in page
    assert "Has 20 working days to decide." in page and "Has 60 working days" in page
    assert "citizen charter" in page
    bangla = text(client.get("/?lang=bn"))
    assert "৩০ কার্যদিবস" in bangla and "২০ কার্যদিবস" in bangla and "৬০ কার্যদিবস" in bangla
    assert "অভিযোগ দাখিল করুন" in bangla


def test_bangla_is_the_default_and_english_is_one_click_away(client, ladder):
    page = client.get("/").get_data(as_text=True)
    assert '<html lang="bn">' in page and 'href="?lang=en"' in page
    english = client.get("/?lang=en").get_data(as_text=True)
    assert '<html lang="en">' in english
    # The choice sticks for the next page.
    assert '<html lang="en">' in client.get("/track").get_data(as_text=True)


def test_office_search_narrows_the_list_without_script(client, ladder):
    everything = text(client.get("/lodge?lang=en"))
    assert "Upazila 2" in everything and "Directorate" in everything
    assert "Cell" not in everything  # the cell takes appeals, not new complaints
    narrowed = client.get("/lodge?q=upazila+2").get_data(as_text=True)
    assert 'value="UPZ2"' in narrowed and 'value="DIR"' not in narrowed
    none = text(client.get("/lodge?lang=en&q=zzzz"))
    assert "No office matches “zzzz”" in none


def test_choosing_an_office_opens_its_form_with_services_by_category(client, ladder):
    response = client.get("/lodge?office=UPZ")
    assert response.status_code == 303 and response.headers["Location"].endswith("/lodge/UPZ")
    page = client.get("/lodge/UPZ?lang=en").get_data(as_text=True)
    assert '<optgroup label="Services to citizens">' in page
    assert "তথ্য প্রদান (3 working days)" in page
    for name in ("subject", "details", "mobile", "name", "email", "address", "on_behalf_of"):
        assert f'<label for="f-{name}">' in page
    assert client.get("/lodge/NOPE").status_code == 404
    assert client.get("/lodge/CELL").status_code == 404


@pytest.mark.parametrize(
    "path", ["/", "/lodge", "/lodge/UPZ", "/track", "/lodge?q=x", "/lodge/NOPE"]
)
def test_security_headers_on_every_citizen_page(client, ladder, path):
    response = client.get(path)
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


def test_case_pages_are_never_cached(client, ladder):
    lodge_via_web(client)
    for path in ("/lodged", "/track/case"):
        assert client.get(path).headers["Cache-Control"] == "no-store"


def test_no_inline_script_or_style_in_citizen_templates():
    for template in (WEB / "citizen" / "templates").rglob("*.html"):
        source = template.read_text(encoding="utf-8")
        assert "<script>" not in source and "<style" not in source and " style=" not in source
        assert " onclick=" not in source and "javascript:" not in source


def test_every_citizen_message_has_a_bangla_translation():
    """Every string the citizen pages can show is in Bangla, under the citizen pages' own
    context, so that another part's translation of the same English cannot replace it."""
    catalog = read_po((WEB / "citizen/translations/bn/LC_MESSAGES/messages.po").open("rb"))
    translated = {m.id for m in catalog if m.id and m.string and m.context == "citizen"}
    method_map = [("**.py", "python"), ("**/templates/**.html", "jinja2")]
    found = {
        message[2]
        for message in extract_from_dir(str(WEB / "citizen"), method_map)
        if isinstance(message[2], str)
    }
    assert len(found) > 200
    assert sorted(found - translated) == []


def test_the_words_for_codes_are_the_shared_ones_on_citizen_pages(client, rt):
    """The citizen pages' own catalog has a context of its own; the words for codes do not."""
    from web import labels

    with client.application.test_request_context("/?lang=bn"):
        assert labels.state_label("new") == "গ্রহণের অপেক্ষায়"
        assert labels.code_label("history", "lodge") == "অভিযোগ দাখিল হয়েছে"


def test_an_oversized_request_gets_a_friendly_413(client, ladder):
    limit = client.application.config["MAX_CONTENT_LENGTH"]
    body = {**VALID, "csrf_token": token(client), "details": "x"}
    big = b"%PDF-1.4\n" + b"0" * limit
    body["attachments"] = (BytesIO(big), "big.pdf")
    response = client.post(
        "/lodge/UPZ/submit?lang=en", data=body, content_type="multipart/form-data"
    )
    assert response.status_code == 413
    assert "Each file may be at most 5 MB" in text(response)


def test_a_form_without_its_csrf_token_is_refused(client, ladder):
    response = client.post("/lodge/UPZ/submit?lang=en", data=dict(VALID))
    assert response.status_code == 400
    assert "The form expired" in text(response)
    assert client.post("/track", data={"number": "1"}).status_code == 400


def test_the_language_switch_keeps_what_was_typed(client, ladder):
    data = {**VALID, "subject": "my subject", "csrf_token": token(client), "step": "edit"}
    page = client.post("/lodge/UPZ?lang=en", data=data).get_data(as_text=True)
    assert '<html lang="en">' in page and 'value="my subject"' in page
    assert "Please correct" not in page  # switching language is not a submission


def test_going_to_a_form_address_directly_never_fails(client, ladder):
    assert client.get("/lodge/UPZ/submit").status_code == 303
    assert client.get("/track/case/appeal").status_code == 405
    assert client.get("/lodged").status_code == 303  # no case opened: to the tracking form


class _Controls(HTMLParser):
    """Form controls, and the ids that a <label for=...> names."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "label" and values.get("for"):
            self.labelled.add(str(values["for"]))
        hidden = values.get("type") in ("hidden", "submit", "button")
        if tag in ("input", "select", "textarea") and not hidden:
            self.controls.append(values)


def _unlabelled(html: str) -> list[dict[str, str | None]]:
    parser = _Controls()
    parser.feed(html)
    return [c for c in parser.controls if c.get("id") not in parser.labelled]


def test_every_form_control_on_every_citizen_page_has_a_label(client, rt, ladder):
    pages = [client.get(path) for path in ("/", "/lodge", "/lodge/UPZ", "/track")]
    data = {**VALID, "csrf_token": token(client)}
    pages.append(client.post("/lodge/UPZ", data=data))  # the preview, with its file box
    pages.append(client.post("/lodge/UPZ", data={**data, "mobile": ""}))  # with errors
    tracking = lodge_via_web(client)
    pages.append(client.get("/lodged"))
    for steps in (["request_info"], ["resolve"], ["resolve", "accept_outcome"]):
        case = lodge_case(rt)
        for step in steps:
            officer = () if step == "accept_outcome" else (ladder.officer("gro_upz"),)
            do(rt, case.tracking_number, step, *officer, note="n", closure_reason="other")
        open_case(client, case.tracking_number)
        pages.append(client.get("/track/case"))
    assert tracking and len(pages) == 10
    for page in pages:
        html = page.get_data(as_text=True)
        assert _unlabelled(html) == [], html[:200]


def test_the_receipt_counts_a_holiday_on_a_friday_once(client, ladder):
    submit(client)
    page = text(client.get("/lodged"))  # lodged 23 Nov 2026: 30 days over 16 and 25 Dec
    assert "বাদ গেছে: ১২টি সাপ্তাহিক ছুটি (শুক্র ও শনিবার) এবং ১টি সরকারি ছুটি।" in page
    assert "সাপ্তাহিক ছুটির সঙ্গেই গোনা হয়েছে" in page


def test_continue_without_an_office_asks_for_one_and_lists_offices_that_wrap(client, ladder):
    page = client.get("/lodge").get_data(as_text=True)
    assert 'name="office" value="UPZ"' in page and "<select" not in page
    assert " checked" not in page  # nothing chosen for the citizen
    response = client.get("/lodge?picked=1&q=")
    assert response.status_code == 422
    assert "তালিকা থেকে দপ্তরটি বেছে নিন।" in text(response)
