"""Lighthouse 12 (mobile preset) on key pages of a fresh build; writes maintainers/lighthouse.md.

Not a test: scores vary a little from run to run. Usage: ./scripts/lighthouse
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE_VERSION = "12.8.2"
TOOLS = ROOT / ".cache" / "lighthouse"
PAGES = ["", "study/", "contact/", "partners/", "partners/nmit/", "programmes/nmit-construction/"]
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


class GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when asked, as GitHub Pages does, so the scores are fair."""

    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # redirects "dir" to "dir/"
            path = path / "index.html"
        compressible = path.suffix in (".html", ".css", ".js", ".json", ".xml", ".svg")
        if not (compressible and path.is_file() and "gzip" in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def ensure_lighthouse() -> Path:
    binary = TOOLS / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        TOOLS.mkdir(parents=True, exist_ok=True)
        subprocess.run(["npm", "install", "--prefix", str(TOOLS), "--no-audit", "--no-fund",
                        "--loglevel=error", f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True)
    return binary


def build(site_dir: Path, site_url: str) -> None:
    env = {**os.environ, "SITE_URL": site_url, "NO_MKDOCS_2_WARNING": "1"}
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site_dir)],
                   cwd=ROOT, env=env, check=True)


def audit(binary: Path, url: str, out: Path) -> dict[str, int]:
    """Scores of one page; the full JSON report stays in `out` (kept in .cache/lighthouse)."""
    subprocess.run([str(binary), url, "--quiet", "--output=json", f"--output-path={out}",
                    f"--only-categories={','.join(CATEGORIES)}",
                    "--chrome-flags=--headless=new --no-sandbox --disable-gpu --disable-background-networking"],
                   env={**os.environ, "CHROME_PATH": CHROME}, check=True)
    report = json.loads(out.read_text("utf-8"))
    return {c: round(report["categories"][c]["score"] * 100) for c in CATEGORIES}


def main() -> int:
    binary = ensure_lighthouse()
    port = free_port()
    site_url = f"http://127.0.0.1:{port}/"
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        build(site, site_url)
        handler = functools.partial(GzipHandler, directory=str(site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        rows = []
        try:
            for lang in ("zh", "en"):
                for page in PAGES:
                    path = ("" if lang == "zh" else "en/") + page
                    report = TOOLS / "reports" / (f"{lang}-{page.strip('/').replace('/', '-') or 'home'}.json")
                    report.parent.mkdir(parents=True, exist_ok=True)
                    scores = audit(binary, site_url + path, report)
                    rows.append((f"/{path}", scores))
                    print(f"/{path}", scores, flush=True)
        finally:
            server.shutdown()
    write_table(rows)
    return 0


def write_table(rows) -> None:
    lines = [
        "# Lighthouse scores",
        "",
        f"Lighthouse {LIGHTHOUSE_VERSION}, mobile preset (the default: Moto G Power, slow 4G throttling),",
        "Debian Chromium headless, site served gzip-compressed from localhost (as GitHub Pages serves it).",
        "Produced by `./scripts/lighthouse`",
        f"on {date.today().isoformat()}; scores move by a point or two between runs.",
        "",
        "| Page | Performance | Accessibility | Best practices | SEO |",
        "|---|---|---|---|---|",
    ]
    for path, s in rows:
        lines.append(f"| `{path}` | {s['performance']} | {s['accessibility']} | {s['best-practices']} | {s['seo']} |")
    (ROOT / "maintainers" / "lighthouse.md").write_text("\n".join(lines) + "\n", "utf-8")


if __name__ == "__main__":
    sys.exit(main())
