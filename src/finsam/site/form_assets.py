"""What the form "Skriv ansökan" runs in the browser, served from the site itself: Pyodide
(CPython compiled to WebAssembly, from npm: node_modules/pyodide, pinned in package.json) and a
zip of the Python code that the desk's check needs, with the förbund's forbund.yml and its
pull-request template.

Nothing is fetched from elsewhere at run time: the page's worker loads Pyodide from kontroll/
and unpacks the zip into Pyodide's own file system. The zip holds exactly the modules that the
form's entry points (finsam.form.check) import: a fresh Python runs them on a few sample values
and lists ``sys.modules`` (module_files). finsam's own modules go in one by one; each other
package goes in whole, as pure Python with its data files (PyYAML runs without its C part).
rpds-py, which jsonschema and referencing import, is compiled Rust with no WebAssembly wheel,
so its place is taken by finsam.form.rpds_standin.
"""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

from finsam.errors import UsageError
from finsam.form import rpds_standin
from finsam.form.check import PULL_REQUEST, SKETCH_PULL_REQUEST
from finsam.form.submission import DEFAULT_PULL_REQUEST
from finsam.model.forbund import CONFIG_NAME
from finsam.package_folders import package_folder
from finsam.schemas import schema_dir

FOLDER = "kontroll"  # below the site: Pyodide's files and the bundle
BUNDLE = "finsam.zip"
DATA = "data"  # in the bundle: forbund.yml and the pull-request template
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.js",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
# The pull-request templates that fit a new folder, best first (below .github/ of the site's
# repository, else of finsam's package).
PULL_REQUEST_TEMPLATES = (
    "PULL_REQUEST_TEMPLATE/ny-ansokan.md",
    "pull_request_template.md",
)
# An idéskiss's own template; without it, the application's serves.
SKETCH_PULL_REQUEST_TEMPLATE = "PULL_REQUEST_TEMPLATE/ideskiss.md"
SKIPPED_FOLDERS = frozenset({"__pycache__", "tests", "benchmarks"})
# Compiled code and type stubs stay out; everything else of a package (its data too) goes in.
LEFT_OUT = (".so", ".pyd", ".pyc", ".pyi", ".c", ".h", ".pyx", ".pxd", ".dll", ".dylib")
_STANDIN = "rpds"  # the module that rpds_standin stands in for
_FIXED_TIME = (2024, 1, 1, 0, 0, 0)  # every entry's time: the same code gives the same zip

# Run in a fresh Python: the form's entry points on an empty and a filled-in form, then every
# module that came to be imported, with its file.
_PROBE = """
import base64, json, sys
from finsam.form import check
folder = sys.argv[1]
for values in ({}, json.loads(sys.argv[2])):
    text = json.dumps(values)
    found = json.loads(check.check_json(text, folder))
    files = {n: base64.b64encode(t.encode()).decode() for n, t in found["filer"].items()}
    zipped = check.zip_json(text, folder)
    files["mapp.zip"] = base64.b64encode(zipped).decode()
    check.open_json(json.dumps(files), folder)
    check.pull_request_json(text, folder)
print(json.dumps({n: getattr(m, "__file__", None) for n, m in sorted(sys.modules.items())}))
"""
_SAMPLE = {
    "id": "2026-prov",
    "ansokan.titel": "Prov",
    "ansokan.period.start": "2026-01-01",
    "ansokan.period.slut": "2027-12-31",
    "ansokan.malgrupp.forvantat_antal_deltagare": "30-40",
    "budget.rader.0.benamning": "Prov",
    "budget.rader.0.finansiering": "forbundet",
    "budget.rader.0.belopp.2026": "12 000",
    "budget.rader.0.tjanstgoringsgrad": "37,5",
    "ideskiss.titel": "Prov",
    "ideskiss.preliminar_budget.per_ar.2026": "1000",
}


def pyodide_folder(root: Path) -> Path:
    """node_modules/pyodide of the site's repository, else of the checkout finsam runs from
    (the tests build sites in folders of their own)."""
    here = Path(__file__).resolve().parents[3]
    for base in (root, here):
        folder = base / "node_modules" / "pyodide"
        if all((folder / name).is_file() for name in PYODIDE_FILES):
            return folder
    raise UsageError(
        "Pyodide saknas i node_modules/pyodide: formuläret Skriv ansökan behöver det. "
        "Kör make site, eller npm ci --omit=dev --ignore-scripts i arkivet."
    )


def module_files(root: Path) -> dict[str, str]:
    """Every module that the form's entry points import, by name, with its file ("" for one
    built into Python), as a fresh Python run on sample values lists them."""
    with tempfile.TemporaryDirectory() as tmp:
        data = _data_files(root)
        for name, content in data.items():
            (Path(tmp) / name).write_bytes(content)
        environment = {**os.environ, "FINSAM_CACHE": "0", "PYTHONDONTWRITEBYTECODE": "1"}
        done = subprocess.run(
            [sys.executable, "-c", _PROBE, tmp, json.dumps(_SAMPLE)],
            capture_output=True,
            text=True,
            check=False,
            env=environment,
        )
    if done.returncode != 0:
        raise UsageError(f"Formulärets kontroll gick inte att pröva: {done.stderr[-2000:]}")
    found: dict[str, str | None] = json.loads(done.stdout)
    return {name: file or "" for name, file in found.items()}


def _template(root: Path, names: tuple[str, ...]) -> bytes | None:
    """The first of the pull-request templates the site's repository has (its .github/), else
    the first that finsam ships: a förbund's own templates win over the package's."""
    for folder in (root / ".github", package_folder("github")):
        for name in names:
            if (folder / name).is_file():
                return (folder / name).read_bytes()
    return None


def _data_files(root: Path) -> dict[str, bytes]:
    """forbund.yml and the pull-request templates, as the bundle's data folder holds them."""
    files = {CONFIG_NAME: (root / CONFIG_NAME).read_bytes()}
    template = _template(root, PULL_REQUEST_TEMPLATES)
    files[PULL_REQUEST] = template or DEFAULT_PULL_REQUEST.encode("utf-8")
    sketch = _template(root, (SKETCH_PULL_REQUEST_TEMPLATE,))
    if sketch is not None:
        files[SKETCH_PULL_REQUEST] = sketch
    return files


def _package_files(top: str, file: str) -> list[tuple[str, Path]]:
    """(name in the zip, file) for a top-level module: its one file, or its package whole."""
    path = Path(file)
    if path.name != "__init__.py":
        return [(path.name, path)] if path.suffix == ".py" else []
    out = []
    for found in sorted(path.parent.rglob("*")):
        relative = found.relative_to(path.parent)
        if SKIPPED_FOLDERS & set(relative.parts) or not found.is_file():
            continue
        if not found.name.endswith(LEFT_OUT):
            out.append((f"{top}/{relative.as_posix()}", found))
    return out


def bundle(root: Path, modules: dict[str, str] | None = None) -> bytes:
    """The zip of the check's Python code and the förbund's data, for the browser."""
    modules = module_files(root) if modules is None else modules
    stdlib = sys.stdlib_module_names
    entries: dict[str, bytes] = {}
    package = Path(rpds_standin.__file__).resolve().parents[1]  # src/finsam
    tops = sorted({name.split(".")[0] for name in modules})
    for top in tops:
        file = modules.get(top, "")
        if top in stdlib or top == _STANDIN or not file or top.startswith("_"):
            continue
        if top == "finsam":  # only the modules the check imports
            for name, module_file in modules.items():
                if name == "finsam" or name.startswith("finsam."):
                    path = Path(module_file)
                    entries[f"finsam/{path.relative_to(package).as_posix()}"] = path.read_bytes()
            continue
        if not file.endswith(".py"):
            raise UsageError(
                f"Modulen {top} är inte skriven i Python och kan inte köras i webbläsaren."
            )
        for name, path in _package_files(top, file):
            entries[name] = path.read_bytes()
    for schema in sorted(schema_dir().glob("*.schema.json")):
        entries[f"finsam/schema/{schema.name}"] = schema.read_bytes()
    entries[f"{_STANDIN}/__init__.py"] = Path(rpds_standin.__file__).read_bytes()
    for name, content in _data_files(root).items():
        entries[f"{DATA}/{name}"] = content
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, _FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return out.getvalue()


def form_assets(root: Path) -> dict[str, bytes]:
    """Pyodide's files and the bundle, by their path below the site."""
    folder = pyodide_folder(root)
    files = {f"{FOLDER}/{name}": (folder / name).read_bytes() for name in PYODIDE_FILES}
    files[f"{FOLDER}/{BUNDLE}"] = bundle(root)
    return files


def pyodide_version(root: Path) -> str:
    """The version of the Pyodide that the site serves (its package.json in node_modules)."""
    manifest = json.loads((pyodide_folder(root) / "package.json").read_text("utf-8"))
    return str(manifest.get("version", ""))
