"""A national view: several förbund's published insatser.json, read from local copies and
summed per year (granted kronor and insatser, per förbund and in all).

Every förbund that uses the desk publishes the same format, so no central server is needed:
anyone can put the files side by side. Each file is untrusted input: it is read with a size
cap, parsed strictly (no NaN, no duplicate keys) and validated against the published schema
(schema/insatser.schema.json); a file that fails is a problem naming the file and is left out
of the sums, never a traceback. Nothing here touches the network.

Insats ids are per förbund: two förbund may both have ``2025-steg-for-steg``. An insats is
known nationally by its ``globalt_id`` (the förbund's 360Giving prefix and the id, or the
address of its page), and a förbund by that prefix, else its site's address, else its name.
"""

from __future__ import annotations

import json
import re
import stat
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from finsam.limits import MAX_INT_DIGITS, MAX_OPEN_DATA_BYTES, MAX_YEAR, MIN_YEAR
from finsam.markdown_text import literal
from finsam.schemas import DATA_SCHEMA, is_integer, schema_dir
from finsam.sv import kronor, plural, tal

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

MAX_SCHEMA_MESSAGES = 5  # schema errors shown per file; the rest are counted
TOTAL = "Summa"
_YEAR = re.compile(r"[0-9]{4}\Z")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")


@dataclass(frozen=True)
class Problem:
    """Why a file is left out of the sums (fel), or something odd in one that is kept
    (varning)."""

    file: str
    message: str
    severity: str = "fel"

    def as_dict(self) -> dict[str, str]:
        return {"fil": self.file, "allvarlighet": self.severity, "meddelande": self.message}


@dataclass(frozen=True)
class NationalInsats:
    forbund: str  # the förbund's key (Source.key)
    id: str
    global_id: str
    title: str
    status: str
    granted: dict[int, int]  # kronor per year

    @property
    def total(self) -> int:
        return sum(self.granted.values())


@dataclass(frozen=True)
class Source:
    """One file that was read and summed."""

    file: str
    key: str  # the 360Giving prefix, the site's address or the name
    name: str
    created: str
    licence: str
    insatser: tuple[NationalInsats, ...]


@dataclass(frozen=True)
class Row:
    """One förbund in one year (or all years): how many insatser got money, and how much."""

    name: str
    insatser: int
    granted: int


@dataclass
class NationalView:
    sources: list[Source] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def failed(self) -> bool:
        return any(p.severity == "fel" for p in self.problems)

    @property
    def insatser(self) -> list[NationalInsats]:
        return [i for s in self.sources for i in s.insatser]

    @property
    def years(self) -> list[int]:
        return sorted({y for i in self.insatser for y in i.granted})

    def _names(self) -> dict[str, str]:
        """Each förbund's name as shown, with its key where two förbund share a name."""
        counts: dict[str, int] = {}
        for source in self.sources:
            counts[source.name] = counts.get(source.name, 0) + 1
        return {
            s.key: s.name if counts[s.name] == 1 else f"{s.name} ({s.key})" for s in self.sources
        }

    def rows(self, year: int | None = None) -> list[Row]:
        """Per förbund (by name) for one year, or all years with None, and last the sum."""
        names = self._names()
        rows = []
        for source in sorted(self.sources, key=lambda s: (names[s.key].casefold(), s.key)):
            if year is None:
                amounts = [i.total for i in source.insatser]
            else:
                amounts = [i.granted.get(year, 0) for i in source.insatser]
            rows.append(Row(names[source.key], sum(1 for a in amounts if a != 0), sum(amounts)))
        rows.append(Row(TOTAL, sum(r.insatser for r in rows), sum(r.granted for r in rows)))
        return rows


@cache
def _validator() -> Draft202012Validator:
    """The published schema, with JSON's integers only as integers (never 1.0 or true)."""
    from jsonschema import Draft202012Validator, validators

    schema = json.loads((schema_dir() / DATA_SCHEMA).read_text("utf-8"))
    types = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, v: is_integer(v))
    strict = validators.extend(Draft202012Validator, type_checker=types)  # type: ignore[no-untyped-call]
    return strict(schema)  # type: ignore[no-any-return]


def _where(error: ValidationError) -> str:
    parts = ""
    for step in error.absolute_path:
        parts += f"[{step}]" if isinstance(step, int) else (f".{step}" if parts else str(step))
    return parts or "översta nivån"


_TYPES = {
    "string": "text",
    "integer": "ett heltal",
    "object": "ett objekt",
    "array": "en lista",
    "null": "null",
}


def _schema_message(error: ValidationError) -> str:
    """One schema error in Swedish: where in the file, and what is wrong."""
    where = _where(error)
    kind, value, instance = str(error.validator), cast(Any, error.validator_value), error.instance
    schema = error.schema if isinstance(error.schema, dict) else {}
    if kind == "required" and isinstance(instance, dict):
        missing = [str(k) for k in value if k not in instance]
        noun = "uppgiften" if len(missing) == 1 else "uppgifterna"
        return f"{where}: {noun} {', '.join(missing)} saknas"
    if kind == "additionalProperties" and isinstance(instance, dict):
        known = schema.get("properties", {})
        extra = ", ".join(sorted(str(k) for k in instance if k not in known))
        return f"{where}: okänd uppgift {extra}"
    if kind == "type":
        wanted = value if isinstance(value, list) else [value]
        return f"{where}: ska vara {' eller '.join(_TYPES.get(str(t), str(t)) for t in wanted)}"
    if kind == "const":
        if error.absolute_path and list(error.absolute_path)[-1] == "version":
            return f"formatets version är {instance!r}; programmet läser version {value}"
        return f"{where}: ska vara {json.dumps(value, ensure_ascii=False)}"
    if kind == "enum":
        return f"{where}: ska vara något av {', '.join(json.dumps(v) for v in value)}"
    if "propertyNames" in error.relative_schema_path:
        return f"{where}: nyckeln {instance!r} ska vara ett år med fyra siffror"
    return f"{where}: har fel form"


@dataclass(frozen=True)
class ParseFailure:
    message: str


def _strict_json(text: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for key, value in items:
            if key in found:
                raise ValueError(f"nyckeln {key!r} står två gånger i samma objekt")
            found[key] = value
        return found

    def constant(name: str) -> None:
        raise ValueError(f"{name} är inget tal i JSON")

    return json.loads(text, object_pairs_hook=pairs, parse_constant=constant)


def _read(path: Path) -> bytes | str:
    """The file's bytes, or why it cannot be read."""
    try:
        info = path.stat()
    except OSError:
        return "filen finns inte eller kan inte läsas."
    if not stat.S_ISREG(info.st_mode):
        return "är ingen vanlig fil."
    if info.st_size > MAX_OPEN_DATA_BYTES:
        return f"filen är större än {MAX_OPEN_DATA_BYTES // 1024 // 1024} MB och lästes inte."
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_OPEN_DATA_BYTES + 1)
    except OSError:
        return "filen kan inte läsas."
    if len(data) > MAX_OPEN_DATA_BYTES:
        return f"filen är större än {MAX_OPEN_DATA_BYTES // 1024 // 1024} MB och lästes inte."
    return data


def _parse(data: bytes) -> Any:
    """The JSON document, or why there is none."""
    try:
        text = data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError:
        return ParseFailure("filen är inte kodad i UTF-8.")
    try:
        return _strict_json(text)
    except json.JSONDecodeError as exc:
        return ParseFailure(f"filen är ingen giltig JSON (rad {exc.lineno}, kolumn {exc.colno}).")
    except RecursionError:
        return ParseFailure("filen är nästlad för djupt för att läsas.")
    except ValueError as exc:  # a duplicate key, NaN, or a number too long to convert
        return ParseFailure(f"filen är ingen giltig JSON: {exc}.")


def _amounts(per_year: dict[str, int], where: str) -> tuple[dict[int, int], list[str]]:
    granted: dict[int, int] = {}
    wrong: list[str] = []
    for year_text, amount in per_year.items():
        if not _YEAR.match(year_text) or not MIN_YEAR <= int(year_text) <= MAX_YEAR:
            wrong.append(f"{where}: året {year_text!r} ligger utanför {MIN_YEAR}–{MAX_YEAR}")
        elif len(str(abs(amount))) > MAX_INT_DIGITS:
            wrong.append(f"{where}: beloppet för {year_text} har fler än {MAX_INT_DIGITS} siffror")
        else:
            granted[int(year_text)] = amount
    return granted, wrong


def _key(document: dict[str, Any]) -> str:
    """The förbund's key: the 360Giving prefix its global ids share, else its site, else its
    name."""
    prefixes = set()
    for insats in document["insatser"]:
        global_id, suffix = insats["globalt_id"], f"-{insats['id']}"
        if global_id.startswith(("http://", "https://")) or not global_id.endswith(suffix):
            prefixes.add("")
        else:
            prefixes.add(global_id.removesuffix(suffix))
    if len(prefixes) == 1 and "" not in prefixes:
        return prefixes.pop()
    site: str = document["finansiar"]["webbplats"]
    return site.rstrip("/") or str(document["forbund"])


def read_source(path: Path, shown: str) -> tuple[Source | None, list[Problem]]:
    """One förbund's insatser.json: its insatser, or the problems that keep it out."""
    data = _read(path)
    if isinstance(data, str):
        return None, [Problem(shown, data)]
    document = _parse(data)
    if isinstance(document, ParseFailure):
        return None, [Problem(shown, document.message)]
    errors = sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.path)))
    if errors:
        messages = list(dict.fromkeys(_schema_message(e) for e in errors))  # once each
        shown_errors = messages[:MAX_SCHEMA_MESSAGES]
        more = len(messages) - len(shown_errors)
        tail = f" (och {plural(more, 'fel', 'fel')} till)" if more else ""
        return None, [
            Problem(
                shown,
                f"filen följer inte formatet i {DATA_SCHEMA}: " + "; ".join(shown_errors) + tail,
            )
        ]
    key = _key(document)
    problems: list[Problem] = []
    insatser: list[NationalInsats] = []
    seen: set[str] = set()
    for number, item in enumerate(document["insatser"]):
        where = f"insatser[{number}] ({item['id']})"
        if item["globalt_id"] in seen:
            problems.append(Problem(shown, f"{where}: insatsen står två gånger i filen"))
            continue
        seen.add(item["globalt_id"])
        granted, wrong = _amounts(item["beviljat"], where)
        problems += [Problem(shown, w) for w in wrong]
        if not wrong and sum(granted.values()) != item["beviljat_totalt"]:
            problems.append(
                Problem(
                    shown,
                    f"{where}: beviljat_totalt är {kronor(item['beviljat_totalt'])} men "
                    f"beloppen per år blir {kronor(sum(granted.values()))}; "
                    "sammanställningen räknar med åren",
                    "varning",
                )
            )
        insatser.append(
            NationalInsats(
                key, item["id"], item["globalt_id"], item["titel"], item["status"], granted
            )
        )
    if any(p.severity == "fel" for p in problems):
        return None, problems
    source = Source(
        shown,
        key,
        document["forbund"],
        document["skapad"],
        document["licens"]["id"],
        tuple(insatser),
    )
    return source, problems


def combine(paths: Sequence[Path], shown: Sequence[str] | None = None) -> NationalView:
    """Every file read and checked; the first file of each förbund counts, once."""
    view = NationalView()
    names = list(shown) if shown is not None else [str(p) for p in paths]
    by_key: dict[str, str] = {}
    for path, name in zip(paths, names, strict=True):
        source, problems = read_source(path, name)
        view.problems += problems
        if source is None:
            continue
        if source.key in by_key:
            view.problems.append(
                Problem(
                    name,
                    f"filen gäller samma förbund ({source.key}) som {by_key[source.key]} och "
                    "räknas inte två gånger.",
                )
            )
            continue
        by_key[source.key] = name
        view.sources.append(source)
    return view


def format_problem(problem: Problem) -> str:
    return f"{_plain(problem.file)}: {problem.severity}: {_plain(problem.message)}"


# ---- renderers ------------------------------------------------------------------------------


def _plain(text: str) -> str:
    """Text from a file as one line for a terminal: no control characters."""
    return _CONTROL.sub("\ufffd", text.replace("\n", " ").replace("\r", " "))


def _heading(view: NationalView) -> str:
    return (
        f"{plural(len(view.sources), 'förbund', 'förbund')}, "
        f"{plural(len(view.insatser), 'insats', 'insatser')}."
    )


def _tables(view: NationalView) -> list[tuple[str, list[Row]]]:
    return [(str(y), view.rows(y)) for y in view.years] + [("Alla år", view.rows(None))]


def render_text(view: NationalView) -> str:
    out = ["Beviljade insatser i flera förbund", _heading(view)]
    for source in view.sources:
        out.append(
            f"  {_plain(source.file)}: {_plain(source.name)}, skapad {_plain(source.created)}, "
            f"{plural(len(source.insatser), 'insats', 'insatser')}"
        )
    if not view.sources:
        out += ["", "Ingen fil kunde läsas, så det finns inget att summera."]
        return "\n".join(out) + "\n"
    columns = ["Förbund", "Insatser", "Beviljat"]
    for title, rows in _tables(view):
        cells = [[_plain(r.name), tal(r.insatser), kronor(r.granted)] for r in rows]
        widths = [max(len(row[i]) for row in [columns, *cells]) for i in range(3)]
        out += ["", title]
        for row in [columns, ["-" * w for w in widths], *cells]:
            out.append(
                "  ".join(
                    [row[0].ljust(widths[0])]
                    + [c.rjust(w) for c, w in zip(row[1:], widths[1:], strict=True)]
                )
            )
    return "\n".join(out) + "\n"


def render_markdown(view: NationalView) -> str:
    out = ["## Beviljade insatser i flera förbund", "", _heading(view), ""]
    out += [
        f"- `{_plain(s.file).replace('`', '')}`: {literal(s.name)}, skapad {literal(s.created)}, "
        f"{plural(len(s.insatser), 'insats', 'insatser')}"
        for s in view.sources
    ]
    if not view.sources:
        out.append("Ingen fil kunde läsas, så det finns inget att summera.")
        return "\n".join(out) + "\n"
    for title, rows in _tables(view):
        out += ["", f"### {title}", "", "| Förbund | Insatser | Beviljat |", "|---|--:|--:|"]
        for row in rows:
            name = f"**{literal(row.name)}**" if row.name == TOTAL else literal(row.name)
            out.append(f"| {name} | {tal(row.insatser)} | {kronor(row.granted)} |")
    return "\n".join(out) + "\n"


def _row_json(row: Row) -> dict[str, Any]:
    return {"forbund": row.name, "insatser": row.insatser, "beviljat": row.granted}


def _sum_json(row: Row) -> dict[str, Any]:
    return {"insatser": row.insatser, "beviljat": row.granted}


def render_json(view: NationalView) -> str:
    document = {
        "kallor": [
            {
                "fil": s.file,
                "forbund": s.name,
                "id": s.key,
                "skapad": s.created,
                "licens": s.licence,
                "insatser": len(s.insatser),
            }
            for s in view.sources
        ],
        "per_ar": {
            str(y): {
                "forbund": [_row_json(r) for r in view.rows(y)[:-1]],
                "totalt": _sum_json(view.rows(y)[-1]),
            }
            for y in view.years
        },
        "totalt": {
            "forbund": [_row_json(r) for r in view.rows(None)[:-1]],
            "totalt": _sum_json(view.rows(None)[-1]),
        },
        "insatser": [
            {
                "forbund": s.name,
                "forbund_id": s.key,
                "id": i.id,
                "globalt_id": i.global_id,
                "titel": i.title,
                "status": i.status,
                "beviljat": {str(y): a for y, a in sorted(i.granted.items())},
                "beviljat_totalt": i.total,
            }
            for s in view.sources
            for i in s.insatser
        ],
        "problem": [p.as_dict() for p in view.problems],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


RENDERERS: dict[str, Callable[[NationalView], str]] = {
    "json": render_json,
    "markdown": render_markdown,
    "text": render_text,
}
