"""A report in the making: `status: draft` in data/reports/<year>.yml.

`jiaoliu-new-year` starts each new report as a draft, every text empty. A draft is checked as it is
filled in (what is written must be right), but an empty text is not an error: it is a line of
`jiaoliu-check --todo`. It is never published and never counted: the site shows the latest report
that is ready, and its figures. A preview (and `jiaoliu-build --drafts`) shows a draft's own page,
under a banner, with a placeholder where a text is still empty. `status: ready` makes it a report
like any other: from then on every text must be there.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator
from typing import Any

from jiaoliu.core.errors import DataProblem
from jiaoliu.core.yamlsource import Located, leaves

DRAFT, READY = "draft", "ready"
# What a preview shows where a draft's text is still empty, with the line to write it on (never
# published: drafts are not).
PLACEHOLDER = {"zh": "（待填写：第 {line} 行）", "en": "(to be written: line {line})"}


def is_draft(data: Any) -> bool:
    return isinstance(data, dict) and data.get("status") == DRAFT


def empty_texts(located: Located, further: tuple[str, ...] = ()) -> Iterator[tuple[tuple, str]]:
    """Every text of the file left empty (`""`, or only spaces), with its language: the `zh` and
    `en` of its texts and those of the site's further languages (`fr`), never an id or a
    reference (those are checked as typed)."""
    languages = (*PLACEHOLDER, *further)
    for path, value in leaves(located.data):
        if isinstance(value, str) and not value.strip() and path and path[-1] in languages:
            yield path, str(path[-1])


def with_placeholders(located: Located, further: tuple[str, ...] = ()) -> tuple[Any, list[DataProblem]]:
    """A draft's data with a placeholder in each empty text (what the models check and a preview
    shows; a further language's in English: a draft is never published), and a line for `--todo`
    about each."""
    data = copy.deepcopy(located.data)
    gaps = []
    for path, lang in empty_texts(located, further):
        parent = data
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = PLACEHOLDER.get(lang, PLACEHOLDER["en"]).format(line=located.where(path)[0])
        gaps.append(located.problem(path, "draft_text_empty"))
    return data, gaps
