"""A human-readable HTML reference of the govkg ontology, generated from ``govkg.ttl`` and ``shapes.ttl``.

pyLODE was tried first: from pip, 3.4.1 fails on import (it reads a ``pyproject.toml`` it
does not ship) and 3.6.0 fails against the ``kurra`` it pulls in. So the page is written
here, from the graph, with no network and no template engine: classes, relationship types
and properties with their Vietnamese and English labels, comments, alignments to ORG, PROV,
ELI, SKOS, DCT and schema.org, the role scheme, and the SHACL shapes.

Run ``python -m govkg.ontology.docs OUT_DIR`` or call :func:`build_reference`.

Examples
--------
>>> import tempfile
>>> out = build_reference(tempfile.mkdtemp())
>>> out.name
'index.html'
>>> page = out.read_text(encoding="utf-8")
>>> "Ban Chỉ đạo" in page and "<td>Warning</td>" in page
True
"""

from __future__ import annotations

import sys
from html import escape
from importlib.resources import files
from pathlib import Path

from rdflib import RDF, RDFS, BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, SH, SKOS

from govkg.ontology.rdf import PREFIXES, ontology_graph, shapes_graph
from govkg.ontology.vocab import NS

__all__ = ["build_reference", "main", "render_html"]

_ONTOLOGY = URIRef(NS.rstrip("#"))
_DCT_TITLE = URIRef("http://purl.org/dc/terms/title")
_DCT_DESCRIPTION = URIRef("http://purl.org/dc/terms/description")


def _label(g: Graph, term: URIRef, lang: str, prop: URIRef = RDFS.label) -> str:
    for value in g.objects(term, prop):
        if isinstance(value, Literal) and value.language == lang:
            return str(value)
    return ""


def _local(term: URIRef) -> str:
    return str(term)[len(NS) :]


def _ref(g: Graph, term: object) -> str:
    """A link for a govkg term, a compact IRI for others, a list for owl:oneOf / unionOf."""
    if isinstance(term, URIRef):
        if str(term).startswith(NS):
            name = _local(term)
            return f'<a href="#{escape(name)}"><code>govkg:{escape(name)}</code></a>'
        for prefix, ns in PREFIXES.items():
            if str(term).startswith(ns):
                return f'<code title="{escape(str(term))}">{prefix}:{escape(str(term)[len(ns) :])}</code>'
        return f"<code>{escape(str(term))}</code>"
    if isinstance(term, BNode):
        one_of = g.value(term, OWL.oneOf)
        if one_of is not None:
            return "one of " + ", ".join(f"<code>{escape(str(v))}</code>" for v in Collection(g, one_of))
    if isinstance(term, Literal):
        return f"<code>{escape(str(term))}</code>"
    return escape(str(term))


def _refs(g: Graph, subject: URIRef, prop: URIRef) -> str:
    return ", ".join(sorted(_ref(g, o) for o in g.objects(subject, prop)))


def _section(g: Graph, title: str, kind: URIRef, columns: list[tuple[str, URIRef]]) -> str:
    terms = sorted((t for t in g.subjects(RDF.type, kind) if str(t).startswith(NS)), key=str)
    head = "".join(f"<th>{escape(name)}</th>" for name, _ in columns)
    rows = []
    for term in terms:
        name = _local(term)
        cells = "".join(f"<td>{_refs(g, term, prop)}</td>" for _, prop in columns)
        rows.append(
            f'<tr id="{escape(name)}"><td><code>govkg:{escape(name)}</code></td>'
            f'<td lang="vi">{escape(_label(g, term, "vi"))}</td><td>{escape(_label(g, term, "en"))}</td>'
            f"<td>{escape(_label(g, term, 'en', RDFS.comment))}</td>{cells}</tr>"
        )
    return (
        f'<section id="{escape(title.lower().replace(" ", "-"))}"><h2>{escape(title)} ({len(terms)})</h2>'
        f"<table><thead><tr><th>term</th><th>tiếng Việt</th><th>English</th><th>comment</th>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _roles(g: Graph) -> str:
    rows = []
    for concept in sorted(g.subjects(SKOS.inScheme, URIRef(NS + "RoleScheme")), key=str):
        alt = ", ".join(sorted(str(v) for v in g.objects(concept, SKOS.altLabel)))
        rows.append(
            f'<tr id="{escape(_local(concept))}"><td><code>{escape(str(g.value(concept, SKOS.notation)))}</code></td>'
            f'<td lang="vi">{escape(_label(g, concept, "vi", SKOS.prefLabel))}</td>'
            f'<td>{escape(_label(g, concept, "en", SKOS.prefLabel))}</td><td lang="vi">{escape(alt)}</td>'
            f"<td>{_refs(g, concept, SKOS.broader)}</td>"
            f"<td>{escape(_label(g, concept, 'en', SKOS.definition))}</td></tr>"
        )
    return (
        '<section id="roles"><h2>Role scheme <code>govkg:RoleScheme</code></h2>'
        "<p>Each post's <code>govkg:role</code> names one of these SKOS concepts; the post points at it with "
        "<code>org:role</code>.</p><table><thead><tr><th>role</th><th>tiếng Việt</th><th>English</th>"
        "<th>also written</th><th>broader</th><th>definition</th></tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def _shapes(shapes: Graph) -> str:
    rows = []
    for shape in sorted(shapes.subjects(RDF.type, SH.NodeShape), key=str):
        if not isinstance(shape, URIRef):
            continue
        parts = list(shapes.objects(shape, SH.property))
        severities = {shapes.value(p, SH.severity) or shapes.value(shape, SH.severity) for p in parts} or {
            shapes.value(shape, SH.severity)
        }
        level = "Warning" if severities == {SH.Warning} else "Violation"
        targets = []
        for prop in (SH.targetClass, SH.targetSubjectsOf):
            targets += [_ref(shapes, t) for t in shapes.objects(shape, prop)]
        for target in shapes.objects(shape, SH.target):
            select = " ".join(str(shapes.value(target, SH.select)).split())
            targets.append(f'<span title="{escape(select)}">SPARQL target: {escape(select)}</span>')
        messages = [str(m) for p in parts for m in shapes.objects(p, SH.message)]
        rows.append(
            f"<tr><td><code>{escape(str(shape).rsplit('#', 1)[-1])}</code></td><td>{level}</td>"
            f"<td>{', '.join(sorted(targets))}</td><td>{'<br>'.join(escape(m) for m in sorted(messages))}</td></tr>"
        )
    return (
        '<section id="shapes"><h2>SHACL shapes</h2><p>A <b>Violation</b> fails a load; a <b>Warning</b> is reported '
        "by the audit.</p><table><thead><tr><th>shape</th><th>severity</th><th>targets</th><th>checks</th></tr>"
        f"</thead><tbody>{''.join(rows)}</tbody></table></section>"
    )


_CSS = """
body{font-family:system-ui,sans-serif;margin:2rem auto;max-width:90rem;padding:0 1rem;color:#222}
table{border-collapse:collapse;width:100%;margin-bottom:2rem;font-size:.9rem}
th,td{border:1px solid #ccc;padding:.3rem .5rem;vertical-align:top;text-align:left}
th{background:#f3f3f3}tr:target{background:#fff6d5}code{font-size:.85rem}nav a{margin-right:1rem}
"""


def render_html(ontology: Graph | None = None, shapes: Graph | None = None) -> str:
    """The reference page as one HTML string (deterministic for the same files)."""
    g = ontology if ontology is not None else ontology_graph()
    sh = shapes if shapes is not None else shapes_graph()
    version = g.value(_ONTOLOGY, OWL.versionInfo)
    namespaces = "".join(
        f"<tr><td><code>{escape(p)}</code></td><td><code>{escape(ns)}</code></td></tr>"
        for p, ns in PREFIXES.items()
    )
    align = [("subclass of", RDFS.subClassOf)]
    prop_cols = [
        ("sub-property of", RDFS.subPropertyOf),
        ("equivalent", OWL.equivalentProperty),
        ("domain", RDFS.domain),
        ("range", RDFS.range),
    ]
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>govkg ontology {escape(str(version))}</title>
<style>{_CSS}</style></head><body>
<h1 lang="vi">{escape(_label(g, _ONTOLOGY, "vi", _DCT_TITLE))}</h1>
<h1>{escape(_label(g, _ONTOLOGY, "en", _DCT_TITLE))}</h1>
<p><b>IRI</b> <code>{escape(str(_ONTOLOGY))}</code> · <b>version</b> {escape(str(version))} ·
<a href="govkg.ttl">govkg.ttl</a> · <a href="shapes.ttl">shapes.ttl</a> · <a href="context.jsonld">context.jsonld</a></p>
<p lang="vi">{escape(_label(g, _ONTOLOGY, "vi", _DCT_DESCRIPTION))}</p>
<p>{escape(_label(g, _ONTOLOGY, "en", _DCT_DESCRIPTION))}</p>
<p>{escape(_label(g, _ONTOLOGY, "en", RDFS.comment))}</p>
<nav><a href="#classes">Classes</a><a href="#relationship-types-and-links">Relationship types</a>
<a href="#properties">Properties</a><a href="#roles">Roles</a><a href="#shapes">Shapes</a></nav>
{_section(g, "Classes", OWL.Class, align)}
{_section(g, "Relationship types and links", OWL.ObjectProperty, prop_cols)}
{_section(g, "Properties", OWL.DatatypeProperty, prop_cols)}
{_roles(g)}
{_shapes(sh)}
<section id="namespaces"><h2>Namespaces</h2><table><tbody>{namespaces}</tbody></table></section>
</body></html>
"""


def build_reference(out_dir: str | Path) -> Path:
    """Write ``index.html`` and copies of the ontology files into ``out_dir``; return the page's path."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name in ("govkg.ttl", "shapes.ttl", "context.jsonld"):
        (out / name).write_text(
            files("govkg.ontology").joinpath(name).read_text(encoding="utf-8"), encoding="utf-8"
        )
    page = out / "index.html"
    page.write_text(render_html(), encoding="utf-8")
    return page


def main(argv: list[str] | None = None) -> int:
    """``python -m govkg.ontology.docs OUT_DIR``: build the reference and print where it is."""
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m govkg.ontology.docs OUT_DIR", file=sys.stderr)
        return 2
    print(build_reference(args[0]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
