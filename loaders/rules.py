"""Extraction rule tables, one per family.

Each rule has an id; the id travels into the ``rule`` property of every edge the rule
builds, so that a wrong fact leads to its rule and a rule to its tests.

Relation rules are triggers: a pattern on the accent-stripped text of a sentence, the
relationship type it asserts and how its two ends are found. The subject is the list of
mentions just before the trigger, or else the sentence's implicit subject (the body or
post the article or clause is about); the objects are the list of mentions right after
the trigger, past a few allowed filler words.

Examples
--------
>>> [r.id for r in RELATION_RULES if r.type == Rel.ACCOUNTABLE_TO]
['accountable.truoc']
>>> bool(RELATION_RULES_BY_ID["reports.bao_cao"].trigger.search("dinh ky bao cao Ban Chi dao"))
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govkg.ontology.vocab import Rel

__all__ = [
    "ARTICLE_SUBJECT",
    "CLAUSE_SUBJECT",
    "CONDITION",
    "MEETING",
    "RELATION_RULES",
    "RELATION_RULES_BY_ID",
    "RelationRule",
    "STANDING_AGENCY_RULES",
    "VIA",
]


@dataclass(frozen=True, slots=True)
class RelationRule:
    """A trigger that asserts ``type`` from subject to objects.

    ``filler`` is what may stand between the trigger and the first object;
    ``reverse`` swaps the ends (passive wordings); ``needs_post_object`` drops objects
    that are not posts or persons (acting for someone, not for a body).
    """

    id: str
    type: Rel
    trigger: re.Pattern[str]
    filler: re.Pattern[str]
    not_after: re.Pattern[str] | None = None
    reverse: bool = False
    needs_post_object: bool = False
    confidence: float = 0.9


def _re(p: str) -> re.Pattern[str]:
    return re.compile(p, re.IGNORECASE)


_NONE = _re(r"(?:\s*(?:cua|cho|doi\s+voi|voi|dong\s+chi|d/c|cac))*\s*")

RELATION_RULES: tuple[RelationRule, ...] = (
    # reporting: "X báo cáo Y", "báo cáo kết quả … với Y", "gửi báo cáo … về Y"
    RelationRule(
        "reports.bao_cao",
        Rel.REPORTS_TO,
        _re(r"\bbao\s+cao\b"),
        _re(
            r"(?:\s*(?:,\s*tham\s+muu|ket\s+qua(?:\s+hoat\s+dong|\s+thuc\s+hien)?|bang\s+van\s+ban|kip\s+thoi|truc\s+tiep|"
            r"dinh\s+ky|dot\s+xuat|voi|len|cho|den|thuong\s+xuyen|day\s+du|hoac)\b)*\s*"
        ),
        not_after=_re(r"(?:nghe|tiep\s+nhan|che\s+do|thong\s+tin,|cac|gui|xin\s+y\s+kien|tong\s+hop\s+cac|muc)\s*$"),
    ),
    RelationRule(
        "reports.gui_ve",
        Rel.REPORTS_TO,
        _re(r"\bgui\s+bao\s+cao\b[^;.()]{0,100}?\s(?:ve|den|toi|cho)\b"),
        _NONE,
    ),
    # leadership and accountability
    RelationRule(
        "directed.chiu_su",
        Rel.DIRECTED_BY,
        _re(
            r"\bchiu\s+su\s+(?:lanh\s+dao|chi\s+dao|dieu\s+hanh|quan\s+ly)(?:(?:\s*,\s*|\s+va\s+|\s+)(?:chi\s+dao|lanh\s+dao|dieu\s+hanh|"
            r"truc\s+tiep|toan\s+dien|don\s+doc|kiem\s+tra|giam\s+sat|phan\s+cong\s+nhiem\s+vu|quan\s+ly|huong\s+dan))*"
            r"(?:\s+ve\s+(?:chuyen\s+mon|nghiep\s+vu))?\s+(?:cua|tu)\b"
        ),
        _NONE,
    ),
    RelationRule(
        "directs.chi_dao",
        Rel.DIRECTS,
        _re(
            r"\b(?:truc\s+tiep\s+)?(?:chi\s+dao|lanh\s+dao)(?:\s*,\s*(?:dieu\s+hanh|chi\s+dao|don\s+doc|dieu\s+phoi|huong\s+dan))*"
            r"(?:\s+toan\s+dien(?:\s+ve\s+[^;.]{0,80}?|\s+hoat\s+dong)?\s+cua|\s+(?:cac\s+|moi\s+|toan\s+bo\s+)?hoat\s+dong\s+(?:chung\s+)?cua)?(?=\s)"
        ),
        _re(r"(?:\s*(?:cac|doi\s+voi))*\s*"),
        not_after=_re(r"(?:chiu\s+su|va\s+su|la|dai\s+dien|y\s+kien|theo|van\s+ban|xin\s+y\s+kien|ket\s+luan,|cac|thong\s+bao|noi\s+dung|de|tinh\s+huong)\s*$"),
    ),
    RelationRule(
        "supervises.chiu_su",
        Rel.SUPERVISES,
        _re(
            r"\bchiu\s+su\s+(?:(?:chi\s+dao|lanh\s+dao|dieu\s+hanh)\s*,\s*)*(?:kiem\s+tra|giam\s+sat|don\s+doc)"
            r"(?:\s*,\s*|\s+va\s+|\s+)(?:(?:kiem\s+tra|giam\s+sat|don\s+doc)(?:\s*,\s*|\s+va\s+|\s+)?)*(?:cua|tu)\b"
        ),
        _NONE,
        reverse=True,
    ),
    # "chịu sự lãnh đạo của Đảng ủy phường và sự chỉ đạo, điều hành của Ủy ban nhân dân phường"
    RelationRule(
        "directed.va_su",
        Rel.DIRECTED_BY,
        _re(r"\bva\s+su\s+(?:lanh\s+dao|chi\s+dao|dieu\s+hanh)(?:(?:\s*,\s*|\s+va\s+|\s+)(?:chi\s+dao|lanh\s+dao|dieu\s+hanh|truc\s+tiep))*\s+(?:cua|tu)\b"),
        _NONE,
        confidence=0.85,
    ),
    RelationRule("accountable.truoc", Rel.ACCOUNTABLE_TO, _re(r"\bchiu\s+trach\s+nhiem\s+truoc\b"), _NONE),
    # delegation and acting
    RelationRule("delegation.uy_quyen_cho", Rel.DELEGATES_TO, _re(r"\buy\s+quyen\s+cho\b"), _NONE),
    RelationRule(
        "delegation.passive",
        Rel.DELEGATES_TO,
        _re(r"\bduoc\b"),
        _re(r"\s*"),
        reverse=True,
        confidence=0.8,
    ),
    RelationRule("acting.thay_mat", Rel.ACTS_FOR, _re(r"\bthay\s+mat\b"), _NONE),
    # advice, coordination, supervision
    RelationRule(
        "advises.tham_muu",
        Rel.ADVISES,
        _re(r"\btham\s+muu(?:\s*,\s*(?:giup\s+viec|de\s+xuat|phuc\s+vu))*(?:\s+(?:giup|cho|voi|de\s+xuat\s+voi))?\b"),
        _re(r"(?:\s*,?\s*(?:cho|giup|truc\s+tiep|kip\s+thoi))*\s*"),
    ),
    RelationRule("advises.tu_van", Rel.ADVISES, _re(r"\btu\s+van(?:\s*,\s*de\s+xuat)?\s+(?:cho|voi)\b"), _NONE, confidence=0.85),
    # "Nghiên cứu, đề xuất với UBND tỉnh, Chủ tịch UBND tỉnh và Ban Chỉ đạo": advice in substance
    RelationRule("advises.de_xuat_voi", Rel.ADVISES, _re(r"\bde\s+xuat\s+voi\b"), _NONE, confidence=0.8),
    RelationRule(
        "coordinates.phoi_hop",
        Rel.COORDINATES_WITH,
        _re(r"\bphoi\s+hop(?:\s+chat\s+che)?(?:\s+(?:voi|giua))?\b"),
        _re(r"(?:\s*(?:cac|voi))*\s*"),
    ),
    RelationRule(
        "supervises.kiem_tra",
        Rel.SUPERVISES,
        _re(r"\b(?:kiem\s+tra|giam\s+sat|don\s+doc)(?:\s*,\s*(?:kiem\s+tra|giam\s+sat|don\s+doc|theo\s+doi|danh\s+gia|chi\s+dao))*\b"),
        _re(r"(?:\s*(?:cac|viec\s+thuc\s+hien\s+cua))*\s*"),
    ),
    # seals
    RelationRule(
        "seal.su_dung",
        Rel.USES_SEAL_OF,
        _re(r"\bsu\s+dung\s+con\s+dau(?:\s+va\s+tai\s+khoan)?\s+cua\b"),
        _NONE,
    ),
)

RELATION_RULES_BY_ID = {r.id: r for r in RELATION_RULES}

# "(qua Cơ quan Thường trực)", "thông qua Cơ quan thường trực"
VIA = _re(r"\(?\s*\b(?:qua|thong\s+qua)\s+$")

# conditions of delegation and acting
CONDITION = _re(
    r"(?:trong\s+truong\s+hop\s+can\s+thiet|khi\s+can\s+thiet|trong\s+truong\s+hop\s+dot\s+xuat[^,;.]*|"
    r"khi\s+[^;.]{0,60}?(?:vang\s+mat|di\s+vang|vang)(?:\s+hoac\s+ban\s+cong\s+tac)?|truong\s+hop\s+[^;.]{0,60}?(?:vang\s+mat|di\s+vang)"
    r"|khi\s+(?:di\s+cong\s+tac|ban\s+cong\s+tac|nghi\s+phep|om)[^,;.]{0,40})"
)

# meetings: "họp định kỳ …", "phiên họp định kỳ 6 tháng"
MEETING = _re(r"\b(?:hop|lam\s+viec\s+thong\s+qua\s+cac\s+phien\s+hop)\s+(?:dinh\s+ky|hang|moi)\b")

# the implicit subject of an article ("Nhiệm vụ, quyền hạn của X", "Trách nhiệm của X")
ARTICLE_SUBJECT = _re(
    r"^(?:(?:co\s+cau\s+va\s+)?(?:nhiem\s+vu|quyen\s+han|chuc\s+nang|trach\s+nhiem|to\s+chuc\s+va\s+hoat\s+dong)"
    r"(?:\s*(?:,|va)\s*(?:nhiem\s+vu|quyen\s+han|chuc\s+nang|trach\s+nhiem))*\s+cua\s+|(?:cac\s+)?cuoc\s+hop\s+cua\s+|ve\s+)"
)
# a clause or bullet that opens with its subject: "1. Phó Trưởng Ban Thường trực Ban Chỉ đạo:"
CLAUSE_SUBJECT = _re(r"^\s*(?:[-–+]\s*)?(?:\d+(?:\.\d+)*[.\-)]\s*|[a-zđ]\)\s*)?")

STANDING_AGENCY_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    # "X làm nhiệm vụ Cơ quan thường trực", "X là cơ quan thường trực", "X (Cơ quan thường trực …)"
    ("standing_agency.lam_nhiem_vu", _re(r"^\s*(?:,\s*)?(?:la\s+)?(?:lam\s+nhiem\s+vu|la|\()\s*$")),
    # "Cơ quan Thường trực … phụ trách <domain> là X"
    ("standing_agency.la", _re(r"^\s*(?:phu\s+trach\s+(?P<domain>[^;.]{3,120}?)\s+|ve\s+(?P<domain2>[^;.]{3,80}?)\s+)?la\s*$")),
)
