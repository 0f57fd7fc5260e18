"""The förbund's configuration (forbund.yml): members, kansli, templates and their rules."""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

from finsam.config_rules import (
    ASSESSMENT_CONFIG,
    DUPLICATE_ID,
    RESERVED_TEMPLATE_ID,
    UNKNOWN_SUMMARY_SECTION,
)
from finsam.findings import Finding
from finsam.loader.text import read_text
from finsam.loader.yaml_strict import parse_yaml
from finsam.schemas import validate
from finsam.suggest import did_you_mean
from finsam.sv import lista
from finsam.values import amounts_by_year

CONFIG_NAME = "forbund.yml"


class Party(NamedTuple):
    id: str
    name: str
    kind: str
    accounts: tuple[str, ...] = ()  # GitHub accounts that act for the member


class SectionSpec(NamedTuple):
    heading: str
    key: str
    required: bool
    guidance: str = ""
    fixed_text: str | None = None


class SketchQuestions(NamedTuple):
    """ideskiss in forbund.yml: the questions an idéskiss answers, and their version."""

    version: str
    sections: tuple[SectionSpec, ...]
    description: str = ""

    @property
    def title(self) -> str:
        """'förbundets frågor för idéskisser (version 2025)': how findings name them."""
        return f"förbundets frågor för idéskisser (version {self.version})"


# The steps of the scale ja_delvis_nej and how they read in a sentence about a criterion.
VERDICT_NAMES = {"ja": "uppfyllt", "delvis": "delvis uppfyllt", "nej": "inte uppfyllt"}
POINTS = "poang"


class Criterion(NamedTuple):
    """One of the förbund's criteria (beredning.kriterier)."""

    id: str
    name: str
    description: str
    templates: tuple[str, ...] = ()  # mallar: the template ids it applies to; () for all

    def applies_to(self, template_id: str | None) -> bool:
        """The criterion applies to applications on this template (every template when the
        criterion names none; an unknown template only when it names none)."""
        return not self.templates or template_id in self.templates


class AssessmentConfig(NamedTuple):
    """beredning in forbund.yml: who assesses applications, on what scale, against what."""

    body_id: str  # organ.id, as beredning.yaml names it
    body_name: str  # organ.namn, as it is written in running text
    scale: str  # ja_delvis_nej or poang
    criteria: tuple[Criterion, ...]
    points_min: int = 0
    points_max: int = 0

    @property
    def points(self) -> bool:
        return self.scale == POINTS

    def criterion(self, criterion_id: str) -> Criterion | None:
        return next((c for c in self.criteria if c.id == criterion_id), None)

    def applicable(self, template_id: str | None) -> list[Criterion]:
        """The criteria that an application on this template is assessed against."""
        return [c for c in self.criteria if c.applies_to(template_id)]

    def scale_values(self) -> list[str | int]:
        """Every value on the scale, lowest points or ja first."""
        if self.points:
            return list(range(self.points_min, self.points_max + 1))
        return list(VERDICT_NAMES)

    def on_scale(self, value: object) -> bool:
        if isinstance(value, bool):
            return False
        if self.points:
            return isinstance(value, int) and self.points_min <= value <= self.points_max
        return isinstance(value, str) and value in VERDICT_NAMES

    def verdict_name(self, value: object) -> str:
        """'delvis uppfyllt', '4 av 5 poäng', or the value as written."""
        if self.points and isinstance(value, int) and not isinstance(value, bool):
            return f"{value} av {self.points_max} poäng"
        if isinstance(value, str):
            return VERDICT_NAMES.get(value, value)
        return str(value)

    @property
    def scale_text(self) -> str:
        """'ja, delvis eller nej' or 'poäng från 1 till 5': how a hint names the scale."""
        if self.points:
            return f"poäng från {self.points_min} till {self.points_max}"
        return "ja, delvis eller nej"


class Category(NamedTuple):
    id: str
    name: str
    group: str = "ovrigt"
    needs_motivation: bool = False
    description: str = ""


class TemplateRules(NamedTuple):
    """The template's rule switches (regler): what a template asks for, so that an old template
    that never asked for something does not make its absence an error."""

    max_result_goals: int = 3  # 0: no limit (A104)
    max_effect_goals: int = 1  # 0: no limit (A105)
    equality_goal_required: bool = True  # jamstalldhetsmal (A106)
    last_intake_required: bool = False  # kraver_sista_intag (A107)
    ages_required: bool = True  # kraver_alder (A118)
    all_parties_sign: bool = True  # underskrift_alla_parter (A115)
    dating_required: bool = False  # kraver_datering (A122)


# Each switch under a template's regler in forbund.yml and the TemplateRules field it sets.
RULE_SWITCHES = {
    "max_resultatmal": "max_result_goals",
    "max_effektmal": "max_effect_goals",
    "jamstalldhetsmal": "equality_goal_required",
    "kraver_sista_intag": "last_intake_required",
    "kraver_alder": "ages_required",
    "underskrift_alla_parter": "all_parties_sign",
    "kraver_datering": "dating_required",
}


class Template:
    """One mall (id and version): its rule switches, sections and budget categories."""

    def __init__(
        self,
        id: str,
        version: str,
        name: str,
        description: str,
        rules: TemplateRules,
        sections: tuple[SectionSpec, ...],
        categories: tuple[Category, ...],
        forbidden: tuple[Category, ...],
        rhythm: str | None = None,  # rapportering.rytm: the template's own reporting rhythm
    ) -> None:
        self.id = id
        self.version = version
        self.name = name
        self.description = description
        self.rules = rules
        self.sections = sections
        self.categories = categories
        self.forbidden = forbidden
        self.rhythm = rhythm

    def __repr__(self) -> str:
        return f"Template({self.id!r}, {self.version!r})"

    @property
    def label(self) -> str:
        """'generell version 2024': what an application writes under mall."""
        return f"{self.id} version {self.version}"

    @property
    def title(self) -> str:
        """'”Ansökan om samverkansinsats” (generell, 2024)': the name people know, and what to
        write under mall."""
        return f"”{self.name}” ({self.id}, {self.version})"

    @cached_property
    def category_lookup(self) -> dict[str, Category]:
        """Allowed and forbidden categories by id."""
        return {c.id: c for c in (*self.categories, *self.forbidden)}


class BudgetRules(NamedTuple):
    salary_tolerance_percent: float = 10
    max_po_percent: float = 50
    outcome_tolerance_percent: float = 10


class Reporting(NamedTuple):
    """The förbund's reporting rhythm and report template."""

    rhythm: str = "kvartal"  # kvartal | tertial | halvar
    due_days: int = 30  # a period report is due this many days after its period
    annual_due: str = "01-31"  # MM-DD the year after
    final_months: int = 2  # the final report is due this many months after the end
    ending_within_days: int = 90
    sections: tuple[SectionSpec, ...] = ()


class Forbund(NamedTuple):
    """The förbund's configuration (forbund.yml), typed; ``raw`` is the document as read."""

    name: str
    parties: dict[str, Party]
    age_min: int
    age_max: int
    kansli: tuple[str, ...]
    templates: dict[tuple[str, str], Template]
    raw: dict[str, Any]
    frame: dict[int, int]  # ram: the yearly frame in kronor
    budget_rules: BudgetRules = BudgetRules()
    reporting: Reporting = Reporting()
    file: str = CONFIG_NAME
    # Who may change an existing insats besides the kansli: "alla_parter" or "insatsagare".
    change_permission: str = "alla_parter"
    email: str = ""  # kontakt.epost: the kansli's shared address
    phone: str = ""  # kontakt.telefon
    postal_address: str = ""  # kontakt.postadress
    site_url: str = ""  # webbplats.adress
    repository_url: str = ""  # webbplats.forrad: the förbund's repository on GitHub
    branch: str = "main"  # webbplats.gren: the branch applications are proposed to
    publish_contacts: bool = False  # publicering.kontaktpersoner
    licence: str = "CC0-1.0"  # publicering.licens: of the open data, as an SPDX id
    id_prefix: str = ""  # publicering.id_prefix: the förbund's 360Giving prefix
    summary_section: str = ""  # publicering.sammanfattning: the key of the summing-up section
    sketch: SketchQuestions | None = None  # ideskiss: None when the förbund takes none
    publish_sketches: bool = False  # publicering.ideskiss
    assessment: AssessmentConfig | None = None  # beredning: None when the förbund has none
    publish_assessment: tuple[str, ...] = ()  # publicering.beredning: parts shown when granted

    def template(self, template_id: str, version: object) -> Template | None:
        return self.templates.get((template_id, str(version)))

    def party_name(self, party_id: str) -> str:
        """The member's name, or the id as written when it is no member."""
        party = self.parties.get(party_id)
        return party.name if party else party_id

    def party_names(self, party_ids: list[str]) -> str:
        """'Provby kommun och Dalby kommun': the members' names in Swedish list form."""
        return lista([self.party_name(p) for p in party_ids])

    def template_versions(self, template_id: str) -> list[str]:
        return [v for (i, v) in self.templates if i == template_id]


def load_forbund(path: Path, rel: str = CONFIG_NAME) -> tuple[Forbund | None, list[Finding]]:
    """Read, validate and model forbund.yml; any problem is a finding, never an exception."""
    text, findings = read_text(path, rel)
    if text is None:
        return None, findings
    return parse_forbund(text, rel)


def parse_forbund(text: str, rel: str = CONFIG_NAME) -> tuple[Forbund | None, list[Finding]]:
    """Model a configuration from its text (for example as it was on the base branch)."""
    doc, findings = parse_yaml(text, rel)
    if doc is None:
        return None, findings
    findings = validate("forbund", doc.data, doc.positions, rel)
    if not findings:  # duplicates can only be looked for in a well-formed configuration
        findings = _duplicates(doc.data, doc.positions, rel)
        findings += _summary_section(doc.data, doc.positions, rel)
        findings += _reserved_template_ids(doc.data, doc.positions, rel)
        findings += _assessment_config(doc.data, doc.positions, rel)
    if findings:
        return None, findings
    return forbund_from_data(doc.data, rel), []


SKETCH_ID = "ideskiss"  # the mall id an idéskiss names: the förbund's questions, not a mall


def _reserved_template_ids(data: dict[str, Any], positions: Any, rel: str) -> list[Finding]:
    """K004: no mall may take the idéskiss's id."""
    return [
        RESERVED_TEMPLATE_ID.finding(
            rel,
            positions.value(("mallar", index, "id")).line,
            positions.value(("mallar", index, "id")).column,
            f"Mallen {template['namn']} har id:t {SKETCH_ID}, som hör till idéskissens frågor.",
            "Ge mallen ett annat id, till exempel ansokan.",
        )
        for index, template in enumerate(data["mallar"])
        if template["id"] == SKETCH_ID
    ]


def _duplicates(data: dict[str, Any], positions: Any, rel: str) -> list[Finding]:
    """Ids that must be unique: members, template id+version, sections, categories."""
    out: list[Finding] = []

    def check(
        items: list[dict[str, Any]], path: tuple[str | int, ...], key: str, what: str
    ) -> None:
        seen: dict[str, int] = {}
        for index, item in enumerate(items):
            value = "@".join(str(item.get(k)) for k in key.split("+"))
            if value in seen:
                pos = positions.value((*path, index))
                out.append(
                    DUPLICATE_ID.finding(
                        rel,
                        pos.line,
                        pos.column,
                        f"{what} '{value}' förekommer två gånger (nr {seen[value] + 1} och nr {index + 1}).",
                        "Varje id ska vara unikt; ge den ena ett nytt id eller ta bort dubbletten.",
                    )
                )
            seen[value] = index

    check(data["parter"], ("parter",), "id", "Medlemmen")
    check(data["mallar"], ("mallar",), "id+version", "Mallen")
    for index, template in enumerate(data["mallar"]):
        base = ("mallar", index)
        check(template["avsnitt"], (*base, "avsnitt"), "nyckel", "Avsnittet")
        check(template["avsnitt"], (*base, "avsnitt"), "rubrik", "Rubriken")
        categories = template["kostnadskategorier"] + template.get("ej_finansierbart", [])
        check(categories, (*base, "kostnadskategorier"), "id", "Kostnadskategorin")
    if "ideskiss" in data:
        questions = data["ideskiss"]["avsnitt"]
        check(questions, ("ideskiss", "avsnitt"), "nyckel", "Idéskissens fråga")
        check(questions, ("ideskiss", "avsnitt"), "rubrik", "Idéskissens rubrik")
    if "beredning" in data:
        check(data["beredning"]["kriterier"], ("beredning", "kriterier"), "id", "Kriteriet")
    return out


def _assessment_config(data: dict[str, Any], positions: Any, rel: str) -> list[Finding]:
    """K005: the criteria name templates that exist, and a points scale runs upwards."""
    config = data.get("beredning")
    if config is None:
        return []
    out = []
    scale = config["skala"]
    if scale["typ"] == POINTS and scale["min"] >= scale["max"]:
        pos = positions.value(("beredning", "skala", "min"))
        out.append(
            ASSESSMENT_CONFIG.finding(
                rel,
                pos.line,
                pos.column,
                f"Poängskalan går från {scale['min']} till {scale['max']}.",
                "Den lägsta poängen (min) ska vara lägre än den högsta (max), till exempel "
                "min: 1 och max: 5.",
            )
        )
    known = sorted({template["id"] for template in data["mallar"]})
    for index, criterion in enumerate(config["kriterier"]):
        for place, template_id in enumerate(criterion.get("mallar", [])):
            if template_id in known:
                continue
            pos = positions.value(("beredning", "kriterier", index, "mallar", place))
            out.append(
                ASSESSMENT_CONFIG.finding(
                    rel,
                    pos.line,
                    pos.column,
                    f"Kriteriet {criterion['namn']} gäller mallen '{template_id}', som inte finns.",
                    f"{did_you_mean(template_id, known)}Mallarnas id är {', '.join(known)}.",
                )
            )
    return out


def _summary_section(data: dict[str, Any], positions: Any, rel: str) -> list[Finding]:
    """publicering.sammanfattning names a section key that some template has."""
    wanted = data.get("publicering", {}).get("sammanfattning")
    keys = sorted({s["nyckel"] for t in data["mallar"] for s in t["avsnitt"]})
    if wanted is None or wanted in keys:
        return []
    pos = positions.value(("publicering", "sammanfattning"))
    return [
        UNKNOWN_SUMMARY_SECTION.finding(
            rel,
            pos.line,
            pos.column,
            f"Ingen mall har något avsnitt med nyckeln '{wanted}'.",
            f"{did_you_mean(wanted, keys)}Mallarnas avsnitt har nycklarna {', '.join(keys)}.",
        )
    ]


def _reporting(raw: dict[str, Any]) -> Reporting:
    return Reporting(
        rhythm=raw.get("rytm", "kvartal"),
        due_days=raw.get("rapport_senast_dagar", 30),
        annual_due=raw.get("arsrapport_senast", "01-31"),
        final_months=raw.get("slutrapport_manader", 2),
        ending_within_days=raw.get("slutar_inom_dagar", 90),
        # A report's sections have no key of their own: the heading is the key.
        sections=tuple(_section(s, s["rubrik"].casefold()) for s in raw.get("avsnitt", [])),
    )


def _section(raw: dict[str, Any], key: str | None = None) -> SectionSpec:
    """A section of a mall, of the idéskiss's questions or of a report (avsnitt)."""
    return SectionSpec(
        heading=raw["rubrik"],
        key=raw["nyckel"] if key is None else key,
        required=raw["obligatorisk"],
        guidance=raw.get("vagledning", ""),
        fixed_text=raw.get("fast_text"),
    )


def _sketch(raw: dict[str, Any] | None) -> SketchQuestions | None:
    if raw is None:
        return None
    return SketchQuestions(
        version=str(raw["version"]),
        description=raw.get("beskrivning", ""),
        sections=tuple(_section(s) for s in raw["avsnitt"]),
    )


def _assessment(raw: dict[str, Any] | None) -> AssessmentConfig | None:
    if raw is None:
        return None
    scale = raw["skala"]
    return AssessmentConfig(
        body_id=raw["organ"]["id"],
        body_name=raw["organ"]["namn"],
        scale=scale["typ"],
        points_min=scale.get("min", 0),
        points_max=scale.get("max", 0),
        criteria=tuple(
            Criterion(
                id=c["id"],
                name=c["namn"],
                description=c["beskrivning"],
                templates=tuple(c.get("mallar", ())),
            )
            for c in raw["kriterier"]
        ),
    )


def _category(raw: dict[str, Any]) -> Category:
    return Category(
        id=raw["id"],
        name=raw["namn"],
        group=raw.get("grupp", "ovrigt"),
        needs_motivation=bool(raw.get("kraver_motivering", False)),
        description=raw.get("beskrivning", ""),
    )


def forbund_from_data(data: dict[str, Any], rel: str = CONFIG_NAME) -> Forbund:
    """The model of a configuration that is valid (as parse_forbund has found it)."""
    templates = {}
    for raw in data["mallar"]:
        rules = raw.get("regler", {})
        template = Template(
            id=raw["id"],
            version=str(raw["version"]),
            name=raw["namn"],
            description=raw.get("beskrivning", ""),
            rules=TemplateRules(
                **{field: rules[key] for key, field in RULE_SWITCHES.items() if key in rules}
            ),
            sections=tuple(_section(s) for s in raw["avsnitt"]),
            categories=tuple(_category(c) for c in raw["kostnadskategorier"]),
            forbidden=tuple(_category(c) for c in raw.get("ej_finansierbart", [])),
            rhythm=raw.get("rapportering", {}).get("rytm"),
        )
        templates[(template.id, template.version)] = template
    return Forbund(
        name=data["namn"],
        parties={
            p["id"]: Party(p["id"], p["namn"], p["typ"], tuple(p.get("konton", ())))
            for p in data["parter"]
        },
        age_min=data["alder"]["min"],
        age_max=data["alder"]["max"],
        kansli=tuple(k["github"] for k in data["kansli"]),
        templates=templates,
        raw=data,
        file=rel,
        budget_rules=BudgetRules(
            salary_tolerance_percent=data.get("budget", {}).get("lon_tolerans_procent", 10),
            max_po_percent=data.get("budget", {}).get("po_paslag_max_procent", 50),
            outcome_tolerance_percent=data.get("budget", {}).get("utfall_tolerans_procent", 10),
        ),
        reporting=_reporting(data.get("rapportering", {})),
        change_permission=data.get("behorighet", {}).get("andra_insats", "alla_parter"),
        frame=amounts_by_year(data, "ram"),
        publish_contacts=bool(data.get("publicering", {}).get("kontaktpersoner", False)),
        licence=data.get("publicering", {}).get("licens", "CC0-1.0"),
        id_prefix=data.get("publicering", {}).get("id_prefix", ""),
        summary_section=data.get("publicering", {}).get("sammanfattning", ""),
        sketch=_sketch(data.get("ideskiss")),
        publish_sketches=bool(data.get("publicering", {}).get("ideskiss", False)),
        assessment=_assessment(data.get("beredning")),
        publish_assessment=tuple(data.get("publicering", {}).get("beredning", ())),
        email=data["kontakt"]["epost"],
        phone=data["kontakt"].get("telefon", ""),
        postal_address=data["kontakt"].get("postadress", ""),
        site_url=data["webbplats"]["adress"],
        repository_url=data["webbplats"].get("forrad", ""),
        branch=data["webbplats"].get("gren", "main"),
    )
