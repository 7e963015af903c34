"""Every refusal the services can give a citizen has plain words in English and in Bangla."""

from __future__ import annotations

import pytest

from grs.errors import ActionRefused, Conflict, GrsError, InvalidInput, NotFound
from web.citizen.messages import error_message, field_errors

# (error, English text, Bangla text) for the engine's codes a citizen can meet.
ERRORS = [
    (ActionRefused("", "appeal_closed"), "The time to appeal this decision has passed.",
     "আপিলের সময় পার হয়ে গেছে"),
    (ActionRefused("", "appeal_too_early"), "You can appeal once the deadline has passed",
     "সময়সীমা পার হলে অথবা সিদ্ধান্ত হওয়ার পর আপিল করা যায়"),
    (ActionRefused("", "appeal_used"), "already been appealed to the cell",
     "ইতিমধ্যে সেলে আপিল করা হয়েছে"),
    (ActionRefused("", "wrong_state"), "This cannot be done at the complaint's present stage",
     "অভিযোগের বর্তমান পর্যায়ে এটি করা যায় না"),
    (ActionRefused("", "wrong_tier"), "present level", "বর্তমান ধাপে"),
    (ActionRefused("", "wrong_role"), "You are not allowed to do this.", "অনুমতি নেই"),
    (ActionRefused("", "unknown_action"), "This action is not available here.",
     "এখানে এই কাজটি করা যায় না"),
    (ActionRefused("", "already_rated"), "You have already rated this complaint.",
     "মূল্যায়ন আগেই করেছেন"),
    (Conflict("", "conflict"), "The complaint changed while you were looking at it.",
     "পরিবর্তন হয়েছে"),
    (NotFound("", "case_not_found"), "No complaint matches this tracking number",
     "কোনো অভিযোগ পাওয়া যায়নি"),
    (NotFound("", "office_not_found", field="office_code"), "No such office.",
     "এমন কোনো দপ্তর নেই"),
    (InvalidInput("", "office_not_ready", field="office_code"), "has no grievance redress",
     "অভিযোগ নিষ্পত্তি কর্মকর্তা নেই"),
    (NotFound("", "service_not_found", field="service_id"),
     "Service: choose a service from this office's list", "সেবা: এই দপ্তরের তালিকা"),
    (InvalidInput("", "bad_rating", field="rating"),
     "Rating: choose a rating from 0 to 5 in steps of 0.5", "মূল্যায়ন: ০ থেকে ৫"),
    (InvalidInput("", "note_required", field="note"), "Your answer: write your answer",
     "আপনার উত্তর: আপনার উত্তর লিখুন"),
    (InvalidInput("", "required", field="subject"), "Subject: please fill this in",
     "বিষয়: এটি পূরণ করুন"),
    (InvalidInput("", "invalid_mobile", field="mobile"),
     "Mobile: enter a Bangladeshi mobile number such as 01712345678",
     "মোবাইল: ০১৭১২৩৪৫৬৭৮-এর মতো"),
    (InvalidInput("", "invalid_email", field="email"), "E-mail: enter an e-mail address",
     "ই-মেইল: name@example.com-এর মতো"),
    (InvalidInput("", "in_future", field="service_applied_on"),
     "Date you applied for the service: this date is in the future", "তারিখটি ভবিষ্যতের"),
    (InvalidInput("", "too_long", field="note"), "Your answer: this is too long; at most 5,000",
     "সর্বোচ্চ ৫,০০০ অক্ষর"),
    (InvalidInput("", "invalid_choice", field="complaint_type"),
     "Kind of complaint: choose one of the options", "অভিযোগের ধরন: বিকল্পগুলোর একটি"),
    (InvalidInput("", "invalid_characters", field="details"),
     "Details: remove the unusual invisible characters", "অদৃশ্য অস্বাভাবিক অক্ষর"),
    (InvalidInput("", "bad_date", field="service_applied_on"), "enter a date such as 2026-11-20",
     "২০২৬-১১-২০-এর মতো"),
    (InvalidInput("", "unknown_field", field="foo"), "this form field is not known",
     "ফরমের এই ঘরটি অজানা"),
    (InvalidInput("", "bad_tracking_number", field="number"),
     "Tracking number: this is not a GRS tracking number", "এটি জিআরএস ট্র্যাকিং নম্বর নয়"),
    (InvalidInput("", "too_many_files", field="attachments"),
     "Attachments: attach at most 5 files", "সর্বোচ্চ ৫টি ফাইল"),
    (InvalidInput("", "file_type", field="attachments", name="x.svg"),
     "Attachments: the file “x.svg” is not a PDF, JPEG or PNG file", "“x.svg” ফাইলটি"),
]  # fmt: skip


@pytest.mark.parametrize(("error", "english", "bangla"), ERRORS, ids=[e[0].code for e in ERRORS])
def test_each_error_code_reads_plainly_in_both_languages(app, error, english, bangla):
    with app.test_request_context("/?lang=en"):
        assert english in error_message(error)
    with app.test_request_context("/?lang=bn"):
        assert bangla in error_message(error)


def test_an_unknown_code_still_gets_a_translated_sentence(app):
    with app.test_request_context("/?lang=bn"):
        assert error_message(GrsError("x", "something_new")) == "এটি যাচাই করুন"


def test_all_problems_of_a_form_are_reported_field_by_field(app):
    error = InvalidInput(
        "", "required", field="subject",
        problems=[("subject", "required"), ("mobile", "invalid_mobile"), ("subject", "too_long")],
    )  # fmt: skip
    with app.test_request_context("/?lang=en"):
        assert field_errors(error) == {
            "subject": "Subject: please fill this in",
            "mobile": "Mobile: enter a Bangladeshi mobile number such as 01712345678",
        }
