"""Reporting: who reports to whom, through which channel and how often; and meeting cadences.

Examples
--------
>>> [r.id for r in RULES]
['reports.bao_cao', 'reports.gui_ve']
"""

from __future__ import annotations

import re

from govkg.loaders.cadence import parse_cadence
from govkg.loaders.extract.charter import Charter, Sentence, own_text_end, prepare
from govkg.loaders.extract.referents import ids, resolve
from govkg.loaders.extract.sentences import subjects_before
from govkg.loaders.mentions import Mention, find_mentions
from govkg.loaders.rules import COMMON_FILLER, Rule, Trigger, pattern
from govkg.ontology.vocab import Label, Prop, Rel
from govkg.vn.text import deaccent

__all__ = ["MEETING", "RULES", "TRIGGERS", "VIA", "meetings", "reporting_props"]

FAMILY = "reporting"

# "(qua Cơ quan Thường trực)", "thông qua Cơ quan thường trực"
VIA = pattern(r"\(?\s*\b(?:qua|thong\s+qua)\s+$")

# meetings: "họp định kỳ …", "phiên họp định kỳ 6 tháng"
MEETING = pattern(r"\b(?:hop|lam\s+viec\s+thong\s+qua\s+cac\s+phien\s+hop)\s+(?:dinh\s+ky|hang|moi)\b")


def reporting_props(ch: Charter, trigger: Trigger, s: Sentence, plain: str, objects: list[Mention]) -> dict:
    """The channel (``via``: "qua Cơ quan thường trực") and the cadence ("định kỳ 6 tháng") of a report."""
    props: dict = {}
    after = objects[-1].end - s.start
    for m in s.mentions:
        rel = m.start - s.start
        if rel >= after and VIA.search(plain[max(after, rel - 14) : rel]):
            via = resolve(ch, m, s.provision, s.subject)
            if via:
                props[Prop.via.value] = via[0]
            break
    p = s.provision
    if Prop.via.value not in props:
        own = ch.src.text[p.start : own_text_end(p)]
        via = re.search(r"(?i)\b(?:gui|chuyen)\s+(?:thong\s+)?qua\s+", deaccent(own))
        if via:
            ms = [m for m in find_mentions(own[via.end() :], p.start + via.end(), ch.group_rules) if m.start == p.start + via.end()]
            if ms:
                via_ids = resolve(ch, ms[0], p, s.subject)
                if via_ids:
                    props[Prop.via.value] = via_ids[0]
    cadence = parse_cadence(s.text, of_reports=True) or parse_cadence(ch.src.text[p.start : own_text_end(p)], of_reports=True)
    if cadence:
        props.update(cadence.as_props())
    return props


def meetings(ch: Charter, s: Sentence) -> None:
    """"Ban Chỉ đạo họp định kỳ 6 tháng": the meeting cadence of the bodies the sentence is about (a property, no edge)."""
    plain = prepare(ch, s)
    mm = MEETING.search(plain)
    if not mm:
        return
    cadence = parse_cadence(s.text[mm.start() :])
    if not cadence or not cadence.period:
        return
    subjects = subjects_before(s, plain, mm.start())
    body_ids = ids(ch, subjects, s) if subjects else list(s.subject)
    for i in body_ids:
        node = ch.facts.nodes[i]
        if Label.Body.value in node.labels and not node.props.get(Prop.meetingCadence.value):
            node.props[Prop.meetingCadence.value] = cadence.period


BAO_CAO = Rule(
    "reports.bao_cao", FAMILY, (Rel.REPORTS_TO,),
    "\"X báo cáo (kết quả … với / lên) Y\": X reports to Y (with channel and cadence when stated).",
    "Tổ Giúp việc báo cáo Ban Chỉ đạo định kỳ 6 tháng.",
)
GUI_VE = Rule(
    "reports.gui_ve", FAMILY, (Rel.REPORTS_TO,),
    "\"X gửi báo cáo … về / đến / cho Y\": X reports to Y.",
    "Gửi báo cáo hằng tháng về Công an phường trước ngày 10.",
)
RULES = (BAO_CAO, GUI_VE)
BAO_CAO_TRIGGER = Trigger(
    BAO_CAO,
    pattern(r"\bbao\s+cao\b"),
    pattern(
        r"(?:\s*(?:,\s*tham\s+muu|ket\s+qua(?:\s+hoat\s+dong|\s+thuc\s+hien)?|bang\s+van\s+ban|kip\s+thoi|truc\s+tiep|"
        r"dinh\s+ky|dot\s+xuat|voi|len|cho|den|thuong\s+xuyen|day\s+du|hoac|"
        # "báo cáo đột xuất theo yêu cầu của Trưởng Ban": whoever asks for the report receives it
        r"theo\s+yeu\s+cau\s+cua)\b)*\s*"
    ),
    not_after=pattern(r"(?:nghe|tiep\s+nhan|che\s+do|thong\s+tin,|cac|gui|xin\s+y\s+kien|tong\s+hop\s+cac|muc)\s*$"),
    props=reporting_props,
)
GUI_VE_TRIGGER = Trigger(GUI_VE, pattern(r"\bgui\s+bao\s+cao\b[^;.()]{0,100}?\s(?:ve|den|toi|cho)\b"), COMMON_FILLER, props=reporting_props)
TRIGGERS = (BAO_CAO_TRIGGER, GUI_VE_TRIGGER)
