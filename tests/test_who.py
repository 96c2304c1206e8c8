"""Who holds what and who acts for whom (issue 19, parts 1 and 2), on the real stack.

``govkg who``/``members``/``delegations``/``reporting``/``standing-agencies`` run as real
subprocesses over a copy of the sample store; ``/posts``, ``/people``, ``/members``,
``/delegations``, ``/reporting`` and ``/standing-agencies`` are asked of a real uvicorn
server on loopback over another copy. Both answer from the same read-model functions.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import quote

import httpx
import pytest
from factories import IDS, seed000, seed000_amendment, seed000_old
from servers import LiveServer, sample_home

from govkg.ontology.vocab import Role

pytestmark = pytest.mark.timeout(600)

ROOT = Path(__file__).resolve().parent.parent
HD_COMMITTEE = "committee:2025/commune/10525"
HD_COMMITTEE_NAME = "Ban Chỉ đạo về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyên đổi số và Đề án 06 phường Hải Dương"
UBND_CHAIR = "Chủ tịch UBND phường Hải Dương"
UBND_CHAIR_SPELT = "Chủ tịch Ủy ban nhân dân phường Hải Dương"
PERSON = "Phạm Thị Thanh Vân"
AWAY = "khi Trưởng ban vắng mặt"


def _env(home: Path) -> dict[str, str | None]:
    return {"GOVKG_HOME": str(home), "GOVKG_CONFIG": None, "NEO4J_URI": None, "GOVKG_API_TOKEN": None}


@pytest.fixture(scope="module")
def cli_home(tmp_path_factory) -> Path:
    return sample_home(tmp_path_factory.getbasetemp(), "who-cli")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = sample_home(tmp_path_factory.getbasetemp(), "who-api")
    with LiveServer(_env(home)) as live:
        yield live


def govkg(home: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "COLUMNS": "200", "GOVKG_HOME": str(home)}
    env.pop("NEO4J_URI", None)
    return subprocess.run([sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=300)


def cli_json(home: Path, *args: str):
    r = govkg(home, *args, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def assert_the_answer(answer: dict) -> None:
    """The committees the Chủ tịch UBND phường Hải Dương chairs, and who acts for them when away."""
    [chaired] = answer["chairs"]
    assert chaired["committee"]["id"] == HD_COMMITTEE
    assert chaired["quote"] and chaired["provision"] and chaired["charterNumber"] == "03/QĐ-BCĐ"
    [seat] = [s for s in answer["seats"] if s["post"]["id"] == chaired["seat"]]
    assert seat["post"]["role"] == Role.Chair
    assert any(h["how"] == "HELD_EX_OFFICIO_BY" and h["quote"] for h in seat["holding"])
    [acting] = [a for a in seat["actedForBy"] if a["condition"] == AWAY]
    assert acting["by"]["role"] == Role.StandingViceChair and acting["by"]["name"].startswith("Phó Trưởng Ban Thường trực")
    assert AWAY in acting["quote"] and acting["provision"] == "quy-che/dieu-6/khoan-1"
    # the rest of the seat: what it delegates (scope, condition), whom it reports and answers to
    assert any(d["scope"] and d["condition"] and d["quote"] for d in seat["delegates"])
    for key in ("delegates", "reportsTo", "accountableTo", "actsFor", "in", "heldBy"):
        assert all(item["charter"] and item["provision"] and item["quote"] for item in seat[key]), key


# --------------------------------------------------------------------------- the question, one command
def test_the_question_answered_by_one_command(cli_home):
    assert_the_answer(cli_json(cli_home, "who", UBND_CHAIR))
    text = govkg(cli_home, "who", UBND_CHAIR)
    assert text.returncode == 0, text.stderr
    assert "chairs:" in text.stdout and "phường Hải Dương" in text.stdout
    assert "acted for by Phó Trưởng Ban Thường trực" in text.stdout and AWAY in text.stdout


def test_the_question_answered_by_one_request(client):
    r = client.get("/posts/" + quote(UBND_CHAIR))
    assert r.status_code == 200, r.text
    assert_the_answer(r.json())


def test_spelt_out_name_id_and_person_give_the_same_seats(cli_home, client):
    short = cli_json(cli_home, "who", UBND_CHAIR)
    spelt = cli_json(cli_home, "who", UBND_CHAIR_SPELT)
    assert spelt == short
    by_id = client.get("/posts/" + quote(short["subject"]["id"], safe=":")).json()
    assert by_id["seats"] == short["seats"] and by_id["chairs"] == short["chairs"]
    person = client.get("/people/" + quote(PERSON)).json()
    assert person["subject"]["labels"] == ["Person"]
    assert_the_answer(person)
    # she holds both posts in person (she signed as both), and the committee's chair ex officio too
    chair = next(s for s in person["seats"] if s["post"]["role"] == Role.Chair)
    assert {h["how"] for h in chair["holding"]} == {"HOLDS", "HELD_EX_OFFICIO_BY"}
    assert cli_json(cli_home, "who", PERSON) == person


def test_as_of_before_the_charter_holds_nothing(cli_home, client):
    early = cli_json(cli_home, "who", UBND_CHAIR, "--as-of", "2000-01-01")
    assert early["chairs"] == [] and [s["post"]["name"] for s in early["seats"]] == [early["subject"]["name"]]
    assert client.get("/posts/" + quote(UBND_CHAIR), params={"as_of": "2000-01-01"}).json() == early
    assert client.get("/posts/" + quote(UBND_CHAIR), params={"as_of": "yesterday"}).status_code == 422


def test_who_refuses_what_is_not_a_post_or_person(cli_home, client):
    r = govkg(cli_home, "who", HD_COMMITTEE)
    assert r.returncode == 2 and "members" in r.stderr and "Traceback" not in r.stderr
    assert client.get("/posts/" + quote(HD_COMMITTEE, safe=":")).status_code == 404
    assert client.get("/people/" + quote(UBND_CHAIR)).status_code == 404  # a post, not a person
    missing = client.get("/people/" + quote("Không Có Ai Tên Này"))
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("application/problem+json")


def test_an_ambiguous_name_lists_candidates(cli_home, client):
    r = client.get("/posts/" + quote("Công an phường"))
    assert r.status_code == 409
    candidates = r.json()["candidates"]
    assert len(candidates) > 1 and all({"id", "name", "labels", "locality"} <= set(c) for c in candidates)
    narrowed = client.get("/posts/" + quote("Trưởng Công an phường"), params={"in": "Hải Dương"})
    assert narrowed.status_code == 200, narrowed.text
    assert narrowed.json()["subject"]["locality"] == "phường Hải Dương"
    cli = govkg(cli_home, "who", "Công an phường")
    assert cli.returncode == 2 and "candidates" in cli.stderr


# --------------------------------------------------------------------------- the named queries exposed
def test_members(cli_home, client):
    rows = cli_json(cli_home, "members", HD_COMMITTEE_NAME)
    [chair] = [m for m in rows if m["post"]["role"] == Role.Chair]
    # held ex officio by the ward People's Committee chair (by what it is, not by the extractor's wording of its name)
    [holder] = chair["exOfficio"]
    assert holder["name"].startswith("Chủ tịch Ủy ban nhân dân phường") and "Hải Dương" in holder["name"]
    assert all(m["quote"] and m["provision"] for m in rows)
    http = client.get("/members", params={"committee": HD_COMMITTEE_NAME}).json()
    assert http["committee"]["id"] == HD_COMMITTEE and http["members"] == rows
    assert client.get("/members", params={"committee": HD_COMMITTEE, "as_of": "2000-01-01"}).json()["members"] == []


def test_delegations(cli_home, client):
    rows = cli_json(cli_home, "delegations", HD_COMMITTEE)
    acting = [r for r in rows if r["type"] == "ACTS_FOR" and r["condition"] == AWAY]
    assert acting and acting[0]["source"]["role"] == Role.StandingViceChair and AWAY in acting[0]["quote"]
    assert any(r["type"] == "DELEGATES_TO" and r["scope"] for r in rows)
    assert client.get("/delegations", params={"committee": HD_COMMITTEE}).json()["delegations"] == rows
    assert cli_json(cli_home, "delegations", HD_COMMITTEE, "--as-of", "2000-01-01") == []


def test_reporting(cli_home, client):
    rows = cli_json(cli_home, "reporting", HD_COMMITTEE)
    assert any(r["cadence"] == "P6M" and r["recipient"]["id"] == HD_COMMITTEE and r["quote"] for r in rows)
    assert client.get("/reporting", params={"committee": HD_COMMITTEE}).json()["reporting"] == rows


def test_standing_agencies(cli_home, client):
    rows = cli_json(cli_home, "standing-agencies", "Công an phường")
    assert HD_COMMITTEE in {r["committee"]["id"] for r in rows}  # every ward's police, by the whole name
    assert all(r["quote"] and r["charter"] for r in rows)
    http = client.get("/standing-agencies", params={"agency": "Công an phường"}).json()
    assert http["committees"] == rows
    narrowed = client.get("/standing-agencies", params={"agency": "Công an phường Hải Dương", "in": "Hải Dương"}).json()
    assert {r["committee"]["id"] for r in narrowed["committees"]} == {HD_COMMITTEE}


def test_committee_names_resolve_like_chain(cli_home, client):
    # an ambiguous name: exit 2 with the candidates, 409 with the candidates
    for command in ("members", "delegations", "reporting"):
        r = govkg(cli_home, command, "Ban Chỉ đạo")
        assert r.returncode == 2 and "candidates" in r.stderr, command
        problem = client.get(f"/{command}", params={"committee": "Ban Chỉ đạo"})
        assert problem.status_code == 409 and problem.json()["candidates"], command
    assert client.get("/members", params={"committee": "Ban không tồn tại xyz"}).status_code == 404
    assert client.get("/reporting").status_code == 422



# --------------------------------------------------------------------------- who held which seat when
def _versions() -> list:
    """A committee (01/QĐ-BCĐ), its re-composition (kiện toàn, 03/QĐ-BCĐ), then an amendment (05/QĐ-BCĐ)."""
    return [seed000_old(), seed000(), seed000_amendment()]


@pytest.fixture(scope="module")
def versions_home(tmp_path_factory) -> Path:
    return sample_home(tmp_path_factory.getbasetemp(), "who-history", extra=_versions())


def test_history_on_the_command_line_and_over_http(versions_home, tmp_path_factory):
    answer = cli_json(versions_home, "history", IDS["bcd000"])
    assert [c["number"] for c in answer["charters"]] == ["01/QĐ-BCĐ", "03/QĐ-BCĐ", "05/QĐ-BCĐ"]
    recomposed, amended = answer["changes"]
    assert recomposed["standingAgency"]["before"][0]["charterNumber"] == "01/QĐ-BCĐ"
    assert [s["post"]["id"] for s in amended["seatsAdded"]] == [IDS["secretary000"]]
    assert amended["seatsAdded"][0]["charterNumber"] == "05/QĐ-BCĐ"
    text = govkg(versions_home, "history", IDS["bcd000"])
    assert text.returncode == 0, text.stderr
    assert "01/QĐ-BCĐ → 03/QĐ-BCĐ" in text.stdout and "+ seat Thư ký Ban Chỉ đạo" in text.stdout
    assert "Nguyễn Văn Bình" in text.stdout and "P6M → P3M, P6M" in text.stdout
    # as of a day between the re-composition and the amendment, the chair is held ex officio only
    between = cli_json(versions_home, "who", IDS["chair"], "--as-of", "2026-08-01")
    assert not [h for h in between["seats"][0]["heldBy"] if "person" in h]
    later = cli_json(versions_home, "who", IDS["chair"], "--as-of", "2026-10-02")
    assert [h["person"]["id"] for h in later["seats"][0]["heldBy"] if "person" in h] == [IDS["binh"]]
    copy = sample_home(tmp_path_factory.getbasetemp(), "who-history-api", extra=_versions())
    with LiveServer(_env(copy)) as live, httpx.Client(base_url=live.url, timeout=60) as http:
        r = http.get("/history", params={"committee": IDS["bcd000"]})
        assert r.status_code == 200, r.text
        assert r.json() == answer
        assert http.get("/history", params={"committee": "Ban không tồn tại xyz"}).status_code == 404
