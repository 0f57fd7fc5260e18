"""`finsam ny forbund` writes a thin förbund repository that passes its own checks; `finsam
uppgradera` brings finsam's files in it to the installed release and migrates older documents.

The whole run as a förbund does it (install from a tag, make site, make test, pre-commit, an
upgrade) is tests/test_new_forbund_run.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from finsam import __version__, cli
from finsam.exitcodes import ExitCode
from finsam.model.forbund import load_forbund
from finsam.scaffold_forbund import (
    CONSTRAINTS,
    PRE_COMMIT,
    Member,
    parse_frame,
    parse_kansli,
    parse_member,
    read_release,
    slug,
)
from tests import norrdal as norrdal_args
from tests.conftest import run_check

REPO = Path(__file__).resolve().parents[1]
TAG = f"v{__version__}"
SOURCE = "https://github.com/exempel-konto/finsam"
ARGS = [
    *norrdal_args.ARGS,
    "--medlem",
    "Åsby kommun",
    "--kansli",
    "norrdal-ekonom=Ekonom",
    "--ram",
    "2027=3 000 000",
    "--ram",
    "2028=3100000",
    "--kalla",
    SOURCE,
]


def scaffold(target: Path, *extra: str) -> Path:
    assert cli.main(["ny", "forbund", str(target), *ARGS, *extra]) == ExitCode.OK
    return target


@pytest.fixture
def norrdal(tmp_path: Path) -> Path:
    return scaffold(tmp_path / "norrdal")


def test_the_repository_holds_only_the_forbunds_own_things(norrdal: Path) -> None:
    files = sorted(
        p.relative_to(norrdal).as_posix()
        for p in norrdal.rglob("*")
        if p.is_file() and ".git" not in p.relative_to(norrdal).parts[:1]
    )
    assert "forbund.yml" in files and "mkdocs.yml" in files and "README.md" in files
    assert ".github/CODEOWNERS" in files and PRE_COMMIT in files and CONSTRAINTS in files
    assert ".github/workflows/granska.yml" in files
    assert ".github/workflows/publicera.yml" in files
    assert ".github/PULL_REQUEST_TEMPLATE/ny-ansokan.md" in files
    assert ".vscode/settings.json" in files  # the editor's help, from the förbund's own site
    # Nothing of finsam itself: no code, schemas, tests or guidance pages.
    for part in ("src/", "schema/", "tests/", "hooks/", "overrides/"):
        assert not any(f.startswith(part) for f in files), part
    assert not any(f.startswith("docs/") and f.endswith(".md") for f in files)
    assert (norrdal / ".git").is_dir()  # a repository from the start (pre-commit needs one)


def test_forbund_yml_holds_the_given_facts(norrdal: Path) -> None:
    forbund, findings = load_forbund(norrdal / "forbund.yml")
    assert forbund is not None, findings
    assert forbund.name == "Samordningsförbundet Norrdal"
    assert list(forbund.parties) == [
        "norrdals-kommun",
        "region-norrland",
        "arbetsformedlingen",
        "forsakringskassan",
        "asby-kommun",
    ]
    assert forbund.parties["norrdals-kommun"].accounts == ("norrdal-ansokan",)
    assert forbund.parties["region-norrland"].kind == "region"
    assert forbund.kansli == ("norrdal-chef", "norrdal-ekonom")
    assert forbund.frame == {2027: 3_000_000, 2028: 3_100_000}
    assert forbund.reporting.rhythm == "halvar"
    assert [t.id for t in forbund.templates.values()] == ["generell"]
    first = (norrdal / "forbund.yml").read_text("utf-8").splitlines()[0]
    assert first == (
        "# yaml-language-server: $schema=https://norrdal.example/ansokan/schema/forbund.schema.json"
    )
    assert "exempelbygd" not in (norrdal / "forbund.yml").read_text("utf-8").casefold()


def test_the_new_repository_passes_its_own_check(norrdal: Path) -> None:
    result = run_check(norrdal, root=norrdal, forbund=norrdal / "forbund.yml")
    assert not result.findings


def test_codeowners_follow_forbund_yml(
    norrdal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(norrdal)
    assert cli.main(["kodagare", "--kontrollera"]) == ExitCode.OK
    owners = (norrdal / ".github/CODEOWNERS").read_text("utf-8")
    assert "@norrdal-chef @norrdal-ekonom" in owners


def test_release_is_named_in_requirements_and_pre_commit(norrdal: Path) -> None:
    assert read_release(norrdal).source == SOURCE
    assert read_release(norrdal).tag == TAG
    config = yaml.safe_load((norrdal / PRE_COMMIT).read_text("utf-8"))
    [repo] = config["repos"]
    assert repo["repo"] == SOURCE and repo["rev"] == TAG
    hooks = {hook["id"] for hook in repo["hooks"]}
    published = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    assert hooks == {hook["id"] for hook in published}  # every hook finsam publishes


def test_the_thin_workflows_install_the_base_branchs_release(norrdal: Path) -> None:
    thin = (norrdal / ".github/workflows/granska.yml").read_text("utf-8")
    own = (REPO / ".github/workflows/granska.yml").read_text("utf-8")
    assert "-r bas/requirements.txt" in thin and "./bas" not in thin
    # Everything else is this repository's own review, line for line.
    differing = [(a, b) for a, b in zip(own.splitlines(), thin.splitlines(), strict=True) if a != b]
    assert len(differing) == 1
    publish = (norrdal / ".github/workflows/publicera.yml").read_text("utf-8")
    assert publish == (REPO / ".github/workflows/publicera.yml").read_text("utf-8")
    assert "make site" in publish


def test_the_thin_site_config_uses_the_plugin(norrdal: Path) -> None:
    config = yaml.safe_load((norrdal / "mkdocs.yml").read_text("utf-8"))
    assert "finsam" in config["plugins"]
    assert config["theme"] == {"name": "material", "language": "sv"}


def test_pins_are_finsams_own(norrdal: Path) -> None:
    assert (norrdal / CONSTRAINTS).read_text("utf-8") == (
        REPO / "requirements/constraints.txt"
    ).read_text("utf-8")
    lock = json.loads((norrdal / "package-lock.json").read_text("utf-8"))
    ours = json.loads((REPO / "package-lock.json").read_text("utf-8"))
    # The form's Pyodide is the very version the package's site is tested with.
    assert (
        lock["packages"]["node_modules/pyodide"]["integrity"]
        == ours["packages"]["node_modules/pyodide"]["integrity"]
    )
    assert all("resolved" not in entry for entry in lock["packages"].values())


def test_an_existing_folder_is_never_written_into(tmp_path: Path) -> None:
    (tmp_path / "norrdal").mkdir()
    (tmp_path / "norrdal" / "anteckning.txt").write_text("kvar", "utf-8")
    assert cli.main(["ny", "forbund", str(tmp_path / "norrdal"), *ARGS]) == ExitCode.USAGE
    assert [p.name for p in (tmp_path / "norrdal").iterdir()] == ["anteckning.txt"]


def test_facts_that_do_not_make_a_forbund_yml_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = [*ARGS]
    broken[broken.index("kansliet@norrdal.example")] = "inte en adress"
    code = cli.main(["ny", "forbund", str(tmp_path / "norrdal"), *broken])
    assert code == ExitCode.FINDINGS
    assert "(kontakt.epost)" in capsys.readouterr().err
    assert not (tmp_path / "norrdal").exists()


def test_missing_answers_without_a_terminal_are_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin.isatty", lambda: False)
    code = cli.main(["ny", "forbund", str(tmp_path / "x"), "--namn", "Samordningsförbundet X"])
    assert code == ExitCode.USAGE
    assert "--epost" in capsys.readouterr().err


def test_answers_are_asked_for_in_a_terminal(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answers = iter(
        [
            "kansliet@norrdal.example",
            "https://norrdal.example/ansokan/",
            "Norrdals kommun",
            "Arbetsförmedlingen",
            "",
            "norrdal-chef",
            "",
            "2027=1000000",
            "",
        ]
    )
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    target = tmp_path / "norrdal"
    code = cli.main(
        ["ny", "forbund", str(target), "--namn", "Samordningsförbundet Norrdal", "--kalla", SOURCE]
    )
    assert code == ExitCode.OK
    forbund, _ = load_forbund(target / "forbund.yml")
    assert forbund is not None
    assert list(forbund.parties) == ["norrdals-kommun", "arbetsformedlingen"]
    assert forbund.frame == {2027: 1_000_000}


@pytest.mark.parametrize(
    ("given", "member"),
    [
        ("Norrdals kommun", Member("Norrdals kommun", "kommun")),
        ("Region Norrland", Member("Region Norrland", "region")),
        ("Arbetsförmedlingen", Member("Arbetsförmedlingen", "arbetsformedlingen")),
        ("Försäkringskassan", Member("Försäkringskassan", "forsakringskassan")),
        ("Västra Dals kommun:kommun=a-b,c", Member("Västra Dals kommun", "kommun", ("a-b", "c"))),
        ("Stadsdelen:kommun", Member("Stadsdelen", "kommun")),
    ],
)
def test_a_members_type_is_read_from_its_name_or_given(given: str, member: Member) -> None:
    """A member's type follows from its name unless given after a colon."""
    assert parse_member(given) == member


def test_a_member_of_unknown_type_must_say_it() -> None:
    from finsam.errors import UsageError

    with pytest.raises(UsageError, match="Stadsdelen:kommun"):
        parse_member("Stadsdelen")


def test_ids_are_plain_ascii() -> None:
    assert slug("Åsby kommun") == "asby-kommun"
    assert slug("Region Västra  Götaland") == "region-vastra-gotaland"
    assert Member("Östra Göinge kommun", "kommun").id == "ostra-goinge-kommun"


def test_kansli_and_frame_as_given() -> None:
    from finsam.errors import UsageError

    assert parse_kansli("@chef", True) == ("chef", "Förbundschef")
    assert parse_kansli("ekonom=Ekonom", False) == ("ekonom", "Ekonom")
    assert parse_kansli("utvecklare", False) == ("utvecklare", "Kansliet")
    assert parse_frame("2027=2 500 000") == (2027, 2_500_000)
    for wrong in ("2027", "27=100", "2027=1,5 miljoner", "år=100"):
        with pytest.raises(UsageError):
            parse_frame(wrong)


# --------------------------------------------------------------------------- finsam uppgradera


def test_uppgradera_checks_finsams_files(
    norrdal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(norrdal)
    assert cli.main(["uppgradera", "--kontrollera"]) == ExitCode.OK
    workflow = norrdal / ".github/workflows/granska.yml"
    workflow.write_text(workflow.read_text("utf-8") + "# ändrad för hand\n", "utf-8")
    (norrdal / "Makefile").unlink()
    capsys.readouterr()
    assert cli.main(["uppgradera", "--kontrollera"]) == ExitCode.FINDINGS
    err = capsys.readouterr().err
    assert ".github/workflows/granska.yml: stämmer inte med utgåvan" in err
    assert "Makefile: saknas" in err
    assert "make uppgradera" in err


def test_uppgradera_rewrites_finsams_files_and_migrates_documents(
    norrdal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(norrdal)
    # An older release's pre-commit configuration, and an application in the older layout.
    config = norrdal / PRE_COMMIT
    config.write_text(config.read_text("utf-8").replace(TAG, "v0.0.1"), "utf-8")
    assert cli.main(["ny", "ansokan", "2027-prov"]) == ExitCode.OK
    folder = norrdal / "applications" / "2027-prov"
    facts = (folder / "ansokan.yaml").read_text("utf-8")
    (folder / "ansokan.md").write_text(
        "---\n" + facts + "---\n" + (folder / "ansokan.md").read_text("utf-8"), "utf-8"
    )
    (folder / "ansokan.yaml").unlink()
    capsys.readouterr()
    assert cli.main(["uppgradera"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert f"Skrev om {PRE_COMMIT}." in out
    assert f"rev: {TAG}" in config.read_text("utf-8")
    assert (folder / "ansokan.yaml").is_file()  # the facts beside the text (finsam migrera)
    assert not (folder / "ansokan.md").read_text("utf-8").startswith("---")
    assert cli.main(["uppgradera", "--kontrollera"]) == ExitCode.OK


def test_uppgradera_refuses_a_release_that_is_not_installed(
    norrdal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(norrdal)
    requirements = norrdal / "requirements.txt"
    requirements.write_text(requirements.read_text("utf-8").replace(TAG, "v99.0.0"), "utf-8")
    before = (norrdal / PRE_COMMIT).read_text("utf-8")
    assert cli.main(["uppgradera"]) == ExitCode.USAGE
    assert "v99.0.0" in capsys.readouterr().err
    assert (norrdal / PRE_COMMIT).read_text("utf-8") == before


def test_requirements_without_a_release_line_are_a_usage_error(
    norrdal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(norrdal)
    (norrdal / "requirements.txt").write_text("finsam\n", "utf-8")
    assert cli.main(["uppgradera", "--kontrollera"]) == ExitCode.USAGE
    assert "requirements.txt" in capsys.readouterr().err


def test_the_repository_name_in_messages_is_the_forbunds(norrdal: Path) -> None:
    readme = (norrdal / "README.md").read_text("utf-8")
    assert readme.startswith("# Samordningsförbundet Norrdal")
    assert "make site" in readme and "make test" in readme
    assert "exempelbygd" not in readme.casefold()


def test_the_workflows_follow_the_forbunds_main_branch(
    norrdal: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A förbund whose applications go to another branch than main publishes from it."""
    monkeypatch.chdir(norrdal)
    config = norrdal / "forbund.yml"
    config.write_text(config.read_text("utf-8").replace("gren: main", "gren: huvud"), "utf-8")
    assert cli.main(["uppgradera", "--kontrollera"]) == ExitCode.FINDINGS
    assert cli.main(["uppgradera"]) == ExitCode.OK
    publish = yaml.safe_load((norrdal / ".github/workflows/publicera.yml").read_text("utf-8"))
    assert publish[True]["push"]["branches"] == ["huvud"]  # PyYAML reads the key on as True
    text = (norrdal / ".github/workflows/publicera.yml").read_text("utf-8")
    assert "från huvud" in text and " main " not in text
    review = (norrdal / ".github/workflows/granska.yml").read_text("utf-8")
    assert "grenskyddet för huvud" in review


def test_the_readme_names_every_file_that_finsam_writes(norrdal: Path) -> None:
    """The förbund's README tells which files are finsam's (and so not to be edited by hand)."""
    from finsam.scaffold_forbund import release_files

    forbund, _ = load_forbund(norrdal / "forbund.yml")
    assert forbund is not None
    readme = (norrdal / "README.md").read_text("utf-8")
    for rel in release_files(forbund, read_release(norrdal)):
        folder = rel.rsplit("/", 1)[0] + "/" if "/" in rel else rel
        assert f"`{rel}`" in readme or f"`{folder}`" in readme, rel


@pytest.mark.parametrize(
    ("source", "tag"),
    [
        ("https://github.com/a/finsam", "v0.3.0\nskadlig: rad"),
        ("https://github.com/a/finsam", "v 0.3.0"),
        ("https://github.com/a/fin sam", "v0.3.0"),
        ("https://github.com/a/finsam@v1", "v0.3.0"),
        ("https://github.com/a/finsam#egg=x", "v0.3.0"),
        ("github.com/a/finsam", "v0.3.0"),
    ],
)
def test_a_release_that_cannot_be_written_back_is_refused(
    tmp_path: Path, source: str, tag: str
) -> None:
    """The release goes into requirements.txt and the pre-commit configuration as given: it
    must read back as the same repository and tag, or nothing is written."""
    args = [a for a in ARGS if a != SOURCE]
    args.remove("--kalla")
    code = cli.main(
        ["ny", "forbund", str(tmp_path / "x"), *args, "--kalla", source, "--version", tag]
    )
    assert code == ExitCode.USAGE
    assert not (tmp_path / "x").exists()


def test_a_name_of_more_than_one_line_is_refused(tmp_path: Path) -> None:
    args = [*ARGS]
    args[args.index("Samordningsförbundet Norrdal")] = "Samordningsförbundet Norrdal\nram: {}"
    assert cli.main(["ny", "forbund", str(tmp_path / "x"), *args]) == ExitCode.USAGE
    assert not (tmp_path / "x").exists()


def test_unreadable_files_are_answered_not_a_traceback(
    norrdal: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A Makefile that is not UTF-8 is simply not finsam's; a folder where finsam writes a file
    and a requirements.txt that is not text are usage errors with a hint."""
    monkeypatch.chdir(norrdal)
    (norrdal / "Makefile").write_bytes(b"\xff\xfe trasig\n")
    assert cli.main(["uppgradera", "--kontrollera"]) == ExitCode.FINDINGS
    assert "Makefile: stämmer inte med utgåvan" in capsys.readouterr().err
    (norrdal / "package.json").unlink()
    (norrdal / "package.json").mkdir()
    assert cli.main(["uppgradera"]) == ExitCode.USAGE
    assert "package.json är en mapp" in capsys.readouterr().err
    (norrdal / "requirements.txt").write_bytes(b"\xff\xfe")
    assert cli.main(["uppgradera", "--kontrollera"]) == ExitCode.USAGE
    assert "requirements.txt saknar raden" in capsys.readouterr().err
