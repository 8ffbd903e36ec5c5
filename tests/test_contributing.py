"""CONTRIBUTING.md, followed as a member of staff would: its worked example must work."""

from __future__ import annotations

import re
from pathlib import Path

from lxml import html as lxml_html

from conftest import ROOT, build_site, copy_project


def _example(name: str) -> str:
    """The YAML of a worked example of CONTRIBUTING.md, after its `<!-- contributing:NAME -->`: the
    same in the Chinese and the English section."""
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    blocks = re.findall(rf"<!-- contributing:{name} -->\n```yaml\n(.*?)```", text, re.S)
    assert len(blocks) == 2 and blocks[0] == blocks[1], f"the worked example {name} must be in both sections, alike"
    return blocks[0]


# Where each worked example goes, as CONTRIBUTING.md tells staff: at the end of the file, on the
# line after a list's name, or instead of an empty value's line.
PLACES = {
    "example-partner": ("partners.yml", "end", ""),
    "example-programme": ("programmes.yml", "after", "programmes:"),
    "example-competition": ("achievements.yml", "after", "competitions:"),
    "example-award": ("achievements.yml", "after", "awards:"),
    "example-activity": ("activities.yml", "after", "activities:"),
    "example-base": ("bases.yml", "after", "bases:"),
    "example-standard": ("achievements.yml", "after", "standards:"),
    "example-admissions": ("admissions.yml", "instead", "steps: []"),
    "example-student-life": ("student-life.yml", "instead", "housing: null"),
    "example-faq": ("faq.yml", "instead", "groups: []"),
    "example-partnering": ("partnering.yml", "instead", "offer: null"),
    "example-news": ("news.yml", "instead", "news: []"),
    "example-photo": ("site.yml", "end", ""),
}


def contributing_diff_example() -> str:
    """The output of ./scripts/diff that CONTRIBUTING.md shows (test_years runs the same change)."""
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    blocks = re.findall(r"<!-- contributing:example-diff -->\n```text\n(.*?)```", text, re.S)
    assert len(blocks) == 2 and blocks[0] == blocks[1]
    return blocks[0]


def test_every_worked_example_is_placed_and_in_both_languages():
    text = (ROOT / "CONTRIBUTING.md").read_text("utf-8")
    names = set(re.findall(r"<!-- contributing:(example-[a-z-]+) -->", text))
    assert names == {*PLACES, "example-year", "example-diff"}
    for name in names - {"example-diff"}:
        _example(name)
    assert contributing_diff_example()


def _follow(data: Path, name: str) -> None:
    file_name, how, line = PLACES[name]
    path = data / file_name
    text = path.read_text("utf-8")
    if how == "end":
        text = text.rstrip("\n") + "\n\n" + _example(name)
    else:
        assert f"\n{line}\n" in text, f"{file_name} has no line '{line}' for {name}"
        text = text.replace(f"\n{line}\n", f"\n{line}\n{_example(name)}" if how == "after" else f"\n{_example(name)}", 1)
    path.write_text(text, "utf-8")


def test_the_worked_examples_of_every_kind_of_record_show_in_both_languages(tmp_path):
    """Every example pasted where CONTRIBUTING.md says (the photo uploaded to data/photos/): the
    check passes, and each shows on its page in Chinese and English."""
    from PIL import Image

    project = copy_project(tmp_path / "project")
    data = project / "data"
    for name in PLACES:
        _follow(data, name)
    (data / "photos").mkdir(exist_ok=True)
    Image.new("RGB", (1600, 1000), (40, 90, 160)).save(data / "photos" / "campus-gate.jpg", quality=85)
    site = build_site(project, tmp_path / "site", search_index=False)

    def text(lang: str, page: str) -> str:
        prefix = "" if lang == "zh" else "en/"
        return " ".join(lxml_html.fromstring((site / prefix / page / "index.html").read_bytes())
                        .xpath("string(//article)").split())

    zh = lxml_html.fromstring((site / "partners/example-poly/index.html").read_bytes())
    en = lxml_html.fromstring((site / "en/partners/example-poly/index.html").read_bytes())
    assert zh.findtext(".//h1").startswith("新西兰示例理工学院")
    assert en.findtext(".//h1").startswith("Example Polytechnic")
    assert "New Zealand (2)" in text("en", "partners")
    shown = {  # page: (Chinese words, English words)
        "programmes/example-chinese-course": ("汉语进修（初级）", "Chinese language (elementary)"),
        "study": ("在线填写申请表。", "Fill in the application form online."),
        "achievements": ("示例国际职业技能大赛", "Example International Vocational Skills Competition"),
        "campus-and-bases": ("马来西亚示例培训基地", "Example Training Base, Malaysia"),
        "exchanges": ("赴示例大学交流访问", "12 person-days"),
        "student-life": ("两人一间", "two to a room"),
        "faq": ("什么时候可以申请？", "When can I apply?"),
        "partner-with-us": ("共建专业", "develop programmes with partners"),
        "news": ("校园开放日", "Campus open day"),
    }
    assert "Example Technician, NTA Level 4" in text("en", "achievements")
    for page, (chinese, english) in shown.items():
        assert chinese in text("zh", page), page
        assert english in text("en", page), page
    home = (site / "en" / "index.html").read_text("utf-8")
    assert "Campus open day" in home and "campus-gate" in home and "The main gate and the teaching buildings" in home
    assert (site / "en" / "news.xml").is_file()


def test_the_worked_example_adds_a_year(tmp_path):
    """./scripts/new-year 2024, the check lists what is empty, the report is filled in (here with
    the fictional fixture, and the example's figures), and the site shows 2024."""
    import shutil
    import subprocess
    import sys

    project = copy_project(tmp_path / "project")
    started = subprocess.run([sys.executable, "-m", "jiaoliu.tools.newyear", "2024"], cwd=project,
                             capture_output=True, text=True, timeout=120)
    assert started.returncode == 0, started.stderr
    check = subprocess.run([sys.executable, "-m", "jiaoliu.tools.cli"], cwd=project, capture_output=True,
                           text=True, timeout=120)
    assert check.returncode == 0 and "is a draft, neither published nor counted" in check.stdout  # nothing published changes
    todo = subprocess.run([sys.executable, "-m", "jiaoliu.tools.cli", "--todo"], cwd=project, capture_output=True,
                          text=True, timeout=120)
    assert todo.returncode == 0 and "data/reports/2024.yml:" in todo.stdout and "still empty in this draft" in todo.stdout
    report = project / "data" / "reports" / "2024.yml"
    shutil.copy(ROOT / "tests" / "fixtures" / "second-year" / "2024.yml", report)
    text = report.read_text("utf-8")
    start, end = text.index("\nfigures:"), text.index("\nsections:")
    report.write_text(text[:start + 1] + _example("example-year") + text[end + 1:], "utf-8")
    site = build_site(project, tmp_path / "site")
    figures = lxml_html.fromstring((site / "en/figures/index.html").read_bytes())
    row = figures.xpath("//article//table//tr[td//a[contains(@href, '#course-resources')]]")[0]
    assert [" ".join(td.text_content().split()) for td in row.xpath("./td")[1:]] == ["54", "60", "+6"]
    archive = (site / "report/index.html").read_text("utf-8")
    assert archive.index('href="2024/"') < archive.index('href="2023/"')
