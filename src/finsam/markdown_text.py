"""Plain text placed in Markdown (pull-request summaries, guidance pages): every character that
Markdown or inline HTML could read as markup is escaped, so the reader sees the text as written."""

from __future__ import annotations

import re

# Inline markup: emphasis, code, links and images (the brackets), strikethrough, table cells,
# and the backslash itself. & and < become entities, so no HTML tag or entity survives.
_BREAKS = re.compile(r"[ \t]*[\r\n\u2028\u2029]+[ \t]*")
_INLINE = re.compile(r"([\\`*_\[\]|~])")
# What starts a block only at the beginning of a line: a heading, a quote, a list item.
_LINE_START = re.compile(r"\A([#>+=-]|[0-9]{1,9}(?=[.)]))")


def literal(text: str) -> str:
    """``text`` as one line of Markdown that renders exactly as ``text``."""
    one_line = _BREAKS.sub(" ", text).strip()  # no-break spaces stay as written
    escaped = _INLINE.sub(r"\\\1", one_line.replace("&", "&amp;").replace("<", "&lt;"))
    match = _LINE_START.match(escaped)
    if match is None:
        return escaped
    if match.group(1)[0].isdigit():  # "1. text" would begin an ordered list
        end = match.end()
        return escaped[:end] + "\\" + escaped[end:]
    return "\\" + escaped
