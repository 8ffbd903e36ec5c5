"""Build-speed and size benchmark: our site vs the same pages as plain Markdown vs Hugo.

For each size N (partners, and as many awards), it generates synthetic data, then builds:
  ours   the project as it is (jiaoliu-build: its plugin and theme) with that data;
  plain  the very same pages written out as Markdown, built by MkDocs + Material +
         mkdocs-static-i18n with no plugin or theme of ours: ours / plain is our overhead;
  hugo   the same Markdown built by Debian's Hugo in two languages with minimal layouts.
Reports medians of --runs builds and writes maintainers/benchmark.md.

Usage: ./scripts/benchmark [--sizes 10 100 1000 3000] [--runs 3] [--baseline DIR]
       ./scripts/benchmark --years 5 --sizes 1000 [--baseline DIR]   (several years: benchmark-years.md)
The "ours, parallel" column is jiaoliu-build (./scripts/site build): one process per language.
The search columns come from Chromium on the built site: what a page view downloads for search
(before the reader opens it), and what a first search downloads, gzip-compressed as a server
would send it. `--baseline DIR` also builds another checkout (e.g. `git worktree add DIR
COMMIT`) on the same data, its builds alternating with ours so that a busy machine slows both
alike: the "before" columns of a before/after table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from jiaoliu.engine.languages import read_languages  # noqa: E402
from jiaoliu.tools.export import export_markdown  # noqa: E402
from jiaoliu.tools.synthetic import write_dataset  # noqa: E402

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
SEARCH_URL = re.compile(r"/pagefind/|jiaoliu-search\.js|search_index\.json|/workers/search|/lunr/")
FIRST_SEARCH = {"zh": "大学", "en": "university", "zh-HK": "大學"}  # words of many pages: a first search's worst case
LANGUAGE_FOLDERS = {lang.code: lang.folder for lang in read_languages(ROOT / "mkdocs.yml")}


@dataclass
class Run:
    seconds: float
    peak_mb: float


def env_for(checkout: Path) -> dict:
    """Builds of a checkout use its own package."""
    return {**ENV, "PYTHONPATH": str(checkout / "src")}


def site_build(checkout: Path) -> list[str]:
    """jiaoliu-build of a checkout, wherever its version of the package has it."""
    # The package was gdep_site before 0.2.0; its build moved twice before that.
    for package, path in (("jiaoliu", "engine/build.py"), ("gdep_site", "engine/build.py"),
                          ("gdep_site", "engine/parallel.py"), ("gdep_site", "parallel.py")):
        if (checkout / "src" / package / path).is_file():
            return [sys.executable, "-m", f"{package}.{path.removesuffix('.py').replace('/', '.')}", "-d", "site"]
    raise SystemExit(f"{checkout}: no jiaoliu-build in this checkout")


def timed(command: list[str], cwd: Path, env: dict | None = None) -> Run:
    """Wall time, and peak memory from GNU time's "Maximum resident set size"."""
    start = time.perf_counter()
    result = subprocess.run(["/usr/bin/time", "-v", *command], cwd=cwd, env=env or ENV,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}")
    peak_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", result.stderr).group(1))
    return Run(seconds, peak_kb / 1024)


def median_run(command: list[str], cwd: Path, runs: int, clean: Path) -> Run:
    return alternating({"one": (command, cwd, ENV)}, runs, clean.name)["one"]


def alternating(builds: dict[str, tuple[list[str], Path, dict]], runs: int, site: str = "site") -> dict[str, Run]:
    """Median time of each build, the builds taking turns run after run.

    The previous run's output is moved aside, not deleted, before each run: deleted just before,
    its thousands of files would slow the next build's file creation on a file system that keeps
    freed inodes out of use for a while (ext4 without a journal, as on the build machines here,
    skips those freed in the last minute when it allocates: 3 to 8 s more of system time, varying
    from run to run), a cost a build on a fresh checkout never pays. They are deleted at the end."""
    results: dict[str, list[Run]] = {name: [] for name in builds}
    for run in range(runs):
        for name, (command, cwd, env) in builds.items():
            if (cwd / site).exists():
                discarded = cwd.parent / ".discarded"
                discarded.mkdir(exist_ok=True)
                (cwd / site).rename(discarded / f"{cwd.name}-{name}-{run}-{time.monotonic_ns()}")
            results[name].append(timed(command, cwd, env))
    return {name: Run(statistics.median(r.seconds for r in runs_), max(r.peak_mb for r in runs_))
            for name, runs_ in results.items()}


def site_stats(site: Path) -> dict[str, float]:
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    files = [p for p in site.rglob("*") if p.is_file()]
    stats = {
        "pages": len(pages),
        "site_mb": sum(p.stat().st_size for p in files) / 1e6,
        "largest_kb": max(p.stat().st_size for p in pages) / 1e3,
    }
    return stats


def prepare_ours(work: Path, n: int, checkout: Path = ROOT, name: str = "ours", data: Path | None = None,
                 years: int = 1) -> Path:
    """A copy of a checkout's site with N synthetic records (or the given data folder); another
    checkout writes its data with its own generator (its data layout may differ)."""
    project = work / name
    project.mkdir()
    for part in ("mkdocs.yml", "docs", "hooks", "overrides"):  # overrides/: a checkout from before 0.3
        source = checkout / part
        if source.exists():
            (shutil.copytree if source.is_dir() else shutil.copy2)(source, project / part)
    if data is not None:
        shutil.copytree(data, project / "data")
    elif checkout == ROOT:
        write_dataset(checkout / "data", project / "data", n, years=years)
    else:
        code = ("import sys; from pathlib import Path; from jiaoliu.tools.synthetic import write_dataset; "
                "write_dataset(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]))")
        subprocess.run([sys.executable, "-c", code, str(checkout / "data"), str(project / "data"), str(n)],
                       env=env_for(checkout), check=True)
    return project


def without_newer_files(data: Path, baseline_data: Path) -> None:
    """A baseline from before a data file existed (data/traditional.yml) refuses it as unknown:
    the files at the top of data/ that the baseline's own data/ does not have are left out."""
    for path in data.iterdir():
        if path.is_file() and not (baseline_data / path.name).exists():
            path.unlink()


def _gz_size(path: Path) -> int:
    """Bytes on the wire: gzip as a server sends it, or as is for what is already compressed."""
    data = path.read_bytes()
    return len(data) if data[:2] == b"\x1f\x8b" else len(gzip.compress(data, 6))


def search_cost(site: Path) -> dict[str, float]:
    """KB (gz) downloaded for search by a page view, and by the first search, per language."""
    import functools
    import http.server
    import threading
    from urllib.parse import unquote, urlsplit

    from playwright.sync_api import sync_playwright

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_port}/"
    search_files = [*(site / "pagefind").rglob("*"), *site.glob("search/*.json"), *site.glob("*/search/*.json")]
    cost: dict[str, float] = {"index_kb": sum(p.stat().st_size for p in search_files if p.is_file()) / 1e3}

    def kb(urls: list[str]) -> float:
        files = {site / unquote(urlsplit(url).path).lstrip("/") for url in urls}
        return sum(_gz_size(f / "index.html" if f.is_dir() else f) for f in files if f.exists()) / 1e3

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for lang, prefix in LANGUAGE_FOLDERS.items():
            if prefix and not (site / prefix).is_dir():
                continue  # a site without that language (a baseline from before it)
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            urls: list[str] = []
            context.on("request", lambda request, urls=urls: urls.append(request.url))
            page = context.new_page()
            page.goto(base + prefix)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            viewed = list(urls)
            cost[f"view_{lang}_kb"] = kb(viewed)
            cost[f"view_search_{lang}_kb"] = kb([u for u in viewed if SEARCH_URL.search(u)])
            page.keyboard.press("/")
            page.locator("input.md-search__input").fill(FIRST_SEARCH[lang])
            page.locator("input.md-search__input").press("End")
            page.locator(".md-search-result__item").first.wait_for(timeout=60000)
            page.wait_for_load_state("networkidle")
            page.wait_for_timeout(500)
            cost[f"first_search_{lang}_kb"] = kb([u for u in urls[len(viewed):]])
            context.close()
        browser.close()
    server.shutdown()
    return cost


def prepare_plain(work: Path, ours: Path) -> Path:
    """The same pages as static Markdown; mkdocs.yml without our plugin (and so without its theme)."""
    project = work / "plain"
    project.mkdir()
    export_markdown(ours / "docs", ours / "data", project / "docs")
    shutil.copytree(ours / "docs" / "assets", project / "docs" / "assets")
    config = (ours / "mkdocs.yml").read_text("utf-8")
    config = re.sub(r"\nhooks:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\nwatch:\n(  - .*\n)+", "\n", config)
    config = re.sub(r"\n  - jiaoliu:\n(      .*\n)+", "\n", config)  # our plugin: stock MkDocs and the i18n plugin
    config = config.replace("  custom_dir: overrides\n", "")
    (project / "mkdocs.yml").write_text(config, "utf-8")
    return project


HUGO_LAYOUT = """<!doctype html><html lang="{{ .Lang }}"><head><meta charset="utf-8">
<title>{{ .Title }} - {{ .Site.Title }}</title></head><body><main>{{ block "main" . }}{{ end }}</main></body></html>
"""
HUGO_PAGE = '{{ define "main" }}<h1>{{ .Title }}</h1>{{ .Content }}{{ end }}\n'


def prepare_hugo(work: Path, plain: Path) -> Path:
    project = work / "hugo"
    for lang in ("zh", "en"):
        for source in (plain / "docs" / lang).rglob("*.md"):
            relative = source.relative_to(plain / "docs" / lang)
            if relative.name == "index.md":
                relative = relative.with_name("_index.md")
            text = source.read_text("utf-8")
            title = next((line[2:] for line in text.splitlines() if line.startswith("# ")), relative.stem)
            body = re.sub(r"^---\n.*?\n---\n", "", text, flags=re.S)
            target = project / "content" / lang / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(f"---\ntitle: {json.dumps(title, ensure_ascii=False)}\n---\n{body}", "utf-8")
    (project / "layouts" / "_default").mkdir(parents=True)
    (project / "layouts" / "_default" / "baseof.html").write_text(HUGO_LAYOUT, "utf-8")
    for name in ("single.html", "list.html"):
        (project / "layouts" / "_default" / name).write_text(HUGO_PAGE, "utf-8")
    (project / "hugo.toml").write_text(
        'baseURL = "http://127.0.0.1/"\ntitle = "benchmark"\ndefaultContentLanguage = "zh"\n'
        'disableKinds = ["taxonomy", "term", "RSS"]\n'
        '[languages.zh]\ncontentDir = "content/zh"\nweight = 1\n'
        '[languages.en]\ncontentDir = "content/en"\nweight = 2\n'
        '[markup.goldmark.renderer]\nunsafe = true\n', "utf-8")
    return project


def bench(n: int, runs: int, session: Path, baseline: Path | None = None) -> dict:
    # In the session's folder, deleted once every size has been measured (see `alternating`).
    work = session / f"n{n}"
    work.mkdir()
    ours = prepare_ours(work, n)
    plain = prepare_plain(work, ours)
    build = [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", "site"]
    row: dict = {"n": n}
    builds = {"parallel": (site_build(ROOT), ours, env_for(ROOT))}
    if baseline:
        before = prepare_ours(work, n, baseline, "before", data=ours / "data")
        without_newer_files(before / "data", baseline / "data")
        builds["parallel_before"] = (site_build(baseline), before, env_for(baseline))
    row.update(alternating(builds, runs))
    row["ours"] = row["parallel"]  # one build path: jiaoliu-build is the site's build
    row["stats"] = site_stats(ours / "site")
    row["search"] = search_cost(ours / "site")
    if baseline:
        row["search_before"] = search_cost(before / "site")
        row["ours_before"] = row["parallel_before"]
    row["plain"] = median_run(build, plain, runs, plain / "site")
    row["plain_pages"] = site_stats(plain / "site")["pages"]
    if shutil.which("hugo"):
        hugo = prepare_hugo(work, plain)
        row["hugo"] = median_run(["hugo", "--quiet", "-d", "public"], hugo, runs, hugo / "public")
        row["hugo_pages"] = len(list((hugo / "public").rglob("*.html")))
    return row


def years_bench(n: int, years: int, runs: int, session: Path, baseline: Path | None) -> list[dict]:
    """Several years of reports, each with N records of its own, against one year with as many
    records (the build should grow with the records, not with the years), and the one-year
    build against the baseline checkout."""
    # In the session's folder, deleted once every size has been measured (see `alternating`).
    work = session / f"years-{n}"
    work.mkdir()
    projects = {(n, 1): prepare_ours(work, n, name="one-year"),
                (n, years): prepare_ours(work, n, name="years", years=years),
                (n * years, 1): prepare_ours(work, n * years, name="one-year-all")}
    rows = []
    for (per_year, count), project in projects.items():
        builds = {"parallel": (site_build(ROOT), project, env_for(ROOT))}
        if baseline and count == 1 and per_year == n:
            before = prepare_ours(work, n, baseline, "before")
            builds["parallel_before"] = (site_build(baseline), before, env_for(baseline))
        result = alternating(builds, runs)
        result["mkdocs"] = result["parallel"]  # one build path
        if "parallel_before" in result:
            result["mkdocs_before"] = result["parallel_before"]
        rows.append({"per_year": per_year, "years": count, "pages": site_stats(project / "site")["pages"],
                     **{k: v.seconds for k, v in result.items()}})
        print(json.dumps(rows[-1]), flush=True)
    return rows


def years_table(rows: list[dict], runs: int, baseline: str | None) -> str:
    lines = ["# Build benchmark: several years", "",
             f"Machine: {machine()}. Median of {runs} alternating builds per cell.",
             f"Reproduce: `./scripts/benchmark --years {max(r['years'] for r in rows)} --sizes {rows[0]['per_year']}"
             f" --runs {runs}" + (f" --baseline {baseline.split(' ')[0]}" if baseline else "")
             + f"` (run on {date.today().isoformat()}).", "",
             "Each year is an annual report (a copy of the 2023 text) with N synthetic partners and N awards"
             " of its own, on top of the real data; the last row has as many records in one year.", "",
             "| N per year | years | partners | pages | `jiaoliu-build` (s) | `mkdocs build` (s) |",
             "|---|---|---|---|---|---|"]
    for r in rows:
        lines.append(f"| {r['per_year']:,} | {r['years']} | {r['per_year'] * r['years']:,} | {r['pages']:,}"
                     f" | {r['parallel']:.2f} | {r['mkdocs']:.2f} |")
    before = next((r for r in rows if "parallel_before" in r), None)
    if before:
        lines += ["", f"One year, N = {before['per_year']:,}, before and after: {baseline}.", "",
                  "| | `jiaoliu-build` (s) | `mkdocs build` (s) |", "|---|---|---|",
                  f"| before | {before['parallel_before']:.2f} | {before['mkdocs_before']:.2f} |",
                  f"| after | {before['parallel']:.2f} | {before['mkdocs']:.2f} |",
                  f"| change | {100 * (before['parallel'] / before['parallel_before'] - 1):+.1f}%"
                  f" | {100 * (before['mkdocs'] / before['mkdocs_before'] - 1):+.1f}% |"]
    return "\n".join(lines) + "\n"


def machine() -> str:
    cpu = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                if line.startswith("model name")), platform.processor())
    memory = int(re.search(r"MemTotal:\s+(\d+)", Path("/proc/meminfo").read_text()).group(1)) / 1024 / 1024
    hugo = subprocess.run(["hugo", "version"], capture_output=True, text=True).stdout.split()[:2] if shutil.which("hugo") else ["hugo", "absent"]
    versions = {name: subprocess.run([sys.executable, "-m", "pip", "show", name], capture_output=True,
                                     text=True).stdout.split("Version: ")[1].split()[0]
                for name in ("mkdocs", "mkdocs-material", "mkdocs-static-i18n")}
    return (f"{os.cpu_count()} cores ({cpu}), {memory:.0f} GiB, Python {platform.python_version()}, "
            + ", ".join(f"{k} {v}" for k, v in versions.items()) + f", {' '.join(hugo)}")


def table(rows: list[dict], runs: int, baseline: str | None = None) -> str:
    lines = [
        "# Build benchmark",
        "",
        f"Machine: {machine()}.",
        f"Median of {runs} builds per cell; peak memory is the largest of those runs (GNU time). Each build "
        "starts without a site folder: the previous one is moved aside, and deleted after the last build "
        "(deleted just before, its files slowed the next build's on this disk; see `alternating`).",
        f"Reproduce: `./scripts/benchmark --sizes {' '.join(str(r['n']) for r in rows)} --runs {runs}"
        + (f" --baseline {baseline.split(' ')[0]}" if baseline else "") + f"` (run on {date.today().isoformat()}).",
        "",
        "N partners (plus N awards and N/100 programmes, about 300 words per language each) on top of the real data.",
        "*ours*: the project, `jiaoliu-build` (`./scripts/site build`, the one build path): one MkDocs build per"
        " language (简体中文, English, and 繁體中文 rendered from the Simplified Markdown converted), all at once;"
        " *ours, parallel*: the same (a column kept for older tables); *plain*: the same pages, both written"
        " languages, as static Markdown, MkDocs + Material + mkdocs-static-i18n without our plugin or theme;"
        " *hugo*: the same Markdown, Hugo, two languages, minimal layouts.",
        "",
        "| N | ours (s) | ours, parallel (s) | plain (s) | ours / plain | hugo (s) | plain / hugo | peak MB (ours) | pages |"
        " site MB | largest page KB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        s = r["stats"]
        hugo = r.get("hugo")
        start = (f"| {r['n']:,} | {r['ours'].seconds:.2f} | {r['parallel'].seconds:.2f} | {r['plain'].seconds:.2f}"
                 f" | {r['ours'].seconds / r['plain'].seconds:.2f}")
        lines.append(start + (f" | {hugo.seconds:.2f} | {r['plain'].seconds / hugo.seconds:.1f}" if hugo else " | – | –"))
        lines[-1] += (f" | {r['ours'].peak_mb:.0f} | {s['pages']:,} | {s['site_mb']:.1f} | {s['largest_kb']:.0f} |")
    if baseline:
        lines += [
            "",
            f"## Before and after: {baseline}",
            "",
            "The same data built by the baseline checkout, its builds taking turns with ours (medians of"
            f" {runs}).",
            "",
            "| N | ours before (s) | ours (s) | after / before | ours, parallel, before (s) | ours, parallel (s) |"
            " after / before |",
            "|---|---|---|---|---|---|---|",
        ]
        lines += [f"| {r['n']:,} | {r['ours_before'].seconds:.2f} | {r['ours'].seconds:.2f}"
                  f" | {r['ours'].seconds / r['ours_before'].seconds:.2f}"
                  f" | {r['parallel_before'].seconds:.2f} | {r['parallel'].seconds:.2f}"
                  f" | {r['parallel'].seconds / r['parallel_before'].seconds:.2f} |" for r in rows]
    lines += [
        "",
        "## Search",
        "",
        "Measured in Chromium on the built site (*ours*). *Index on disk*: the search files in the site."
        " *Page view*: what the home page downloads in all, and of it for search, before anyone searches."
        f" *First search*: what opening the search and typing \"{FIRST_SEARCH['zh']}\" (Chinese) or"
        f" \"{FIRST_SEARCH['en']}\" (English), words of many pages, downloads until the results are shown."
        " KB as sent gzip-compressed.",
        "",
        "| N | site | index on disk KB | page view KB, zh / en / zh-HK | of it for search KB, zh / en / zh-HK"
        " | first search KB, zh / en / zh-HK |",
        "|---|---|---|---|---|---|",
    ]

    def each(c: dict, measure: str) -> str:
        return " / ".join(f"{c[f'{measure}_{lang}_kb']:,.0f}" if f"{measure}_{lang}_kb" in c else "–"
                          for lang in LANGUAGE_FOLDERS)

    for r in rows:
        for label, c in (("before", r.get("search_before")), ("ours", r["search"])):
            if c is None:
                continue
            lines.append(f"| {r['n']:,} | {label} | {c['index_kb']:,.0f} | {each(c, 'view')}"
                         f" | {each(c, 'view_search')} | {each(c, 'first_search')} |")
    return "\n".join(lines) + "\n"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000, 3000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--output", type=Path, default=ROOT / "maintainers" / "benchmark.md")
    parser.add_argument("--baseline", type=Path, help="another checkout to build on the same data, for before/after")
    parser.add_argument("--years", type=int, help="instead: N records a year for this many years, against one "
                                                   "year (writes maintainers/benchmark-years.md)")
    args = parser.parse_args()
    baseline = args.baseline.resolve() if args.baseline else None
    label = None
    if baseline:
        commit = subprocess.run(["git", "-C", str(baseline), "rev-parse", "--short", "HEAD"], capture_output=True,
                                text=True).stdout.strip()
        label = f"{args.baseline}" + (f" (commit {commit})" if commit else "")
    with tempfile.TemporaryDirectory(prefix="jiaoliu-bench-") as session:
        return measure(args, baseline, label, Path(session))


def measure(args: argparse.Namespace, baseline: Path | None, label: str | None, session: Path) -> int:
    if args.years:
        rows = [row for n in args.sizes for row in years_bench(n, args.years, args.runs, session, baseline)]
        output = ROOT / "maintainers" / "benchmark-years.md"
        output.write_text(years_table(rows, args.runs, label), "utf-8")
        print(output.read_text("utf-8"))
        return 0
    rows = []
    for n in args.sizes:
        row = bench(n, args.runs, session, baseline)
        rows.append(row)
        print(json.dumps({k: (v.__dict__ if isinstance(v, Run) else v) for k, v in row.items()}), flush=True)
    args.output.write_text(table(rows, args.runs, label), "utf-8")
    print(args.output.read_text("utf-8"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
