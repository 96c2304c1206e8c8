"""Test support: a real govkg server (uvicorn in a child process on 127.0.0.1), sample homes, XSS payloads.

:class:`LiveServer` starts ``uvicorn --factory govkg.api.app:create_app`` on a free
loopback port (with the request-head limit ``govkg serve`` uses) with the given environment (``GOVKG_HOME``, ``GOVKG_API_TOKEN``, …), waits
until ``/readyz`` answers, and stops the process it started (and only that one) on exit.
A child process, not a thread, so that the server holds the embedded store's file lock
on its own, exactly as ``govkg serve`` does.

Examples
--------
>>> port = free_port()
>>> 1024 < port < 65536
True
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterable, Mapping
from pathlib import Path
from types import TracebackType

import httpx

from govkg.api.middleware import MAX_REQUEST_HEAD_BYTES
from govkg.ontology.facts import Edge, Facts, Node, edge_id
from govkg.ontology.vocab import Label, Level, Prop, Rel, Role, Status

__all__ = [
    "BIG_COMMITTEE",
    "XSS_COMMITTEE",
    "XSS_IMG",
    "XSS_SCRIPT",
    "LiveServer",
    "big_committee_facts",
    "build_sample_home",
    "free_port",
    "hierarchy_facts",
    "sample_charter_files",
    "sample_home",
    "xss_facts",
]


def free_port() -> int:
    """A TCP port free on 127.0.0.1 right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class LiveServer:
    """``with LiveServer({"GOVKG_HOME": ...}) as server: httpx.get(server.url + "/healthz")``.

    Parameters
    ----------
    env
        Variables added to a copy of this process's environment (``None`` removes one).
    startup_timeout
        Seconds to wait for ``/readyz``.
    log
        Where the server's output goes (default: a file next to ``GOVKG_HOME``, or discarded).
    """

    def __init__(self, env: Mapping[str, str | None] | None = None, *, startup_timeout: float = 60.0, log: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.env = dict(os.environ)
        for key, value in (env or {}).items():
            if value is None:
                self.env.pop(key, None)
            else:
                self.env[key] = value
        self.startup_timeout = startup_timeout
        home = self.env.get("GOVKG_HOME")
        self.log_path = log or (Path(home).parent / f"server-{self.port}.log" if home else None)
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> LiveServer:
        out = open(self.log_path, "wb") if self.log_path else subprocess.DEVNULL
        self._log = out
        cmd = [
            sys.executable, "-m", "uvicorn", "--factory", "govkg.api.app:create_app",
            "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning", "--no-server-header",
            "--h11-max-incomplete-event-size", str(MAX_REQUEST_HEAD_BYTES),
        ]
        self.process = subprocess.Popen(cmd, env=self.env, stdout=out, stderr=subprocess.STDOUT)
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"govkg server exited with {self.process.returncode}; log: {self.log_path}")
            try:
                if httpx.get(self.url + "/readyz", timeout=2.0).status_code == 200:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.1)
        self.stop()
        raise RuntimeError(f"govkg server not ready after {self.startup_timeout} s; log: {self.log_path}")

    def stop(self) -> None:
        """Stop the server process this object started (SIGTERM, then SIGKILL)."""
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=15)
        self.process = None
        log = getattr(self, "_log", None)
        if log not in (None, subprocess.DEVNULL):
            log.close()
            self._log = None

    def log_text(self) -> str:
        """What the server printed so far (empty when not logged)."""
        if self.log_path and self.log_path.exists():
            return self.log_path.read_text(encoding="utf-8", errors="replace")
        return ""

    def __enter__(self) -> LiveServer:
        return self.start()

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.stop()


# --------------------------------------------------------------------------- sample data
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_SCRIPT = "</script><script>alert(2)</script>"
XSS_COMMITTEE = "committee:xss-test"


def xss_facts() -> Facts:
    """A hand-built charter whose names and quotes are HTML/script payloads (for escaping tests).

    Its committee ``committee:xss-test`` (commune level) has a working group named exactly
    ``<img src=x onerror=alert(1)>``, another named ``</script><script>alert(2)</script>``,
    a post and a person, and is SUBORDINATE_TO ``committee:national``, which must already be
    stored (load it after the sample charters).

    >>> f = xss_facts(); f.nodes["body:xss-img"].props["name"] == XSS_IMG
    True
    """
    cid = "charter:xss-test"
    f = Facts(charter_id=cid)

    def node(nid: str, labels: tuple[str, ...], **props: object) -> None:
        f.add_node(Node(nid, labels, dict(props)))

    def edge(type_: Rel, source: str, target: str, n: int, quote: str) -> None:
        f.add_edge(
            Edge(
                type_.value,
                source,
                target,
                {
                    Prop.id.value: edge_id(type_.value, source, target, f"p{n}", cid),
                    Prop.charter.value: cid,
                    Prop.provision.value: f"quy-che/dieu-{n}",
                    Prop.quote.value: quote,
                },
            )
        )

    node(cid, (Label.Charter.value,), number="99/QĐ-XSS", title=f"Quy chế {XSS_IMG}", sha256="xss-test-1", issuedOn="2026-01-01")
    node(XSS_COMMITTEE, (Label.Body.value, Label.SteeringCommittee.value), name=f"Ban Chỉ đạo {XSS_IMG}",
         level=Level.commune.value, locality="xã <b>Thử</b>", status=Status.defined.value)
    node("body:xss-img", (Label.Body.value, Label.WorkingGroup.value), name=XSS_IMG, level=Level.commune.value)
    node("body:xss-script", (Label.Body.value, Label.WorkingGroup.value), name=XSS_SCRIPT, level=Level.commune.value)
    node("post:xss-chair", (Label.Post.value,), name="Trưởng Ban \u2028<svg onload=alert(3)>", role=Role.Chair.value)
    node("person:xss", (Label.Person.value,), name="Nguyễn Văn <iframe src=javascript:alert(4)>")
    edge(Rel.GOVERNS, cid, XSS_COMMITTEE, 0, "Quy chế này quy định")
    edge(Rel.PART_OF, "body:xss-img", XSS_COMMITTEE, 1, f"{XSS_IMG} thuộc Ban Chỉ đạo")
    edge(Rel.PART_OF, "body:xss-script", XSS_COMMITTEE, 2, f"{XSS_SCRIPT} & <b>bold</b>")
    edge(Rel.POST_IN, "post:xss-chair", XSS_COMMITTEE, 3, "Trưởng Ban <img src=y onerror=alert(5)>")
    edge(Rel.HOLDS, "person:xss", "post:xss-chair", 4, "\u2029</script>")
    edge(Rel.SUBORDINATE_TO, XSS_COMMITTEE, "committee:national", 5, "chịu sự chỉ đạo")
    return f


def sample_charter_files() -> list[Path]:
    """The five bundled sample charters (the ``.txt`` files of ``data/charters``)."""
    from govkg.pipeline import SAMPLE_CHARTERS

    return sorted(SAMPLE_CHARTERS.glob("*.txt"))


def build_sample_home(home: Path, *, extra: Iterable[Facts] = (), validate: bool = False) -> Path:
    """A ``GOVKG_HOME`` whose embedded store holds the five sample charters (and ``extra`` facts).

    ``validate=False`` by default: these homes feed API and page tests, which are not about
    SHACL (the loaders' and the ontology's tests are); a charter that fails to load raises.
    """
    from govkg.config import Settings
    from govkg.graph.store import open_store
    from govkg.pipeline import load_paths

    home.mkdir(parents=True, exist_ok=True)
    with open_store(Settings(home=home)) as store:
        outcomes = load_paths(store, sample_charter_files(), validate=validate)
        failed = [o for o in outcomes if o.status == "failed"]
        if failed:
            raise RuntimeError(f"sample charters failed to load: {[(o.path, o.error) for o in failed]}")
        for facts in extra:
            store.load(facts)
    return home


def sample_home(base: Path, name: str, *, extra: Iterable[Facts] | None = None) -> Path:
    """A fresh copy of a sample home built once under ``base`` (e.g. pytest's session temp dir).

    The template holds the samples plus :func:`xss_facts` unless ``extra`` is given.
    """
    extras = list(extra) if extra is not None else [xss_facts()]
    key = "xss" if extra is None else f"n{len(extras)}"
    template = base / f"govkg-sample-{key}"
    if not (template / ".ready").exists():
        if template.exists():
            shutil.rmtree(template)
        build_sample_home(template, extra=extras)
        (template / ".ready").write_text("ok", encoding="utf-8")
    target = base / name
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(template, target, ignore=shutil.ignore_patterns(".ready"))
    return target


BIG_COMMITTEE = "committee:big-test"


def big_committee_facts(groups: int = 499) -> Facts:
    """A synthetic committee for page-size tests: ``groups`` working groups with a leader post each.

    With the national committee above it (SUBORDINATE_TO ``committee:national``, which must
    already be stored), its page draws ``2 * groups + 2`` nodes: 1,000 by default.

    >>> f = big_committee_facts(3); len(f.nodes), len(f.edges)
    (8, 8)
    """
    cid = "charter:big-test"
    f = Facts(charter_id=cid)
    f.add_node(Node(cid, (Label.Charter.value,), {Prop.number.value: "1/QĐ-BIG", Prop.sha256.value: f"big-{groups}"}))
    f.add_node(Node(BIG_COMMITTEE, (Label.Body.value, Label.SteeringCommittee.value),
                    {Prop.name.value: "Ban Chỉ đạo thử nghiệm quy mô lớn", Prop.level.value: Level.province.value, Prop.status.value: Status.defined.value}))

    def edge(type_: Rel, source: str, target: str, n: int) -> None:
        f.add_edge(Edge(type_.value, source, target, {
            Prop.id.value: edge_id(type_.value, source, target, f"p{n}", cid),
            Prop.charter.value: cid,
            Prop.provision.value: f"quy-che/dieu-{n % 40 + 1}",
            Prop.quote.value: f"Tổ Công tác số {n} thuộc Ban Chỉ đạo",
        }))

    edge(Rel.GOVERNS, cid, BIG_COMMITTEE, 0)
    edge(Rel.SUBORDINATE_TO, BIG_COMMITTEE, "committee:national", 0)
    for g in range(groups):
        group, post = f"body:big-group-{g}", f"post:big-leader-{g}"
        f.add_node(Node(group, (Label.Body.value, Label.WorkingGroup.value), {Prop.name.value: f"Tổ Công tác số {g}", Prop.level.value: Level.province.value}))
        f.add_node(Node(post, (Label.Post.value,), {Prop.name.value: f"Tổ trưởng Tổ {g}", Prop.role.value: Role.GroupLeader.value}))
        edge(Rel.PART_OF, group, BIG_COMMITTEE, g + 1)
        edge(Rel.POST_IN, post, group, g + 1)
    return f


def hierarchy_facts(manifest) -> Facts:
    """The committees of a benchmark corpus (a :class:`govkg.bench.corpus.Manifest`) as one synthetic charter.

    Each entry of the manifest is a committee of its level and locality, SUBORDINATE_TO its
    province's committee (a province's to ``committee:national``), with its working groups
    (PART_OF) and standing agency: the hierarchy the corpus describes, without parsing its
    3,400 texts (the benchmark does that; the hierarchy page only needs the committees).

    >>> import tempfile
    >>> from govkg.bench.corpus import generate_corpus
    >>> f = hierarchy_facts(generate_corpus(tempfile.mkdtemp(), seed=1, provinces=1, communes=2, legacy=0))
    >>> sorted(n.split("/")[1] for n in f.nodes if n.startswith("committee:2025/"))
    ['commune', 'commune', 'province']
    """
    cid = "charter:bench-hierarchy"
    f = Facts(charter_id=cid)
    f.add_node(Node(cid, (Label.Charter.value,), {Prop.number.value: "0/BENCH", Prop.sha256.value: f"bench-hierarchy-{len(manifest.entries)}"}))
    national = "committee:national"
    committee = (Label.Body.value, Label.SteeringCommittee.value)
    f.add_node(Node(national, committee, {Prop.name.value: "Ban Chỉ đạo Trung ương về phát triển khoa học, công nghệ, đổi mới sáng tạo và chuyển đổi số",
                                          Prop.level.value: Level.national.value, Prop.status.value: Status.referenced.value}))
    n = 0

    def edge(type_: Rel, source: str, target: str, quote: str) -> None:
        nonlocal n
        n += 1
        provision = f"quy-che/dieu-{n}"
        f.add_edge(Edge(type_.value, source, target, {Prop.id.value: edge_id(type_.value, source, target, provision, cid),
                                                      Prop.charter.value: cid, Prop.provision.value: provision, Prop.quote.value: quote}))

    for e in manifest.entries:
        me = f"committee:{e.locality}"
        topic = "về phát triển khoa học, công nghệ, đổi mới sáng tạo, chuyển đổi số và Đề án 06" if e.locality.startswith("2025/") else "cải cách hành chính, chuyển đổi số và Đề án 06"
        f.add_node(Node(me, committee, {Prop.name.value: f"Ban Chỉ đạo {topic} {e.name}", Prop.level.value: e.level,
                                        Prop.locality.value: e.name, Prop.status.value: Status.defined.value}))
        parent = national if e.level == Level.province.value else f"committee:{e.province}"
        if parent not in f.nodes:  # a pre-2025 province no charter of the corpus defines
            f.add_node(Node(parent, committee, {Prop.name.value: f"Ban Chỉ đạo {e.province}", Prop.level.value: Level.province.value,
                                                Prop.status.value: Status.referenced.value}))
            edge(Rel.SUBORDINATE_TO, parent, national, "chịu sự chỉ đạo của Ban Chỉ đạo Trung ương")
        edge(Rel.SUBORDINATE_TO, me, parent, "chịu sự chỉ đạo của Ban Chỉ đạo cấp trên")
        for k, group in enumerate(e.groups):
            gid = f"body:{e.locality}/group-{k}"
            f.add_node(Node(gid, (Label.Body.value, Label.WorkingGroup.value), {Prop.name.value: f"{group} {e.name}", Prop.level.value: e.level}))
            edge(Rel.PART_OF, gid, me, f"{group} thuộc Ban Chỉ đạo")
        agency = f"body:{e.locality}/agency"
        f.add_node(Node(agency, (Label.Body.value, Label.Agency.value), {Prop.name.value: f"{e.standing_agency} {e.name}", Prop.level.value: e.level}))
        edge(Rel.STANDING_AGENCY_OF, agency, me, f"{e.standing_agency} là Cơ quan thường trực của Ban Chỉ đạo")
    return f
