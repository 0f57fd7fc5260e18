"""`finsam migrera`: older documents (facts as front matter) moved to the current layout
(facts in a .yaml file beside the text), with the same findings before and after."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from finsam import cli
from finsam.checker import check
from finsam.editor_schemas import schema_url
from finsam.exitcodes import ExitCode
from finsam.findings import Finding
from finsam.loader.markdown_doc import has_front_matter
from finsam.loader.text import normalize_text
from finsam.model.forbund import Forbund, load_forbund
from tests.conftest import FORBUND, TESTS
from tests.overlays import cases, materialise
from tests.snapshots import assert_snapshot

REPOSITORY = TESTS.parent
TEXT_NAMES = ("ideskiss.md", "ansokan.md")


def _text_files(folder: Path) -> list[Path]:
    found = [folder / name for name in TEXT_NAMES if (folder / name).is_file()]
    return found + sorted((folder / "rapporter").glob("*.md"))


def _old_layout(folder: Path) -> bool:
    """Whether some text document of the folder keeps its facts as front matter."""
    return any(
        has_front_matter(normalize_text(path.read_bytes().decode("utf-8")))
        and not path.with_suffix(".yaml").exists()
        for path in _text_files(folder)
    )


OLD_CASES = [
    case for case in cases("valid") if (case.is_dir() and _old_layout(case)) or not case.is_dir()
]


def _snapshot_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def _comparable(findings: list[Finding]) -> list[tuple[str, str, str, str]]:
    """What a finding says and which document it is about (an .md file's facts now stand in
    the .yaml beside it, so the two are one place here); lines may move."""
    return sorted(
        (f.rule, f.severity.value, f.message, f.file.removesuffix(".yaml").removesuffix(".md"))
        for f in findings
    )


def _migrate(root: Path, *args: str) -> int:
    return cli.main(["migrera", "--forbund", str(root / "forbund.yml"), *args])


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository with the test förbund, the working directory of the command."""
    shutil.copy(FORBUND, tmp_path / "forbund.yml")
    (tmp_path / "applications").mkdir()
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture(scope="module")
def test_forbund() -> Forbund:
    loaded, findings = load_forbund(FORBUND)
    assert loaded is not None, findings
    return loaded


def _copy_case(case: Path, root: Path, tmp_path: Path) -> Path:
    source, _ = materialise(case, tmp_path / "overlay")
    folder = root / "applications" / case.name
    shutil.copytree(source, folder)
    return folder


def test_every_old_layout_case_is_found() -> None:
    names = {case.name for case in OLD_CASES}
    assert {"komplett", "med-rapporter", "bom-och-crlf", "nfd-och-crlf", "ideskiss-ensam"} <= names


@pytest.mark.parametrize("case", OLD_CASES, ids=lambda p: p.name)
def test_migration_keeps_the_findings_and_is_idempotent(
    case: Path, repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_case(case, repo, tmp_path)
    before = check([folder], repo, repo / "forbund.yml")
    assert _migrate(repo) == ExitCode.OK
    capsys.readouterr()
    for text in _text_files(folder):
        assert not has_front_matter(normalize_text(text.read_bytes().decode("utf-8"))), text
        assert text.with_suffix(".yaml").is_file(), text
    after = check([folder], repo, repo / "forbund.yml")
    assert _comparable(after.findings) == _comparable(before.findings)
    # A second run changes nothing and says so.
    files = _snapshot_of(folder)
    assert _migrate(repo) == ExitCode.OK
    assert capsys.readouterr().out.startswith("Inget att flytta")
    assert _snapshot_of(folder) == files


def test_the_demo_application_migrates_with_the_same_findings(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    shutil.copy(REPOSITORY / "forbund.yml", tmp_path / "forbund.yml")
    demo = REPOSITORY / "applications" / "2022-avstampet"
    folder = tmp_path / "applications" / demo.name
    shutil.copytree(demo, folder)
    monkeypatch.chdir(tmp_path)
    before = check([folder], tmp_path, tmp_path / "forbund.yml")
    assert _migrate(tmp_path) == ExitCode.OK
    after = check([folder], tmp_path, tmp_path / "forbund.yml")
    assert _comparable(after.findings) == _comparable(before.findings)
    # The facts as they stood, comments and order kept, under the mall's published schema.
    original = (demo / "ansokan.md").read_text("utf-8").split("\n")
    closing = original.index("---", 1)
    facts = (folder / "ansokan.yaml").read_text("utf-8").split("\n")
    loaded, _ = load_forbund(tmp_path / "forbund.yml")
    assert loaded is not None
    mall = yaml.safe_load("\n".join(original[1:closing]))["mall"]
    template = loaded.template(mall["id"], mall["version"])
    assert template is not None
    expected = schema_url(loaded, template, "ansokan")
    assert facts[0] == f"# yaml-language-server: $schema={expected}"
    assert facts[1:] == [*original[2:closing], ""]
    text = (folder / "ansokan.md").read_text("utf-8")
    assert text == "\n".join(original[closing + 1 :]).lstrip("\n")
    budget = (folder / "budget.yaml").read_text("utf-8").split("\n")
    assert budget[0].endswith(schema_url(loaded, template, "budget"))
    assert budget[1:] == (demo / "budget.yaml").read_text("utf-8").split("\n")[1:]
    capsys.readouterr()
    assert _migrate(tmp_path) == ExitCode.OK
    assert "Inget att flytta" in capsys.readouterr().out


def test_line_endings_and_unicode_forms_are_kept(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("bom-och-crlf", "nfd-och-crlf"):
        folder = _copy_case(TESTS / "cases" / "valid" / name, repo, tmp_path)
        original = (folder / "ansokan.md").read_bytes().removeprefix(b"\xef\xbb\xbf")
        assert _migrate(repo, str(folder)) == ExitCode.OK
        facts = (folder / "ansokan.yaml").read_bytes()
        first, rest = facts.split(b"\r\n", 1)
        assert first.startswith(b"# yaml-language-server: $schema=https://")
        _, front, body = original.split(b"---\r\n", 2)
        assert rest == front
        assert (folder / "ansokan.md").read_bytes() == body.lstrip(b"\r\n")
    capsys.readouterr()


def test_a_report_in_rapporter_is_migrated(
    repo: Path, tmp_path: Path, test_forbund: Forbund, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_case(TESTS / "cases" / "valid" / "med-rapporter", repo, tmp_path)
    assert _migrate(repo, str(folder / "rapporter" / "2025-t2.md")) == ExitCode.OK
    out = capsys.readouterr().out
    report = "applications/med-rapporter/rapporter/2025-t2"
    assert f"Flyttade uppgifterna i {report}.md till {report}.yaml." in out
    template = test_forbund.template("standard", 2024)
    first = (folder / "rapporter" / "2025-t2.yaml").read_text("utf-8").split("\n")[0]
    assert (
        first == f"# yaml-language-server: $schema={schema_url(test_forbund, template, 'rapport')}"
    )
    # Only the file named: the application and the other report stay as they were.
    assert not (folder / "ansokan.yaml").exists()
    assert not (folder / "rapporter" / "2025-ar.yaml").exists()


def test_output_snapshot(repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _copy_case(TESTS / "cases" / "valid" / "med-rapporter", repo, tmp_path)
    _copy_case(TESTS / "cases" / "valid" / "ideskiss-ensam", repo, tmp_path)
    assert _migrate(repo, "--torrkorning") == ExitCode.OK
    dry = capsys.readouterr().out
    assert _migrate(repo) == ExitCode.OK
    done = capsys.readouterr().out
    assert_snapshot("migrera-med-rapporter.torrkorning.txt", dry)
    assert_snapshot("migrera-med-rapporter.text.txt", done)


def test_a_dry_run_writes_nothing(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_case(TESTS / "cases" / "valid" / "med-rapporter", repo, tmp_path)
    (folder / "budget.yaml").write_text(
        "# yaml-language-server: $schema=../../schema/budget.schema.json\n"
        + (folder / "budget.yaml").read_text("utf-8"),
        "utf-8",
    )
    files = _snapshot_of(folder)
    assert _migrate(repo, "--torrkorning") == ExitCode.OK
    out = capsys.readouterr().out
    assert "Skulle flytta uppgifterna i applications/med-rapporter/ansokan.md" in out
    assert "Skulle byta schemaraden i applications/med-rapporter/budget.yaml" in out
    assert out.rstrip().endswith("byta en schemarad.")
    assert _snapshot_of(folder) == files


def test_an_existing_facts_file_is_not_overwritten(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_case(TESTS / "cases" / "valid" / "komplett", repo, tmp_path)
    (folder / "ansokan.yaml").write_text("titel: Något annat\n", "utf-8")
    files = _snapshot_of(folder)
    assert _migrate(repo) == ExitCode.FINDINGS
    out, err = capsys.readouterr()
    assert "hoppade över applications/komplett/ansokan.md: ansokan.yaml finns redan" in err
    assert "Y014" in err and "Inget skrevs över" in err
    assert "1 fil hoppades över" in out
    assert _snapshot_of(folder) == files


def test_front_matter_that_does_not_parse_is_skipped(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_case(TESTS / "cases" / "valid" / "komplett", repo, tmp_path)
    text = (folder / "ansokan.md").read_text("utf-8")
    (folder / "ansokan.md").write_text(text.replace("titel:", "titel: [", 1), "utf-8")
    unclosed = repo / "applications" / "oavslutad"
    unclosed.mkdir()
    (unclosed / "ansokan.md").write_text("---\nid: oavslutad\n\n## Bakgrund\n", "utf-8")
    files = {**_snapshot_of(folder), **_snapshot_of(unclosed)}
    assert _migrate(repo) == ExitCode.FINDINGS
    out, err = capsys.readouterr()
    assert "hoppade över applications/komplett/ansokan.md: uppgifterna mellan raderna" in err
    assert "finsam kontrollera applications/komplett" in err
    assert "hoppade över applications/oavslutad/ansokan.md: raden med --- efter" in err
    assert out.startswith("Inget att flytta")
    assert {**_snapshot_of(folder), **_snapshot_of(unclosed)} == files


def test_links_are_neither_followed_nor_written(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path / "utanfor.md"
    shutil.copy(TESTS / "cases" / "valid" / "komplett" / "ansokan.md", elsewhere)
    folder = repo / "applications" / "lankad"
    folder.mkdir()
    (folder / "ansokan.md").symlink_to(elsewhere)
    original = elsewhere.read_bytes()
    assert _migrate(repo) == ExitCode.FINDINGS
    _, err = capsys.readouterr()
    assert "hoppade över applications/lankad/ansokan.md: filen är en symbolisk länk" in err
    assert elsewhere.read_bytes() == original
    assert not (folder / "ansokan.yaml").exists()
    assert (folder / "ansokan.md").is_symlink()


def test_an_unknown_mall_keeps_the_old_schema_line_and_says_so(
    repo: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = _copy_case(TESTS / "cases" / "valid" / "komplett", repo, tmp_path)
    old = "# yaml-language-server: $schema=../../schema/ansokan.schema.json"
    text = (folder / "ansokan.md").read_text("utf-8")
    text = text.replace("---\n", f"---\n{old}\n", 1).replace("id: standard,", "id: okand,", 1)
    (folder / "ansokan.md").write_text(text, "utf-8")
    assert _migrate(repo) == ExitCode.OK
    out = capsys.readouterr().out
    assert "Mallen okand 2024 finns inte i forbund.yml, så den gamla schemaraden står kvar" in out
    assert (folder / "ansokan.yaml").read_text("utf-8").split("\n")[0] == old
