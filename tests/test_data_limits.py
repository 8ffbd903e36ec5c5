"""Any data file, however large or malicious, is checked within 10 s of processor time and 500 MB,
by the same `jiaoliu-check` staff run, and the answer names the file and the line.

The time is the check's own processor time, bounded by the system (RLIMIT_CPU): the time on the
clock is not asserted, as a busy machine stretches it."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from corpus_cases import fresh_data

SECONDS, MEGABYTES = 10, 500
BOMB = (
    'partners:\n'
    '  - &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
    + "".join(f'  - &{chr(98 + i)} [{", ".join([f"*{chr(97 + i)}"] * 9)}]\n' for i in range(9))
)
# name: (content of data/partners.yml, words of the first message, its line or None)
HOSTILE_FILES = {
    "alias bomb": (BOMB.encode(), "YAML anchor", 2),
    "recursive alias": (b"partners: &p\n  - *p\n", "YAML anchor", 1),
    "50 MB of text": (b"partners:\n  - about: {en: \"" + b"x" * (50 * 2**20) + b"\"}\n", "too large", 1),
    "30 MB of tiny values": (b"partners:\n" + b"  - [a, b, c, d, e, f, g, h]\n" * (30 * 2**20 // 28),
                             "too many values", None),
    "a million brackets": (b"partners: " + b"[" * 1_000_000 + b"]" * 1_000_000 + b"\n", "too deep", 1),
    "a million NUL characters": (b"partners:\n" + b"  - \x00\n" * 1_000_000, "control character", 2),
}
# jiaoliu-check, stopped by the system past SECONDS of processor time (SIGXCPU, then SIGKILL), then its own peak memory and
# processor time (the child's, not those of earlier children of pytest).
RUN = ("import resource, sys\n"
       f"resource.setrlimit(resource.RLIMIT_CPU, ({SECONDS}, {SECONDS + 1}))\n"
       "from jiaoliu.tools.cli import check_main\ntry:\n    code = check_main()\nfinally:\n"
       "    used = resource.getrusage(resource.RUSAGE_SELF)\n"
       "    print(f'PEAK_KB={used.ru_maxrss} CPU_S={used.ru_utime + used.ru_stime:.2f}', file=sys.stderr)\n"
       "sys.exit(code)")


def jiaoliu_check_measured(data_dir: Path) -> tuple[subprocess.CompletedProcess, float, str]:
    """jiaoliu-check in its own process, with its peak memory (MB) and processor time (s, to print);
    over SECONDS of processor time, the system stops it (SIGXCPU)."""
    result = subprocess.run([sys.executable, "-c", RUN, "--data", str(data_dir)], capture_output=True,
                            text=True, timeout=300, env={**os.environ, "PYTHONIOENCODING": "utf-8"})
    assert result.returncode not in (-signal.SIGXCPU, -signal.SIGKILL), f"more than {SECONDS} s of processor time"
    used = re.search(r"PEAK_KB=(\d+) CPU_S=(\S+)", result.stderr)
    return result, int(used[1]) / 1024, used[2]


@pytest.mark.parametrize("name", list(HOSTILE_FILES))
def test_a_hostile_file_is_refused_in_bounded_time_and_memory(tmp_path, name):
    content, words, line = HOSTILE_FILES[name]
    data = fresh_data(tmp_path)
    (data / "partners.yml").write_bytes(content)
    result, megabytes, seconds = jiaoliu_check_measured(data)
    output = result.stdout + result.stderr
    print(f"{name}: {len(content) / 2**20:.1f} MB file, {seconds} s of processor time, peak {megabytes:.0f} MB")
    assert result.returncode == 1 and "Traceback" not in output, output[-2000:]
    assert megabytes < MEGABYTES, megabytes
    first = next(row for row in result.stdout.splitlines() if row.startswith("data/partners.yml:"))
    assert words in first, first
    assert line is None or first.startswith(f"data/partners.yml:{line}:"), first


def test_the_real_data_is_checked_well_within_the_bounds(tmp_path):
    result, megabytes, _ = jiaoliu_check_measured(fresh_data(tmp_path))
    assert result.returncode == 0, result.stdout
    assert megabytes < MEGABYTES
