"""Every fact exactly as the charter says it (issue 15): each defect seen, as a regression test built
from the sentence that showed it.

Verbatim quotes have their own module (tests/test_verbatim_quotes.py); honest inference of the
hierarchy is in tests/test_extract.py.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from govkg.loaders.cadence import parse_cadence
from govkg.ontology.facts import evidence
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


_SEED_000_DUTY = "3. Trực tiếp làm việc và đề nghị các cơ quan, đơn vị phối hợp cung cấp các thông tin cần thiết phục vụ cho hoạt động của Ban Chỉ đạo."


def _seed_000_with(tmp_path, clause: str):
    """Seed 000 with ``clause`` added to its Điều 9 (the standing agency's duties) as khoản 4."""
    text = (SEEDS / "000_5614ed0167487373.txt").read_text(encoding="utf-8")
    assert _SEED_000_DUTY in text  # else the clause would not be added and a negative check pass vacuously
    path = tmp_path / "000_with_clause.txt"
    path.write_text(text.replace(_SEED_000_DUTY, f"{_SEED_000_DUTY}\n\n{clause}"), encoding="utf-8")
    return extract_file(path)


def _clause_edges(facts, rel):
    return [e for e in facts.edges_of(rel) if e.props.get(Prop.provision) == "quy-che/dieu-9/khoan-4"]


@pytest.mark.parametrize(
    ("clause", "reporter", "recipients", "cadence"),
    [
        # the sentence: the standing agency reports; the ministries receive (and compile for the Thủ tướng)
        (
            "4. Cơ quan thường trực Ban Chỉ đạo báo cáo định kỳ trước ngày 31 tháng 12 hằng năm về tình hình thực hiện "
            "gửi Bộ Nội vụ và Văn phòng Chính phủ để tổng hợp, báo cáo Thủ tướng Chính phủ.",
            "Công an phường Hải Dương", {"Bộ Nội vụ", "Văn phòng Chính phủ"}, {"cadence": "P1Y", "dayOfMonth": 31, "months": [12]},
        ),
        # worded otherwise: a group, "gửi về", two recipients of the committee, quarterly
        (
            "4. Tổ Giúp việc báo cáo kết quả thực hiện nhiệm vụ hằng quý, gửi về Cơ quan thường trực và Trưởng Ban Chỉ đạo để theo dõi, báo cáo Ban Chỉ đạo.",
            "Tổ Giúp việc Ban Chỉ đạo phường Hải Dương", {"Công an phường Hải Dương", "Chair"}, {"cadence": "P3M"},
        ),
    ],
)
def test_the_report_goes_to_whom_it_is_sent(tmp_path, clause, reporter, recipients, cadence):
    """"X báo cáo … gửi Y và Z để tổng hợp, báo cáo W": X reports to Y and to Z, each edge with the report's
    cadence; the recipients' own report to W is their purpose, not a fact the charter states (it gave Bộ Nội vụ
    and Văn phòng Chính phủ reporting to the Thủ tướng, and lost the standing agency)."""
    facts = _seed_000_with(tmp_path, clause)
    reports = _clause_edges(facts, Rel.REPORTS_TO)
    assert {_names_of(facts, e.source) for e in reports} == {reporter}
    assert {_names_of(facts, e.target) for e in reports} == recipients
    for e in reports:
        assert {k: e.props.get(k) for k in cadence} == cadence


def test_acting_for_on_assignment_keeps_its_condition(seed_004, tmp_path):
    """Seed 004, 9.3: "Thay mặt Trưởng Ban chỉ đạo thực hiện một số công việc … theo phân công của Trưởng Ban chỉ
    đạo" (the condition was dropped); worded otherwise, the assignment opens the sentence."""
    [acting] = [e for e in seed_004.edges_of(Rel.ACTS_FOR) if e.props.get(Prop.provision) == "quy-che/dieu-9/khoan-3"]
    assert acting.props[Prop.condition] == "theo phân công của Trưởng Ban chỉ đạo"
    facts = _seed_000_with(tmp_path, "4. Khi được Trưởng Ban Chỉ đạo phân công, Phó Trưởng Ban Chỉ đạo thay mặt Trưởng Ban Chỉ đạo làm việc với các cơ quan, đơn vị.")
    [acting] = _clause_edges(facts, Rel.ACTS_FOR)
    assert (_names_of(facts, acting.source), _names_of(facts, acting.target)) == ("ViceChair", "Chair")
    assert acting.props[Prop.condition] == "Khi được Trưởng Ban Chỉ đạo phân công"
    # near miss: the assignment of another duty, before the ';', is not this acting-for's condition
    facts = _seed_000_with(tmp_path, "4. Phó Trưởng Ban Chỉ đạo thực hiện nhiệm vụ theo phân công của Trưởng Ban Chỉ đạo; thay mặt Trưởng Ban Chỉ đạo ký các văn bản.")
    [acting] = _clause_edges(facts, Rel.ACTS_FOR)
    assert Prop.condition not in acting.props


@pytest.mark.parametrize(
    ("clause", "condition", "scope"),
    [
        (
            "4. Phó Trưởng ban thường trực chủ trì các cuộc họp của Ban Chỉ đạo khi được Trưởng ban phân công, ủy quyền.",
            "khi được Trưởng ban phân công, ủy quyền", "chủ trì các cuộc họp của Ban Chỉ đạo",
        ),
        (
            "4. Phó Trưởng Ban Thường trực ký các văn bản của Ban Chỉ đạo khi được Trưởng Ban Chỉ đạo phân công và ủy quyền.",
            "khi được Trưởng Ban Chỉ đạo phân công và ủy quyền", "ký các văn bản của Ban Chỉ đạo",
        ),
    ],
)
def test_what_a_deputy_does_when_assigned_and_authorised_is_a_delegation(tmp_path, clause, condition, scope):
    """A real Quy chế: "Phó Trưởng ban thường trực chủ trì … khi được Trưởng ban phân công, ủy quyền" gave no
    delegation: the chair delegates to the sentence's subject, with the condition and what it is to do."""
    facts = _seed_000_with(tmp_path, clause)
    [delegation] = _clause_edges(facts, Rel.DELEGATES_TO)
    assert (_names_of(facts, delegation.source), _names_of(facts, delegation.target)) == ("Chair", "StandingViceChair")
    assert (delegation.props[Prop.condition], delegation.props[Prop.scope]) == (condition, scope)


def test_a_reports_condition_is_its_own_clause(seed_004, tmp_path):
    """A report on assignment or request keeps its condition ("khi được … phân công"); a later verb's request is
    not the report's: seed 004, 14.5 "báo cáo với Trưởng Ban chỉ đạo, đồng thời thông báo … và gửi ý kiến tham gia
    bằng văn bản theo yêu cầu của người chủ trì"."""
    facts = _seed_000_with(tmp_path, "4. Tổ Giúp việc báo cáo Trưởng Ban Chỉ đạo khi được Trưởng Ban Chỉ đạo phân công.")
    [report] = _clause_edges(facts, Rel.REPORTS_TO)
    assert report.props[Prop.condition] == "khi được Trưởng Ban Chỉ đạo phân công"
    later = [e for e in seed_004.edges_of(Rel.REPORTS_TO) if e.props.get(Prop.provision) in ("quy-che/dieu-14/khoan-5", "quy-che/dieu-16/khoan-2")]
    assert later and not [e for e in later if e.props.get(Prop.condition)]


_SEED_003_FUNDING = (
    "5. Kinh phí hoạt động của Ban Chỉ đạo và các Tổ Công tác, Tổ Giúp việc được bố trí từ nguồn ngân sách địa phương "
    "cấp cho Công an phường, các phòng chuyên môn, các đơn vị liên quan và các nguồn kinh phí hợp pháp khác."
)


_SEED_003_SMART_CITY = "- Thành lập Tổ Công tác về Phát triển Đô thị thông minh do đồng chí Trưởng phòng Kinh tế, Hạ tầng và Đô thị làm Tổ trưởng."


@pytest.mark.parametrize(
    ("clause", "smart_city"),
    [
        (_SEED_003_FUNDING, _SEED_003_SMART_CITY),
        # worded otherwise: the payers as the agents ("do A và các phòng chuyên môn bố trí")
        ("5. Kinh phí hoạt động của Ban Chỉ đạo và các Tổ Công tác, Tổ Giúp việc do Công an phường và các phòng chuyên môn bố trí từ nguồn ngân sách địa phương.",
         _SEED_003_SMART_CITY),
        # a group's leader named in person: the office is the person's other post
        (_SEED_003_FUNDING, _SEED_003_SMART_CITY.replace("đồng chí Trưởng phòng", "đồng chí Nguyễn Văn Nam, Trưởng phòng")),
    ],
)
def test_a_list_of_payers_funds_each_group_by_its_leaders_office(tmp_path, clause, smart_city):
    """Seed 003, 4.5: "… cấp cho Công an phường, các phòng chuyên môn, các đơn vị liên quan" kept only Công an
    phường and gave it every group, two of them led by the heads of departments. Each group is funded by the
    payer its Tổ trưởng's office is; the committee, led by no office, by the payer named."""
    text = (SEEDS / "003_c5d495fa5d9e6f4c.txt").read_text(encoding="utf-8")
    assert _SEED_003_FUNDING in text and _SEED_003_SMART_CITY in text
    path = tmp_path / "003_funding.txt"
    path.write_text(text.replace(_SEED_003_FUNDING, clause).replace(_SEED_003_SMART_CITY, smart_city), encoding="utf-8")
    facts = extract_file(path)
    funded = {}
    for e in facts.edges_of(Rel.FUNDED_BY):
        funded.setdefault(_names_of(facts, e.source).removesuffix(" phường Hải An"), set()).add(_names_of(facts, e.target).removesuffix(" phường Hải An"))
    assert funded == {
        "Ban Chỉ đạo của phường Hải An về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06": {"Công an"},
        "Tổ Công tác về triển khai Đề án 06; cải cách thủ tục hành chính, chuyển đổi số gắn với Đề án 06": {"Công an"},
        "Tổ Giúp việc Ban Chỉ đạo": {"Công an"},
        "Tổ Công tác phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và cải cách hành chính": {"Phòng Văn hóa - Xã hội"},
        "Tổ Công tác về Phát triển Đô thị thông minh": {"Phòng Kinh tế, Hạ tầng và Đô thị"},
    }


def test_a_dated_half_yearly_report(tmp_path):
    """A real Quy chế: local committees "định kỳ 06 tháng (trước ngày 20 tháng 6 hằng năm) … báo cáo Ban Chỉ đạo":
    REPORTS_TO with cadence P6M, day 20 and month 6."""
    facts = _seed_000_with(tmp_path, "4. Ủy ban nhân dân phường định kỳ 06 tháng (trước ngày 20 tháng 6 hằng năm) tổng hợp kết quả thực hiện, báo cáo Ban Chỉ đạo.")
    [report] = _clause_edges(facts, Rel.REPORTS_TO)
    assert _names_of(facts, report.source) == "Ủy ban nhân dân phường Hải Dương"
    assert (report.props[Prop.cadence], report.props[Prop.dayOfMonth], report.props[Prop.months]) == ("P6M", 20, [6])


def test_a_clauses_later_sentence_dates_its_cadence():
    """blind_province_plan_2025, 17.2: "Định kỳ 6 tháng, năm, Cơ quan thường trực tổng hợp, báo cáo Ban Chỉ đạo
    và Ủy ban nhân dân tỉnh; báo cáo 6 tháng gửi trước ngày 15 tháng 6, báo cáo năm gửi trước ngày 15 tháng 12":
    the day and both months of the half-yearly report (the edges had the period alone)."""
    facts = extract_file(ROOT / "tests" / "data" / "blind_province_plan_2025.txt")
    reports = [e for e in facts.edges_of(Rel.REPORTS_TO) if e.props.get(Prop.provision) == "quy-che/dieu-17/khoan-2"]
    assert len(reports) == 2
    assert all((e.props[Prop.cadence], e.props[Prop.dayOfMonth], e.props[Prop.months]) == ("P6M", 15, [6, 12]) for e in reports)


@pytest.mark.parametrize(
    ("clause", "period"),
    [
        ("4. Họp Tổ Giúp việc định kỳ: 03 tháng một lần.", "P3M"),  # the cadence after a colon (its own sentence)
        ("4. Tổ Giúp việc họp ít nhất 2 lần/năm.", "P6M"),
    ],
)
def test_meeting_cadences_written_other_ways_reach_the_group(tmp_path, clause, period):
    """"Họp … định kỳ: 06 tháng một lần" and "ít nhất 2 lần/năm" are meeting cadences of the body named."""
    facts = _seed_000_with(tmp_path, clause)
    group = next(n for n in facts.nodes_with("SupportGroup") if n.props[Prop.name] == "Tổ Giúp việc Ban Chỉ đạo phường Hải Dương")
    assert group.props.get(Prop.meetingCadence) == period


def _names_of(facts, node_id):
    """A body's name; a post's role (its title names its committee too)."""
    node = facts.nodes[node_id]
    return node.props[Prop.role] if "Post" in node.labels else node.props[Prop.name]


# --- §3 the text's own names ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_001():
    return extract_file(SEEDS / "001_b73a53c53940f017.txt")


def _names(facts) -> list[str]:
    """The names of the bodies and posts (an AdminUnit keeps the gazetteer's name, a document its number)."""
    return [n.props[Prop.name] for n in facts.nodes.values() if Prop.name in n.props and {"Body", "Post"} & set(n.labels)]


def test_names_keep_the_charters_locality_words(seed_001):
    """Seed 001 says "tỉnh Bắc Ninh" throughout; the gazetteer's unit is "thành phố Bắc Ninh" (2026).
    "Công an thành phố Bắc Ninh" was another unit before 2025: names keep the charter's words, the
    gazetteer's unit stays in ``localityCode``."""
    names = _names(seed_001)
    assert not [n for n in names if "thành phố Bắc Ninh" in n]
    police = next(n for n in seed_001.nodes.values() if n.props.get(Prop.name) == "Công an tỉnh Bắc Ninh")
    assert police.props[Prop.localityCode] == "2025/province/24"
    assert {"Sở Nội vụ tỉnh Bắc Ninh", "Ủy ban nhân dân tỉnh Bắc Ninh", "Tổ Giúp việc Ban Chỉ đạo tỉnh Bắc Ninh"} <= set(names)


def test_abbreviations_in_names_are_spelt_out_with_the_short_form_an_alias(seed_001):
    """"Chủ tịch UBND tỉnh" is the post "Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh", its short form an alias."""
    chair = next(n for n in seed_001.nodes.values() if n.props.get(Prop.name) == "Chủ tịch Ủy ban nhân dân tỉnh Bắc Ninh")
    assert "Chủ tịch UBND tỉnh" in chair.props[Prop.aliases]
    assert not [n for n in _names(seed_001) if "UBND" in n]


def test_no_locality_word_said_twice():
    """Seed 003: "Tổ Công tác Đề án 06 của Thành phố" + the place gave "… thành phố thành phố Hải Phòng"."""
    facts = extract_file(SEEDS / "003_c5d495fa5d9e6f4c.txt")
    names = [n.lower() for n in _names(facts)]
    assert "tổ công tác đề án 06 của thành phố hải phòng" in names
    assert not [n for n in names if "thành phố thành phố" in n or "phường phường" in n]


def test_the_title_typo_is_not_the_canonical_name(seed_000):
    """Seed 000's title lines say "chuyên đổi số", the rest of the text "chuyển đổi số": the majority
    spelling names the committee; the title's spelling stays an alias."""
    committee = seed_000.nodes["committee:2025/commune/10525"]
    assert "chuyển đổi số" in committee.props[Prop.name]
    assert any("chuyên đổi số" in a for a in committee.props[Prop.aliases])


def test_the_national_motto_names_no_place(tmp_path):
    """"CỘNG\\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (the motto broken over two lines) gave a commune called
    "xã Hội Chủ Nghĩa Việt"; the commune is the one the charter names (seed 002, phường Phúc La)."""
    from govkg.loaders.extract.charter import Charter
    from govkg.loaders.extract.locality import _locality_mentions, _smart_case, locate
    from govkg.loaders.parse import parse_file

    text = (SEEDS / "002_b05610f85b8ab527.txt").read_text(encoding="utf-8")
    motto = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    assert motto in text
    split = tmp_path / "002_motto_split.txt"
    split.write_text(text.replace(motto, "CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1), encoding="utf-8")
    ch = Charter(parse_file(split))
    locate(ch)
    assert ch.locality is not None and ch.locality.bare_name == "Phúc La"
    # the header lines are read in title case: the motto must not yield a "xã"
    assert ("xã", "Hội Chủ Nghĩa Việt") not in list(_locality_mentions(_smart_case("CỘNG\nHÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")))


@pytest.mark.parametrize("name", ["party_regulation.txt", "amendment.txt", "ministry_working_group.txt"])
def test_a_central_issuers_place_of_signing_is_not_its_locality(name):
    """"BAN CHẤP HÀNH TRUNG ƯƠNG … Hà Nội, ngày …" gave "Ban Chấp hành Trung ương thành phố Hà Nội" and
    "Ban Nội chính Trung ương thành phố Hà Nội": a central organ signs in Hà Nội but is not Hà Nội's."""
    facts = extract_file(ROOT / "tests" / "data" / "genre" / name)
    assert not [n for n in _names(facts) if "Hà Nội" in n]


# --- §5 one node per real entity ----------------------------------------------------------------


@pytest.fixture(scope="module")
def seed_004():
    return extract_file(SEEDS / "004_b14482fbbc8d4dbb.txt")


def test_a_post_is_not_an_alias_of_its_body(seed_004):
    """Seed 004 "Tổ trưởng Tổ Giúp việc Ban chỉ đạo", "thành viên Tổ Giúp việc" name posts of the group:
    they were aliases of the Tổ Giúp việc."""
    group = next(n for n in seed_004.nodes.values() if n.props.get(Prop.name) == "Tổ Giúp việc Ban Chỉ đạo xã Khánh Khê")
    aliases = [a.lower() for a in group.props.get(Prop.aliases, [])]
    assert "tổ giúp việc" in aliases
    assert not [a for a in aliases if a.startswith(("tổ trưởng", "thành viên"))]


def test_the_executive_of_the_party_organisation_is_its_party_committee(seed_004):
    """Seed 004 names the "Ban Chấp hành Đảng bộ xã" and the "Đảng ủy xã": one body (its edges were split
    over two nodes)."""
    party = [n for n in seed_004.nodes.values() if "PartyCommittee" in n.labels and n.props[Prop.name] in ("Đảng ủy xã Khánh Khê", "Ban Chấp hành Đảng bộ xã Khánh Khê")]
    assert len(party) == 1
    targets = {e.target for e in seed_004.edges if e.props.get(Prop.provision) in ("quy-che/dieu-17/khoan-1", "quy-che/dieu-8/khoan-1") and e.type in (Rel.DIRECTED_BY, Rel.ACCOUNTABLE_TO)}
    assert party[0].id in targets


def test_the_province_party_committee_says_its_type_once():
    """"Tỉnh ủy" + "tỉnh Quảng Ninh" gave "Tỉnh ủy tỉnh Quảng Ninh"; the genre writes "Tỉnh ủy Quảng Ninh"."""
    facts = extract_file(ROOT / "tests" / "data" / "other_layout.txt")
    names = _names(facts)
    assert "Tỉnh ủy Quảng Ninh" in names
    assert not [n for n in names if "Tỉnh ủy tỉnh" in n]


def test_a_ministry_named_by_its_first_field_is_the_ministry_named_in_full(tmp_path):
    """A real Quy chế names "Bộ Văn hóa, Thể thao và Du lịch" and later "Bộ Văn hóa": one body. The
    sentences are put into seed 000's Điều 9 (its standing agency's duties)."""
    facts = _seed_000_with(tmp_path, "4. Phối hợp với Bộ Văn hóa, Thể thao và Du lịch trong việc số hóa di sản. Định kỳ hằng quý báo cáo Bộ Văn hóa kết quả thực hiện.")
    ministries = [n for n in facts.nodes.values() if n.props.get(Prop.name, "").startswith("Bộ Văn hóa")]
    assert [n.props[Prop.name] for n in ministries] == ["Bộ Văn hóa, Thể thao và Du lịch"]
    types = {e.type for e in facts.edges if e.target == ministries[0].id}
    assert {Rel.COORDINATES_WITH, Rel.REPORTS_TO} <= types


def _held(facts, post_id):
    return [e.target for e in facts.edges if e.type == Rel.HELD_EX_OFFICIO_BY and e.source == post_id]


def test_seats_not_titles():
    """Seed 003, Điều 1: "3. Phó Trưởng Ban Chỉ đạo: - Phó Chủ tịch UBND phường. - Trưởng Công an phường.
    …" (five offices) is five seats, each held by one office; "2. Phó Trưởng Ban Thường trực: Phó Chủ tịch
    UBND phường …" and the first vice-chair seat are two Phó Chủ tịch, so two posts."""
    facts = extract_file(SEEDS / "003_c5d495fa5d9e6f4c.txt")
    post_in = {e.source: e.target for e in facts.edges if e.type == Rel.POST_IN}
    committee = "committee:2025/commune/11413"
    vice = [n.id for n in facts.nodes_with("Post") if n.props.get(Prop.role) == "ViceChair" and post_in.get(n.id) == committee and _held(facts, n.id)]
    assert len(vice) == 5
    assert all(len(_held(facts, v)) == 1 for v in vice)
    members = [n.id for n in facts.nodes_with("Post") if n.props.get(Prop.role) == "Member" and post_in.get(n.id) == committee and _held(facts, n.id)]
    assert len(members) == 7 and all(len(_held(facts, m)) == 1 for m in members)
    standing = next(n.id for n in facts.nodes_with("Post") if n.props.get(Prop.role) == "StandingViceChair" and post_in.get(n.id) == committee)
    deputies = {t for v in [standing, *vice] for t in _held(facts, v) if facts.nodes[t].props[Prop.title].startswith("Phó Chủ tịch")}
    assert len(deputies) == 2
    ubnd = {post_in[d] for d in deputies}
    assert len(ubnd) == 1 and facts.nodes[ubnd.pop()].props[Prop.name] == "Ủy ban nhân dân phường Hải An"


def test_every_seat_traces_to_its_title():
    """Seed 003's five "Phó Trưởng Ban Chỉ đạo" seats: each says the title it is a seat of (``title`` and
    ``role``, in the same body as the title's own post, which the duties articles speak of)."""
    facts = extract_file(SEEDS / "003_c5d495fa5d9e6f4c.txt")
    post_in = {e.source: e.target for e in facts.edges if e.type == Rel.POST_IN}
    committee = "committee:2025/commune/11413"
    vice = [n for n in facts.nodes_with("Post") if n.props.get(Prop.role) == "ViceChair" and post_in.get(n.id) == committee]
    titles = [n for n in vice if not _held(facts, n.id)]
    seats = [n for n in vice if _held(facts, n.id)]
    assert len(titles) == 1 and len(seats) == 5
    assert {n.props[Prop.title] for n in seats} == {titles[0].props[Prop.title]} == {"Phó Trưởng Ban Chỉ đạo"}


_TEAM_2 = (
    "2. Đoàn kiểm tra số 2:\n"
    "a) Ông Võ Văn Sơn, Phó Giám đốc Sở - Trưởng đoàn;\n"
    "b) Ông Đặng Minh Trí, Chánh Thanh tra Sở - Phó Trưởng đoàn;\n"
    "c) Bà Huỳnh Thị Lan, chuyên viên Thanh tra Sở - Thư ký."
)


@pytest.mark.parametrize(
    "team_2",
    [
        _TEAM_2,
        # worded otherwise: dashes for items, the secretary listed first
        "2. Đoàn kiểm tra số 2:\n- Bà Huỳnh Thị Lan, chuyên viên Thanh tra Sở - Thư ký;\n"
        "- Ông Võ Văn Sơn, Phó Giám đốc Sở - Trưởng đoàn;\n- Ông Đặng Minh Trí, Chánh Thanh tra Sở - Phó Trưởng đoàn.",
    ],
)
def test_each_teams_secretary_is_its_own(tmp_path, team_2):
    """tests/data/genre/inspection_teams.txt: two Đoàn kiểm tra in one decision; "Thư ký" of team 2 was a seat of
    team 1's secretary. A bare "Thư ký" in a team's list is that team's post."""
    text = (ROOT / "tests" / "data" / "genre" / "inspection_teams.txt").read_text(encoding="utf-8")
    assert _TEAM_2 in text
    path = tmp_path / "inspection_teams.txt"
    path.write_text(text.replace(_TEAM_2, team_2), encoding="utf-8")
    facts = extract_file(path)
    post_in = {e.source: e.target for e in facts.edges if e.type == Rel.POST_IN}
    secretaries = {}
    for e in facts.edges_of(Rel.HOLDS):
        if _role_of(facts, e.target) == "Secretary":
            secretaries[facts.nodes[e.source].props[Prop.name]] = facts.nodes[post_in[e.target]].props[Prop.name]
    assert secretaries == {"Trần Quốc Việt": "Đoàn kiểm tra số 1 thành phố Đà Nẵng", "Huỳnh Thị Lan": "Đoàn kiểm tra số 2 thành phố Đà Nẵng"}


# --- §6 relations a careful reader finds ------------------------------------------------------------


def _role_of(facts, node_id):
    return facts.nodes[node_id].props.get(Prop.role)


def test_proposals_and_recommendations_are_advice(seed_004, seed_000):
    """Seed 004, 11.2: members "Chủ động đề xuất, kiến nghị với Ban chỉ đạo và Trưởng Ban chỉ đạo về các chủ
    trương, giải pháp …" advise both. Near miss, seed 000 4.3: "Kiến nghị với Ủy ban nhân dân phường, Chủ tịch …
    xem xét, quyết định hoặc yêu cầu … xử lý" asks for a decision: no ADVISES."""
    advises = [e for e in seed_004.edges_of(Rel.ADVISES) if e.props[Prop.provision] == "quy-che/dieu-11/khoan-2"]
    assert {_role_of(seed_004, e.source) for e in advises} == {"Member"}
    targets = {e.target for e in advises}
    assert "committee:2025/commune/06286" in targets and {_role_of(seed_004, t) for t in targets} >= {"Chair"}
    assert not [e for e in seed_000.edges_of(Rel.ADVISES) if e.props[Prop.provision] == "quy-che/dieu-4/khoan-3"]


def test_who_asks_for_a_report_receives_it(seed_004):
    """Seed 004, 13.2: the Tổ Giúp việc "báo cáo đột xuất theo yêu cầu của Trưởng Ban chỉ đạo, các Phó Trưởng Ban
    chỉ đạo": it reports to both, ad hoc, on the condition "theo yêu cầu"."""
    reports = [e for e in seed_004.edges_of(Rel.REPORTS_TO) if e.props[Prop.provision] == "quy-che/dieu-13/khoan-2" and "theo yêu cầu của" in e.props[Prop.quote]]
    assert {_role_of(seed_004, e.target) for e in reports} == {"Chair", "ViceChair"}
    assert all(e.props.get(Prop.adHoc) and e.props.get(Prop.condition) == "theo yêu cầu" for e in reports)
    assert {seed_004.nodes[e.source].props[Prop.name] for e in reports} == {"Tổ Giúp việc Ban Chỉ đạo xã Khánh Khê"}


@pytest.mark.parametrize(
    ("clause", "reporter", "requester"),
    [
        # seed 002, Điều 2 k4, put into seed 000's Điều 9
        ("4. Các thành viên Ban Chỉ đạo chủ động chỉ đạo giải quyết công việc; báo cáo đầy đủ các nội dung theo yêu cầu của Ban Chỉ đạo.",
         "Member", "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06 phường Hải Dương"),
        ("4. Tổ Giúp việc báo cáo kết quả thực hiện nhiệm vụ theo yêu cầu của Trưởng Ban Chỉ đạo.", "Tổ Giúp việc Ban Chỉ đạo phường Hải Dương", "Chair"),
    ],
)
def test_a_report_on_request_goes_to_whoever_asks(tmp_path, clause, reporter, requester):
    """13.2's class with the matter between: "báo cáo đầy đủ các nội dung theo yêu cầu của Ban Chỉ đạo" (seed 002,
    2.4, not read): a REPORTS_TO the requester, on the condition "theo yêu cầu"."""
    facts = _seed_000_with(tmp_path, clause)
    reports = _clause_edges(facts, Rel.REPORTS_TO)
    assert [(_names_of(facts, e.source), _names_of(facts, e.target), e.props[Prop.condition]) for e in reports] == [(reporter, requester, "theo yêu cầu")]


def test_a_lead_in_names_whom_its_paragraph_directs(seed_004):
    """Seed 004, 17.2: "Với các cấp ủy trực thuộc, tổ chức cơ sở đảng, các cơ quan, đơn vị, Mặt trận Tổ quốc
    Việt Nam xã trực thuộc Đảng ủy:" then đoạn 1 "Ban chỉ đạo chỉ đạo đôn đốc, kiểm tra, giám sát việc …": the
    committee DIRECTS and SUPERVISES the Party committees under it and the Front, not the Đảng ủy they are under.
    Only the reverse (đoạn 2, "chịu sự chỉ đạo … của Ban chỉ đạo") was found."""
    ref = "quy-che/dieu-17/khoan-2/doan-1"
    for rel in (Rel.DIRECTS, Rel.SUPERVISES):
        edges = [e for e in seed_004.edges_of(rel) if e.props[Prop.provision] == ref]
        assert {e.source for e in edges} == {"committee:2025/commune/06286"}
        targets = {seed_004.nodes[e.target].props[Prop.name] for e in edges}
        assert targets == {"các cấp ủy đảng trực thuộc Đảng ủy xã Khánh Khê", "Ủy ban Mặt trận Tổ quốc Việt Nam xã Khánh Khê"}
        assert all(e.props[Prop.quote].startswith("2. Với các cấp ủy trực thuộc") for e in edges)


def test_the_standing_member_titled_uy_vien_thuong_truc(tmp_path):
    """A real Quy chế titles the standing member "Ủy viên thường trực": a StandingMember post, not a Member
    (the sentence is put into seed 000's Điều 9)."""
    facts = _seed_000_with(tmp_path, "4. Ủy viên thường trực Ban Chỉ đạo chịu trách nhiệm trước Trưởng Ban Chỉ đạo về việc chuẩn bị các phiên họp.")
    accountable = [e for e in facts.edges_of(Rel.ACCOUNTABLE_TO) if e.props[Prop.quote].startswith("Ủy viên thường trực")]
    assert [(_role_of(facts, e.source), _role_of(facts, e.target)) for e in accountable] == [("StandingMember", "Chair")]


def test_an_article_applying_another_inherits_its_relations_as_inferred(seed_004):
    """Seed 004, Điều 10 (the Phó Trưởng Ban Thường trực): "Được quy định cụ thể tại Điều 9 của Quy chế này và
    các nhiệm vụ và quyền hạn sau": REFERS_TO Điều 9, and what Điều 9 states of the Phó Trưởng Ban (acting for
    the Trưởng Ban, accountable to him and the committee) is taken over, inferred, quoting those words."""
    ref = "quy-che/dieu-10/doan-1"
    assert [e.target.rsplit("#", 1)[1] for e in seed_004.edges_of(Rel.REFERS_TO) if e.props[Prop.provision] == ref] == ["quy-che/dieu-9"]
    # inferred edges are folded: the rule, clause and quote are entries of their evidence
    taken = [(e, q) for e in seed_004.edges for q in evidence(e) if q[Prop.rule] == "inherits.applied_article"]
    assert taken and all(q[Prop.provision] == ref and e.props.get(Prop.inferred) for e, q in taken)
    assert {_role_of(seed_004, e.source) for e, _ in taken} == {"StandingViceChair"}
    assert {(e.type, _role_of(seed_004, e.target)) for e, _ in taken} >= {(Rel.ACTS_FOR, "Chair"), (Rel.ACCOUNTABLE_TO, "Chair")}
    assert all(q[Prop.quote].startswith("Được quy định cụ thể tại Điều 9") for _, q in taken)


def test_named_members_sit_in_seats_of_their_own():
    """heldout_district_2023 names eight people "Thành viên" of the committee, one per line: eight seats,
    each held by one person (they were one post held by eight)."""
    facts = extract_file(ROOT / "tests" / "data" / "heldout_district_2023.txt")
    held = {}
    for e in facts.edges_of(Rel.HOLDS):
        if _role_of(facts, e.target) == "Member":
            held.setdefault(e.target, set()).add(e.source)
    assert len(held) == 8 and all(len(people) == 1 for people in held.values())


@pytest.mark.parametrize(
    ("clause", "setter"),
    [
        ("4. Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo.", "ViceChair"),
        ("4. Trưởng Ban Chỉ đạo ra quyết định thành lập Văn phòng Ban Chỉ đạo giúp việc cho Ban Chỉ đạo.", "Chair"),
    ],
)
def test_who_sets_up_the_office_establishes_it(tmp_path, clause, setter):
    """The same sentence: who sets the office up is a relation (ESTABLISHED_BY, office → post); whom it serves is
    PART_OF, as for every body set up "giúp việc" the committee."""
    facts = _seed_000_with(tmp_path, clause)
    [office] = [n.id for n in facts.nodes.values() if n.props.get(Prop.name, "").startswith("Văn phòng Ban Chỉ đạo")]
    assert [_names_of(facts, e.target) for e in facts.edges_of(Rel.ESTABLISHED_BY) if e.source == office] == [setter]
    assert [e.target for e in facts.edges_of(Rel.PART_OF) if e.source == office] == ["committee:2025/commune/10525"]


@pytest.mark.parametrize(
    ("path", "ref", "established"),
    [
        # passive: "1- Ban Chỉ đạo do Ban Thường vụ Tỉnh ủy thành lập, chịu sự lãnh đạo …"
        (ROOT / "tests" / "data" / "other_layout.txt", "quy-dinh/dieu-2/khoan-1", {("SteeringCommittee", "Ban Thường vụ Tỉnh ủy Quảng Ninh")}),
        # the committee as subject: "Ban Chỉ đạo thành lập Tổ giúp việc chung của Ban Chỉ đạo"
        (SEEDS / "002_b05610f85b8ab527.txt", "quy-che/dieu-7/khoan-3/doan-1", {("SupportGroup", "Ban Chỉ đạo cải cách hành chính, chuyển đổi số và Đề án 06 phường Phúc La")}),
        # the chair's article: "4. Quyết định thành lập Tổ giúp việc, các Tổ công tác và Hội đồng tư vấn."
        (ROOT / "tests" / "data" / "blind_province_plan_2025.txt", "quy-che/dieu-7/khoan-4", {("SupportGroup", "Chair"), ("WorkingGroup", "Chair"), ("AdvisoryCouncil", "Chair")}),
        # near miss, seed 003 8.1: "Tham mưu Trưởng Ban Chỉ đạo Thành lập Tổ Công tác …" advises, sets up nothing
        (SEEDS / "003_c5d495fa5d9e6f4c.txt", "quyet-dinh/dieu-8/khoan-1", set()),
    ],
)
def test_who_sets_a_body_up_in_the_genres_wordings(path, ref, established):
    facts = extract_file(path)
    edges = [e for e in facts.edges_of(Rel.ESTABLISHED_BY) if e.props.get(Prop.provision) == ref]
    kinds = {(next(k for k in facts.nodes[e.source].labels if k != "Body"), _names_of(facts, e.target)) for e in edges}
    assert kinds == established


def test_a_body_set_up_to_help_the_committee(tmp_path):
    """A real Quy chế: "Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ
    đạo" (put into seed 000's Điều 9). The office is a body (it was read as a department "phòng Ban") and part of
    the committee it helps."""
    facts = _seed_000_with(tmp_path, "4. Phó Trưởng Ban Chỉ đạo quyết định thành lập Văn phòng Ban Chỉ đạo để giúp việc Ban Chỉ đạo.")
    assert not [n for n in facts.nodes.values() if n.props.get(Prop.name, "").startswith("Phòng Ban")]
    office = [n for n in facts.nodes.values() if n.props.get(Prop.name, "").startswith("Văn phòng Ban Chỉ đạo")]
    assert [n.kind for n in office] == ["SupportGroup"]
    part_of = [e.target for e in facts.edges_of(Rel.PART_OF) if e.source == office[0].id]
    assert part_of == ["committee:2025/commune/10525"]


@pytest.mark.parametrize(
    "unit",
    [
        "Tổ Giúp việc báo cáo gửi Công an phường để tổng hợp, báo cáo theo yêu cầu của Ban Chỉ đạo, ",
        "Trưởng Ban Chỉ đạo quyết định thành lập Tổ Giúp việc, Tổ công tác do Ban Thường vụ thành lập, ",
        "Kinh phí hoạt động của Tổ Giúp việc cấp cho Công an phường, các phòng chuyên môn, các đơn vị liên quan, ",
    ],
    ids=["report-sent-purpose", "set-up", "payers"],
)
def test_the_new_readings_stay_fast_on_a_long_sentence(tmp_path, unit):
    """A clause of some 25,000 characters repeating the wordings these rules read ends in seconds of CPU: the
    purpose-clause veto, the conditions and the payers look within bounded windows (a first version searched
    the whole text before every "báo cáo" and took minutes)."""
    start = time.process_time()
    facts = _seed_000_with(tmp_path, "4. " + unit * 250 + ".")
    assert facts.edges
    assert time.process_time() - start < 10
