"""Chinese on an English page carries its language (WCAG 3.1.2): a Python-Markdown extension.

A Chinese name beside its English one, a quote from the report in an editor's note: each run of
Chinese characters in a page's text is put in `<span lang="zh">`, so that a screen reader reads it
in Chinese and the browser picks a Chinese font. It works on the parsed page (text, never
attributes or addresses), after every other step, and leaves alone what already says its language.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree

import markdown
from markdown.treeprocessors import Treeprocessor

from jiaoliu.core.localise import HAN

# A run starts at a Chinese character and goes on over Chinese characters, Chinese punctuation
# and full-width forms (、。「」（）：), and the spaces between them; not over Latin letters.
_CJK_PUNCTUATION = "\u3000-\u303f\uff00-\uffef\u00b7\u2014\u2026"
CHINESE_RUN = re.compile(f"{HAN}(?:[{_CJK_PUNCTUATION}\\s]*{HAN}|[{_CJK_PUNCTUATION}])*")
_UNTOUCHED = {"code", "pre", "script", "style"}


class MarkChinese(Treeprocessor):
    def __init__(self, md: markdown.Markdown, lang: str) -> None:
        super().__init__(md)
        self.lang = lang

    def run(self, root: etree.Element) -> None:
        self._mark(root)

    def _mark(self, element: etree.Element) -> None:
        if element.tag in _UNTOUCHED or element.get("lang"):
            return
        for child in list(element):
            self._mark(child)
            if child.tail:
                spans, child.tail = self._spans(child.tail)
                at = list(element).index(child) + 1
                for offset, span in enumerate(spans):
                    element.insert(at + offset, span)
        if element.text:
            spans, element.text = self._spans(element.text)
            for offset, span in enumerate(spans):
                element.insert(offset, span)

    def _spans(self, text: str) -> tuple[list[etree.Element], str]:
        """The text before the first run, and a span for each run with what follows it as tail."""
        pieces = CHINESE_RUN.split(text)
        runs = CHINESE_RUN.findall(text)
        spans = []
        for run, after in zip(runs, pieces[1:], strict=True):
            span = etree.Element("span", {"lang": self.lang})
            span.text, span.tail = run, after
            spans.append(span)
        return spans, pieces[0]


class MarkChineseExtension(markdown.Extension):
    """Registered by the jiaoliu plugin for the pages of a language that is not Chinese."""

    def __init__(self, lang: str = "zh") -> None:
        super().__init__()
        self.lang = lang

    def extendMarkdown(self, md: markdown.Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        md.treeprocessors.register(MarkChinese(md, self.lang), "jiaoliu_mark_chinese", 0)
