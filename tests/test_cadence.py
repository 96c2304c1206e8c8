"""Cadences from Vietnamese wordings to ISO 8601."""

import pytest

from govkg.loaders.cadence import parse_cadence


@pytest.mark.parametrize(
    ("text", "period", "day", "months", "ad_hoc"),
    [
        ("Ban Chỉ đạo họp định kỳ 03 tháng/01 lần, họp đột xuất khi cần thiết", "P3M", None, (), True),
        ("Ban Chỉ đạo họp định kỳ 01 quý/01 lần để đánh giá", "P3M", None, (), False),
        ("Ban Chỉ đạo họp định kỳ 06 tháng một lần hoặc đột xuất", "P6M", None, (), True),
        ("các phiên họp định kỳ 6 tháng, hàng năm hoặc đột xuất", "P6M", None, (), True),
        ("Định kỳ ngày 20 hằng tháng, thành viên Tổ Giúp việc báo cáo", "P1M", 20, (), False),
        ("Định kỳ ngày 20 hằng tháng của tháng 3, tháng 6, tháng 9, tháng 12 hoặc khi có yêu cầu", "P3M", 20, (3, 6, 9, 12), True),
        ("Định kỳ mỗi quý một lần, trước ngày 15 của tháng cuối quý", "P3M", 15, (3, 6, 9, 12), False),
        ("Ban Chỉ đạo báo cáo định kỳ hằng năm", "P1Y", None, (), False),
        # a dated yearly or half-yearly deadline names its month
        ("báo cáo định kỳ trước ngày 31 tháng 12 hằng năm", "P1Y", 31, (12,), False),
        ("định kỳ 06 tháng (trước ngày 20 tháng 6 hằng năm) báo cáo Ban Chỉ đạo", "P6M", 20, (6,), False),
        ("Ban Chỉ đạo gửi báo cáo mỗi năm 2 lần, trước ngày 15 tháng 6", "P6M", 15, (6,), False),
        ("Định kỳ 6 tháng, năm, báo cáo 6 tháng gửi trước ngày 15 tháng 6, báo cáo năm gửi trước ngày 15 tháng 12", "P6M", 15, (6, 12), False),
        # the last month of a list after "và" (blind_ward_decision_docx_like 5.1: it was left out)
        ("Định kỳ hằng quý, trước ngày 20 các tháng 3, 6, 9 và 12, tổng hợp, báo cáo Ban Chỉ đạo", "P3M", 20, (3, 6, 9, 12), False),
        ("định kỳ ngày 20 tháng 3, tháng 6, tháng 9 và tháng 12", "P3M", 20, (3, 6, 9, 12), False),
        # the date of a document is not a deadline
        ("theo Quyết định ngày 22 tháng 12 năm 2024, báo cáo hằng năm", "P1Y", None, (), False),
    ],
)
def test_wordings(text, period, day, months, ad_hoc):
    c = parse_cadence(text)
    assert (c.period, c.day_of_month, c.months, c.ad_hoc) == (period, day, months, ad_hoc)


def test_no_cadence():
    assert parse_cadence("Ban Chỉ đạo làm việc theo nguyên tắc tập trung dân chủ") is None
    assert parse_cadence("Quyết định số 57 ngày 22/12/2024") is None


def test_props():
    assert parse_cadence("báo cáo đột xuất").as_props() == {"adHoc": True}
