"""The first release's names (gdep-check, gdep-build…): they still work for this release, and
say the new name each time they run. The next release removes them."""

from __future__ import annotations

import sys
from collections.abc import Callable
from importlib.metadata import entry_points

from jiaoliu.core.errors import renamed_note


def _renamed(old: str, new: str) -> Callable[[list[str] | None], int]:
    """The old command: the note, then the new command as pyproject.toml declares it."""
    def run(argv: list[str] | None = None) -> int:
        print(renamed_note(old, new), file=sys.stderr)
        result: int = entry_points(group="console_scripts", name=new)[new].load()(argv)
        return result
    return run


gdep_check = _renamed("gdep-check", "jiaoliu-check")
gdep_schemas = _renamed("gdep-schemas", "jiaoliu-schemas")
gdep_build = _renamed("gdep-build", "jiaoliu-build")
gdep_preview = _renamed("gdep-preview", "jiaoliu-preview")
gdep_diff = _renamed("gdep-diff", "jiaoliu-diff")
gdep_new_year = _renamed("gdep-new-year", "jiaoliu-new-year")
