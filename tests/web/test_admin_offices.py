"""Administration of offices: hierarchy, posts, holders, alternates, tier durations, services.
Every change is audited with the administrator and the time."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import select

from grs.db.models import AuditEntry, Office, OfficeAppealOfficer, OfficeTierDuration, Post, Service
from tests.support import build_ladder
from tests.web.officer_support import logged_in, post


@pytest.fixture
def ladder(rt):
    return build_ladder(rt)


@pytest.fixture
def admin(app, ladder):
    return logged_in(app, "admin")


def audited(rt) -> list[tuple[str, str, str]]:
    with rt.db.read_session() as s:
        rows = s.scalars(select(AuditEntry).where(AuditEntry.username == "admin"))
        return [(e.action, e.target, e.username) for e in rows if e.action != "login"]


def test_the_hierarchy_shows_each_office_under_the_one_above(admin):
    html = admin.get("/officer/admin/offices").text
    order = [html.index(f'<span class="hint code">{code}</span>') for code in
             ("CELL", "DIR", "DIST", "UPZ", "UPZ2")]  # fmt: skip
    assert order == sorted(order)
    assert 'class="depth-3"><a href="/officer/admin/offices/UPZ"' in html


def test_creating_an_office_gives_it_its_grievance_posts(admin, rt, caplog):
    caplog.set_level(logging.INFO, logger="grs.audit")
    data = {"code": "UPZ3", "name_bn": "তৃতীয় উপজেলা", "parent_code": "DIST", "kind": "office"}
    response = post(admin, "/officer/admin/offices", data, page="/officer/admin/offices")
    assert response.headers["Location"] == "/officer/admin/offices/UPZ3"
    with rt.db.read_session() as s:
        office = s.scalars(select(Office).where(Office.code == "UPZ3")).one()
        assert office.parent.code == "DIST"
        kinds = {p.kind for p in s.scalars(select(Post).where(Post.office_id == office.id))}
    # The grievance posts, and the citizen charter's focal point and its alternate.
    assert kinds == {"gro", "alternate_gro", "focal_point", "alternate_focal_point"}
    assert audited(rt) == [("office_saved", "office:UPZ3", "admin")]
    assert any("action=office_saved target=office:UPZ3" in r.message for r in caplog.records)


def test_an_office_cannot_be_put_below_itself(admin, rt):
    data = {"code": "DIST", "name_bn": "জেলা", "parent_code": "UPZ"}
    response = post(admin, "/officer/admin/offices", data, page="/officer/admin/offices")
    assert response.status_code == 400 and "নিজের বা তার অধীন" in response.text
    with rt.db.read_session() as s:
        assert s.scalars(select(Office).where(Office.code == "DIST")).one().parent.code == "DIR"
    assert audited(rt) == []


def test_assigning_a_holder_and_an_alternate(admin, rt):
    page = "/officer/admin/offices/UPZ"
    post(admin, "/officer/admin/offices/UPZ/posts/gro/holder", {"username": "gro_upz2"}, page)
    post(
        admin, "/officer/admin/offices/UPZ/posts/gro/alternate", {"alternate": "ict_officer"}, page
    )
    refused = post(
        admin, "/officer/admin/offices/UPZ/posts/gro/alternate", {"alternate": "gro"}, page
    )
    assert refused.status_code == 400
    with rt.db.read_session() as s:
        gro = s.scalars(
            select(Post).join(Office).where(Office.code == "UPZ", Post.code == "gro")
        ).one()
        assert gro.holder.username == "gro_upz2"
        assert s.get(Post, gro.alternate_post_id).code == "ict_officer"
    assert [a for a, _, _ in audited(rt)] == ["holder_assigned", "alternate_set"]


def test_a_tier_duration_and_a_service(admin, rt):
    page = "/officer/admin/offices/UPZ"
    post(admin, "/officer/admin/offices/UPZ/durations", {"tier": "1", "days": "২৫"}, page)
    data = {"category": "citizen", "number": "9", "name": "নতুন সেবা", "time_limit_days": "7",
            "responsible_post": "ict_officer"}  # fmt: skip
    post(admin, "/officer/admin/offices/UPZ/services", data, page)
    assert post(admin, "/officer/admin/offices/UPZ/durations", {"tier": "1", "days": "0"},
                page).status_code == 400  # fmt: skip
    with rt.db.read_session() as s:
        assert s.scalars(select(OfficeTierDuration.working_days)).one() == 25
        service = s.scalars(select(Service).where(Service.number == 9)).one()
        assert (service.time_limit_days, service.responsible_post.code) == (7, "ict_officer")
    html = admin.get(page).text
    assert "এই দপ্তরের নিজস্ব" in html and "নতুন সেবা" in html
    assert [a for a, _, _ in audited(rt)] == ["tier_duration_set", "service_saved"]


def test_an_unknown_office_is_not_found(admin):
    assert admin.get("/officer/admin/offices/NOPE").status_code == 404


def test_an_administrator_names_the_appeal_officer_and_restores_the_default(admin, rt):
    page, target = "/officer/admin/offices/UPZ", "/officer/admin/offices/UPZ/appeal-officer"
    assert "ঊর্ধ্বতন দপ্তরের অভিযোগ নিষ্পত্তি কর্মকর্তার কাছে" in admin.get(page).text
    assert post(admin, target, {"post_office": "DIR", "post_code": "gro"}, page).status_code == 302
    with rt.db.read_session() as s:
        named = s.scalars(select(OfficeAppealOfficer)).one()
        assert (named.post.office.code, named.post.code) == ("DIR", "gro")
    assert "আইসিটি অধিদপ্তর" in admin.get(page).text.split('id="appeal-officer"')[1]
    refused = post(admin, target, {"post_office": "DIR", "post_code": "nope"}, page)
    assert refused.status_code == 400
    assert post(admin, target, {"post_office": "", "post_code": ""}, page).status_code == 302
    with rt.db.read_session() as s:
        assert s.scalars(select(OfficeAppealOfficer)).all() == []
    assert [a for a, _, _ in audited(rt)] == ["appeal_officer_set", "appeal_officer_set"]


def test_a_post_holder_is_offered_from_the_offices_own_officers(admin):
    import re

    html = admin.get("/officer/admin/offices/UPZ").text
    holder_list = html.split('id="holder-')[1].split("</select>")[0]
    offered = set(re.findall(r'<option value="([^"]+)"', holder_list))
    assert {"gro_upz", "alt_upz", "admin"} <= offered  # this office's, and one with no post yet
    assert not offered & {"gro_upz2", "ao_dist", "cell"}  # other offices' staff
