"""The förbund's own facts in the guidance pages.

The guidance pages (docs/*.md: the förbund's own, and finsam's defaults that ship in the
package) write placeholders such as ``{{ namn }}`` or ``{{ medlemmar }}``; they are filled in
from forbund.yml when the site is built (the plugin) or exported (`finsam sajt`), so a new förbund
changes its forbund.yml, not the text. Only the guidance pages are filled: text that applicants
wrote is never read for placeholders. An unknown placeholder is an error, not silent text.
"""

from __future__ import annotations

import re

from finsam.errors import UsageError
from finsam.markdown_text import literal
from finsam.model.deadlines import RHYTHM_NAMES
from finsam.model.forbund import Forbund
from finsam.site.html_parts import Markup, html, join, mailto, text
from finsam.sv import NUMBER_WORDS, lista

PLACEHOLDER = re.compile(r"\{\{\s*([a-z_]+)\s*\}\}")
MONTHS = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)  # fmt: skip


def _annual_due(month_day: str) -> str:
    month, day = (int(part) for part in month_day.split("-"))
    return f"den {day} {MONTHS[month - 1]}"


def _months(count: int) -> str:
    word = NUMBER_WORDS[count] if count < len(NUMBER_WORDS) else str(count)
    return f"{word} {'månad' if count == 1 else 'månader'}"


def _sketch_questions(forbund: Forbund) -> str:
    """The idéskiss's questions as a Markdown list: the working title first (it stands among
    the facts), then each question of forbund.yml with its guidance."""
    if forbund.sketch is None:
        return (
            "- Vad kan idén kallas, vem är den till för och vad skulle parterna göra "
            "tillsammans?\n- Vilka medlemmar är med, ungefär när skulle insatsen pågå och vad "
            "kan den kosta?"
        )
    lines = ["- **Arbetsnamn.** Ett preliminärt namn på idén."]
    for spec in forbund.sketch.sections:
        heading = literal(spec.heading)
        stop = "" if heading.endswith(("?", ".", "!")) else "."
        named = f"**{heading}{stop}**" if spec.required else f"**{heading}** (frivilligt){stop}"
        lines.append(f"- {named} {literal(' '.join(spec.guidance.split()))}".rstrip())
    return "\n".join(lines)


def _body(forbund: Forbund) -> str:
    """The assessing body as running text names it (beredning.organ.namn)."""
    if forbund.assessment is None:
        return "förbundets beredningsgrupp"
    return literal(forbund.assessment.body_name)


def _criteria(forbund: Forbund) -> str:
    """The criteria an application is assessed against, as a Markdown list (a criterion that
    only some mallar have says which)."""
    config = forbund.assessment
    if config is None:
        return "- Kansliet berättar vilka kriterier förbundet bedömer ansökningar mot."
    lines = []
    for criterion in config.criteria:
        only = ""
        if criterion.templates:
            names = [
                next((t.name for t in forbund.templates.values() if t.id == tid), tid)
                for tid in criterion.templates
            ]
            only = f" (gäller bara ansökningar på {lista([f'”{n}”' for n in names])})"
        text_part = " ".join(criterion.description.split())
        lines.append(f"- **{literal(criterion.name)}.** {literal(text_part)}{literal(only)}")
    return "\n".join(lines)


def _scale(forbund: Forbund) -> str:
    """How each criterion is judged, in a phrase: 'uppfyllt, delvis uppfyllt eller inte
    uppfyllt' or 'med poäng från 1 till 5'."""
    config = forbund.assessment
    if config is None or not config.points:
        return "som uppfyllt, delvis uppfyllt eller inte uppfyllt"
    return f"med poäng från {config.points_min} till {config.points_max}"


def facts(forbund: Forbund) -> dict[str, str]:
    """Every placeholder and its Markdown text."""
    members = [literal(party.name) for party in forbund.parties.values()]
    rhythm = RHYTHM_NAMES.get(forbund.reporting.rhythm, forbund.reporting.rhythm)
    example = next(iter(forbund.parties.values()))
    return {
        "namn": literal(forbund.name),
        "epost": f"<{forbund.email}>",
        "medlemmar": "\n".join(f"- {name}" for name in members),
        "alder": f"{forbund.age_min}–{forbund.age_max} år",
        "alder_min": str(forbund.age_min),
        "alder_max": str(forbund.age_max),
        "rapportrytm": rhythm,
        "rapportrytm_versal": rhythm[:1].upper() + rhythm[1:],
        "arsrapport_senast": _annual_due(forbund.reporting.annual_due),
        "slutrapport_senast": _months(forbund.reporting.final_months),
        "medlemmar_text": lista(members),
        "exempelmedlem": literal(example.name),
        "exempelmedlem_id": example.id,  # in the YAML examples: the förbund's own member
        "kontaktpersoner": (
            "publicerar dem" if forbund.publish_contacts else "har beslutat att inte publicera dem"
        ),
        "licens": LICENCE_TEXTS[forbund.licence],
        "ideskiss_fragor": _sketch_questions(forbund),
        "beredande_organ": _body(forbund),
        "beredande_organ_versal": _body(forbund)[:1].upper() + _body(forbund)[1:],
        "beredning_kriterier": _criteria(forbund),
        "beredning_skala": _scale(forbund),
        "arkiv": (
            f"[förbundets arkiv på GitHub]({forbund.repository_url})"
            if forbund.repository_url
            else "förbundets arkiv på GitHub (kansliet ger er adressen)"
        ),
    }


# The open data's licence in a sentence of the Öppna data page.
LICENCE_TEXTS = {
    "CC0-1.0": "[CC0 1.0](https://creativecommons.org/publicdomain/zero/1.0/deed.sv): "
    "du får använda uppgifterna fritt, utan villkor och utan att ange källan",
    "CC-BY-4.0": "[CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.sv): du får "
    "använda uppgifterna fritt om du anger förbundet som källa",
}


def fill(text: str, forbund: Forbund, source: str) -> str:
    values = facts(forbund)

    def replace(match: re.Match[str]) -> str:
        key = match.group(1)
        if key not in values:
            known = ", ".join(sorted(values))
            raise UsageError(f"{source}: okänd platshållare {{{{ {key} }}}} (kända: {known}).")
        return values[key]

    return PLACEHOLDER.sub(replace, text)


def site_settings(forbund: Forbund) -> dict[str, str]:  # Markup is a str
    """The site's name, description, address and copyright line, from forbund.yml.

    The theme writes these into its pages mostly without escaping, and once through Jinja's
    ``e`` filter: so they are handed over escaped once, as Markup, which that filter leaves
    alone. (The address is checked by the schema: https, no spaces or quotes.)"""
    return {
        "site_name": text(f"{forbund.name} – samverkansmedel"),
        "site_description": text(
            f"Vägledning, mallar och beviljade samverkansinsatser hos {forbund.name}."
        ),
        "site_url": forbund.site_url,
        "copyright": text(forbund.name),
    }


def contact_line(forbund: Forbund) -> Markup:
    """Who publishes the site and how to reach them, for the foot of every page."""
    parts = [html("{}", forbund.name)]
    if forbund.postal_address:
        parts.append(html("{}", forbund.postal_address))
    if forbund.phone:
        digits = "".join(c for c in forbund.phone if c.isdigit() or c == "+")
        parts.append(html('Telefon <a href="tel:{}">{}</a>', digits, forbund.phone))
    parts.append(html("E-post {}", mailto(forbund.email)))
    return join(parts, " · ")
