"""The first release's names (gdep-check, gdep-build…): they still work for this release, and
say the new name each time they run. The next release removes them."""

from __future__ import annotations

import importlib
import sys

from jiaoliu.core.errors import renamed_note

# old command -> (new command, what it runs)
RENAMED = {
    "gdep-check": ("jiaoliu-check", "jiaoliu.tools.cli:check_main"),
    "gdep-schemas": ("jiaoliu-schemas", "jiaoliu.tools.cli:schemas_main"),
    "gdep-build": ("jiaoliu-build", "jiaoliu.engine.build:main"),
    "gdep-preview": ("jiaoliu-preview", "jiaoliu.engine.preview:main"),
    "gdep-diff": ("jiaoliu-diff", "jiaoliu.tools.sitediff:main"),
    "gdep-new-year": ("jiaoliu-new-year", "jiaoliu.tools.newyear:main"),
}


def _run(old: str) -> int:
    new, target = RENAMED[old]
    print(renamed_note(old, new), file=sys.stderr)
    module, _, function = target.partition(":")
    result: int = getattr(importlib.import_module(module), function)()
    return result


def gdep_check() -> int:
    return _run("gdep-check")


def gdep_schemas() -> int:
    return _run("gdep-schemas")


def gdep_build() -> int:
    return _run("gdep-build")


def gdep_preview() -> int:
    return _run("gdep-preview")


def gdep_diff() -> int:
    return _run("gdep-diff")


def gdep_new_year() -> int:
    return _run("gdep-new-year")
