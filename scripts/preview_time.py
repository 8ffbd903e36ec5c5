"""Seconds from saving a data file to the preview serving the change (median of 5 edits).

Usage: python scripts/preview_time.py [zh|en|zh-HK] [--checkout DIR]
  a language: the preview of that language alone (JIAOLIU_PREVIEW_LANGUAGE), the page viewed in it;
  --checkout: another checkout (`git worktree add DIR COMMIT`), for a before/after: its own package
  and its own preview (jiaoliu-preview, or `mkdocs serve` before it).
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

from jiaoliu.engine.languages import read_languages

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


def preview_command(checkout: Path, port: int) -> list[str]:
    for package in ("jiaoliu", "gdep_site"):  # gdep_site before 0.2.0
        if (checkout / "src" / package / "engine" / "preview.py").is_file():
            return [sys.executable, "-m", f"{package}.engine.preview", "-a", f"127.0.0.1:{port}"]
    return [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"]


def main() -> int:
    args = sys.argv[1:]
    checkout = ROOT
    if "--checkout" in args:
        at = args.index("--checkout")
        checkout = Path(args[at + 1]).resolve()
        del args[at:at + 2]
    language = args[0] if args else ""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with tempfile.TemporaryDirectory(prefix="jiaoliu-preview-") as tmp:
        project = Path(tmp)
        for part in ("mkdocs.yml", "docs", "data", "hooks", "overrides"):
            if (checkout / part).exists():
                (shutil.copytree if (checkout / part).is_dir() else shutil.copy2)(checkout / part, project / part)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(checkout / "src"),
               **({"JIAOLIU_PREVIEW_LANGUAGE": language} if language else {})}
        server = subprocess.Popen(preview_command(checkout, port), cwd=project, env=env,
                                  stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            folder = read_languages(ROOT / "mkdocs.yml")[language].folder if language else ""
            url = f"http://127.0.0.1:{port}/{folder}partners/nmit/"
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
