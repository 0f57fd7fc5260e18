"""ansokan.md: YAML front matter between --- lines, then sections under level-2 headings."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from markdown_it import MarkdownIt

from finsam.findings import Finding
from finsam.rules.format import FRONT_MATTER

_FENCE = re.compile(r"---[ \t]*\Z")
_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
# Block structure is all we need: skipping inline parsing keeps big files cheap.
_MD = MarkdownIt("commonmark").disable("inline", ignoreInvalid=True)


@dataclass(frozen=True)
class Section:
    """One ``## heading`` and the Markdown below it up to the next one."""

    heading: str
    line: int  # the heading's line in the file
    text: str  # the raw Markdown content, without the heading line
    text_line: int  # the file line where ``text`` starts

    @property
    def is_empty(self) -> bool:
        """True when nothing but whitespace and HTML comments (guidance) remains."""
        return not _COMMENT.sub("", self.text).strip()


@dataclass(frozen=True)
class FrontMatter:
    yaml_text: str
    yaml_line: int  # file line of the first YAML line
    body: str
    body_line: int  # file line of the first body line


def split_front_matter(text: str, rel: str) -> tuple[FrontMatter | None, list[Finding]]:
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        return None, [
            FRONT_MATTER.finding(
                rel,
                1,
                1,
                "Filen börjar inte med front matter (en rad med ---).",
                "Första raden ska vara exakt ---, följd av uppgifterna och en avslutande rad ---. "
                "Utgå från mallen som `finsam ny ansokan` skapar.",
            )
        ]
    for index in range(1, len(lines)):
        if _FENCE.match(lines[index]) or lines[index].rstrip() == "...":
            return FrontMatter(
                yaml_text="\n".join(lines[1:index]) + "\n",
                yaml_line=2,
                body="\n".join(lines[index + 1 :]),
                body_line=index + 2,
            ), []
    return None, [
        FRONT_MATTER.finding(
            rel,
            1,
            1,
            "Front matter avslutas aldrig: raden med --- efter uppgifterna saknas.",
            "Lägg till en rad med bara --- mellan uppgifterna (YAML) och den första rubriken.",
        )
    ]


def normalize_heading(text: str) -> str:
    """Compare headings leniently: case, spacing and a trailing colon do not matter."""
    text = unicodedata.normalize("NFC", text).strip().rstrip(":").strip()
    return " ".join(text.split()).casefold()


def sections(body: str, body_line: int) -> list[Section]:
    """Split the body at level-2 headings (ATX or setext), ignoring code blocks."""
    lines = body.split("\n")
    heads: list[tuple[str, int, int]] = []  # heading, first line index, line index after it
    tokens = _MD.parse(body)
    for index, token in enumerate(tokens):
        if token.type == "heading_open" and token.tag == "h2" and token.map is not None:
            inline = tokens[index + 1]
            heads.append((inline.content.strip(), token.map[0], token.map[1]))
    result = []
    for number, (heading, start, after) in enumerate(heads):
        end = heads[number + 1][1] if number + 1 < len(heads) else len(lines)
        result.append(
            Section(
                heading=unicodedata.normalize("NFC", heading),
                line=body_line + start,
                text="\n".join(lines[after:end]),
                text_line=body_line + after,
            )
        )
    return result
