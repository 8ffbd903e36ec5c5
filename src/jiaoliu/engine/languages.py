"""The table of languages, where it is declared: mkdocs-static-i18n's `languages` in mkdocs.yml.

Read from the file as written (not from the plugin's loaded settings, which its
`build_only_locale` rewrites for the language being built), so every process of a build and
every tool sees the same table.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from jiaoliu.core.languages import Languages, LanguageTableError

I18N = "i18n"  # the plugin's name in mkdocs.yml


class _PlainSettings(yaml.SafeLoader):
    """mkdocs.yml uses !ENV and python tags; the table holds plain settings only."""


_PlainSettings.add_multi_constructor("", lambda loader, suffix, node: None)


def read_languages(config_file: Path) -> Languages:
    """The languages declared in `config_file`; LanguageTableError says what is wrong."""
    try:
        config: Any = yaml.load(config_file.read_text("utf-8"), Loader=_PlainSettings)  # noqa: S506 - a safe loader
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LanguageTableError(f"{config_file}: cannot be read ({exc})") from None
    plugins = config.get("plugins", []) if isinstance(config, dict) else []
    settings = next((p[I18N] for p in plugins if isinstance(p, dict) and I18N in p), None)
    if not isinstance(settings, dict) or not isinstance(settings.get("languages"), list):
        raise LanguageTableError(f"{config_file}: no languages under plugins: - {I18N}: languages:")
    return Languages.from_entries(settings["languages"])


def languages_beside(data_dir: Path) -> Languages:
    """The table of the project whose data folder is `data_dir` (mkdocs.yml beside it)."""
    return read_languages(data_dir.absolute().parent / "mkdocs.yml")
