"""The API's request and response bodies; the OpenAPI description is generated from them."""

from __future__ import annotations

from flask_smorest.error_handler import ErrorSchema
from marshmallow import Schema, fields, validate

__all__ = ["ErrorSchema"]  # the errors' shape: flask-smorest's own, which `default` names

TRACKING = validate.Length(min=1, max=40)


class CitizenLookupSchema(Schema):
    tracking_number = fields.String(required=True, validate=TRACKING)
    mobile = fields.String(load_default="", validate=validate.Length(max=40))
    receipt_code = fields.String(load_default="", validate=validate.Length(max=64))


class EventSchema(Schema):
    at = fields.DateTime(required=True)
    action = fields.String(required=True)
    actor = fields.String(required=True)
    from_state = fields.String(allow_none=True)
    to_state = fields.String(allow_none=True)
    tier = fields.Integer(allow_none=True)
    note = fields.String(required=True)


class DecisionSchema(Schema):
    cause = fields.String(allow_none=True)
    decision = fields.String(allow_none=True)
    # The office's own suggestion; officers only.
    prevention = fields.String(allow_none=True)


class CaseSummarySchema(Schema):
    tracking_number = fields.String(required=True)
    subject = fields.String(required=True)
    state = fields.String(required=True)
    state_name = fields.String(required=True)
    tier = fields.Integer(required=True)
    tier_name = fields.String(required=True)
    office = fields.String(required=True)
    lodged_on = fields.Date(required=True)
    due_on = fields.Date(required=True)
    working_days_left = fields.Integer(allow_none=True)
    overdue = fields.Boolean(required=True)
    version = fields.Integer(required=True)
    actions = fields.List(fields.String(), required=True)
    decision = fields.Nested(DecisionSchema, allow_none=True)
    history = fields.List(fields.Nested(EventSchema), required=True)


class QueueArgsSchema(Schema):
    tier = fields.Integer(validate=validate.Range(min=0, max=99))
    state = fields.String(load_default="open", validate=validate.Length(max=40))
    overdue = fields.Boolean(load_default=False)
    page = fields.Integer(load_default=1, validate=validate.Range(min=1, max=100_000))


class QueueRowSchema(Schema):
    tracking_number = fields.String(required=True)
    subject = fields.String(required=True)
    tier = fields.Integer(required=True)
    state = fields.String(required=True)
    due_on = fields.Date(required=True)
    working_days_left = fields.Integer(allow_none=True)
    overdue = fields.Boolean(required=True)
    channel = fields.String(required=True)
    # Lodged while the complainant's contact was on the office's blacklist (officers only).
    complainant_blacklisted = fields.Boolean(required=True)


class QueueSchema(Schema):
    rows = fields.List(fields.Nested(QueueRowSchema), required=True)
    total = fields.Integer(required=True)
    page = fields.Integer(required=True)
    pages = fields.Integer(required=True)


class ActionSpecSchema(Schema):
    name = fields.String(required=True)
    label = fields.String(required=True)
    needs = fields.List(fields.String(), required=True)
    takes = fields.List(fields.String(), required=True)


class ActionsSchema(Schema):
    version = fields.Integer(required=True)
    actions = fields.List(fields.Nested(ActionSpecSchema), required=True)


class ActionInputSchema(Schema):
    expected_version = fields.Integer(required=True, validate=validate.Range(min=1, max=2**31))
    note = fields.String(load_default="", validate=validate.Length(max=5_000))
    closure_reason = fields.String(load_default=None, allow_none=True)
    target_office = fields.String(load_default=None, allow_none=True)
    opinion_days = fields.Integer(
        load_default=None, allow_none=True, validate=validate.Range(min=1, max=365)
    )
    # The decision record, with a resolution or a filing.
    decision_cause = fields.String(load_default="", validate=validate.Length(max=5_000))
    decision_text = fields.String(load_default="", validate=validate.Length(max=5_000))
    decision_prevention = fields.String(load_default="", validate=validate.Length(max=5_000))
