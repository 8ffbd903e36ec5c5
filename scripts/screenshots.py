"""Screenshots of built pages, every language, on a phone (412 px) and a desktop (1280 px).

For looking at a change before calling it done. Not a test.
Usage: ./scripts/screenshots PREFIX PAGE... [--site site] [--out test-artifacts] [--full] [--open]
       [--project FOLDER] (another site's folder, e.g. examples/lakeside: its languages)
  PAGE is a site path without the language, e.g. "" (home), "partners/nmit/", "contact/";
  a "#id" suffix scrolls to that element first. Files: OUT/PREFIX-NAME-LANG-{phone,desktop}.png
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import socket
import threading
from pathlib import Path

from playwright.sync_api import sync_playwright

from jiaoliu.engine.languages import read_languages

ROOT = Path(__file__).resolve().parent.parent
CHROME = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SCREENS = {"phone": {"width": 412, "height": 915}, "desktop": {"width": 1280, "height": 900}}


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the site's own 404.html for a missing page, as GitHub Pages does."""

    def log_message(self, *args) -> None:
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            return super().send_error(code, message, explain)
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def serve(site: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", port), functools.partial(QuietHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{port}/"


def name_of(page: str) -> str:
    address, _, anchor = page.partition("#")
    name = address.strip("/").replace("/", "-") or "home"
    return f"{name}-{anchor.strip('.')}" if anchor else name


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("prefix")
    parser.add_argument("pages", nargs="+")
    parser.add_argument("--site", type=Path, default=ROOT / "site")
    parser.add_argument("--out", type=Path, default=ROOT / "test-artifacts")
    parser.add_argument("--full", action="store_true", help="the whole page, not the first screen")
    parser.add_argument("--open", action="store_true", help="open collapsed blocks (e.g. sources)")
    parser.add_argument("--project", type=Path, default=ROOT, help="the site's folder (its mkdocs.yml's languages)")
    parser.add_argument("--languages", nargs="+", help="some of the site's languages only")
    args = parser.parse_args()
    folders = {lang.code: lang.folder for lang in read_languages(args.project / "mkdocs.yml")}  # language -> its folder
    args.languages = args.languages or list(folders)
    args.out.mkdir(parents=True, exist_ok=True)
    server, base = serve(args.site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROME, args=["--no-sandbox"])
            for screen, size in SCREENS.items():
                page = browser.new_page(viewport=size)
                for path in args.pages:
                    address, _, anchor = path.partition("#")
                    for lang in args.languages:
                        prefix = folders[lang]
                        page.goto(base + prefix + address)
                        if args.open:
                            page.evaluate("document.querySelectorAll('details').forEach(d => d.open = true)")
                        if anchor:
                            selector = anchor if anchor.startswith(".") else f"#{anchor}"  # "#.jiaoliu-sources"
                            page.locator(selector).first.evaluate("e => e.scrollIntoView()")
                        out = args.out / f"{args.prefix}-{name_of(path)}-{lang}-{screen}.png"
                        page.screenshot(path=str(out), full_page=args.full)
                        print(out.relative_to(ROOT) if out.is_relative_to(ROOT) else out)
                page.close()
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
