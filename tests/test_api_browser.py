"""The graph pages and the API docs in headless Chromium (Playwright), with the network cut off.

Every request the browser makes goes through ``page.route``: loopback requests go on,
anything else is aborted and recorded, and each test asserts that none was attempted.
Chromium is Debian's (``/usr/bin/chromium``; ``make browser`` installs it).
"""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
from servers import (
    BIG_COMMITTEE,
    XSS_COMMITTEE,
    XSS_IMG,
    LiveServer,
    big_committee_facts,
    hierarchy_facts,
    sample_home,
    xss_facts,
)

CHROMIUM = Path("/usr/bin/chromium")
HD_COMMITTEE = "committee:2025/commune/10525"
SMART_GROUP = "Tổ Công tác về Phát triển Đô thị thông minh"
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "img" / "committee.png"
HIERARCHY_SHOT = SCREENSHOT.with_name("hierarchy.png")
OPEN_BUDGET_MS = 2000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.timeout(600),
    pytest.mark.skipif(not CHROMIUM.exists(), reason="no /usr/bin/chromium (apt-get install chromium; `make browser`)"),
]
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed (pip install -e '.[dev]')")

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    home = sample_home(tmp_path_factory.getbasetemp(), "browser", extra=[xss_facts(), big_committee_facts()])
    env = {"GOVKG_HOME": str(home), "GOVKG_API_TOKEN": None, "NEO4J_URI": None, "GOVKG_CONFIG": None}
    with LiveServer(env) as live:
        yield live


@pytest.fixture(scope="module")
def api(server):
    with httpx.Client(base_url=server.url, timeout=120) as c:
        yield c


@pytest.fixture(scope="module")
def browser():
    profile = tempfile.mkdtemp(prefix="govkg-chromium-")
    with sync_api.sync_playwright() as p:
        # a persistent context on a new, empty profile directory
        context = p.chromium.launch_persistent_context(
            profile, executable_path=str(CHROMIUM), args=ARGS, headless=True, viewport={"width": 1400, "height": 900}
        )
        yield context
        context.close()
    shutil.rmtree(profile, ignore_errors=True)


class Watched:
    """A page whose console errors, dialogs and off-host requests are recorded."""

    def __init__(self, context):
        self.page = context.new_page()
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.blocked: list[str] = []
        self.page.on("console", lambda m: self.errors.append(f"console: {m.text}") if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))

        def on_dialog(dialog):
            self.dialogs.append(dialog.message)
            dialog.dismiss()

        self.page.on("dialog", on_dialog)

        def route(r):
            host = urlsplit(r.request.url).hostname
            if host in ("127.0.0.1", "localhost", "::1") or r.request.url.startswith(("data:", "blob:")):
                r.continue_()
            else:
                self.blocked.append(r.request.url)
                r.abort()

        self.page.route("**/*", route)

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_selector("body[data-drawn='1']", timeout=30_000)

    def check_clean(self) -> None:
        assert self.blocked == [], f"requests off the host were attempted: {self.blocked}"
        assert self.errors == [], self.errors
        assert self.dialogs == [], f"a script ran: {self.dialogs}"

    def drawn_pixels(self) -> int:
        # non-white pixels of the vis canvas: it has been drawn on
        return self.page.evaluate(
            """() => {
                const c = document.querySelector('#govkg-network canvas');
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 16) { if (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240) n++; }
                return n;
            }"""
        )

    def counts(self) -> tuple[int, int]:
        shown = int(self.page.inner_text("#node-count"))
        return shown, self.page.evaluate("window.govkg.nodes.length")


@pytest.fixture
def watched(browser):
    w = Watched(browser)
    yield w
    w.page.close()


def test_committee_page(server, api, watched):
    watched.open(f"{server.url}/viz/committees/{HD_COMMITTEE}")
    assert watched.page.locator("#govkg-network canvas").count() == 1
    assert watched.drawn_pixels() > 500
    shown, drawn = watched.counts()
    # the graph's own node count, from the resources the page is built from
    body = api.get(f"/bodies/{HD_COMMITTEE}").json()
    hops = api.get("/chains", params={"from": HD_COMMITTEE}).json()["hops"]
    ids = {HD_COMMITTEE, *(h["to"]["id"] for h in hops), *(a["id"] for a in body["standingAgency"])}
    for item in body["posts"]:
        ids |= {item["post"]["id"], *(h["id"] for h in item["exOfficio"]), *(p["id"] for p in item["persons"])}
        ids |= {p["id"] for h in item["exOfficio"] for p in h.get("persons", [])}
    for group in body["groups"]:
        ids |= {group["id"], *(p["id"] for p in group["posts"])}
    assert shown == drawn == len(ids)
    assert watched.page.locator("aside.legend li").count() >= 4
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    watched.page.screenshot(path=str(SCREENSHOT))
    watched.check_clean()


def test_chain_page(server, api, watched):
    params = f"from={SMART_GROUP}&in=Hải Dương"
    watched.open(f"{server.url}/viz/chains?{params}")
    hops = api.get("/chains", params={"from": SMART_GROUP, "in": "Hải Dương"}).json()["hops"]
    shown, drawn = watched.counts()
    assert shown == drawn == len(hops) + 1
    assert watched.page.evaluate("window.govkg.edges.length") == len(hops)
    assert watched.drawn_pixels() > 200
    watched.check_clean()


def test_overview_page_and_drill_down(server, api, watched):
    watched.open(f"{server.url}/viz")
    shown, drawn = watched.counts()
    assert shown == drawn == api.get("/committees").json()["total"]
    assert watched.drawn_pixels() > 200
    # drill down by level, then into a committee, by following the page's own links
    watched.page.select_option("select[name=level]", "commune")
    watched.page.click("form.filter button")
    watched.page.wait_for_selector("body[data-drawn='1']")
    shown, drawn = watched.counts()
    assert shown == drawn == api.get("/committees", params={"level": "commune"}).json()["total"]
    watched.page.click(f"section.links a[href='/viz/committees/{HD_COMMITTEE.replace('/', '%2F')}']")
    watched.page.wait_for_selector("body[data-drawn='1']")
    assert "/viz/committees/" in watched.page.url
    watched.check_clean()


def test_html_in_names_does_not_run(server, watched):
    watched.open(f"{server.url}/viz/committees/{XSS_COMMITTEE}")
    page = watched.page
    # the payload is on the page as text, not as an element
    assert XSS_IMG in page.inner_text("section.links")
    assert page.locator("img").count() == 0 and page.locator("iframe").count() == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3  # data block, vis, govkg
    # hover the node named <img src=x onerror=alert(1)>: its tooltip shows the name as text
    x, y = page.evaluate(
        """() => {
            const n = window.govkg.network;
            const p = n.getPositions(['body:xss-img'])['body:xss-img'];
            const d = n.canvasToDOM(p);
            const r = document.querySelector('#govkg-network').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }"""
    )
    page.mouse.move(x, y)
    tip = page.wait_for_selector("div.vis-tooltip", state="visible", timeout=10_000)
    assert XSS_IMG in tip.inner_text()
    assert tip.query_selector("img") is None
    page.wait_for_timeout(300)  # give any injected handler the chance to fire
    watched.check_clean()


def test_thousand_node_page_opens_and_draws_every_node(server, watched):
    """A 1,000-node page draws all its nodes. How fast is a figure, not a pass/fail: it is
    printed here (run with -s) and the target (< 2 s) is reported by the benchmark."""
    times = []
    # the first open also fills the browser cache: the best of a few opens is the figure
    while len(times) < 3:
        watched.open(f"{server.url}/viz/committees/{BIG_COMMITTEE}")
        # ms from navigation start (performance.timeOrigin) to the first drawn frame
        times.append(int(watched.page.get_attribute("body", "data-drawn-at")))
    shown, drawn = watched.counts()
    assert shown == drawn == 1000
    assert watched.drawn_pixels() > 200
    print(f"1,000-node page: drawn {times} ms after navigation start (target {OPEN_BUDGET_MS} ms)")
    watched.check_clean()


def test_api_docs_work_offline(server, watched):
    watched.page.goto(server.url + "/docs")
    watched.page.wait_for_selector(".swagger-ui .info .title", timeout=30_000)
    watched.page.wait_for_selector(".opblock-tag", timeout=30_000)  # operations listed from /openapi.json
    assert "govkg" in watched.page.inner_text(".swagger-ui .info .title")
    assert watched.page.locator(".opblock").count() >= 12
    watched.check_clean()


# --------------------------------------------------------------------------- the whole hierarchy
@pytest.fixture(scope="module")
def national(tmp_path_factory):
    """A server over the committees of the national benchmark corpus (3,400 charters' worth)."""
    from govkg.bench.corpus import generate_corpus
    from govkg.config import Settings
    from govkg.graph.store import open_store

    base = tmp_path_factory.mktemp("national")
    manifest = generate_corpus(base / "corpus", seed=0)
    home = base / "home"
    home.mkdir()
    with open_store(Settings(home=home)) as store:
        store.load(hierarchy_facts(manifest))
    env = {"GOVKG_HOME": str(home), "GOVKG_API_TOKEN": None, "NEO4J_URI": None, "GOVKG_CONFIG": None}
    with LiveServer(env) as live:
        yield live, manifest


def test_the_national_hierarchy_opens_collapsed_expands_and_finds(national, watched):
    server, manifest = national
    # printed, not asserted: ms from navigation start to the first drawn frame; the first open
    # also builds the page on the server (kept until the next write) and fills the browser cache
    times = []
    while len(times) < 2:
        watched.open(f"{server.url}/viz/hierarchy")
        times.append(int(watched.page.get_attribute("body", "data-drawn-at")))
    print(f"hierarchy of {len(manifest.entries)} committees: first drawn {times} ms after navigation start (aim {OPEN_BUDGET_MS} ms)")
    page = watched.page
    province = next(e for e in manifest.entries if e.level == "province")
    communes = [f"committee:{e.locality}" for e in manifest.entries if e.province == province.locality and e.level == "commune"]
    pid = f"committee:{province.locality}"
    assert len(communes) > 10
    # a node not drawn: not handed to vis-network yet, or hidden
    hidden = "(ids) => ids.map(id => { const n = window.govkg.nodes.get(id); return !n || n.hidden === true; })"
    # collapsed below the provinces: the communes are not drawn, their summary node is
    assert page.evaluate(hidden, communes) == [True] * len(communes)
    assert page.evaluate(hidden, [pid, f"collapsed:{pid}"]) == [False, False]
    assert page.evaluate("() => window.govkg.network.physics.options.enabled") is False
    # a click on the province opens what is below it
    x, y = page.evaluate(
        """(id) => { const n = window.govkg.network; const p = n.canvasToDOM(n.getPositions([id])[id]);
                     const r = document.querySelector('#govkg-network canvas').getBoundingClientRect();
                     return [p.x + r.left, p.y + r.top]; }""",
        pid,
    )
    page.mouse.click(x, y)
    page.wait_for_function("(id) => (document.body.getAttribute('data-opened') || '').split(' ').includes(id)", arg=pid, timeout=10_000)
    assert page.evaluate(hidden, communes) == [False] * len(communes)
    # the standing agency is on the hover card
    tip = page.evaluate("(id) => window.govkg.nodes.get(id).title.textContent", communes[0])
    assert "standing agency" in tip
    # the search box finds a committee of another province and opens its block
    other = next(e for e in manifest.entries if e.level == "commune" and e.province != province.locality)
    page.fill("#govkg-search-input", other.name)
    page.click("#govkg-search button")
    page.wait_for_function("(id) => document.body.getAttribute('data-found') === id", arg=f"committee:{other.locality}", timeout=10_000)
    assert page.evaluate(hidden, [f"committee:{other.locality}"]) == [False]
    page.evaluate("(id) => window.govkg.network.fit({nodes: [id], animation: false})", pid)
    page.evaluate("(id) => window.govkg.collapse(id)", f"committee:{other.province}")
    page.evaluate("(id) => window.govkg.expand(id)", pid)
    page.evaluate(
        "(id) => window.govkg.network.fit({nodes: window.govkg.nodes.getIds({filter: n => n.anchor === id}).concat([id]), animation: false})",
        pid,
    )
    page.wait_for_timeout(200)
    # no hover card left over from the clicks on the picture
    page.evaluate("() => document.querySelectorAll('div.vis-tooltip').forEach(e => { e.style.visibility = 'hidden'; })")
    assert watched.drawn_pixels() > 200
    page.screenshot(path=str(HIERARCHY_SHOT))
    watched.check_clean()
