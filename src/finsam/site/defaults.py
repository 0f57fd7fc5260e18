"""What a förbund's site gets from finsam unless its own mkdocs.yml, docs/ or theme says
otherwise: the settings, the guidance pages and assets, and the theme overrides.

The MkDocs plugin (finsam.site.plugin) applies these to the validated configuration while
building; `finsam sajt` (finsam.site.export) writes them into a plain mkdocs.yml. Both take the
values from here, so the two sites are the same.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from finsam.package_folders import package_folder

PLUGIN = "finsam"  # the plugin's name in mkdocs.yml (the mkdocs.plugins entry point)

# Today's navigation of the reference förbund; generated pages (mallar, skriv-ansokan …) too.
NAV: list[Any] = [
    {"Start": "index.md"},
    {
        "Söka medel": [
            {"Så ansöker du": "ansok.md"},
            {"Från idé till beslut": "process.md"},
            {"Mallar": "mallar.md"},
            {"Skriv ansökan": "skriv-ansokan.md"},
            {"Lämna in utan Git": "lamna-in.md"},
            {"Fältguide": "faltguide.md"},
            {"Regler för kontrollen": "regler.md"},
            {"Rapportering": "rapportering.md"},
        ]
    },
    {
        "Beviljade insatser": [
            {"Alla insatser": "insatser/index.md"},
            {"Per år": "insatser/per-ar.md"},
            {"Per medlem": "insatser/per-part.md"},
            {"Statistik": "statistik.md"},
            {"Öppna data": "oppna-data.md"},
        ]
    },
    {
        "Om webbplatsen": [
            {"Tillgänglighetsredogörelse": "tillganglighet.md"},
            {"Personuppgifter": "personuppgifter.md"},
        ]
    },
]
# Each insats's page is reached from the index pages, not the sidebar, so every page's
# navigation stays small; so is the page of idéskisser (only when forbund.yml publishes them).
NOT_IN_NAV = ("/insats/", "/ideskisser.md")

# No request to Google Fonts: a public body's site makes no third-party requests.
FONT = False
FEATURES = ("navigation.sections", "navigation.top", "search.suggest", "content.tooltips")
PALETTE = {"primary": "indigo", "accent": "indigo"}

# Markdown extensions with their settings, added when the förbund's mkdocs.yml lacks them.
EXTENSIONS: dict[str, dict[str, Any]] = {
    "admonition": {},
    "attr_list": {},
    "tables": {},
    "toc": {"permalink": False, "title": "På den här sidan"},
}
# Served from the site itself, like everything a page loads.
EXTRA_CSS = ("stylesheets/finsam.css",)
EXTRA_JAVASCRIPT = ("javascripts/insatser.js", "javascripts/sok.js")

# MkDocs' validation: (section, setting) -> level, where the förbund sets none. A setting at
# the top of `validation:` applies to each section that has it (MkDocs propagates it).
VALIDATION = {
    ("nav", "omitted_files"): "warn",
    ("nav", "absolute_links"): "warn",
    ("links", "absolute_links"): "warn",
    ("links", "unrecognized_links"): "warn",
}


def docs_folder() -> Path:
    """The default guidance pages and assets (docs/ of finsam's repository)."""
    return package_folder("docs")


def theme_folder() -> Path:
    """The theme overrides (overrides/ of finsam's repository)."""
    return package_folder("theme")


def default_files() -> dict[str, Path]:
    """Every default file (page, script, style sheet, picture) by its path below docs/."""
    folder = docs_folder()
    return {
        path.relative_to(folder).as_posix(): path
        for path in sorted(folder.rglob("*"))
        if path.is_file()
        and not any(part.startswith((".", "__")) for part in path.relative_to(folder).parts)
    }


def unset_validation(raw: Any) -> list[tuple[str, str]]:
    """The (section, setting) pairs of VALIDATION that the förbund's `validation:` leaves unset."""
    raw = raw if isinstance(raw, dict) else {}
    return [
        (section, key)
        for section, key in VALIDATION
        if key not in raw and not (isinstance(raw.get(section), dict) and key in raw[section])
    ]


def _extensions(listed: Any) -> dict[str, Any]:
    """markdown_extensions as written (a list of names and one-key mappings, or a mapping),
    as name -> settings (None for none)."""
    if isinstance(listed, dict):
        return dict(listed)
    out: dict[str, Any] = {}
    for item in listed if isinstance(listed, list) else []:
        out.update(item if isinstance(item, dict) else {str(item): None})
    return out


def plain_config(raw: dict[str, Any], custom_dir: str) -> dict[str, Any]:
    """The förbund's mkdocs.yml (as loaded YAML) with every default written in, without the
    finsam plugin or hooks, for a builder that has neither. ``custom_dir``: the theme folder
    that holds finsam's overrides with the förbund's own over them."""
    config = copy.deepcopy(raw)
    theme = config.get("theme") or {}
    theme = {"name": theme} if isinstance(theme, str) else dict(theme)
    theme["font"] = FONT
    if not theme.get("features"):
        theme["features"] = list(FEATURES)
    theme.setdefault("palette", dict(PALETTE))
    theme["custom_dir"] = custom_dir
    config["theme"] = theme

    # As the plugin does: an extension listed without settings gets finsam's (toc's title).
    extensions = _extensions(config.get("markdown_extensions"))
    for name, settings in EXTENSIONS.items():
        if not extensions.get(name):
            extensions[name] = dict(settings) or None
    config["markdown_extensions"] = [
        {name: settings} if settings else name for name, settings in extensions.items()
    ]

    for key, defaults in (("extra_css", EXTRA_CSS), ("extra_javascript", EXTRA_JAVASCRIPT)):
        present = list(config.get(key) or [])
        paths = {item.get("path") if isinstance(item, dict) else item for item in present}
        config[key] = present + [item for item in defaults if item not in paths]

    if not config.get("nav"):
        config["nav"] = copy.deepcopy(NAV)
    lines = str(config.get("not_in_nav") or "").splitlines()
    config["not_in_nav"] = "\n".join([*lines, *(p for p in NOT_IN_NAV if p not in lines)]) + "\n"
    validation = dict(config.get("validation") or {})
    for section, key in unset_validation(validation):
        validation[section] = {**(validation.get(section) or {}), key: VALIDATION[section, key]}
    config["validation"] = validation

    plugins = config.get("plugins")
    if isinstance(plugins, dict):
        config["plugins"] = {k: v for k, v in plugins.items() if k != PLUGIN}
    elif isinstance(plugins, list):
        config["plugins"] = [
            item
            for item in plugins
            if item != PLUGIN and not (isinstance(item, dict) and PLUGIN in item)
        ]
    config.pop("hooks", None)  # the hook adapter (or any hook) has nothing left to do
    return config
