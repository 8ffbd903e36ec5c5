"""Shared fixtures: one real build of the real mkdocs.yml per run, a local HTTP server for it,
and Debian's Chromium driven by Playwright; and how the tests are spread over xdist's workers."""

from __future__ import annotations

import contextlib
import copy
import fcntl
import functools
import http.server
import io
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import traceback
from collections.abc import Iterator
from importlib.metadata import entry_points
from pathlib import Path

import pytest

from jiaoliu.engine.languages import read_languages

ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
PROJECT_PARTS = ("mkdocs.yml", "docs", "data")
LANGUAGES = read_languages(ROOT / "mkdocs.yml")  # the site's languages, as mkdocs.yml declares them

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
os.environ.setdefault("DISABLE_MKDOCS_2_WARNING", "true")


# Kept in pytest's cache (.pytest_cache/), for the run going on: which tests share a module_build.
GROUPS = "jiaoliu/groups"


def module_build(function):
    """A module-scoped fixture that builds (a site, a project, or as long): the tests that use it
    are sent to one xdist worker together, so that it is built once, not once per worker."""
    fixture = pytest.fixture(scope="module")(function)
    fixture.builds = True
    return fixture


@pytest.hookimpl(tryfirst=True)  # before pytest deselects by mark
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Tests that drive Chromium are marked `browser`: CI runs them as a job of their own, beside
    the faster site checks (`./scripts/test --site` and `--browser`). Under xdist, each worker
    (all collect alike) tells the scheduler below which tests share a build. The tests keep the
    order of their files: ordered longest first (by their last times), two Chromiums and two
    builds ran at once more often, and the suite took longer (246 s against 235 s, same tests)."""
    for item in items:
        if {"browser", "playwright_instance"} & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.browser)
    cache = getattr(config, "cache", None)
    if hasattr(config, "workerinput") and cache is not None:
        groups = {item.nodeid: item.module.__name__ for item in items if _uses_a_module_build(item)}
        cache.set(GROUPS, groups)  # read once every worker has collected


def _uses_a_module_build(item: pytest.Item) -> bool:
    module = getattr(item, "module", None)
    return any(getattr(getattr(module, name, None), "builds", False) for name in getattr(item, "fixturenames", ()))


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """`--dist loadgroup` (pyproject.toml), done here: xdist's own no longer groups with pytest 9.2
    (pytest-xdist#1386), so the tests sharing a module_build went to every worker."""
    if config.getvalue("dist") != "loadgroup" or getattr(config, "cache", None) is None:
        return None
    from xdist.scheduler import LoadScopeScheduling

    class SharedBuildScheduling(LoadScopeScheduling):
        """Each test is a unit of work, except that the tests sharing a build are one."""

        @functools.cached_property
        def groups(self) -> dict[str, str]:
            return config.cache.get(GROUPS, {})

        def _split_scope(self, nodeid: str) -> str:
            return self.groups.get(nodeid, nodeid)

    return SharedBuildScheduling(config, log)


class BuildFailed(Exception):
    """The build of a test project failed; the message is what jiaoliu-build reports."""


def build_site(project: Path, site_dir: Path, strict: bool = True, only: list[str] | None = None,
               search_index: bool = True, drafts: bool = False) -> Path:
    """A real build of `project`, as jiaoliu-build makes it (every language, then the sitemap and
    the search index, unless a test reads only the pages); strict by default (any warning
    fails). `site_dir` must not exist yet."""
    from jiaoliu.engine.build import build_site as build_every_language
    from jiaoliu.engine.languages import read_languages

    site_dir.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=site_dir.parent, prefix=".build-") as work:
        result = build_every_language(project / "mkdocs.yml", Path(work), read_languages(project / "mkdocs.yml"),
                                      strict=strict, only=only, search_index=search_index, drafts=drafts)
        if result.site is None:
            raise BuildFailed(result.report())
        result.site.rename(site_dir)
    return site_dir


def run_command(name: str, *args: str | Path, cwd: Path, env: dict[str, str] | None = None
                ) -> subprocess.CompletedProcess:
    """One of our commands (pyproject's [project.scripts]: jiaoliu-check, jiaoliu-schemas, …) as its
    console script runs it, `sys.exit(main())`, but in this process, in `cwd`, with `env` added:
    without a Python start and the imports, a tenth of the time. What it prints is captured; a
    traceback ends up in its stderr, where the callers look for one. The console scripts
    themselves run as subprocesses in test_tooling, test_safety_build and test_robustness."""
    main = entry_points(group="console_scripts", name=name)[name].load()
    out, err = io.StringIO(), io.StringIO()
    saved, on_sigterm = dict(os.environ), signal.getsignal(signal.SIGTERM)  # jiaoliu-build sets its own
    os.environ.update(env or {})
    try:
        with contextlib.chdir(cwd), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main([str(arg) for arg in args])
            except SystemExit as exc:  # argparse, or a sys.exit inside
                code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
            except Exception:  # as Python would print it, and exit 1
                traceback.print_exc()
                code = 1
    finally:
        os.environ.clear()
        os.environ.update(saved)
        signal.signal(signal.SIGTERM, on_sigterm)
    return subprocess.CompletedProcess([name, *map(str, args)], code or 0, out.getvalue(), err.getvalue())


@functools.cache
def site_markdown() -> tuple[list, dict]:
    """The Markdown extensions and their settings exactly as a build has them: mkdocs.yml's, those
    MkDocs always adds (toc, tables, fenced_code) and the product's (`engine.product`)."""
    from mkdocs.config import load_config

    from jiaoliu.engine import product

    config = load_config(str(ROOT / "mkdocs.yml"))
    product.apply(config)
    return list(config.markdown_extensions), dict(config.mdx_configs)


def own_theme(project: Path) -> Path:
    """A copy's own theme folder (`theme.custom_dir: overrides`), whose templates come before the
    product's: where a college changes a template of the look."""
    config = project / "mkdocs.yml"
    text = config.read_text("utf-8")
    if "custom_dir:" not in text:
        config.write_text(text.replace("  name: material\n", "  name: material\n  custom_dir: overrides\n", 1), "utf-8")
    (project / "overrides").mkdir(exist_ok=True)
    return project / "overrides"


def copy_project(destination: Path) -> Path:
    """A throw-away copy of everything the build reads, to break on purpose."""
    destination.mkdir(parents=True, exist_ok=True)
    for part in PROJECT_PARTS:
        source = ROOT / part
        if source.is_dir():
            shutil.copytree(source, destination / part)
        elif source.exists():
            shutil.copy2(source, destination / part)
    return destination


def data_file(name: str) -> dict:
    """A data file read independently of the package, so tests check figures, not echo them."""
    return copy.deepcopy(_parsed_data_file(name))  # a copy: no test sees another's changes


@functools.cache
def _parsed_data_file(name: str) -> dict:
    import yaml

    return yaml.safe_load((ROOT / "data" / name).read_text("utf-8"))  # once per process: pure-Python YAML is slow


def record_paths() -> list[str]:
    """URL paths (without language prefix) of the pages generated from records."""
    from jiaoliu.core.kinds import RECORD_KINDS

    records = [f"{kind.folder}/{record['id']}/" for kind in RECORD_KINDS for record in data_file(kind.data_file)[kind.key]]
    reports = [f"report/{p.stem}/" for p in sorted((ROOT / "data" / "reports").glob("*.yml"))]
    return records + reports


def written_paths() -> list[str]:
    """URL paths (without language prefix) of the hand-written pages the real data builds (not
    those whose data is not filled in yet: test_filled.py)."""
    docs = ROOT / "docs" / "zh"
    paths = []
    for md in sorted(docs.rglob("*.md")):
        if md.relative_to(docs).as_posix() in _unbuilt_pages():
            continue
        relative = md.relative_to(docs).with_suffix("").as_posix()
        relative = relative.removesuffix("index")
        paths.append(relative + ("/" if relative and not relative.endswith("/") else ""))
    return paths


LANG_PREFIX = {lang.code: lang.folder for lang in LANGUAGES}  # zh: "", en: "en/", zh-HK: "zh-HK/"
WRITTEN_LANGUAGES = tuple(lang.code for lang in LANGUAGES.written)  # the languages staff write


def all_page_paths() -> list[str]:
    """Every page of the site in every language, as URL paths from the site root."""
    return [LANG_PREFIX[lang] + path for lang in LANG_PREFIX for path in written_paths() + record_paths()]


def browser_page_paths() -> list[str]:
    """The pages each browser test opens one by one: every page in English (its longer words are
    what could overflow a phone's screen), and in each other language the hand-written pages and
    the first page of each kind of record (the same templates, the text in another script). The
    checks without a browser read every page of every language."""
    sample = written_paths() + first_record_of_each_kind()
    return [LANG_PREFIX[lang] + path for lang in LANG_PREFIX
            for path in (written_paths() + record_paths() if lang == "en" else sample)]


@functools.cache
def _unbuilt_pages() -> frozenset[str]:
    from jiaoliu.core.loader import check_data

    dataset = check_data(ROOT / "data", docs=ROOT / "docs", languages=LANGUAGES).dataset
    assert dataset is not None, "the real data does not pass the check"
    return dataset.pages_without_content()


def first_record_of_each_kind() -> list[str]:
    """The URL path of the first record page of each kind (partners/, programmes/, report/)."""
    return sorted({path.split("/")[0]: path for path in reversed(record_paths())}.values())


@pytest.fixture(scope="session", autouse=True)
def compiled_templates(tmp_path_factory) -> None:
    """The theme's templates compiled once a run, not once a language of each of the suite's
    hundred-odd builds (about 0.3 s each): the plugin's `template_cache`, as the preview uses it,
    in the run's folder that every worker shares (Jinja keys each by its source and writes it whole);
    and the photos' copies (`photo_cache`), made once a run."""
    from jiaoliu.engine.build import PHOTO_CACHE, TEMPLATE_CACHE

    os.environ[TEMPLATE_CACHE] = str(tmp_path_factory.getbasetemp().parent / "templates")
    run = tmp_path_factory.getbasetemp()  # the run's folder (a worker's is inside it): copies of this code's
    os.environ[PHOTO_CACHE] = str((run.parent if "PYTEST_XDIST_WORKER" in os.environ else run) / "photos")


@pytest.fixture(scope="session")
def site(tmp_path_factory, worker_id) -> Path:
    """The real project, built once per run: under xdist, the first worker that needs it builds
    it in the run's folder and the others wait for it there (tests only read it)."""
    if worker_id == "master":  # a single process
        return build_site(ROOT, tmp_path_factory.mktemp("site"))
    return _built_once(tmp_path_factory.getbasetemp().parent / "site")


def _built_once(site: Path) -> Path:
    with open(site.with_name("site.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # held until the file is closed, or the worker ends
        if not site.is_dir():
            building = site.with_name(f"site-{os.getpid()}")
            build_site(ROOT, building)
            building.rename(site)  # whole or not at all: a failed build leaves no `site`
    return site


@pytest.fixture(scope="session")
def site_url(site) -> Iterator[str]:
    yield from served(site)


def served(site: Path) -> Iterator[str]:
    """A built site served on a local port, for a fixture: its address, until the fixture ends."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()


class QuietServer(http.server.ThreadingHTTPServer):
    """A local server for the browser tests, which prints no traceback when Chromium drops a
    connection (a page closed while loading): it would land in the output of whatever test the
    worker runs at that moment."""

    def handle_error(self, request, client_address) -> None:
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site like GitHub Pages: the site's own 404.html for a missing page."""

    def log_message(self, *args) -> None:  # keep test output readable
        pass

    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def playwright_instance():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_instance):
    if not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's 'chromium' package "
                    "(./scripts/test does it) or set CHROMIUM_PATH")
    browser = playwright_instance.chromium.launch(
        executable_path=CHROMIUM,
        # V8's optimising compilers (Maglev, TurboFan) pay off on long-lived pages; a test's page
        # lives a second, and they cost a fifth of Chromium's time (measured: 25 → 20 CPU-s for
        # 60 pages). JavaScript runs the same without them.
        args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
              "--disable-component-update", "--disable-sync", "--no-first-run",
              "--js-flags=--no-maglev --no-turbofan"],
    )
    yield browser
    browser.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
