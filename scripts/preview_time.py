"""Seconds from saving a data file to `mkdocs serve` serving the change (median of 5 edits).

Usage: python scripts/preview_time.py [zh|en]   (a language = the single-language preview mode)
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EDITS = 5


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


def wait_for(url: str, text: str, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while text not in fetch(url):
        if time.monotonic() > deadline:
            raise SystemExit(f"{url} never showed {text!r}")
        time.sleep(0.05)


def main() -> int:
    language = sys.argv[1] if len(sys.argv) > 1 else ""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="gdep-preview-") as tmp:
        project = Path(tmp)
        for part in ("mkdocs.yml", "docs", "data", "hooks", "overrides"):
            (shutil.copytree if (ROOT / part).is_dir() else shutil.copy2)(ROOT / part, project / part)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"GDEP_PREVIEW_LANGUAGE": language} if language else {})}
        server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                                  cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            url = f"http://127.0.0.1:{port}/partners/nmit/"
            wait_for(url, "NMIT")
            time.sleep(2)  # let the first build settle
            data = project / "data" / "partners.yml"
            original = data.read_text("utf-8")
            seconds = []
            for edit in range(1, EDITS + 1):
                start = time.perf_counter()
                data.write_text(original.replace("abbr: NMIT\n", f"abbr: NMIT-{edit}\n", 1), "utf-8")
                wait_for(url, f"NMIT-{edit}")
                seconds.append(time.perf_counter() - start)
                time.sleep(1.5)
        finally:
            server.terminate()
            server.wait(timeout=10)
    print(f"{language or 'both languages'}: {[round(s, 2) for s in seconds]} s, median {statistics.median(seconds):.2f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
