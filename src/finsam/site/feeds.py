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
import xml.etree.ElementTree as ET

from finsam.model.application import Participants
from finsam.model.decision import Decision
from finsam.model.forbund import Forbund
from finsam.model.insats import Insats
from finsam.site.html_parts import html
from finsam.site.insatser import decisions_by_date


def _iso(day: dt.date | None) -> str | None:
    return day.isoformat() if day is not None else None


def _participants(value: Participants | None) -> int | dict[str, int] | None:
    """A number as a number, a range as {min, max}, as in ansokan.md."""
    if value is None or value.low == value.high:
        return None if value is None else value.low
    return {"min": value.low, "max": value.high}


def _url(site_url: str, path: str) -> str:
    return (site_url.rstrip("/") + "/" + path) if site_url else path


def insatser_json(insatser: list[Insats], forbund: Forbund, site_url: str = "") -> str:
    def party(pid: str) -> dict[str, str]:
        member = forbund.parties.get(pid)
        return {"id": pid, "namn": member.name if member else pid}

    document = {
        "version": 1,
        "forbund": forbund.name,
        "insatser": [
            {
                "id": i.id,
                "titel": i.title,
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


def _description(decision: Decision, insats: Insats) -> str:
    """The item's description as HTML: every text escaped once here, as HTML."""
    total = sum(decision.granted.values())
    reference = decision.paragraph or decision.diary_number
    summary = (
        f"{decision.body.capitalize()} {reference}: {decision.outcome}"
        + (f", {total} kr" if total else "")
        + "."
    )
    return str(html("<p><strong>{}</strong></p><p>{}</p>", insats.title, summary))


def rss(insatser: list[Insats], forbund: Forbund, site_url: str = "") -> str:
    channel_root = ET.Element("rss", {"version": "2.0"})
    channel = ET.SubElement(channel_root, "channel")
    ET.SubElement(channel, "title").text = f"Beslut om samverkansinsatser – {forbund.name}"
    ET.SubElement(channel, "link").text = _url(site_url, "insatser/")
    ET.SubElement(
        channel, "description"
    ).text = f"Styrelsens beslut om insatser hos {forbund.name}."
    ET.SubElement(channel, "language").text = "sv"
    entries = [(d, i) for i in insatser for d in decisions_by_date(i)]
    for decision, insats in sorted(
        entries, key=lambda e: (_iso(e[0].date) or "", e[1].id), reverse=True
    ):
        item = ET.SubElement(channel, "item")
        # Plain text: never escaped as HTML, only as XML (by ElementTree).
        ET.SubElement(item, "title").text = f"{decision.outcome.capitalize()}: {insats.title}"
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
