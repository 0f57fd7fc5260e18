"""Hostile and malformed input: every case is a finding with file, line and column."""

from __future__ import annotations

import os
import shutil
import unicodedata
from pathlib import Path

import pytest

from finsam.checker import check
from finsam.findings import Finding
from finsam.limits import MAX_DEPTH, MAX_FILE_BYTES
from finsam.loader.text import decode, read_text
from finsam.loader.yaml_strict import parse_yaml
from tests.conftest import TESTS


def billion_laughs(levels: int = 9) -> str:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        refs = ", ".join([f"*a{level - 1}"] * 9)
        lines.append(f"a{level}: &a{level} [{refs}]")
    return "\n".join(lines) + "\n"


def only(findings: list[Finding]) -> Finding:
    assert len(findings) == 1, findings
    return findings[0]


def test_billion_laughs_is_refused_at_the_first_anchor() -> None:
    doc, findings = parse_yaml(billion_laughs(), "b.yaml")
    assert doc is None
    finding = only(findings)
    assert (finding.rule, finding.line, finding.column) == ("Y005", 1, 5)


def test_alias_without_anchor_lines_is_refused() -> None:
    doc, findings = parse_yaml("a: 1\nb: *x\n", "b.yaml")
    # An undefined alias is still an alias: refused, never resolved.
    assert doc is None
    assert only(findings).rule in {"Y005", "Y003"}


@pytest.mark.parametrize("depth", [MAX_DEPTH + 1, 50_000])
def test_deep_flow_nesting_is_refused_without_crashing(depth: int) -> None:
    doc, findings = parse_yaml("[" * depth + "]" * depth, "d.yaml")
    assert doc is None
    finding = only(findings)
    assert finding.rule == "Y009"
    assert finding.line == 1


def test_deep_block_nesting_is_refused() -> None:
    text = "".join("  " * level + f"k{level}:\n" for level in range(200))
    doc, findings = parse_yaml(text, "d.yaml")
    assert doc is None
    assert only(findings).rule == "Y009"


def test_nesting_up_to_the_cap_is_allowed() -> None:
    depth = MAX_DEPTH
    doc, findings = parse_yaml("[" * depth + "]" * depth, "d.yaml")
    assert findings == []
    assert doc is not None


def test_duplicate_key_names_both_lines() -> None:
    _, findings = parse_yaml("titel: A\nid: x\ntitel: B\n", "a.yaml")
    finding = only(findings)
    assert (finding.rule, finding.line, finding.column) == ("Y004", 3, 1)
    assert "rad 1" in finding.message and "rad 3" in finding.message


def _decoded(text: str) -> str:
    """Text as the loader hands it on: through decode, the one place that normalises."""
    decoded, findings = decode(text.encode("utf-8"), "a.yaml")
    assert findings == [] and decoded is not None
    return decoded


def test_duplicate_keys_are_found_after_nfc_normalisation() -> None:
    composed = unicodedata.normalize("NFC", "mål")
    decomposed = unicodedata.normalize("NFD", "mål")
    assert composed != decomposed
    _, findings = parse_yaml(_decoded(f"{composed}: 1\n{decomposed}: 2\n"), "a.yaml")
    assert only(findings).rule == "Y004"


def test_keys_and_values_are_nfc_normalised() -> None:
    text = unicodedata.normalize("NFD", "överenskommelse: 'ja, på så vis'\när: nå\n")
    doc, findings = parse_yaml(_decoded(text), "a.yaml")
    assert findings == []
    assert doc is not None
    assert doc.data == {"överenskommelse": "ja, på så vis", "är": "nå"}


@pytest.mark.parametrize(
    "raw",
    [
        "a\u030a\r\nb\rc\n",  # NFD, CRLF and a lone CR
        "\ufeffå\nb\nc\n",  # BOM
        "å\r\nb\r\nc\r\n",
    ],
)
def test_decode_normalises_once_nfc_lf_no_bom(raw: str) -> None:
    text, findings = decode(raw.encode("utf-8"), "a.md")
    assert findings == []
    assert text is not None
    assert text.removesuffix("\n") == "å\nb\nc"
    assert unicodedata.is_normalized("NFC", text)


def test_columns_count_characters_as_the_user_sees_them() -> None:
    # A YAML error after a decomposed å is reported at the same column as after a composed one:
    # the column counts å once, as the editor shows it (see loader/text.py).
    for form in ("NFC", "NFD"):
        raw = unicodedata.normalize(form, "nyckel: 'åäö' x\n").encode("utf-8")
        text, _ = decode(raw, "a.yaml")
        assert text is not None
        _, findings = parse_yaml(text, "a.yaml")
        finding = only(findings)
        assert (finding.rule, finding.line, finding.column) == ("Y003", 1, 15), form


def test_invalid_utf8_column_counts_like_the_normalised_text() -> None:
    for form in ("NFC", "NFD"):
        raw = b"rad\r\n" + unicodedata.normalize(form, "åå").encode("utf-8") + b"\xff\n"
        finding = only(decode(raw, "a.md")[1])
        assert (finding.rule, finding.line, finding.column) == ("Y002", 2, 3), form


@pytest.mark.parametrize(
    ("text", "rule", "line"),
    [
        ("%YAML 1.1\n---\na: 1\n", "Y007", 1),
        ("%TAG !e! tag:example.org,2000:\n---\na: 1\n", "Y007", 1),
        ("a: 1\n---\nb: 2\n", "Y008", 2),
        ("a: !!python/object:os.system echo\n", "Y006", 1),
        ("a: !custom 1\n", "Y006", 1),
        ("a: 1\nb: [1,\n", "Y003", 3),
        ("a:\n\t- 1\n", "Y003", 2),
        ("? [a, b]\n: 1\n", "Y011", 1),
        ("a: \x00\n", "Y003", 1),
    ],
)
def test_forbidden_yaml_constructs(text: str, rule: str, line: int) -> None:
    doc, findings = parse_yaml(text, "x.yaml")
    assert doc is None
    finding = only(findings)
    assert (finding.rule, finding.line) == (rule, line)
    assert finding.message and finding.hint


def test_line_offset_is_applied_for_front_matter() -> None:
    _, findings = parse_yaml("a: 1\na: 2\n", "ansokan.md", line_offset=1)
    assert only(findings).line == 3


def test_dates_and_norway_stay_strings_numbers_are_decimal() -> None:
    text = "d: 2026-02-30\nland: no\nja: yes\nn: 0755\nf: 12.5\ns: 4 418 130\nt: true\nz: ~\n"
    doc, findings = parse_yaml(text, "x.yaml")
    assert findings == []
    assert doc is not None
    assert doc.data == {
        "d": "2026-02-30",
        "land": "no",
        "ja": "yes",
        "n": "0755",  # a leading zero: kept as written, for the schema to report
        "f": 12.5,
        "s": "4 418 130",
        "t": True,
        "z": None,
    }


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("0", 0),
        ("1000000", 1000000),
        ("-5", -5),
        ("123456789012345", 123456789012345),
        ("1234567890123456", "1234567890123456"),
        ("9" * 5000, "9" * 5000),
        ("-0", "-0"),
        ("+5", "+5"),
        ("007", "007"),
        ("0x1F", "0x1F"),
        ("0o17", "0o17"),
        ("1_000", "1_000"),
        ("1e999", "1e999"),
        ("-1e999", "-1e999"),
        (".inf", ".inf"),
        (".nan", ".nan"),
        ("1e6", "1e6"),
        ("3.0e5", "3.0e5"),
        (".5", ".5"),
        ("+1.5", "+1.5"),
    ],
)
def test_only_canonical_whole_numbers_become_ints(written: str, value: object) -> None:
    doc, findings = parse_yaml(f"n: {written}\n", "x.yaml")
    assert findings == [] and doc is not None
    assert doc.data["n"] == value
    assert type(doc.data["n"]) is type(value)


@pytest.mark.parametrize(("written", "value"), [("10.0", 10.0), ("37.5", 37.5), ("-0.0", -0.0)])
def test_floats_stay_floats_and_remember_their_text(written: str, value: float) -> None:
    doc, _ = parse_yaml(f"n: {written}\nk: {{{written}: 1}}\n", "x.yaml")
    assert doc is not None
    number = doc.data["n"]
    assert isinstance(number, float) and number == value
    assert getattr(number, "written", None) == written
    assert doc.data["k"] == {written: 1}  # a key is the text written, never a rounded year


def test_year_keys_become_strings() -> None:
    doc, _ = parse_yaml("belopp: {2025: 1, 2026: 2}\n", "x.yaml")
    assert doc is not None
    assert doc.data == {"belopp": {"2025": 1, "2026": 2}}


def test_positions_of_keys_and_values() -> None:
    doc, _ = parse_yaml("a:\n  b: [1, {c: x}]\n", "x.yaml")
    assert doc is not None
    pos = doc.positions
    assert (pos.key(("a", "b")).line, pos.key(("a", "b")).column) == (2, 3)
    assert (pos.value(("a", "b", 1, "c")).line, pos.value(("a", "b", 1, "c")).column) == (2, 14)
    # A missing value falls back to its nearest ancestor.
    assert pos.value(("a", "b", 1, "nope")) == pos.value(("a", "b", 1))


def test_invalid_utf8_points_at_line_and_column() -> None:
    text, findings = decode("titel: Ok\nort: V\xe4xj\xf6\n".encode("latin-1"), "a.md")
    assert text is None
    finding = only(findings)
    assert (finding.rule, finding.line, finding.column) == ("Y002", 2, 7)
    assert "0xE4" in finding.message


def test_bom_and_crlf_are_tolerated() -> None:
    text, findings = decode("\ufeffa: 1\r\nb: 2\r\n".encode(), "a.yaml")
    assert findings == []
    assert text == "a: 1\nb: 2\n"


def test_oversized_file_is_not_read(tmp_path: Path) -> None:
    big = tmp_path / "budget.yaml"
    big.write_bytes(b"#" * (MAX_FILE_BYTES + 1))
    text, findings = read_text(big, "budget.yaml")
    assert text is None
    assert only(findings).rule == "Y001"


def test_unreadable_file_is_a_finding(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "budget.yaml"
    path.write_text("a: 1\n", "utf-8")

    def refuse(*args: object) -> int:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    text, findings = read_text(path, "budget.yaml")
    assert text is None
    assert only(findings).rule == "Y012"
    # The reason in Swedish, not the system's English text.
    assert only(findings).message == "Filen kunde inte läsas: läsrättighet saknas."


def test_empty_document_is_none_not_an_error() -> None:
    doc, findings = parse_yaml("", "x.yaml")
    assert findings == []
    assert doc is not None
    assert doc.data is None


def test_control_character_is_located() -> None:
    _, findings = parse_yaml("a: 1\nb: xy\x07z\n", "x.yaml", line_offset=1)
    finding = only(findings)
    assert (finding.rule, finding.line, finding.column) == ("Y003", 3, 6)
    assert "0x07" in finding.message


def test_unclosed_quote_points_at_the_opening_quote() -> None:
    _, findings = parse_yaml('a: 1\nb: "öppen\nc: 2\nd: 3\n', "x.yaml")
    finding = only(findings)
    assert (finding.rule, finding.line, finding.column) == ("Y003", 2, 4)
    assert "citattecken" in finding.message


def test_unclosed_flow_mapping_points_at_its_start_in_swedish() -> None:
    _, findings = parse_yaml("a: 1\nb: {c: 1, d: 2\ne: 3\n", "x.yaml")
    finding = only(findings)
    assert (finding.rule, finding.line) == ("Y003", 2)
    assert "avslutas aldrig" in finding.message


def test_directive_without_document_marker_is_a_directive_finding() -> None:
    _, findings = parse_yaml("# kommentar\n%YAML 1.1\na: 1\n", "x.yaml")
    finding = only(findings)
    assert (finding.rule, finding.line) == ("Y007", 2)


def _insats(tmp_repo: Path, name: str = "komplett") -> Path:
    folder = tmp_repo / "applications" / name
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", folder)
    ansokan = folder / "ansokan.md"
    ansokan.write_text(ansokan.read_text("utf-8").replace("id: komplett", f"id: {name}"), "utf-8")
    return folder


@pytest.mark.parametrize("target", ["/dev/zero", "/dev/urandom", "../../../forbund.yml"])
def test_a_linked_report_is_refused_without_reading_it(tmp_repo: Path, target: str) -> None:
    folder = _insats(tmp_repo)
    (folder / "rapporter").mkdir()
    (folder / "rapporter" / "2025-t2.md").symlink_to(target)
    result = check([], tmp_repo)
    assert [(f.rule, f.file) for f in result.findings] == [
        ("Y013", "applications/komplett/rapporter/2025-t2.md")
    ]


@pytest.mark.parametrize("name", ["ansokan.md", "budget.yaml", "beslut.yaml", "rapporter"])
def test_linked_documents_and_report_folders_are_refused(tmp_repo: Path, name: str) -> None:
    folder = _insats(tmp_repo)
    real = tmp_repo / "elsewhere"
    if name == "rapporter":
        real.mkdir()
    else:
        (folder / name).rename(real)
    (folder / name).symlink_to(real)
    rules = {(f.rule, f.file) for f in check([], tmp_repo).findings}
    assert ("Y013", f"applications/komplett/{name}") in rules


def test_a_fifo_is_refused_without_blocking(tmp_repo: Path) -> None:
    folder = _insats(tmp_repo)
    (folder / "budget.yaml").unlink()
    os.mkfifo(folder / "budget.yaml")
    rules = {(f.rule, f.file) for f in check([], tmp_repo).findings}
    assert ("Y013", "applications/komplett/budget.yaml") in rules


def test_a_linked_insats_folder_is_neither_checked_nor_followed(tmp_repo: Path) -> None:
    outside = tmp_repo.parent / f"{tmp_repo.name}-utanfor"
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", outside)
    (tmp_repo / "applications" / "komplett").symlink_to(outside)
    (tmp_repo / "applications" / "anteckningar.txt").write_text("x\n", "utf-8")
    result = check([], tmp_repo)
    assert result.applications == 0
    assert sorted((f.rule, f.file) for f in result.findings) == [
        ("A117", "applications/anteckningar.txt"),
        ("Y013", "applications/komplett"),
    ]


def test_a_linked_file_given_on_the_command_line_is_a_finding(tmp_repo: Path) -> None:
    folder = _insats(tmp_repo)
    (folder / "rapporter").mkdir()
    link = folder / "rapporter" / "2025-t2.md"
    link.symlink_to("/finns/inte")  # dangling: pre-commit still passes it
    result = check([link], tmp_repo)
    assert ("Y013", "applications/komplett/rapporter/2025-t2.md") in {
        (f.rule, f.file) for f in result.findings
    }


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("titel: Stöd: arbete för unga\n", "titel"),
        ("mal:\n  effektmal:\n    - text: Fler i arbete: minst hälften\n", "text"),
        ("a: 1\nbenamning: Lön: samordnare\n", "benamning"),
    ],
)
def test_a_second_colon_in_a_text_is_answered_with_the_long_text_form(text: str, key: str) -> None:
    _, findings = parse_yaml(text, "ansokan.yaml")
    assert [f.rule for f in findings] == ["Y003"]
    assert f"Skriv {key}: >- och texten på raderna under" in findings[0].hint


def test_other_colon_mistakes_keep_the_general_hint() -> None:
    _, findings = parse_yaml("titel: 'Stöd': arbete\n", "ansokan.yaml")
    assert [f.rule for f in findings] == ["Y003"]
    assert ">-" not in findings[0].hint and "citattecken" in findings[0].hint


def test_a_lone_rule_first_in_a_split_text_is_text_not_facts() -> None:
    from finsam.loader.application import text_document

    facts = "id: x\n"
    doc, findings = text_document(
        "---\n\n## Syfte\n\nText.\n", "a.md", facts, "a.yaml", "ansokan", False
    )
    assert doc is not None and [f.rule for f in findings] == []
    assert [s.heading for s in doc.sections] == ["Syfte"]
    doc, findings = text_document(
        "---\nid: y\n---\n## Syfte\n", "a.md", facts, "a.yaml", "ansokan", False
    )
    assert doc is not None and [f.rule for f in findings] == ["Y014"]
    assert doc.data == {"id": "x"} and [s.heading for s in doc.sections] == ["Syfte"]
