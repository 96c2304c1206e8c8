"""Cadences of meetings and reports, read from Vietnamese wording into ISO 8601.

"định kỳ 6 tháng", "03 tháng/01 lần", "01 quý/01 lần", "mỗi quý một lần", "hằng tháng",
"ngày 20 hằng tháng", "ngày 20 của tháng 3, 6, 9, 12", "đột xuất", "hằng năm".

Examples
--------
>>> parse_cadence("Ban Chỉ đạo họp định kỳ 03 tháng/01 lần, họp đột xuất khi cần thiết")
Cadence(period='P3M', day_of_month=None, months=(), ad_hoc=True)
>>> parse_cadence("Định kỳ ngày 20 hằng tháng của tháng 3, tháng 6, tháng 9, tháng 12")
Cadence(period='P3M', day_of_month=20, months=(3, 6, 9, 12), ad_hoc=False)
>>> parse_cadence("họp định kỳ 01 quý/01 lần").period
'P3M'
>>> parse_cadence("không có gì") is None
True
>>> parse_cadence("báo cáo theo quy định của pháp luật") is None  # "quy định" is not "quý"
True
>>> parse_cadence("Ban Chỉ đạo họp mỗi năm 2 lần").period
'P6M'
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.vn.text import fold

__all__ = ["Cadence", "parse_cadence"]


@dataclass(frozen=True, slots=True)
class Cadence:
    """A recurrence: ``period`` is an ISO 8601 duration (P1M, P3M, P6M, P1Y) or None."""

    period: str | None
    day_of_month: int | None = None
    months: tuple[int, ...] = ()
    ad_hoc: bool = False

    def as_props(self) -> dict:
        out: dict = {}
        if self.period:
            out["cadence"] = self.period
        if self.day_of_month:
            out["dayOfMonth"] = self.day_of_month
        if self.months:
            out["months"] = list(self.months)
        if self.ad_hoc:
            out["adHoc"] = True
        return out


_N = r"(\d{1,2}|mot|hai|ba|sau)"
_WORD_NUM = {"mot": 1, "hai": 2, "ba": 3, "sau": 6}

# Patterns run on folded text (lowercase, no accents, đ→d), most specific first.
_EVERY_N_MONTHS = re.compile(rf"\b{_N}\s*thang\s*(?:/\s*(?:0?1|mot)?\s*lan|mot\s+lan|/\s*lan|1\s*lan)")
_PERIODIC_N_MONTHS = re.compile(rf"\bdinh\s+ky\s*:?\s*{_N}\s*thang\b")
_TIMES_PER_YEAR = re.compile(rf"\b{_N}\s*lan\s*/\s*nam\b")  # "ít nhất 2 lần/năm"
# What a report's own cadence is not: the cadence of the meetings it serves ("phục vụ các buổi họp
# định kỳ và đột xuất"), of a plan or programme ("kế hoạch công tác hằng năm"), of a purpose clause
_NOT_OF_THE_REPORT = re.compile(
    r"\b(?:(?:cac\s+)?(?:buoi|cuoc|phien|ky)\s+hop|hoi\s+nghi|ke\s+hoach|chuong\s+trinh)\b[^,;.]*"
    r"|\bde\s+phuc\s+vu\b[^,;.]*"
)
_SO_KET_N_MONTHS = None  # "sơ kết 6 tháng" is a review, not a cadence: deliberately not matched
# "quý" (quarter) folds to "quy", the word of "quy định": quarters are read with their marks
_QUARTER = re.compile(
    r"\b(?:0?1\s*quý\s*/\s*(?:0?1|một)?\s*lần|mỗi\s+quý(?:\s+một\s+lần)?|h[ằà]ng\s+quý|theo\s+quý|định\s+kỳ\s+(?:h[ằà]ng\s+)?quý|cuối\s+quý)",
    re.IGNORECASE,
)
_MONTHLY = re.compile(r"\b(?:hang|hang|moi)\s+thang\b")
_PER_YEAR = re.compile(rf"\b(?:moi|hang)\s+nam\s+{_N}\s+lan\b")
_YEARLY = re.compile(r"\b(?:hang|hang|moi)\s+nam\b|\bcuoi\s+nam\b|\btong\s+ket\s+nam\b")
# a day of a month, not the date of a document ("ngày 22 tháng 12 năm 2024")
_DAY = re.compile(r"\b(?:truoc\s+)?ngay\s+(\d{1,2})\b(?!\s*/)(?!\s+thang\s+\d{1,2}\s+nam\s+\d)")
# "trước ngày 31 tháng 12 hằng năm": the one month of a yearly (or half-yearly) deadline
_DAY_OF_MONTH = re.compile(r"\b(?:truoc\s+)?ngay\s+(\d{1,2})\s+(?:cua\s+)?thang\s+(\d{1,2})\b(?!\s*(?:/|nam\s+\d))")
_MONTH_LIST = re.compile(r"\bthang\s+(\d{1,2})((?:\s*(?:,|\bva\b)\s*(?:thang\s+)?\d{1,2}){1,11})")
_AD_HOC = re.compile(r"\bdot\s+xuat\b|\bbat\s+thuong\b|\bkhi\s+co\s+yeu\s+cau\b")
_LAST_MONTH_OF_QUARTER = re.compile(r"\btháng\s+cuối\s+(?:của\s+)?quý\b", re.IGNORECASE)


def _blank_other_things(text: str) -> str:
    """``text`` with the phrases that carry other things' cadences blanked (same length: the quarter
    and month patterns read the marked text)."""
    f = fold(text)
    out = list(text)
    for m in _NOT_OF_THE_REPORT.finditer(f):
        out[m.start() : m.end()] = " " * (m.end() - m.start())
    return "".join(out)


def _num(token: str) -> int:
    return _WORD_NUM.get(token) or int(token)


def parse_cadence(text: str, *, of_reports: bool = False) -> Cadence | None:
    """Read the recurrence a sentence states; None when it states none.

    The shortest period wins when several are stated ("định kỳ 6 tháng, hàng năm" → P6M),
    since that is how often the thing actually happens. With ``of_reports`` the words that
    describe other things (meetings served, a yearly plan, a purpose) are not read: a modifier
    attaches to what it governs, not to what stands near.

    >>> parse_cadence("gửi báo cáo định kỳ về Cơ quan thường trực để phục vụ các buổi họp định kỳ và đột xuất", of_reports=True)
    >>> parse_cadence("báo cáo hằng quý để xây dựng kế hoạch công tác hằng năm", of_reports=True).period
    'P3M'
    >>> parse_cadence("Ban Chỉ đạo họp ít nhất 2 lần/năm").period
    'P6M'
    >>> parse_cadence("báo cáo định kỳ trước ngày 31 tháng 12 hằng năm")
    Cadence(period='P1Y', day_of_month=31, months=(12,), ad_hoc=False)
    >>> parse_cadence("Định kỳ 6 tháng, năm, báo cáo 6 tháng gửi trước ngày 15 tháng 6, báo cáo năm gửi trước ngày 15 tháng 12")
    Cadence(period='P6M', day_of_month=15, months=(6, 12), ad_hoc=False)
    """
    if of_reports:
        text = _blank_other_things(text)
    f = fold(text)
    periods: list[int] = []  # in months
    for m in _EVERY_N_MONTHS.finditer(f):
        periods.append(_num(m.group(1)))
    for m in _PERIODIC_N_MONTHS.finditer(f):
        periods.append(_num(m.group(1)))
    if _QUARTER.search(text):
        periods.append(3)
    if _MONTHLY.search(f):
        periods.append(1)
    per_year = _PER_YEAR.search(f) or _TIMES_PER_YEAR.search(f)
    if per_year and 12 % _num(per_year.group(1)) == 0:
        periods.append(12 // _num(per_year.group(1)))  # "mỗi năm 2 lần": every six months
    elif _YEARLY.search(f):
        periods.append(12)
    months: tuple[int, ...] = ()
    ml = _MONTH_LIST.search(f)
    if ml:
        months = tuple([int(ml.group(1)), *(int(x) for x in re.findall(r"\d{1,2}", ml.group(2)))])
        if all(1 <= m <= 12 for m in months) and len(months) >= 2:
            step = 12 // len(months)
            periods = [p for p in periods if p != 1] + [step]
        else:
            months = ()
    # "trước ngày 15 tháng 6, … trước ngày 15 tháng 12": each dated deadline names a month of the cadence
    dated = sorted({int(d.group(2)) for d in _DAY_OF_MONTH.finditer(f) if 1 <= int(d.group(2)) <= 12})
    if not months and dated and periods and min(periods) >= 6:
        months = tuple(dated)
    if _LAST_MONTH_OF_QUARTER.search(text):
        months = (3, 6, 9, 12)
        periods.append(3)
    day = None
    dm = _DAY.search(f)
    if dm and (periods or months) and 1 <= int(dm.group(1)) <= 31:
        day = int(dm.group(1))
    ad_hoc = bool(_AD_HOC.search(f))
    if not periods and not ad_hoc:
        return None
    period = None
    if periods:
        p = min(periods)
        period = "P1Y" if p == 12 else f"P{p}M"
    return Cadence(period, day, months, ad_hoc)
