"""The package as built: a wheel without setuptools warnings that runs ``govkg run`` on its own.

The wheel is built offline from this checkout (``pip wheel --no-build-isolation``, with the
setuptools of the dev install), unpacked into a folder that shadows the editable install,
and run from a working directory outside the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.timeout(600)


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> tuple[Path, str]:
    out = tmp_path_factory.mktemp("wheel")
    # from a copy: setuptools writes build/ and *.egg-info/ next to the sources
    source = out / "source"
    shutil.copytree(
        ROOT, source,
        ignore=shutil.ignore_patterns(".git", ".venv", ".govkg", "build", "*.egg-info", "__pycache__", "notebooks", "docs"),
    )
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(source), "--no-deps", "--no-build-isolation", "--no-index", "-w", str(out), "-v"],
        capture_output=True, text=True, cwd=out, timeout=500,
    )
    assert build.returncode == 0, build.stderr[-2000:]
    (path,) = out.glob("govkg-*.whl")
    return path, build.stdout + build.stderr


def test_the_build_prints_no_setuptools_warning(wheel):
    _, log = wheel
    for warning in ("SetuptoolsDeprecationWarning", "Package would be ignored", "is absent from the `packages`"):
        assert warning not in log


def test_the_wheel_ships_the_samples_and_runs_govkg_run_outside_the_checkout(wheel, tmp_path):
    path, _ = wheel
    names = zipfile.ZipFile(path).namelist()
    samples = [n for n in names if n.startswith("govkg/samples/") and n.endswith(".txt")]
    assert len(samples) == 5
    assert any(n.startswith("govkg/graph/queries/") for n in names)
    assert any(n.startswith("govkg/api/static/") for n in names)
    site = tmp_path / "site"
    zipfile.ZipFile(path).extractall(site)
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {**os.environ, "PYTHONPATH": str(site), "GOVKG_HOME": str(work / "home"), "COLUMNS": "200"}
    env.pop("NEO4J_URI", None)
    r = subprocess.run([sys.executable, "-m", "govkg.cli", "run"], capture_output=True, text=True, env=env, cwd=work, timeout=300)
    assert r.returncode == 0, r.stderr[-2000:]
    assert "REPORTS_TO" in r.stdout
    where = subprocess.run(
        [sys.executable, "-c", "import govkg.pipeline as p; print(p.__file__, p.SAMPLE_CHARTERS)"],
        capture_output=True, text=True, env=env, cwd=work, timeout=60,
    )
    assert where.stdout.startswith(str(site)), where.stdout  # the wheel's code and samples ran
