"""Web security of the live server: escaping, CORS, upload limits, the upload token, file names.

One real server (``uvicorn`` in a child process on 127.0.0.1, :class:`servers.LiveServer` (tests/servers.py))
over a home holding the sample charters, a hand-built charter whose names are HTML payloads
(``xss_facts``) and the corpus charter ``tests/data/bad/hostile_names.txt`` (``<script>``,
quotes, braces, backticks in names, through the real extractor). Uploads are on.

- every page (overview, filtered overview, committee, chain) and every tooltip shows the
  payloads as text: not in the HTML unescaped, no element or script created in Chromium,
  every tooltip an element tree of text (``div``/``b``) only;
- request parameters reflected into pages and errors are escaped (HTML) or served as JSON
  with ``nosniff`` and a ``default-src 'none'`` CSP;
- no CORS header for any origin by default, on any endpoint, preflight or not;
- uploads: over the size limit is 413 before the body is read, more than 20 files refused;
- the token: only the exact token passes, compared with ``hmac.compare_digest``;
- uploaded file names never become paths: nothing is written outside (or inside) the home.

``tests/test_api.py`` and ``tests/test_api_browser.py`` test the API's behaviour; this file
tests each security promise of ``docs/guarantees.md`` against the running server.
"""

from __future__ import annotations

import ast
import inspect
import re
import shutil
import socket
import tempfile
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest
from servers import XSS_COMMITTEE, XSS_IMG, XSS_SCRIPT, LiveServer, sample_home, xss_facts

from govkg.config import Settings
from govkg.graph.embedded import EmbeddedStore
from govkg.loaders.extract import extract
from govkg.loaders.parse import parse_file

ROOT = Path(__file__).resolve().parent.parent
HOSTILE = ROOT / "tests" / "data" / "bad" / "hostile_names.txt"
CLEAN = ROOT / "data" / "charters" / "003_c5d495fa5d9e6f4c.txt"
TOKEN = "web-security-token-5e6f7a8b9c"
MAX_UPLOAD = 300_000
CHROMIUM = Path("/usr/bin/chromium")

# Strings that must never appear raw in an HTML page: each would be markup if it did.
PAYLOADS = [
    XSS_IMG,
    XSS_SCRIPT,
    "<svg onload=alert(3)>",
    "<iframe src=javascript:alert(4)>",
    "<img src=y onerror=alert(5)>",
    "<b>Thử</b>",
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
]
REFLECTED = '"><script>alert(9)</script><img src=z onerror=alert(10)>'

pytestmark = pytest.mark.timeout(900)


@pytest.fixture(scope="module")
def hostile_facts():
    return extract(parse_file(HOSTILE))


@pytest.fixture(scope="module")
def home(tmp_path_factory, hostile_facts) -> Path:
    home = sample_home(tmp_path_factory.getbasetemp(), "web-security", extra=[xss_facts()])
    s = Settings(home=home)
    with EmbeddedStore(s.embedded_path, settings=s) as store:
        store.load(hostile_facts)
    return home


@pytest.fixture(scope="module")
def server(home):
    env = {
        "GOVKG_HOME": str(home),
        "GOVKG_API_TOKEN": TOKEN,
        "GOVKG_MAX_UPLOAD_BYTES": str(MAX_UPLOAD),
        "GOVKG_CORS_ORIGINS": None,
        "GOVKG_CONFIG": None,
        "NEO4J_URI": None,
    }
    with LiveServer(env) as live:
        yield live


def _hostile_ids(facts) -> tuple[str, str]:
    group = next(n.id for n in facts.nodes.values() if "WorkingGroup" in n.labels and "'}]->" in n.props.get("name", ""))
    committee = next(e.target for e in facts.edges if e.type == "GOVERNS")
    return group, committee


def pages(hostile_facts) -> list[str]:
    group, committee = _hostile_ids(hostile_facts)
    return [
        "/viz",
        "/viz?level=commune",
        "/viz?" + httpx.QueryParams({"locality": "Thử"}).__str__(),
        f"/viz/committees/{quote(XSS_COMMITTEE, safe='')}",
        "/viz/chains?" + str(httpx.QueryParams({"from": "body:xss-img"})),
        "/viz/chains?" + str(httpx.QueryParams({"from": "body:xss-script"})),
        f"/viz/committees/{quote(committee, safe='')}",
        "/viz/chains?" + str(httpx.QueryParams({"from": group})),
    ]


# --------------------------------------------------------------------------- escaping (HTML)
def test_stored_payloads_are_escaped_in_every_page(client, hostile_facts):
    for path in pages(hostile_facts):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:300])
        assert r.headers["content-type"].startswith("text/html")
        csp = r.headers["content-security-policy"]
        assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
        for payload in PAYLOADS:
            assert payload not in r.text, (path, payload)
        # the data block cannot be closed from inside
        block = re.search(r'<script[^>]*id="govkg-data"[^>]*>(.*?)</script>', r.text, re.S)
        assert block and "<" not in block.group(1), path
    # and the payloads are there, escaped: the pages do show the names
    committee = client.get(f"/viz/committees/{quote(XSS_COMMITTEE, safe='')}").text
    assert "&lt;img src=x onerror=alert(1)&gt;" in committee or "\\u003cimg src=x onerror=alert(1)\\u003e" in committee


def test_reflected_parameters_are_escaped_or_json(client):
    """Request input echoed back: in HTML escaped; in errors as problem+json that browsers never render."""
    html_paths = [
        "/viz?" + str(httpx.QueryParams({"locality": REFLECTED})),
        "/viz?" + str(httpx.QueryParams({"level": "commune", "locality": REFLECTED})),
    ]
    for path in html_paths:
        r = client.get(path)
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert REFLECTED not in r.text and "<script>alert(9)" not in r.text
        assert "&lt;script&gt;alert(9)&lt;/script&gt;" in r.text  # echoed in the filter form, escaped
    other = [
        f"/viz/committees/{quote(REFLECTED, safe='')}",
        "/viz/chains?" + str(httpx.QueryParams({"from": REFLECTED})),
        "/viz/chains?" + str(httpx.QueryParams({"from": "body:xss-img", "in": REFLECTED})),
        "/viz?" + str(httpx.QueryParams({"level": REFLECTED})),
        f"/bodies/{quote(REFLECTED, safe='')}",
        f"/charters/{quote(REFLECTED, safe='')}",
        "/chains?" + str(httpx.QueryParams({"from": REFLECTED})),
        "/search?" + str(httpx.QueryParams({"q": REFLECTED})),
        "/sparql?" + str(httpx.QueryParams({"query": REFLECTED})),
        f"/no/such/{quote(REFLECTED, safe='')}",
    ]
    for path in other:
        r = client.get(path)
        kind = r.headers["content-type"]
        if kind.startswith("text/html"):
            assert REFLECTED not in r.text and "<script>alert(9)" not in r.text, path
        else:
            assert kind.startswith(("application/json", "application/problem+json")), (path, kind)
            assert r.headers["x-content-type-options"] == "nosniff"
            assert r.headers["content-security-policy"].startswith("default-src 'none'")
    r = client.post("/query/cypher", json={"query": f"RETURN '{REFLECTED}' AS x"})
    assert r.headers["content-type"].startswith("application/json") and r.json()["rows"] == [{"x": REFLECTED}]


def test_json_resources_carry_payloads_as_data(client, hostile_facts):
    group, _ = _hostile_ids(hostile_facts)
    for path in (f"/bodies/{quote(group, safe='')}", f"/bodies/{quote('body:xss-img', safe='')}", "/search?q=script"):
        r = client.get(path)
        assert r.status_code == 200, (path, r.text[:200])
        assert r.headers["content-type"].startswith("application/json")
        assert r.headers["x-content-type-options"] == "nosniff"
    assert client.get(f"/bodies/{quote('body:xss-img', safe='')}").json()["body"]["name"] == XSS_IMG
    assert client.get(f"/bodies/{quote(group, safe='')}").json()["body"]["name"] == hostile_facts.nodes[group].props["name"]


# --------------------------------------------------------------------------- escaping (browser, every tooltip)
_TOOLTIP_AUDIT = """() => {
    const out = [];
    for (const ds of [window.govkg.nodes, window.govkg.edges]) {
        ds.forEach((item) => {
            const t = item.title;
            if (t === undefined) { out.push({id: String(item.id), kind: 'none'}); return; }
            const element = t instanceof HTMLElement;
            const tags = element ? Array.from(t.querySelectorAll('*')).map((e) => e.tagName) : [];
            out.push({id: String(item.id), kind: element ? 'element' : typeof t, tags: tags,
                      text: element ? t.textContent : String(t), label: String(item.label || ''),
                      url: item.url == null ? null : String(item.url)});
        });
    }
    return out;
}"""


@pytest.mark.browser
@pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium; `make browser`)")
def test_every_tooltip_and_label_is_text_in_chromium(server, hostile_facts):
    sync_api = pytest.importorskip("playwright.sync_api")
    profile = tempfile.mkdtemp(prefix="govkg-websec-")
    dialogs: list[str] = []
    errors: list[str] = []
    offsite: list[str] = []
    try:
        with sync_api.sync_playwright() as p:
            context = p.chromium.launch_persistent_context(
                profile, executable_path=str(CHROMIUM), headless=True,
                args=["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
            )
            page = context.new_page()
            page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
            page.on("pageerror", lambda e: errors.append(str(e)))

            def route(r):
                if urlsplit(r.request.url).hostname in ("127.0.0.1", "localhost") or r.request.url.startswith("data:"):
                    r.continue_()
                else:
                    offsite.append(r.request.url)
                    r.abort()

            page.route("**/*", route)
            seen_text = ""
            for path in pages(hostile_facts):
                page.goto(server.url + path, wait_until="load")
                page.wait_for_selector("body[data-drawn='1']", timeout=60_000)
                items = page.evaluate(_TOOLTIP_AUDIT)
                assert items, path
                for item in items:
                    # a tooltip is an element built from text nodes: only <div> and <b> inside
                    assert item["kind"] in ("element", "none"), (path, item)
                    assert set(item.get("tags", [])) <= {"DIV", "B"}, (path, item)
                    if item["url"] is not None:  # double-click targets stay on this origin
                        assert item["url"].startswith("/") and not item["url"].startswith("//"), item
                    seen_text += item.get("text", "") + "\n" + item["label"] + "\n"
                # no markup from the data reached the DOM
                assert page.locator("img, iframe, svg[onload], object, embed").count() == 0, path
                assert page.evaluate("document.querySelectorAll('script').length") == 3, path
                # hover each node: vis shows the element tooltip, still text only
                ids = page.evaluate("window.govkg.nodes.getIds()")
                for node_id in ids[:40]:
                    xy = page.evaluate(
                        """(id) => { const n = window.govkg.network; const p = n.getPositions([id])[id];
                                     const d = n.canvasToDOM(p); const r = document.querySelector('#govkg-network').getBoundingClientRect();
                                     return [r.left + d.x, r.top + d.y]; }""",
                        node_id,
                    )
                    page.mouse.move(*xy)
                    page.wait_for_timeout(60)
                    for tip in page.query_selector_all("div.vis-tooltip"):
                        assert tip.query_selector("img, script, iframe, svg, a") is None, (path, node_id)
                page.mouse.move(1, 1)
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    assert dialogs == [], f"a script from the data ran: {dialogs}"
    assert errors == [], errors
    assert offsite == [], offsite
    # the payloads were on the pages, as text
    for payload in (XSS_IMG, XSS_SCRIPT, "<svg onload=alert(3)>", "'}]->"):
        assert payload in seen_text, payload


# --------------------------------------------------------------------------- CORS
def test_cors_is_strict_by_default_everywhere(client):
    origins = ["http://evil.example", "null", "http://127.0.0.1:1", "https://govkg.org"]
    requests = [
        ("GET", "/charters", {}),
        ("GET", "/healthz", {}),
        ("GET", "/viz", {}),
        ("GET", "/sparql", {"params": {"query": "ASK { ?s ?p ?o }"}}),
        ("POST", "/query/cypher", {"json": {"query": "RETURN 1 AS x"}}),
        ("POST", "/charters", {"files": {"files": ("a.txt", b"x")}}),
    ]
    for origin in origins:
        for method, path, kw in requests:
            headers = {"Origin": origin, "Authorization": f"Bearer {TOKEN}"}
            r = client.request(method, path, headers=headers, **kw)
            for name in ("access-control-allow-origin", "access-control-allow-credentials", "access-control-allow-methods"):
                assert name not in r.headers, (origin, method, path, dict(r.headers))
            pre = client.options(
                path,
                headers={"Origin": origin, "Access-Control-Request-Method": method,
                         "Access-Control-Request-Headers": "authorization, content-type"},
            )
            assert "access-control-allow-origin" not in pre.headers, (origin, path, pre.status_code)
            assert not 200 <= pre.status_code < 300 or path == "/healthz", (origin, path, pre.status_code)


# --------------------------------------------------------------------------- upload size limit
def _raw_request(server, head: bytes, body: bytes = b"", timeout: float = 20.0) -> bytes:
    """Send raw bytes on a fresh connection; return what the server answers (up to 64 KB)."""
    host, port = urlsplit(server.url).hostname, urlsplit(server.url).port
    with socket.create_connection((host, port), timeout=timeout) as s:
        s.sendall(head + body)
        chunks = []
        try:
            while sum(map(len, chunks)) < 65536:
                data = s.recv(4096)
                if not data:
                    break
                chunks.append(data)
                if b"\r\n\r\n" in b"".join(chunks):
                    break
        except TimeoutError:
            pass
    return b"".join(chunks)


def test_an_oversized_upload_is_refused_before_its_body_is_read(server):
    # a 100 MB body is announced but never sent: the answer comes anyway, at once
    head = (
        f"POST /charters HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
        "Content-Type: multipart/form-data; boundary=x\r\nContent-Length: 104857600\r\n\r\n"
    ).encode()
    answer = _raw_request(server, head)
    assert answer.startswith(b"HTTP/1.1 413"), answer[:200]
    # the same without a token: never 2xx, and the body is not read either
    answer = _raw_request(server, head.replace(f"Authorization: Bearer {TOKEN}\r\n".encode(), b""))
    assert answer.startswith((b"HTTP/1.1 413", b"HTTP/1.1 401")), answer[:200]


def test_upload_limits_per_file_and_per_request(client):
    auth = {"Authorization": f"Bearer {TOKEN}"}
    at_limit = b"a" * MAX_UPLOAD  # the file limit itself is fine (it is not a charter: 422)
    r = client.post("/charters", params={"validate": "false"}, files={"files": ("a.txt", at_limit)}, headers=auth)
    assert r.status_code == 422, r.text[:300]
    r = client.post("/charters", files={"files": ("a.txt", at_limit + b"a")}, headers=auth)
    assert r.status_code == 413
    many = [("files", (f"f{i}.txt", b"x")) for i in range(25)]
    r = client.post("/charters", files=many, headers=auth)
    assert 400 <= r.status_code < 500 and r.status_code != 422, (r.status_code, r.text[:300])
    # other endpoints: 1 MB
    r = client.post("/query/cypher", json={"query": "RETURN 1 AS x", "parameters": {"p": "x" * 1_100_000}})
    assert r.status_code == 413


# --------------------------------------------------------------------------- the token
def test_only_the_exact_token_is_accepted(client):
    data = CLEAN.read_bytes()
    wrong = [
        None,
        "",
        "Bearer",
        f"Bearer {TOKEN[:-1]}",
        f"Bearer {TOKEN}x",
        f"Bearer {TOKEN.upper()}",
        f"Bearer {TOKEN[1:]}",
        f"Basic {TOKEN}",
        TOKEN,
        f"Bearer {TOKEN} {TOKEN}",
        f"Bearer {TOKEN}\u00e9",
        "Bearer " + "a" * 10_000,
    ]
    for header in wrong:
        headers = {} if header is None else {"Authorization": header.encode("utf-8")}
        r = client.post("/charters", params={"validate": "false"}, files={"files": ("a.txt", data)}, headers=headers)
        assert r.status_code == 401, (header[:40] if header else header, r.status_code)
        assert r.headers["www-authenticate"].startswith("Bearer")
    r = client.post("/charters", params={"validate": "false"}, files={"files": ("a.txt", data)},
                    headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code == 200, r.text[:300]


def test_the_token_is_compared_in_constant_time():
    """A timing test over HTTP cannot resolve nanoseconds; the comparison itself is checked."""
    from govkg.api.deps import require_token

    source = inspect.getsource(require_token)
    tree = ast.parse(source)
    calls = [ast.unparse(n.func) for n in ast.walk(tree) if isinstance(n, ast.Call)]
    assert "hmac.compare_digest" in calls
    compares = [n for n in ast.walk(tree) if isinstance(n, ast.Compare)]
    # no `==`/`!=`/`in` between the given header and the token
    for node in compares:
        text = ast.unparse(node)
        assert "token" not in text or "is None" in text or "not token" in text, text
    assert not any(c.endswith((".startswith", ".endswith")) and "token" in c for c in calls)


# --------------------------------------------------------------------------- file names
def test_uploaded_file_names_are_never_paths(server, client, home, tmp_path):
    target = tmp_path / "outside"
    target.mkdir()
    names = [
        f"../../../../../../{target.as_posix().lstrip('/')}/escape1.txt",
        f"{target.as_posix()}/escape2.txt",
        f"..\\..\\..\\{target.name}\\escape3.txt",
        "C:\\Windows\\System32\\escape4.txt",
        "%2e%2e%2f%2e%2e%2fescape5.txt",
        "escape6.txt\r\nX-Injected: 1",
        "~/.bashrc",
        ".govkg",
        "graph.grafeo",
        "a" * 3000 + ".txt",
        "Quy chế ☃ <b>.docx",
    ]
    before_home = sorted(p.relative_to(home).as_posix() for p in home.rglob("*"))
    before_root = sorted(p.name for p in ROOT.iterdir())
    data = CLEAN.read_bytes()
    files = [("files", (name, data)) for name in names]
    r = client.post("/charters", params={"validate": "false"}, files=files, headers={"Authorization": f"Bearer {TOKEN}"})
    assert r.status_code in (200, 422), r.text[:500]
    outcomes = r.json().get("outcomes") or r.json().get("outcomes", [])
    assert len(outcomes) == len(names)
    for i, outcome in enumerate(outcomes):
        assert re.fullmatch(rf"upload-{i}-[A-Za-z0-9._-]{{1,60}}\.(txt|md|docx|pdf)", outcome["path"]), outcome["path"]
        assert "/" not in outcome["path"] and "\\" not in outcome["path"] and ".." not in outcome["path"][len(f"upload-{i}-"):].split(".")[0]
    assert list(target.iterdir()) == []  # nothing written where the names pointed
    assert not Path("/escape2.txt").exists()
    # nothing new in the home but the store's own files, nothing in the working directory
    after_home = sorted(p.relative_to(home).as_posix() for p in home.rglob("*"))
    new = [p for p in after_home if p not in before_home and not p.startswith(("graph.grafeo", "sparql"))]
    assert new == [], new
    assert sorted(p.name for p in ROOT.iterdir()) == before_root
    assert "x-injected" not in {k.lower() for k in r.headers}


def test_safe_upload_name_rules():
    from govkg.api.routes.charters import safe_upload_name

    assert safe_upload_name("../../etc/passwd", 0) == "upload-0-passwd.txt"
    assert safe_upload_name("/abs/path/Quy chế.DOCX", 3) == "upload-3-Quy_ch.docx"
    assert safe_upload_name("..\\..\\x.pdf", 1) == "upload-1-x.pdf"
    assert safe_upload_name(None, 2) == "upload-2-file.txt"
    assert safe_upload_name("....", 4) == "upload-4-file.txt"
    assert safe_upload_name("evil.exe", 5) == "upload-5-evil.exe.txt"  # the suffix picks the reader: text
    for name in ("a/b", "a\\b", "..", "x" * 500, "\x00.txt", "a\nb.md"):
        out = safe_upload_name(name, 9)
        assert re.fullmatch(r"upload-9-[A-Za-z0-9._-]{1,60}\.(txt|md|docx|pdf)", out), out
