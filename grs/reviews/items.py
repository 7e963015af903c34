"""The items the quarterly citizen-charter review meeting checks, as its minutes list them; the
one place they are named."""

from __future__ import annotations

from dataclasses import dataclass

from grs.workflow.definition import Text


@dataclass(frozen=True)
class ReviewItem:
    code: str
    label: Text
    evidence: Text  # what the evidence usually is
    # For a part of the charter (a category of its services): a charter version published in
    # the quarter with that part does the item, its evidence the version itself.
    charter_part: str | None = None


def _i(code: str, bn: str, en: str, ev_bn: str, ev_en: str, part: str | None = None) -> ReviewItem:
    return ReviewItem(code, Text(bn, en), Text(ev_bn, ev_en), part)


ITEMS: tuple[ReviewItem, ...] = (
    _i("charter_citizen", "নাগরিক সেবার সিটিজেন চার্টার হালনাগাদ ও প্রকাশ",
       "Citizen services charter updated and published",
       "ওয়েবসাইটে প্রকাশিত হালনাগাদ চার্টার", "The updated charter as published on the website",
       "citizen"),
    _i("charter_institutional", "প্রাতিষ্ঠানিক সেবার সিটিজেন চার্টার হালনাগাদ ও প্রকাশ",
       "Institutional services charter updated and published",
       "ওয়েবসাইটে প্রকাশিত হালনাগাদ চার্টার", "The updated charter as published on the website",
       "institutional"),
    _i("charter_internal", "অভ্যন্তরীণ সেবার সিটিজেন চার্টার হালনাগাদ ও প্রকাশ",
       "Internal services charter updated and published",
       "ওয়েবসাইটে প্রকাশিত হালনাগাদ চার্টার", "The updated charter as published on the website",
       "internal"),
    _i("committee_formed", "পরিবীক্ষণ কমিটি গঠন", "Monitoring committee formed",
       "কমিটি গঠনের অফিস আদেশ", "The office order forming the committee"),
    _i("committee_meeting", "পরিবীক্ষণ কমিটির সভা ও সিদ্ধান্ত বাস্তবায়ন প্রতিবেদন প্রেরণ",
       "Committee meeting held and its decisions' report sent",
       "সভার কার্যবিবরণী ও বাস্তবায়ন প্রতিবেদন", "The minutes and the implementation report"),
    _i("training", "কর্মশালা/প্রশিক্ষণ/সেমিনার আয়োজন", "Training, workshop or seminar held",
       "হাজিরা ও নোটিশ", "The notice and the attendance"),
    _i("focal_points", "ফোকাল পয়েন্ট ও বিকল্প ফোকাল পয়েন্ট কর্মকর্তা নিয়োগ",
       "Focal point and alternate focal point named",
       "নিয়োগের অফিস আদেশ", "The office order naming them"),
    _i("stakeholder_meeting", "স্টেকহোল্ডারগণের সমন্বয়ে অবহিতকরণ সভা",
       "Stakeholder awareness meeting held",
       "সভার নোটিশ ও কার্যবিবরণী", "The notice and the minutes"),
)  # fmt: skip

BY_CODE = {item.code: item for item in ITEMS}

# How each item stands for a quarter.
DONE, LATE, NOT_DONE = "done", "late", "not_done"
STATUS_LABELS = {
    DONE: Text("সম্পন্ন", "Done"),
    LATE: Text("বিলম্বে", "Late"),
    NOT_DONE: Text("হয়নি", "Not done"),
}

# The posts, besides the GRO and the alternate GRO, that enter an office's review; created for
# every office with the ladder's posts, and covered for each other in absences the same way.
FOCAL_POST = ("focal_point", "ফোকাল পয়েন্ট কর্মকর্তা (সিটিজেন চার্টার)",
              "Focal point (citizen charter)")  # fmt: skip
ALTERNATE_FOCAL_POST = ("alternate_focal_point", "বিকল্প ফোকাল পয়েন্ট কর্মকর্তা (সিটিজেন চার্টার)",
                        "Alternate focal point (citizen charter)")  # fmt: skip
ENTERING_POSTS = ("gro", "alternate_gro", FOCAL_POST[0], ALTERNATE_FOCAL_POST[0])
