"""The notebooks run top to bottom on a real Jupyter kernel, on the bundled sample charters.

They are committed with their outputs stripped; this test executes each one with nbclient
(a fresh kernel of this very interpreter, 120 s per cell, ``MPLBACKEND=Agg``) and
fails on the first cell that raises. Each notebook makes its own temporary ``GOVKG_HOME``.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("pandas")
pytest.importorskip("matplotlib")

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"
NAMES = ["01_explore.ipynb", "02_compare.ipynb", "03_audit.ipynb"]
CELL_TIMEOUT = 120
KERNEL = "govkg-test-python"


@pytest.mark.parametrize("name", NAMES)
def test_committed_without_outputs(name):
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    nbformat.validate(book)
    for cell in book.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, f"{name}: strip the outputs before committing"


@pytest.mark.slow
@pytest.mark.timeout(900)
@pytest.mark.parametrize("name", NAMES)
def test_runs_top_to_bottom(name, monkeypatch, tmp_path):
    monkeypatch.setenv("MPLBACKEND", "Agg")  # the kernel inherits the environment
    monkeypatch.setenv("GOVKG_HOME", str(tmp_path))  # the notebook sets its own; never the user's
    monkeypatch.delenv("NEO4J_URI", raising=False)  # the embedded store, whatever the shell says
    # a kernel spec of this very interpreter: a user's own "python3" spec may point at another Python
    spec = tmp_path / "jupyter" / "kernels" / KERNEL
    spec.mkdir(parents=True)
    (spec / "kernel.json").write_text(json.dumps({
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "govkg test kernel", "language": "python",
    }))
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    book = nbformat.read(NOTEBOOKS / name, as_version=4)
    client = nbclient.NotebookClient(
        book,
        timeout=CELL_TIMEOUT,
        kernel_name=KERNEL,
        resources={"metadata": {"path": str(NOTEBOOKS)}},
    )
    client.execute()  # raises CellExecutionError naming the cell that failed
    errors = [o for c in book.cells if c.cell_type == "code" for o in c.get("outputs", []) if o.get("output_type") == "error"]
    assert not errors
    # every code cell ran, in order
    counts = [c.execution_count for c in book.cells if c.cell_type == "code"]
    assert counts == list(range(1, len(counts) + 1))
    assert os.environ.get("GOVKG_HOME") == str(tmp_path)
