"""Small HTML builders for generated pages; every argument that is text gets escaped here."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from finsam.budget_report import Table
from finsam.site.render import esc, kr


def table(
    caption: str,
    header: Sequence[str],
    rows: Iterable[Sequence[str]],
    numeric_from: int = 1,
    raw_first_column: bool = False,
) -> str:
    """A table with a caption and header cells. Cells are escaped unless stated otherwise
    (``raw_first_column`` for a first column of links built from escaped parts)."""
    out = [f'<table class="finsam-tabell"><caption>{esc(caption)}</caption><thead><tr>']
    for index, cell in enumerate(header):
        align = ' class="belopp"' if index >= numeric_from else ""
        out.append(f'<th scope="col"{align}>{esc(cell)}</th>')
    out.append("</tr></thead><tbody>")
    for row in rows:
        out.append("<tr>")
        for index, cell in enumerate(row):
            content = cell if (index == 0 and raw_first_column) else esc(cell)
            if index == 0:
                out.append(f'<th scope="row">{content}</th>')
            else:
                align = ' class="belopp"' if index >= numeric_from else ""
                out.append(f"<td{align}>{content}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def budget_table(source: Table) -> str:
    out = [f'<table class="finsam-tabell"><caption>{esc(source.title)}</caption><thead><tr>']
    for index, column in enumerate(source.columns):
        cls = ' class="belopp"' if index else ""
        out.append(f'<th scope="col"{cls}>{esc(column)}</th>')
    out.append("</tr></thead><tbody>")
    for line in source.lines:
        row_class = ' class="summa"' if line.total else ""
        out.append(f'<tr{row_class}><th scope="row">{esc(line.label)}</th>')
        out.extend(f'<td class="belopp">{esc(kr(v))}</td>' for v in line.values)
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


def a(href: str, text: str) -> str:
    return f'<a href="{esc(href)}">{esc(text)}</a>'


def page(title: str, body: Iterable[str], description: str = "") -> str:
    """A generated Markdown page: front matter with the title, then one raw HTML block on one
    line, so no Markdown extension ever processes its content.

    One block, not one per part: Python-Markdown's HTML block reader rescans the rest of the
    page at the end of every top-level block, which is quadratic in the number of blocks (an
    application with 30,000 sections took more than 30 CPU seconds to build)."""
    import json

    # The theme prints the title unescaped in places, so it is stored as escaped HTML.
    front = ["---", f"title: {json.dumps(esc(title), ensure_ascii=False)}"]
    if description:
        front.append(f"description: {json.dumps(esc(description), ensure_ascii=False)}")
    front.append("---")
    blocks = [f"<h1>{esc(title)}</h1>", *body]
    content = "".join(f"<div>{b}</div>" for b in blocks)
    return "\n".join(front) + "\n\n" + f'<div class="finsam-sida">{content}</div>\n'
