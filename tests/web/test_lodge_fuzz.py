"""2,000 generated submissions of the lodge form, posted straight to the final submit: never a
server error, exactly one case for each valid one, and not a single row for an invalid one.

Whether a submission is valid is decided here from the form's rules, written independently of
the code under test. The test runs on SQLite only: it checks the web layer's parsing, and one
database is enough for that; both databases are covered by the other web tests.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import build_ladder
from tests.web.test_citizen_support import counts, token

TODAY = date(2026, 11, 23)  # the test clock's day
OFFICES = ["UPZ", "UPZ2", "DIST", "NOPE", "CELL", "upz", "UPZ%00", "x" * 70]
LODGEABLE = {"UPZ", "UPZ2", "DIST"}
LIMITS = {"subject": 300, "details": 10_000, "remedy_sought": 5_000, "name": 200,
          "address": 1_000, "on_behalf_of": 200, "email": 200}  # fmt: skip
BN_DIGITS = str.maketrans("০১২৩৪৫৬৭৮৯", "0123456789")
MOBILE = re.compile(r"(?:\+?88)?01[3-9][0-9]{8}")
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
DATES = {
    "": True, "2026-11-20": True, "20/11/2026": True, "২০২৬-১১-২০": True, "2026-11-23": True,
    "0001-01-01": True, "2015-03-01": True, "2026-11-24": False, "9999-12-31": False,
    "2026-02-30": False, "garbage": False, "2026-1-5": True, "5.1.2026": True, "20261120": False,
}  # fmt: skip

nasty = st.sampled_from(
    ["", " ", "\x00", "\x00\x00a", "<script>alert(1)</script>", "' OR 1=1 --", "%(x)s %s",
     "{{7*7}}", "\u202eevil", "😀" * 5, "\r\n", "ক্ষ্ম", "\x85\x1f", "a\x00b"]
)  # fmt: skip
any_text = st.text(st.characters(codec="utf-8"), max_size=40)
words = st.text(st.sampled_from("abc কখগ০১২ \n"), min_size=1, max_size=40)


def _sized(limit: int) -> st.SearchStrategy[str]:
    """Texts around a field's limit (cheap to build, unlike 10,000 random characters)."""
    return st.builds(
        lambda ch, n: ch * n,
        st.sampled_from(["a", "ক", " ", "\x00"]),
        st.integers(limit - 2, limit + 2),
    )


def _field(limit: int) -> st.SearchStrategy[str]:
    return st.one_of(words, nasty, any_text, _sized(limit))


MOBILES = st.one_of(
    st.sampled_from(["01711234567", "+8801711234567", "8801911234567", "০১৭১১২৩৪৫৬৭",
                     "017-1123-4567", "01211234567", "0171123456", "017112345678", "",
                     "017١٢٣٤٥٦٧٨", "01711 234 567", "(017)11234567"]),
    any_text,
)  # fmt: skip
EMAILS = st.one_of(
    st.sampled_from(["", "a@b.co", "name@example.com", "bad", "a@b", "a b@c.d", "@x.y"]),
    any_text,
    _sized(200).map(lambda s: s.replace(" ", "a") + "@x.com"),
)


def _random(service_ids: list[str]) -> dict[str, st.SearchStrategy[str]]:
    return {
        "office": st.sampled_from(OFFICES),
        "service_id": st.one_of(
            st.sampled_from(["", "abc", "99999999999999999999", "-1", "1.5", "০১"]),
            st.sampled_from(service_ids),
            any_text,
        ),
        "service_applied_on": st.one_of(
            st.sampled_from(sorted(DATES)), st.dates(date(2019, 1, 1), date(2027, 12, 31)).map(str)
        ),
        "service_decided": st.sampled_from(["", "yes", "no", "maybe", "YES"]),
        "complaint_type": st.sampled_from(["citizen", "office", "staff", "", "bogus"]),
        "against": st.sampled_from(["service", "gro", "appeal_officer", "", "cell"]),
        "on_behalf": st.sampled_from(["", "1", "on"]),
        "on_behalf_of": _field(200),
        "anonymous": st.sampled_from(["", "1", "yes"]),
        "subject": _field(300),
        "details": _field(10_000),
        "remedy_sought": _field(5_000),
        "name": _field(200),
        "mobile": MOBILES,
        "email": EMAILS,
        "address": _field(1_000),
    }


def _plausible(service_ids: list[str]) -> st.SearchStrategy[dict[str, str]]:
    """What a careful citizen sends: every field within the rules."""
    return st.fixed_dictionaries(
        {
            "office": st.just("UPZ"),
            "service_id": st.sampled_from(["", *service_ids]),
            "service_applied_on": st.sampled_from([d for d, ok in DATES.items() if ok]),
            "service_decided": st.sampled_from(["", "yes", "no"]),
            "complaint_type": st.sampled_from(["citizen", "office", "staff"]),
            "against": st.sampled_from(["service", "gro", "appeal_officer"]),
            "on_behalf": st.sampled_from(["", "1"]),
            "on_behalf_of": words,
            "anonymous": st.sampled_from(["", "1"]),
            "subject": words,
            "details": words,
            "remedy_sought": st.one_of(st.just(""), words),
            "name": words,
            "mobile": st.sampled_from(["01711234567", "+8801911234567", "০১৭১১২৩৪৫৬৭"]),
            "email": st.sampled_from(["", "name@example.com"]),
            "address": st.one_of(st.just(""), words),
        }
    )


def _submission(service_ids: list[str]) -> st.SearchStrategy[dict[str, str]]:
    """A third careful, a third careful but for one field, a third anything at all. (The
    strategies are built once: building them for every example would triple the run time.)"""
    anything = _random(service_ids)
    careful = _plausible(service_ids)
    fields = st.sampled_from(sorted(anything))

    @st.composite
    def one_off(draw: st.DrawFn) -> dict[str, str]:
        data = draw(careful)
        field = draw(fields)
        data[field] = draw(anything[field])
        return data

    return st.one_of(careful, one_off(), st.fixed_dictionaries(anything))


# Every control character (Unicode category Cc) but tab and line ends; a table, for speed.
DROPPED = {
    code: None
    for code in range(0x10000)
    if unicodedata.category(chr(code)) == "Cc" and chr(code) not in "\t\n\r"
}


def _clean(text: str) -> str:
    """The form's rule: control characters other than tab and line ends are dropped, then the
    text is trimmed."""
    return text.translate(DROPPED).strip()


def _date_ok(text: str) -> bool:
    value = _clean(text)
    if value in DATES:
        return DATES[value]
    return date.fromisoformat(value) <= TODAY  # generated ISO dates


def _service_ok(text: str, office: str, ids: dict[str, set[int]]) -> bool:
    value = _clean(text).translate(BN_DIGITS)
    if not value:
        return True
    return bool(re.fullmatch(r"[0-9]{1,9}", value)) and int(value) in ids.get(office, set())


def _person_ok(data: dict[str, str]) -> bool:
    name, mobile, email = _clean(data["name"]), _clean(data["mobile"]), _clean(data["email"])
    compact = re.sub(r"[\s\-()]", "", mobile.translate(BN_DIGITS))
    return (
        0 < len(name) <= LIMITS["name"]
        and MOBILE.fullmatch(compact) is not None
        and len(email) <= LIMITS["email"]
        and (not email or EMAIL.fullmatch(email) is not None)
        and len(_clean(data["address"])) <= LIMITS["address"]
    )


def expected_valid(data: dict[str, str], ids: dict[str, set[int]]) -> bool:
    behalf = _clean(data["on_behalf_of"])
    return (
        not any("\x00" in value for value in data.values())  # a NUL anywhere: refused, 400
        and data["office"] in LODGEABLE
        and 0 < len(_clean(data["subject"])) <= LIMITS["subject"]
        and 0 < len(_clean(data["details"])) <= LIMITS["details"]
        and len(_clean(data["remedy_sought"])) <= LIMITS["remedy_sought"]
        and data["complaint_type"] in ("citizen", "office", "staff")
        and data["against"] in ("service", "gro", "appeal_officer")
        and data["service_decided"] in ("", "yes", "no")
        and _service_ok(data["service_id"], data["office"], ids)
        and _date_ok(data["service_applied_on"])
        and (data["on_behalf"] != "1" or 0 < len(behalf) <= LIMITS["on_behalf_of"])
        and (data["anonymous"] == "1" or _person_ok(data))
    )


# SQLite only, on purpose (see the module's docstring): 2,000 requests on one client.
@pytest.mark.parametrize("database_url", ["sqlite"], indirect=True)
def test_two_thousand_generated_submissions(client, rt):
    ladder = build_ladder(rt)
    ids = {"UPZ": {s.id for s in ladder.services.values()}}
    service_ids = sorted(str(i) for i in ids["UPZ"])
    csrf = token(client)
    seen = {"valid": 0, "invalid": 0}

    @settings(
        max_examples=2000,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(_submission(service_ids))
    def submit(data: dict[str, str]) -> None:
        before = counts(rt)
        form = {k: v for k, v in data.items() if k != "office"} | {"csrf_token": csrf}
        response = client.post(f"/lodge/{data['office']}/submit", data=form)
        after = counts(rt)
        assert response.status_code < 500, response.get_data(as_text=True)[:2000]
        if expected_valid(data, ids):
            seen["valid"] += 1
            assert response.status_code == 303, response.get_data(as_text=True)[-3000:]
            assert after[0] == before[0] + 1 and after[2] == before[2]
        else:
            seen["invalid"] += 1
            assert 400 <= response.status_code < 500
            assert after == before

    submit()
    assert seen["valid"] + seen["invalid"] >= 2000
    assert seen["valid"] >= 50 and seen["invalid"] >= 500  # both kinds were really tried
