"""Citizen charters into the database, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections import Counter
from importlib import resources
from pathlib import Path

import pytest
from sqlalchemy import func, select

from grs.charters.parse import parse_charter, read_charter_file
from grs.db.models import Office, OfficeTierDuration, Post, Service
from grs.services.charter_import import import_charter

SAMPLES = resources.files("grs.charters.samples")
MANIKGANJ = "manikganj_sadar_upazila_ict.txt"


def sample(name: str) -> str:
    resource = SAMPLES.joinpath(name)
    if not resource.is_file():
        pytest.skip(f"charter sample {name} is not present")
    return resource.read_text(encoding="utf-8")


def run_import(rt, text: str, parent: str | None = None):
    with rt.db.write() as session:
        return import_charter(session, parse_charter(text), rt.workflow, parent)


def services_of(rt, code: str) -> list[Service]:
    with rt.db.read_session() as s:
        query = select(Service).join(Office).where(Office.code == code).order_by(Service.id)
        services = list(s.scalars(query))
        for service in services:
            _ = service.responsible_post
        return services


@pytest.mark.parametrize(
    ("name", "code", "counts"),
    [
        (MANIKGANJ, "doict.sadar.manikganj.gov.bd",
         {"citizen": 3, "institutional": 11, "internal": 3}),
        ("rajapur_upazila_ict.txt", "doict.rajapur.jhalakhati.gov.bd",
         {"citizen": 3, "institutional": 4}),
        ("patgram_upazila_ict.txt", "doict.patgram.lalmonirhat.gov.bd",
         {"citizen": 6, "institutional": 11, "internal": 6}),
    ],
)  # fmt: skip
def test_each_charter_gives_its_services(rt, name, code, counts):
    report = run_import(rt, sample(name))
    assert report.office_code == code
    services = services_of(rt, code)
    assert dict(Counter(s.category for s in services)) == counts
    keys = [(s.category, s.number) for s in services]
    assert len(keys) == len(set(keys))


def test_manikganj_details(rt):
    run_import(rt, sample(MANIKGANJ))
    services = {(s.category, s.number): s for s in services_of(rt, "doict.sadar.manikganj.gov.bd")}
    assert services[("citizen", 1)].time_limit_days == 3  # "তাৎক্ষণিক / ০৩ কার্যদিবস"
    assert services[("institutional", 5)].time_limit_days == 45  # "৪৫ কার্যদিবস / প্রয়োজন অনুযায়ী"
    assert services[("institutional", 9)].time_limit_days == 90
    post = services[("citizen", 1)].responsible_post
    assert post is not None and post.title_bn == "উপজেলা আইসিটি অফিসার"
    assert "01676435477" in post.contact
    with rt.db.read_session() as s:
        office = s.scalar(select(Office).where(Office.code == "doict.sadar.manikganj.gov.bd"))
        assert office.name_bn == "উপজেলা আইসিটি কার্যালয়, মানিকগঞ্জ সদর, মানিকগঞ্জ"
        assert office.website == "www.doict.sadar.manikganj.gov.bd"
        assert len(office.expectations) == 6
        gro = s.scalar(select(Post).where(Post.office_id == office.id, Post.kind == "gro"))
        assert "01676435477" in gro.contact
        # The charter's limits (30, 20, 60) are the workflow's: no override is stored.
        assert not s.scalar(select(func.count(OfficeTierDuration.id)))


def test_other_ladder_limits_become_office_overrides(rt):
    text = sample(MANIKGANJ).replace("৩০ কার্যদিবস", "২৫ কার্যদিবস")
    run_import(rt, text)
    with rt.db.read_session() as s:
        rows = s.execute(select(OfficeTierDuration.tier, OfficeTierDuration.working_days)).all()
    assert [tuple(r) for r in rows] == [(1, 25)]


@pytest.mark.parametrize("name", [MANIKGANJ, "rajapur_upazila_ict.txt", "patgram_upazila_ict.txt"])
def test_second_import_changes_nothing(rt, name):
    first = run_import(rt, sample(name))
    assert first.changes > 0
    second = run_import(rt, sample(name))
    assert second.changes == 0
    assert second.services == first.services


def test_parent_is_kept_when_reimported_without_one(rt):
    run_import(rt, sample(MANIKGANJ))
    with rt.db.write() as s:
        from grs.services.organisation import OfficeInput, upsert_office

        upsert_office(s, OfficeInput("doict.manikganj.gov.bd", "জেলা আইসিটি কার্যালয়"))
    run_import(rt, sample(MANIKGANJ), parent="doict.manikganj.gov.bd")
    assert run_import(rt, sample(MANIKGANJ)).changes == 0


def test_minutes_are_not_a_charter(rt):
    report = run_import(rt, sample("rangpur_monitoring_minutes.txt"))
    assert report.changes == 0 and report.services == 0
    assert any("not a citizen charter" in p for p in report.problems)
    with rt.db.read_session() as s:
        assert not s.scalar(select(func.count(Office.id)))


@pytest.mark.parametrize(
    "damage",
    ["truncate", "wrong_columns", "empty", "binary", "half"],
)
def test_malformed_charters_give_problems_not_crashes(rt, tmp_path: Path, damage: str):
    text = sample(MANIKGANJ)
    lines = text.splitlines()
    path = tmp_path / "charter.txt"
    if damage == "truncate":  # rows cut after their second cell
        damaged = ["\t".join(row.split("\t")[:2]) if row[:1] == "২" else row for row in lines]
        path.write_text("\n".join(damaged), encoding="utf-8")
    elif damage == "wrong_columns":
        damaged = [row + "\tবাড়তি\tঘর" if row[:1] == "৩" else row for row in lines]
        path.write_text("\n".join(damaged), encoding="utf-8")
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "binary":
        path.write_bytes(bytes(range(256)) * 40)
    else:
        path.write_text("\n".join(lines[: len(lines) // 2]), encoding="utf-8")
    parsed = read_charter_file(path)
    with rt.db.write() as session:
        report = import_charter(session, parsed, rt.workflow)
    if damage in ("empty", "binary"):
        assert report.problems and report.services == 0
    else:
        assert report.problems, "the damage should be reported"
        assert report.services > 0, "the undamaged rows are still imported"
