"""`finsam sajt` writes the whole site source to a folder that ProperDocs (the maintained fork
of MkDocs) builds without finsam's plugin or hook."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from finsam import cli
from finsam.exitcodes import ExitCode
from tests.site_helpers import TESTS, site_repo


def test_exported_site_builds_with_properdocs(tmp_path: Path) -> None:
    root = site_repo(tmp_path / "repo")
    shutil.copytree(TESTS / "cases" / "valid" / "komplett", root / "applications" / "komplett")
    out = tmp_path / "export"
    code = cli.main(["sajt", "--forbund", str(root / "forbund.yml"), "--ut", str(out)])
    assert code == ExitCode.OK
    assert (out / "docs" / "insats" / "komplett.md").is_file()
    assert "hooks" not in (out / "mkdocs.yml").read_text("utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "properdocs", "build", "--strict", "-f", str(out / "mkdocs.yml")],
        capture_output=True,
        text=True,
        check=False,
        env=env,
        cwd=out,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    page = (out / "site" / "insats" / "komplett" / "index.html").read_text("utf-8")
    assert "Gemensamt stöd mot arbete" in page
    assert (out / "site" / "insatser.json").is_file()
    assert 'E-post <a href="mailto:kansliet@provby.example">' in page  # the foot's contact line
    assert (out / "site" / "insatser-360giving.json").is_file()
