"""Text is normalised once where bytes become text; the fixed text (A111) is compared by words.

An application saved in NFD (decomposed å, ä, ö, as macOS and some web forms write it), with
CRLF line endings, or with its fixed text re-wrapped or pasted with non-breaking spaces is the
same application; a changed word is not.
"""

from __future__ import annotations

import shutil
import textwrap
import unicodedata
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from finsam.findings import Finding
from finsam.rules.application import excerpts, words
from tests.conftest import FORBUND, TESTS, run_check

VALID = TESTS / "cases" / "valid"
KOMPLETT = VALID / "komplett"
HEADING = "## Överenskommelse\n"


def _copy_case(case: Path, tmp_path: Path) -> Path:
    folder = tmp_path / case.relative_to(TESTS)
    shutil.copytree(case, folder)
    return folder


def _rewrite(path: Path, change: str) -> None:
    text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
    if "nfd" in change:
        text = unicodedata.normalize("NFD", text)
    if "crlf" in change:
        text = text.replace("\n", "\r\n")
    if change.endswith("-cr"):
        text = text.replace("\n", "\r")
    path.write_bytes(text.encode("utf-8"))


@pytest.mark.parametrize("change", ["nfd", "nfd-crlf", "nfd-cr"])
@pytest.mark.parametrize(
    "case", sorted(p for p in VALID.iterdir() if p.is_dir()), ids=lambda p: p.name
)
def test_valid_case_saved_in_nfd_has_no_findings(case: Path, change: str, tmp_path: Path) -> None:
    folder = _copy_case(case, tmp_path)
    forbund = tmp_path / "forbund.yml"
    shutil.copyfile(FORBUND, forbund)
    for path in [forbund, *sorted(p for p in folder.rglob("*") if p.is_file())]:
        _rewrite(path, change)
    # Every file was rewritten: the application's (or the idéskiss's) text has no å left.
    text = b"".join(p.read_bytes() for p in sorted(folder.glob("*.md")))
    assert "å".encode() not in text and unicodedata.normalize("NFD", "å").encode() in text
    result = run_check(folder, root=tmp_path, forbund=forbund)
    assert result.applications == 1
    # A valid case may list the warnings it deserves beside it (see test_acceptance).
    expected = case.with_name(case.name + ".expected.txt")
    allowed = expected.read_text("utf-8") if expected.exists() else ""
    assert [
        f"{f.rule} {f.file}:{f.line} {f.message}"
        for f in result.findings
        if f"{f.rule} {f.severity.value} {Path(f.file).name}:{f.line}" not in allowed
    ] == []


# The fixed text (A111) -------------------------------------------------------------------


def _with_agreement(tmp_path: Path, agreement: str, newline: str = "\n") -> list[Finding]:
    """Check komplett with the text under ## Överenskommelse replaced; its A111 findings."""
    folder = _copy_case(KOMPLETT, tmp_path)
    path = folder / "ansokan.md"
    text = path.read_text("utf-8")
    head, _, rest = text.partition(HEADING)
    after = rest.find("\n## ")
    tail = rest[after:] if after >= 0 else ""
    path.write_bytes(
        (head + HEADING + agreement + tail).replace("\n", newline).encode("utf-8"),
    )
    return [f for f in run_check(folder, root=tmp_path).findings if f.rule == "A111"]


def _agreement() -> str:
    text = KOMPLETT.joinpath("ansokan.md").read_text("utf-8").partition(HEADING)[2]
    return text.split("\n## ")[0]


def _agreement_line() -> int:
    """The file line of the first line under ## Överenskommelse in komplett."""
    return KOMPLETT.joinpath("ansokan.md").read_text("utf-8").partition(HEADING)[0].count("\n") + 2


def test_komplett_has_the_fixed_text() -> None:
    assert "faktiska kostnader" in _agreement()


@pytest.mark.parametrize("width", [12, 25, 40, 200])
def test_fixed_text_rewrapped_at_another_width_passes(width: int, tmp_path: Path) -> None:
    paragraphs = [p for p in _agreement().split("\n\n") if p.strip()]
    rewrapped = "\n\n".join(
        textwrap.fill(p, width, break_long_words=False, break_on_hyphens=False) for p in paragraphs
    )
    assert rewrapped != _agreement()
    assert _with_agreement(tmp_path, "\n" + rewrapped + "\n\n") == []


def test_fixed_text_on_one_line_with_runs_of_spaces_passes(tmp_path: Path) -> None:
    one_line = "   ".join(_agreement().split())
    assert _with_agreement(tmp_path, "\n" + one_line + "\n\n\n\n") == []


def test_fixed_text_with_crlf_passes(tmp_path: Path) -> None:
    assert _with_agreement(tmp_path, _agreement(), newline="\r\n") == []


@pytest.mark.parametrize("space", ["\u00a0", "\u202f", "\u2009", "\t"])
def test_fixed_text_with_non_breaking_spaces_passes(space: str, tmp_path: Path) -> None:
    pasted = _agreement().replace("för att", f"för{space}att").replace(" ", space)
    assert space in pasted
    assert _with_agreement(tmp_path, pasted) == []


def test_fixed_text_with_invisible_characters_from_word_passes(tmp_path: Path) -> None:
    pasted = _agreement().replace("styrdokument", "styr\u00addoku\u200bment")
    assert _with_agreement(tmp_path, pasted) == []


def test_a_comment_in_the_fixed_text_changes_nothing(tmp_path: Path) -> None:
    """A comment is not shown: written before, inside or after the text it leaves it as it is."""
    commented = _agreement().replace("faktiska kostnader", "faktiska <!-- se bilaga -->kostnader")
    assert "<!--" in commented
    assert (
        _with_agreement(tmp_path, f"<!-- Vägledning\növer två rader -->\n{commented}\n<!-- x -->")
        == []
    )


def test_a_changed_word_after_a_comment_keeps_its_column(tmp_path: Path) -> None:
    changed = _agreement().replace("faktiska kostnader", "<!-- ändrat --> verkliga kostnader")
    (finding,) = _with_agreement(tmp_path, changed)
    text = next(row for row in changed.split("\n") if "verkliga" in row)
    assert finding.column == text.index("verkliga") + 1
    assert "verkliga" in finding.message and "<!--" not in finding.message


def test_one_changed_word_is_named_with_its_line_and_column(tmp_path: Path) -> None:
    changed = _agreement().replace("faktiska kostnader", "verkliga kostnader")
    (finding,) = _with_agreement(tmp_path, changed)
    offset = changed.split("\n").index(
        "Beviljade medel är ett tak och betalas ut mot verkliga kostnader."
    )
    assert finding.line == _agreement_line() + offset
    assert finding.column == len("Beviljade medel är ett tak och betalas ut mot ") + 1
    assert finding.message == (
        "Den fasta texten i avsnittet 'Överenskommelse' har ändrats. Första skillnaden: "
        "mallen har '… betalas ut mot faktiska kostnader.', "
        "ansökan har '… betalas ut mot verkliga kostnader.'."
    )


def test_one_changed_word_in_rewrapped_nbsp_text_is_still_found(tmp_path: Path) -> None:
    changed = textwrap.fill(" ".join(_agreement().split()), 15).replace("lagar", "regler")
    (finding,) = _with_agreement(tmp_path, changed.replace(" ", "\u00a0"))
    assert "mallen har '… att insatsen följer lagar och förbundets" in finding.message
    assert "ansökan har '… att insatsen följer regler och förbundets" in finding.message


def test_removed_sentence_shows_where_the_texts_part(tmp_path: Path) -> None:
    removed = _agreement().replace(
        "Insatsägaren ansvarar för att insatsen följer lagar och förbundets styrdokument.\n", ""
    )
    (finding,) = _with_agreement(tmp_path, removed)
    assert finding.line == _agreement_line() + removed.split("\n").index("### Kostnader")
    assert "mallen har '### Ansvar Insatsägaren ansvarar för att insatsen …'" in finding.message
    assert "ansökan har '### Ansvar ### Kostnader Beviljade medel är …'" in finding.message


def test_removed_last_sentence_says_the_application_ends(tmp_path: Path) -> None:
    removed = _agreement().replace(
        "Beviljade medel är ett tak och betalas ut mot faktiska kostnader.", ""
    )
    (finding,) = _with_agreement(tmp_path, removed)
    assert "mallen har '… styrdokument. ### Kostnader Beviljade medel är ett tak …'" in (
        finding.message
    )
    assert "ansökan har '… styrdokument. ### Kostnader' och sedan inget mer" in finding.message
    # It points just after the application's last word.
    lines = removed.split("\n")
    assert finding.line == _agreement_line() + lines.index("### Kostnader")
    assert finding.column == len("### Kostnader") + 1


def test_added_sentence_is_named(tmp_path: Path) -> None:
    added = _agreement().replace(
        "styrdokument.", "styrdokument. Parterna får avvika när det behövs."
    )
    (finding,) = _with_agreement(tmp_path, added)
    assert "mallen har '… och förbundets styrdokument. ### Kostnader Beviljade" in finding.message
    assert "ansökan har '… och förbundets styrdokument. Parterna får avvika" in finding.message
    sentence = "Insatsägaren ansvarar för att insatsen följer lagar och förbundets styrdokument. "
    assert (finding.line, finding.column) == (_agreement_line() + 3, len(sentence) + 1)


def test_added_sentence_at_the_end_is_named(tmp_path: Path) -> None:
    added = _agreement().rstrip("\n") + "\n\nParterna får avvika.\n\n"
    (finding,) = _with_agreement(tmp_path, added)
    assert "mallen har '… mot faktiska kostnader.' och sedan inget mer" in finding.message
    assert "ansökan har '… mot faktiska kostnader. Parterna får avvika.'" in finding.message


def test_an_empty_agreement_is_named(tmp_path: Path) -> None:
    (finding,) = _with_agreement(tmp_path, "\n<!-- här ska texten stå -->\n\n")
    assert finding.message.endswith("ansökan har ingen text alls.")  # a comment is no text


def test_words_carry_lines_and_columns() -> None:
    found = words("  Ett\u00a0två\n\n tre  fyra", first_line=10)
    assert [(w.text, w.line, w.column, w.end) for w in found] == [
        ("Ett", 10, 3, 6),
        ("två", 10, 7, 10),
        ("tre", 12, 2, 5),
        ("fyra", 12, 7, 11),
    ]


def test_a_long_changed_word_is_shown_where_it_changes() -> None:
    long = "samverkansöverenskommelsebilagan"
    _, template, application = excerpts([long + "a"], [long + "b"])
    assert template != application
    assert template.endswith("a'") and application.endswith("b'")


_WORDS = st.sampled_from(
    ["att", "at", "…", "a…", "x" * 30, "x" * 24 + "…", "x" * 31, "x" * 24 + "…y", "'", ""]
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_WORDS, max_size=12), st.lists(_WORDS, max_size=12))
def test_excerpts_never_look_the_same(expected: list[str], actual: list[str]) -> None:
    expected = [w for w in expected if w]
    actual = [w for w in actual if w]
    if expected == actual:
        return
    at, template, application = excerpts(expected, actual)
    assert template != application
    assert expected[:at] == actual[:at]


def test_the_fast_word_split_agrees_with_the_positioned_one() -> None:
    """A111 first compares plain words and reads positions only for a finding: both ways of
    splitting must see the same words, whatever whitespace or invisible characters are used."""
    from finsam.rules.application import plain_words, words

    pieces = ["ord", "å", "\u00a0", " ", "\t", "\n", "\u2003", "\u3000", "\u200b", "\u00ad",
              "\x1c", "\u2028", "x\u200by", "-", "\ufeff", "\u2060"]  # fmt: skip
    texts = [a + b + c for a in pieces for b in pieces for c in pieces]
    for text in texts:
        assert plain_words(text) == [w.text for w in words(text)], repr(text)
