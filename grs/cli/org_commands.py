"""`grs office`, `grs officer`, `grs service`: enough to build a ladder from a script."""

from __future__ import annotations

import json

import click

from grs.cli.context import author, reports_errors, runtime
from grs.cli.errors import fail, parse_count, parse_date
from grs.services import administration as admin
from grs.services import organisation as org
from grs.services.admin_pages import offices_by_code


@click.group("office")
def office_group() -> None:
    """Offices and their hierarchy."""


@office_group.command("add")
@click.argument("code")
@click.option("--name-bn", required=True)
@click.option("--name-en", default="")
@click.option("--parent", "parent_code", default=None, help="Code of the office above.")
@click.option("--kind", type=click.Choice(["office", "cell"]), default="office")
@click.option("--address", default="")
@click.option("--website", default="")
@reports_errors
def office_add(code: str, **fields: str) -> None:
    """Create or update an office (with its GRO and alternate GRO posts)."""
    with runtime() as rt:
        office = admin.save_office(rt, author(), org.OfficeInput(code=code, **fields))
    click.echo(f"office {office.code} (id {office.id})")


@office_group.command("list")
@click.option("--json", "as_json", is_flag=True)
@reports_errors
def office_list(as_json: bool) -> None:
    with runtime() as rt, rt.db.read_session() as session:
        rows = [
            {
                "code": o.code,
                "name_bn": o.name_bn,
                "kind": o.kind,
                "parent": o.parent.code if o.parent else None,
            }
            for o in offices_by_code(session)
        ]
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    for row in rows:
        click.echo(f"{row['code']}\t{row['kind']}\t{row['parent'] or '-'}\t{row['name_bn']}")


@office_group.command("duration")
@click.argument("code")
@click.argument("tier")
@click.argument("days")
@reports_errors
def office_duration(code: str, tier: str, days: str) -> None:
    """Override the office's time limit for a tier, in working days."""
    tier_number, day_count = parse_count(tier, "TIER"), parse_count(days, "DAYS")
    with runtime() as rt:
        admin.set_tier_duration(rt, author(), code, tier_number, day_count)
    click.echo(f"{code}: tier {tier} = {days} working days")


@office_group.command("appeal-officer")
@click.argument("code")
@click.option("--post-office", default=None, help="Office of the post (default: CODE itself).")
@click.option("--post", "post_code", default="", help="Post code; empty: the default again.")
@reports_errors
def office_appeal_officer(code: str, post_office: str | None, post_code: str) -> None:
    """Name the post that hears appeals against CODE's decisions (default: the GRO above)."""
    with runtime() as rt:
        admin.set_appeal_officer(rt, author(), code, post_office or code, post_code)
    named = f"{post_office or code}/{post_code}" if post_code else "the GRO of the office above"
    click.echo(f"{code}: appeals go to {named}")


@click.group("officer")
def officer_group() -> None:
    """Officer accounts, the posts they hold, their absences."""


@officer_group.command("add")
@click.argument("username")
@click.option("--name", required=True)
@click.option(
    "--password",
    envvar="GRS_OFFICER_PASSWORD",
    prompt=True,
    hide_input=True,
    confirmation_prompt=True,
    help="Read from $GRS_OFFICER_PASSWORD if set.",
)
@click.option("--admin", "is_admin", is_flag=True)
@click.option("--email", default="")
@click.option("--phone", default="")
@click.option(
    "--language", type=click.Choice(["bn", "en"]), default="bn", help="Of the messages sent."
)
@reports_errors
def officer_add(
    username: str, name: str, password: str, is_admin: bool, email: str, phone: str, language: str
) -> None:
    item = admin.NewOfficer(username, name, password, is_admin, email, phone, language)
    with runtime() as rt:
        officer = admin.create_officer(rt, author(), item)
    click.echo(f"officer {officer.username} (id {officer.id})")


@officer_group.command("assign")
@click.argument("username")
@click.argument("office_code")
@click.argument("post_code")
@reports_errors
def officer_assign(username: str, office_code: str, post_code: str) -> None:
    """Make USERNAME the holder of POST_CODE (gro, alternate_gro, cell, or a service post)."""
    with runtime() as rt:
        admin.assign_holder(rt, author(), office_code, post_code, username)
    click.echo(f"{username} holds {office_code}/{post_code}")


@officer_group.command("absent")
@click.argument("username")
@click.argument("starts_on")
@click.argument("ends_on")
@click.option("--reason", default="")
@reports_errors
def officer_absent(username: str, starts_on: str, ends_on: str, reason: str) -> None:
    """Mark USERNAME absent: the alternate acts for their posts meanwhile."""
    start, end = parse_date(starts_on, "STARTS_ON"), parse_date(ends_on, "ENDS_ON")
    with runtime() as rt:
        admin.add_absence(rt, author(), username, start, end, reason)
    click.echo(f"{username} absent {start} to {end}")


@click.group("service")
def service_group() -> None:
    """Services of an office's citizen charter."""


@service_group.command("add")
@click.argument("office_code")
@click.option(
    "--category", type=click.Choice(["citizen", "institutional", "internal"]), default="citizen"
)
@click.option("--number", required=True)
@click.option("--name", required=True)
@click.option("--days", required=True, help="Time limit in working days, or 'none'.")
@click.option("--post", "post_code", required=True, help="Code of the responsible post.")
@click.option("--post-title", default="", help="Title of the responsible post, if new.")
@reports_errors
def service_add(
    office_code: str,
    category: str,
    number: str,
    name: str,
    days: str,
    post_code: str,
    post_title: str,
) -> None:
    limit = None if days.strip().lower() == "none" else parse_count(days, "--days")
    if limit == 0:
        fail("--days must be at least 1, or 'none'")
    item = admin.ServiceInput(
        office_code, category, parse_count(number, "--number"), name, limit, post_code, post_title
    )
    with runtime() as rt:
        service = admin.save_service(rt, author(), item)
    click.echo(f"service {service.id}: {service.name}")
