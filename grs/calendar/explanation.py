"""Plain-text renderings of holidays and deadline explanations, in English or Bangla."""

from __future__ import annotations

from dataclasses import dataclass

from grs.bangla import bn_digits, weekday_name
from grs.calendar.working_days import DeadlineExplanation, Holiday, HolidayKind, SkippedDay

KIND_BN = {
    HolidayKind.GENERAL: "সাধারণ ছুটি",
    HolidayKind.EXECUTIVE_ORDER: "নির্বাহী আদেশে ছুটি",
    HolidayKind.SPECIAL: "বিশেষ ছুটি",
}
KIND_EN = {
    HolidayKind.GENERAL: "general",
    HolidayKind.EXECUTIVE_ORDER: "executive order",
    HolidayKind.SPECIAL: "special",
}


@dataclass(frozen=True)
class SkippedByReason:
    """The skipped days, each under one reason, so the counts add up to the days skipped. A
    public holiday on a Friday or Saturday would have been skipped anyway: it counts as a
    weekly holiday, and `public` holds only the holidays that cost a working day."""

    weekly: tuple[SkippedDay, ...]
    public: tuple[SkippedDay, ...]
    on_weekly: tuple[SkippedDay, ...]
    """Weekly holidays that were public holidays as well, to be named without being counted."""


def skipped_by_reason(explanation: DeadlineExplanation) -> SkippedByReason:
    days = explanation.skipped
    return SkippedByReason(
        weekly=tuple(day for day in days if day.weekly),
        public=tuple(day for day in days if day.holidays and not day.weekly),
        on_weekly=tuple(day for day in days if day.holidays and day.weekly),
    )


def _digits(text: str, lang: str) -> str:
    return bn_digits(text) if lang == "bn" else text


def source_label(source: str, lang: str) -> str:
    """Where a holiday comes from, in the reader's language: the shipped official list and an
    administrator's entry are named in Bangla; a package's name and version stay as they are."""
    if lang != "bn":
        return source
    for english, bangla in (("official list ", "সরকারি তালিকা "), ("administrator", "প্রশাসক")):
        if source.startswith(english):
            return bn_digits(bangla + source.removeprefix(english))
    return source


def describe_holiday(holiday: Holiday, lang: str) -> str:
    name = holiday.name_bn if lang == "bn" else holiday.name_en
    kind = (KIND_BN if lang == "bn" else KIND_EN)[holiday.kind]
    unverified = ""
    if not holiday.verified:
        unverified = ", যাচাই করা হয়নি" if lang == "bn" else ", unverified"
    day = _digits(holiday.on.isoformat(), lang)
    return f"{day}  {name} ({kind}{unverified}; {source_label(holiday.source, lang)})"


def describe_skipped(skipped: SkippedDay, lang: str) -> str:
    reasons = []
    if skipped.weekly:
        weekly = "সাপ্তাহিক ছুটি" if lang == "bn" else "weekly holiday"
        reasons.append(f"{weekly} ({weekday_name(skipped.on, lang)})")
    for holiday in skipped.holidays:
        name = holiday.name_bn if lang == "bn" else holiday.name_en
        reasons.append(f"{name} [{source_label(holiday.source, lang)}]")
    day = _digits(skipped.on.isoformat(), lang)
    return f"  {day} {weekday_name(skipped.on, lang)}: " + "; ".join(reasons)


def describe_explanation(explanation: DeadlineExplanation, lang: str) -> list[str]:
    """First line: the due date alone; then the start, N and every skipped day."""
    e = explanation
    by = skipped_by_reason(e)
    if lang == "bn":
        lines = [
            bn_digits(e.due_on.isoformat()),
            f"শুরু {bn_digits(e.start.isoformat())} (গণনা হয় না), "
            f"{bn_digits(e.n)} কার্যদিবস; বাদ গেছে {bn_digits(len(e.skipped))} দিন "
            f"({bn_digits(len(by.weekly))}টি সাপ্তাহিক ছুটি, "
            f"{bn_digits(len(by.public))}টি সরকারি ছুটি):",
        ]
    else:
        lines = [
            e.due_on.isoformat(),
            f"start {e.start.isoformat()} (not counted), {e.n} working days; "
            f"{len(e.skipped)} days skipped ({len(by.weekly)} weekly, "
            f"{len(by.public)} public holidays):",
        ]
    lines += [describe_skipped(skipped, lang) for skipped in e.skipped]
    lines += [_estimate_note(year, lang) for year in e.estimated_years]
    return lines


def _estimate_note(year: int, lang: str) -> str:
    if lang == "bn":
        return (
            f"দ্রষ্টব্য: {bn_digits(year)} সালের সরকারি ছুটির তালিকা নেই; "
            "তারিখটি আনুমানিক (শুধু প্যাকেজের ক্যালেন্ডার)"
        )
    return f"note: no official holiday list for {year}; this date is an estimate (package only)"
