"""Open311 GeoReport v2 in JSON and XML: field names, errors and status codes as the
specification writes them; a refused complaint writes nothing."""

from __future__ import annotations

from xml.etree import ElementTree

import pytest
from sqlalchemy import func, select

from grs.db.models import AuditEntry, Case, Event
from grs.services import api_keys
from tests.support import build_ladder, lodge_case

REQUEST_FIELDS = {
    "service_request_id", "status", "status_notes", "service_name", "service_code",
    "agency_responsible", "service_notice", "requested_datetime", "updated_datetime",
    "expected_datetime",
}  # fmt: skip
PRIVATE = ("রহিম", "01711234567", "আবেদন করেও", "description", "address", "media_url")


@pytest.fixture
def key(rt) -> str:
    build_ladder(rt)
    return api_keys.create_client(rt, "cli:test", "helpline-333", None).secret


def _form(key: str, **extra: str) -> dict[str, str]:
    return {
        "api_key": key,
        "jurisdiction_id": "UPZ",
        "service_code": "citizen-2",
        "description": "প্রশিক্ষণের আবেদন করে সাড়া পাইনি",
        "first_name": "করিম",
        "phone": "01811234567",
        "attribute[service_applied_on]": "2026-11-22",
        **extra,
    }


def _counts(rt) -> tuple[int, int]:
    with rt.db.read_session() as s:
        return s.scalar(select(func.count(Case.id))), s.scalar(select(func.count(Event.id)))


def test_services_in_json_and_xml(client, key):
    rows = client.get("/open311/v2/services.json?jurisdiction_id=UPZ").get_json()
    codes = {row["service_code"]: row for row in rows}
    assert {"general", "citizen-1", "citizen-2", "citizen-3"} <= set(codes)
    assert set(codes["citizen-2"]) == {
        "service_code", "service_name", "description", "metadata", "type", "keywords", "group"
    }  # fmt: skip
    assert "15 working days" in codes["citizen-2"]["description"]
    assert codes["citizen-2"]["group"] == "citizen"
    xml = ElementTree.fromstring(client.get("/open311/v2/services.xml?jurisdiction_id=UPZ").data)
    assert xml.tag == "services"
    assert [s.findtext("service_code") for s in xml.findall("service")][:2] == [
        "general", "citizen-1"
    ]  # fmt: skip


def test_service_definition_lists_its_attributes(client, key):
    body = client.get("/open311/v2/services/citizen-2.json?jurisdiction_id=UPZ").get_json()
    assert body["service_code"] == "citizen-2"
    codes = [a["code"] for a in body["attributes"]]
    assert {"complaint_type", "on_behalf_of", "service_applied_on"} <= set(codes)
    kinds = next(a for a in body["attributes"] if a["code"] == "complaint_type")["values"]
    assert {v["key"] for v in kinds} == {"citizen", "office", "staff"}
    xml = ElementTree.fromstring(
        client.get("/open311/v2/services/citizen-2.xml?jurisdiction_id=UPZ").data
    )
    assert xml.tag == "service_definition"
    assert xml.find("attributes/attribute/values/value/key") is not None


def test_discovery(client, key):
    body = client.get("/open311/v2/discovery.json").get_json()
    assert body["endpoints"][0]["specification"] == "http://wiki.open311.org/GeoReport_v2"
    xml = ElementTree.fromstring(client.get("/open311/v2/discovery.xml").data)
    assert xml.findtext("endpoints/endpoint/formats/format") == "text/xml"


def test_post_lodges_through_the_same_rules_and_records_the_client(rt, client, key):
    response = client.post("/open311/v2/requests.json", data=_form(key))
    assert response.status_code == 201, response.data
    [row] = response.get_json()
    number = row["service_request_id"]
    assert row["expected_datetime"].startswith(row["service_notice"][-10:])
    with rt.db.read_session() as s:
        case = s.scalar(select(Case).where(Case.tracking_number == number))
        event = s.scalar(select(Event).where(Event.case_id == case.id))
        audit = s.scalar(select(AuditEntry).where(AuditEntry.action == "open311_lodged"))
        # applied yesterday for a 15-day service: its own officer handles it first (tier 0)
        assert (case.channel, case.tier, case.service.number) == ("api", 0, 2)
        assert case.api_client_id is not None
        assert event.data == {"channel": "api", "client": "helpline-333"}
        assert (audit.username, audit.target) == ("helpline-333", f"case:{number}")


def test_post_in_xml_without_a_service_date_goes_to_the_gro(rt, client, key):
    form = _form(key, **{"attribute[service_applied_on]": ""})
    response = client.post("/open311/v2/requests.xml", data=form)
    assert response.status_code == 201
    xml = ElementTree.fromstring(response.data)
    number = xml.findtext("request/service_request_id")
    with rt.db.read_session() as s:
        assert s.scalar(select(Case.tier).where(Case.tracking_number == number)) == 1


@pytest.mark.parametrize(
    ("change", "status", "words"),
    [
        ({"api_key": "grs_c_wrong"}, 403, "api_key"),
        ({"api_key": ""}, 403, "api_key"),
        ({"jurisdiction_id": "NOPE"}, 404, "jurisdiction"),
        ({"jurisdiction_id": "CELL"}, 404, "jurisdiction"),
        ({"service_code": "citizen-99"}, 404, "service"),
        ({"service_code": ""}, 400, "service_code"),
        ({"phone": "12345"}, 400, "mobile"),
        ({"description": ""}, 400, "details"),
        ({"attribute[complaint_type]": "bogus"}, 400, "complaint_type"),
        ({"attribute[service_applied_on]": "2099-01-01"}, 400, "service_applied_on"),
        ({"attribute[service_applied_on]": "yesterday"}, 400, "service_applied_on"),
    ],
)
@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_refusals_in_the_error_format_write_nothing(rt, client, key, change, status, words, fmt):
    before = _counts(rt)
    response = client.post(f"/open311/v2/requests.{fmt}", data=_form(key, **change))
    assert response.status_code == status
    if fmt == "json":
        [error] = response.get_json()
        code, description = error["code"], error["description"]
    else:
        xml = ElementTree.fromstring(response.data)
        assert xml.tag == "errors"
        code, description = int(xml.findtext("error/code")), xml.findtext("error/description")
    assert code == status and words in description
    assert _counts(rt) == before


def test_a_revoked_key_is_refused(rt, client, key):
    api_keys.revoke_client(rt, "cli:test", "helpline-333")
    assert client.post("/open311/v2/requests.json", data=_form(key)).status_code == 403


def test_get_requests_is_public_and_carries_nothing_personal(rt, client, key):
    case = lodge_case(rt, service_id=None)
    client.post("/open311/v2/requests.json", data=_form(key))
    for fmt in ("json", "xml"):
        body = client.get(f"/open311/v2/requests.{fmt}?jurisdiction_id=UPZ").get_data(as_text=True)
        assert case.tracking_number in body
        assert not [word for word in PRIVATE if word in body], body
    rows = client.get("/open311/v2/requests.json?jurisdiction_id=UPZ").get_json()
    assert len(rows) == 2 and set(rows[0]) == REQUEST_FIELDS
    assert {row["status"] for row in rows} == {"open"}


def test_get_requests_filters(rt, client, key):
    lodge_case(rt)
    client.post("/open311/v2/requests.json", data=_form(key))
    base = "/open311/v2/requests.json?jurisdiction_id=UPZ"
    assert [r["service_code"] for r in client.get(f"{base}&service_code=citizen-2").get_json()] == [
        "citizen-2"
    ]
    assert client.get(f"{base}&status=closed").get_json() == []
    assert len(client.get(f"{base}&status=open").get_json()) == 2
    assert client.get(f"{base}&start_date=2026-11-24T00:00:00Z").get_json() == []
    assert len(client.get(f"{base}&end_date=2026-11-24").get_json()) == 2
    assert client.get(f"{base}&status=maybe").status_code == 400
    assert client.get(f"{base}&start_date=soon").status_code == 400
    assert client.get("/open311/v2/requests.json").status_code == 400


def test_one_request_in_json_and_xml(rt, client, key):
    case = lodge_case(rt)
    [row] = client.get(f"/open311/v2/requests/{case.tracking_number}.json").get_json()
    assert row["service_request_id"] == case.tracking_number
    assert row["expected_datetime"].startswith(case.due_on.isoformat())
    assert row["agency_responsible"].endswith("Upazila")
    one = client.get(f"/open311/v2/requests/{case.tracking_number}.xml")
    xml = ElementTree.fromstring(one.data)
    assert xml.findtext("request/status") == "open"
    missing = client.get("/open311/v2/requests/000000000000.xml")
    assert missing.status_code == 404
    assert ElementTree.fromstring(missing.data).findtext("error/code") == "404"
    assert client.get("/open311/v2/requests.yaml?jurisdiction_id=UPZ").status_code == 404
