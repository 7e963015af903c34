"""Every officer and administration route, for every kind of visitor: nothing leaks.

The routes come from the app's URL map, so a route added later is checked here too; a route
with a parameter the matrix does not know fails until the matrix learns it. Subjects: the
case's own GRO, an officer of another office, officers of other tiers, the alternate while the
holder is absent and while not, a service officer, an administrator, a disabled account and
nobody logged in. A case a subject may not see is a 404, exactly like one that does not exist.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pytest
from flask import url_for
from sqlalchemy import func, select

from grs.db.models import (
    Absence,
    Attachment,
    BlacklistEntry,
    Case,
    HolidayChange,
    Office,
    Officer,
    OfficeTierDuration,
    Post,
    Service,
)
from grs.services import accounts
from grs.services import organisation as org
from grs.services.case_changes import Actor
from tests.support import build_ladder, do, lodge_case
from tests.web.officer_support import is_login_redirect, logged_in, token

SECRET = "গোপন-বিষয়-৭৩১"  # the probed cases' subject: must never reach a refused visitor
PUBLIC = {"officer.login"}
LAST = ("officer.logout",)  # logs the subject out: checked after every other route


@dataclass(frozen=True)
class Subject:
    name: str
    username: str | None  # None: nobody logged in
    # A: a tier-1 case of UPZ; B: a UPZ case with the appeal officer (tier 2); C: a case UPZ's
    # GRO accepted and then forwarded to UPZ2
    probe: str = "A"
    case: str = "none"  # none | read (handled earlier: the case page only, no action) | view | act
    admin: bool = False
    absent: str | None = None  # an officer away today
    disabled: bool = False
    upz: bool = False  # holds a post at UPZ: may enter complaints for it
    enters: bool = True  # acts for a post of an office (not the cell): may enter complaints
    reports: bool = True  # a grievance post, the cell or an administrator: reads some reports
    reads_upz: bool = False  # may read UPZ's reports and charter review
    enters_review: bool = False  # may enter UPZ's charter review
    asked: bool = False  # the case awaits this officer's opinion or report: may answer
    was_asked: bool = False  # asked once, answered or taken back since: told so plainly (409)
    blacklist: str = "none"  # none | gro (proposes for UPZ) | appeal (decides for UPZ)


SUBJECTS = [
    Subject("logged out", None),
    Subject("disabled account", "gro_upz", disabled=True),
    Subject(
        "own office GRO",
        "gro_upz",
        case="act",
        upz=True,
        reads_upz=True,
        enters_review=True,
        blacklist="gro",
    ),
    Subject("other office GRO", "gro_upz2"),
    Subject(
        "other tier: appeal officer on a tier-1 case", "ao_dist", reads_upz=True, blacklist="appeal"
    ),
    Subject(
        "other tier: GRO once the case is with the appeal officer",
        "gro_upz",
        "B",
        upz=True,
        reads_upz=True,
        enters_review=True,
        blacklist="gro",
    ),
    Subject(
        "appeal officer on a tier-2 case",
        "ao_dist",
        "B",
        case="act",
        reads_upz=True,
        blacklist="appeal",
    ),
    Subject("other tier: cell", "cell", enters=False, reads_upz=True),
    Subject("other tier: directorate GRO", "gro_dir", reads_upz=True),
    Subject(
        "alternate, holder present",
        "alt_upz",
        case="view",
        upz=True,
        reads_upz=True,
        enters_review=True,
    ),
    Subject(
        "alternate, holder absent",
        "alt_upz",
        case="act",
        absent="gro_upz",
        upz=True,
        reads_upz=True,
        enters_review=True,
        blacklist="gro",
    ),
    Subject("service officer", "ict_upz", upz=True, reports=False),
    Subject(
        "handled earlier: GRO after forwarding",
        "gro_upz",
        "C",
        case="read",
        upz=True,
        reads_upz=True,
        enters_review=True,
        blacklist="gro",
    ),
    Subject("new office's GRO on the forwarded case", "gro_upz2", "C", case="act"),
    Subject("administrator", "admin", admin=True, enters=False, reads_upz=True),
    # D: an opinion asked of the service officer; E: given; H: taken back. F: an investigation
    # naming another office's GRO; G: its report submitted.
    Subject(
        "opinion giver while asked",
        "ict_upz",
        "D",
        case="read",
        asked=True,
        upz=True,
        reports=False,
    ),  # fmt: skip
    Subject(
        "opinion giver once answered", "ict_upz", "E", upz=True, reports=False, was_asked=True
    ),  # fmt: skip
    Subject(
        "opinion giver once taken back", "ict_upz", "H", upz=True, reports=False, was_asked=True
    ),  # fmt: skip
    Subject(
        "investigator of another office while open", "gro_upz2", "F", case="read", asked=True
    ),  # fmt: skip
    Subject("investigator after the report", "gro_upz2", "G", was_asked=True),
]


@dataclass
class World:
    cases: dict[str, Case]
    attachments: dict[str, int]


@pytest.fixture
def world(rt) -> World:
    build_ladder(rt)
    cases = {
        "A": lodge_case(rt, subject=SECRET),
        "B": lodge_case(rt, subject=SECRET, against="gro"),  # starts with the appeal officer
        "C": _forwarded(rt),
        **_asked_probes(rt),
    }
    with rt.db.read_session() as s:
        at = s.get(Office, cases["B"].current_office_id)
        assert (cases["A"].tier, cases["B"].tier, at.code) == (1, 2, "DIST")
    return World(cases, {key: _attach(rt, case) for key, case in cases.items()})


def _forwarded(rt) -> Case:
    case = lodge_case(rt, subject=SECRET)
    with rt.db.read_session() as s:
        gro = Actor("officer", org.officer_by_username(s, "gro_upz"))
    do(rt, case.tracking_number, "accept", gro)
    return do(rt, case.tracking_number, "forward", gro, target_office="UPZ2")


def _asked_probes(rt) -> dict[str, Case]:
    with rt.db.read_session() as s:
        gro, ict, upz2 = (Actor("officer", org.officer_by_username(s, name))
                          for name in ("gro_upz", "ict_upz", "gro_upz2"))  # fmt: skip
        service = s.scalar(select(Service).where(Service.responsible_post_id.is_not(None)))
    probes = {}
    for key in "DEHFG":
        case = lodge_case(rt, subject=SECRET, service_id=service.id if service else None)
        do(rt, case.tracking_number, "accept", gro)
        if key in "DEH":
            chosen = "UPZ/ict_officer"
            case = do(rt, case.tracking_number, "request_opinion", gro, asked_post=chosen)
        else:
            case = do(rt, case.tracking_number, "start_investigation", gro,
                      investigators=("UPZ2/gro",))  # fmt: skip
        if key == "E":
            case = do(rt, case.tracking_number, "give_opinion", ict, note="মত")
        if key == "H":
            case = do(rt, case.tracking_number, "withdraw_opinion_request", gro)
        if key == "G":
            report = "প্রতিবেদন"
            case = do(rt, case.tracking_number, "submit_investigation_report", upz2, note=report)
        probes[key] = case
    return probes


def _attach(rt, case: Case) -> int:
    directory = rt.settings.path(rt.settings.upload_dir)
    directory.mkdir(parents=True, exist_ok=True)
    name = f"{case.tracking_number}.pdf"
    (directory / name).write_bytes(b"%PDF-1.4\n%%EOF\n")
    with rt.db.write() as s:
        row = Attachment(
            case_id=case.id,
            stored_name=name,
            original_name="a.pdf",
            content_type="application/pdf",
            size=15,
            sha256="0" * 64,
            uploaded_at=datetime(2026, 11, 23, tzinfo=UTC),
            uploaded_by="citizen",
        )
        s.add(row)
        s.flush()
        return row.id


def routes(app) -> list[tuple[str, str, frozenset[str]]]:
    """(endpoint, method, arguments) of every officer and administration route."""
    found = [
        (rule.endpoint, method, frozenset(rule.arguments))
        for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in ("officer", "admin")
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"})
    ]
    return sorted(found, key=lambda r: (r[0] in LAST, r[0], r[1]))


def test_the_matrix_knows_every_route(app):
    endpoints = {endpoint for endpoint, _, _ in routes(app)}
    assert {"officer.queue", "officer.case", "officer.act", "officer.attachment"} <= endpoints
    assert {"admin.holidays", "admin.change", "admin.officers", "admin.set_active"} <= endpoints
    assert len(endpoints) >= 20


def _url(app, endpoint: str, arguments: frozenset[str], world: World, subject: Subject) -> str:
    values = {
        "tracking": world.cases[subject.probe].tracking_number,
        "attachment_id": world.attachments[subject.probe],
        "code": "UPZ",
        "post_code": "gro",
        "username": "ict_upz",
        "service_id": 999_999,  # no such service: the administrator is told so
        "fmt": "xlsx",
        "item": "training",
        "entry_id": 1,  # no review entry exists
        "absence_id": 999_999,  # no such absence: an administrator is told so (404)
        "blacklist_id": 999_999,  # no such blacklist entry: 404 for everyone
    }
    unknown = arguments - set(values)
    assert not unknown, f"{endpoint}: teach the access matrix about {sorted(unknown)}"
    with app.test_request_context():
        return url_for(endpoint, **{k: values[k] for k in arguments})


def _form(endpoint: str, subject: Subject, world: World) -> dict[str, str]:
    if endpoint == "officer.act":
        version = str(world.cases[subject.probe].version)
        return {"action": "accept", "expected_version": version, "note": ""}
    if endpoint == "officer.lodge":
        return {"office_code": "UPZ", "channel": "paper", "complaint_type": "citizen",
                "subject": "s", "details": "d", "name": "n", "mobile": "01711234567"}  # fmt: skip
    return {}


def _expected(endpoint: str, method: str, arguments: frozenset[str], subject: Subject, response):
    status = response.status_code
    where = f"{subject.name}: {method} {endpoint} -> {status}"
    if subject.username is None or subject.disabled:
        assert is_login_redirect(response), where
    elif endpoint.startswith("admin."):
        if not subject.admin:
            assert status == 403, where
        elif method == "GET":
            assert status == 200, where
        elif "absence_id" in arguments:  # the probe names no absence
            assert status == 404, where
        else:
            assert status in (200, 302, 400), where
    elif endpoint == "officer.answer":  # nothing sent: an empty answer, refused as such
        # The case's own officers are told they were not asked; strangers learn nothing.
        seen = 403 if subject.case in ("read", "view", "act") else 404
        assert status == (400 if subject.asked else 409 if subject.was_asked else seen), where
    elif "tracking" in arguments:
        if subject.case == "none":
            assert status == 404, where
        elif subject.case == "read":  # the page and its files; acting is as for a stranger
            assert status == (404 if endpoint == "officer.act" else 200), where
        elif endpoint == "officer.act":
            assert status == (302 if subject.case == "act" else 403), where
        else:
            assert status == 200, where
    elif endpoint == "officer.logout":
        assert is_login_redirect(response), where
    elif endpoint in BLACKLIST:
        assert status == _blacklist_status(endpoint, subject), where
    elif endpoint in MONITORING:
        assert status == _monitoring_status(endpoint, subject), where
    elif endpoint == "officer.lodge":
        assert status == (200 if subject.upz else 400 if subject.enters else 403), where
    elif endpoint == "officer.lodge_form":
        assert status == (200 if subject.enters else 403), where
    elif endpoint == "officer.queue" and subject.admin:  # an administrator without a post
        assert status == 302 and response.headers["Location"] == "/officer/admin/", where
    elif method == "GET":
        assert status == 200, where
    else:
        assert status in (302, 400), where
    if status in (302, 403, 404) and subject.case == "none":
        assert SECRET not in response.get_data(as_text=True), f"leak: {where}"


# Reports, dashboards and the charter review: who reads which office (the probe office is UPZ).
MONITORING = {
    "officer.reports_home", "officer.reviews_home", "officer.dashboard", "officer.report",
    "officer.report_export", "officer.decisions_export", "officer.review", "officer.review_export",
    "officer.review_enter", "officer.review_evidence", "officer.chart_styles",
}  # fmt: skip


def _monitoring_status(endpoint: str, subject: Subject) -> int:
    if endpoint == "officer.chart_styles":
        return 200
    if endpoint == "officer.review_evidence":
        return 404  # there is none
    if endpoint in ("officer.reports_home", "officer.reviews_home"):
        return 302 if subject.reports else 404
    if endpoint == "officer.dashboard":
        return 200 if subject.reports else 404
    if endpoint == "officer.review_enter":  # no date and no evidence sent
        return 400 if subject.reads_upz or subject.enters_review else 404
    return 200 if subject.reads_upz or subject.enters_review else 404


# An office's blacklist (the probe office is UPZ): its GRO and its appeal officer, nobody else.
BLACKLIST = {
    "officer.blacklist_office", "officer.blacklist_propose", "officer.blacklist_decide",
    "officer.blacklist_lift",
}  # fmt: skip


def _blacklist_status(endpoint: str, subject: Subject) -> int:
    if endpoint in ("officer.blacklist_decide", "officer.blacklist_lift"):
        return 404  # the probe names no entry, and only the appeal officer may look for one
    if endpoint == "officer.blacklist_propose":  # sent without contact or reason
        return 400 if subject.blacklist == "gro" else 404
    return 200 if subject.blacklist != "none" else 404


def _fingerprint(rt) -> tuple:
    """What a refused request must leave as it was."""
    with rt.db.read_session() as s:
        cases = tuple(s.execute(select(Case.id, Case.state, Case.version).order_by(Case.id)))
        posts = tuple(s.execute(select(Post.id, Post.holder_id, Post.alternate_post_id)))
        active = tuple(s.execute(select(Officer.id, Officer.active).order_by(Officer.id)))
        counts = tuple(
            s.scalar(select(func.count()).select_from(model))
            for model in (
                Office,
                Service,
                OfficeTierDuration,
                Absence,
                HolidayChange,
                BlacklistEntry,
            )
        )
    return cases[:3], tuple(sorted(posts)), active, counts, len(cases)


def _client(app, rt, subject: Subject):
    if subject.absent:
        with rt.db.write() as s:
            officer = org.officer_by_username(s, subject.absent)
            org.add_absence(s, officer, date(2026, 11, 20), date(2026, 11, 30), "ছুটি")
    if subject.username is None:
        return app.test_client()
    client = logged_in(app, subject.username)
    if subject.disabled:
        with rt.db.write() as s:
            accounts.set_active(s, org.officer_by_username(s, subject.username), False)
    return client


@pytest.mark.parametrize("subject", SUBJECTS, ids=lambda s: s.name)
def test_no_route_leaks(app, rt, world, subject):
    client = _client(app, rt, subject)
    signed_in = subject.username is not None and not subject.disabled
    csrf = token(client, "/officer/password" if signed_in else "/officer/login")
    before = _fingerprint(rt)
    checked = 0
    for endpoint, method, arguments in routes(app):
        if endpoint in PUBLIC:
            continue
        url = _url(app, endpoint, arguments, world, subject)
        if method == "GET":
            response = client.get(url)
        else:
            response = client.post(
                url, data={"csrf_token": csrf, **_form(endpoint, subject, world)}
            )
        _expected(endpoint, method, arguments, subject, response)
        checked += 1
    assert checked >= 20
    after = _fingerprint(rt)
    if subject.admin:
        return  # an administrator's POSTs change the organisation on purpose
    cases_before, *rest_before, count_before = before
    cases_after, *rest_after, count_after = after
    assert rest_after == rest_before, "a refused request changed the organisation"
    probed = world.cases[subject.probe].id
    for (case_id, state, version), (_, state_now, version_now) in zip(
        cases_before, cases_after, strict=True
    ):
        changed = (state, version) != (state_now, version_now)
        assert changed == (case_id == probed and subject.case == "act"), subject.name
    assert count_after == count_before + (1 if subject.upz else 0)  # the one lodged complaint
