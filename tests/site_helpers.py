"""Building the site in a temporary copy of the repository, for the site tests."""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
TESTS = REPO / "tests"
CHROMIUM = Path(os.environ.get("FINSAM_CHROMIUM", "/usr/bin/chromium"))


@contextlib.contextmanager
def chromium() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright: the browser tests and `make bilder`
    start it this one way (no sandbox as root in CI, no connections of its own)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=["--headless", "--no-sandbox", "--disable-background-networking", "--disable-gpu"],
        )
        try:
            yield browser
        finally:
            browser.close()


# What a förbund's repository needs of the site: its mkdocs.yml (the plugin finsam brings the
# pages, the theme and the settings from the installed package) and a docs/ of its own.
SITE_PARTS = ("mkdocs.yml",)


def site_repo(target: Path, applications: Path | None = None, config: Path | None = None) -> Path:
    """A thin repository like a förbund's: the reference förbund's mkdocs.yml, an empty docs/,
    the test förbund and the given applications."""
    target.mkdir(parents=True, exist_ok=True)
    for part in SITE_PARTS:
        shutil.copy(REPO / part, target / part)
    (target / "docs").mkdir()
    (target / "docs" / ".gitkeep").touch()
    shutil.copy(config or TESTS / "forbund.yml", target / "forbund.yml")
    if applications is not None:
        shutil.copytree(applications, target / "applications")
    else:
        (target / "applications").mkdir()
    return target


def build(root: Path) -> Path:
    out = root / "site"
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(root / "mkdocs.yml"),
            "-d",
            str(out),
        ],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return out


class Inspector(HTMLParser):
    """Collects what matters for safety: attributes, URLs and script elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.event_attributes: list[str] = []
        self.javascript_urls: list[str] = []
        self.scripts: list[tuple[str, str]] = []  # (src, inline text)
        self._in_script: str | None = None
        self._script_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name.lower().startswith("on"):
                self.event_attributes.append(f"<{tag} {name}={value!r}>")
            squashed = "".join((value or "").split()).lower()
            if name.lower() in {"href", "src", "action", "formaction", "xlink:href"} and (
                squashed.startswith("javascript:") or squashed.startswith("data:text/html")
            ):
                self.javascript_urls.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._in_script = dict(attrs).get("src") or ""
            self._script_text = []
        if tag in {"title", "textarea"}:
            # Text-only elements (RCDATA): browsers never read tags inside them.
            self.set_cdata_mode(tag)

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._script_text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._script_text)))
            self._in_script = None


def inspect(html: str) -> Inspector:
    parser = Inspector()
    parser.feed(html)
    parser.close()
    return parser


# Newer Pythons read <title> and <textarea> as browsers do (text only, character references
# decoded); on older ones the parser is told so here.
_NATIVE_RCDATA = "title" in getattr(HTMLParser, "RCDATA_CONTENT_ELEMENTS", ())


class VisibleTexts(HTMLParser):
    """Every run of text between two tags, as a browser reads it (references decoded), outside
    script and style elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self._hidden: str | None = None
        self._rcdata = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self._hidden = tag
        if tag in {"title", "textarea"} and not _NATIVE_RCDATA:
            self.set_cdata_mode(tag)
            self._rcdata = True

    def handle_endtag(self, tag: str) -> None:
        if tag == self._hidden:
            self._hidden = None
        self._rcdata = False

    def handle_data(self, data: str) -> None:
        if self._hidden is None:
            self.texts.append(html.unescape(data) if self._rcdata else data)


def visible_texts(page: str) -> list[str]:
    parser = VisibleTexts()
    parser.feed(page)
    parser.close()
    return parser.texts
