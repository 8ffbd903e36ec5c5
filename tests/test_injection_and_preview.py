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

from lxml import html as lxml_html

from conftest import ROOT, build_site, copy_project

ATTACK_NAME = 'Evil <script>alert("name")</script> & [x](javascript:alert(1))'
ATTACK_TEXT = '<img src=x onerror=alert(1)> # not a heading\n\n<iframe src="https://evil.test/"></iframe>'


def test_markup_in_data_is_shown_as_text_never_run(tmp_path):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "partners.yml"
    text = path.read_text("utf-8")
    text = text.replace("      en: INTI International University",
                        f"      en: '{ATTACK_NAME}'", 1)
    text = text.replace(
        "      en: A private university. It signed an institutional cooperation agreement with the college in 2023.",
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


def _start_preview(project: Path, temp: Path, language: str | None = None) -> tuple[subprocess.Popen, int]:
    """The preview of `project` (./scripts/site runs it), its temporary folders in `temp` (it must
    leave nothing there)."""
    port = _free_port()
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "TMPDIR": str(temp), **(
        {"JIAOLIU_PREVIEW_LANGUAGE": language} if language else {})}
    server = subprocess.Popen([sys.executable, "-m", "jiaoliu.engine.preview", "-a", f"127.0.0.1:{port}"],
                              cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    return server, port


def _search_step_folders(temp: Path) -> list[Path]:
    """The search step's folder (jiaoliu.engine.search), in the preview's temporary folder: the
    pages Pagefind reads, linked or copied beside the site."""
    # os.walk, not rglob: it passes over the folders the running build removes while it looks
    return [Path(folder, name) for folder, names, _ in os.walk(temp) for name in names
            if name.startswith(".jiaoliu-index-")]


def _stop_in_the_search_step(server: subprocess.Popen, temp: Path, signum: int, edit) -> None:
    """Make the preview rebuild (`edit` saves a data file), and stop it with `signum` while the
    rebuild is in the search step, its temporary folder there."""
    edit()
    deadline = time.monotonic() + 60
    while not _search_step_folders(temp):
        assert server.poll() is None and time.monotonic() < deadline, "the rebuild never reached the search step"
        time.sleep(0.005)
    server.send_signal(signum)


def _stopped(server: subprocess.Popen, temp: Path, signum: int) -> str:
    """Stop the preview (if a failed assertion left it running); its log, once it has left nothing
    behind in its temporary folder, and no process of its own."""
    if server.poll() is None:
        server.send_signal(signum)
    log = server.communicate(timeout=60)[0].decode("utf-8", "replace")
    assert list(temp.iterdir()) == [], log
    assert "Traceback" not in log, log
    left = subprocess.run(["pgrep", "-f", "jiaoliu.engine.preview -a 127.0.0.1:"], capture_output=True, text=True)
    assert str(server.pid) not in left.stdout.split(), log
    return log


def _wait_for_status(url: str, status: int, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while True:
        answer, page = _answer(url)
        if answer == status:
            return page
        assert time.monotonic() < deadline, f"{url}: {answer} after {timeout} s"
        time.sleep(0.2)


def test_the_preview_rebuilds_shows_data_errors_and_recovers(tmp_path):
    project = copy_project(tmp_path / "project")
    temp = tmp_path / "tmp"  # the preview builds into a temporary folder: it must be gone afterwards
    server, port = _start_preview(project, temp)
    try:
        url = f"http://127.0.0.1:{port}/en/partners/nmit/"
        _wait_for(url, lambda page: "Nelson" in page, timeout=60)
        search_entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
        english_index = json.loads(_fetch(search_entry))["languages"]["en"]["hash"]
        state = f"http://127.0.0.1:{port}/.jiaoliu-preview/state"  # what an open page's reload script asks
        first = json.loads(_fetch(state))
        assert first["ok"] and "fetch(" in _fetch(f"http://127.0.0.1:{port}/.jiaoliu-preview/reload.js")
        data = project / "data" / "partners.yml"
        good = data.read_text("utf-8")
        data.write_text(good.replace("city: {zh: 尼尔森, en: Nelson}", "city: {zh: 尼尔森, en: Nelson Town Test}"),
                        "utf-8")
        _wait_for(url, lambda page: "Nelson Town Test" in page, timeout=60)
        assert json.loads(_fetch(state))["build"] > first["build"]  # so open pages reload
        # The preview's search is rebuilt with the pages: the English index has changed.
        _wait_for(search_entry, lambda entry: json.loads(entry)["languages"]["en"]["hash"] != english_index, timeout=60)
        zh = _fetch(f"http://127.0.0.1:{port}/partners/nmit/")
        assert "尼尔森" in zh and 'hreflang="en"' in zh and "/.jiaoliu-preview/reload.js" in zh
        assert "尼爾森" in _fetch(f"http://127.0.0.1:{port}/zh-HK/partners/nmit/")  # converted in the preview too
        # A mistake: every page answers with the problem, in both languages, and reloads when fixed.
        data.write_text(good.replace("country: NZ", "country: XX"), "utf-8")
        line = next(n for n, row in enumerate(good.split("\n"), 1) if "country: NZ" in row)
        _wait_for_status(url, 500)
        status, page = _status(f"http://127.0.0.1:{port}/about/")
        assert status == 500 and f"data/partners.yml:{line}:" in page and "&#x27;XX&#x27;" in page
        assert "预览已暂停" in page and "The preview has stopped" in page and "/.jiaoliu-preview/reload.js" in page
        # Fixed: the pages come back by themselves.
        data.write_text(good, "utf-8")
        _wait_for(url, lambda page: "Nelson" in page and "preview has stopped" not in page, timeout=60)
        # Ctrl+C in the middle of a rebuild: the preview removes its temporary folder, the search step its own.
        _stop_in_the_search_step(server, temp, signal.SIGINT, lambda: data.write_text(good.replace(
            "city: {zh: 尼尔森, en: Nelson}", "city: {zh: 尼尔森, en: Nelson Stop}"), "utf-8"))
    finally:
        log = _stopped(server, temp, signal.SIGINT)
    # The log shows staff what they need: each rebuild's time, and the mistake; not mkdocs-static-i18n's
    # "Overriding 'en' config …" lines on every rebuild.
    assert "Overriding '" not in log, log
    assert log.count("预览已更新 / Preview updated in") >= 2, log
    assert f"data/partners.yml:{line}:" in log


def test_the_preview_of_the_traditional_pages_alone(tmp_path):
    """`JIAOLIU_PREVIEW_LANGUAGE=zh-HK ./scripts/site`: the Traditional pages alone (made from the
    Simplified pages' sources), not the others: the faster preview of one language."""
    temp = tmp_path / "tmp"
    server, port = _start_preview(ROOT, temp, language="zh-HK")
    try:
        page = _wait_for(f"http://127.0.0.1:{port}/zh-HK/partners/nmit/", lambda page: "尼爾森" in page, timeout=60)
        assert '<html lang="zh-HK"' in page
        assert _status(f"http://127.0.0.1:{port}/en/partners/nmit/")[0] == 404
        assert "尼爾森" in _fetch(f"http://127.0.0.1:{port}/")  # the preview's address leads to its home
    finally:
        log = _stopped(server, temp, signal.SIGINT)
    assert f"http://127.0.0.1:{port}/zh-HK/" in log.splitlines()[0] or f"127.0.0.1:{port}/zh-HK/" in log, log


def test_the_preview_starts_on_broken_data_and_recovers_and_stops_cleanly_on_sigterm(tmp_path):
    """The preview started while a data file has a mistake serves every page as the error page
    (500, both languages, the file and line), and the site once it is fixed. SIGTERM (a closed
    terminal, a CI runner) stops it like Ctrl+C: nothing left behind, even in the middle of a
    rebuild's search step."""
    project = copy_project(tmp_path / "project")
    data = project / "data" / "partners.yml"
    good = data.read_text("utf-8")
    data.write_text(good.replace("country: NZ", "country: XX"), "utf-8")
    line = next(n for n, row in enumerate(good.split("\n"), 1) if "country: NZ" in row)
    temp = tmp_path / "tmp"
    server, port = _start_preview(project, temp)
    root = f"http://127.0.0.1:{port}/"
    try:
        _wait_for_status(root, 500)
        for path in ("", "en/partners/nmit/", "zh-HK/about/", "report/2023/", "en/no-such-page/"):
            status, page = _answer(root + path)
            assert status == 500 and f"data/partners.yml:{line}:" in page and "&#x27;XX&#x27;" in page, (path, page)
            assert "预览已暂停" in page and "The preview has stopped" in page and "/.jiaoliu-preview/reload.js" in page
        data.write_text(good, "utf-8")
        _wait_for(root + "en/partners/nmit/", lambda page: "Nelson" in page, timeout=60)
        assert _answer(root + "zh-HK/partners/nmit/")[0] == 200
        _stop_in_the_search_step(server, temp, signal.SIGTERM, lambda: data.write_text(good.replace(
            "city: {zh: 尼尔森, en: Nelson}", "city: {zh: 尼尔森, en: Nelson Stop}"), "utf-8"))
    finally:
        log = _stopped(server, temp, signal.SIGTERM)
    assert f"data/partners.yml:{line}:" in log and "预览已更新 / Preview updated in" in log


def _answer(url: str) -> tuple[int | None, str]:
    """The status and page at `url`; None while nothing answers there."""
    try:
        return _status(url)
    except OSError:
        return None, ""


def test_builds_stop_on_broken_data(tmp_path):
    """Only the preview shows a mistake on its pages; a build stops on it, even not strict."""
    project = copy_project(tmp_path / "project")
    data = project / "data" / "partners.yml"
    data.write_text(data.read_text("utf-8").replace("country: NZ", "country: XX"), "utf-8")
    result = subprocess.run([sys.executable, "-m", "jiaoliu.engine.build", "--no-strict", "-d", str(tmp_path / "site")],
                            cwd=project, capture_output=True, text=True, timeout=120,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1 and "data/partners.yml:" in result.stdout + result.stderr
    assert not (tmp_path / "site").exists()
