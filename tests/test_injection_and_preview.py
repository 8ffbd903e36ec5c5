"""Untrusted staff text in a real build, and the live preview picking up a data edit."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

from lxml import html as lxml_html

from conftest import build_site, copy_project

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


def test_mkdocs_serve_rebuilds_record_pages_when_a_yaml_file_changes(tmp_path):
    project = copy_project(tmp_path / "project")
    port = _free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": f"http://127.0.0.1:{port}/"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-a", f"127.0.0.1:{port}"],
        cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        url = f"http://127.0.0.1:{port}/en/partners/nmit/"
        _wait_for(url, lambda page: "Nelson" in page, timeout=60)
        data = project / "data" / "partners.yml"
        data.write_text(data.read_text("utf-8").replace("city: {zh: 尼尔森, en: Nelson}",
                                                        "city: {zh: 尼尔森, en: Nelson Town Test}"), "utf-8")
        _wait_for(url, lambda page: "Nelson Town Test" in page, timeout=30)
        zh = _fetch(f"http://127.0.0.1:{port}/partners/nmit/")
        assert "尼尔森" in zh and 'hreflang="en"' in zh
    finally:
        server.terminate()
        server.wait(timeout=10)
