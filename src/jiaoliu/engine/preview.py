"""`jiaoliu-preview` (./scripts/site): the site as jiaoliu-build makes it, served while staff edit.

Every build is jiaoliu-build's (`build.build_site`, in preview mode: the data's warnings are shown,
not fatal; every page carries a small reload script). Edits to the data, the pages, the theme or
mkdocs.yml start a new build; when it succeeds, the new site replaces the old one and open pages
reload themselves. While the data has a mistake, every page is answered with the problems in
both languages (HTTP 500), and reloads by itself once the file is fixed. Stopped by Ctrl+C or
SIGTERM, it leaves nothing behind (its builds live in one temporary folder).
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import signal
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from jiaoliu.core import localise
from jiaoliu.core.languages import Languages, LanguageTableError
from jiaoliu.engine.build import PHOTO_CACHE, TEMPLATE_CACHE, build_site
from jiaoliu.engine.languages import read_languages
from jiaoliu.render.preview import error_page

SERVED = ".jiaoliu-preview"  # the preview's own addresses, beside the site: the reload script and its state
WATCHED = ("data", "docs", "overrides", "mkdocs.yml")
RELOAD_SCRIPT = """(function () {
  var seen = null;
  function check() {
    fetch(%(state)s, {cache: "no-store"}).then(function (r) { return r.json(); }).then(function (state) {
      if (seen !== null && state.build !== seen) location.reload();
      seen = state.build;
    }).catch(function () {}).then(function () { setTimeout(check, 700); });
  }
  check();
})();
"""


@dataclass(frozen=True)
class State:
    """What the server shows: the last good site, and the last build's problem if it failed."""

    build: int = 0
    site: Path | None = None
    problem: str | None = None


class Preview:
    """The builds and what is served; the server's threads read `state`, replaced whole."""

    def __init__(self, config_file: Path, languages: Languages, only: list[str] | None, work: Path) -> None:
        self.config_file, self.languages, self.only, self.work = config_file, languages, only, work
        self.state = State()

    def rebuild(self) -> None:
        start = time.monotonic()
        number = self.state.build + 1
        folder = self.work / str(number)
        folder.mkdir()
        result = build_site(self.config_file, folder, self.languages, strict=False, preview=True, only=self.only)
        report = result.report()
        if result.site is None:
            self.state = State(number, self.state.site, report or "构建失败 / the build failed")
            print(report, file=sys.stderr, flush=True)
            return
        previous = self.state.site
        self.state = State(number, result.site)
        if report:
            print(report, flush=True)
        print(f"预览已更新 / Preview updated in {time.monotonic() - start:.1f} s", flush=True)
        if previous is not None:
            _remove(previous.parent)

    def watch(self, stop: threading.Event) -> None:
        """Rebuild whenever a watched file changes (checked five times a second: a stat of each of
        the project's few hundred files, about 2 ms)."""
        project = self.config_file.parent
        seen = _snapshot(project)
        while not stop.wait(0.2):
            now = _snapshot(project)
            if now != seen:
                seen = now
                self.rebuild()


def _snapshot(project: Path) -> dict[str, tuple[float, int]]:
    found = {}
    for name in WATCHED:
        path = project / name
        for item in [path, *(path.rglob("*") if path.is_dir() else ())]:
            try:
                status = item.stat()
            except OSError:
                continue
            found[str(item)] = (status.st_mtime, status.st_size)
    return found


def _remove(folder: Path) -> None:
    import shutil

    shutil.rmtree(folder, ignore_errors=True)


class Handler(http.server.SimpleHTTPRequestHandler):
    """The current site's files; its 404 page for what is missing (as GitHub Pages does); the
    problem page while the last build failed; the reload script and its state."""

    preview: Preview

    def translate_path(self, path: str) -> str:
        site = self.preview.state.site
        self.directory = str(site) if site is not None else str(self.preview.work)
        return super().translate_path(path)

    def do_GET(self) -> None:  # noqa: N802 - http.server's name
        path = self.path.split("?", 1)[0]
        state = self.preview.state
        if path == f"/{SERVED}/state":
            return self._send(200, "application/json", json.dumps({"build": state.build, "ok": not state.problem}))
        if path == f"/{SERVED}/reload.js":
            return self._send(200, "text/javascript", RELOAD_SCRIPT % {"state": json.dumps(f"/{SERVED}/state")})
        if path == "/" and state.site is not None and not (state.site / "index.html").exists() and self.preview.only:
            self.send_response(302)  # a preview of one language that is not the default: its home
            self.send_header("Location", f"/{self.preview.languages[self.preview.only[0]].folder}")
            self.end_headers()
            return None
        if state.problem and (path.endswith("/") or path.endswith(".html")):
            page = error_page(localise.string_tables(), state.problem, script=f"/{SERVED}/reload.js")
            return self._send(500, "text/html; charset=utf-8", page)
        return super().do_GET()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        site = self.preview.state.site
        page = site / "404.html" if site is not None else None
        if code != 404 or page is None or not page.is_file():
            return super().send_error(code, message, explain)
        self._send(404, "text/html; charset=utf-8", page.read_text("utf-8"))

    def _send(self, status: int, kind: str, body: str) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - http.server's name
        pass


def serve(config_file: Path, address: str, only: list[str] | None) -> int:
    try:
        languages = read_languages(config_file)
    except LanguageTableError as exc:
        print(f"mkdocs.yml: {exc}", file=sys.stderr)
        return 1
    host, _, port = address.rpartition(":")
    os.environ.setdefault("SITE_URL", f"http://{address}/")
    with tempfile.TemporaryDirectory(prefix="jiaoliu-preview-") as work:
        os.environ[TEMPLATE_CACHE] = str(Path(work) / "templates")  # for the language builds it forks
        os.environ[PHOTO_CACHE] = str(Path(work) / "photos")
        preview = Preview(config_file, languages, only, Path(work))
        preview.rebuild()  # on broken data too: the pages show the problem until it is fixed
        handler = type("PreviewHandler", (Handler,), {"preview": preview})
        server = http.server.ThreadingHTTPServer((host or "127.0.0.1", int(port)), handler)
        stop = threading.Event()
        watcher = threading.Thread(target=preview.watch, args=(stop,), daemon=True)
        watcher.start()
        home = languages[only[0]].folder if only else ""
        print(f"预览 / Preview: http://{address}/{home}", flush=True)
        try:
            server.serve_forever()
        except KeyboardInterrupt:
            pass
        finally:
            stop.set()
            server.server_close()
            watcher.join(timeout=30)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jiaoliu-preview", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-a", "--dev-addr", default="127.0.0.1:8000", help="host:port (default 127.0.0.1:8000)")
    parser.add_argument("--language", action="append",
                        help="preview only this language (faster; may be repeated; JIAOLIU_PREVIEW_LANGUAGE too)")
    args = parser.parse_args(argv)
    language = os.environ.get("JIAOLIU_PREVIEW_LANGUAGE")
    only = args.language or ([language] if language else None)
    for signum in STOP_SIGNALS:  # SIGTERM as Ctrl+C: the temporary folder is removed
        signal.signal(signum, _interrupt)
    return serve(args.config_file.resolve(), args.dev_addr, only)


STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _interrupt(signum: int, frame: object) -> None:
    """Stop once: a second Ctrl+C (or SIGTERM) while the preview cleans up would leave its
    temporary folder half removed."""
    for each in STOP_SIGNALS:
        signal.signal(each, signal.SIG_IGN)
    raise KeyboardInterrupt


if __name__ == "__main__":
    sys.exit(main())
