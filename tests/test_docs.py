"""ontology/docs.py: the HTML reference of the ontology."""

from __future__ import annotations

from html.parser import HTMLParser

from rdflib import RDF
from rdflib.namespace import OWL

from govkg.ontology.docs import build_reference, main, render_html
from govkg.ontology.rdf import ontology_graph
from govkg.ontology.vocab import NS, Role


class Anchors(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.ids |= {v for k, v in attrs if k == "id" and v}


def test_every_term_has_an_anchor_and_its_labels(tmp_path):
    page = build_reference(tmp_path)
    html = page.read_text(encoding="utf-8")
    parser = Anchors()
    parser.feed(html)
    g = ontology_graph()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for term in g.subjects(RDF.type, kind):
            if str(term).startswith(NS):
                assert str(term)[len(NS) :] in parser.ids, term
    assert {r.value for r in Role} <= parser.ids
    for text in ("Ban Chỉ đạo", "Phó Trưởng Ban Thường trực", "org:OrganizationalCollaboration", "PostShape"):
        assert text in html
    assert {p.name for p in tmp_path.iterdir()} == {"index.html", "govkg.ttl", "shapes.ttl", "context.jsonld"}


def test_the_page_is_deterministic():
    assert render_html() == render_html()


def test_main(tmp_path, capsys):
    assert main([str(tmp_path / "ref")]) == 0
    assert capsys.readouterr().out.strip().endswith("index.html")
    assert main([]) == 2
