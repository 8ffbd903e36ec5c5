"""A site that lives for years: the annual reports as files, found by the loader, the archive of
every report, and `jiaoliu-new-year`, run as staff would, with a fictional second year
(tests/fixtures/second-year/, marked as fiction in every text)."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from lxml import html

from conftest import ROOT, copy_project, module_build
from corpus_cases import check, fresh_data
from jiaoliu.tools import sitediff

FICTION = ROOT / "tests" / "fixtures" / "second-year" / "2024.yml"
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


def new_year(project: Path, year: int) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "jiaoliu.tools.newyear", str(year)], cwd=project,
                          capture_output=True, text=True, timeout=120, env=ENV)


@module_build
def two_years(tmp_path_factory) -> tuple[Path, Path]:
    """The real project after `jiaoliu-new-year 2024` and the fictional 2024 report filled in, built."""
    tmp = tmp_path_factory.mktemp("years")
    project = copy_project(tmp / "project")
    assert new_year(project, 2024).returncode == 0
    shutil.copy(FICTION, project / "data" / "reports" / "2024.yml")
    # Fictional history: a programme under discussion in 2023 runs in 2024; an agreement renewed.
    programmes = project / "data" / "programmes.yml"
    programmes.write_text(programmes.read_text("utf-8").replace(
        "  - id: hkiit-software\n    kind: credit_recognition\n    status: under_discussion\n",
        "  - id: hkiit-software\n    kind: credit_recognition\n    status: running\n"
        "    history:\n      - {year: 2023, status: under_discussion, source: 2023/s2-2-7}\n"
        "      - {year: 2024, status: running, source: 2024/s1}\n"), "utf-8")
    text = programmes.read_text("utf-8")  # and a running programme ends in 2024
    programmes.write_text(text.replace(
        "  - id: nmit-construction\n    kind: sino_foreign_cooperative\n    status: running\n",
        "  - id: nmit-construction\n    kind: sino_foreign_cooperative\n    status: closed\n"
        "    history:\n      - {year: 2023, status: running, source: 2023/s2-2-1}\n"
        "      - {year: 2024, status: closed, source: 2024/s1}\n"), "utf-8")
    partners = project / "data" / "partners.yml"
    text = partners.read_text("utf-8")
    start = text.index("  - id: nmit\n")
    at = text.index("      - {year: 2023, source: 2023/s2-2-9}\n", start) + len("      - {year: 2023, source: 2023/s2-2-9}\n")
    partners.write_text(text[:at] + "      - {year: 2024, event: renewed, source: 2024/s1}\n" + text[at:], "utf-8")
    # A fictional closure in 2024 of a training base.
    bases = project / "data" / "bases.yml"
    text = bases.read_text("utf-8")
    start = text.index("  - id: cambodia-bri-base\n")
    at = text.index("    sources:", start)
    bases.write_text(text[:at] + "    history: [{year: 2024, event: closed, source: 2024/s1}]\n" + text[at:], "utf-8")
    # A fictional award and activity of 2024, to browse by year.
    achievements = project / "data" / "achievements.yml"
    text = achievements.read_text("utf-8")
    first = "  - {id: aigc-first,"
    achievements.write_text(text.replace(first, "  - {id: fiction-2024, competition: c-aigc-2023, result: gold, "
                                                "year: 2024, source: 2024/s1}\n" + first, 1), "utf-8")
    activities = project / "data" / "activities.yml"
    activities.write_text(activities.read_text("utf-8").replace("activities:\n", """activities:
  - id: fiction-visit-2024
    kind: visit
    title: {zh: 【虚构测试数据】虚构的访问, en: "[Fictional test data] An invented visit"}
    about:
      zh: 【虚构测试数据】此访问不存在。
      en: "[Fictional test data] This visit does not exist."
    partners: [kyungnam]
    countries: [KR]
    key_figures: [international-students]
    year: 2024
    sources: [2024/s1]

""", 1), "utf-8")
    result = subprocess.run([sys.executable, "-m", "jiaoliu.engine.build", "-d", str(tmp / "site")], cwd=project,
                            capture_output=True, text=True, timeout=300, env=ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    return project, tmp / "site"


def test_the_fixture_is_fiction_in_every_text():
    text = FICTION.read_text("utf-8")
    for line in text.splitlines():
        if line.strip().startswith(("zh:", "en:")) and "label" not in line and "heading" not in line:
            assert "虚构" in line or "Fictional" in line, line
        if "verbatim:" in line:
            assert "虚构" in line, line


def test_new_year_writes_out_the_references_and_a_skeleton_to_fill_in(tmp_path):
    project = copy_project(tmp_path / "project")
    before = {p.name: p.read_text("utf-8") for p in (project / "data").glob("*.yml")}
    result = new_year(project, 2024)
    assert result.returncode == 0, result.stderr
    after = {p.name: p.read_text("utf-8") for p in (project / "data").glob("*.yml")}
    # Only the references changed, each to `2023/<id>`: the same lines, the same comments.
    for name, text in before.items():
        assert after[name].replace("2023/", "") == text.replace("2023/", ""), name
    assert "sources: [2023/s2-2-1, 2023/s2-2-9]" in after["partners.yml"]
    skeleton = (project / "data" / "reports" / "2024.yml").read_text("utf-8")
    assert "year: 2024" in skeleton and "- id: s2-2-9" in skeleton and "教育对外开放" not in skeleton
    # A draft: the check passes, and lists every empty text, by file and line, for --todo.
    assert "status: draft" in skeleton
    result = check(project / "data")
    assert not result.errors
    gaps = [p for p in result.todo if p.code == "draft_text_empty"]
    lines = skeleton.splitlines()
    assert len(gaps) == sum(line.count('""') for line in lines) > 50
    assert {p.file for p in gaps} == {"data/reports/2024.yml"} and all('""' in lines[p.line - 1] for p in gaps)
    # Marked ready while texts are empty, each empty text is an error, at its line.
    (project / "data" / "reports" / "2024.yml").write_text(skeleton.replace("status: draft", "status: ready"), "utf-8")
    result = check(project / "data")
    assert {p.code for p in result.errors} == {"empty_text"} and len(result.errors) == len(gaps)


def _article_text(site: Path, page: str) -> str:
    document = html.parse(str(site / page / "index.html")).getroot()
    return " ".join(document.xpath("string(//article)").split())


def test_a_year_walked_through_draft_preview_ready_and_published(tmp_path, site):
    """As staff would: a new year starts as a draft that changes nothing published; a preview
    shows it under a banner; a section the year lacks is deleted; made ready, it is published and
    its figures counted."""
    from conftest import build_site

    project = copy_project(tmp_path / "project")
    assert new_year(project, 2024).returncode == 0
    draft = build_site(project, tmp_path / "draft", search_index=False)
    assert not (draft / "report" / "2024").exists() and not (draft / "en" / "report" / "2024").exists()
    for page in ("", "en", "figures", "en/figures", "report", "en/achievements"):  # nothing published changed
        assert _article_text(draft, page) == _article_text(site, page), page
    preview = build_site(project, tmp_path / "preview", search_index=False, drafts=True)
    for prefix, banner, empty in (("", "草稿：尚未发布", "（待填写：第 "), ("en/", "Draft: not published", "(to be written: line "),
                                  ("zh-HK/", "草稿：尚未發佈", "（待填寫：第 ")):
        page = _article_text(preview, f"{prefix}report/2024")
        assert banner in page and empty in page and page.index(banner) < page.index(empty), prefix
    assert "2024" not in _article_text(preview, "en/report")  # the archive lists the reports that are ready
    # A section the year lacks is deleted: the draft still checks.
    report = project / "data" / "reports" / "2024.yml"
    text = report.read_text("utf-8")
    start = text.index("  - id: s3-4\n")
    report.write_text(text[:start], "utf-8")
    assert not check(project / "data").errors
    # Filled in (the fictional report) and made ready: published, and its figures counted.
    filled = FICTION.read_text("utf-8")
    assert "status:" not in filled  # a report without a status is ready
    report.write_text(filled.replace("year: 2024\n", "year: 2024\nstatus: ready\n", 1), "utf-8")
    published = build_site(project, tmp_path / "published", search_index=False)
    assert "Draft" not in _article_text(published, "en/report/2024")
    assert "The 2024 report" in _article_text(published, "en/report")
    assert "60 resources (2024)" in _article_text(published, "en/figures")


def test_a_record_cannot_cite_a_draft_and_a_site_needs_a_ready_report(tmp_path):
    project = copy_project(tmp_path / "project")
    assert new_year(project, 2024).returncode == 0
    partners = project / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8").replace("2023/s2-2-9", "2024/s2-2-9", 1), "utf-8")
    problems = check(project / "data").errors
    assert [p.code for p in problems] == ["cites_draft"] and "still a draft" in problems[0].message_en
    partners.write_text(partners.read_text("utf-8").replace("2024/s2-2-9", "2023/s2-2-9", 1), "utf-8")
    # A draft's statements may quote sections not written yet: checked once it is ready.
    draft = project / "data" / "reports" / "2024.yml"
    draft.write_text(draft.read_text("utf-8").replace("  - {id: partners-signed, reported: []}",
                     '  - id: partners-signed\n    reported:\n      - {value: 9, section: s3-1, verbatim: 引入 9 所, en: "9 partners"}', 1), "utf-8")
    assert "  - id: partners-signed\n    reported:" in draft.read_text("utf-8")
    assert not check(project / "data").errors
    first = project / "data" / "reports" / "2023.yml"
    first.write_text(first.read_text("utf-8").replace("year: 2023\n", "year: 2023\nstatus: draft\n", 1), "utf-8")
    assert "no_ready_report" in {p.code for p in check(project / "data").errors}


def _published(project: Path) -> Path:
    """A copy of the project in a git repository of its own, its `main` the published version
    (with the package's code, which `./scripts/diff` builds the base with)."""
    copy_project(project)
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["init", "-q", "-b", "main"], ["add", "-A"], ["commit", "-q", "-m", "published"]):
        subprocess.run(git + command, check=True, capture_output=True)
    return project


def test_scripts_diff_builds_main_and_the_working_tree_and_summarises(tmp_path):
    """`./scripts/diff`: per language, the pages added, removed and changed, and the figures old →
    new; `--full` with the lines."""
    from conftest import run_command

    project = _published(tmp_path / "project")
    partners = project / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8").replace(
        "    sources: [s3-3]\n", "    sources: [s3-3]\n    agreements: [{year: 2023, source: s3-3}]\n", 1), "utf-8")
    full = run_command("jiaoliu-diff", "main", "--full", cwd=project)
    assert full.returncode == 0, full.stderr
    assert "English: 新增 0，删除 0，改动 4 / 0 added, 0 removed, 4 changed" in full.stdout, full.stdout
    assert "[en] Partner institutions signing agreements: 11 institutions (2023) → 12 institutions (2023)" in full.stdout
    assert "~ /en/partners/kyungnam/" in full.stdout and "+12 institutions" in full.stdout
    # The summary without --full is this one without the pages and their lines (one pair of builds
    # for both), and CONTRIBUTING.md shows it as it is.
    from test_contributing import contributing_diff_example

    short = [line for line in full.stdout.splitlines() if not re.match(r"    [+~-] /|        ", line)]
    assert "\n".join([*short, "每一处改动的文字 / Every changed line: ./scripts/diff --full"]) + "\n" == contributing_diff_example()
    missing = run_command("jiaoliu-diff", "no-such-tag", cwd=project)
    assert missing.returncode == 2 and "no git revision no-such-tag" in missing.stderr


def test_a_change_that_alters_a_published_figure_is_reported(tmp_path):
    """Adding a partner with a 2023 agreement turns 11 into 12: jiaoliu-check says so, against the
    published data (git), with the report's own number; unchanged data reports nothing."""
    from conftest import run_command

    project = _published(tmp_path / "project")
    same = run_command("jiaoliu-check", "--figures", cwd=project)
    assert same.returncode == 0 and "No published figure changes (against main)" in same.stdout, same.stdout
    partners = project / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8").replace(
        "    sources: [s3-3]\n", "    sources: [s3-3]\n    agreements: [{year: 2023, source: s3-3}]\n", 1), "utf-8")
    note = run_command("jiaoliu-check", cwd=project)
    assert note.returncode == 0 and "this change alters 1 published figure(s) (against main)" in note.stdout
    listed = run_command("jiaoliu-check", "--figures", "--markdown", cwd=project)
    assert ("- 当年签约的合作院校 / Partner institutions signing agreements: 11 (2023) → 12 (2023)；"
            "与报告不一致，报告写作 11 (s3-1) / differs from the report, which says 11 (s3-1)") in listed.stdout
    unknown = run_command("jiaoliu-check", "--figures", "--against", "no-such-branch", cwd=project)
    assert unknown.returncode == 2 and "no git revision to compare with (no-such-branch)" in unknown.stderr
    # Published data that today's check refuses: nothing to compare with, said so, never "every figure changed".
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    partners.write_text(partners.read_text("utf-8").replace("    website: ", "    webiste: ", 1), "utf-8")
    subprocess.run(git + ["commit", "-qam", "a mistake published"], check=True, capture_output=True)
    partners.write_text(partners.read_text("utf-8").replace("    webiste: ", "    website: ", 1), "utf-8")
    broken = run_command("jiaoliu-check", "--figures", cwd=project)
    assert broken.returncode == 0 and "does not pass today's check: nothing to compare with" in broken.stdout
    assert "→" not in broken.stdout and "alters" not in run_command("jiaoliu-check", cwd=project).stdout


def test_an_archive_is_extracted_only_inside_its_folder(tmp_path):
    """What git archive gives is written as files and folders under the folder, nowhere else."""
    import io
    import tarfile

    from jiaoliu.tools.figurechanges import extract

    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for name, kind in (("data/ok.yml", tarfile.REGTYPE), ("../outside.txt", tarfile.REGTYPE),
                           ("data/link", tarfile.SYMTYPE), ("/absolute.txt", tarfile.REGTYPE)):
            info = tarfile.TarInfo(name)
            info.type = kind
            if kind == tarfile.SYMTYPE:
                info.linkname = "/etc/passwd"
                tar.addfile(info)
            else:
                info.size = 2
                tar.addfile(info, io.BytesIO(b"ok"))
    folder = tmp_path / "in"
    folder.mkdir()
    assert extract(buffer.getvalue(), folder)
    assert (folder / "data" / "ok.yml").read_text() == "ok"
    assert not (tmp_path / "outside.txt").exists() and not (folder / "data" / "link").exists()
    assert not Path("/absolute.txt").exists()
    assert not extract(b"not a tar archive", folder)


def test_new_year_waits_for_the_draft_of_the_year_before(tmp_path):
    project = copy_project(tmp_path / "project")
    assert new_year(project, 2024).returncode == 0
    before = {p.name: p.read_bytes() for p in (project / "data" / "reports").iterdir()}
    again = new_year(project, 2025)
    assert again.returncode == 1 and "the 2024 report is still a draft" in again.stderr
    assert "data/reports/2024.yml:1:1" in again.stderr
    assert {p.name: p.read_bytes() for p in (project / "data" / "reports").iterdir()} == before


def test_new_year_refuses_to_overwrite_or_go_back(tmp_path):
    project = copy_project(tmp_path / "project")
    assert new_year(project, 2023).returncode == 1  # the 2023 report exists
    again = new_year(project, 2022)
    assert again.returncode == 1 and "not after the latest report" in again.stderr
    assert not (project / "data" / "reports" / "2022.yml").exists()
    assert new_year(project, 2024).returncode == 0
    skeleton = (project / "data" / "reports" / "2024.yml").read_text("utf-8")
    twice = new_year(project, 2024)
    assert twice.returncode == 1 and "never overwritten" in twice.stderr
    assert (project / "data" / "reports" / "2024.yml").read_text("utf-8") == skeleton


def test_with_two_reports_a_reference_must_say_its_year(tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copy(FICTION, project / "data" / "reports" / "2024.yml")  # without jiaoliu-new-year
    problems = check(project / "data").errors
    assert problems and {p.code for p in problems} == {"section_needs_year"}
    nmit = next(p for p in problems if p.file == "data/partners.yml" and p.params["value"] == "s2-2-9")
    assert nmit.params["choices"] == "2023/s2-2-9"  # the 2024 report has no s2-2-9


def test_the_archive_lists_every_year_newest_first(two_years):
    _, site = two_years
    for prefix, words in (("", "年报告"), ("en/", "report")):
        page = html.parse(str(site / prefix / "report" / "index.html")).getroot()
        years = [h.get("id") for h in page.xpath("//article//h2")]
        assert years == ["report-2024", "report-2023"], years
        links = [a.get("href") for a in page.xpath("//article//h2/a[not(@class='headerlink')]")]
        assert links == ["2024/", "2023/"]
        assert words in page.xpath("//article//h2")[0].text_content()


def test_the_first_years_addresses_stay_and_citations_name_their_year(two_years, site):
    _, two = two_years
    assert set(sitediff.pages_of(site)) <= set(sitediff.pages_of(two))  # no address of 2023 is lost
    assert {"report/2024/", "en/report/2024/"} <= set(sitediff.pages_of(two))
    nmit = html.parse(str(two / "en" / "partners" / "nmit" / "index.html")).getroot()
    citations = [a.text_content() for a in nmit.xpath("//a[contains(@href, 'report/2023/#')]")]
    assert citations and all(c.startswith("2023 report §") for c in citations), citations


def test_search_finds_both_years_reports(two_years):
    _, site = two_years
    urls = set()
    for fragment in (site / "pagefind" / "fragment").iterdir():
        data = json.loads(gzip.decompress(fragment.read_bytes()).removeprefix(b"pagefind_dcd"))
        urls.add(data["url"])
    assert {"/report/2023/", "/report/2024/", "/en/report/2023/", "/en/report/2024/"} <= urls


def test_the_figures_page_shows_every_year_with_the_change_and_a_chart_with_its_text(two_years):
    _, site = two_years
    page = html.parse(str(site / "en" / "figures" / "index.html")).getroot()
    table = page.xpath("//article//table")[0]
    head = [" ".join(th.text_content().split()) for th in table.xpath(".//th")]
    assert head == ["Figure", "2023", "2024", "2024 vs 2023"]
    rows = {" ".join(r.xpath("./td")[0].text_content().split()): [" ".join(td.text_content().split())
                                                                  for td in r.xpath("./td")[1:]]
            for r in table.xpath(".//tbody/tr")}
    assert rows["Course resources brought in from abroad"] == ["54", "60", "+6"]  # reported both years
    assert rows["International students on Chinese-language courses"] == ["23", "30", "+7"]
    assert rows["Foreign teachers brought in"] == ["20", "–", "–"]  # the 2024 report does not state it
    # Counted from the agreements of each year: no agreement of 2024 on record yet is no count, not 0.
    assert rows["Partner institutions signing agreements"] == ["11", "–", "–"]
    assert rows["Where our partners are based"] == ["10", "10", "±0"]
    # A chart for each figure with two values, its title saying every value.
    charts = page.xpath("//article//figure[contains(@class, 'jiaoliu-chart')]/*[local-name()='svg']")
    titles = {svg.get("aria-labelledby"): svg.xpath("./*[local-name()='title']")[0].text for svg in charts}
    assert titles["chart-course-resources"] == "Course resources brought in from abroad, by year: 2023: 54, 2024: 60"
    assert "chart-foreign-teachers-introduced" not in titles
    assert all(svg.get("role") == "img" for svg in charts)


def test_the_home_page_shows_the_latest_year(two_years):
    _, site = two_years
    page = html.parse(str(site / "en" / "index.html")).getroot()
    cards = [" ".join(li.text_content().split()) for li in page.xpath("//*[contains(@class, 'jiaoliu-figures')]//li")]
    # Each card is of the latest year that has its figure, and says which: 2024, or 2023 for the
    # agreements signed (no 2024 agreement is on record yet), never "0 (2024)".
    assert cards and all("(2024)" in card for card in cards if "signing agreements" not in card), cards
    assert "11 institutions Partner institutions signing agreements (2023)" in cards, cards
    assert not any(card.startswith("0 ") for card in cards), cards
    assert any(card.startswith("30 students") for card in cards), cards  # 2024's statement, not 2023's 23


def test_a_renamed_figure_a_page_needs_is_named(tmp_path):
    project = copy_project(tmp_path / "project")
    figures = project / "data" / "figures.yml"
    figures.write_text(figures.read_text("utf-8").replace("  - id: curriculum-standards\n", "  - id: curriculum\n"),
                       "utf-8")
    codes = {(p.code, p.file) for p in check(project / "data").errors}
    # The achievements page needs it, and the 2023 report states it: both are said.
    assert codes == {("required_figure", "data/figures.yml"), ("unknown_reference", "data/reports/2023.yml")}


def test_a_programme_whose_status_changed_shows_both_states(two_years):
    _, site = two_years
    page = html.parse(str(site / "en" / "programmes" / "hkiit-software" / "index.html")).getroot()
    facts = {dt.text_content(): " ".join(dt.getnext().text_content().split())
             for dt in page.xpath("//article//dl[contains(@class, 'jiaoliu-facts')]//dt")}
    assert facts["Status"] == "Active"
    assert facts["History"] == "2023: Under discussion (not started yet) and 2024: Active"
    zh = html.parse(str(site / "programmes" / "hkiit-software" / "index.html")).getroot()
    assert "2023 年：商讨中" in zh.xpath("string(//article)")
    # Counted by its status in each year: not a running programme in 2023, one in 2024.
    figures = html.parse(str(site / "en" / "figures" / "index.html")).getroot()
    for figure, values in (("credit-recognition-programmes", ["3", "4", "+1"]),
                           ("sino-foreign-programmes", ["1", "0", "−1"]), ("joint-programmes", ["4", "4", "±0"])):
        row = figures.xpath(f"//article//table//tr[td//a[contains(@href, '#{figure}')]]")[0]
        assert [" ".join(td.text_content().split()) for td in row.xpath("./td")[1:]] == values, figure
    # A programme that has ended is listed apart, and keeps its page.
    overview = html.parse(str(site / "en" / "programmes" / "index.html")).getroot()
    ended = overview.xpath("//article//h2[starts-with(normalize-space(), 'Programmes that have ended')]/following::table[1]")[0]
    assert ended.xpath(".//a[contains(@href, 'nmit-construction/')]")


def test_a_renewed_agreement_shows_on_the_partner_and_is_not_a_new_signature(two_years):
    _, site = two_years
    page = html.parse(str(site / "en" / "partners" / "nmit" / "index.html")).getroot()
    assert "signed in 2023 and renewed in 2024" in " ".join(page.xpath("string(//article)").split())
    figures = html.parse(str(site / "en" / "figures" / "index.html")).getroot()
    row = figures.xpath("//article//table//tr[td//a[contains(@href, '#partners-signed')]]")[0]
    assert [" ".join(td.text_content().split()) for td in row.xpath("./td")[1:]] == ["11", "–", "–"]  # a renewal is not counted


def test_a_history_must_end_in_the_current_status(tmp_path):
    project = copy_project(tmp_path / "project")
    programmes = project / "data" / "programmes.yml"
    programmes.write_text(programmes.read_text("utf-8").replace(
        "    status: under_discussion\n",
        "    status: under_discussion\n    history:\n      - {year: 2023, status: running, source: s2-2-7}\n"), "utf-8")
    (problem,) = check(project / "data").errors
    assert problem.code == "history_status" and problem.field == "programmes[hkiit-software].history"


def test_awards_and_activities_are_browsed_by_year(two_years):
    _, site = two_years
    achievements = html.parse(str(site / "en" / "achievements" / "index.html")).getroot()
    assert [h.get("id") for h in achievements.xpath("//article//h3[starts-with(@id, 'awards-')]")] == [
        "awards-2024", "awards-2023"]
    exchanges = html.parse(str(site / "en" / "exchanges" / "index.html")).getroot()
    years = [h.get("id") for h in exchanges.xpath("//article//h3") if h.get("id", "").startswith("international-visit-")]
    assert years == ["international-visit-2024", "international-visit-2023"]
    # The 2024 activity's card shows 2024's figure; the 2023 ones keep 2023's.
    hk = html.parse(str(site / "en" / "study" / "index.html")).getroot()
    text = " ".join(exchanges.xpath("string(//article)").split()) + " ".join(hk.xpath("string(//article)").split())
    assert "30 students International students on Chinese-language courses (2024)" in text
    assert "23 students International students on Chinese-language courses (2023)" in text


def test_a_closed_base_keeps_its_history_and_is_no_longer_counted(two_years):
    _, site = two_years
    page = html.parse(str(site / "en" / "campus-and-bases" / "index.html")).getroot()
    base = page.xpath("//article//*[@id='cambodia-bri-base']")[0]
    facts = base.xpath("following::dl[contains(@class, 'jiaoliu-facts')][1]")[0]
    assert "closed in 2024" in " ".join(facts.text_content().split())
    figures = html.parse(str(site / "en" / "figures" / "index.html")).getroot()
    row = figures.xpath("//article//table//tr[td//a[contains(@href, '#training-bases')]]")[0]
    assert [" ".join(td.text_content().split()) for td in row.xpath("./td")[1:]] == ["3", "2", "−1"]


def test_a_report_may_cite_its_own_sections_with_its_year(tmp_path):
    """`2023/s3-1` inside reports/2023.yml is the same as `s3-1` there: checked, and cited alike."""
    from conftest import build_site

    project = copy_project(tmp_path / "project")
    report = project / "data" / "reports" / "2023.yml"
    text = report.read_text("utf-8")
    first = "      - {value: 11, section: s3-1,"
    text = text.replace(first, first.replace("s3-1", "2023/s3-1"), 1).replace("  source: s1\n", "  source: 2023/s1\n", 1)
    report.write_text(text, "utf-8")
    assert not check(project / "data").errors
    site = build_site(project, tmp_path / "site")
    figures = html.parse(str(site / "en" / "figures" / "index.html")).getroot()
    section = figures.xpath("//article//*[@id='partners-signed']/following::dl[1]")[0]
    assert section.xpath(".//a[contains(@href, 'report/2023/#s3-1')]")
    archive = (site / "en" / "report" / "index.html").read_text("utf-8")
    assert "2023/#s1" in archive


# --- jiaoliu-new-year checks before it writes, and writes all or nothing (issue 23, point 7) -------


def run_new_year(data: Path, *args: str) -> subprocess.CompletedProcess:
    """jiaoliu-new-year as staff run it, on a copy of data/ (with docs/ beside it)."""
    return subprocess.run([sys.executable, "-m", "jiaoliu.tools.newyear", *args, "--data", str(data)],
                          capture_output=True, text=True, timeout=120, env=ENV)


def every_file(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def _assert_refused_in_both_languages(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Traceback" not in result.stderr and "修改建议 / How to fix:" in result.stderr, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.mark.parametrize("year,words", [
    ("2204", ["is not plausible"]),  # a typo for 2024
    ("20244", ["is not plausible"]),
    ("2026", ["2026 is not the year after the latest report (2023)", "--year-after-gap 2026",
              "data/reports/2023.yml:6:"]),
    ("2023", ["already exists", "data/reports/2023.yml:1:"]),
    ("2022", ["2022 is not after the latest report (2023)", "jiaoliu-new-year 2024"]),
    ("20x4", ["is not a year"]),
])
def test_new_year_refuses_a_year_that_is_not_the_next_one_and_touches_nothing(tmp_path, year, words):
    data = fresh_data(tmp_path)
    before = every_file(tmp_path)
    _assert_refused_in_both_languages(run_new_year(data, year), *words)
    assert every_file(tmp_path) == before


def test_new_year_after_a_gap_only_when_asked_for(tmp_path):
    data = fresh_data(tmp_path)
    implausible = run_new_year(data, "--year-after-gap", "20244")
    _assert_refused_in_both_languages(implausible, "is not plausible")
    assert run_new_year(data, "--year-after-gap", "2026").returncode == 0
    assert "year: 2026" in (data / "reports" / "2026.yml").read_text("utf-8")


def test_new_year_on_data_with_errors_lists_them_and_touches_nothing(tmp_path):
    data = fresh_data(tmp_path)
    partners = data / "partners.yml"
    partners.write_text(partners.read_text("utf-8").replace("country: NZ", "country: XX", 1), "utf-8")
    before = every_file(tmp_path)
    result = run_new_year(data, "2024")
    _assert_refused_in_both_languages(result, "data/partners.yml:", "'XX' is not a valid ISO 3166",
                                      "the new year was not started")
    assert every_file(tmp_path) == before


def test_a_reference_it_cannot_qualify_in_the_last_file_leaves_every_file_untouched(tmp_path):
    """Every file is prepared before any is written: the four before it are not rewritten."""
    data = fresh_data(tmp_path)
    activities = data / "activities.yml"
    text = activities.read_text("utf-8")
    assert text.endswith("    sources: [s2-2-7]\n")
    activities.write_text(text.removesuffix("    sources: [s2-2-7]\n") + "    sources:\n      - >-\n        s2-2-7\n",
                          "utf-8")
    assert not check(data).errors  # the same reference, as a block of text
    before = every_file(tmp_path)
    result = run_new_year(data, "2024")
    line = text.count("\n") + 1
    _assert_refused_in_both_languages(result, f"data/activities.yml:{line}:", "cannot write the year before 's2-2-7'")
    assert every_file(tmp_path) == before


def test_new_year_keeps_line_endings_and_every_byte_it_does_not_rewrite(tmp_path):
    data = fresh_data(tmp_path)
    crlf = ["partners.yml", "reports/2023.yml"]
    for name in crlf:
        path = data / name
        path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))
    programmes = data / "programmes.yml"
    programmes.write_bytes(programmes.read_bytes().rstrip(b"\n"))  # no final line break
    before = every_file(data)
    assert run_new_year(data, "2024").returncode == 0
    after = every_file(data)
    assert set(after) == set(before) | {"reports/2024.yml"}
    for name, content in before.items():  # only `2023/` written before bare references
        assert after[name].replace(b"2023/", b"") == content.replace(b"2023/", b""), name
    assert after["partners.yml"] != before["partners.yml"] and b"2023/s2-2-9" in after["partners.yml"]
    for name in crlf:
        assert after[name].count(b"\n") == after[name].count(b"\r\n"), name
    assert after["reports/2024.yml"].count(b"\n") == after["reports/2024.yml"].count(b"\r\n") > 10
    assert not after["programmes.yml"].endswith(b"\n") and b"2023/s" in after["programmes.yml"]


def test_a_failure_while_writing_leaves_every_file_as_it_was(tmp_path):
    """The files are written beside their targets and renamed; when a rename fails, those
    already renamed get their content back, and no temporary file stays."""
    from jiaoliu.tools.newyear import NewYearError, write_all

    first, second, blocked = tmp_path / "a.yml", tmp_path / "b.yml", tmp_path / "c.yml"
    first.write_bytes(b"a: 1\r\n")
    second.write_bytes(b"b: 2")
    blocked.mkdir()  # a folder where a file is to go: the last rename fails
    before = every_file(tmp_path)
    with pytest.raises(NewYearError, match="every file is left as it was"):
        write_all({first: b"a: 2\r\n", second: b"b: 3", blocked: b"c: 1\n"})
    assert every_file(tmp_path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["a.yml", "b.yml", "c.yml"]
    write_all({first: b"a: 2\r\n", second: b"b: 3"})
    assert every_file(tmp_path) == {"a.yml": b"a: 2\r\n", "b.yml": b"b: 3"}
