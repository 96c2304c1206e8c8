"""Every fact exactly as the charter says it (issue 15): each defect seen, as a regression test built
from the sentence that showed it.

Verbatim quotes have their own module (tests/test_verbatim_quotes.py); honest inference of the
hierarchy is in tests/test_extract.py.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from govkg.loaders.cadence import parse_cadence
from govkg.ontology.vocab import Prop, Rel
from govkg.pipeline import extract_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "data" / "charters"


@pytest.fixture(scope="module")
def seed_000():
    return extract_file(SEEDS / "000_5614ed0167487373.txt")


def test_ad_hoc_of_the_meetings_is_not_the_reports(seed_000):
    """"gửi báo cáo định kỳ về Cơ quan thường trực … để phục vụ các buổi họp định kỳ và đột xuất":
    "đột xuất" describes the meetings the reports serve, not the reports (7 edges had adHoc)."""
    served = [e for e in seed_000.edges_of(Rel.REPORTS_TO) if "phục vụ các buổi họp định kỳ và đột xuất" in e.props[Prop.quote]]
    assert served
    assert not [e for e in served if e.props.get(Prop.adHoc)]


def test_a_yearly_plan_is_not_a_yearly_report():
    """Seed 002: "xây dựng kế hoạch công tác hàng năm …; định kỳ tổng hợp, báo cáo Trưởng Ban" gave P1Y."""
    facts = extract_file(SEEDS / "002_b05610f85b8ab527.txt")
    reports = [e for e in facts.edges_of(Rel.REPORTS_TO) if e.props[Prop.quote].startswith("định kỳ tổng hợp, báo cáo")]
    assert reports
    assert not [e for e in reports if e.props.get(Prop.cadence) == "P1Y"]


def test_the_delegation_branch_has_its_own_condition_and_scope(seed_000):
    """"thay mặt Trưởng Ban … khi Trưởng ban vắng mặt hoặc được Trưởng ban ủy quyền": the absence is the
    acting-for condition; the delegation is the "được … ủy quyền" branch, with what the deputy does."""
    acting = [e for e in seed_000.edges_of(Rel.ACTS_FOR) if e.props[Prop.provision] == "quy-che/dieu-6/khoan-1"]
    delegating = [e for e in seed_000.edges_of(Rel.DELEGATES_TO) if e.props[Prop.provision] == "quy-che/dieu-6/khoan-1"]
    assert acting and delegating
    assert all("vắng mặt" in e.props[Prop.condition] for e in acting)
    for e in delegating:
        assert "ủy quyền" in e.props[Prop.condition] and "vắng mặt" not in e.props[Prop.condition]
        assert e.props[Prop.scope].startswith("chủ trì và điều")


@pytest.mark.parametrize(
    ("sentence", "period"),
    [
        ("Ban Chỉ đạo họp ít nhất 2 lần/năm", "P6M"),
        ("Họp Ban Chỉ đạo định kỳ: 06 tháng một lần", "P6M"),
        ("các Ban Chỉ đạo địa phương định kỳ 06 tháng (trước ngày 20 tháng 6 hằng năm) báo cáo Ban Chỉ đạo", "P6M"),
    ],
)
def test_meeting_and_report_cadences_written_other_ways(sentence, period):
    assert parse_cadence(sentence).period == period
