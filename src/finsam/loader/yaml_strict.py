"""A strict YAML reader for untrusted files.

It never constructs Python objects through PyYAML: it walks the parser's event stream
(which is iterative, so deep nesting cannot exhaust the stack) and builds plain data
itself. That makes it possible to refuse aliases before anything is expanded, to report
duplicate keys with both lines, and to apply the YAML 1.2 core schema: dates and
"no"/"yes" stay strings, only plain decimal numbers become numbers.

Numbers keep what was written: only canonical whole numbers (digits without a sign, leading
zeros or separators, at most MAX_INT_DIGITS of them) become ints, and only plain decimal
numbers (37.5) become floats, which remember their text. Anything else that looks like a
number (+5, 007, -0, 1_000, 0x1F, 1e6, 1e999, a 5,000-digit number) stays the text written,
so the schema reports it as written instead of the reader rounding it into something valid.

The text comes from loader.text.decode, already in NFC: a key written with a decomposed å is
the same key (and a duplicate of) the one written with a composed å without any work here.
"""

from __future__ import annotations

import math
import re
from typing import Any, NamedTuple

import yaml
from yaml import events as ev

from finsam.findings import Finding
from finsam.limits import MAX_DEPTH, MAX_INT_DIGITS
from finsam.loader.format_rules import (
    ALIAS,
    COMPLEX_KEY,
    DIRECTIVE,
    DUPLICATE_KEY,
    EXPLICIT_TAG,
    MULTIPLE_DOCUMENTS,
    TOO_DEEP,
    YAML_SYNTAX,
)
from finsam.loader.positions import DocPath, Pos, PositionMap

_Loader: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_INT = re.compile(rf"-?[1-9][0-9]{{0,{MAX_INT_DIGITS - 1}}}\Z|0\Z")
_FLOAT = re.compile(r"-?[0-9]+\.[0-9]+\Z")  # 37.5; not 1e6, .5, 5. or +1.5
_DIGITS = re.compile(r"[-+]?[0-9]+\Z")  # a whole number, canonical or not
_MAX_FLOAT_TEXT = 40
_NULL = frozenset({"", "~", "null", "Null", "NULL"})
_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})

# PyYAML's problems, in plain Swedish; anything else is shown as it is.
_PROBLEMS = {
    "mapping values are not allowed": "ett kolon står där det inte får stå",
    "did not find expected node content": "ett värde saknas eller en lista avslutas inte",
    "block sequence entries are not allowed": "ett listelement (-) står där det inte får stå",
    "found a tab character": "ett tabbtecken används för indrag",
    "found unclosed quote": "ett citattecken avslutas aldrig",
    "found unexpected end of stream while scanning a quoted scalar": "ett citattecken avslutas aldrig",
    "could not find expected ':'": "ett kolon (:) saknas",
    "found character '\\t' that cannot start any token": "ett tabbtecken används för indrag",
    "expected <block end>, but found '-'": "ett listelement (-) har fel indrag",
    "did not find expected key": "indraget stämmer inte med raderna ovanför",
    "did not find expected '-' indicator": "ett listelement (-) har fel indrag",
    "found unexpected end of stream": "filen tar slut mitt i ett värde",
    "found unknown escape character": "ett okänt specialtecken efter \\",
    "found undefined tag handle": "en okänd tagg",
    "found character that cannot start any token": "ett tecken som inte kan inleda ett värde",
    "found unexpected ':'": "ett oväntat kolon",
    "did not find expected ',' or ']'": "en lista som börjar med [ avslutas aldrig med ]",
    "did not find expected ',' or '}'": "ett avsnitt som börjar med { avslutas aldrig med }",
    "expected ',' or ']'": "en lista som börjar med [ avslutas aldrig med ]",
    "expected ',' or '}'": "ett avsnitt som börjar med { avslutas aldrig med }",
}


class WrittenFloat(float):
    """A float that remembers how it was written (10.0), so findings can quote it."""

    written: str

    def __new__(cls, text: str) -> WrittenFloat:
        value = super().__new__(cls, text)
        value.written = text
        return value


def scalar_value(text: str, plain: bool) -> Any:
    """Resolve a scalar by the YAML 1.2 core schema (canonical decimal numbers only)."""
    if not plain:
        return text
    if text in _NULL:
        return None
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    if _INT.match(text):
        return int(text)
    if _DIGITS.match(text):
        return text  # +5, 007, -0 or too many digits: reported as written
    if len(text) <= _MAX_FLOAT_TEXT and _FLOAT.match(text):
        value = WrittenFloat(text)
        if math.isfinite(value):
            return value
    return text


class YamlDoc(NamedTuple):
    """Parsed data and where each part of it stands."""

    data: Any
    positions: PositionMap


class _Frame:
    """An open mapping or sequence, and the key whose value comes next."""

    __slots__ = ("container", "key_lines", "path", "pending_key")

    def __init__(self, container: dict[str, Any] | list[Any], path: DocPath) -> None:
        self.container = container
        self.path = path
        self.pending_key: str | None = None
        self.key_lines: dict[str, Pos] = {}


class _Stop(Exception):
    """Raised to abandon a file after a finding that makes reading on unsafe."""


class _Builder:
    def __init__(self, rel: str, line_offset: int) -> None:
        self.rel = rel
        self.line_offset = line_offset
        self.findings: list[Finding] = []
        self.stack: list[_Frame] = []
        self.positions = PositionMap()
        self.root: Any = None
        self.documents = 0

    def pos(self, event: ev.Event) -> Pos:
        mark = event.start_mark
        if mark is None:
            return Pos(1 + self.line_offset, 1)
        return Pos(mark.line + 1 + self.line_offset, mark.column + 1)

    def scalar(self, event: ev.ScalarEvent) -> None:
        """The most common event, on its own short path: a plain value with no anchor or tag."""
        if event.anchor is not None or event.tag is not None:
            self.node(event)
            return
        mark = event.start_mark
        pos = (
            self.pos(event)
            if mark is None
            else Pos(mark.line + 1 + self.line_offset, mark.column + 1)
        )
        # implicit[0] is true only for plain (unquoted, untagged) scalars.
        self.attach(scalar_value(event.value, event.implicit[0]), pos)

    def fail(self, finding: Finding) -> None:
        self.findings.append(finding)
        raise _Stop

    def feed(self, event: ev.Event) -> None:
        kind = type(event)
        # The common events first: this runs once per value of every file.
        if kind is ev.ScalarEvent:
            self.scalar(event)  # type: ignore[arg-type]
            return
        if kind is ev.MappingStartEvent or kind is ev.SequenceStartEvent:
            self.node(event)  # type: ignore[arg-type]
            return
        if kind is ev.MappingEndEvent or kind is ev.SequenceEndEvent:
            frame = self.stack.pop()
            self.attach(frame.container, None, frame_done=True)
            return
        if isinstance(event, ev.DocumentStartEvent):
            self.documents += 1
            pos = self.pos(event)
            if self.documents > 1:
                self.fail(
                    MULTIPLE_DOCUMENTS.finding(
                        self.rel,
                        pos.line,
                        pos.column,
                        "Filen innehåller mer än ett YAML-dokument.",
                        "Ta bort raden med --- och allt som följer, eller slå ihop innehållet.",
                    )
                )
            if getattr(event, "version", None) or getattr(event, "tags", None):
                self.fail(
                    DIRECTIVE.finding(
                        self.rel,
                        pos.line if pos.line > 1 + self.line_offset else 1 + self.line_offset,
                        1,
                        "YAML-direktiv (rader som börjar med %) är inte tillåtna.",
                        "Ta bort raden som börjar med %YAML eller %TAG.",
                    )
                )
            return
        if isinstance(event, ev.AliasEvent):
            pos = self.pos(event)
            self.fail(
                ALIAS.finding(
                    self.rel,
                    pos.line,
                    pos.column,
                    f"Alias (*{event.anchor}) är inte tillåtna.",
                    "Skriv ut värdet på nytt i stället för att hänvisa till det med * och &.",
                )
            )
        if isinstance(event, ev.NodeEvent):
            self.node(event)
            return
        if isinstance(event, ev.CollectionEndEvent):
            frame = self.stack.pop()
            self.attach(frame.container, None, frame_done=True)

    def node(self, event: ev.NodeEvent) -> None:
        pos = self.pos(event)
        if event.anchor is not None:
            self.fail(
                ALIAS.finding(
                    self.rel,
                    pos.line,
                    pos.column,
                    f"Ankare (&{event.anchor}) är inte tillåtna.",
                    "Ta bort &-markeringen och skriv ut värdena där de behövs.",
                )
            )
        tag = getattr(event, "tag", None)
        if tag is not None and not (
            isinstance(event, ev.ScalarEvent) and tag == "!" and not event.implicit[0]
        ):
            self.findings.append(
                EXPLICIT_TAG.finding(
                    self.rel,
                    pos.line,
                    pos.column,
                    f"Taggen {_short_tag(tag)} är inte tillåten.",
                    "Ta bort taggen (ordet som börjar med !); skriv bara värdet.",
                )
            )
        if isinstance(event, ev.ScalarEvent):
            # implicit[0] is true only for plain (unquoted, untagged) scalars.
            self.attach(scalar_value(event.value, bool(event.implicit[0])), pos)
            return
        if len(self.stack) >= MAX_DEPTH:
            self.fail(
                TOO_DEEP.finding(
                    self.rel,
                    pos.line,
                    pos.column,
                    f"Innehållet är nästlat djupare än {MAX_DEPTH} nivåer.",
                    "Dokumenten i finsam behöver bara ett fåtal nivåer; kontrollera indrag och hakparenteser.",
                )
            )
        container: dict[str, Any] | list[Any] = (
            {} if isinstance(event, ev.MappingStartEvent) else []
        )
        path = self.child_path(pos, container)
        self.positions.values[path] = pos
        self.stack.append(_Frame(container, path))

    def child_path(self, pos: Pos, value: Any) -> DocPath:
        """The path a new value gets in its parent (and validates mapping keys)."""
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            return (*frame.path, len(frame.container))
        if frame.pending_key is None:
            # This node is a key: only scalars may be keys.
            self.fail(
                COMPLEX_KEY.finding(
                    self.rel,
                    pos.line,
                    pos.column,
                    "En nyckel får inte vara en lista eller ett avsnitt.",
                    "Skriv nyckeln som ett enkelt ord följt av kolon.",
                )
            )
        assert frame.pending_key is not None
        return (*frame.path, frame.pending_key)

    def attach(self, value: Any, pos: Pos | None, frame_done: bool = False) -> None:
        if frame_done:
            # A finished collection: store it in its parent (path already recorded).
            if not self.stack:
                self.root = value
                return
            frame = self.stack[-1]
            if isinstance(frame.container, list):
                frame.container.append(value)
            else:
                assert frame.pending_key is not None
                frame.container[frame.pending_key] = value
                frame.pending_key = None
            return
        assert pos is not None
        if not self.stack:
            self.root = value
            self.positions.values[()] = pos
            return
        frame = self.stack[-1]
        if isinstance(frame.container, list):
            self.positions.values[(*frame.path, len(frame.container))] = pos
            frame.container.append(value)
            return
        if frame.pending_key is None:
            key = "" if value is None else _key_text(value)
            earlier = frame.key_lines.get(key)
            if earlier is not None:
                self.findings.append(
                    DUPLICATE_KEY.finding(
                        self.rel,
                        pos.line,
                        pos.column,
                        f"Nyckeln '{key}' förekommer två gånger: "
                        + _where_both(earlier, pos)
                        + ".",
                        "Ta bort den ena raden eller slå ihop innehållet under en och samma nyckel.",
                    )
                )
            frame.key_lines[key] = pos
            frame.pending_key = key
            self.positions.keys[(*frame.path, key)] = pos
            return
        self.positions.values[(*frame.path, frame.pending_key)] = pos
        frame.container[frame.pending_key] = value
        frame.pending_key = None


def _where_both(first: Pos, second: Pos) -> str:
    if first.line == second.line:
        return f"på rad {first.line}, kolumn {first.column} och {second.column}"
    return f"på rad {first.line} och rad {second.line}"


def _short_tag(tag: str) -> str:
    return (
        "!!" + tag.removeprefix("tag:yaml.org,2002:")
        if tag.startswith("tag:yaml.org,2002:")
        else tag
    )


def _key_text(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, WrittenFloat):
        return value.written
    return str(value)


def parse_yaml(text: str, rel: str, line_offset: int = 0) -> tuple[YamlDoc | None, list[Finding]]:
    """Parse one YAML document strictly.

    Returns the document (``None`` when it could not be read safely) and the findings.
    ``line_offset`` shifts reported lines, for YAML embedded in Markdown front matter.
    """
    builder = _Builder(rel, line_offset)
    loader = _Loader(text)
    try:
        # yaml.parse without its generator: one call into libyaml per event.
        next_event, feed = loader.get_event, builder.feed
        event = next_event()
        while type(event) is not ev.StreamEndEvent:
            feed(event)
            event = next_event()
    except _Stop:
        return None, builder.findings
    except yaml.YAMLError as exc:
        builder.findings.append(_syntax_finding(exc, text, rel, line_offset))
        return None, builder.findings
    finally:
        loader.dispose()
    if builder.findings:
        return None, builder.findings
    return YamlDoc(builder.root, builder.positions), []


def _directive_line(text: str) -> int | None:
    """The line of a %-directive before any content (libyaml only accepts it before ---)."""
    for number, line in enumerate(text.split("\n"), 1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return number if line.startswith("%") else None
    return None


def _syntax_finding(exc: yaml.YAMLError, text: str, rel: str, line_offset: int) -> Finding:
    problem = str(getattr(exc, "problem", "") or "")
    if isinstance(exc, yaml.reader.ReaderError):
        # libyaml does not say where the character is; find it the way PyYAML's reader does.
        found = yaml.reader.Reader.NON_PRINTABLE.search(text)
        index = found.start() if found else 0
        code = ord(found.group()) if found else 0
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        return YAML_SYNTAX.finding(
            rel,
            line + line_offset,
            column,
            f"Filen innehåller ett otillåtet styrtecken (kod {code:#04x}).",
            "Ta bort osynliga styrtecken; de kommer ofta med när text klistras in.",
        )
    directive = _directive_line(text)
    if directive is not None:
        return DIRECTIVE.finding(
            rel,
            directive + line_offset,
            1,
            "YAML-direktiv (rader som börjar med %) är inte tillåtna.",
            "Ta bort raden som börjar med %YAML eller %TAG.",
        )
    mark = getattr(exc, "problem_mark", None)
    context_mark = getattr(exc, "context_mark", None)
    if context_mark is not None and (
        "end of stream" in problem or problem.startswith("did not find expected ',' or")
    ):
        # An unclosed quote or bracket: where it was opened helps more than where the file ends.
        mark = context_mark
    line = (mark.line + 1 + line_offset) if mark is not None else 1 + line_offset
    column = (mark.column + 1) if mark is not None else 1
    context = str(getattr(exc, "context", "") or "")
    if "quoted scalar" in context and "end of stream" in problem:
        problem = "found unclosed quote"
    swedish = next((sv for en, sv in _PROBLEMS.items() if problem.startswith(en)), None)
    what = swedish or problem or "okänt fel"
    key = _text_key(text, mark.line) if mark is not None and problem.startswith(_COLON) else None
    return YAML_SYNTAX.finding(
        rel,
        line,
        column,
        f"YAML-texten går inte att tolka: {what}.",
        (
            f"Texten efter {key}: innehåller ett kolon. Skriv {key}: >- och texten på raderna "
            "under, två blanksteg längre in än nyckeln: då får den innehålla kolon och "
            "citattecken."
        )
        if key
        else "Kontrollera indrag (mellanslag, inte tabb), kolon och citattecken på raden och "
        "raden ovanför. Sätt text som innehåller kolon inom citattecken.",
    )


_COLON = "mapping values are not allowed"
_KEY_WITH_TEXT = re.compile(r"\s*(?:-\s+)?([a-z_]+):[ \t]+[^\s'\"|>{\[&*!#]")


def _text_key(text: str, index: int) -> str | None:
    """The key whose plain text value holds a second colon (titel: Stöd: arbete), the most
    common mistake when a paragraph is pasted in; None when the line is something else."""
    lines = text.split("\n")
    found = _KEY_WITH_TEXT.match(lines[index]) if 0 <= index < len(lines) else None
    return found.group(1) if found else None
