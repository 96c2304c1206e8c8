"""The Popolo export (``govkg.graph.export_popolo``) of a store loaded with the sample charters."""

from __future__ import annotations

import json
import re

import pytest
from factories import make_store
from govkg.graph.export_popolo import CLASSIFICATIONS, check_references, to_popolo, write_popolo

from govkg.pipeline import SAMPLE_CHARTERS, load_paths

POPOLO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    s = make_store("embedded", tmp_path_factory.mktemp("popolo"))
    outcomes = load_paths(s, [SAMPLE_CHARTERS], validate=False)
    assert all(o.status == "loaded" for o in outcomes)
    yield s
    s.close()


@pytest.fixture(scope="module")
def doc(store):
    return to_popolo(store)


def test_every_referenced_id_exists(doc):
    assert check_references(doc) == []
    # the check can fail: a dangling parent is reported
    broken = json.loads(json.dumps(doc))
    broken["organizations"][0]["parent_id"] = "body:nowhere"
    assert check_references(broken) == [f"organizations {broken['organizations'][0]['id']} parent_id → body:nowhere"]


def test_structure_follows_popolo(store, doc):
    counts = store.counts()["labels"]
    assert set(doc) == {"persons", "organizations", "posts", "memberships"}
    assert len(doc["organizations"]) == counts["Body"] and len(doc["posts"]) == counts["Post"]
    assert len(doc["persons"]) == counts["Person"]
    allowed = {
        "organizations": {"id", "name", "classification", "parent_id", "other_names", "identifiers", "sources"},
        "posts": {"id", "label", "role", "organization_id", "other_label", "sources"},
        "memberships": {"id", "person_id", "post_id", "organization_id", "on_behalf_of_id", "role", "label",
                        "start_date", "end_date", "sources"},
        "persons": {"id", "name", "identifiers", "sources"},
    }
    for kind, fields in allowed.items():
        for item in doc[kind]:
            assert set(item) <= fields, (kind, set(item) - fields)
            assert item["sources"], (kind, item["id"])
            for source in item["sources"]:
                assert set(source) == {"url", "note"} and source["url"].startswith("charter:")
    assert {o["classification"] for o in doc["organizations"]} <= set(CLASSIFICATIONS.values())
    assert all(p.get("organization_id") for p in doc["posts"])  # every post is POST_IN a body


def test_committees_groups_and_parents(doc):
    orgs = {o["id"]: o for o in doc["organizations"]}
    smart = [o for o in orgs.values() if o["name"] == "Tổ Công tác về Phát triển Đô thị thông minh phường Hải Dương"]
    assert len(smart) == 1 and smart[0]["classification"] == "working group"
    parent = orgs[smart[0]["parent_id"]]
    assert parent["classification"] == "steering committee" and parent["name"].endswith("phường Hải Dương")
    assert {"name": "Tổ Công tác về Phát triển Đô thị thông minh"} in smart[0]["other_names"]


def test_memberships_persons_and_ex_officio(doc):
    posts = {p["id"]: p for p in doc["posts"]}
    held = [m for m in doc["memberships"] if "person_id" in m]
    ex_officio = [m for m in doc["memberships"] if "person_id" not in m]
    assert held and ex_officio
    # a person's membership: the post and its body; dates from the charter's validity
    van = next(
        m for m in held if m["person_id"].startswith("person:pham-thi-thanh-van") and posts[m["post_id"]]["role"] == "Chair"
    )
    assert van["organization_id"] == posts[van["post_id"]]["organization_id"]
    assert van["start_date"] == "2026-07-01" and "03/QĐ-BCĐ · quyet-dinh/chu-ky" in van["sources"][0]["note"]
    # the Hải Dương chair is held ex officio by the Chairman of the People's Committee: on behalf of it
    chair = next(m for m in ex_officio if m["post_id"] == van["post_id"])
    orgs = {o["id"]: o for o in doc["organizations"]}
    assert orgs[chair["on_behalf_of_id"]]["name"] == "Ủy ban nhân dân phường Hải Dương"
    assert all(POPOLO_DATE.match(m[k]) for m in doc["memberships"] for k in ("start_date", "end_date") if k in m)


def test_replaced_charters_close_memberships(doc):
    # phường Phúc La's charter (2024) has no successor loaded; none of the samples is closed
    assert not any("end_date" in m for m in doc["memberships"])


def test_write_popolo(store, tmp_path):
    path = tmp_path / "popolo.json"
    text = write_popolo(store, path)
    assert json.loads(path.read_text(encoding="utf-8")) == json.loads(text) == to_popolo(store)
