"""The page a live preview shows while the data has a mistake, instead of hanging.

A plain, self-contained HTML page in both languages (no theme, no request to anything): the
problems exactly as `jiaoliu-check` prints them, escaped.
"""

from __future__ import annotations

import html

from jiaoliu.core.localise import Strings


def error_page(strings: dict[str, Strings], report: str, script: str | None = None) -> str:
    """`script`: the address of a script the page loads (the preview's reload script)."""
    sections = "\n".join(
        f'<section lang="{lang}"><h1>{html.escape(s("preview.error_title"))}</h1>'
        f"<p>{html.escape(s('preview.error_body'))}</p></section>"
        for lang, s in strings.items()
    )
    return f"""<!doctype html>
<html lang="zh">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>{html.escape(strings["zh"]("preview.error_title"))} · {html.escape(strings["en"]("preview.error_title"))}</title>
<style>body{{font:16px/1.6 system-ui,"Noto Sans CJK SC",sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem}}
h1{{font-size:1.3rem;color:#a31515}}pre{{white-space:pre-wrap;background:#fff4f4;border:1px solid #e0b4b4;padding:1rem}}</style>
</head>
<body>
{sections}
<pre>{html.escape(report)}</pre>
{f'<script src="{html.escape(script)}"></script>' if script else ""}
</body>
</html>
"""
