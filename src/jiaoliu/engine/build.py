"""`jiaoliu-build`: the one way the site is built, for publishing, for the tests and for the preview.

Each language is a MkDocs build of its own (the `jiaoliu` plugin makes one language per build),
all at the same time, one process each (on two cores, about half the time of one after the
other). When every language has succeeded, their sites are put together (the default language's
at the root, each other in its folder), the sitemap is written once from the pages each build
made, and Pagefind indexes the whole site once. The site folder is replaced only then, by
renaming: a failure leaves the previous site as it was.

It is as strict as `mkdocs build --strict`: a warning of any language fails it (MkDocs counts them
in each build; the messages come back as log records, not parsed from text).
"""

from __future__ import annotations

import argparse
import contextlib
import gzip
import logging
import multiprocessing
import os
import signal
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from jiaoliu.core import localise, outputdir
from jiaoliu.core.errors import NOTE
from jiaoliu.core.languages import Language, Languages, LanguageTableError
from jiaoliu.engine import search
from jiaoliu.engine.languages import read_languages
from jiaoliu.engine.plugin import JiaoliuPlugin
from jiaoliu.render.pages import SitePages

# How a build is told which language it makes (read by mkdocs.yml's !ENV settings).
LANGUAGE = "JIAOLIU_LANGUAGE"  # the jiaoliu plugin's `language`
SOURCE = "JIAOLIU_SOURCE_LANGUAGE"  # mkdocs-static-i18n's `build_only_locale`: whose pages it reads
PREVIEW = "JIAOLIU_PREVIEW"  # the jiaoliu plugin's `preview`
DRAFTS = "JIAOLIU_DRAFTS"  # the jiaoliu plugin's `drafts`: a preview's, and jiaoliu-build --drafts
TEMPLATE_CACHE = "JIAOLIU_TEMPLATE_CACHE"  # the jiaoliu plugin's `template_cache` (the preview sets it)
PHOTO_CACHE = "JIAOLIU_PHOTO_CACHE"  # the jiaoliu plugin's `photo_cache` (the preview sets it)
FAILED = "构建失败，网站文件夹未改动 / build failed; the site folder was not changed"
ABORTED = "Aborted with"  # MkDocs' own last word after the problems it stopped on: says nothing more


@dataclass(frozen=True)
class Message:
    level: int
    text: str


@dataclass(frozen=True)
class LanguageBuild:
    """What one language's build gives back: its messages, and the pages it wrote."""

    code: str
    ok: bool
    messages: tuple[Message, ...] = ()
    pages: tuple[str, ...] = ()
    base_url: str = ""
    search: dict[str, Any] = field(default_factory=dict)  # how its search reads a query (plugin.search_table)


@dataclass
class SiteBuild:
    """The whole site's build: each language's, and the site folder it made (None if it failed)."""

    languages: list[LanguageBuild] = field(default_factory=list)
    site: Path | None = None
    problem: str = ""

    @property
    def ok(self) -> bool:
        return self.site is not None

    def report(self) -> str:
        """What staff need from it: warnings, errors and notes, each once (what every language
        says alike, a data problem, is shown once)."""
        lines = list(dict.fromkeys(message.text for build in self.languages for message in build.messages))
        return "\n".join([*lines, *([self.problem] if self.problem else [])])


def build_language(config_file: Path, site_dir: Path, language: Language, strict: bool, preview: bool,
                   drafts: bool = False) -> LanguageBuild:
    """One language's MkDocs build (in a process of its own: the environment is its settings)."""
    settings = {LANGUAGE: language.code, SOURCE: language.text, PREVIEW: "true" if preview else "false",
                DRAFTS: "true" if drafts or preview else "false"}
    os.environ.update({**settings, "NO_MKDOCS_2_WARNING": "1"})
    with _recorded() as messages:
        try:
            config = load_config(config_file=str(config_file), site_dir=str(site_dir), strict=strict)
            config.plugins.on_startup(command="build", dirty=False)
            try:
                mkdocs_build(config)
            finally:
                config.plugins.on_shutdown()
        except (MkDocsException, SystemExit) as exc:  # a refused setting, a plugin's error, strict warnings
            text = str(exc)
            if text and not text.startswith(ABORTED) and not any(text in m.text for m in messages):
                messages.append(Message(logging.ERROR, text))
            return LanguageBuild(language.code, False, tuple(messages))
    plugin = next(p for p in config.plugins.values() if isinstance(p, JiaoliuPlugin))  # or its old name's
    return LanguageBuild(language.code, True, tuple(messages), tuple(plugin.built), plugin.base_url,
                         plugin.search_table())


@contextlib.contextmanager
def _recorded() -> Iterator[list[Message]]:
    """MkDocs' warnings and errors, and our notes, as they are logged."""
    messages: list[Message] = []

    class Record(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            text = record.getMessage()
            if text.startswith(ABORTED):
                return
            if record.levelno >= logging.WARNING or text.startswith(NOTE):
                messages.append(Message(record.levelno, text))

    handler = Record(logging.INFO)
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)  # our notes are INFO; the handler keeps them and the warnings
    try:
        yield messages
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


def build_site(config_file: Path, work: Path, languages: Languages, strict: bool = True, preview: bool = False,
               only: Iterable[str] | None = None, search_index: bool = True, drafts: bool = False) -> SiteBuild:
    """Every language (or those in `only`) built at once into `work`, then put together in
    `work/site`, with its sitemap and search index; `work` is the caller's (a temporary folder).
    Without `search_index`, the pages alone (tests that read only the pages' markup: a fifth of
    the time)."""
    chosen = [lang for lang in languages if only is None or lang.code in set(only)]
    localise.load_pinyin()  # here, once: the languages' processes are forked from this one and share it
    # The longest first: a converted language converts every page too.
    chosen.sort(key=lambda lang: (lang.written, not lang.default))
    result = SiteBuild()
    # Forked from this process, which has MkDocs loaded already: a build starts at once.
    context = multiprocessing.get_context("fork" if os.name == "posix" else "spawn")
    pool = context.Pool(len(chosen), initializer=_as_worker)  # all at once: the system shares the cores best
    try:
        jobs = [pool.apply_async(build_language, (config_file, work / lang.code, lang, strict, preview, drafts))
                for lang in chosen]
        result.languages = [job.get() for job in jobs]
        pool.close()
    except BaseException:  # interrupted (Ctrl+C, SIGTERM): no language process outlives this one
        pool.terminate()
        raise
    finally:
        pool.join()
    if not all(build.ok for build in result.languages):
        return result
    site = work / "site"
    try:
        _assemble(work, site, chosen)
        pages = SitePages(languages, {build.code: frozenset(build.pages) for build in result.languages}, {})
        base_url = result.languages[0].base_url
        sitemap = pages.sitemap(base_url, date.today().isoformat())
        (site / "sitemap.xml").write_text(sitemap, "utf-8")
        with gzip.GzipFile(site / "sitemap.xml.gz", "wb", mtime=0) as packed:  # as MkDocs writes it
            packed.write(sitemap.encode("utf-8"))
        fold = {t: s for build in result.languages for t, s in build.search.get("fold", {}).items()}
        if search_index:
            search.index_site(site, [lang.folder for lang in chosen if not lang.written], fold,
                              written=any(lang.written for lang in chosen))
            converted = {lang.code for lang in chosen if not lang.written}
            search.write_tables(site, {build.code: {**_with_fold(build.search, fold),
                                                    **({"texts": search.TEXTS} if build.code in converted else {})}
                                       for build in result.languages})
    except (OSError, search.SearchIndexError) as exc:
        result.problem = str(exc)
        return result
    outputdir.claim(site)
    result.site = site
    return result


def _with_fold(table: dict[str, Any], fold: dict[str, str]) -> dict[str, Any]:
    """A Chinese language's table with the characters every Chinese build folds (a query on the
    Simplified site may be typed in Traditional)."""
    return {**table, "fold": {**fold, **table["fold"]}} if "fold" in table else table


def _assemble(work: Path, site: Path, chosen: list[Language]) -> None:
    """The languages' sites as one, each where it is published: the default language's at the
    root, every other in its folder; moved (a rename on one file system)."""
    for lang in chosen:
        if lang.default:
            (work / lang.code).rename(site)
    site.mkdir(exist_ok=True)  # a preview of other languages only
    for lang in chosen:
        if not lang.default:
            target = site / lang.code
            if target.exists():
                raise OSError(f"{target.relative_to(site)}/: 与语言文件夹同名 / has the name of a language's folder")
            (work / lang.code).rename(target)
            (target / outputdir.MARKER).unlink(missing_ok=True)  # the whole site's is at its root

def build(config_file: Path, site_dir: Path, strict: bool = True, only: Iterable[str] | None = None,
          drafts: bool = False) -> int:
    """Build into `site_dir` (as given: relative to the working folder, links not followed), once
    `outputdir` has allowed it; nothing is created or moved before."""
    start = time.monotonic()
    project = config_file.parent
    refused = outputdir.refusal(site_dir, project, project / "docs", project / "data")
    if refused is not None:
        print(f"{refused.format()}\n构建已拒绝，没有改动任何文件 / build refused; nothing was changed", file=sys.stderr)
        return 1
    try:
        languages = read_languages(config_file)
    except LanguageTableError as exc:
        print(f"mkdocs.yml: {exc}", file=sys.stderr)
        return 1
    site_dir = site_dir.resolve()
    site_dir.parent.mkdir(parents=True, exist_ok=True)
    # Next to the site folder, so that putting the site in place is renaming folders, not copying.
    with tempfile.TemporaryDirectory(prefix=".jiaoliu-build-", dir=site_dir.parent) as tmp:
        result = build_site(config_file, Path(tmp), languages, strict=strict, only=only, drafts=drafts)
        report = result.report()
        if report:
            print(report)
        if result.site is None:
            print(FAILED, file=sys.stderr)
            return 1
        if site_dir.exists():
            site_dir.rename(Path(tmp) / "previous-site")
        result.site.rename(site_dir)
    counts = ", ".join(f"{b.code} {len(b.pages)}" for b in sorted(result.languages, key=lambda b: languages.codes.index(b.code)))
    print(f"网站已构建 / Site built: {counts} pages in {time.monotonic() - start:.1f} s → {site_dir}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="jiaoliu-build", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-f", "--config-file", type=Path, default=Path("mkdocs.yml"))
    parser.add_argument("-d", "--site-dir", type=Path, default=Path("site"),
                        help="the output folder (default: site): new, empty or an earlier build's; "
                             "never the project, docs/, data/ or a folder with files git tracks")
    parser.add_argument("--no-strict", action="store_true", help="let warnings pass (not for publishing)")
    parser.add_argument("--language", action="append", help="build only this language (may be repeated)")
    parser.add_argument("--drafts", action="store_true",
                        help="also the pages of reports still in draft, under a 'draft' banner (not for publishing)")
    args = parser.parse_args(argv)
    config_file = args.config_file.resolve()
    if not config_file.is_file():
        print(f"找不到配置文件 {args.config_file} / no configuration file at {args.config_file}: run jiaoliu-build in "
              "the project's folder (where mkdocs.yml is), or give it with -f", file=sys.stderr)
        return 2
    # A stop asked for by the system (SIGTERM: a CI runner, a closed terminal) ends it as Ctrl+C does:
    # the language processes are stopped and the temporary folders removed, the site left as it was.
    signal.signal(signal.SIGTERM, _interrupt)
    try:
        return build(config_file, args.site_dir, strict=not args.no_strict, only=args.language, drafts=args.drafts)
    except KeyboardInterrupt:
        print("构建已中断，网站文件夹未改动 / build interrupted; the site folder was not changed", file=sys.stderr)
        return 130


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _as_worker() -> None:
    """A language's process ends when it is told to (jiaoliu-build stopping it), as any process does."""
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


if __name__ == "__main__":
    sys.exit(main())
