"""The approved insatser: the model of every folder whose decisions grant it."""

from __future__ import annotations

import re
from pathlib import Path

from finsam.checker import APPLICATIONS_DIR, relative
from finsam.loader.application import insats_folders, load_application
from finsam.model.assessment import REVIEW
from finsam.model.decision import GRANTED, STATUS_NAMES, Decision
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.site.html_parts import plain_text
from finsam.site.render import kr, markdown_html, period_sv

SUMMARY_LENGTH = 140  # characters: a couple of sentences in the search, at most
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ0-9])")


def published_sections(insats: Insats) -> list[tuple[str, str]]:
    """The application's sections as (heading, Markdown) in the order written; fixed agreement
    texts are left out (they are the same in every application), and so are empty ones."""
    template = insats.template
    fixed = {s.heading.casefold() for s in template.sections if s.fixed_text} if template else set()
    return [
        (s.heading, s.text)
        for s in insats.application.sections
        if s.heading.casefold() not in fixed and not s.is_empty
    ]


def summary(insats: Insats, forbund: Forbund, length: int = SUMMARY_LENGTH) -> str:
    """The opening sentences of the section that publicering.sammanfattning names, as plain
    text of at most ``length`` characters (a longer first sentence is cut at a word, with an
    ellipsis); "" when the förbund names none or the application lacks it."""
    template = insats.template
    sections = template.sections if template else ()
    spec = next((s for s in sections if s.key == forbund.summary_section), None)
    if spec is None:
        return ""
    wanted = spec.heading.casefold()
    source = next(
        (t for heading, t in published_sections(insats) if heading.casefold() == wanted), ""
    )
    text = plain_text(markdown_html(source))
    if len(text) <= length:
        return text
    kept = ""
    for sentence in _SENTENCE_END.split(text):
        if len(kept) + len(sentence) + 1 > length:
            break
        kept = f"{kept} {sentence}".strip()
    if kept:
        return kept
    cut = text.rfind(" ", 0, length)
    return text[: cut if cut > 0 else length].rstrip(",;:– ") + "…"


def decisions_by_date(insats: Insats) -> list[Decision]:
    """The decisions, earliest first (a decision without a readable date first of all)."""
    return sorted(insats.decisions, key=lambda d: d.date.isoformat() if d.date else "")


def read_insats(folder: Path, root: Path, forbund: Forbund) -> Insats | None:
    """An insats if its folder holds a readable application with a granting decision."""
    # Only reading is needed here: `make site` has already run every check, so the documents
    # are not validated a second time.
    app, _ = load_application(folder, relative(folder, root), validated=False)
    insats = Insats(app, forbund)
    if not insats.has_application or not any(d.grants for d in insats.decisions):
        return None
    return insats


def _sort_key(insats: Insats) -> tuple[str, str]:
    start = insats.application.start
    return (start.isoformat() if start else "", insats.id)


def approved_insatser(root: Path, forbund: Forbund) -> list[Insats]:
    base = root / APPLICATIONS_DIR
    if not base.is_dir():
        return []
    found = []
    for folder in sorted(insats_folders(base)[0]):  # linked folders are never published
        insats = read_insats(folder, root, forbund)
        if insats is not None:
            found.append(insats)
    return sorted(found, key=_sort_key, reverse=True)


def published_sketches(root: Path, forbund: Forbund) -> list[Insats]:
    """The idéskisser to publish: none, unless forbund.yml says publicering.ideskiss: true. Then
    the ideas that have not become applications yet, newest first. An idéskiss is never part
    of the approved insatser, of their pages or of the open data."""
    base = root / APPLICATIONS_DIR
    if not forbund.publish_sketches or not base.is_dir():
        return []
    found = []
    for folder in sorted(insats_folders(base)[0]):
        app, _ = load_application(folder, relative(folder, root), validated=False)
        insats = Insats(app, forbund)
        if insats.sketch_only:
            found.append(insats)
    return sorted(found, key=lambda i: (str(i.sketch.sent or ""), i.id), reverse=True)


def published_assessment(insats: Insats, forbund: Forbund) -> frozenset[str]:
    """The parts of the beredning to show on an approved insats's page: those that
    publicering.beredning names and the beredning holds (bedomning, rekommendation). None
    unless the förbund has chosen to publish them, and never the quality review; nor for an
    insats without a granting decision, which has no page."""
    assessment = insats.assessment
    if assessment is None or not any(d.grants for d in insats.decisions):
        return frozenset()
    return frozenset(forbund.publish_assessment) & assessment.parts - {REVIEW}


def status_name(insats: Insats) -> str:
    """'Pågående': the insats's status as the last decision that set one says."""
    outcome = insats.last_outcome or GRANTED
    return STATUS_NAMES.get(outcome, outcome).capitalize()


def lead(insats: Insats, forbund: Forbund) -> str:
    """One sentence on who runs the insats, with whom, and what the förbund granted."""
    partners = [p for p in insats.application.partners if p not in insats.application.owners]
    owners = forbund.party_names(insats.application.owners)
    with_partners = f" tillsammans med {forbund.party_names(partners)}" if partners else ""
    period = period_sv(insats.application.start, insats.application.end).replace(" – ", " till ")
    return (
        f"{insats.title} drivs av {owners}{with_partners}. {forbund.name} har beviljat "
        f"{kr(insats.granted_total)} till insatsen, som pågår {period}."
    )
