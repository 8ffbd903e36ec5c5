"""Fuzzing the loader (Hypothesis): whatever bytes or YAML-like text a data file holds, the
only outcomes are success or data problems with a file and a line; never a traceback."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import LANGUAGES, ROOT
from jiaoliu.core.errors import DataProblem
from jiaoliu.core.loader import check_data

# Pieces of YAML syntax, the slips staff make, and what an attacker would try.
TOKENS = [
    "partners:", "\n", "\n  ", "\n    ", "- ", "id: ", "name: ", "zh: ", "en: ", "kind: university",
    "country: NZ", "{", "}", "[", "]", ", ", ": ", '"', "'", "#", " #", "&a ", "*a", "!!python/object/apply:os.system",
    "!!str ", "!x ", "<<: ", "---\n", "...\n", "\t", "\u2028", "\x85", "\x00", "\x0b", "\ufeff", "|\n", ">-\n",
    "? ", "%YAML 1.1\n", "0104", "18:1", "yes", "NO", "~", "null", "2023-02-30", "1e3", ".inf", "\\", "\r\n", "\r",
    "<script>", "[x](javascript:a)", "{{ x }}", "名称", "\u3164", "\u202e", "@", "`", "%",
    # what a Chinese keyboard or a word processor types (issue 23)
    "：", "，", "“", "”", "‘", "’", "［", "］", "｛", "｝", "＃", "\u3000", "\u00a0", "\u034f", "\ufe0f",
]
# 100 examples a test in the suite (its whole run stays under 4 minutes); more on demand, e.g.
# JIAOLIU_FUZZ_EXAMPLES=2000 ./scripts/test tests/test_fuzz_loader.py. Derandomized: the same examples
# every run, so a failure seen once is seen again.
EXAMPLES = int(os.environ.get("JIAOLIU_FUZZ_EXAMPLES", "100"))
SETTINGS = settings(max_examples=EXAMPLES, deadline=2000, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
REAL = (ROOT / "data" / "partners.yml").read_bytes()


@pytest.fixture(scope="module")
def data_dir():
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "data"
        shutil.copytree(ROOT / "data", target)
        shutil.copytree(ROOT / "docs", Path(tmp) / "docs")
        yield target


def _outcome_is_clean(data_dir: Path, raw: bytes) -> None:
    (data_dir / "partners.yml").write_bytes(raw)
    result = check_data(data_dir, docs=data_dir.parent / "docs", languages=LANGUAGES)  # must not raise
    lines = raw.count(b"\n") + 1
    for problem in (*result.errors, *result.warnings):
        assert isinstance(problem, DataProblem)
        assert problem.file.startswith("data/") and problem.column >= 1, problem
        if problem.file == "data/partners.yml":
            assert 1 <= problem.line <= lines, (problem, lines)
        assert problem.format()  # every message formats, in both languages
    assert result.dataset is not None or result.errors


@SETTINGS
@given(raw=st.binary(max_size=3000))
def test_arbitrary_bytes(data_dir, raw):
    _outcome_is_clean(data_dir, raw)


@SETTINGS
@given(pieces=st.lists(st.one_of(st.sampled_from(TOKENS), st.text(max_size=6)), max_size=80))
def test_yaml_like_text(data_dir, pieces):
    _outcome_is_clean(data_dir, "".join(pieces).encode("utf-8", "surrogatepass"))


@SETTINGS
@given(edits=st.lists(st.tuples(st.integers(0, len(REAL)), st.sampled_from(TOKENS)), min_size=1, max_size=6))
def test_slips_in_the_real_file(data_dir, edits):
    text = REAL.decode("utf-8")
    for position, token in sorted(edits, reverse=True):
        text = text[:position] + token + text[position:]
    _outcome_is_clean(data_dir, text.encode("utf-8", "surrogatepass"))


def test_the_real_data_passes(data_dir):
    _outcome_is_clean(data_dir, REAL)
    assert check_data(data_dir).dataset is not None
