"""README.md: its samples are what the commands print (``scripts/readme_samples.py``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.timeout(900)


def test_the_make_run_sample_and_the_audit_counts_match_the_commands():
    done = subprocess.run(
        [sys.executable, "scripts/readme_samples.py", "--check"], capture_output=True, text=True, cwd=ROOT, timeout=800
    )
    assert done.returncode == 0, "README drifted; run scripts/readme_samples.py --write\n" + done.stdout + done.stderr
