"""Untrusted staff text in a real build, and the live preview picking up a data edit."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from lxml import html as lxml_html

from conftest import ROOT, build_site, copy_project
from gdep_site.engine.mkdocs_i18n import STARTING_PREVIEW

ATTACK_NAME = 'Evil <script>alert("name")</script> & [x](javascript:alert(1))'
ATTACK_TEXT = '<img src=x onerror=alert(1)> # not a heading\n\n<iframe src="https://evil.test/"></iframe>'


def test_markup_in_data_is_shown_as_text_never_run(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "partners.yml"
    text = path.read_text("utf-8")
    text = text.replace("      en: INTI International University",
                        f"      en: '{ATTACK_NAME}'", 1)
    text = text.replace(
        "      en: A private university. It signed a school-level cross-border cooperation agreement with the college in 2023.",
        f"      en: |\n        {ATTACK_TEXT.splitlines()[0]}\n        {ATTACK_TEXT.splitlines()[2]}", 1)
    path.write_text(text, "utf-8")
    # Markup in data is a warning: a preview shows it (as text); a strict build refuses it.
    site = build_site(project, tmp_path / "site", strict=False)
    for page in (site / "en" / "partners" / "inti" / "index.html", site / "en" / "partners" / "index.html"):
        document = lxml_html.fromstring(page.read_bytes())
        article = document.xpath("//article")[0]
        assert not article.xpath(".//script | .//img | .//iframe | .//*[@onerror]"), page
        assert not [h for h in article.xpath(".//a/@href") if h.strip().lower().startswith("javascript")]
        assert 'Evil <script>alert("name")</script>' in article.text_content()
    head_title = lxml_html.fromstring((site / "en/partners/inti/index.html").read_bytes()).findtext(".//title")
    assert "<script>" in head_title and "alert" in head_title  # shown as text, inside <title>
    raw = (site / "en/partners/inti/index.html").read_text("utf-8")
    assert "<script>alert" not in raw


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# How long a request may wait for its answer: the live server holds requests while it rebuilds
# (seconds, longer on a busy machine); one it holds for good (a rebuild that never comes) fails here.
ANSWER_TIMEOUT = 60


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=ANSWER_TIMEOUT) as response:
        return response.read().decode("utf-8")


def _wait_for(url: str, predicate, timeout: float) -> str:
    deadline = time.monotonic() + timeout
    last = ""
    while time.monotonic() < deadline:
        try:
            last = _fetch(url)
            if predicate(last):
                return last
        except OSError:
            pass
        time.sleep(0.3)
    raise AssertionError(f"{url} did not reach the expected state in {timeout}s")


def _status(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=ANSWER_TIMEOUT) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def _start_preview(project: Path, temp: Path) -> tuple[subprocess.Popen, int]:
    """`mkdocs serve` of `project`, its temporary folders in `temp` (it must leave nothing there)."""
    port = _free_port()
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/", "TMPDIR": str(temp)}
    server = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    return server, port


SHARED_MEMORY = Path("/dev/shm")  # where the search step writes its copies when it has room


def _search_step_folders(temp: Path, pid: int) -> tuple[list[Path], list[Path]]:
    """The search step's folders (gdep_site.engine.search): its bundle beside the site, in the preview's
    temporary folder, and the copies it indexes by character, in /dev/shm when it has room."""
    in_memory = list(SHARED_MEMORY.glob(f"gdep-index-{pid}-*")) if SHARED_MEMORY.is_dir() else []
    return list(temp.glob(".gdep-index-*")), in_memory


def _stop_in_the_search_step(server: subprocess.Popen, temp: Path, signum: int, edit) -> None:
    """Make the preview rebuild (`edit` saves a data file), and stop it with `signum` while the
    rebuild is in the search step, its temporary folders all there."""
    edit()
    shared = os.access(SHARED_MEMORY, os.W_OK)
    deadline = time.monotonic() + 60
    while True:
        beside, in_memory = _search_step_folders(temp, server.pid)
        if beside and (in_memory or not shared):
            break
        assert server.poll() is None and time.monotonic() < deadline, "the rebuild never reached the search step"
        time.sleep(0.005)
    server.send_signal(signum)


def _stopped(server: subprocess.Popen, temp: Path, signum: int) -> str:
    """Stop the preview (if a failed assertion left it running); its log, once it has left nothing
    behind in its temporary folder or in /dev/shm."""
    if server.poll() is None:
        server.send_signal(signum)
    log = server.communicate(timeout=30)[1].decode("utf-8", "replace")
    assert list(temp.iterdir()) == [], log
    assert _search_step_folders(temp, server.pid) == ([], []), log
    assert "Traceback" not in log, log
    return log


def test_mkdocs_serve_rebuilds_shows_data_errors_and_recovers(tmp_path):
    project = copy_project(tmp_path / "project")
    temp = tmp_path / "tmp"  # mkdocs serve builds into a temporary folder: it must be gone afterwards
    server, port = _start_preview(project, temp)
    try:
        url = f"http://127.0.0.1:{port}/en/partners/nmit/"
        _wait_for(url, lambda page: "Nelson" in page, timeout=60)
        search_entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
        english_index = json.loads(_fetch(search_entry))["languages"]["en"]["hash"]
        data = project / "data" / "partners.yml"
        good = data.read_text("utf-8")
        data.write_text(good.replace("city: {zh: 尼尔森, en: Nelson}", "city: {zh: 尼尔森, en: Nelson Town Test}"),
                        "utf-8")
        _wait_for(url, lambda page: "Nelson Town Test" in page, timeout=60)
        # The preview's search is rebuilt with the pages: the English index has changed.
        _wait_for(search_entry, lambda entry: json.loads(entry)["languages"]["en"]["hash"] != english_index, timeout=60)
        zh = _fetch(f"http://127.0.0.1:{port}/partners/nmit/")
        assert "尼尔森" in zh and 'hreflang="en"' in zh
        assert "尼爾森" in _fetch(f"http://127.0.0.1:{port}/zh-HK/partners/nmit/")  # converted in the preview too
        # A mistake: every page answers with the problem, in both languages, not a spinner. MkDocs'
        # own server would hold the request until a rebuild succeeds, which never comes while the
        # data is broken: the request would end in ANSWER_TIMEOUT.
        data.write_text(good.replace("country: NZ", "country: XX"), "utf-8")
        line = next(n for n, row in enumerate(good.split("\n"), 1) if "country: NZ" in row)
        deadline = time.monotonic() + 60
        while (status := _status(url))[0] != 500 and time.monotonic() < deadline:
            time.sleep(0.2)
        status, page = _status(f"http://127.0.0.1:{port}/about/")
        assert status == 500 and f"data/partners.yml:{line}:" in page and "&#x27;XX&#x27;" in page
        assert "预览已暂停" in page and "The preview has stopped" in page and "livereload" in page
        # Fixed: the pages come back by themselves.
        data.write_text(good, "utf-8")
        _wait_for(url, lambda page: "Nelson" in page and "preview has stopped" not in page, timeout=60)
        # Ctrl+C in the middle of a rebuild: MkDocs removes its temporary folder, the search step its own.
        _stop_in_the_search_step(server, temp, signal.SIGINT, lambda: data.write_text(good.replace(
            "city: {zh: 尼尔森, en: Nelson}", "city: {zh: 尼尔森, en: Nelson Stop}"), "utf-8"))
    finally:
        log = _stopped(server, temp, signal.SIGINT)
    # The log shows staff what they need: each rebuild's time, and the mistake; not the plugin's
    # "Overriding 'en' config …" lines on every rebuild.
    assert "Overriding '" not in log, log
    assert log.count("预览已更新 / Preview updated in") >= 2, log
    assert f"data/partners.yml:{line}:" in log


def test_the_preview_of_the_traditional_pages_alone(tmp_path):
    """`GDEP_PREVIEW_LANGUAGE=zh-HK ./scripts/site`: the Traditional pages, with the Simplified ones
    they are made from, and not the English ones (the faster preview of one language)."""
    port = _free_port()
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/", "TMPDIR": str(temp),
           "GDEP_PREVIEW_LANGUAGE": "zh-HK"}
    server = subprocess.Popen([str(ROOT / "scripts" / "site"), "serve", "-a", f"127.0.0.1:{port}"], cwd=ROOT, env=env,
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/zh-HK/partners/nmit/", lambda page: "尼爾森" in page, timeout=60)
        assert '<html lang="zh-HK"' in page
        assert _status(f"http://127.0.0.1:{port}/en/partners/nmit/")[0] == 404
    finally:
        server.send_signal(signal.SIGINT)
        log = server.communicate(timeout=20)[0].decode("utf-8", "replace")
    assert "/zh-HK/" in log.splitlines()[0] or any("/zh-HK/" in line for line in log.splitlines()[:5]), log
    assert list(temp.iterdir()) == []


def test_the_preview_starts_on_broken_data_and_recovers_and_stops_cleanly_on_sigterm(tmp_path):
    """`./scripts/site` started while a data file has a mistake serves every page as the error page
    a failed rebuild shows (500, both languages, the file and line), and the site once it is fixed.
    SIGTERM (a closed terminal, a CI runner) stops it like Ctrl+C: nothing left behind, even in the
    middle of a rebuild's search step."""
    project = copy_project(tmp_path / "project")
    data = project / "data" / "partners.yml"
    good = data.read_text("utf-8")
    data.write_text(good.replace("country: NZ", "country: XX"), "utf-8")
    line = next(n for n, row in enumerate(good.split("\n"), 1) if "country: NZ" in row)
    temp = tmp_path / "tmp"
    server, port = _start_preview(project, temp)
    root = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while _answer(root)[0] is None:
            assert server.poll() is None and time.monotonic() < deadline, "the preview did not start"
            time.sleep(0.2)
        for path in ("", "en/partners/nmit/", "zh-HK/about/", "report/2023/", "en/no-such-page/"):
            status, page = _answer(root + path)
            assert status == 500 and f"data/partners.yml:{line}:" in page and "&#x27;XX&#x27;" in page, (path, page)
            assert "预览已暂停" in page and "The preview has stopped" in page and "livereload" in page
        data.write_text(good, "utf-8")
        _wait_for(root + "en/partners/nmit/", lambda page: "Nelson" in page, timeout=60)
        assert _answer(root + "zh-HK/partners/nmit/")[0] == 200
        _stop_in_the_search_step(server, temp, signal.SIGTERM, lambda: data.write_text(good.replace(
            "city: {zh: 尼尔森, en: Nelson}", "city: {zh: 尼尔森, en: Nelson Stop}"), "utf-8"))
    finally:
        log = _stopped(server, temp, signal.SIGTERM)
    assert f"data/partners.yml:{line}:" in log and "Preview started: every page shows the problem" in log
    assert "Could not find a homepage" not in log and "预览已更新 / Preview updated in" in log


def _answer(url: str) -> tuple[int | None, str]:
    """The status and page at `url`; None while nothing answers there."""
    try:
        return _status(url)
    except OSError:
        return None, ""


@pytest.mark.parametrize("command", [["-m", "mkdocs", "build"], ["-m", "gdep_site.engine.parallel", "--no-strict"]])
def test_only_the_preview_starts_on_broken_data(tmp_path, command):
    """Builds stop on the mistake as before, even not strict and with the preview's mark in the
    environment (MkDocs' startup event says which command runs)."""
    project = copy_project(tmp_path / "project")
    data = project / "data" / "partners.yml"
    data.write_text(data.read_text("utf-8").replace("country: NZ", "country: XX"), "utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", STARTING_PREVIEW: "1"}
    result = subprocess.run([sys.executable, *command, "-d", str(tmp_path / "site")], cwd=project, env=env,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1 and "data/partners.yml:" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
