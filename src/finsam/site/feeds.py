"""Machine-readable outlets: insatser.json (documented on the Öppna data page) and an RSS feed
of the board's decisions.

Each outlet escapes text exactly once, for its own format. insatser.json holds plain text
(``json.dumps`` escapes it as JSON, never as HTML). In the feed, ``<title>`` is plain text that
ElementTree escapes as XML, and ``<description>`` is HTML (RSS 2.0: entity-encoded HTML), so
applicant text in it is escaped as HTML first and the HTML is then escaped as XML.
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import os
import xml.etree.ElementTree as ET
from typing import Any

from finsam.model.application import Participants
from finsam.model.decision import BODY_NAMES, GRANTED, STATUS_NAMES, Decision
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.schemas import DATA_SCHEMA
from finsam.site.html_parts import html
from finsam.site.insatser import decisions_by_date, lead
from finsam.site.render import kr


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _participants(value: Participants | None) -> int | dict[str, int] | None:
    """A number as a number, a range as {min, max}, as in ansokan.md."""
    if value is None or value.low == value.high:
        return None if value is None else value.low
    return {"min": value.low, "max": value.high}


def _url(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else path


LICENCES = {
    "CC0-1.0": "https://creativecommons.org/publicdomain/zero/1.0/",
    "CC-BY-4.0": "https://creativecommons.org/licenses/by/4.0/",
}
CURRENCY = "SEK"


def generated_at() -> dt.datetime:
    """When the open data was made: now, or SOURCE_DATE_EPOCH for a build that must come out
    the same byte for byte."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "")
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    return dt.datetime.now(dt.UTC).replace(microsecond=0)


def global_id(insats: Insats, forbund: Forbund, site_url: str) -> str:
    """An id no other publisher's grant has: the förbund's 360Giving prefix and the insats's
    id, or else the address of the insats's page."""
    if forbund.id_prefix:
        return f"{forbund.id_prefix}-{insats.id}"
    return _url(site_url, f"insats/{insats.id}/")


def _funder(forbund: Forbund, site_url: str) -> dict[str, str]:
    return {"namn": forbund.name, "webbplats": site_url, "epost": forbund.email}


def insatser_json(
    insatser: list[Insats], forbund: Forbund, site_url: str = "", made: dt.datetime | None = None
) -> str:
    def party(pid: str) -> dict[str, str]:
        member = forbund.parties.get(pid)
        return {"id": pid, "namn": member.name if member else pid}

    document = {
        "$schema": _url(site_url, f"schema/{DATA_SCHEMA}"),
        "version": 2,
        "forbund": forbund.name,
        "finansiar": _funder(forbund, site_url),
        "skapad": (made or generated_at()).isoformat().replace("+00:00", "Z"),
        "licens": {"id": forbund.licence, "url": LICENCES[forbund.licence]},
        "valuta": CURRENCY,
        "insatser": [
            {
                "id": i.id,
                "globalt_id": global_id(i, forbund, site_url),
                "titel": i.title,
                "beskrivning": lead(i, forbund),
                "status": i.last_outcome or GRANTED,
                "url": _url(site_url, f"insats/{i.id}/"),
                "insatsinriktning": i.application.direction,
                "insatsagare": party(i.application.owner),
                "medsokande": [party(p) for p in i.application.co_owners],
                "samverkansparter": [party(p) for p in i.application.partners],
                "period": {
                    "start": _iso(i.application.start),
                    "sista_intag": _iso(i.application.last_intake),
                    "slut": _iso(i.application.end),
                },
                "malgrupp": {
                    "alder_min": i.application.age_min,
                    "alder_max": i.application.age_max,
                    "forvantat_antal_deltagare": _participants(i.application.participants),
                },
                "sokt_fran_forbundet": i.sought_total,
                "beviljat": {str(y): a for y, a in i.granted.items()},
                "beviljat_totalt": i.granted_total,
                "beslut": [
                    {
                        "datum": _iso(d.date),
                        "organ": d.body,
                        "paragraf": d.paragraph or None,
                        "diarienummer": d.diary_number or None,
                        "utfall": d.outcome,
                        "beviljat": {str(y): a for y, a in sorted(d.granted.items())},
                    }
                    for d in decisions_by_date(i)
                ],
            }
            for i in insatser
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _first_grant(insats: Insats) -> dt.date | None:
    dates = [d.date for d in insats.decisions if d.grants and d.date is not None]
    return min(dates) if dates else None


def _organisation(pid: str, forbund: Forbund) -> dict[str, str]:
    """A member as 360Giving names an organisation: an id within the förbund's prefix (or its
    site's address) and the name."""
    member = forbund.parties.get(pid)
    base = forbund.id_prefix or _url(forbund.site_url, "medlem")
    return {"id": f"{base}-{pid}", "name": member.name if member else pid}


def giving360(
    insatser: list[Insats], forbund: Forbund, site_url: str = "", made: dt.datetime | None = None
) -> str:
    """The approved insatser as a 360Giving data package (insatser-360giving.json): one grant
    per insats, to its insatsägare, from the förbund, in Swedish kronor."""
    made_text = (made or generated_at()).isoformat().replace("+00:00", "Z")
    funder = {
        "id": forbund.id_prefix or _url(site_url, ""),
        "name": forbund.name,
    }
    grants: list[dict[str, Any]] = []
    for insats in insatser:
        awarded = _first_grant(insats)
        if awarded is None:
            continue  # 360Giving needs the day of the award
        app = insats.application
        grant: dict[str, Any] = {
            "id": global_id(insats, forbund, site_url),
            "title": insats.title,
            "description": lead(insats, forbund),
            "currency": CURRENCY,
            "amountAwarded": insats.granted_total,
            "awardDate": awarded.isoformat(),
            "url": _url(site_url, f"insats/{insats.id}/"),
            "recipientOrganization": [_organisation(app.owner, forbund)],
            "fundingOrganization": [funder],
            "dateModified": made_text,
        }
        if app.start is not None and app.end is not None:
            grant["plannedDates"] = [{"startDate": _iso(app.start), "endDate": _iso(app.end)}]
        grants.append(grant)
    package = {
        "version": "1.4",
        "title": f"Beviljade samverkansinsatser – {forbund.name}",
        "description": f"Samverkansinsatser som {forbund.name} har beviljat medel till.",
        "issued": made_text,
        "modified": made_text,
        "license": LICENCES[forbund.licence],
        "publisher": {"name": forbund.name, "website": site_url},
        "grants": grants,
    }
    return json.dumps(package, ensure_ascii=False, indent=2) + "\n"


def _description(decision: Decision, insats: Insats) -> str:
    """The item's description as HTML: every text escaped once here, as HTML."""
    total = sum(decision.granted.values())
    reference = decision.paragraph or decision.diary_number
    body = BODY_NAMES.get(decision.body, decision.body).capitalize()
    outcome = STATUS_NAMES.get(decision.outcome, decision.outcome)
    summary = f"{body} {reference}: {outcome}" + (f", {kr(total)}" if total else "") + "."
    return str(html("<p><strong>{}</strong></p><p>{}</p>", insats.title, summary))


ATOM = "http://www.w3.org/2005/Atom"
RSS_TITLE = "Beslut om samverkansinsatser"


def rss(
    insatser: list[Insats], forbund: Forbund, site_url: str = "", made: dt.datetime | None = None
) -> str:
    ET.register_namespace("atom", ATOM)
    channel_root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(channel_root, "channel")
    ET.SubElement(channel, "title").text = f"{RSS_TITLE} – {forbund.name}"
    ET.SubElement(channel, "link").text = _url(site_url, "insatser/")
    # Where the feed itself lives, as feed readers and validators ask for it.
    ET.SubElement(
        channel,
        f"{{{ATOM}}}link",
        {"href": _url(site_url, "rss.xml"), "rel": "self", "type": "application/rss+xml"},
    )
    ET.SubElement(
        channel, "description"
    ).text = f"Styrelsens beslut om insatser hos {forbund.name}."
    ET.SubElement(channel, "language").text = "sv"
    ET.SubElement(channel, "lastBuildDate").text = email.utils.format_datetime(
        made or generated_at()
    )
    entries = [(d, i) for i in insatser for d in decisions_by_date(i)]
    for decision, insats in sorted(
        entries, key=lambda e: (_iso(e[0].date) or "", e[1].id), reverse=True
    ):
        item = ET.SubElement(channel, "item")
        # Plain text: never escaped as HTML, only as XML (by ElementTree).
        outcome = STATUS_NAMES.get(decision.outcome, decision.outcome).capitalize()
        ET.SubElement(item, "title").text = f"{outcome}: {insats.title}"
        ET.SubElement(item, "link").text = _url(site_url, f"insats/{insats.id}/")
        guid = ET.SubElement(item, "guid", {"isPermaLink": "false"})
        guid.text = f"{insats.id}/{_iso(decision.date) or ''}/{decision.outcome}"
        if decision.date is not None:
            day = dt.datetime.combine(decision.date, dt.time(), dt.UTC)
            ET.SubElement(item, "pubDate").text = email.utils.format_datetime(day)
        # ElementTree escapes text for XML exactly once; the HTML is escaped already.
        ET.SubElement(item, "description").text = _description(decision, insats)
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + ET.tostring(channel_root, encoding="unicode")
        + "\n"
    )
