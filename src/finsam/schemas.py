"""JSON Schema validation, with every error translated into plain Swedish.

The schemas in ``schema/`` are the single source of field names, titles and descriptions:
findings name a field by its Swedish title and take their hint from its description.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from finsam.catalog import CATALOG, RuleInfo
from finsam.findings import Finding
from finsam.limits import MAX_INT_DIGITS, MAX_YEAR, MIN_YEAR
from finsam.loader.positions import DocPath, PositionMap
from finsam.package_folders import package_folder
from finsam.schema_rules import (  # noqa: F401  (AMOUNT_FORMAT: the x-regel of amounts)
    AMOUNT_FORMAT,
    INVALID_DATE,
    INVALID_VALUE,
    MISSING,
    UNKNOWN,
    WRONG_TYPE,
)
from finsam.suggest import did_you_mean
from finsam.values import calendar_date

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator
    from jsonschema.exceptions import ValidationError

SCHEMA_FILES = {
    "ideskiss": "ideskiss.schema.json",
    "ansokan": "ansokan.schema.json",
    "budget": "budget.schema.json",
    "beslut": "beslut.schema.json",
    "beredning": "beredning.schema.json",
    "forbund": "forbund.schema.json",
    "rapport": "rapport.schema.json",
}

# The open data's schema, published on every förbund's site beside insatser.json (read by the
# site's feeds and by `finsam nationellt`).
DATA_SCHEMA = "insatser.schema.json"

_TYPE_NAMES = {
    "string": "en text",
    "integer": "ett heltal",
    "number": "ett tal",
    "object": "ett avsnitt med uppgifter (nyckel: värde)",
    "array": "en lista",
    "boolean": "true eller false",
    "null": "tomt",
}


def schema_dir() -> Path:
    """schema/ inside an installed wheel, else the repository's own schema/ folder."""
    return package_folder("schema")


@cache
def load_schema(kind: str) -> dict[str, Any]:
    text = (schema_dir() / SCHEMA_FILES[kind]).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


@cache
def _validator(kind: str) -> Draft202012Validator:
    """The reference validator, whose detailed errors are translated into findings.

    It is imported only when a document is invalid: its import alone costs more than a
    whole pre-commit run of a valid file.
    """
    from jsonschema import Draft202012Validator, FormatChecker, validators

    def ecma_pattern(
        validator: Any, pattern: str, instance: Any, schema: dict[str, Any]
    ) -> Iterator[ValidationError]:
        # JSON Schema patterns follow ECMA-262, where a final $ does not match before a trailing
        # newline as Python's does; \Z gives the ECMA meaning (and agrees with jsonschema-rs).
        if not isinstance(instance, str):
            return
        python_pattern = (
            pattern[:-1] + r"\Z"
            if pattern.endswith("$") and not pattern.endswith("\\$")
            else pattern
        )
        if re.search(python_pattern, instance) is None:
            from jsonschema.exceptions import ValidationError

            yield ValidationError(f"{instance!r} does not match {pattern!r}")

    # An integer is an int as the reader resolved it: jsonschema would also accept 1.0 (and so
    # 1e6 or 10.0), which the sums then leave out. The generated validators agree (codegen).
    types = Draft202012Validator.TYPE_CHECKER.redefine("integer", lambda _, v: is_integer(v))
    strict = validators.extend(  # type: ignore[no-untyped-call]
        Draft202012Validator, {"pattern": ecma_pattern}, type_checker=types
    )
    date_format = FormatChecker(formats=[])
    date_format.checks("date")(_is_calendar_date)
    return strict(load_schema(kind), format_checker=date_format)  # type: ignore[no-any-return]


def is_integer(value: Any) -> bool:
    """The only integers in a document: ints (never bool, never a float such as 1.0)."""
    return isinstance(value, int) and not isinstance(value, bool)


def _is_calendar_date(value: object) -> bool:
    """ÅÅÅÅ-MM-DD, a day in the calendar, in a year between MIN_YEAR and MAX_YEAR."""
    # A value that is not text is the type keyword's finding.
    return not isinstance(value, str) or calendar_date(value) is not None


_DATE_FORMAT = {"date": _is_calendar_date}


def is_valid(kind: str, data: Any) -> bool:
    """Answer valid or not with the validators compiled from schema/ (see finsam.codegen)."""
    from finsam import _schema_validators as compiled

    try:
        getattr(compiled, f"validate_{kind}")(data, _DATE_FORMAT)
    except compiled.JsonSchemaValueException:
        return False
    return True


def _type_of(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"


class _SchemaWalker:
    """Finds the schema node (and its title) that governs a document path."""

    def __init__(self, root: dict[str, Any]) -> None:
        self.root = root

    def resolve(self, node: dict[str, Any]) -> dict[str, Any]:
        ref = node.get("$ref")
        if isinstance(ref, str) and ref.startswith("#/"):
            target: Any = self.root
            for part in ref[2:].split("/"):
                target = target[part]
            merged = dict(target)
            merged.update({k: v for k, v in node.items() if k != "$ref"})
            return merged
        return node

    def node_at(self, path: DocPath) -> dict[str, Any] | None:
        node: dict[str, Any] | None = self.resolve(self.root)
        for part in path:
            if node is None:
                return None
            if isinstance(part, int):
                items = node.get("items")
                node = self.resolve(items) if isinstance(items, dict) else None
            else:
                props = node.get("properties", {})
                if part in props:
                    node = self.resolve(props[part])
                elif isinstance(node.get("additionalProperties"), dict):
                    node = self.resolve(node["additionalProperties"])
                else:
                    return None
        return node

    def label(self, path: DocPath) -> str:
        """'Startdatum' (period.start) — the Swedish title and where it is in the file."""
        node = self.node_at(path)
        dotted = dotted_path(path)
        title = node.get("title") if node else None
        if title is None and path:
            parent = self.node_at(path[:-1])
            parent_title = parent.get("title") if parent else None
            if parent_title and isinstance(path[-1], int):
                return f"post {path[-1] + 1} i {parent_title} ({dotted})"
            if parent_title:
                return f"{parent_title} {path[-1]} ({dotted})"
        if title:
            return f"{title} ({dotted})" if dotted else str(title)
        return dotted or "filen"

    def description(self, path: DocPath) -> str:
        node = self.node_at(path)
        return str(node.get("description", "")) if node else ""


def dotted_path(path: DocPath) -> str:
    out = ""
    for part in path:
        out += f"[{part + 1}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def validate(kind: str, data: Any, positions: PositionMap, rel: str) -> list[Finding]:
    """Validate ``data`` against the schema of ``kind``; return Swedish findings."""
    if is_valid(kind, data):
        return []
    walker = _SchemaWalker(load_schema(kind))
    findings: list[Finding] = []
    seen: set[tuple[str, int, int, str]] = set()
    for error in _validator(kind).iter_errors(data):
        for finding in _translate(error, walker, positions, rel, kind):
            key = (finding.rule, finding.line, finding.column, finding.message)
            if key not in seen:
                seen.add(key)
                findings.append(finding)
    if not findings:
        # The two validators disagree: never let that pass silently.
        findings.append(
            INVALID_VALUE.finding(
                rel,
                1,
                1,
                "Filen uppfyller inte schemat, men felet kunde inte pekas ut närmare.",
                "Kontrollera att inga värden har osynliga tecken eller radbrytningar i slutet, "
                "och kontakta kansliet om felet kvarstår.",
            )
        )
    return findings


def _translate(
    error: ValidationError, walker: _SchemaWalker, positions: PositionMap, rel: str, kind: str
) -> list[Finding]:
    path: DocPath = tuple(error.absolute_path)
    validator = str(error.validator)
    owner = _owning_rule(walker.node_at(path))
    instance = error.instance
    expected: Any = error.validator_value
    label = walker.label(path)
    hint = walker.description(path)
    at = positions.value(path)

    if not path and not isinstance(instance, dict):
        front = kind in ("ansokan", "ideskiss")
        what = "Uppgifterna mellan raderna med --- " if front else "Filen "
        state = "saknas" if instance is None else "ska vara rader med nyckel: värde"
        scaffold = "ideskiss" if kind == "ideskiss" else "ansokan"
        return [
            MISSING.finding(
                rel,
                at.line,
                at.column,
                f"{what}{state}." if instance is not None or front else "Filen är tom.",
                f"Utgå från mallen som finsam ny {scaffold} skapar.",
            )
        ]
    if "propertyNames" in error.absolute_schema_path and isinstance(instance, str):
        key_pos = positions.key((*path, instance))
        return [
            INVALID_VALUE.finding(
                rel,
                key_pos.line,
                key_pos.column,
                f"Årtalet '{instance}' under {label} är inte giltigt.",
                "Ange kalenderåret med fyra siffror, till exempel 2026: 120000.",
            )
        ]
    if isinstance(instance, str) and not instance.strip() and validator in {"minLength", "pattern"}:
        return [
            MISSING.finding(rel, at.line, at.column, f"Uppgiften {label} är inte ifylld.", hint)
        ]
    if validator == "required":
        missing = [k for k in expected if isinstance(instance, dict) and k not in instance]
        where = positions.container(path)
        parent = f" under {walker.label(path)}" if path else ""
        return [
            MISSING.finding(
                rel,
                where.line,
                where.column,
                f"Uppgiften {walker.label((*path, key))} saknas{parent}.",
                walker.description((*path, key)),
            )
            for key in missing
        ]
    if validator == "additionalProperties" and isinstance(instance, dict):
        node = walker.node_at(path) or {}
        allowed = list(node.get("properties", {}))
        out = []
        for key in instance:
            if key in allowed:
                continue
            key_pos = positions.key((*path, key))
            tip = did_you_mean(key, allowed)
            out.append(
                UNKNOWN.finding(
                    rel,
                    key_pos.line,
                    key_pos.column,
                    f"Okänd uppgift '{key}'" + (f" under {label}." if path else "."),
                    tip + "Tillåtna uppgifter här: " + ", ".join(allowed) + ".",
                )
            )
        return out
    if instance is None and validator in {"type", "enum", "const"}:
        return [
            MISSING.finding(rel, at.line, at.column, f"Uppgiften {label} är inte ifylld.", hint)
        ]
    if owner is not None and validator in {"type", "minimum"}:
        problem = (
            f"får inte vara negativt (är {instance})"
            if validator == "minimum"
            else f"ska vara ett belopp i hela kronor, men är '{shown(instance)}'"
        )
        return [
            owner.finding(
                rel,
                at.line,
                at.column,
                f"{_cap(label)} {problem}.",
                _type_hint(["integer"], instance, {}, noun="beloppet", unit=" i kronor")
                or "Skriv beloppet som ett heltal, till exempel 250000.",
            )
        ]
    if validator == "type":
        names = [expected] if isinstance(expected, str) else list(expected)
        wanted = " eller ".join(_TYPE_NAMES.get(n, n) for n in names)
        if isinstance(instance, float) or (
            isinstance(instance, str) and _NUMERAL.match(instance.strip())
        ):
            actual = f"skrivet som '{shown(instance)}'"
        else:
            actual = _TYPE_NAMES.get(_type_of(instance), "")
        return [
            WRONG_TYPE.finding(
                rel,
                at.line,
                at.column,
                f"{_cap(label)} ska vara {wanted}, men är {actual}.",
                _type_hint(names, instance, walker.node_at(path) or {}) or hint,
            )
        ]
    if validator == "format" and isinstance(instance, str) and _year_out_of_range(instance):
        return [
            INVALID_DATE.finding(
                rel,
                at.line,
                at.column,
                f"{_cap(label)}: '{shown(instance)}' ligger utanför de år som kan anges "
                f"({MIN_YEAR}–{MAX_YEAR}).",
                "Kontrollera årtalet; skriv datum som ÅÅÅÅ-MM-DD, till exempel 2026-12-31.",
            )
        ]
    if validator == "format":
        return [
            INVALID_DATE.finding(
                rel,
                at.line,
                at.column,
                f"{_cap(label)}: '{instance}' är inget giltigt datum.",
                "Skriv datum som ÅÅÅÅ-MM-DD och kontrollera att dagen finns i kalendern "
                "(februari har 28 eller 29 dagar; april, juni, september och november har 30).",
            )
        ]
    if validator == "enum":
        options = [str(o) for o in expected]
        if isinstance(instance, (dict, list)):
            # [beviljad] or {beviljad: ...}: name the shape, not its Python spelling.
            return [
                WRONG_TYPE.finding(
                    rel,
                    at.line,
                    at.column,
                    f"{_cap(label)} ska vara ett ord, "
                    + _alternatives(options)
                    + f", men är {_TYPE_NAMES[_type_of(instance)]}.",
                    "Skriv bara ordet efter kolon, utan hakparenteser eller klammerparenteser. "
                    + hint,
                )
            ]
        tip = did_you_mean(str(instance), options, cutoff=0.5)
        return [
            INVALID_VALUE.finding(
                rel,
                at.line,
                at.column,
                f"{_cap(label)} har värdet '{shown(instance)}', men ska vara "
                + _alternatives(options)
                + ".",
                tip + hint,
            )
        ]
    if validator in {"anyOf", "oneOf", "not"}:
        custom = (
            error.schema.get("x-felmeddelanden", {}).get(validator)
            if isinstance(error.schema, dict)
            else None
        )
        message = custom or "uppfyller inte något av de tillåtna alternativen"
        return [
            INVALID_VALUE.finding(
                rel, at.line, at.column, f"{_cap(label)}: {_lower_first(message)}", hint
            )
        ]
    return [INVALID_VALUE.finding(rel, at.line, at.column, _value_message(error, label), hint)]


def _value_message(error: ValidationError, label: str) -> str:
    v = str(error.validator)
    limit = error.validator_value
    instance = error.instance
    if v == "minLength" and isinstance(instance, str) and not instance.strip():
        return f"Uppgiften {label} är inte ifylld."
    messages = {
        "minLength": f"Texten i {label} är för kort: minst {limit} tecken.",
        "maxLength": f"Texten i {label} är för lång: högst {limit} tecken.",
        "minItems": f"{_cap(label)} ska ha minst {limit} {'post' if limit == 1 else 'poster'}.",
        "maxItems": f"{_cap(label)} får ha högst {limit} poster.",
        "minProperties": f"{_cap(label)} ska innehålla minst {limit} uppgift.",
        "minimum": f"{_cap(label)} får inte vara mindre än {limit} (är {instance}).",
        "maximum": f"{_cap(label)} får inte vara större än {limit} (är {instance}).",
        "exclusiveMinimum": f"{_cap(label)} ska vara större än {limit} (är {instance}).",
        "pattern": f"{_cap(label)} har ett ogiltigt format: '{instance}'.",
        "const": f"{_cap(label)} ska vara '{limit}'.",
    }
    return messages.get(v, f"{_cap(label)} har ett ogiltigt värde.")


def _owning_rule(node: dict[str, Any] | None) -> RuleInfo | None:
    """A field whose errors belong to a rule of their own ("x-regel" in the schema)."""
    if not node or "x-regel" not in node:
        return None
    return CATALOG.get(str(node["x-regel"]))


# Something written as a number, canonical or not: 007, +5, -0, 1_000, 0x1F, 1e999, 10.0.
_NUMERAL = re.compile(
    r"[-+]?(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|[0-9][0-9_]*(\.[0-9_]*)?([eE][-+]?[0-9]+)?"
    r"|\.[0-9]+([eE][-+]?[0-9]+)?|\.inf|\.Inf|\.INF)\Z|\.nan\Z|\.NaN\Z|\.NAN\Z"
)
_THOUSANDS = re.compile(r"[0-9]{1,3}(\.[0-9]{3})+")
_SHOWN_CHARS = 40


def shown(value: Any) -> str:
    """A value as the applicant wrote it, shortened for a message (a float keeps its text)."""
    text = str(getattr(value, "written", value))
    return text if len(text) <= _SHOWN_CHARS else text[: _SHOWN_CHARS - 1] + "…"


def _year_out_of_range(value: str) -> bool:
    year = value[:4]
    return (
        len(value) == 10
        and year.isascii()
        and year.isdigit()
        and not (MIN_YEAR <= int(year) <= MAX_YEAR)
    )


def whole_number(value: Any) -> int | None:
    """The whole number that a non-canonical numeral means (1e6, 10.0, +5, 007, -0, 1_000,
    0x1F), or None when it means none or has more than MAX_INT_DIGITS digits."""
    written = getattr(value, "written", value)
    if isinstance(written, str) and _THOUSANDS.fullmatch(written.strip()):
        return int(written.strip().replace(".", ""))  # 280.000: dots as thousands separators
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        number = int(value)
    elif isinstance(value, str):
        text = value.strip().replace("_", "")
        if not _NUMERAL.match(text) or len(text) > 4 * MAX_INT_DIGITS:
            return None
        import decimal  # only a numeral written wrongly gets here

        try:
            if text.lstrip("+-")[:2].lower() in ("0x", "0o", "0b"):
                number = int(text, 0)
            else:
                exact = decimal.Decimal(text)
                if not exact.is_finite() or exact != exact.to_integral_value():
                    return None
                if exact.adjusted() >= MAX_INT_DIGITS:
                    return None
                number = int(exact)
        except (ValueError, decimal.InvalidOperation):
            return None
    else:
        return None
    return number if len(str(abs(number))) <= MAX_INT_DIGITS else None


def _number_in_text(text: str) -> float | None:
    """'4 418 130', '4.418.130 kr', '1 130 tkr', '12,5', '100 %' -> the number meant."""
    compact = re.sub(r"[\s\u00a0]", "", text.casefold())
    thousands = compact.endswith("tkr")
    digits = compact.removesuffix("tkr").removesuffix("kr").removesuffix("%")
    if re.fullmatch(r"\d{1,3}(\.\d{3})+", digits):
        digits = digits.replace(".", "")  # dots as thousands separators
    digits = digits.replace(",", ".")  # the Swedish decimal comma
    try:
        value = float(digits)
    except ValueError:
        return None
    value = value * 1000 if thousands else value
    if not math.isfinite(value) or abs(value) >= 10**MAX_INT_DIGITS:
        return None
    return int(value) if value.is_integer() else value


def _type_hint(
    expected: list[str], instance: Any, node: dict[str, Any], noun: str = "talet", unit: str = ""
) -> str:
    if node.get("format") == "date":
        return "Skriv datum som ÅÅÅÅ-MM-DD med bindestreck, till exempel 2025-07-01."
    if "integer" in expected and (
        isinstance(instance, float) or (isinstance(instance, str) and _NUMERAL.match(instance))
    ):
        number = whole_number(instance)
        if number is not None and number < 0:
            return "Belopp kan inte vara negativa; skriv kostnaden som ett positivt tal."
        if number is not None:
            return f"Skriv {noun} som ett heltal{unit} med bara siffror: {number}."
        if isinstance(instance, float):  # the reader only gives finite floats
            whole = "hela kronor" if unit else "ett heltal"
            return f"Ange {whole} utan decimaler, till exempel {round(instance)}."
        return (
            f"Skriv {noun} som ett heltal{unit} med bara siffror (högst {MAX_INT_DIGITS}), "
            "utan decimaler, exponent eller tecken framför"
            + (", till exempel 250000." if unit else ".")
        )
    if ("integer" in expected or "number" in expected) and isinstance(instance, str):
        meant = _number_in_text(instance)
        if meant is not None:
            value = round(meant) if "integer" in expected else meant
            return f"Skriv bara talet, utan mellanslag, punkter och enhet: {value}."
    if "integer" in expected and isinstance(instance, int) and instance < 0:
        return "Belopp kan inte vara negativa; skriv kostnaden som ett positivt tal."
    if "string" in expected and isinstance(instance, (int, float, bool)):
        return "Sätt värdet inom citattecken om det ska vara text."
    return ""


def _alternatives(options: list[str]) -> str:
    if len(options) == 1:
        return f"'{options[0]}'"
    return "en av " + ", ".join(f"'{o}'" for o in options[:-1]) + f" eller '{options[-1]}'"


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[:2] != text[:2].upper() else text
