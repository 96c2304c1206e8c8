"""Fuzzing the loader with Hypothesis: only ``ParseError`` (or a subclass) may escape.

Real charters are cut to a window of lines and mutated (lines deleted, duplicated,
swapped; random Unicode and control characters inserted; truncated; article numbers
changed; stretches upper-cased or stripped of accents; runs repeated), encoded (UTF-8,
UTF-16, cp1258, TCVN3, VNI, with or without BOM), hit with random bytes, and named
``.txt``/``.md``/no suffix/``.docx``/``.pdf``. Then ``read_bytes`` → ``parse`` →
``extract`` must return facts or raise ``ParseError``; anything else fails the test and
Hypothesis shrinks the input.

The mutations are those of ``scripts/fuzz_loader.py`` (``make fuzz``: 100,000 inputs);
here Hypothesis draws them, 300 examples, no deadline.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govkg.errors import ParseError
from govkg.loaders.extract import extract
from govkg.loaders.parse import parse
from govkg.loaders.read import read_bytes
from govkg.ontology.facts import Facts

ROOT = Path(__file__).resolve().parent.parent


def _fuzz_module():
    spec = importlib.util.spec_from_file_location("govkg_fuzz_loader", ROOT / "scripts" / "fuzz_loader.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules[spec.name] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return module


fuzz = _fuzz_module()
Mutation = fuzz.Mutation
TEXTS = fuzz.seed_texts()

_pos = st.integers(0, 1 << 20)
_count = st.integers(0, 1 << 12)
_numbers = st.one_of(st.sampled_from([0, 1, 2, 3, 9, 10, 99, 999, 1000, 12345]), st.integers(0, 300))
_repeats = st.sampled_from(["", "**", "- ", "Điều ", "1.", "a) ", "|", "\n", " ", "(", "Căn cứ ", "Số: "])

MUTATION = st.one_of(
    st.builds(Mutation, st.just("delete"), _pos, _count),
    st.builds(Mutation, st.just("duplicate"), _pos, _count),
    st.builds(Mutation, st.just("swap"), _pos, _pos),
    st.builds(Mutation, st.just("insert"), _pos, st.just(0), st.text(min_size=1, max_size=40)),
    st.builds(Mutation, st.just("control"), _pos, st.just(0), st.text(alphabet=fuzz.CONTROL_CHARS, min_size=1, max_size=10)),
    st.builds(Mutation, st.just("truncate"), _pos),
    st.builds(Mutation, st.just("renumber"), _pos, _numbers),
    st.builds(Mutation, st.just("case"), _pos, _count, st.sampled_from(["upper", "strip"])),
    st.builds(Mutation, st.just("repeat"), _pos, _count, _repeats),
)
BYTE_EDIT = st.one_of(
    st.builds(Mutation, st.just("bytes"), _pos, st.just(0), st.binary(min_size=1, max_size=16).map(lambda b: b.decode("latin-1"))),
    st.builds(Mutation, st.just("flip"), _pos, st.integers(0, 255)),
)


def load_pipeline(data: bytes, name: str) -> Facts | None:
    """read → parse → extract; a ParseError is an answer (None), anything else propagates."""
    try:
        return extract(parse(read_bytes(data, name)))
    except ParseError as err:
        assert str(err).startswith(f"{name}: "), err  # the message names the input
        return None


@settings(
    max_examples=300,
    deadline=None,
    derandomize=True,  # the same 300 inputs on every run (CI); `make fuzz` explores
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(
    seed=st.integers(0, len(TEXTS) - 1),
    start=st.one_of(st.just(0), _pos),
    size=st.one_of(st.just(0), st.integers(8, 120)),
    mutations=st.lists(MUTATION, min_size=1, max_size=4),
    encoding=st.sampled_from(fuzz.ENCODINGS),
    byte_edits=st.lists(BYTE_EDIT, max_size=3),
    suffix=st.sampled_from([".txt", ".txt", ".txt", ".md", "", ".docx", ".pdf"]),
)
def test_mutated_charters_give_facts_or_a_parse_error(seed, start, size, mutations, encoding, byte_edits, suffix):
    text = fuzz.window(TEXTS[seed], start, size)
    data = fuzz.apply(text, mutations, encoding, byte_edits)
    data = fuzz._as_container(data, suffix)
    load_pipeline(data, f"fuzz{suffix}")


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=4000), suffix=st.sampled_from([".txt", ".md", "", ".docx", ".pdf"]))
def test_random_bytes_give_a_parse_error_or_facts(data, suffix):
    load_pipeline(data, f"raw{suffix}")


@pytest.mark.parametrize("seed", range(len(TEXTS)))
def test_unmutated_windows_are_fine(seed):
    """The mutator's identity: an untouched seed charter loads (or is refused the same way the file is)."""
    text = TEXTS[seed]
    data = fuzz.apply(text, [], "utf-8", [])
    assert data == text.encode("utf-8")
    direct = load_pipeline(text.encode("utf-8"), "seed.txt")
    assert (load_pipeline(data, "seed.txt") is None) == (direct is None)


def test_the_fuzz_script_runs_and_reports(tmp_path):
    """``make fuzz`` calls this script: a short run prints the count, the outcomes and PASS."""
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "fuzz_loader.py"), "--examples", "120", "--workers", "1",
         "--seed", "7", "--crashes", str(tmp_path / "crashes")],
        capture_output=True, text=True, timeout=600, cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    assert "fuzz_loader: 120 inputs" in result.stdout
    assert "crash 0" in result.stdout and "RESULT: PASS" in result.stdout
    assert not (tmp_path / "crashes").exists()
