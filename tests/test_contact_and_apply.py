"""Contact and how to apply: the page shows exactly the channels and sections the office filled
in, links phone and email, never lists what is missing; `jiaoliu-check --todo` lists it for staff."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
import yaml
from lxml import html as lxml_html
from test_filled import give_programme_fields

from conftest import ROOT, build_site, copy_project

ALL_CHANNELS = {
    "email": "intl@example.edu.cn",
    "phone": "+86 20 1234 5678",
    "whatsapp": "+86 138 0000 0000",
    "wechat": "jiaoliu_intl",
    "address": "{zh: 广州市示例路 1 号, en: \"1 Example Road, Guangzhou\"}",
    "hours": "{zh: 周一至周五 9:00–17:00, en: Monday to Friday 9:00–17:00}",
}
FIXTURES = {"none": [], "some": ["email", "wechat"], "all": list(ALL_CHANNELS)}
APPLY = ("fees:\n  zh: 学费标准\n  en: The fees\nsteps:\n  - {zh: 第一步, en: First step}\n"
         "  - {zh: 第二步, en: Second step}\n")


def _project(tmp_path, channels: list[str], website: bool = True, admissions: str = ""):
    project = copy_project(tmp_path / "project")
    path = project / "data" / "site.yml"
    lines = [f"  {name}: {ALL_CHANNELS[name] if name in ('address', 'hours') else repr(ALL_CHANNELS[name])}"
             for name in channels]
    website_line = "  website: https://gdep.edu.cn/\n"
    text = path.read_text("utf-8").replace(website_line, (website_line if website else "") + "".join(
        f"{line}\n" for line in lines), 1)
    path.write_text(text, "utf-8")
    if admissions:  # sections left out of the file are empty
        (project / "data" / "admissions.yml").write_text(admissions, "utf-8")
    return project


def _article(site, path):
    return lxml_html.fromstring((site / path).read_bytes()).xpath("//article")[0]


def _rows(article) -> dict[str, object]:
    return {dt.text_content().strip(): dt.getnext() for dt in article.xpath(".//dl[contains(@class,'jiaoliu-facts')]//dt")}


@pytest.mark.parametrize("fixture", list(FIXTURES))
def test_the_contact_page_shows_exactly_the_channels_filled_in(tmp_path, fixture):
    channels = FIXTURES[fixture]
    site = build_site(_project(tmp_path, channels, website=fixture != "none"), tmp_path / "site")
    labels = {"email": "Email", "phone": "Telephone", "whatsapp": "WhatsApp", "wechat": "WeChat ID",
              "address": "Address", "hours": "Office hours"}
    for page in ("en/contact/index.html", "en/study/index.html"):  # the study page ends with them too
        article = _article(site, page)
        rows = _rows(article)
        shown = {name for name, label in labels.items() if label in rows}
        assert shown == set(channels), (page, rows.keys())
        text = " ".join(article.text_content().split())
        assert "not published" not in text.replace("has not published its own", "") and "missing" not in text
        if fixture == "none":  # where to turn instead, and no list of blanks
            assert "official website" in text and article.xpath(".//a[@href='https://gdep.edu.cn/']")
        else:
            assert "official website" not in text
    rows = _rows(_article(site, "en/contact/index.html"))
    if "email" in channels:
        assert rows["Email"].xpath(".//a/@href") == ["mailto:intl@example.edu.cn"]
    if "phone" in channels:
        assert rows["Telephone"].xpath(".//a/@href") == ["tel:+862012345678"]
        assert rows["Telephone"].text_content().strip() == "+86 20 1234 5678"  # as the office typed it
    if "whatsapp" in channels:
        assert rows["WhatsApp"].xpath(".//a/@href") == ["https://wa.me/8613800000000"]
    if "wechat" in channels:
        assert rows["WeChat ID"].text_content().strip() == "jiaoliu_intl" and not rows["WeChat ID"].xpath(".//a")
    zh_rows = _rows(_article(site, "contact/index.html"))
    assert ("办公时间" in zh_rows) == ("hours" in channels) and ("微信号" in zh_rows) == ("wechat" in channels)


def test_how_to_apply_shows_only_the_sections_with_content(tmp_path):
    site = build_site(_project(tmp_path, [], admissions=APPLY), tmp_path / "site")
    article = _article(site, "en/study/index.html")
    headings = [h.text_content().strip("¶ ") for h in article.xpath(".//h2|.//h3")]
    start = headings.index("How to apply")
    assert headings[start + 1: start + 3] == ["Steps", "Fees"]  # in the page's order, the empty ones left out
    assert [li.text_content() for li in article.xpath(".//h3[contains(., 'Steps')]/following-sibling::ol[1]/li")] \
        == ["First step", "Second step"]
    assert "学费标准" in _article(site, "study/index.html").text_content()


def test_without_admissions_content_there_is_no_empty_heading(site):
    article = _article(site, "en/study/index.html")
    assert "How to apply" not in [h.text_content().strip("¶ ") for h in article.xpath(".//h2|.//h3")]
    assert not article.xpath(".//*[@id='apply']")


def _todo(data_dir) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-c", "import sys; from jiaoliu.tools.cli import check_main; sys.exit(check_main())",
         "--data", str(data_dir), "--todo"], capture_output=True, text=True, timeout=60,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"})


def test_staff_get_the_list_of_what_is_not_filled_in(tmp_path):
    result = _todo(_project(tmp_path / "a", ["email", "wechat"], admissions=APPLY) / "data")
    assert result.returncode == 0, result.stdout
    listed = {row.split(": ")[1] for row in result.stdout.splitlines() if row.startswith("data/")}
    # Who each programme admits is listed too, except for the groups the report opens to
    # international students (their status says it).
    audiences = {f"programmes[{p}].audience" for p in ("nmit-construction", "cr-computer-application",
                 "cr-visual-communication", "cr-hotel-management", "hkiit-software")}
    assert listed == {"office.phone", "office.whatsapp", "office.address", "office.hours", "who_can_apply",
                      "documents", "dates", "scholarships", "language_requirements", "accommodation",
                      "visa", "arrival", "housing", "health", "safety", "meals", "campus", "groups",
                      "hong_kong_macao.routes", "hong_kong_macao.documents", "hong_kong_macao.fees",
                      "offer", "steps", "news", "photo"} | audiences | {
                      f"programmes[{p}].{field}" for p in ("group-mechatronics", "group-digital-media",
                                                           "group-visual-communication")
                      for field in ("teaching_languages", "intake", "award", "apply_at")}
    assert "data/site.yml:" in result.stdout and "data/admissions.yml:" in result.stdout
    everything = "".join(f"{name}:\n  zh: 已填写\n  en: Filled in\n" for name in (
        "who_can_apply", "dates", "scholarships", "language_requirements", "accommodation")) + \
        "documents:\n  - {zh: 护照, en: Passport}\n" + APPLY + \
        "hong_kong_macao:\n  routes: {zh: 已填写, en: Filled in}\n  documents: [{zh: 已填写, en: Filled in}]\n" \
        "  fees: {zh: 已填写, en: Filled in}\n"
    project = _project(tmp_path / "b", list(ALL_CHANNELS), admissions=everything)
    filled = ROOT / "tests" / "fixtures" / "filled"  # the fixture that fills them, with its photos
    for name in ("student-life.yml", "faq.yml", "partnering.yml", "news.yml"):
        shutil.copy2(filled / name, project / "data" / name)
    shutil.copytree(filled / "photos", project / "data" / "photos")
    site = project / "data" / "site.yml"  # and the home page's photo
    hero = {"photo": yaml.safe_load((filled / "site-fields.yml").read_text("utf-8"))["photo"]}
    site.write_text(site.read_text("utf-8") + yaml.safe_dump(hero, allow_unicode=True), "utf-8")
    programmes = project / "data" / "programmes.yml"
    programmes.write_text(programmes.read_text("utf-8").replace(
        "\n    summary:\n", "\n    audience: {zh: 示例, en: Example}\n    summary:\n"), "utf-8")
    give_programme_fields(project / "data")  # after the edit above: it rewrites the file
    result = _todo(project / "data")
    rows = [row for row in result.stdout.splitlines() if row.startswith("data/")]
    # Nothing unfilled; only that the fixture's files say they are examples (示例), as they do.
    assert result.returncode == 0 and rows, result.stdout
    assert all("holds example texts" in row or "is an example record" in row for row in rows), result.stdout
