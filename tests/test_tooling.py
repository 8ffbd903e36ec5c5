"""The contributor's tools: schemas, pre-commit hooks, workflows, linters, and ProperDocs."""

from __future__ import annotations

import gzip
import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from conftest import LANGUAGES, ROOT, copy_project
from jiaoliu.core.loader import FILES
from jiaoliu.core.outputdir import MARKER, MARKER_TEXT
from jiaoliu.tools.cli import SCHEMA_LINE, schema_texts, schemas_main

BIN = Path(sys.executable).parent


def test_committed_schemas_are_up_to_date():
    for name, text in schema_texts().items():
        path = ROOT / "schemas" / f"{name}.schema.json"
        assert path.read_text("utf-8") == text, f"{path} is out of date: run jiaoliu-schemas"
    assert schemas_main(["--check", "--root", str(ROOT)]) == 0


def test_each_data_file_names_its_schema_for_the_editor():
    for file_name in FILES:
        first = (ROOT / "data" / file_name).read_text("utf-8").splitlines()[0]
        assert first == SCHEMA_LINE.format(name=file_name.removesuffix(".yml"))


def test_every_data_file_matches_its_committed_schema():
    """What an editor with the $schema line sees: no mark on the real data."""
    assert schemas_main(["--validate", "--root", str(ROOT)]) == 0


def test_the_schema_accepts_the_data_and_rejects_a_mistake():
    schema = json.loads((ROOT / "schemas" / "partners.schema.json").read_text("utf-8"))
    data = yaml.safe_load((ROOT / "data" / "partners.yml").read_text("utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    assert list(validator.iter_errors(data)) == []
    data["partners"][0]["country"] = "XX"
    data["partners"][1]["colour"] = "red"
    messages = [e.message for e in validator.iter_errors(data)]
    assert any("'XX'" in m for m in messages)
    assert any("'colour' was unexpected" in m for m in messages)


def test_the_schema_generator_fixes_files_and_fails_once(tmp_path):
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    (root / "schemas").mkdir()
    path = root / "data" / "bases.yml"
    path.write_text(path.read_text("utf-8").split("\n", 1)[1], "utf-8")  # drop the $schema line
    assert schemas_main(["--root", str(root)]) == 1  # it had to write: pre-commit stops here
    assert schemas_main(["--root", str(root)]) == 0  # and is happy the second time
    assert path.read_text("utf-8").startswith("# yaml-language-server:")


def test_pre_commit_runs_every_hook_with_the_projects_own_tools(tmp_path):
    """As ./scripts/hooks installs it: `pre-commit run` in a shell without .venv/bin on PATH."""
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    hooks = {hook["id"]: hook for repo in config["repos"] for hook in repo["hooks"]}
    assert {"jiaoliu-check", "jiaoliu-schemas", "yamllint", "ruff", "mypy"} == set(hooks)
    for hook in hooks.values():
        executable = hook["entry"].split()[0]
        assert executable.startswith(".venv/bin/") and (ROOT / executable).exists(), executable
    path = ":".join(p for p in os.environ["PATH"].split(":") if Path(p).resolve() != BIN.resolve())
    result = subprocess.run([str(BIN / "pre-commit"), "run", "--all-files", "--color", "never"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PATH": path, "PRE_COMMIT_HOME": str(tmp_path)})
    assert result.returncode == 0, result.stdout + result.stderr
    for hook in hooks.values():
        assert re.search(rf"^{re.escape(hook['name'])}\.+Passed$", result.stdout, re.MULTILINE), hook["name"]


def test_a_data_mistake_is_reported_once_by_the_hooks(tmp_path):
    """pre-commit on a changed data file: the data check names the mistake, and no other hook
    repeats it (the editor's field hints pass and say nothing of it)."""
    project = copy_project(tmp_path / "project")
    for name in (".pre-commit-config.yaml", "schemas", "src", "pyproject.toml"):
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, project / name)
    (project / ".venv").symlink_to(ROOT / ".venv")
    git = ["git", "-C", str(project), "-c", "user.name=t", "-c", "user.email=t@example.org"]
    for command in (["init", "-q"], ["add", "-A"], ["commit", "-q", "-m", "x"]):
        subprocess.run(git + command, check=True, capture_output=True)
    partners = project / "data" / "partners.yml"
    partners.write_text(partners.read_text("utf-8").replace("    website: ", "    webiste: ", 1), "utf-8")
    result = subprocess.run([str(BIN / "pre-commit"), "run", "--files", "data/partners.yml", "--color", "never"],
                            cwd=project, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")})
    assert result.returncode == 1
    assert result.stdout.count("unknown field 'webiste'") == 1, result.stdout
    assert re.search(r"^数据文件和页面 / data files and pages \(jiaoliu-check --strict\)\.+Failed$", result.stdout, re.M)
    assert re.search(r"^编辑器的字段提示 / the editor's field hints .*\.+Passed$", result.stdout, re.M), result.stdout


def test_workflows_and_dependabot_are_valid_offline():
    workflows = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
    assert {p.name for p in workflows} == {"check.yml", "deploy.yml", "review.yml"}
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                             *map(str, workflows)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    result = subprocess.run([str(BIN / "check-jsonschema"), "--builtin-schema", "vendor.dependabot",
                             str(ROOT / ".github" / "dependabot.yml")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    dependabot = yaml.safe_load((ROOT / ".github" / "dependabot.yml").read_text("utf-8"))
    assert {"pip", "github-actions"} <= {u["package-ecosystem"] for u in dependabot["updates"]}


USES = re.compile(r"^\s*(?:-\s+)?uses:\s*(\S+)(.*)$", re.MULTILINE)


def test_actions_are_pinned_by_commit_with_their_version():
    """A tag can be moved to other code; a commit cannot. The comment says which release it is."""
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        for action, rest in USES.findall(workflow.read_text("utf-8")):
            if action.startswith("./"):
                continue  # a workflow of this repository
            assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (workflow.name, action)
            assert re.fullmatch(r"\s*# v\d+\.\d+\.\d+", rest), (workflow.name, action, rest)


def test_the_review_workflow_runs_weekly_with_least_privilege():
    review = yaml.safe_load((ROOT / ".github/workflows/review.yml").read_text("utf-8"))
    assert review["permissions"] == {"contents": "read", "issues": "write"}
    assert review[True]["schedule"][0]["cron"].endswith("* * 1")  # `on:` reads as True in YAML 1.1
    commands = " ".join(s.get("run", "") for s in review["jobs"]["review"]["steps"])
    assert "--review --markdown" in commands and "gh issue edit" in commands and "gh issue create" in commands


def test_deploy_runs_only_after_every_check_with_least_privilege():
    deploy = yaml.safe_load((ROOT / ".github/workflows/deploy.yml").read_text("utf-8"))
    check = yaml.safe_load((ROOT / ".github/workflows/check.yml").read_text("utf-8"))
    assert deploy["permissions"] == {"contents": "read"} == check["permissions"]
    assert deploy["jobs"]["check"]["uses"] == "./.github/workflows/check.yml"
    assert deploy["jobs"]["build"]["needs"] == "check" and deploy["jobs"]["deploy"]["needs"] == "build"
    assert deploy["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert deploy["concurrency"]["group"] == "pages"
    steps = [s.get("uses", "") for job in deploy["jobs"].values() for s in job.get("steps", [])]
    for action in ("actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"):
        assert any(s.startswith(action + "@") for s in steps), action
    data = " ".join(s.get("run", "") for s in check["jobs"]["data"]["steps"])
    assert "check-data --strict" in data and "./scripts/site build" in data
    assert "jiaoliu-diff" in data and "GITHUB_STEP_SUMMARY" in data
    assert "./scripts/test --site" in " ".join(s.get("run", "") for s in check["jobs"]["site"]["steps"])
    browser = " ".join(s.get("run", "") for s in check["jobs"]["browser"]["steps"])
    assert "./scripts/test --browser" in browser
    # The build that deploys is the build that is checked.
    assert "./scripts/site build" in " ".join(s.get("run", "") for s in deploy["jobs"]["build"]["steps"])


def test_ruff_mypy_and_yamllint_are_clean():
    for command in (["ruff", "check", "src", "hooks", "tests", "scripts"], ["mypy"], ["yamllint", "--strict", "."]):
        result = subprocess.run([str(BIN / command[0]), *command[1:]], cwd=ROOT, capture_output=True,
                                text=True, timeout=120)
        assert result.returncode == 0, result.stdout + result.stderr


def test_the_package_ships_every_file_it_reads(tmp_path):
    """setuptools copies the package as an install would (build_py, the step that fills a wheel): the
    string tables and messages the code reads from the package go with it (package-data)."""
    project = tmp_path / "project"
    shutil.copytree(ROOT / "src", project / "src", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    result = subprocess.run([sys.executable, "-c", "import setuptools; setuptools.setup()", "build_py", "-d",
                             str(tmp_path / "lib")], cwd=project, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    shipped = {p.relative_to(tmp_path / "lib").as_posix() for p in (tmp_path / "lib").rglob("*") if p.is_file()}
    package = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "jiaoliu").rglob("*")
               if p.is_file() and "__pycache__" not in p.parts}
    assert {"jiaoliu/core/ui/en.yml", "jiaoliu/core/messages/en.yml"} <= package
    assert sorted(package - shipped) == []


GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


def _tree(site: Path) -> dict[str, bytes]:
    files = {}
    for path in site.rglob("*"):
        if path.is_file():
            content = path.read_bytes()
            if path.suffix == ".gz":
                content = gzip.decompress(content)  # the gzip header holds a timestamp
            files[path.relative_to(site).as_posix()] = GENERATOR.sub(b"", content)
    return files


def _language_part(site: Path, lang) -> dict[str, bytes]:
    """One language's site within the whole site: its folder, less the other languages' folders
    and what jiaoliu-build writes once for the whole site (the sitemap, the search index, its mark)."""
    part = _tree(site / lang.code if not lang.default else site)
    others = tuple(f"{other.code}/" for other in LANGUAGES if not other.default)
    whole_site = ("pagefind/", "sitemap.xml", "sitemap.xml.gz", MARKER)
    return {name: content for name, content in part.items()
            if not (lang.default and name.startswith(others)) and not name.startswith(whole_site)}


@pytest.mark.parametrize("engine, language", [("mkdocs", "en"), ("properdocs", "zh"), ("properdocs", "zh-HK")])
def test_one_language_built_by_mkdocs_or_properdocs_is_that_language_of_the_site(tmp_path, site, engine, language):
    """jiaoliu-build is one MkDocs build per language: the same build, run as `mkdocs build` or by
    ProperDocs (the maintained MkDocs 1.x), gives the same files, byte for byte (but MkDocs' name)."""
    lang = LANGUAGES[language]
    executable = BIN / engine
    assert executable.exists(), f"{engine} is not installed (it is in the test extras)"
    result = subprocess.run([str(executable), "build", "--strict", "-q", "-d", str(tmp_path / engine)],
                            cwd=ROOT, capture_output=True, text=True, timeout=300,
                            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true",
                                 "JIAOLIU_LANGUAGE": lang.code, "JIAOLIU_SOURCE_LANGUAGE": lang.text})
    assert result.returncode == 0, result.stdout + result.stderr
    ours, theirs = _language_part(site, lang), _tree(tmp_path / engine)
    theirs.pop(MARKER, None)
    assert sorted(ours) == sorted(theirs)
    assert [name for name in ours if ours[name] != theirs[name]] == []
    if engine == "properdocs":
        generators = GENERATOR.findall((tmp_path / engine / "index.html").read_bytes())
        assert generators and b"ProperDocs" in generators[0]


def test_a_plain_mkdocs_build_says_how_the_site_is_built(tmp_path):
    """One build path: MkDocs alone, not told which language to make, builds nothing and says why."""
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "-d", str(tmp_path / "site")], cwd=ROOT,
                            capture_output=True, text=True, timeout=120, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    assert result.returncode == 1 and "./scripts/site build" in result.stdout + result.stderr
    assert not (tmp_path / "site" / "index.html").exists()


def test_parallel_build_leaves_the_site_alone_when_a_language_fails(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(ROOT / "docs", project / "docs")
    shutil.copytree(ROOT / "data", project / "data")
    shutil.copy2(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    (project / "docs" / "en" / "about.md").write_text("# About\n\n<!-- jiaoliu:no-such-block -->\n", "utf-8")
    site = project / "site"
    site.mkdir()
    (site / "keep.txt").write_text("previous build", "utf-8")
    (site / MARKER).write_text(MARKER_TEXT, "utf-8")  # an earlier build's: one it may replace
    result = subprocess.run([str(BIN / "jiaoliu-build"), "-d", str(site)], cwd=project, capture_output=True,
                            text=True, timeout=300)
    assert result.returncode == 1
    assert "'<!-- jiaoliu:no-such-block -->' is not a known marker" in result.stdout
    assert (site / "keep.txt").read_text("utf-8") == "previous build"
    assert list(project.glob(".jiaoliu-build-*")) == []


def test_the_python_version_is_written_once_and_the_tools_agree():
    """.python-version is the one place; the settings that must match it are checked here."""
    import tomllib

    version = (ROOT / ".python-version").read_text("utf-8").strip()
    assert re.fullmatch(r"3\.\d+", version)
    assert f"{sys.version_info[0]}.{sys.version_info[1]}" == version  # the .venv the scripts made
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    assert project["tool"]["mypy"]["python_version"] == version
    assert project["tool"]["ruff"]["target-version"] == "py" + version.replace(".", "")
    assert project["project"]["requires-python"] == f">={version}"
    for workflow in (ROOT / ".github" / "workflows").glob("*.yml"):
        text = workflow.read_text("utf-8")
        assert "python-version:" not in text and "python:3" not in text, workflow.name  # read, not written


def test_the_locks_hold_every_package_pinned_with_hashes():
    """What the scripts install (--require-hashes) is what pyproject.toml asks for."""
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    extras = project["optional-dependencies"]
    assert "jiaoliu[hooks]" in extras["test"]  # the tests run every tool the hooks run
    tests = [r for r in extras["test"] if not r.startswith("jiaoliu[")] + extras["hooks"]
    for lock, wanted in (("build.txt", project["dependencies"]),
                         ("hooks.txt", project["dependencies"] + extras["hooks"]),
                         ("test.txt", project["dependencies"] + tests)):
        text = (ROOT / "requirements" / lock).read_text("utf-8")
        pins = dict(re.findall(r"^([A-Za-z0-9._-]+)==(\S+) \\$", text, re.MULTILINE))
        lines = text.splitlines()
        pinned = [i for i, line in enumerate(lines) if re.match(r"[A-Za-z0-9._-]+==\S+ \\$", line)]
        assert pinned and len(pinned) == len(pins)
        if lock == "hooks.txt":  # ./scripts/hooks installs no browser and no test runner
            assert not {"playwright", "pytest", "hypothesis"} & set(pins), lock
        assert all(lines[i + 1].startswith("    --hash=sha256:") for i in pinned)  # each pin has its hashes
        for requirement in wanted:
            name = re.split(r"[<>=!~ ;\[]", requirement, maxsplit=1)[0].lower().replace("_", "-")
            assert name in {n.lower().replace("_", "-") for n in pins}, (lock, name)
            exact = re.search(r"==([^,;\s]+)", requirement)
            if exact:
                assert pins[next(n for n in pins if n.lower().replace("_", "-") == name)] == exact[1], name


# --- what the README, CONTRIBUTING and the data files' headers say is true ------------------------

DOCUMENTS = ("README.md", "CONTRIBUTING.md")
# The commands the scripts run, whose options the documents name (./scripts/X --option).
SCRIPT_COMMANDS = {"check-data": "jiaoliu-check", "diff": "jiaoliu-diff", "new-year": "jiaoliu-new-year",
                   "site build": "jiaoliu-build", "site": "jiaoliu-preview"}
# Named as what must not exist (docs/zh-HK/), or what staff create (data/photos/, with the first photo).
# data/ui/ holds a further written language's strings, which GDEP's site has not.
SAID_ABSENT = {"docs/zh-HK/", "data/photos/", "data/ui/"}
CONSOLE_SCRIPTS = set(re.findall(r"^(jiaoliu-[\w-]+) = ", (ROOT / "pyproject.toml").read_text("utf-8"), re.M))


def _documents() -> dict[str, str]:
    texts = {name: (ROOT / name).read_text("utf-8") for name in DOCUMENTS}
    for path in sorted((ROOT / "data").rglob("*.yml")):  # the headers of the data files
        lines = path.read_text("utf-8").splitlines()
        texts[path.relative_to(ROOT).as_posix()] = "\n".join(line for line in lines if line.lstrip().startswith("#"))
    return texts


def test_every_file_and_folder_the_documents_name_exists():
    for name, text in _documents().items():
        quoted = re.findall(r"`([^`\s]+)`", text) + re.findall(r"\b((?:data|docs|schemas|requirements|scripts)/[\w./-]*\w/?)", text)
        for path in quoted:
            path = path.split(":", 1)[0].removeprefix("./")
            if not re.match(r"(data|docs|schemas|requirements|scripts|src|tests|overrides|\.github|\.ci)/", path) \
                    or re.search(r"[<>*{}…]|YEAR|2024|example", path) or path in SAID_ABSENT:
                continue
            assert (ROOT / path).exists(), f"{name} names {path}, which does not exist"


def _help(command: str) -> str:
    from conftest import run_command

    return run_command(command, "--help", cwd=ROOT).stdout


def test_every_option_the_documents_give_a_command_exists():
    """`./scripts/check-data --todo`, `jiaoliu-build --drafts`…: each option is one the command has."""
    helps: dict[str, str] = {}
    for name, text in _documents().items():
        blocks = re.findall(r"^```[^\n]*\n(.*?)^```", text, re.S | re.M)
        prose = re.sub(r"^```[^\n]*\n.*?^```", "", text, flags=re.S | re.M)
        commands = [line.split("#")[0].strip() for block in blocks for line in block.splitlines()]
        for span in re.findall(r"`([^`]+)`", prose) + [c for c in commands if c]:
            words = span.split() or [""]
            script = next((s for s in SCRIPT_COMMANDS if span.startswith(f"./scripts/{s}")), None)
            command = SCRIPT_COMMANDS[script] if script else (words[0] if words[0] in CONSOLE_SCRIPTS else None)
            if command is None:
                continue
            helps.setdefault(command, _help(command))
            for option in re.findall(r"(?<![\w-])--[a-z][\w-]*", span):
                assert option in helps[command], f"{name}: `{span}`: {command} has no {option}"
    assert set(helps) >= {"jiaoliu-check", "jiaoliu-new-year", "jiaoliu-build"}


def test_the_scripts_the_documents_name_exist_and_run():
    for name, text in _documents().items():
        for script in set(re.findall(r"\./scripts/([\w-]+)", text)):
            path = ROOT / "scripts" / script
            assert path.is_file() and os.access(path, os.X_OK), f"{name} names ./scripts/{script}"
