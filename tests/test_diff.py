"""`finsam diff` on a realistic revision: an insats extended by one year with one more post."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from finsam import cli
from finsam.exitcodes import ExitCode
from finsam.model.budget import Row
from finsam.model.forbund import load_forbund
from finsam.semantic_diff import match_rows, read_revision, stale_signature_findings
from tests.conftest import TESTS, git
from tests.snapshots import assert_snapshot


def extend_by_one_year(folder: Path) -> None:
    ansokan = folder / "ansokan.md"
    text = ansokan.read_text("utf-8")
    text = text.replace(
        "sista_intag: 2026-09-30, slut: 2026-12-31", "sista_intag: 2027-09-30, slut: 2027-12-31"
    )
    text = text.replace("sokt_belopp: 900000", "sokt_belopp: 1805000")
    # Both parties sign the extension anew.
    text = text.replace("datum: 2025-05-20", "datum: 2026-10-05").replace(
        "datum: 2025-05-21", "datum: 2026-10-07"
    )
    text = text.replace(
        "Ett gemensamt team träffar deltagarna varje vecka.",
        "Ett gemensamt team träffar deltagarna varje vecka. Under förlängningen kommer en "
        "arbetsmarknadskonsult på halvtid att ordna praktikplatser hos lokala arbetsgivare.",
    )
    ansokan.write_text(text, "utf-8")
    (folder / "budget.yaml").write_text(
        """rader:
  - kategori: lon
    benamning: Insatsmedarbetare
    part: provby-kommun
    finansiering: forbundet
    tjanstgoringsgrad: 100
    period: {start: 2025-07-01, slut: 2027-12-31}
    belopp: {2025: 280000, 2026: 570000, 2027: 585000}
  - kategori: lon
    benamning: Arbetsmarknadskonsult
    part: provby-kommun
    finansiering: forbundet
    tjanstgoringsgrad: 50
    period: {start: 2027-01-01, slut: 2027-12-31}
    belopp: {2027: 290000}
  - kategori: utbildning
    benamning: Kompetensutveckling för teamet
    part: provby-kommun
    finansiering: forbundet
    belopp: {2025: 20000, 2026: 30000, 2027: 30000}
""",
        "utf-8",
    )


@pytest.fixture
def signed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose tag v1 holds "komplett", signed by both its parties."""
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", tmp_path / "applications" / "komplett")
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Ansökan")
    git(tmp_path, "tag", "v1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def repo(signed: Path) -> Path:
    extend_by_one_year(signed / "applications" / "komplett")
    git(signed, "commit", "-q", "-am", "Förlängning")
    return signed


def test_extension_shows_deltas_per_year_and_category(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.OK
    out = capsys.readouterr().out
    lines = out.splitlines()
    salary_2027 = next(
        line for line in lines if line.startswith("Lönekostnad") and " 2027 " in line
    )
    assert (
        "0\u00a0kr" in salary_2027
        and "875\u00a0000\u00a0kr" in salary_2027
        and "+875\u00a0000\u00a0kr" in salary_2027
    )
    training_2027 = next(
        line for line in lines if line.startswith("Utbildning") and " 2027 " in line
    )
    assert "+30\u00a0000\u00a0kr" in training_2027
    # Unchanged years are not listed.
    assert not any(line.startswith("Lönekostnad") and " 2025 " in line for line in lines)
    assert "period.slut: 2026-12-31 → 2027-12-31" in out
    assert "sokt_belopp: 900000 → 1805000" in out
    assert "Genomförande: +" in out and "arbetsmarknadskonsult" in out


def test_extension_snapshots(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for fmt in ("text", "markdown"):
        assert cli.main(["diff", "v1", "HEAD", "komplett", "--format", fmt]) == ExitCode.OK
        assert_snapshot(f"diff-forlangning.{fmt}.txt", capsys.readouterr().out)


def test_without_id_all_changed_insatser_are_compared(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert cli.main(["diff", "v1", "HEAD"]) == ExitCode.OK
    assert "Ändringar i komplett" in capsys.readouterr().out
    assert cli.main(["diff", "HEAD", "HEAD"]) == ExitCode.OK
    assert "Inga insatser ändrades" in capsys.readouterr().out


def test_new_insats_and_unknown_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copytree(
        TESTS / "cases" / "valid" / "strukturovergripande",
        repo / "applications" / "strukturovergripande",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "Ny")
    assert cli.main(["diff", "HEAD~1", "HEAD", "strukturovergripande"]) == ExitCode.OK
    assert "Insatsen är ny." in capsys.readouterr().out
    assert cli.main(["diff", "finns-inte", "HEAD"]) == ExitCode.USAGE


def edit(root: Path, name: str, *replacements: tuple[str, str]) -> None:
    """Replace text in applications/komplett/<name>; each old text must be there."""
    path = root / "applications" / "komplett" / name
    text = path.read_text("utf-8")
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def commit(root: Path, message: str = "Revidering") -> None:
    git(root, "commit", "-q", "-am", message)


HALF_TIME = ("tjanstgoringsgrad: 100", "tjanstgoringsgrad: 50")
MORE_IN_2026 = ("2026: 570000", "2026: 620000")
MORE_SOUGHT = ("sokt_belopp: 900000", "sokt_belopp: 950000")
RENEWED = ("datum: 2025-05-21", "datum: 2026-02-03")


def test_a_percentage_changed_at_the_same_cost_shows_the_row(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(signed, "budget.yaml", HALF_TIME)
    commit(signed)
    for fmt in ("text", "markdown"):
        assert cli.main(["diff", "v1", "HEAD", "komplett", "--format", fmt]) == ExitCode.OK
        out = capsys.readouterr().out
        assert "Inga ändringar" not in out and "R008" not in out
        assert_snapshot(f"diff-tjanstgoringsgrad.{fmt}.txt", out)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.OK
    lines = capsys.readouterr().out.splitlines()
    row = lines.index("Insatsmedarbetare (Lönekostnad, Provby kommun): ändrad")
    assert lines[row + 1] == "  tjänstgöringsgrad: 100\u00a0% → 50\u00a0%"
    assert not any(line.startswith("  ") for line in lines[row + 2 :])  # nothing else changed


def test_an_amount_changed_after_signing_is_an_error(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(signed, "budget.yaml", MORE_IN_2026)
    edit(signed, "ansokan.md", MORE_SOUGHT)
    commit(signed)
    for fmt in ("text", "markdown"):
        assert cli.main(["diff", "v1", "HEAD", "komplett", "--format", fmt]) == ExitCode.FINDINGS
        assert_snapshot(f"diff-efter-underskrift.{fmt}.txt", capsys.readouterr().out)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.FINDINGS
    out = capsys.readouterr().out
    assert "Fel R008: Ändrad efter underskrift utan nya underskrifter" in out
    assert "sökt belopp 900\u00a0000\u00a0kr → 950\u00a0000\u00a0kr" in out
    assert "budgetens summa från förbundet 900\u00a0000\u00a0kr → 950\u00a0000\u00a0kr" in out
    assert (
        "  belopp 2026: 570\u00a0000\u00a0kr → 620\u00a0000\u00a0kr (+50\u00a0000\u00a0kr)" in out
    )
    assert "Hela perioden  900\u00a0000\u00a0kr → 950\u00a0000\u00a0kr" in out


def test_renewed_signatures_answer_the_change(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # One party signing anew is enough: any changed date counts as renewed signatures.
    edit(signed, "budget.yaml", MORE_IN_2026)
    edit(signed, "ansokan.md", MORE_SOUGHT, RENEWED)
    commit(signed)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "R008" not in out and "sokt_belopp: 900000 → 950000" in out


@pytest.mark.parametrize(
    ("file", "replacement", "changed"),
    [
        (
            "ansokan.md",
            ("slut: 2026-12-31", "slut: 2027-03-31"),
            "slutdatum 2026-12-31 → 2027-03-31",
        ),
        (
            "ansokan.md",
            ("sista_intag: 2026-09-30", "sista_intag: 2026-06-30"),
            "sista intag 2026-09-30 → 2026-06-30",
        ),
        (
            "ansokan.md",
            ("  - part: arbetsformedlingen\n", "  - part: forsakringskassan\n"),
            "parterna Provby kommun, Arbetsförmedlingen → Provby kommun, Försäkringskassan",
        ),
        (
            "budget.yaml",
            ("finansiering: forbundet\n    belopp", "finansiering: egen\n    belopp"),
            "egenfinansieringen 0\u00a0kr → 50\u00a0000\u00a0kr",
        ),
        (
            "budget.yaml",
            ("{2025: 20000, 2026: 30000}", "{2025: 30000, 2026: 20000}"),
            "budgetens summa från förbundet fördelad på andra år",
        ),
    ],
)
def test_period_parties_and_sums_are_signed_terms(
    signed: Path,
    capsys: pytest.CaptureFixture[str],
    file: str,
    replacement: tuple[str, str],
    changed: str,
) -> None:
    edit(signed, file, replacement)
    commit(signed)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.FINDINGS
    assert changed in capsys.readouterr().out


def test_text_and_row_details_are_no_signed_terms(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(signed, "budget.yaml", HALF_TIME, ("Kompetensutveckling", "Handledning"))
    edit(signed, "ansokan.md", ("varje vecka", "varannan vecka"))
    commit(signed)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "R008" not in out
    assert "Handledning för teamet (Utbildning, Provby kommun): ändrad" in out
    assert "  benämning: Kompetensutveckling för teamet → Handledning för teamet" in out


def test_an_application_never_signed_by_all_is_not_judged(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        signed,
        "ansokan.md",
        ("status: inlamnad", "status: utkast"),
        ("  - {part: arbetsformedlingen, datum: 2025-05-21, metod: handskriven}\n", ""),
    )
    commit(signed, "Utkast")
    git(signed, "tag", "-f", "v1")
    edit(signed, "ansokan.md", MORE_SOUGHT)
    commit(signed)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.OK
    assert "R008" not in capsys.readouterr().out


def test_removing_a_signature_is_no_stale_signature(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    edit(
        signed,
        "ansokan.md",
        MORE_SOUGHT,
        ("  - {part: arbetsformedlingen, datum: 2025-05-21, metod: handskriven}\n", ""),
    )
    commit(signed)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.OK
    assert "R008" not in capsys.readouterr().out


def _row(index: int, label: str, category: str = "lon", party: str = "provby-kommun") -> Row:
    return Row(index, category, label, party, "forbundet", {2026: 100_000})


def _pairs(before: list[Row], after: list[Row]) -> list[tuple[str | None, str | None]]:
    return [
        (old.label if old else None, new.label if new else None)
        for old, new in match_rows(before, after)
    ]


def test_rows_are_matched_by_name_category_and_party_then_by_place() -> None:
    before = [_row(0, "Samordnare"), _row(1, "Coach"), _row(2, "Lokal", "lokal"), _row(3, "Resor")]
    after = [
        _row(0, "Coach"),  # moved up
        _row(1, "Samordnare", party="arbetsformedlingen"),  # another party
        _row(2, "Lokalhyra", "lokal"),  # renamed in its category and party
        _row(3, "Material", "ovrigt"),  # "Resor" removed, this one new
    ]
    assert _pairs(before, after) == [
        ("Coach", "Coach"),
        ("Samordnare", "Samordnare"),
        ("Lokal", "Lokalhyra"),
        (None, "Material"),
        ("Resor", None),
    ]
    # Two rows renamed in one category and party: each keeps its place.
    twins = [_row(0, "A"), _row(1, "B")]
    assert _pairs(twins, [_row(0, "A2"), _row(1, "B2")]) == [("A", "A2"), ("B", "B2")]
    # Left over with the same category but new name and party: paired only in the same place.
    assert _pairs([_row(0, "X")], [_row(0, "Y", party="arbetsformedlingen")]) == [("X", "Y")]
    assert _pairs([_row(0, "X")], [_row(1, "Y", party="arbetsformedlingen")]) == [
        (None, "Y"),
        ("X", None),
    ]


@pytest.fixture
def whole_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository whose tag v1 holds a signed insats with amounts for the whole period."""
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    shutil.copytree(
        TESTS / "cases" / "valid" / "budget-hela-perioden", tmp_path / "applications" / "hela"
    )
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Ansökan")
    git(tmp_path, "tag", "v1")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_whole_period_amounts_are_in_the_totals_and_the_signed_terms(
    whole_period: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    budget = whole_period / "applications" / "hela" / "budget.yaml"
    budget.write_text(
        budget.read_text("utf-8").replace(
            "fordelning_per_ar:",
            "  - kategori: lokalhyra\n    benamning: Mötesrum hos Arbetsförmedlingen\n"
            "    finansiering: egen\n    i_natura: true\n    belopp_totalt: 500000\n"
            "fordelning_per_ar:",
        ),
        "utf-8",
    )
    commit(whole_period)
    assert cli.main(["diff", "v1", "HEAD", "hela"]) == ExitCode.FINDINGS
    lines = capsys.readouterr().out.splitlines()
    unallocated = next(line for line in lines if line.startswith("Ej fördelat per år"))
    # Own financing in kind, known only for the whole period: 100 000 kr, then 600 000 kr.
    assert "100\u00a0000\u00a0kr → 600\u00a0000\u00a0kr" in unallocated
    whole = next(line for line in lines if line.startswith("Hela perioden"))
    # Sought: 850 000 kr for the posts and 50 000 kr of training (its year is not known)
    # and the group's other costs, as the checker counts them: 900 000 kr in all.
    assert "900\u00a0000\u00a0kr" in whole and "600\u00a0000\u00a0kr" in whole
    assert any("R008" in line and "egenfinansieringen 100" in line for line in lines)


def test_a_medsokande_is_a_signing_party(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    git(tmp_path, "init", "-q", "-b", "main")
    shutil.copy(TESTS / "forbund.yml", tmp_path / "forbund.yml")
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", tmp_path / "applications" / "komplett")
    monkeypatch.chdir(tmp_path)
    git(tmp_path, "add", "-A")
    git(tmp_path, "commit", "-q", "-m", "Ansökan")
    git(tmp_path, "tag", "v1")
    # A second kommun joins as medsökande after both parties signed: a change of parties.
    edit(
        tmp_path,
        "ansokan.md",
        (
            "samverkansparter:",
            "medsokande:\n  - {part: dalby-kommun, resurser: Lokaler.}\nsamverkansparter:",
        ),
    )
    commit(tmp_path)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.FINDINGS
    assert "parterna" in capsys.readouterr().out


def split_layout(folder: Path) -> None:
    """Move the application's facts from ansokan.md's front matter to ansokan.yaml."""
    text = (folder / "ansokan.md").read_text("utf-8")
    _, facts, body = text.split("---\n", 2)
    (folder / "ansokan.yaml").write_text(facts, "utf-8")
    (folder / "ansokan.md").write_text(body.lstrip("\n"), "utf-8")


def test_moving_the_facts_to_their_own_file_changes_nothing(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    split_layout(signed / "applications" / "komplett")
    git(signed, "add", "-A")
    commit(signed)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.OK
    out = capsys.readouterr().out
    assert "R008" not in out and ":" not in out.split("\n", 1)[1].replace("Ändringar i", "")


def test_an_amount_changed_after_signing_in_the_facts_file_is_named_there(
    signed: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    split_layout(signed / "applications" / "komplett")
    edit(signed, "budget.yaml", MORE_IN_2026)
    edit(signed, "ansokan.yaml", MORE_SOUGHT)
    git(signed, "add", "-A")
    commit(signed)
    assert cli.main(["diff", "v1", "HEAD", "komplett"]) == ExitCode.FINDINGS
    assert "sökt belopp 900\u00a0000\u00a0kr → 950\u00a0000\u00a0kr" in capsys.readouterr().out
    folder = "applications/komplett"
    before, after = read_revision(signed, "v1", folder), read_revision(signed, "HEAD", folder)
    forbund, _ = load_forbund(signed / "forbund.yml")
    assert forbund is not None
    found = stale_signature_findings(before, after, folder, forbund)
    assert [(f.rule, f.file) for f in found] == [("R008", f"{folder}/ansokan.yaml")]
    # The finding points at the signatures, in the file that holds them.
    lines = (signed / folder / "ansokan.yaml").read_text("utf-8").splitlines()
    assert lines[found[0].line - 1].startswith("underskrifter:")
