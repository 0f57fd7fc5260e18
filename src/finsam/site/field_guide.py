"""The field guide (from the schemas' Swedish titles and descriptions and the templates'
guidance) and the template downloads."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from finsam.editor_schemas import editor_schema_folder
from finsam.loader.application import ANSOKAN, ANSOKAN_FACTS, BUDGET, IDESKISS, IDESKISS_FACTS
from finsam.model.deadlines import RHYTHM_NAMES
from finsam.model.forbund import RULE_SWITCHES, Forbund, Template
from finsam.scaffold import ansokan_files, budget_text, ideskiss_files
from finsam.schemas import SCHEMA_FILES, load_schema
from finsam.site import html_parts as h
from finsam.site.html_parts import Part, h2, h3, html, join
from finsam.site.links import link

GUIDE = "faltguide.md"
TEMPLATES = "mallar.md"
NEW_ID = "ny-insats"  # the id in a downloaded template, until the applicant gives theirs
SKETCH_FOLDER = "mallar/ideskiss"
NEW_SKETCH_ID = "ny-ide"
DOCUMENTS = (
    ("ideskiss", "ideskiss.yaml (idéskissens uppgifter)"),
    ("ansokan", "ansokan.yaml (ansökans uppgifter)"),
    ("budget", "budget.yaml"),
    ("beslut", "beslut.yaml"),
)


def _resolve(root: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    ref = node.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = root
        for part in ref[2:].split("/"):
            target = target[part]
        return {**target, **{k: v for k, v in node.items() if k != "$ref"}}
    return node


def _value(node: dict[str, Any]) -> str:
    if "enum" in node:
        return "ett av: " + ", ".join(str(v) for v in node["enum"])
    if node.get("format") == "date":
        return "datum ÅÅÅÅ-MM-DD"
    kinds = node.get("type")
    names = {"string": "text", "integer": "heltal", "number": "tal", "boolean": "true eller false",
             "array": "lista", "object": "avsnitt"}  # fmt: skip
    if isinstance(kinds, list):
        return " eller ".join(names.get(str(k), str(k)) for k in kinds)
    if kinds == "object" and isinstance(node.get("additionalProperties"), dict):
        return "belopp per år, till exempel 2026: 120000"
    return names.get(str(kinds), "")


def fields(
    root: dict[str, Any], node: dict[str, Any], prefix: str = ""
) -> Iterator[tuple[str, str, str, str, str]]:
    """(key path, title, description, value, required) for every field, depth first."""
    node = _resolve(root, node)
    required = set(node.get("required", []))
    for name, sub in node.get("properties", {}).items():
        sub = _resolve(root, sub)
        path = f"{prefix}{name}"
        yield (
            path,
            sub.get("title", ""),
            sub.get("description", ""),
            _value(sub),
            "ja" if name in required else "nej",
        )
        if sub.get("type") == "object" and "properties" in sub:
            yield from fields(root, sub, path + ".")
        items = sub.get("items")
        if sub.get("type") == "array" and isinstance(items, dict):
            resolved = _resolve(root, items)
            if "properties" in resolved:
                yield from fields(root, resolved, path + "[].")


def field_guide_page(forbund: Forbund) -> str:
    body: list[Part] = [
        html(
            "<p>Alla uppgifter som filerna kan innehålla, med namn, förklaring och tillåtna "
            "värden. Sidan skapas ur samma scheman som kontrollerna använder.</p>"
        )
    ]
    for kind, label in DOCUMENTS:
        schema = load_schema(kind)
        body += [h2(label), html("<p>{}</p>", schema.get("description", ""))]
        body.append(
            h.table(
                f"Fält i {label}",
                ["Fält", "Namn", "Beskrivning", "Värde", "Krävs"],
                [(f"{p}", t, d, v, r) for p, t, d, v, r in fields(schema, schema)],
                numeric_from=99,
            )
        )
    body.append(
        html(
            "<p>Schemana finns att hämta för editorer: {}.</p>",
            join(
                (h.a(link(GUIDE, f"schema/{name}"), name) for name in SCHEMA_FILES.values()), ", "
            ),
        )
    )
    body.append(h2("Mallarnas avsnitt"))
    for template in forbund.templates.values():
        body.append(h3(f"{template.name}, version {template.version}"))
        if template.description:
            body.append(html("<p>{}</p>", template.description))
        body.append(
            h.table(
                f"Avsnitt i mallen {template.name}",
                ["Rubrik", "Krävs", "Vägledning"],
                [
                    (
                        s.heading,
                        "ja" if s.required else "nej",
                        "Fast text som ska stå kvar oförändrad." if s.fixed_text else s.guidance,
                    )
                    for s in template.sections
                ],
                numeric_from=99,
            )
        )
    if forbund.sketch is not None:
        body.append(h2("Idéskissens frågor"))
        if forbund.sketch.description:
            body.append(html("<p>{}</p>", forbund.sketch.description))
        body.append(
            h.table(
                "Frågor i idéskissen",
                ["Rubrik", "Krävs", "Vägledning"],
                [
                    (s.heading, "ja" if s.required else "nej", s.guidance)
                    for s in forbund.sketch.sections
                ],
                numeric_from=99,
            )
        )
    return h.page(
        "Fältguide",
        body,
        description="Alla uppgifter i idéskissen, ansökan, budget och beslut.",
    )


def _folder(template: Template) -> str:
    return f"mallar/{template.id}-{template.version}"


# A text file is published as .md.txt: a .md file below docs/ would become a page of the
# site. Its link downloads it by its own name (ansokan.md).
TEXT_SUFFIX = ".txt"


def template_files(forbund: Forbund, site_url: str = "") -> dict[str, str]:
    """The text templates to download, as `finsam ny` writes them: for each mall ansokan.yaml,
    ansokan.md and budget.yaml. The first line of each .yaml file names the mall's schema on
    the site by its full address: a file saved anywhere (or in another förbund's repository)
    still gets the editor's help."""
    files = {}
    if forbund.sketch is not None:
        sketch = ideskiss_files(NEW_SKETCH_ID, forbund.sketch, forbund, site_url)
        for name, text in sketch.items():
            files[f"{SKETCH_FOLDER}/{name}{TEXT_SUFFIX if name.endswith('.md') else ''}"] = text
    for template in forbund.templates.values():
        folder = _folder(template)
        application = ansokan_files(NEW_ID, template, forbund, site_url=site_url)
        for name, text in application.items():
            files[f"{folder}/{name}{TEXT_SUFFIX if name.endswith('.md') else ''}"] = text
        files[f"{folder}/{BUDGET}"] = budget_text(template, forbund, site_url)
    return files


WORD_NAME = "ansokan.docx"
EXCEL_NAME = "budget.xlsx"
EXCEL_YEARS = 3  # the Excel template's years: the year of the build and the two after it


def office_files(forbund: Forbund) -> dict[str, bytes]:
    """Each mall as a Word template for the application and an Excel template for the budget,
    to download beside the text templates (made as `finsam mall` makes them)."""
    from finsam.office.excel import budget_template
    from finsam.office.word_template import application_template
    from finsam.site.feeds import generated_at
    from finsam.site.office_cache import remembered

    first = generated_at().year
    years = list(range(first, first + EXCEL_YEARS))

    def make() -> dict[str, bytes]:
        files = {}
        for template in forbund.templates.values():
            folder = _folder(template)
            files[f"{folder}/{WORD_NAME}"] = application_template(forbund, template)
            files[f"{folder}/{EXCEL_NAME}"] = budget_template(forbund, template, years)
        return files

    return remembered({"forbund": forbund.raw, "ar": years}, make)


def _switch_value(value: object) -> str:
    if isinstance(value, bool):
        return "ja" if value else "nej"
    return "ingen gräns" if value == 0 else str(value)


def _switches(template: Template) -> list[tuple[str, str, str, str]]:
    """(switch, name, value in this template, what it does) for every rule switch."""
    schema = load_schema("forbund")["$defs"]["mall"]["properties"]["regler"]["properties"]
    return [
        (key, schema[key]["title"], _switch_value(getattr(template.rules, field)),
         schema[key]["description"])
        for key, field in RULE_SWITCHES.items()
    ]  # fmt: skip


def templates_page(forbund: Forbund) -> str:
    body: list[Part] = [
        html(
            "<p>Hämta mallen som förbundets kansli har rekommenderat. Som textfiler är ansökan "
            "tre filer: <code>ansokan.yaml</code> med uppgifterna (parter, period, mål, sökt "
            "belopp), <code>ansokan.md</code> med texten under mallens rubriker och "
            "<code>budget.yaml</code> med budgetens rader. Spara dem i en ny mapp "
            "<code>applications/&lt;id&gt;/</code> och fyll i dem; har webbläsaren sparat "
            "texten som <code>ansokan.md.txt</code>, byt namn på den till "
            "<code>ansokan.md</code>. Kommandot <code>finsam ny ansokan &lt;id&gt;</code> "
            "skapar samma filer. Den som hellre skriver i Word och Excel hämtar mallarna som "
            "dokument: kansliet läser in dem med <code>finsam importera</code>, och ingenting "
            "behöver skrivas av.</p>"
        )
    ]
    if forbund.sketch is not None:
        body += [
            h2("Idéskiss"),
            html(
                "<p>Innan ansökan kan ni beskriva idén kort i en idéskiss och få synpunkter från "
                'kansliet. Hämta <a href="{facts}" download="ideskiss.yaml">ideskiss.yaml</a> '
                '(uppgifterna) och <a href="{text}" download="ideskiss.md">ideskiss.md</a> '
                "(förbundets frågor som rubriker), spara dem i en ny mapp "
                "<code>applications/&lt;id&gt;/</code> och fyll i dem, eller använd kommandot "
                "<code>finsam ny ideskiss &lt;id&gt;</code>. Ansökan läggs senare i samma "
                "mapp.</p>",
                facts=link(TEMPLATES, f"{SKETCH_FOLDER}/{IDESKISS_FACTS}"),
                text=link(TEMPLATES, f"{SKETCH_FOLDER}/{IDESKISS}{TEXT_SUFFIX}"),
            ),
        ]
    for template in forbund.templates.values():
        folder = _folder(template)
        body.append(h2(template.name))
        if template.description:
            body.append(html("<p>{}</p>", template.description))
        body.append(
            html(
                "<p>I Word och Excel:</p>"
                '<ul><li><a href="{word}" download="{word_name}">Ansökan som Word-dokument</a> '
                "(docx): fyll i tabellen och skriv under rubrikerna</li>"
                '<li><a href="{excel}" download="{excel_name}">Budgeten som Excel-arbetsbok</a> '
                "(xlsx): välj kategorier och parter i listorna; summorna räknas själva</li></ul>"
                "<p>Som textfiler, för den som lämnar in direkt i arkivet:</p>"
                '<ul><li><a href="{facts}" download="ansokan.yaml">ansokan.yaml</a>: '
                "ansökans uppgifter (i filen står redan "
                "<code>mall: {{id: {id}, version: {version}}}</code>)</li>"
                '<li><a href="{ansokan}" download="ansokan.md">ansokan.md</a>: texten under '
                "mallens rubriker</li>"
                '<li><a href="{budget}" download="budget.yaml">budget.yaml</a>: budgetens '
                "rader</li></ul>"
                "<p>Den första raden i varje .yaml-fil pekar ut mallens schema här på "
                'webbplatsen: <a href="{schemas}">för ansökan</a> och '
                '<a href="{budget_schema}">för budgeten</a>.</p>',
                word=link(TEMPLATES, f"{folder}/{WORD_NAME}"),
                word_name=f"ansokan-{template.id}-{template.version}.docx",
                excel=link(TEMPLATES, f"{folder}/{EXCEL_NAME}"),
                excel_name=f"budget-{template.id}-{template.version}.xlsx",
                facts=link(TEMPLATES, f"{folder}/{ANSOKAN_FACTS}"),
                ansokan=link(TEMPLATES, f"{folder}/{ANSOKAN}{TEXT_SUFFIX}"),
                id=template.id,
                version=template.version,
                budget=link(TEMPLATES, f"{folder}/{BUDGET}"),
                schemas=link(TEMPLATES, f"{editor_schema_folder(template)}/ansokan.schema.json"),
                budget_schema=link(
                    TEMPLATES, f"{editor_schema_folder(template)}/budget.schema.json"
                ),
            )
        )
        body.append(
            h.table(
                f"Kostnadskategorier i mallen {template.name}",
                ["Kategori", "Id", "Grupp"],
                [
                    (
                        c.name,
                        c.id,
                        {"lon": "Lön", "lokal": "Lokal", "ovrigt": "Övrigt"}.get(c.group, c.group),
                    )
                    for c in template.categories
                ],
                numeric_from=99,
            )
        )
        rhythm = (
            f"Lägesrapporter lämnas {RHYTHM_NAMES[template.rhythm]}. " if template.rhythm else ""
        )
        body.append(
            html(
                "<p>Mallens regler: vad kontrollerna kräver av en ansökan som följer mallen. "
                "{}Ett beslut kan ange en annan rapportrytm för en enskild insats.</p>",
                rhythm,
            )
        )
        body.append(
            h.table(
                f"Regler i mallen {template.name}",
                ["Brytare", "Regel", "I mallen", "Vad den gör"],
                _switches(template),
                numeric_from=99,
            )
        )
        if template.forbidden:
            body.append(
                html(
                    "<p>Förbundet finansierar inte:</p><ul>{}</ul>",
                    join(
                        html(
                            "<li>{}{}</li>",
                            c.name,
                            f": {c.description}" if c.description else "",
                        )
                        for c in template.forbidden
                    ),
                )
            )
    body.append(h2("Hjälp i editorn"))
    body.append(
        html(
            "<p>Uppgifterna står i en egen fil, <code>ansokan.yaml</code>, och texten i "
            "<code>ansokan.md</code>, för att editorn ska kunna hjälpa till medan ni skriver. "
            "Öppna filerna i Visual Studio Code, eller i github.dev (tryck på punkt i "
            "förbundets arkiv på GitHub), med tillägget YAML från Red Hat "
            "(<code>redhat.vscode-yaml</code>). I .yaml-filerna gör editorn då så här:</p>"
            "<ul><li>den föreslår förbundets medlemmar och mallens kostnadskategorier, med "
            "deras namn</li>"
            "<li>den visar vad en uppgift betyder när ni håller muspekaren över den</li>"
            "<li>den markerar en medlem, en kategori eller ett annat värde som inte finns, med "
            "en förklaring på svenska.</li></ul>"
            "<p>Det fungerar för att den första raden i varje .yaml-fil pekar ut mallens schema "
            "här på webbplatsen. Tillägget läser inte uppgifter som står överst i en "
            "Markdown-fil, och en del av dess egna meddelanden, till exempel om en uppgift som "
            "saknas, är på engelska. Editorn hjälper bara till: det är kontrollen som avgör om "
            "ansökan är komplett.</p>"
            "<p>En äldre ansökan med uppgifterna överst i <code>ansokan.md</code>, mellan två "
            "rader med tre bindestreck (<code>---</code>), gäller fortfarande. Uppgifterna får "
            "stå på ett av de två ställena, inte på båda.</p>"
            "<p>De allmänna schemana, som kontrollen använder, har fasta adresser: {}.</p>",
            join(
                (h.a(link(TEMPLATES, f"schema/{name}"), name) for name in SCHEMA_FILES.values()),
                ", ",
            ),
        )
    )
    return h.page("Mallar", body, description="Ansökningsmallar och budgetmallar att hämta.")
