"""The README's samples, produced by the commands they show: ``--check`` compares, ``--write`` updates.

Two pieces of README.md come from commands run on the five sample charters in a fresh home:

- the ``make run`` block (between ``<!-- make-run:begin -->`` and ``<!-- make-run:end -->``):
  what ``govkg run`` prints from the chain's first line on (at 250 columns, so that rich
  does not wrap it);
- the audit counts sentence ("it finds N findings: E errors, W warnings, I notes"), from
  ``govkg audit --json``;
- the ``govkg who`` block (between ``<!-- who:begin -->`` and ``<!-- who:end -->``): what
  ``govkg who "Chủ tịch UBND phường Hải Dương"`` prints, the issue-19 question answered;
- the extraction tables (between ``<!-- eval:NAME:begin -->`` and ``<!-- eval:NAME:end -->``):
  ``relations`` and ``modifiers`` over ``tests/gold``, ``genre`` over ``tests/gold/genre``, as
  ``govkg eval`` computes them.

Usage: ``python scripts/readme_samples.py --check`` (exit 1 and a diff when the README
drifted) or ``--write``.
"""

from __future__ import annotations

import argparse
import difflib
import json
import os
import re
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
RUN_BLOCK = re.compile(r"(<!-- make-run:begin -->\n```\n)(.*?)(```\n<!-- make-run:end -->)", re.S)
WHO_BLOCK = re.compile(r"(<!-- who:begin -->\n```\n\$ govkg who \"(?P<name>[^\"]+)\"\n)(.*?)(```\n<!-- who:end -->)", re.S)
AUDIT_COUNTS = re.compile(r"it finds \d+\s+findings: \d+ errors, \d+ warnings, \d+ notes")


def _govkg(home: Path, *args: str) -> str:
    env = {**os.environ, "GOVKG_HOME": str(home), "COLUMNS": "250", "PYTHONIOENCODING": "utf-8"}
    env.pop("NEO4J_URI", None)
    done = subprocess.run(
        [sys.executable, "-m", "govkg.cli", *args], capture_output=True, text=True, env=env, cwd=ROOT, timeout=600
    )
    if done.returncode != 0:
        raise SystemExit(f"govkg {' '.join(args)} failed: {done.stderr}")
    return done.stdout


EVAL_BLOCK = re.compile(r"(<!-- eval:(?P<name>[a-z]+):begin -->\n)(.*?)(<!-- eval:(?P=name):end -->)", re.S)


def _eval_tables() -> dict[str, str]:
    """The extraction tables, as Markdown, from the gold fixtures."""
    sys.path.insert(0, str(ROOT))
    from govkg.loaders.evaluate import evaluate_many, format_table, property_table
    from govkg.pipeline import SAMPLE_CHARTERS

    def relations(rows) -> str:
        lines = ["| relation | TP | FP | FN | precision | recall |", "|---|---|---|---|---|---|"]
        lines += [f"| {t} | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} |" for t, tp, fp, fn, p, r in rows]
        return "\n".join(lines) + "\n"

    gold = ROOT / "tests" / "gold"
    dirs = [SAMPLE_CHARTERS, ROOT / "tests" / "data"]
    every = evaluate_many(sorted(gold.glob("*.yaml")), dirs)
    genre = evaluate_many(sorted((gold / "genre").glob("*.yaml")), dirs)
    props = ["| modifier | right | wrong | missing | spurious | accuracy |", "|---|---|---|---|---|---|"]
    props += [f"| {n} | {a} | {b} | {c} | {d} | {acc:.3f} |" for n, a, b, c, d, acc in property_table(every)]
    per_fixture = ["| fixture | TP | FP | FN | precision | recall |", "|---|---|---|---|---|---|"]
    for ev in genre:
        t = ev.total()
        per_fixture.append(f"| {ev.name} | {t.tp} | {t.fp} | {t.fn} | {t.precision:.3f} | {t.recall:.3f} |")
    *_, (_, tp, fp, fn, p, r) = format_table(genre)
    per_fixture.append(f"| TOTAL | {tp} | {fp} | {fn} | {p:.3f} | {r:.3f} |")
    return {
        "relations": relations(format_table(every)),
        "modifiers": "\n".join(props) + "\n",
        "genre": "\n".join(per_fixture) + "\n",
    }


def render(readme: str) -> str:
    """The README with both samples as the commands print them now."""
    with tempfile.TemporaryDirectory() as tmp:
        home = Path(tmp) / "home"
        out = _govkg(home, "run")
        chain = out[out.index("Tổ Công tác") :]
        chain = "\n".join(line.rstrip() for line in chain.splitlines()) + "\n"
        findings = json.loads(_govkg(home, "audit", "--json"))
        who = {m.group("name"): _govkg(home, "who", m.group("name")) for m in WHO_BLOCK.finditer(readme)}
    severity = Counter(f["severity"] for f in findings)
    counts = (
        f"it finds {len(findings)}\nfindings: {severity['error']} errors, {severity['warning']} warnings, "
        f"{severity['info']} notes"
    )
    readme = RUN_BLOCK.sub(lambda m: m.group(1) + chain + m.group(3), readme)
    readme = WHO_BLOCK.sub(lambda m: m.group(1) + "\n".join(line.rstrip() for line in who[m.group("name")].splitlines()) + "\n" + m.group(4), readme)
    tables = _eval_tables()
    readme = EVAL_BLOCK.sub(lambda m: m.group(1) + tables.get(m.group("name"), m.group(3)) + m.group(4), readme)
    return AUDIT_COUNTS.sub(lambda m: counts.replace("\n", " ") if "\n" not in m.group(0) else counts, readme)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--check", action="store_true", help="Exit 1 with a diff when the README drifted.")
    mode.add_argument("--write", action="store_true", help="Rewrite the samples in README.md.")
    args = parser.parse_args(argv)
    current = README.read_text(encoding="utf-8")
    if not RUN_BLOCK.search(current) or not AUDIT_COUNTS.search(current):
        print("README.md: the make-run markers or the audit counts sentence are missing", file=sys.stderr)
        return 1
    wanted = render(current)
    if args.write:
        README.write_text(wanted, encoding="utf-8")
        return 0
    if wanted != current:
        sys.stdout.writelines(difflib.unified_diff(current.splitlines(True), wanted.splitlines(True), "README.md", "commands"))
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
