"""Popolo export: organizations, posts, memberships and persons, each with the charters and clauses it comes from.

Field names follow the Popolo specification (popoloproject.com):

- ``organizations``: every body, with ``classification`` (its kind in words), ``parent_id``
  (the body it is ``PART_OF``, else the committee it is ``SUBORDINATE_TO``), ``other_names``
  (its aliases) and ``identifiers`` (its govkg id, and the ids a merge retired, scheme
  ``govkg-replaced``);
- ``posts``: every post, with ``organization_id`` (``POST_IN``), ``role`` and ``label``;
- ``memberships``: a person holding a post (``HOLDS``: ``person_id``, ``post_id``) and a post
  held ex officio (``HELD_EX_OFFICIO_BY``: ``post_id`` and ``on_behalf_of_id``, the body of
  the post that holds it), each with ``organization_id``, ``role`` and ``start_date``/``end_date``
  from the validity of the charter that states it;
- ``persons``;
- ``sources`` on each: ``url`` is ``<charter id>#<provision ref>``, ``note`` the charter's
  number, the clause and the quote.

Examples
--------
>>> from govkg.ontology.facts import Edge, Facts, Node
>>> f = Facts()
>>> _ = f.add_node(Node("ch", ("Charter",), {"number": "03/QĐ-BCĐ", "validFrom": "2026-07-01"}))
>>> _ = f.add_node(Node("c", ("Body", "SteeringCommittee"), {"name": "Ban Chỉ đạo"}))
>>> _ = f.add_node(Node("p", ("Post",), {"name": "Trưởng Ban", "role": "Chair"}))
>>> _ = f.add_edge(Edge("POST_IN", "p", "c", {"charter": "ch", "provision": "dieu-2", "quote": "Trưởng Ban"}))
>>> doc = to_popolo(f)
>>> doc["posts"][0]["organization_id"], doc["organizations"][0]["classification"]
('c', 'steering committee')
>>> doc["posts"][0]["sources"][0]["url"]
'ch#dieu-2'
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from govkg.graph.export import to_facts
from govkg.graph.export_sources import Sources, charter_ref
from govkg.ontology.facts import Edge, Facts
from govkg.ontology.vocab import Label, Prop, Rel

__all__ = ["CLASSIFICATIONS", "REPLACED_SCHEME", "check_references", "to_popolo", "write_popolo"]

# Popolo's classification is free text: the body's kind in words
CLASSIFICATIONS: dict[str, str] = {
    Label.SteeringCommittee.value: "steering committee",
    Label.StandingBoard.value: "standing board",
    Label.WorkingGroup.value: "working group",
    Label.SupportGroup.value: "support group",
    Label.AdvisoryCouncil.value: "advisory council",
    Label.PeoplesCommittee.value: "people's committee",
    Label.PeoplesCouncil.value: "people's council",
    Label.PartyCommittee.value: "party committee",
    Label.Agency.value: "agency",
    Label.MassOrganization.value: "mass organization",
    Label.CommunityGroup.value: "community group",
}
GOVKG_SCHEME = "govkg"
REPLACED_SCHEME = "govkg-replaced"


def _sources(items: list[dict[str, Any]]) -> list[dict[str, str]]:
    out = []
    for s in items:
        clause = " · ".join(x for x in (s.get("number") or s["charter"], s.get("provision")) if x)
        note = f"{clause}: “{s['quote']}”" if s.get("quote") else clause
        out.append({"url": charter_ref(s["charter"], s.get("provision")), "note": note})
    return out


def _first(edges: list[Edge]) -> Edge | None:
    return min(edges, key=lambda e: str(e.props.get(Prop.id) or e.id)) if edges else None


def to_popolo(source: Any) -> dict[str, Any]:
    """A Popolo document (``organizations``, ``posts``, ``memberships``, ``persons``) from Facts or a store."""
    facts: Facts = to_facts(source)
    src = Sources(facts)
    nodes = facts.nodes
    by_type: dict[str, list[Edge]] = {}
    for e in facts.edges:
        by_type.setdefault(e.type, []).append(e)

    def out_edges(type_: Rel, node_id: str) -> list[Edge]:
        return [e for e in by_type.get(type_, []) if e.source == node_id and e.target in nodes]

    bodies = sorted((n for n in nodes.values() if Label.Body in n.labels), key=lambda n: n.id)
    posts = sorted(facts.nodes_with(Label.Post), key=lambda n: n.id)
    persons = sorted(facts.nodes_with(Label.Person), key=lambda n: n.id)
    body_ids = {n.id for n in bodies}
    post_org = {}
    for e in sorted(by_type.get(Rel.POST_IN, []), key=lambda e: str(e.props.get(Prop.id))):
        if e.target in body_ids:
            post_org.setdefault(e.source, e.target)

    organizations = []
    for n in bodies:
        org: dict[str, Any] = {"id": n.id, "name": n.props.get(Prop.name.value, "")}
        org["classification"] = CLASSIFICATIONS.get(n.kind, n.kind)
        parent = _first([e for e in out_edges(Rel.PART_OF, n.id) if e.target in body_ids]) or _first(
            [e for e in out_edges(Rel.SUBORDINATE_TO, n.id) if e.target in body_ids]
        )
        if parent is not None:
            org["parent_id"] = parent.target
        aliases = [a for a in n.props.get(Prop.aliases.value, []) if a != org["name"]]
        if aliases:
            org["other_names"] = [{"name": a} for a in aliases]
        org["identifiers"] = [{"scheme": GOVKG_SCHEME, "identifier": n.id}] + [
            {"scheme": REPLACED_SCHEME, "identifier": old} for old in n.props.get(Prop.replacedIds.value, [])
        ]
        org["sources"] = _sources(src.of_node(n.id))
        organizations.append(org)

    out_posts = []
    for n in posts:
        post: dict[str, Any] = {"id": n.id, "label": n.props.get(Prop.title.value) or n.props.get(Prop.name.value, "")}
        if n.props.get(Prop.role.value):
            post["role"] = n.props[Prop.role.value]
        if n.id in post_org:
            post["organization_id"] = post_org[n.id]
        if n.props.get(Prop.name.value) and n.props[Prop.name.value] != post["label"]:
            post["other_label"] = [n.props[Prop.name.value]]
        post["sources"] = _sources(src.of_node(n.id))
        out_posts.append(post)

    memberships = []
    post_ids = {n.id for n in posts}
    person_ids = {n.id for n in persons}
    for e in sorted(by_type.get(Rel.HOLDS, []), key=lambda e: str(e.props.get(Prop.id))):
        if e.source not in person_ids or e.target not in post_ids:
            continue
        m: dict[str, Any] = {"id": f"membership:{e.props.get(Prop.id) or e.id}", "person_id": e.source, "post_id": e.target}
        _membership_common(m, e, nodes[e.target].props, post_org, src)
        memberships.append(m)
    for e in sorted(by_type.get(Rel.HELD_EX_OFFICIO_BY, []), key=lambda e: str(e.props.get(Prop.id))):
        if e.source not in post_ids or e.target not in nodes:
            continue
        holder = nodes[e.target]
        m = {"id": f"membership:{e.props.get(Prop.id) or e.id}", "post_id": e.source}
        _membership_common(m, e, nodes[e.source].props, post_org, src)
        behalf = post_org.get(holder.id) if Label.Post in holder.labels else (holder.id if holder.id in body_ids else None)
        if behalf:
            m["on_behalf_of_id"] = behalf
        m["label"] = f"held ex officio by {holder.props.get(Prop.name.value, holder.id)}"
        memberships.append(m)

    out_persons = []
    for n in persons:
        person: dict[str, Any] = {"id": n.id, "name": n.props.get(Prop.name.value, "")}
        replaced = n.props.get(Prop.replacedIds.value, [])
        if replaced:
            person["identifiers"] = [{"scheme": REPLACED_SCHEME, "identifier": old} for old in replaced]
        person["sources"] = _sources(src.of_node(n.id))
        out_persons.append(person)
    return {"persons": out_persons, "organizations": organizations, "posts": out_posts, "memberships": memberships}


def _membership_common(m: dict[str, Any], e: Edge, post: dict[str, Any], post_org: dict[str, str], src: Sources) -> None:
    if e.target in post_org and "person_id" in m:
        m["organization_id"] = post_org[e.target]
    elif "person_id" not in m and e.source in post_org:
        m["organization_id"] = post_org[e.source]
    if post.get(Prop.title.value) or post.get(Prop.role.value):
        m["role"] = post.get(Prop.title.value) or post.get(Prop.role.value)
    start, end = src.validity(e)
    if start:
        m["start_date"] = start
    if end:
        m["end_date"] = end
    m["sources"] = _sources([src.of_edge(e)])


def check_references(doc: dict[str, Any]) -> list[str]:
    """The ids a Popolo document references that it does not define (empty when it is whole).

    >>> check_references({"organizations": [{"id": "a", "parent_id": "b"}], "posts": [], "memberships": [], "persons": []})
    ['organizations a parent_id → b']
    """
    defined = {k: {x["id"] for x in doc.get(k, [])} for k in ("organizations", "posts", "persons", "memberships")}
    wanted = {
        "parent_id": "organizations",
        "organization_id": "organizations",
        "on_behalf_of_id": "organizations",
        "post_id": "posts",
        "person_id": "persons",
    }
    missing = []
    for kind in ("organizations", "posts", "memberships", "persons"):
        for item in doc.get(kind, []):
            for field, target in wanted.items():
                if field in item and item[field] not in defined[target]:
                    missing.append(f"{kind} {item['id']} {field} → {item[field]}")
    return missing


def write_popolo(source: Any, path: str | Path | None = None) -> str:
    """The Popolo document as JSON text; written to ``path`` when given."""
    text = json.dumps(to_popolo(source), ensure_ascii=False, indent=1)
    if path is not None:
        Path(path).write_text(text + "\n", encoding="utf-8")
    return text
