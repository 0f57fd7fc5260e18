"""`finsam nationellt`: three förbund's insatser.json, made by the desk's own generator from the
test cases, combined from local files and summed per year; broken and invalid files are
findings that name the file, never a traceback."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path
from typing import Any

import pytest
import yaml

from finsam import cli
from finsam.exitcodes import ExitCode
from finsam.model.forbund import load_forbund
from finsam.national import combine
from finsam.schemas import DATA_SCHEMA, schema_dir
from finsam.site import feeds
from finsam.site.insatser import approved_insatser
from tests.site_helpers import TESTS
from tests.snapshots import assert_snapshot
from tests.test_second_forbund import second_forbund

MADE = dt.datetime(2026, 1, 15, 9, 0, tzinfo=dt.UTC)
VALID = TESTS / "cases" / "valid"

# Three fictional förbund: the file name, the configuration, what is changed in it, and the
# test cases that are its insatser. Two of them have an insats named "komplett".
FORBUND: list[tuple[str, str, dict[str, str], tuple[str, ...]]] = [
    ("provby.json", "test", {}, ("komplett", "med-rapporter", "strukturovergripande")),
    (
        "andraby.json",
        "second",
        {
            "name": "Samordningsförbundet Andraby",
            "site_url": "https://andraby.example/",
            "id_prefix": "360G-andraby",
        },
        ("komplett", "standard-2023"),
    ),
    (
        "tredjeby.json",
        "test",
        {"name": "Samordningsförbundet Tredjeby", "site_url": "", "id_prefix": "360G-tredjeby"},
        ("budget-manadslon", "delade-filer", "beredd"),
    ),
]


def _publish(folder: Path, config: Path, changes: dict[str, str], cases: tuple[str, ...]) -> str:
    """The förbund's insatser.json, as its site publishes it."""
    root = folder / "repo"
    root.mkdir(parents=True)
    shutil.copy(config, root / "forbund.yml")
    for case in cases:
        shutil.copytree(VALID / case, root / "applications" / case)
    forbund, findings = load_forbund(root / "forbund.yml")
    assert forbund is not None, findings
    forbund = forbund._replace(
        name=changes.get("name", forbund.name),
        site_url=changes.get("site_url", forbund.site_url),
        id_prefix=changes.get("id_prefix", forbund.id_prefix),
    )
    insatser = approved_insatser(root, forbund)
    assert sorted(i.id for i in insatser) == sorted(cases)
    return feeds.insatser_json(insatser, forbund, forbund.site_url, MADE)


@pytest.fixture(scope="module")
def published(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the three förbund's files, as someone would have downloaded them."""
    scratch = tmp_path_factory.mktemp("nationellt")
    copies = scratch / "kopior"
    copies.mkdir()
    for name, which, changes, cases in FORBUND:
        config = TESTS / "forbund.yml" if which == "test" else second_forbund(scratch)
        text = _publish(scratch / name, config, changes, cases)
        (copies / name).write_text(text, "utf-8")
    return copies


def _granted_by_decisions(case: str) -> dict[int, int]:
    """Per year, from beslut.yaml itself: every decision that grants, summed."""
    data = yaml.safe_load((VALID / case / "beslut.yaml").read_text("utf-8-sig"))
    total: dict[int, int] = {}
    for decision in data["beslut"]:
        if decision["utfall"] == "beviljad":
            for year, amount in (decision.get("beviljat") or {}).items():
                total[int(year)] = total.get(int(year), 0) + int(amount)
    return total


def test_the_data_schema_is_the_one_the_sites_name(tmp_path: Path) -> None:
    published = json.loads(_publish(tmp_path, TESTS / "forbund.yml", {}, ("komplett",)))
    assert published["$schema"].endswith(f"/schema/{DATA_SCHEMA}")
    assert (schema_dir() / DATA_SCHEMA).is_file()


def test_totals_per_year_match_the_decisions(published: Path) -> None:
    view = combine([published / name for name, *_ in FORBUND])
    assert view.problems == []
    assert len(view.sources) == 3 and len(view.insatser) == 8
    names = {
        "provby.json": "Samordningsförbundet Provby",
        "andraby.json": "Samordningsförbundet Andraby",
        "tredjeby.json": "Samordningsförbundet Tredjeby",
    }
    expected: dict[int, dict[str, tuple[int, int]]] = {}  # year -> förbund -> (insatser, kr)
    for file_name, _, _, cases in FORBUND:
        for case in cases:
            for year, amount in _granted_by_decisions(case).items():
                count, kr = expected.setdefault(year, {}).get(names[file_name], (0, 0))
                expected[year][names[file_name]] = (count + (amount != 0), kr + amount)
    assert view.years == sorted(expected)
    for year, per_forbund in expected.items():
        rows = view.rows(year)
        got = {r.name: (r.insatser, r.granted) for r in rows[:-1] if r.insatser or r.granted}
        assert got == per_forbund, year
        assert (rows[-1].name, rows[-1].insatser, rows[-1].granted) == (
            "Summa",
            sum(c for c, _ in per_forbund.values()),
            sum(k for _, k in per_forbund.values()),
        )
    overall = view.rows(None)
    assert overall[-1].insatser == 8
    assert overall[-1].granted == sum(
        sum(_granted_by_decisions(case).values()) for *_, cases in FORBUND for case in cases
    )


def test_the_same_insats_id_in_two_forbund_is_two_insatser(published: Path) -> None:
    view = combine([published / name for name, *_ in FORBUND])
    komplett = sorted(i.global_id for i in view.insatser if i.id == "komplett")
    assert komplett == ["360G-andraby-komplett", "https://provby.example/ansokan/insats/komplett/"]
    assert {s.key for s in view.sources} == {
        "https://provby.example/ansokan",
        "360G-andraby",
        "360G-tredjeby",
    }


def test_the_same_forbund_twice_counts_once(published: Path) -> None:
    copy = published.parent / "provby-igen.json"
    shutil.copy(published / "provby.json", copy)
    view = combine([published / "provby.json", copy])
    assert len(view.sources) == 1
    assert view.failed
    assert "samma förbund" in view.problems[0].message


def _run(
    words: list[str], folder: Path, monkeypatch: pytest.MonkeyPatch, capsys: Any
) -> tuple[int, str, str]:
    monkeypatch.chdir(folder)
    code = cli.main(["nationellt", *words])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", ["text", "markdown", "json"])
def test_output_snapshot(
    fmt: str,
    published: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    files = [name for name, *_ in FORBUND]
    code, out, err = _run([*files, "--format", fmt], published, monkeypatch, capsys)
    assert (code, err) == (ExitCode.OK, "")
    assert_snapshot(f"nationellt.{fmt}.txt", out)


def test_json_output_names_its_sources_and_sums(
    published: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    files = [name for name, *_ in FORBUND]
    code, out, _ = _run([*files, "--format", "json"], published, monkeypatch, capsys)
    assert code == ExitCode.OK
    document = json.loads(out)
    assert [s["fil"] for s in document["kallor"]] == files
    per_year = sum(y["totalt"]["beviljat"] for y in document["per_ar"].values())
    assert per_year == document["totalt"]["totalt"]["beviljat"]
    assert per_year == sum(i["beviljat_totalt"] for i in document["insatser"])
    assert document["problem"] == []


def _write(folder: Path, name: str, text: str) -> str:
    (folder / name).write_text(text, "utf-8")
    return name


def test_a_broken_file_is_a_swedish_finding(
    published: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    shutil.copy(published / "provby.json", tmp_path / "provby.json")
    broken = _write(tmp_path, "trasig.json", '{"forbund": "Något", "insatser": [')
    code, out, err = _run(["provby.json", broken], tmp_path, monkeypatch, capsys)
    assert code == ExitCode.FINDINGS
    assert "trasig.json: fel: filen är ingen giltig JSON (rad 1" in err
    assert "Traceback" not in err
    # The readable file is still summed.
    assert "Samordningsförbundet Provby" in out and "1 förbund, 3 insatser." in out


def test_a_file_that_fails_the_schema_is_a_swedish_finding(
    published: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    data = json.loads((published / "andraby.json").read_text("utf-8"))
    data["insatser"][0]["beviljat"] = {"år 2025": 1}
    del data["valuta"]
    data["version"] = 3
    name = _write(tmp_path, "fel-format.json", json.dumps(data))
    code, out, err = _run([name], tmp_path, monkeypatch, capsys)
    assert code == ExitCode.FINDINGS
    assert f"fel-format.json: fel: filen följer inte formatet i {DATA_SCHEMA}" in err
    assert "översta nivån: uppgiften valuta saknas;" in err
    assert "formatets version är 3" in err
    assert "insatser[0].beviljat: nyckeln 'år 2025' ska vara ett år med fyra siffror" in err
    assert "Ingen fil kunde läsas" in out


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe{}", "inte kodad i UTF-8"),
        (b'{"a": 1, "a": 2}', "står två gånger"),
        (b'{"a": NaN}', "NaN är inget tal"),
        (b"[" * 100_000, "nästlad för djupt"),
        (b"[1" + b"0" * 5000 + b"]", "ingen giltig JSON"),
        (b"[]", "översta nivån: ska vara ett objekt"),
    ],
)
def test_hostile_files_are_findings(
    content: bytes,
    message: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    (tmp_path / "x.json").write_bytes(content)
    code, _, err = _run(["x.json"], tmp_path, monkeypatch, capsys)
    assert code == ExitCode.FINDINGS
    assert message in err and err.startswith("finsam: x.json: fel: ")


def test_a_file_over_the_cap_is_not_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("finsam.national.MAX_OPEN_DATA_BYTES", 10)
    (tmp_path / "stor.json").write_text("{" + " " * 20 + "}", "utf-8")
    code, _, err = _run(["stor.json"], tmp_path, monkeypatch, capsys)
    assert code == ExitCode.FINDINGS and "större än" in err


def test_a_missing_file_is_a_usage_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = _run(["finns-inte.json"], tmp_path, monkeypatch, capsys)
    assert (code, out) == (ExitCode.USAGE, "")
    assert "finns-inte.json" in err and "finns inte" in err
