"""The stand-in for rpds (finsam.form.rpds_standin) that the site's bundle ships in place of
rpds-py, which has no WebAssembly wheel: the desk gives the same findings with it as with the
real thing, and it behaves as rpds does where referencing and jsonschema use it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import rpds

from finsam.form import rpds_standin
from tests.conftest import FORBUND, TESTS
from tests.overlays import cases, materialise

# The desk's check over every invalid case, in a fresh Python: its findings, which rpds it
# imported, and whether jsonschema (which imports rpds through referencing) ran at all. All in
# this one process (as in the browser), not shared among the cores' forked processes.
_RUN = """
import json, sys
from pathlib import Path
from finsam import checker
from finsam.checker import check
checker.PARALLEL_FROM = 10**9
root, forbund = Path(sys.argv[1]), Path(sys.argv[2])
folders = sorted(p for p in (root / "cases" / "invalid").iterdir() if p.is_dir())
result = check(folders, root, forbund, compare_with=None, use_cache=False)
print(json.dumps({
    "rpds": sys.modules["rpds"].__file__,
    "jsonschema": "jsonschema" in sys.modules,
    "fynd": [f.as_dict() for f in result.findings],
}))
"""


def _findings(root: Path, path: list[str]) -> dict[str, Any]:
    environment = {**os.environ, "FINSAM_CACHE": "0", "PYTHONPATH": os.pathsep.join(path)}
    done = subprocess.run(
        [sys.executable, "-c", _RUN, str(root), str(FORBUND)],
        capture_output=True,
        text=True,
        check=False,
        env=environment,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    found: dict[str, Any] = json.loads(done.stdout)
    return found


def test_the_desk_gives_the_same_findings_with_the_stand_in(tmp_path: Path) -> None:
    root = tmp_path / "arkiv"
    for case in cases("invalid"):
        folder, _ = materialise(case, tmp_path / "overlays")
        shutil.copytree(folder, root / "cases" / "invalid" / case.name, symlinks=True)
    standin = tmp_path / "standin" / "rpds"
    standin.mkdir(parents=True)
    shutil.copyfile(Path(rpds_standin.__file__), standin / "__init__.py")
    real = _findings(root, [])
    replaced = _findings(root, [str(standin.parent)])
    assert Path(real["rpds"]).resolve() == Path(rpds.__file__).resolve()
    assert Path(replaced["rpds"]).resolve() == (standin / "__init__.py").resolve()
    assert real["jsonschema"] and replaced["jsonschema"]
    assert len(real["fynd"]) > 100  # the schemas' findings among them
    assert any(f["regel"].startswith("S") for f in real["fynd"])
    assert replaced["fynd"] == real["fynd"]


MAPS: list[dict[Any, Any]] = [{}, {"a": 1}, {"a": 1, ("b", "c"): 2}]


@pytest.mark.parametrize("start", MAPS)
def test_the_map_behaves_as_rpds_does(start: dict[Any, Any]) -> None:
    for module in (rpds, rpds_standin):
        made = module.HashTrieMap(start)
        assert module.HashTrieMap.convert(made) is made
        assert dict(made.insert("x", 9)) == {**start, "x": 9} and dict(made) == start
        assert dict(made.update({"a": 5}, [("y", 6)])) == {**start, "a": 5, "y": 6}
        assert dict(made.discard("a")) == {k: v for k, v in start.items() if k != "a"}
        assert made.get("a") == start.get("a") and ("a" in made) == ("a" in start)
        assert len(made) == len(start) and sorted(map(str, made)) == sorted(map(str, start))
        assert made == module.HashTrieMap(start) and hash(made) == hash(module.HashTrieMap(start))
        assert dict(module.HashTrieMap.convert(start.items())) == start
        if "a" in start:
            assert "a" not in made.remove("a")
        else:
            with pytest.raises(KeyError):
                made.remove("a")


def test_the_set_and_the_list_behave_as_rpds_does() -> None:
    for module in (rpds, rpds_standin):
        empty = module.HashTrieSet()
        grown = empty.insert("a").insert("b").update(["c"], {"d"})
        assert set(grown) == {"a", "b", "c", "d"} and not empty and len(grown) == 4
        assert set(grown.discard("a")) == {"b", "c", "d"} and set(grown.discard("x")) == set(grown)
        with pytest.raises(KeyError):
            grown.remove("x")
        assert grown == module.HashTrieSet(["d", "c", "b", "a"])
        listed = module.List().push_front("b").push_front("a")
        assert list(listed) == ["a", "b"] and len(listed) == 2 and listed.first == "a"
        assert list(listed.rest) == ["b"] and list(listed.drop_first()) == ["b"]
        assert list(module.List([1, 2])) == [1, 2] and list(module.List(1, 2)) == [1, 2]
        assert listed == module.List(["a", "b"]) and hash(listed) == hash(module.List(["a", "b"]))
        with pytest.raises(IndexError):
            _ = module.List().first


def test_no_rpds_wheel_is_needed_by_the_site() -> None:
    """The bundle ships the stand-in as rpds and no compiled module (test_form.py shows the
    bundle); the stand-in itself imports nothing but the standard library."""
    source = Path(rpds_standin.__file__).read_text("utf-8")
    imports = [line for line in source.splitlines() if line.startswith(("import ", "from "))]
    assert all(line.split()[1] in ("__future__", "collections.abc", "typing") for line in imports)
    assert TESTS.is_dir()
