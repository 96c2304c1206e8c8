"""The charter as a document: its node, its provisions, the acts it rests on, replaces and is signed by.

Examples
--------
>>> [r.id for r in RULES]
['documents.governs', 'documents.based_on', 'documents.proposed_by', 'documents.replaces', 'documents.amends', 'documents.signed_by']
"""

from __future__ import annotations

import re

from govkg.loaders.extract.charter import Charter, Sentence, post_body, prepare, pseudo_provision
from govkg.loaders.extract.posts import EX_OFFICIO_SIGNATURE, SIGNER_HOLDS
from govkg.loaders.extract.referents import outside_body, resolve
from govkg.loaders.mentions import Key, Kind, Mention, find_mentions
from govkg.loaders.model import Citation
from govkg.loaders.resolve import document_key
from govkg.loaders.rules import Rule
from govkg.ontology.facts import Edge, Node, make_id
from govkg.ontology.vocab import Label, Prop, Rel, Role, Status
from govkg.vn.text import deaccent, loose_key

__all__ = ["GOVERNS", "RULES", "amends", "charter_node", "documents", "provision_nodes", "replaces", "signatures"]

FAMILY = "documents"
GOVERNS = Rule(
    "documents.governs", FAMILY, (Rel.GOVERNS,),
    "The charter governs the committee its title names (grounded on a decision's Điều 1, else the clause that defines the term).",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế hoạt động của Ban Chỉ đạo … tỉnh Yên Bái.",
)
BASED_ON = Rule(
    "documents.based_on", FAMILY, (Rel.BASED_ON,),
    "Each căn cứ that cites an act (by number or type) is a legal basis of the charter.",
    "Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;",
)
PROPOSED_BY = Rule(
    "documents.proposed_by", FAMILY, (Rel.PROPOSED_BY,),
    "The body or post of the \"Xét đề nghị của …\" line proposed the charter.",
    "Xét đề nghị của Ban Tổ chức Tỉnh ủy,",
)
REPLACES = Rule(
    "documents.replaces", FAMILY, (Rel.REPLACES,),
    "\"… thay thế Quyết định/Quy chế/Quy định số …\": the charter replaces the cited act.",
    "Quy định này có hiệu lực kể từ ngày ký, thay thế Quy định số 12-QĐ/TU, ngày 10/01/2023 của Ban Thường vụ Tỉnh ủy.",
)
SIGNED_BY = Rule(
    "documents.signed_by", FAMILY, (Rel.SIGNED_BY,),
    "The person named in the signature block signed the charter.",
    "TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Cao Huy Hiếu",
)
AMENDS = Rule(
    "documents.amends", FAMILY, (Rel.AMENDS,),
    "\"Sửa đổi, bổ sung Điều … của Quy chế … ban hành kèm theo Quyết định số …\": the charter amends that act; "
    "`articles` lists what it changes, as that act numbers it.",
    "Điều 1. Sửa đổi, bổ sung một số điều của Quy chế ban hành kèm theo Quyết định số 411/QĐ-BNV như sau: 1. Sửa đổi, bổ sung Điều 4 như sau: …",
)
RULES = (GOVERNS, BASED_ON, PROPOSED_BY, REPLACES, AMENDS, SIGNED_BY)

_REPLACES = re.compile(r"\bthay\s+the\s+(?=(?:quyet\s+dinh|quy\s+che|nghi\s+quyet|ke\s+hoach|quy\s+dinh)\b)", re.IGNORECASE)
# a word every match of _REPLACES holds: a sentence without it is not scanned (Charter.may_hold)
REPLACES_WORD = "thay"


def charter_node(ch: Charter) -> None:
    main = ch.doc.main
    header = main.header
    # a file whose page header is missing is known by the decision its Quy chế is attached to
    # ("(Ban hành kèm theo Quyết định số … ngày …)", in this part or the next)
    cited = [p.header.attached_to for p in ch.doc.parts if p.header.attached_to]
    attached = next((c for c in cited if c.number), cited[0] if cited else None) if header.number is None else None
    number = header.number or (attached.number if attached else None)
    date = header.date or (attached.issued_on if attached else None)
    if ch.doc.truncated:
        status = Status.partial
    elif number is None or date is None or not date.complete:
        status = Status.draft
    else:
        status = Status.signed
    props = {
        Prop.name.value: " ".join(x for x in (header.doc_type, number, header.title) if x),
        Prop.number.value: number,
        Prop.title.value: header.title,
        Prop.docType.value: header.doc_type,
        Prop.issuedOn.value: date.iso if date else None,
        Prop.status.value: status.value,
        Prop.locality.value: ch.locality.name if ch.locality else getattr(ch, "_unresolved_locality", None),
        Prop.sha256.value: ch.src.sha256,
        Prop.path.value: ch.doc.path.rsplit("/", 1)[-1],
        # kept so that every quote can be checked against, and shown in, the file's own text
        Prop.sourceText.value: ch.src.original,
    }
    ch.facts.add_node(Node(ch.charter_id, (Label.Charter.value,), {k: v for k, v in props.items() if v is not None}))


def provision_nodes(ch: Charter) -> None:
    # the names as plain strings, looked up once (an enum member's ``.value`` is a Python-level lookup)
    labels, has_provision = (Label.Provision.value,), Rel.HAS_PROVISION.value
    ref, human, kind, text = Prop.ref.value, Prop.human.value, Prop.kind.value, Prop.text.value
    start, end, charter, provision = Prop.start.value, Prop.end.value, Prop.charter.value, Prop.provision.value
    for part in ch.doc.parts:
        for p in part.walk():
            pid = f"{ch.charter_id}#{p.ref}"
            ch.facts.add_node(
                Node(
                    pid,
                    labels,
                    {ref: p.ref, human: p.human, kind: p.kind, text: p.text, start: p.start, end: p.end, charter: ch.charter_id},
                )
            )
            ch.facts.add_edge(Edge(has_provision, ch.charter_id, pid, {charter: ch.charter_id, provision: p.ref}))
    first = next((a for part in ch.doc.parts for a in part.articles()), None)
    ch._first_ref = first.ref if first else ""


def replaces(ch: Charter, s: Sentence) -> None:
    if not ch.may_hold(REPLACES_WORD, s.start, s.end):
        return
    plain = prepare(ch, s)
    from govkg.loaders.parse import parse_citations

    for rm in _REPLACES.finditer(plain):
        cites = parse_citations(s.text[rm.end() :], s.start + rm.end())
        if cites:
            doc_id = _legal_document(ch, cites[0])
            ch.edge(REPLACES, ch.charter_id, doc_id, s.provision, s.start, s.end, 0.95)


_BARE_HEAD = re.compile(r"(?P<deputy>PHO\s+)?GIAM\s+DOC", re.IGNORECASE)
_AMENDS = re.compile(r"\bsua\s+doi\s*,?\s*(?:va\s+)?bo\s+sung\b", re.IGNORECASE)
# "khoản 2 Điều 6", "Điều 4", "điểm a khoản 1 Điều 3" in the words that say what is amended
_AMENDED_UNIT = re.compile(r"(?:diem\s+(?P<p>[a-z])\s+)?(?:khoan\s+(?P<k>\d+)\s+)?dieu\s+(?P<d>\d+)", re.IGNORECASE)


def amends(ch: Charter) -> None:
    """'Sửa đổi, bổ sung …' in the decision's first article (or its title): AMENDS the act whose rules it
    changes, with the articles it names; the clauses that each amend one unit name them most precisely."""
    from govkg.loaders.parse import parse_citations

    main = ch.doc.main
    first = main.articles()[0] if main.articles() else None
    if first is None or not _AMENDS.search(ch.plain[first.start : first.end]):
        return
    head = first.text.split("\n", 1)[0]
    cites = [c for c in parse_citations(head, first.start) if c.number]
    if not cites:
        cites = [c for c in parse_citations(main.header.title or "", 0) if c.number]
    if not cites:
        return
    units: list[str] = []
    for clause in first.children:
        opening = ch.plain[clause.start : clause.start + min(200, len(clause.text))].split("\n", 1)[0]
        if _AMENDS.search(opening):
            units += [_unit_ref(m) for m in _AMENDED_UNIT.finditer(opening)]
    if not units:
        units = [_unit_ref(m) for m in _AMENDED_UNIT.finditer(deaccent(main.header.title or ""))]
    doc_id = _legal_document(ch, cites[-1])  # "… ban hành kèm theo Quyết định số …": the act last cited
    ch.edge(AMENDS, ch.charter_id, doc_id, first, first.start, first.start + len(head), 0.9, articles=list(dict.fromkeys(units)))


def _unit_ref(m: re.Match) -> str:
    ref = f"dieu-{m.group('d')}"
    if m.group("k"):
        ref += f"/khoan-{m.group('k')}"
    if m.group("p"):
        ref += f"/diem-{'dd' if m.group('p') == 'đ' else m.group('p')}"
    return ref


def _legal_document(ch: Charter, c: Citation) -> str:
    # an act without a number (a Luật) is its title and year: the 2015 and 2025 laws are two acts
    key = document_key(c.number) if c.number else loose_key(c.title or c.text)[:80] + (f"|{c.issued_on.year}" if c.issued_on and c.issued_on.year else "")
    doc_id = make_id("doc", key)
    props = {
        Prop.name.value: " ".join(x for x in (c.doc_type, c.number) if x) if c.number else (c.title or c.text)[:200],
        Prop.number.value: c.number,
        Prop.docType.value: c.doc_type,
        Prop.issuer.value: c.issuer,
        Prop.issuedOn.value: c.issued_on.iso if c.issued_on else None,
        Prop.title.value: c.title,
    }
    ch.facts.add_node(Node(doc_id, (Label.LegalDocument.value,), {k: v for k, v in props.items() if v is not None}))
    node = ch.facts.nodes[doc_id]
    for prop, value in ((Prop.numberVariants.value, c.number), (Prop.docTypeVariants.value, c.doc_type)):
        seen = node.props.setdefault(prop, [])
        if value and value not in seen:
            seen.append(value)
    return doc_id


def documents(ch: Charter) -> None:
    for part in ch.doc.parts:
        for c in part.bases:
            if not (c.number or c.doc_type):
                continue
            doc_id = _legal_document(ch, c)
            ch.edge(BASED_ON, ch.charter_id, doc_id, None, c.start, c.end, 0.95, ref=c.ref)
            _referenced_from_citation(ch, c)
        if part.proposer:
            pr = part.proposer
            ms = find_mentions(pr.text, pr.start, ch.group_rules)
            ms = [m for m in ms if m.key.kind in (Kind.HEAD, Kind.BODY, Kind.POST, Kind.STANDING_AGENCY)]
            if ms:
                for target in resolve(ch, ms[0], pseudo_provision(pr.ref, pr.start, pr.end, pr.text), ()):
                    ch.edge(PROPOSED_BY, ch.charter_id, target, None, pr.start, pr.end, 0.95, ref=pr.ref)


def _referenced_from_citation(ch: Charter, c: Citation) -> None:
    """A căn cứ that sets up a higher committee names it ('kiện toàn Ban chỉ đạo của thành phố', 730/QĐ-TTg):
    the committee becomes a referenced node, aliased by the words the căn cứ uses."""
    for m in find_mentions(c.text, c.start):
        if m.key.kind == Kind.OTHER_COMMITTEE:
            resolve(ch, m, pseudo_provision(c.ref, c.start, c.end, c.text), ())


def signatures(ch: Charter) -> None:
    """The signer: SIGNED_BY, and the posts their title lines name."""
    for part in ch.doc.parts:
        sig = part.closing.signature if part.closing else None
        if not sig or not sig.signer:
            continue
        pid = ch.person(sig.signer)
        prov = pseudo_provision(sig.ref, sig.start, sig.end, sig.text)
        ch.edge(SIGNED_BY, ch.charter_id, pid, None, sig.start, sig.end, 0.95, ref=sig.ref)
        own_titles = [t for t in sig.titles if not re.match(r"(?i)\s*(?:kt|tl|tuq|tm|t/m|q)\s*[./]", deaccent(t))]
        lines = " - ".join(own_titles or sig.titles)
        ms = find_mentions(lines)
        posts: list[str] = []
        authority = deaccent(sig.authority or "").lower()
        for m in ms:
            if m.key.kind in (Kind.POST, Kind.HEAD):
                posts += resolve(ch, _in_source(ch, m, lines, sig.start, sig.end), prov, ())
        if not ms and sig.titles and re.match(r"(?i)chu\s+tich", deaccent(sig.titles[-1])) and "uy ban nhan dan" in authority:
            posts.append(ch.post(outside_body(ch, Key(Kind.BODY, label=Label.PeoplesCommittee.value), Mention(0, 0, "Ủy ban nhân dân", Key(Kind.BODY, label=Label.PeoplesCommittee.value), "")), Role.Head, "Chủ tịch Ủy ban nhân dân"))
        if not posts and sig.titles and (head := _BARE_HEAD.fullmatch(deaccent(sig.titles[-1]).strip())):
            # "GIÁM ĐỐC" alone under a department's decision: the head of the department that issues it
            office = Key(Kind.BODY, label=Label.Agency.value, name="Sở")
            body = outside_body(ch, office, Mention(sig.start, sig.end, "", office, ""))
            if ch.facts.nodes[body].props.get(Prop.name.value) != "Sở":
                role = Role.DeputyHead if head.group("deputy") else Role.Head
                posts.append(ch.post(body, role, "Phó Giám đốc" if head.group("deputy") else "Giám đốc"))
        if not posts and sig.titles:
            t = deaccent(" ".join(sig.titles)).lower()
            if re.search(r"\bchu\s+tich\b", t) and "uy ban nhan dan" in authority:
                posts.append(ch.post(ch.body(Label.PeoplesCommittee, f"Ủy ban nhân dân {ch.place(ch.locality)}" if ch.locality else "Ủy ban nhân dân", locality=ch.locality, status=Status.referenced), Role.Head, "Chủ tịch"))
        for post in dict.fromkeys(posts):
            ch.edge(SIGNER_HOLDS, pid, post, None, sig.start, sig.end, 0.9, ref=sig.ref)
        committee_posts = [p for p in posts if ch.facts.edges and post_body(ch, p) == ch.committee_id]
        other_posts = [p for p in posts if post_body(ch, p) != ch.committee_id]
        for cp in committee_posts:
            for op in other_posts:
                ch.edge(EX_OFFICIO_SIGNATURE, cp, op, None, sig.start, sig.end, 0.85, ref=sig.ref)


def _in_source(ch: Charter, m: Mention, joined: str, lo: int, hi: int) -> Mention:
    """A mention found in text assembled from lines of ``source.text[lo:hi]``, moved to where its
    words stand in the source (the whole span when they can't be found as written)."""
    words = joined[m.start : m.end]
    at = ch.src.text.find(words, lo, hi) if words else -1
    start, end = (at, at + len(words)) if at >= 0 else (lo, hi)
    return Mention(start, end, m.text, m.key, m.rule, m.plural)
