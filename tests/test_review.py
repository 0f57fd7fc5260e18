"""`finsam granska-pr`: the kansli may change decisions and configuration; an applicant may
change one insats folder only."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from tests.conftest import TESTS, git

KANSLI = "provby-kansli"  # from tests/forbund.yml
OWNER = "provby-handlaggare"  # an account of Provby kommun, the insatsägare of "komplett"
PARTNER = "af-prov"  # an account of Arbetsförmedlingen, a samverkanspart of "komplett"
OUTSIDER = "dalby-handlaggare"  # an account of a member that is no party of "komplett"


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    for name in ("komplett", "strukturovergripande"):
        shutil.copytree(TESTS / "cases" / "valid" / name, tmp_path / "applications" / name)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Start")
    git(tmp_path, "checkout", "-q", "-b", "forslag")
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return tmp_path


def change(root: Path, path: str, text: str = "ändrad\n") -> None:
    target = root / path
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and path.endswith((".md", ".yaml")):
        target.write_text(target.read_text("utf-8") + "# ändrad\n", "utf-8")
    else:
        target.write_text(text, "utf-8")
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", f"Ändra {path}")


def granska(author: str) -> int:
    return cli.main(["granska-pr", "--bas", "main", "--forfattare", author])


def commit_all(root: Path, message: str = "Ändring") -> None:
    git(root, "add", "-A")
    git(root, "commit", "-q", "-m", message)


def test_applicant_may_not_change_a_decision(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    change(repo, "applications/komplett/beslut.yaml")
    assert granska("sokande-kommun") == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "R001" in out and "applications/komplett/beslut.yaml" in out and "@provby-kansli" in out


def test_kansli_may_change_a_decision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    change(repo, "applications/komplett/beslut.yaml")
    assert granska(KANSLI) == ExitCode.OK
    assert "godkänner" in capsys.readouterr().out
    assert granska("@" + KANSLI.upper()) == ExitCode.OK  # handles are case-insensitive


def test_applicant_may_change_one_insats(repo: Path) -> None:
    change(repo, "applications/komplett/ansokan.md")
    change(repo, "applications/komplett/budget.yaml")
    assert granska(OWNER) == ExitCode.OK


def test_new_application_folder_is_fine(repo: Path) -> None:
    change(repo, "applications/2026-ny/ansokan.md", "---\nid: 2026-ny\n---\n")
    assert granska("sokande-kommun") == ExitCode.OK


@pytest.mark.parametrize(
    ("paths", "rule"),
    [
        (["forbund.yml"], "R001"),
        (["schema/ansokan.schema.json"], "R001"),
        ([".github/workflows/x.yml"], "R001"),
        (["README.md"], "R002"),
        (
            ["applications/komplett/ansokan.md", "applications/strukturovergripande/ansokan.md"],
            "R003",
        ),
    ],
)
def test_applicant_refusals(
    repo: Path, paths: list[str], rule: str, capsys: pytest.CaptureFixture[str]
) -> None:
    for path in paths:
        change(repo, path)
    assert granska("sokande-kommun") == ExitCode.FINDINGS
    assert rule in capsys.readouterr().out


def test_deleting_a_decision_counts_as_changing_it(repo: Path) -> None:
    (repo / "applications" / "komplett" / "beslut.yaml").unlink()
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ta bort beslut")
    assert granska("sokande-kommun") == ExitCode.FINDINGS


def test_unknown_base_is_a_usage_error(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["granska-pr", "--bas", "finns-inte", "--forfattare", "x"]) == ExitCode.USAGE
    assert "finns-inte" in capsys.readouterr().err


def test_kansli_is_read_from_the_base_branch(repo: Path) -> None:
    config = repo / "forbund.yml"
    config.write_text(
        config.read_text("utf-8").replace("github: provby-kansli", "github: sokande-kommun"),
        "utf-8",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Gör mig till kansli")
    assert granska("sokande-kommun") == ExitCode.FINDINGS


def test_parties_are_read_from_the_base_branch(repo: Path) -> None:
    head, tail = (
        (repo / "applications" / "komplett" / "ansokan.md")
        .read_text("utf-8")
        .split("samverkansparter:", 1)
    )
    assert "part: provby-kommun" in head and "part: arbetsformedlingen" in tail
    assert "part: dalby-kommun" not in tail


@pytest.mark.parametrize(
    ("author", "expected"),
    [(OWNER, ExitCode.OK), (PARTNER, ExitCode.OK), (OUTSIDER, ExitCode.FINDINGS)],
)
def test_only_the_parties_may_change_an_existing_insats(
    repo: Path, author: str, expected: ExitCode, capsys: pytest.CaptureFixture[str]
) -> None:
    change(repo, "applications/komplett/ansokan.md")
    assert granska(author) == expected
    out = capsys.readouterr().out
    if expected == ExitCode.FINDINGS:
        # Human names, never ids: the insats's title and the members that may change it.
        assert "R004" in out and "Gemensamt stöd mot arbete" in out
        assert "Provby kommun" in out and "Arbetsförmedlingen" in out and "Dalby kommun" not in out


def test_the_forbund_may_restrict_changes_to_the_insatsagare(repo: Path) -> None:
    config = repo / "forbund.yml"
    config.write_text(
        config.read_text("utf-8") + "behorighet: {andra_insats: insatsagare}\n", "utf-8"
    )
    commit_all(repo)
    git(repo, "checkout", "-q", "-B", "main")
    git(repo, "checkout", "-q", "-b", "forslag2")
    change(repo, "applications/komplett/budget.yaml")
    assert granska(PARTNER) == ExitCode.FINDINGS
    assert granska(OWNER) == ExitCode.OK


def test_an_outsider_may_not_delete_an_insats(repo: Path) -> None:
    shutil.rmtree(repo / "applications" / "komplett")
    commit_all(repo, "Ta bort")
    assert granska(OUTSIDER) == ExitCode.FINDINGS


def test_claiming_a_party_in_the_pull_request_does_not_help(repo: Path) -> None:
    ansokan = repo / "applications" / "komplett" / "ansokan.md"
    ansokan.write_text(
        ansokan.read_text("utf-8").replace(
            "samverkansparter:\n",
            "samverkansparter:\n  - {part: dalby-kommun, resurser: Vi är med nu.}\n",
            1,
        ),
        "utf-8",
    )
    commit_all(repo)
    assert granska(OUTSIDER) == ExitCode.FINDINGS


def test_a_new_insats_may_be_proposed_by_anyone(repo: Path) -> None:
    change(repo, "applications/2026-ny/ansokan.md", "---\nid: 2026-ny\n---\n")
    assert granska(OUTSIDER) == ExitCode.OK


def test_symlinks_in_a_pull_request_are_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = repo / "applications" / "komplett" / "rapporter"
    folder.mkdir(exist_ok=True)
    (folder / "2026-t1.md").symlink_to("/dev/zero")
    commit_all(repo)
    assert granska(OWNER) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "R005" in out and "rapporter/2026-t1.md" in out


def test_personnummer_in_a_file_name_or_commit_message_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    number = f"{19121212}-{1212}"  # the test identity, put together so no file holds it
    change(repo, f"applications/komplett/rapporter/deltagare-{number}.md", "Inget här.\n")
    assert granska(OWNER) == ExitCode.FINDINGS
    assert "P001" in capsys.readouterr().out
    git(repo, "reset", "-q", "--hard", "HEAD~1")
    change(repo, "applications/komplett/budget.yaml")
    git(repo, "commit", "-q", "--amend", "-m", f"Rätta budgeten för {number}")
    assert granska(OWNER) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "P001" in out and "commit " in out and number[-9:] not in out


@pytest.mark.parametrize(
    "path",
    [
        "applications/komplett/Beslut.yaml",
        "applications/komplett/beslut.yml",
        "applications/komplett/underlag/beslut.yaml",
    ],
)
def test_a_decision_under_another_spelling_is_the_kansli_s(repo: Path, path: str) -> None:
    change(repo, path, "beslut: []\n")
    assert granska(OWNER) == ExitCode.FINDINGS


BEREDNING = (TESTS / "cases" / "valid" / "beredd" / "beredning.yaml").read_text("utf-8")


@pytest.mark.parametrize("author", [OWNER, PARTNER, "sokande-kommun"])
def test_an_applicant_may_not_add_or_change_the_beredning(
    repo: Path, author: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """Not even the insats's own parties: the beredning is the kansli's, like the decision."""
    change(repo, "applications/komplett/beredning.yaml", BEREDNING)
    assert granska(author) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "R001" in out and "applications/komplett/beredning.yaml" in out
    assert granska(KANSLI) == ExitCode.OK  # the same change by the kansli


def test_the_kansli_may_add_and_then_change_the_beredning(repo: Path) -> None:
    change(repo, "applications/komplett/beredning.yaml", BEREDNING)
    assert granska(KANSLI) == ExitCode.OK
    git(repo, "checkout", "-q", "main")
    git(repo, "merge", "-q", "forslag")
    git(repo, "checkout", "-q", "-b", "andring")
    change(repo, "applications/komplett/beredning.yaml")  # an existing beredning, changed
    assert granska(KANSLI) == ExitCode.OK
    assert granska(OWNER) == ExitCode.FINDINGS


@pytest.mark.parametrize(
    "path",
    ["applications/komplett/Beredning.yaml", "applications/komplett/underlag/beredning.yml"],
)
def test_a_beredning_under_another_spelling_is_the_kansli_s(repo: Path, path: str) -> None:
    change(repo, path, BEREDNING)
    assert granska(OWNER) == ExitCode.FINDINGS


@pytest.mark.parametrize("kind", ["docx", "xlsx", "pdf", "csv"])
def test_a_personnummer_inside_any_file_of_the_pull_request_is_refused(
    repo: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    from tests import test_filescan as office

    number = f"{121212}–{1212}"  # the test identity with an en dash
    content = {
        "docx": lambda: office.docx([f"Deltagare {number}"]),
        "xlsx": lambda: office.xlsx([["Deltagare", number]]),
        "pdf": lambda: office.pdf([f"Deltagare {number}"]),
        "csv": lambda: f"namn;nummer\nx;{number}\n".encode("utf-16"),
    }[kind]()
    target = repo / "applications" / "komplett" / "rapporter" / f"bilaga.{kind}"
    target.parent.mkdir(exist_ok=True)
    target.write_bytes(content)
    commit_all(repo)
    assert granska(OWNER) == ExitCode.FINDINGS
    assert "P001" in capsys.readouterr().out


def _revise(root: Path, *replacements: tuple[str, str]) -> None:
    path = root / "applications" / "komplett" / "ansokan.md"
    text = path.read_text("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")
    commit_all(root, "Revidering")


def test_a_signed_application_changed_without_new_signatures_is_refused(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _revise(repo, ("sokt_belopp: 900000", "sokt_belopp: 950000"))
    for author in (OWNER, KANSLI):  # the signatures concern everyone, the kansli too
        assert granska(author) == ExitCode.FINDINGS
        out = capsys.readouterr().out
        assert "R008" in out and "applications/komplett/ansokan.md" in out
        assert "sökt belopp 900\u00a0000\u00a0kr → 950\u00a0000\u00a0kr" in out


def test_a_signed_application_with_renewed_signatures_is_accepted(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _revise(
        repo,
        ("sokt_belopp: 900000", "sokt_belopp: 950000"),
        ("datum: 2025-05-20", "datum: 2026-02-02"),
    )
    assert granska(OWNER) == ExitCode.OK
    assert "R008" not in capsys.readouterr().out


def test_a_budget_change_after_signing_is_found_from_the_budget_alone(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    budget = repo / "applications" / "komplett" / "budget.yaml"
    budget.write_text(budget.read_text("utf-8").replace("2026: 30000", "2026: 80000"), "utf-8")
    commit_all(repo)
    assert granska(PARTNER) == ExitCode.FINDINGS
    assert "budgetens summa från förbundet 900\u00a0000\u00a0kr → 950\u00a0000\u00a0kr" in (
        capsys.readouterr().out
    )


@pytest.mark.parametrize(
    ("author", "expected"),
    [(OWNER, ExitCode.OK), (PARTNER, ExitCode.OK), (OUTSIDER, ExitCode.FINDINGS)],
)
def test_parties_are_read_from_the_base_branch_in_either_layout(
    repo: Path, author: str, expected: ExitCode
) -> None:
    # On the base branch the application keeps its facts in ansokan.yaml beside the text.
    folder = repo / "applications" / "komplett"
    _, facts, body = (folder / "ansokan.md").read_text("utf-8").split("---\n", 2)
    (folder / "ansokan.yaml").write_text(facts, "utf-8")
    (folder / "ansokan.md").write_text(body, "utf-8")
    commit_all(repo, "Uppgifterna i egen fil")
    git(repo, "checkout", "-q", "-B", "main")
    git(repo, "checkout", "-q", "-b", "forslag2")
    change(repo, "applications/komplett/ansokan.md")
    assert granska(author) == expected


def test_a_facts_file_added_by_the_pull_request_claims_nothing(repo: Path) -> None:
    folder = repo / "applications" / "komplett"
    facts = (folder / "ansokan.md").read_text("utf-8").split("---\n", 2)[1]
    claimed = facts.replace(
        "samverkansparter:\n", "samverkansparter:\n  - {part: dalby-kommun, resurser: Vi.}\n", 1
    )
    (folder / "ansokan.yaml").write_text(claimed, "utf-8")
    commit_all(repo)
    assert granska(OUTSIDER) == ExitCode.FINDINGS


@pytest.mark.parametrize(
    ("author", "expected"),
    [("dalby-handlaggare", ExitCode.OK), (PARTNER, ExitCode.OK), (OWNER, ExitCode.FINDINGS)],
)
def test_the_parties_of_an_idea_sketch_may_add_their_application(
    repo: Path, author: str, expected: ExitCode
) -> None:
    # On the base branch the folder holds only an idéskiss of Dalby kommun with
    # Arbetsförmedlingen and the region; Provby kommun is no party of it.
    shutil.copytree(TESTS / "cases" / "valid" / "ideskiss-ensam", repo / "applications" / "skiss")
    commit_all(repo, "Idéskiss")
    git(repo, "checkout", "-q", "-B", "main")
    git(repo, "checkout", "-q", "-b", "ansokan")
    change(repo, "applications/skiss/ansokan.md", "---\nid: skiss\n---\n")
    assert granska(author) == expected
