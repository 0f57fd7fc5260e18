"""What the form hands over once the check finds no error: the folder as one zip, and the text
of the pull request, from the repository's own template with the application's facts filled
in."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Mapping

from finsam.form.fields import APPLICATION, DOCUMENT, SECTIONS, SKETCH
from finsam.form.files import folder_id
from finsam.model.forbund import Forbund

APPLICATIONS = "applications"
# For a repository without a template of its own: the facts that a reviewer looks for first.
DEFAULT_PULL_REQUEST = """## Ny ansökan om samverkansinsats

**Insatsens id (mappens namn):** `applications/<id>/`
**Insatsägare:**
**Samverkande parter:**
**Planerad insatstid:**

### Kort om insatsen

<!-- Två eller tre meningar: vilket behov insatsen möter, för vilka och vad den ska leda till. -->
"""
_LABEL = re.compile(r"^\*\*([^*]+):\*\*\s*$")
_COMMENT = re.compile(r"^\s*<!--.*-->\s*$")
_SENTENCE = re.compile(r"(?<=[.!?])\s+")


def folder_zip(files: Mapping[str, str], folder: str) -> bytes:
    """The files in a zip as the repository holds them: applications/<id>/<file>. Every entry
    has the same fixed time, so the same files give the same zip."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            info = zipfile.ZipInfo(f"{APPLICATIONS}/{folder}/{name}", (2024, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, text.encode("utf-8"))
    return out.getvalue()


def _names(forbund: Forbund, values: Mapping[str, str], group: str) -> str:
    prefix = f"{group}."
    chosen = [
        value
        for name, value in sorted(values.items(), key=lambda item: _order(item[0]))
        if name.startswith(prefix) and name.endswith(".part") and value
    ]
    return forbund.party_names(list(dict.fromkeys(chosen)))


def _order(name: str) -> list[int | str]:
    return [int(p) if p.isdigit() else p for p in name.split(".")]


def _summary(values: Mapping[str, str], forbund: Forbund, document: str) -> str:
    """The opening sentences of the section that sums the insats up (publicering.sammanfattning),
    else of the first section written."""
    prefix = f"{document}.{SECTIONS}."
    texts = [(n.removeprefix(prefix), v.strip()) for n, v in values.items() if n.startswith(prefix)]
    chosen = dict(texts).get(forbund.summary_section) or next((v for _, v in texts if v), "")
    words = " ".join(chosen.split())
    return " ".join(_SENTENCE.split(words)[:3])


def pull_request_text(template: str, values: Mapping[str, str], forbund: Forbund) -> str:
    """The repository's pull-request template for a new application, filled in: the folder's
    id for <id>, each empty **Label:** line that names a fact, and the first placeholder
    comment under a heading with the opening of the insats's summing-up section."""
    document = SKETCH if values.get(DOCUMENT) == SKETCH else APPLICATION
    folder = folder_id(values)
    start = values.get(f"{document}.period.start", "").strip()
    end = values.get(f"{document}.period.slut", "").strip()
    owners = _names(forbund, values, f"{document}.insatsagare")
    joint = _names(forbund, values, f"{document}.medsokande")
    facts = {
        "insatsägare": f"{owners} (tillsammans med {joint})" if joint else owners,
        "samverkande parter": _names(forbund, values, f"{document}.samverkansparter"),
        "samverkansparter": _names(forbund, values, f"{document}.samverkansparter"),
        "planerad insatstid": f"{start} – {end}" if start and end else "",
        "insatsens namn": values.get(f"{document}.titel", "").strip(),
        "arbetsnamn": values.get(f"{document}.titel", "").strip(),
    }
    summary = _summary(values, forbund, document)
    lines = template.replace("<id>", folder).split("\n")
    out: list[str] = []
    filled = False
    for line in lines:
        label = _LABEL.match(line)
        value = facts.get(label[1].strip().casefold(), "") if label else ""
        if label and value:
            out.append(f"{line.rstrip()} {value}")
            continue
        previous = next((o for o in reversed(out) if o.strip()), "")
        if not filled and summary and _COMMENT.match(line) and previous.startswith("#"):
            out.append(summary)
            filled = True
            continue
        out.append(line)
    return "\n".join(out)
