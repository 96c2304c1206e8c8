"""Reporting: who reports to whom, through which channel and how often; and meeting cadences.

Examples
--------
>>> [r.id for r in RULES]
['reports.bao_cao', 'reports.gui_ve', 'reports.bao_cao_gui', 'reports.on_request']
"""

from __future__ import annotations

import functools
import re

from govkg.loaders.cadence import Cadence, parse_cadence
from govkg.loaders.extract.charter import Charter, Sentence, own_text_end, prepare
from govkg.loaders.extract.delegation import assignment_condition
from govkg.loaders.extract.referents import ids, resolve
from govkg.loaders.extract.sentences import leading_subject, objects_after, subjects_before
from govkg.loaders.mentions import Mention, find_mentions
from govkg.loaders.rules import COMMON_FILLER, Rule, SentenceReader, Trigger, pattern
from govkg.ontology.vocab import Label, Prop, Rel
from govkg.vn.text import deaccent

__all__ = ["MEETING", "RULES", "TRIGGERS", "VIA", "meetings", "reporting_props"]

FAMILY = "reporting"

# "(qua Cơ quan Thường trực)", "thông qua Cơ quan thường trực"
VIA = pattern(r"\(?\s*\b(?:qua|thong\s+qua)\s+$")

# meetings: "họp định kỳ …", "phiên họp định kỳ 6 tháng", "họp ít nhất 2 lần/năm"; and with whose meetings
# between: "Họp Ban Chỉ đạo định kỳ: 06 tháng một lần" (group ``of``)
MEETING = pattern(
    r"\b(?:hop|lam\s+viec\s+thong\s+qua\s+cac\s+phien\s+hop)\s+(?:(?P<of>[^,;:.()]{3,60}?)\s*:?\s+)??(?:dinh\s+ky|hang|moi|it\s+nhat)\b"
)
# a word every match of MEETING holds: a sentence without it is not scanned (Charter.may_hold)
MEETING_WORD = "hop"


def reporting_props(ch: Charter, trigger: Trigger | SentenceReader, s: Sentence, plain: str, objects: list[Mention]) -> dict:
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
    cadence = _report_cadence(s.text)
    in_clause = _report_cadence(ch.src.text[p.start : own_text_end(p)])
    if in_clause and (not cadence or cadence.period == in_clause.period):
        # "Định kỳ 6 tháng … báo cáo …; báo cáo 6 tháng gửi trước ngày 15 tháng 6, …": the clause's later
        # sentence dates the same cadence
        props.update(in_clause.as_props())
    if cadence:
        props.update(cadence.as_props())
    # the condition of this report: between its verb and the recipients ("báo cáo đột xuất theo yêu cầu của
    # Trưởng Ban") or right after them ("báo cáo Trưởng Ban khi được phân công"); not a later verb's
    # ("… và gửi ý kiến bằng văn bản theo yêu cầu của người chủ trì")
    first, last = objects[0].start - s.start, objects[-1].end - s.start
    verb = max((m.end() for m in _REPORT_VERB.finditer(plain, max(0, first - 200), first)), default=first)
    after = last + len(re.match(r"[\s,]*", plain[last:]).group(0))
    condition = assignment_condition(s, plain, verb, first) or assignment_condition(s, plain, after, anchored=True)
    if condition:
        props[Prop.condition.value] = condition
    return props


_REPORT_VERB = pattern(r"\b(?:bao\s+cao|gui)\b")


@functools.lru_cache(maxsize=64)
def _report_cadence(text: str) -> Cadence | None:
    """The cadence of the reports a sentence or clause states (read once: every edge of the sentence asks)."""
    return parse_cadence(text, of_reports=True)


def meetings(ch: Charter, s: Sentence) -> None:
    """"Ban Chỉ đạo họp định kỳ 6 tháng": the meeting cadence of the bodies the sentence is about (a property, no edge)."""
    if not ch.may_hold(MEETING_WORD, s.start, s.end):
        return
    plain = prepare(ch, s)
    mm = MEETING.search(plain)
    if not mm:
        return
    said = s.text[mm.start() :]
    if said.rstrip().endswith(":"):
        # "Họp Ban Chỉ đạo định kỳ: 06 tháng một lần": the cadence is the sentence after the colon
        rest = ch.src.text[s.end : own_text_end(s.provision)]
        said += re.split(r"[;.]", rest, maxsplit=1)[0]
    cadence = parse_cadence(said)
    if not cadence or not cadence.period:
        return
    if mm.group("of"):
        named = [m for m in s.mentions if mm.start("of") <= m.start - s.start and m.end - s.start <= mm.end("of")]
        if not named:
            return
        body_ids = ids(ch, named, s)
    else:
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
BAO_CAO_GUI = Rule(
    "reports.bao_cao_gui", FAMILY, (Rel.REPORTS_TO,),
    "\"X báo cáo … gửi Y (và Z)\": X reports to each of Y, Z (the recipients of the report, not its writers).",
    "Cơ quan thường trực báo cáo định kỳ trước ngày 31 tháng 12 hằng năm về kết quả thực hiện gửi Sở Nội vụ.",
)
ON_REQUEST = Rule(
    "reports.on_request", FAMILY, (Rel.REPORTS_TO,),
    "\"X báo cáo <what> theo yêu cầu của Y\": whoever asks for the report receives it (condition \"theo yêu cầu\").",
    "Các thành viên Tổ Giúp việc báo cáo đầy đủ các nội dung theo yêu cầu của Trưởng Ban Chỉ đạo.",
)
RULES = (BAO_CAO, GUI_VE, BAO_CAO_GUI, ON_REQUEST)
# "nghe báo cáo", "tiếp nhận báo cáo", "chế độ báo cáo" …: the report is received or spoken of, not made
_NOT_A_REPORTER = r"(?:nghe|tiep\s+nhan|che\s+do|thong\s+tin,|cac|gui|xin\s+y\s+kien|tong\s+hop\s+cac|muc)\s*$"
BAO_CAO_TRIGGER = Trigger(
    BAO_CAO,
    pattern(r"\bbao\s+cao\b"),
    pattern(
        r"(?:\s*(?:,\s*tham\s+muu|ket\s+qua(?:\s+hoat\s+dong|\s+thuc\s+hien)?|bang\s+van\s+ban|kip\s+thoi|truc\s+tiep|"
        r"dinh\s+ky|dot\s+xuat|voi|len|cho|den|thuong\s+xuyen|day\s+du|hoac|"
        # "báo cáo đột xuất theo yêu cầu của Trưởng Ban": whoever asks for the report receives it
        r"theo\s+yeu\s+cau\s+cua)\b)*\s*"
    ),
    # "… gửi Bộ Nội vụ và Văn phòng Chính phủ để tổng hợp, báo cáo Thủ tướng": the recipients' own report
    # is their purpose, not a duty the charter lays on anyone
    not_after=pattern(_NOT_A_REPORTER + r"|\bbao\s+cao\b[^;.]*\bgui\b[^;.]*\bde\s+(?:[a-z]+\s*(?:,|\bva\b)?\s*){0,4}$"),
    props=reporting_props,
)
GUI_VE_TRIGGER = Trigger(GUI_VE, pattern(r"\bgui\s+bao\s+cao\b[^;.()]{0,100}?\s(?:ve|den|toi|cho)\b"), COMMON_FILLER, props=reporting_props)
# the report's recipients follow "gửi" later in its clause ("báo cáo định kỳ … về tình hình thực hiện gửi Y"); the
# gap is what is reported and when, at most 120 characters, no ';' or '.'. Its writer is the subject before "báo cáo"
BAO_CAO_GUI_TRIGGER = Trigger(
    BAO_CAO_GUI,
    # "báo cáo của X" is X's report: no "của" in the gap
    pattern(r"\bbao\s+cao\b(?=[^;.()]{0,120}?\bgui\b)(?:(?!\bgui\b|\bcua\b)[^;.()])*\bgui(?:\s+(?:ve|den|toi|cho))?\b"),
    COMMON_FILLER,
    not_after=pattern(_NOT_A_REPORTER),
    props=reporting_props,
)
# "báo cáo <what> theo yêu cầu của Y": what is reported stands between (no mention there: "báo cáo Ban Chỉ đạo
# … theo yêu cầu của Y" reports to the committee, which bao_cao reads)
_ON_REQUEST = pattern(r"\bbao\s+cao\b(?:(?!\bcua\b|\bgui\b|\bbao\s+cao\b)[^;.()]){1,80}?\btheo\s+yeu\s+cau\s+cua\b")
# a word every match of _ON_REQUEST holds: a sentence without it is not read (Charter.may_hold)
ON_REQUEST_WORD = "yeu"


def on_request(ch: Charter, s: Sentence, plain: str) -> None:
    """"Các thành viên … báo cáo đầy đủ các nội dung theo yêu cầu của Ban Chỉ đạo": the members report to the
    committee, on its request."""
    if not ch.may_hold(ON_REQUEST_WORD, s.start, s.end):
        return
    for t in _ON_REQUEST.finditer(plain):
        if any(t.start() <= m.start - s.start < t.end() for m in s.mentions) or re.search(_NOT_A_REPORTER, plain[max(0, t.start() - 40) : t.start()], re.IGNORECASE):
            continue
        objects = objects_after(s, plain, t.end(), COMMON_FILLER)
        if not objects:
            continue
        subjects = subjects_before(s, plain, t.start())
        sources = ids(ch, subjects, s) if subjects else list(leading_subject(ch, s) or s.subject)
        props = reporting_props(ch, ON_REQUEST_READER, s, plain, objects)
        for src in sources:
            for dst in ids(ch, objects, s):
                if src != dst:
                    ch.edge(ON_REQUEST, src, dst, s.provision, s.start, s.end, 0.85, **props)


ON_REQUEST_READER = SentenceReader(ON_REQUEST, on_request)
TRIGGERS = (BAO_CAO_TRIGGER, GUI_VE_TRIGGER, BAO_CAO_GUI_TRIGGER, ON_REQUEST_READER)
