"""Every column of the grievance report, defined once: its code, its heading in Bangla and
English, and what it counts. Pages, exports and tests read these; nothing else names a column.

The measures are worked out in `history`; `grievance` assembles them into blocks per tier.
"""

from __future__ import annotations

from dataclasses import dataclass

from grs.workflow.definition import Text


@dataclass(frozen=True)
class Column:
    code: str
    label: Text
    definition: Text
    kind: str = "count"  # count | percent | days | rating; text | date (a listing's)


def _c(code: str, bn: str, en: str, def_bn: str, def_en: str, kind: str = "count") -> Column:
    return Column(code, Text(bn, en), Text(def_bn, def_en), kind)


# "At the tier" below means held at that tier by a post of the office (or of an office rolled up
# into the row). Every figure is read from the case history as it stood at the end of the
# period's last day, so a report run later gives the same figures.
CARRIED_OVER = _c(
    "carried_over", "পূর্ববর্তী জের", "Carried over",
    "আগের মেয়াদ শেষে এই ধাপে চলমান বা অভিযোগকারীর অপেক্ষায় থাকা অভিযোগ।",
    "Complaints open at the tier at the end of the previous period.",
)  # fmt: skip
RECEIVED = _c(
    "received", "এই মেয়াদে প্রাপ্ত", "Received in the period",
    "মেয়াদের মধ্যে এই ধাপে এসেছে: দাখিল, অন্য দপ্তর থেকে প্রেরণ, সময় পার হওয়ায় বা আপিলে।",
    "Arrived at the tier during the period: lodged, forwarded from another office, "
    "escalated or appealed.",
)  # fmt: skip
TOTAL = _c(
    "total", "মোট", "Total",
    "পূর্ববর্তী জের ও এই মেয়াদে প্রাপ্ত অভিযোগের যোগফল।",
    "Carried over plus received in the period.",
)  # fmt: skip
FORWARDED = _c(
    "forwarded", "অন্য দপ্তরে প্রেরিত", "Forwarded",
    "মেয়াদের মধ্যে এই ধাপ থেকে অন্য দপ্তরে পাঠানো হয়েছে।",
    "Sent from the tier to another office during the period.",
)  # fmt: skip
SETTLED = _c(
    "settled", "নিষ্পত্তি", "Settled",
    "মেয়াদের মধ্যে এই ধাপে সিদ্ধান্ত হয়েছে (নিষ্পত্তি বা নথিজাত)।",
    "Decided at the tier during the period (resolved or filed away).",
)  # fmt: skip
SETTLED_IN_TIME = _c(
    "settled_in_time", "সময়মতো নিষ্পত্তি", "Settled in time",
    "নিষ্পত্তির দিনে যে সময়সীমা ছিল, তার মধ্যে সিদ্ধান্ত হয়েছে।",
    "Decided on or before the deadline that stood on the day of the decision.",
)  # fmt: skip
SETTLED_LATE = _c(
    "settled_late", "বিলম্বে নিষ্পত্তি", "Settled late",
    "সেদিনের সময়সীমা পার হওয়ার পরে সিদ্ধান্ত হয়েছে।",
    "Decided after the deadline that stood on the day of the decision.",
)  # fmt: skip
FILED = _c(
    "filed", "নথিজাত", "Filed away",
    "নিষ্পত্তির মধ্যে যেগুলো নথিজাত করা হয়েছে।",
    "Of those settled, the ones filed away without further action.",
)  # fmt: skip
RUNNING = _c(
    "running", "চলমান", "Running",
    "মেয়াদ শেষে এই ধাপে চলমান বা অভিযোগকারীর অপেক্ষায় থাকা অভিযোগ।",
    "Open at the tier at the end of the period (including those waiting for the complainant).",
)  # fmt: skip
OVERDUE = _c(
    "overdue", "সময়সীমা অতিক্রান্ত", "Past the deadline",
    "চলমানের মধ্যে যেগুলোর সময়সীমা মেয়াদের শেষ দিনের আগেই পার হয়েছে (স্থগিতগুলো বাদে)।",
    "Of those running, the ones whose clock runs and whose deadline was before the period's "
    "last day.",
)  # fmt: skip
EXTENDED = _c(
    "extended", "সময় বৃদ্ধি (তদন্ত)", "Extended (investigation)",
    "মেয়াদের মধ্যে তদন্তের জন্য সময়সীমা বাড়ানো হয়েছে।",
    "Deadline extended for an investigation during the period.",
)  # fmt: skip
SETTLEMENT_RATE = _c(
    "settlement_rate", "নিষ্পত্তির হার (%)", "Settlement rate (%)",
    "মোটের মধ্যে নিষ্পত্তির শতকরা হার।",
    "Settled as a percentage of the total.",
    "percent",
)  # fmt: skip
ESCALATED = _c(
    "escalated", "সময় পার হওয়ায় পরের ধাপে", "Escalated (deadline missed)",
    "মেয়াদের মধ্যে সময়সীমা পার হওয়ায় এই ধাপ থেকে নিজে নিজে পরের ধাপে গেছে।",
    "Moved up from the tier by itself during the period because its deadline passed.",
)  # fmt: skip
APPEALED = _c(
    "appealed", "আপিল", "Appealed",
    "মেয়াদের মধ্যে অভিযোগকারী এই ধাপ থেকে আপিল করেছেন।",
    "Appealed from the tier by the complainant during the period.",
)  # fmt: skip
AVG_DAYS = _c(
    "avg_days", "গড় কার্যদিবস", "Average working days",
    "এই মেয়াদে নিষ্পত্তির ক্ষেত্রে ধাপে পৌঁছানোর পর থেকে সিদ্ধান্ত পর্যন্ত কার্যদিবসের গড়।",
    "For those settled, working days from arriving at the tier to the decision, on average.",
    "days",
)  # fmt: skip
MEDIAN_DAYS = _c(
    "median_days", "মধ্যমা কার্যদিবস", "Median working days",
    "একই কার্যদিবসের মধ্যমা।",
    "The median of the same working days.",
    "days",
)  # fmt: skip
RATINGS = _c(
    "ratings", "মূল্যায়ন (সংখ্যা)", "Ratings",
    "মেয়াদের মধ্যে অভিযোগকারীদের দেওয়া মূল্যায়নের সংখ্যা।",
    "Ratings given by complainants during the period.",
)  # fmt: skip
RATING_AVG = _c(
    "rating_avg", "গড় মূল্যায়ন (৫-এর মধ্যে)", "Average rating (of 5)",
    "সেই মূল্যায়নগুলোর গড়।",
    "The average of those ratings.",
    "rating",
)  # fmt: skip

# The block shown for every tier, in this order; the received-by-channel columns follow
# RECEIVED and are made per channel (see `channel_column`).
TIER_COLUMNS: tuple[Column, ...] = (
    CARRIED_OVER, RECEIVED, TOTAL, FORWARDED, SETTLED, SETTLED_IN_TIME, SETTLED_LATE, FILED,
    RUNNING, OVERDUE, EXTENDED, SETTLEMENT_RATE, ESCALATED, APPEALED, AVG_DAYS, MEDIAN_DAYS,
    RATINGS, RATING_AVG,
)  # fmt: skip

# The decision record (the cause found, the decision, how to keep it from happening again) is
# kept with a resolution or a filing, in the decision's history entry; these count it there.
WITH_CAUSE = _c(
    "settled_with_cause", "কারণ লিপিবদ্ধ", "Cause recorded",
    "নিষ্পত্তির মধ্যে যেগুলোর সিদ্ধান্তে অভিযোগের কারণ লিপিবদ্ধ করা হয়েছে।",
    "Of those settled, the decisions that record the cause found.",
)  # fmt: skip
WITH_PREVENTION = _c(
    "settled_with_prevention", "প্রতিকারের পরামর্শ লিপিবদ্ধ", "Prevention suggested",
    "নিষ্পত্তির মধ্যে যেগুলোর সিদ্ধান্তে একই অভিযোগ আর না ঘটার জন্য পরামর্শ লিপিবদ্ধ করা হয়েছে।",
    "Of those settled, the decisions that record what would keep it from happening again.",
)  # fmt: skip
DECISION_RECORD_COLUMNS: tuple[Column, ...] = (WITH_CAUSE, WITH_PREVENTION)


# The period's decisions one by one, for the review meeting's file (see `decisions`): each
# column with its heading and what it holds, like the report's.
def _l(code: str, bn: str, en: str, def_bn: str, def_en: str, kind: str = "text") -> Column:
    return Column(code, Text(bn, en), Text(def_bn, def_en), kind)


DECISION_LISTING_COLUMNS: tuple[Column, ...] = (
    _l("tracking_number", "ট্র্যাকিং নম্বর", "Tracking number",
       "অভিযোগের ট্র্যাকিং নম্বর।", "The complaint's tracking number."),
    _l("decided_on", "সিদ্ধান্তের তারিখ", "Decided on",
       "যেদিন সিদ্ধান্ত হয়েছে।", "The day of the decision.", "date"),
    _l("tier", "ধাপ", "Tier",
       "যে ধাপে সিদ্ধান্ত হয়েছে।", "The tier that decided."),
    _l("office", "দপ্তর", "Office",
       "যে দপ্তরের কর্মকর্তা সিদ্ধান্ত দিয়েছেন।", "The office whose officer decided."),
    _l("outcome", "ফলাফল", "Outcome",
       "নিষ্পত্তি বা নথিজাত।", "Resolved or filed away."),
    _l("subject", "অভিযোগের বিষয়", "Subject",
       "অভিযোগকারীর লেখা বিষয়।", "The subject as the complainant wrote it."),
    _l("decision_cause", "অভিযোগের কারণ", "Cause found",
       "সিদ্ধান্তে লিপিবদ্ধ কারণ (না থাকলে ফাঁকা)।", "The cause the decision records (blank if none)."),
    _l("decision_text", "সিদ্ধান্ত", "Decision",
       "যে সিদ্ধান্ত দেওয়া হয়েছে।", "What was decided."),
    _l("decision_prevention", "প্রতিকারের পরামর্শ", "Prevention suggested",
       "একই অভিযোগ আর না ঘটার জন্য পরামর্শ।", "What would keep it from happening again."),
)  # fmt: skip

# Channels every office takes; any other channel found in the history gets a column too.
CHANNELS: dict[str, Text] = {
    "web": Text("ওয়েব", "Web"),
    "paper": Text("কাগজে", "Paper"),
    "phone": Text("ফোনে", "Phone"),
    "in_person": Text("সরাসরি", "In person"),
    "api": Text("অন্য সিস্টেম (এপিআই)", "Other systems (API)"),
}

COMPLAINT_TYPES: dict[str, Text] = {
    "citizen": Text("নাগরিক সেবা", "Citizen service"),
    "office": Text("দাপ্তরিক সেবা", "Institutional service"),
    "staff": Text("অভ্যন্তরীণ সেবা", "Internal service"),
}


def channel_column(channel: str) -> Column:
    label = CHANNELS.get(channel, Text(channel, channel))
    return Column(
        f"received_{channel}",
        Text(f"প্রাপ্ত: {label.bn}", f"Received: {label.en}"),
        Text(f"এই মেয়াদে প্রাপ্তের মধ্যে {label.bn} মাধ্যমে দাখিল হওয়া অভিযোগ।",
             f"Of those received, complaints lodged through this channel ({label.en})."),
    )  # fmt: skip


def tier_columns(channels: list[str]) -> list[Column]:
    """The block's columns, with one received column per channel after RECEIVED."""
    columns: list[Column] = []
    for column in (*TIER_COLUMNS, *DECISION_RECORD_COLUMNS):
        columns.append(column)
        if column is RECEIVED:
            columns.extend(channel_column(channel) for channel in channels)
    return columns


# The by-service and by-complaint-type tables: these measures, summed over the tiers.
BREAKDOWN_COLUMNS: tuple[Column, ...] = (RECEIVED, SETTLED, SETTLED_IN_TIME, RUNNING)
