"""The JSON Schemas: valid Draft 2020-12, every field explained in Swedish, and the fast and
the reference validator always agree."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker

from finsam.loader.application import load_application
from finsam.loader.markdown_doc import split_front_matter
from finsam.loader.text import read_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.schemas import SCHEMA_FILES, is_valid, load_schema, schema_dir
from tests.conftest import TESTS
from tests.overlays import cases, materialise

REPO = Path(__file__).resolve().parents[1]


def properties(node: Any, path: str = "") -> Iterator[tuple[str, dict[str, Any]]]:
    """Every named property in a schema, recursively."""
    if isinstance(node, dict):
        for name, sub in node.get("properties", {}).items():
            yield f"{path}.{name}", sub
        for key, value in node.items():
            if key not in {"if", "then", "else"}:  # conditions restate fields, they add none
                yield from properties(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from properties(value, f"{path}[{index}]")


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_schema_is_valid_draft_2020_12(kind: str) -> None:
    schema = load_schema(kind)
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    Draft202012Validator.check_schema(schema)
    assert schema["title"] and schema["description"]


@pytest.mark.parametrize("kind", sorted(SCHEMA_FILES))
def test_every_field_has_a_swedish_title_and_description(kind: str) -> None:
    missing = [
        path
        for path, sub in properties(load_schema(kind))
        if not (sub.get("title") and sub.get("description"))
    ]
    assert missing == []


def test_packaged_schemas_are_the_repository_schemas() -> None:
    assert schema_dir().resolve() == (REPO / "schema").resolve()


def _documents(tmp: Path) -> Iterator[tuple[str, Any]]:
    """Every parseable document in the fixtures and examples, with its schema kind (the
    acceptance overlays put together under ``tmp``)."""
    for case in cases("invalid"):
        if not case.is_dir():
            materialise(case, tmp)
    roots = [TESTS / "cases", TESTS / "golden", REPO / "applications", tmp]
    for root in roots:
        for path in sorted(root.rglob("*")):
            kind = {
                "ideskiss.md": "ideskiss",
                "ansokan.md": "ansokan",
                "budget.yaml": "budget",
                "beslut.yaml": "beslut",
            }.get(path.name)
            if kind is None:
                continue
            text, _ = read_text(path, path.name)
            if text is None:
                continue
            if kind in ("ansokan", "ideskiss"):
                front, _ = split_front_matter(text, path.name)
                if front is None:
                    continue
                text = front.yaml_text
            doc, _ = parse_yaml(text, path.name)
            if doc is not None:
                yield kind, doc.data
    forbund = parse_yaml((REPO / "forbund.yml").read_text("utf-8"), "forbund.yml")[0]
    assert forbund is not None
    yield "forbund", forbund.data


def _reference_valid(kind: str, data: Any) -> bool:
    """The reference validator as finsam configures it (integers are ints, dates in range)."""
    from finsam.schemas import _validator

    return not list(_validator(kind).iter_errors(data))


def test_fast_and_reference_validators_agree_on_every_fixture(tmp_path: Path) -> None:
    documents = list(_documents(tmp_path))
    assert len(documents) > 50
    verdicts = [
        (kind, is_valid(kind, data), _reference_valid(kind, data)) for kind, data in documents
    ]
    assert [v for v in verdicts if v[1] != v[2]] == []
    assert any(not fast for _, fast, _ in verdicts), "the fixtures should include invalid documents"


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-10, 10**7)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=12)
    | st.sampled_from(
        ["2026-02-30", "2025-07-01", "beviljad", "lon", "forbundet", "x\n", "2025\n", " ", "a-b"]
    )
    | st.sampled_from([1.0, 1e6, 10.0, -0.0, "9999-12-31", "1899-12-31", "2200-12-31", "-0"]),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["id", "titel", "rader", "beslut", "belopp", "2025", "part", "utfall", "datum", "x"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=25,
)


@settings(max_examples=300, deadline=None)
@given(kind=st.sampled_from(sorted(SCHEMA_FILES)), data=json_values)
def test_fast_and_reference_validators_agree_on_random_documents(kind: str, data: Any) -> None:
    assert is_valid(kind, data) == _reference_valid(kind, data)


@pytest.mark.parametrize("kind", ["budget", "beslut"])
@pytest.mark.parametrize("amount", [1e6, 10.0, -0.0, 300000.0])
def test_a_whole_float_is_no_integer_for_either_validator(kind: str, amount: float) -> None:
    # Plain jsonschema accepts 1.0 as an integer; an amount written 1e6 would then pass the
    # schema and vanish from every sum.
    plain = Draft202012Validator(load_schema(kind), format_checker=FormatChecker(["date"]))
    data: dict[str, Any] = (
        {"rader": [{"kategori": "lon", "benamning": "Lön", "part": "p", "finansiering": "egen",
                    "belopp": {"2025": amount}}]}
        if kind == "budget"
        else {"beslut": [{"datum": "2025-06-12", "organ": "styrelsen", "paragraf": "§ 1",
                          "utfall": "beviljad", "beviljat": {"2025": amount}}]}
    )  # fmt: skip
    as_int = json.loads(json.dumps(data).replace(repr(amount), str(int(amount))))
    assert plain.is_valid(data) and is_valid(kind, as_int) and _reference_valid(kind, as_int)
    assert not is_valid(kind, data)
    assert not _reference_valid(kind, data)


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
def test_dates_outside_the_years_that_can_be_given_are_invalid(day: str) -> None:
    data = {"typ": "ar", "period": {"start": "2025-07-01", "slut": day}, "utfall": {}}
    assert not is_valid("rapport", data)
    assert not _reference_valid("rapport", data)
    data["period"]["slut"] = "2200-12-31"  # type: ignore[index]
    assert is_valid("rapport", data) and _reference_valid("rapport", data)


def test_example_applications_validate_against_their_schemas() -> None:
    for folder in sorted((REPO / "applications").iterdir()):
        if folder.is_dir():
            _, findings = load_application(folder, folder.name)
            assert findings == [], folder


def test_forbund_schema_file_is_json() -> None:
    for name in SCHEMA_FILES.values():
        json.loads((REPO / "schema" / name).read_text("utf-8"))


def test_compiled_validators_are_up_to_date() -> None:
    from finsam.codegen import TARGET, generate

    assert TARGET.read_text("utf-8") == generate(), "run: python -m finsam.codegen"
