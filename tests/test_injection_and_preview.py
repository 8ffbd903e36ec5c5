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


def _fetch(url: str) -> str:
    with urllib.request.urlopen(url, timeout=5) as response:
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
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def test_mkdocs_serve_rebuilds_shows_data_errors_and_recovers(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    temp = tmp_path / "tmp"  # mkdocs serve builds into a temporary folder: it must be gone afterwards
    temp.mkdir()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/", "TMPDIR": str(temp)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/en/partners/nmit/"
        _wait_for(url, lambda page: "Nelson" in page, timeout=60)
        search_entry = f"http://127.0.0.1:{port}/pagefind/pagefind-entry.json"
        english_index = json.loads(_fetch(search_entry))["languages"]["en"]["hash"]
        data = project / "data" / "partners.yml"
        good = data.read_text("utf-8")
        data.write_text(good.replace("city: {zh: 尼尔森, en: Nelson}", "city: {zh: 尼尔森, en: Nelson Town Test}"),
                        "utf-8")
        _wait_for(url, lambda page: "Nelson Town Test" in page, timeout=30)
        # The preview's search is rebuilt with the pages: the English index has changed.
        _wait_for(search_entry, lambda entry: json.loads(entry)["languages"]["en"]["hash"] != english_index, timeout=10)
        zh = _fetch(f"http://127.0.0.1:{port}/partners/nmit/")
        assert "尼尔森" in zh and 'hreflang="en"' in zh
        assert "尼爾森" in _fetch(f"http://127.0.0.1:{port}/zh-HK/partners/nmit/")  # converted in the preview too
        # A mistake: every page answers at once with the problem, in both languages, not a spinner.
        data.write_text(good.replace("country: NZ", "country: XX"), "utf-8")
        line = next(n for n, row in enumerate(good.split("\n"), 1) if "country: NZ" in row)
        deadline = time.monotonic() + 15
        while (status := _status(url))[0] != 500 and time.monotonic() < deadline:
            time.sleep(0.2)
        started = time.monotonic()
        status, page = _status(f"http://127.0.0.1:{port}/about/")
        assert time.monotonic() - started < 2
        assert status == 500 and f"data/partners.yml:{line}:" in page and "&#x27;XX&#x27;" in page
        assert "预览已暂停" in page and "The preview has stopped" in page and "livereload" in page
        # Fixed: the pages come back by themselves.
        data.write_text(good, "utf-8")
        _wait_for(url, lambda page: "Nelson" in page and "preview has stopped" not in page, timeout=30)
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl+C: MkDocs removes its temporary folder
        log = server.communicate(timeout=20)[1].decode("utf-8", "replace")
    assert list(temp.iterdir()) == []  # nothing left behind in the temporary folder
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
