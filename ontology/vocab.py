"""The govkg vocabulary: the single source of every label, relationship type and property name.

Cypher, the RDF mapping, SHACL, the API and the notebooks import names from here,
never from string literals, so that a renamed or misspelt term fails loudly.

``GOVKG`` is an rdflib ``DefinedNamespace`` in the style of ``rdflib/namespace/_ORG.py``:
with ``_fail = True`` an unknown attribute raises ``AttributeError``.
``Label``, ``Rel``, ``Role``, ``Level``, ``Status`` and ``Prop`` are ``StrEnum`` views of the
same terms for the property-graph side; a test checks that both agree with ``govkg.ttl``.

Examples
--------
>>> str(GOVKG.SteeringCommittee)
'https://govkg.org/ontology#SteeringCommittee'
>>> Rel.REPORTS_TO.value
'REPORTS_TO'
>>> GOVKG[Rel.REPORTS_TO] == GOVKG.REPORTS_TO
True
>>> GOVKG[Role.Chair]  # each role value is also a SKOS concept of govkg:RoleScheme
rdflib.term.URIRef('https://govkg.org/ontology#Chair')
>>> [str(r) for r in sorted(DOCUMENT_RELS)][:2]
['AMENDS', 'BASED_ON']
>>> GOVKG.SteringCommittee
Traceback (most recent call last):
...
AttributeError: term 'SteringCommittee' not in namespace 'https://govkg.org/ontology#'
"""

from __future__ import annotations

from enum import StrEnum

from rdflib.namespace import DefinedNamespace, Namespace
from rdflib.term import URIRef

__all__ = [
    "BODY_KINDS",
    "CHAIN_RELS",
    "DOCUMENT_RELS",
    "EVIDENCE_PROPS",
    "GOVERNANCE_RELS",
    "GOVKG",
    "NS",
    "PROVENANCE_PROPS",
    "STRUCTURE_RELS",
    "Label",
    "Level",
    "Prop",
    "Rel",
    "Role",
    "Status",
]

NS = "https://govkg.org/ontology#"


class GOVKG(DefinedNamespace):
    """Terms of the govkg ontology (``ontology/govkg.ttl``)."""

    _fail = True
    _NS = Namespace(NS)

    # node labels
    Charter: URIRef
    Provision: URIRef
    LegalDocument: URIRef
    Body: URIRef
    SteeringCommittee: URIRef
    StandingBoard: URIRef
    WorkingGroup: URIRef
    SupportGroup: URIRef
    AdvisoryCouncil: URIRef
    InspectionTeam: URIRef
    CoordinationBody: URIRef
    PeoplesCommittee: URIRef
    PeoplesCouncil: URIRef
    PartyCommittee: URIRef
    Agency: URIRef
    MassOrganization: URIRef
    CommunityGroup: URIRef
    Post: URIRef
    Person: URIRef
    AdminUnit: URIRef
    DelegationRule: URIRef
    ReportingObligation: URIRef
    Evidence: URIRef
    Role: URIRef
    # reified edges: every edge is also an rdf:Statement of one of these kinds
    StructureStatement: URIRef
    GovernanceStatement: URIRef
    DocumentStatement: URIRef
    # SKOS concept scheme of the post roles; one concept per ``Role`` value
    RoleScheme: URIRef
    Chair: URIRef
    StandingViceChair: URIRef
    ViceChair: URIRef
    StandingMember: URIRef
    Member: URIRef
    Secretary: URIRef
    GroupLeader: URIRef
    Head: URIRef
    DeputyHead: URIRef

    # relationship types: structure
    PART_OF: URIRef
    POST_IN: URIRef
    HOLDS: URIRef
    HELD_EX_OFFICIO_BY: URIRef
    LEADS: URIRef
    STANDING_AGENCY_OF: URIRef
    LOCATED_IN: URIRef
    WITHIN: URIRef
    SUBORDINATE_TO: URIRef
    ESTABLISHED_BY: URIRef
    # governance
    REPORTS_TO: URIRef
    DIRECTED_BY: URIRef
    DIRECTS: URIRef
    ACCOUNTABLE_TO: URIRef
    DELEGATES_TO: URIRef
    ACTS_FOR: URIRef
    ADVISES: URIRef
    COORDINATES_WITH: URIRef
    SUPERVISES: URIRef
    FUNDED_BY: URIRef
    USES_SEAL_OF: URIRef
    # documents
    BASED_ON: URIRef
    REPLACES: URIRef
    AMENDS: URIRef
    PROPOSED_BY: URIRef
    SIGNED_BY: URIRef
    GOVERNS: URIRef
    HAS_PROVISION: URIRef
    REFERS_TO: URIRef

    # properties
    id: URIRef
    name: URIRef
    nameEn: URIRef
    number: URIRef
    title: URIRef
    docType: URIRef
    issuedOn: URIRef
    status: URIRef
    locality: URIRef
    localityCode: URIRef
    sha256: URIRef
    ref: URIRef
    text: URIRef
    start: URIRef
    end: URIRef
    issuer: URIRef
    level: URIRef
    meetingCadence: URIRef
    role: URIRef
    code: URIRef
    codeSystem: URIRef
    domain: URIRef
    cadence: URIRef
    dayOfMonth: URIRef
    months: URIRef
    via: URIRef
    adHoc: URIRef
    scope: URIRef
    condition: URIRef
    charter: URIRef
    provision: URIRef
    quote: URIRef
    quoteStart: URIRef
    quoteEnd: URIRef
    charters: URIRef
    provisions: URIRef
    rules: URIRef
    quotes: URIRef
    quoteStarts: URIRef
    quoteEnds: URIRef
    evidence: URIRef
    sourceText: URIRef
    rule: URIRef
    confidence: URIRef
    inferred: URIRef
    established: URIRef
    validFrom: URIRef
    validTo: URIRef
    aliases: URIRef
    numberVariants: URIRef
    docTypeVariants: URIRef
    replacedIds: URIRef
    judgements: URIRef
    human: URIRef
    articles: URIRef
    kind: URIRef
    path: URIRef
    # qualified (reified) rules
    delegator: URIRef
    delegate: URIRef
    reporter: URIRef
    recipient: URIRef
    derivedFromEdge: URIRef
    schedule: URIRef


class Label(StrEnum):
    """Node labels of the property graph."""

    Charter = "Charter"
    Provision = "Provision"
    LegalDocument = "LegalDocument"
    Body = "Body"
    SteeringCommittee = "SteeringCommittee"
    StandingBoard = "StandingBoard"
    WorkingGroup = "WorkingGroup"
    SupportGroup = "SupportGroup"
    AdvisoryCouncil = "AdvisoryCouncil"
    InspectionTeam = "InspectionTeam"
    CoordinationBody = "CoordinationBody"
    PeoplesCommittee = "PeoplesCommittee"
    PeoplesCouncil = "PeoplesCouncil"
    PartyCommittee = "PartyCommittee"
    Agency = "Agency"
    MassOrganization = "MassOrganization"
    CommunityGroup = "CommunityGroup"
    Post = "Post"
    Person = "Person"
    AdminUnit = "AdminUnit"


BODY_KINDS: tuple[Label, ...] = (
    Label.SteeringCommittee,
    Label.StandingBoard,
    Label.WorkingGroup,
    Label.SupportGroup,
    Label.AdvisoryCouncil,
    Label.InspectionTeam,
    Label.CoordinationBody,
    Label.PeoplesCommittee,
    Label.PeoplesCouncil,
    Label.PartyCommittee,
    Label.Agency,
    Label.MassOrganization,
    Label.CommunityGroup,
)


class Rel(StrEnum):
    """Relationship types of the property graph, read in the direction given in the contract."""

    PART_OF = "PART_OF"
    POST_IN = "POST_IN"
    HOLDS = "HOLDS"
    HELD_EX_OFFICIO_BY = "HELD_EX_OFFICIO_BY"
    LEADS = "LEADS"
    STANDING_AGENCY_OF = "STANDING_AGENCY_OF"
    LOCATED_IN = "LOCATED_IN"
    WITHIN = "WITHIN"
    SUBORDINATE_TO = "SUBORDINATE_TO"
    ESTABLISHED_BY = "ESTABLISHED_BY"
    REPORTS_TO = "REPORTS_TO"
    DIRECTED_BY = "DIRECTED_BY"
    DIRECTS = "DIRECTS"
    ACCOUNTABLE_TO = "ACCOUNTABLE_TO"
    DELEGATES_TO = "DELEGATES_TO"
    ACTS_FOR = "ACTS_FOR"
    ADVISES = "ADVISES"
    COORDINATES_WITH = "COORDINATES_WITH"
    SUPERVISES = "SUPERVISES"
    FUNDED_BY = "FUNDED_BY"
    USES_SEAL_OF = "USES_SEAL_OF"
    BASED_ON = "BASED_ON"
    REPLACES = "REPLACES"
    AMENDS = "AMENDS"
    PROPOSED_BY = "PROPOSED_BY"
    SIGNED_BY = "SIGNED_BY"
    GOVERNS = "GOVERNS"
    HAS_PROVISION = "HAS_PROVISION"
    REFERS_TO = "REFERS_TO"


STRUCTURE_RELS: frozenset[Rel] = frozenset(
    {
        Rel.PART_OF,
        Rel.POST_IN,
        Rel.HOLDS,
        Rel.HELD_EX_OFFICIO_BY,
        Rel.LEADS,
        Rel.STANDING_AGENCY_OF,
        Rel.LOCATED_IN,
        Rel.WITHIN,
        Rel.SUBORDINATE_TO,
        Rel.ESTABLISHED_BY,
    }
)
GOVERNANCE_RELS: frozenset[Rel] = frozenset(
    {
        Rel.REPORTS_TO,
        Rel.DIRECTED_BY,
        Rel.DIRECTS,
        Rel.ACCOUNTABLE_TO,
        Rel.DELEGATES_TO,
        Rel.ACTS_FOR,
        Rel.ADVISES,
        Rel.COORDINATES_WITH,
        Rel.SUPERVISES,
        Rel.FUNDED_BY,
        Rel.USES_SEAL_OF,
    }
)

DOCUMENT_RELS: frozenset[Rel] = frozenset(set(Rel) - STRUCTURE_RELS - GOVERNANCE_RELS)
# The upward edges the named "chain" query follows, in their stored direction (chain.rq and
# its Cypher twin chain.cypher): a post up to its body, a group to its committee, a body to
# whom it reports, answers or defers, an agency to the committee it serves, and a committee
# post to the post that holds it ex officio.
CHAIN_RELS: tuple[Rel, ...] = (
    Rel.REPORTS_TO,
    Rel.ACCOUNTABLE_TO,
    Rel.DIRECTED_BY,
    Rel.STANDING_AGENCY_OF,
    Rel.PART_OF,
    Rel.POST_IN,
    Rel.SUBORDINATE_TO,
    Rel.HELD_EX_OFFICIO_BY,
)


class Role(StrEnum):
    """The ``role`` of a ``Post``."""

    Chair = "Chair"
    StandingViceChair = "StandingViceChair"
    ViceChair = "ViceChair"
    StandingMember = "StandingMember"
    Member = "Member"
    Secretary = "Secretary"
    GroupLeader = "GroupLeader"
    Head = "Head"
    DeputyHead = "DeputyHead"


class Level(StrEnum):
    """Administrative level of a body or unit."""

    national = "national"
    province = "province"
    district = "district"
    commune = "commune"


class Status(StrEnum):
    """``status`` of a Body (defined/referenced) or a Charter (signed/draft/partial: a text that stops short)."""

    defined = "defined"
    referenced = "referenced"
    signed = "signed"
    draft = "draft"
    partial = "partial"


class Prop(StrEnum):
    """Property names used on nodes and edges."""

    id = "id"
    name = "name"
    nameEn = "nameEn"
    number = "number"
    title = "title"
    docType = "docType"
    issuedOn = "issuedOn"
    status = "status"
    locality = "locality"
    localityCode = "localityCode"
    sha256 = "sha256"
    ref = "ref"
    text = "text"
    start = "start"
    end = "end"
    issuer = "issuer"
    level = "level"
    meetingCadence = "meetingCadence"
    role = "role"
    code = "code"
    codeSystem = "codeSystem"
    domain = "domain"
    cadence = "cadence"
    dayOfMonth = "dayOfMonth"
    months = "months"
    via = "via"
    adHoc = "adHoc"
    scope = "scope"
    condition = "condition"
    charter = "charter"
    provision = "provision"
    quote = "quote"
    quoteStart = "quoteStart"
    quoteEnd = "quoteEnd"
    # a folded (inferred) edge's evidence: aligned lists, one entry per charter and clause that imply it
    charters = "charters"
    provisions = "provisions"
    rules = "rules"
    quotes = "quotes"
    quoteStarts = "quoteStarts"
    quoteEnds = "quoteEnds"
    evidence = "evidence"
    sourceText = "sourceText"
    rule = "rule"
    confidence = "confidence"
    inferred = "inferred"
    established = "established"
    validFrom = "validFrom"
    validTo = "validTo"
    aliases = "aliases"
    numberVariants = "numberVariants"
    docTypeVariants = "docTypeVariants"
    replacedIds = "replacedIds"
    judgements = "judgements"
    human = "human"
    articles = "articles"
    kind = "kind"
    path = "path"


#: the aligned evidence lists of a folded inferred edge (see govkg.ontology.facts.fold_edge), in order
EVIDENCE_PROPS: tuple[Prop, ...] = (
    Prop.charters,
    Prop.provisions,
    Prop.rules,
    Prop.quotes,
    Prop.quoteStarts,
    Prop.quoteEnds,
)

PROVENANCE_PROPS: tuple[Prop, ...] = (
    Prop.charter,
    Prop.provision,
    Prop.quote,
    Prop.quoteStart,
    Prop.quoteEnd,
    Prop.start,
    Prop.end,
    Prop.rule,
    Prop.confidence,
)
