"""The page "Skriv ansökan": a form for an idéskiss, an application and its budget, drawn from
the förbund's mallar (forbund.yml) and the schemas (their Swedish titles and descriptions, as
the Fältguide shows them), with the desk's own check running in the browser.

The page is plain HTML that works as a form on its own: labels, fieldsets with legends, help
texts tied to their fields with aria-describedby, and a region that reads out the check's
summary. javascripts/skriv.js brings it to life (lists that grow, the budget's columns per year
and sums, drafts, the check), and javascripts/skriv-kontroll.js runs the desk's Python code
in a Web Worker (finsam.site.form_assets). Every control is named as finsam.form.fields names
it, so that the values go to finsam.form.files without any translation.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache

from finsam.form.fields import (
    APPLICATION,
    DOCUMENT,
    FIELDS,
    FOLDER_ID,
    KEPT,
    SKETCH,
    TEMPLATE,
    YES,
    Field,
    element_id,
    section_name,
    template_value,
)
from finsam.model.application import DIRECTION_NAMES
from finsam.model.forbund import RULE_SWITCHES, Forbund, SectionSpec, Template
from finsam.schemas import load_schema
from finsam.site import html_parts as h
from finsam.site.field_guide import GUIDE, fields
from finsam.site.html_parts import Markup, html, join
from finsam.site.links import link
from finsam.site.render import markdown_html

PAGE = "skriv-ansokan.md"
WALKTHROUGH = "lamna-in.md"  # the way from the form to a pull request, with pictures
SCRIPT = "javascripts/skriv.js"
WORKER = "javascripts/skriv-kontroll.js"
RULES = "regler.md"
YEARS_SHOWN = 3  # the budget's columns before a period is given: this year and the two after

# Help where the schema speaks of the file rather than of the form (ids, true and false).
HELP = {
    "ansokan.status": "Välj Inlämnad när alla parter har skrivit under och ansökan lämnas till "
    "kansliet. Kansliet för in styrelsens beslut.",
    "ansokan.insatsinriktning": "Individinriktad om insatsen ger stöd direkt till deltagare, "
    "strukturövergripande om den utvecklar samverkan, kunskap eller arbetssätt hos parterna.",
    "ansokan.malgrupp.forvantat_antal_deltagare": "Under hela insatstiden: ett tal, eller ett "
    "spann som 30–40. Krävs för individinriktade insatser.",
    "ansokan.mal.resultatmal[].jamstalldhet": "Kryssa i om målet är insatsens mål för "
    "jämställdhet eller jämlikhet.",
    "budget.rader[].kategori": "En av mallens kostnadskategorier.",
    "budget.rader[].finansiering": "Från förbundet, eller egen finansiering som parten själv "
    "står för.",
    "budget.rader[].i_natura": "Kryssa i när egenfinansieringen inte är pengar utan parternas "
    "egen personal, egna lokaler eller annat de ställer till förfogande.",
    "budget.rader[].tjanstgoringsgrad": "Tjänstens omfattning i procent av heltid, till exempel "
    "50. Krävs för lönerader.",
}
PARTY_HELP = "Välj en av förbundets medlemmar."
LABELS = {
    "ansokan.insatsagare.part": "Medlem",
    "ideskiss.insatsagare.part": "Medlem",
    "ansokan.medsokande[].part": "Medlem",
    "ansokan.samverkansparter[].part": "Medlem",
    "ideskiss.samverkansparter[].part": "Medlem",
    "budget.rader[].belopp.{ar}": "Belopp",
}
CHOICES = {
    "ansokan.status": (("utkast", "Utkast"), ("inlamnad", "Inlämnad")),
    "ansokan.insatsinriktning": tuple(DIRECTION_NAMES.items()),
    "budget.rader[].finansiering": (("forbundet", "Från förbundet"), ("egen", "Egen finansiering")),
    "ansokan.underskrifter[].metod": (("e-legitimation", "E-legitimation"), ("handskriven", "Handskriven")),
}  # fmt: skip
# Repeated entries: the list, what one entry is called, how many the page starts with.
GROUPS = {
    "ansokan.medsokande": ("Medsökande", 0),
    "ansokan.samverkansparter": ("Samverkanspart", 1),
    "ansokan.mal.effektmal": ("Effektmål", 1),
    "ansokan.mal.resultatmal": ("Resultatmål", 1),
    "ansokan.kontakter": ("Kontaktperson", 1),
    "ansokan.underskrifter": ("Underskrift", 0),
    "ideskiss.samverkansparter": ("Samverkanspart", 1),
}
INDEX, NUMBER, YEAR = "__N__", "__NR__", "__AR__"  # placeholders in the templates of entries


class _Texts:
    """The schema's title, description and whether its parent requires it, for a field."""

    def __init__(self) -> None:
        self.found: dict[str, tuple[str, str, bool]] = {}
        for kind in (APPLICATION, "budget", SKETCH):
            try:
                schema = load_schema(kind)
            except (KeyError, OSError):
                continue  # a schema this version does not have: its fields are never drawn
            for path, title, description, _value, required in fields(schema, schema):
                self.found[f"{kind}.{path}"] = (title, description, required == "ja")

    def label(self, key: str) -> str:
        return LABELS.get(key) or self.found.get(key, ("", "", False))[0] or key

    def help(self, key: str, field: Field | None = None) -> str:
        if key in HELP:
            return HELP[key]
        member = field is not None and field.kind == "party"
        if member and not key.startswith("budget.") and not key.endswith("kontakter[].part"):
            return PARTY_HELP
        return self.found.get(key, ("", "", False))[1]

    def required(self, key: str) -> bool:
        return self.found.get(key, ("", "", False))[2]


@cache
def _texts() -> _Texts:
    return _Texts()


# -- controls ------------------------------------------------------------------------------------


def _name(key: str, index: str = INDEX, year: str = YEAR) -> str:
    """The form name of a field key in entry ``index`` (and for ``year``)."""
    return key.replace("[]", f".{index}").replace("{ar}", year)


def _help(ident: str, text: str) -> Markup:
    if not text:
        return html("")
    return html('<p class="finsam-falt__hjalp" id="{}-hjalp">{}</p>', ident, text)


def _described(ident: str, text: str) -> Markup:
    return html(' aria-describedby="{}-hjalp"', ident) if text else html("")


def _optional(label: str, optional: bool) -> Markup:
    if optional:
        return html('{} <span class="finsam-falt__frivilligt">(frivilligt)</span>', label)
    return html("{}", label)


def _input_attributes(field: Field) -> Markup:
    if field.kind in ("amount", "integer", "count"):
        return html(' inputmode="numeric"')
    if field.kind == "decimal":
        return html(' inputmode="decimal"')
    if field.kind == "date":
        return html(' inputmode="numeric" placeholder="ÅÅÅÅ-MM-DD"')
    return html("")


def _width(field: Field) -> str:
    return (
        "finsam-falt--kort"
        if field.kind in ("date", "integer", "decimal", "count", "amount")
        else ""
    )


def _options(choices: Iterable[tuple[str, str]], empty: str = "") -> Markup:
    first = html('<option value="">{}</option>', empty) if empty else html("")
    return html(
        "{}{}", first, join(html('<option value="{}">{}</option>', v, t) for v, t in choices)
    )


def control(
    key: str,
    forbund: Forbund,
    index: str = INDEX,
    label: str | None = None,
    optional: bool | None = None,
    extra_class: str = "",
    data: Markup | None = None,
    select: bool = False,
) -> Markup:
    """One field of the form with its label and help, named and identified as finsam.form.fields
    says. A choice is a group of radio buttons, or a list (``select``) where space is short."""
    field = FIELDS[key]
    texts = _texts()
    name = _name(key, index)
    ident = element_id(name)
    shown = label if label is not None else texts.label(key)
    help_text = texts.help(key, field)
    if optional is None:
        optional = not texts.required(key)
    attributes = data or html("")
    classes = " ".join(c for c in ("finsam-falt", _width(field), extra_class) if c)
    if field.kind == "choice" and not select:
        return _radios(
            name, ident, shown, help_text, CHOICES[key], field.default, classes, attributes
        )
    if field.kind == "check":
        return html(
            '<div class="{classes} finsam-falt--kryss"{data}><input type="checkbox" id="{id}" '
            'name="{name}" value="{yes}"{described}><label for="{id}">{label}</label>{help}</div>',
            classes=classes,
            data=attributes,
            id=ident,
            name=name,
            yes=YES,
            described=_described(ident, help_text),
            label=shown,
            help=_help(ident, help_text),
        )
    if field.kind in ("party", "category", "choice"):
        choices = [(p.id, p.name) for p in forbund.parties.values()]
        empty = "Välj medlem"
        if field.kind == "category":
            choices = [(c.id, c.name) for c in _first_template(forbund).categories]
            empty = "Välj kategori"
        elif field.kind == "choice":
            choices, empty = list(CHOICES[key]), ""
        return html(
            '<div class="{classes}"{data}><label for="{id}">{label}</label>{help}'
            '<select id="{id}" name="{name}"{described}{category}{default}>{options}</select></div>',
            classes=classes,
            data=attributes,
            id=ident,
            label=_optional(shown, optional),
            help=_help(ident, help_text),
            name=name,
            described=_described(ident, help_text),
            category=html(" data-kategori") if field.kind == "category" else html(""),
            default=html(' data-forval="{}"', field.default) if field.default else html(""),
            options=_options(choices, empty),
        )
    if field.kind == "textarea":
        return html(
            '<div class="{classes}"{data}><label for="{id}">{label}</label>{help}'
            '<textarea id="{id}" name="{name}" rows="3"{described}></textarea></div>',
            classes=classes,
            data=attributes,
            id=ident,
            label=_optional(shown, optional),
            help=_help(ident, help_text),
            name=name,
            described=_described(ident, help_text),
        )
    kind = {"epost": "email", "telefon": "tel"}.get(key.rsplit(".", 1)[-1], "text")
    return html(
        '<div class="{classes}"{data}><label for="{id}">{label}</label>{help}'
        '<input type="{kind}" id="{id}" name="{name}" autocomplete="off" spellcheck="{spell}"'
        "{attributes}{described}></div>",
        classes=classes,
        data=attributes,
        id=ident,
        label=_optional(shown, optional),
        help=_help(ident, help_text),
        kind=kind,
        name=name,
        spell="true" if field.kind == "text" else "false",
        attributes=_input_attributes(field),
        described=_described(ident, help_text),
    )


def _radios(
    name: str,
    ident: str,
    legend: str,
    help_text: str,
    choices: Sequence[tuple[str, str]],
    default: str,
    classes: str,
    data: Markup,
) -> Markup:
    options = join(
        html(
            '<div class="finsam-val__alternativ"><input type="radio" id="{id}-{value}" name="{name}" '
            'value="{value}"{checked}><label for="{id}-{value}">{label}</label></div>',
            id=ident,
            value=value,
            name=name,
            checked=html(" checked data-forval") if value == default else html(""),
            label=label,
        )
        for value, label in choices
    )
    return html(
        '<fieldset class="{classes} finsam-val" id="{id}"{data}{described}><legend>{legend}</legend>'
        "{help}{options}</fieldset>",
        classes=classes,
        id=ident,
        data=data,
        described=_described(ident, help_text),
        legend=legend,
        help=_help(ident, help_text),
        options=options,
    )


def _asked(switch: str) -> Markup:
    """Shown only when the chosen mall asks for it (a rule switch of its regler)."""
    return html(' data-fraga="{}"', switch)


def _first_template(forbund: Forbund) -> Template:
    return next(iter(forbund.templates.values()))


# -- groups of fields ----------------------------------------------------------------------------


def _fieldset(
    legend: str, content: Markup, help_text: str = "", data: Markup | None = None
) -> Markup:
    ident = h.slug(f"grupp {legend}")
    return html(
        '<fieldset class="finsam-grupp" id="{id}"{data}{described}><legend>{legend}</legend>'
        "{help}{content}</fieldset>",
        id=ident,
        data=data or html(""),
        described=_described(ident, help_text),
        legend=legend,
        help=_help(ident, help_text),
        content=content,
    )


def _entry(group: str, keys: Sequence[str], forbund: Forbund, index: str, number: str) -> Markup:
    """One entry of a repeated group (a samverkanspart, a goal), with its button to remove it."""
    noun = GROUPS[group][0]
    fields_html = join(
        control(
            key, forbund, index, data=_asked(FIELDS[key].asked_by) if FIELDS[key].asked_by else None
        )
        for key in keys
    )
    return html(
        '<li class="finsam-post" data-post="{index}"><fieldset><legend>{noun} {number}</legend>'
        '{fields}<button type="button" class="md-button finsam-knapp--liten" data-ta-bort="{group}" '
        'data-index="{index}">Ta bort {lower} {number}</button></fieldset></li>',
        index=index,
        noun=noun,
        number=number,
        fields=fields_html,
        group=group,
        lower=noun.lower(),
    )


def _group(group: str, forbund: Forbund, help_text: str = "", data: Markup | None = None) -> Markup:
    """A repeated group: its entries, a button that adds one, and the template of an entry."""
    noun, start = GROUPS[group]
    keys = [k for k in FIELDS if k.startswith(f"{group}[].")]
    title_key = group
    legend = _texts().label(title_key) if title_key in _texts().found else noun
    help_text = help_text or _texts().help(title_key)
    entries = join(_entry(group, keys, forbund, str(i), str(i + 1)) for i in range(start))
    return html(
        '<div class="finsam-lista" data-grupp="{group}" data-minst="{start}"{data}>'
        '{fieldset}<template data-mall-for="{group}">{template}</template></div>',
        group=group,
        start=start,
        data=data or html(""),
        fieldset=_fieldset(
            legend,
            html(
                '<ol class="finsam-poster">{}</ol><button type="button" class="md-button" '
                'data-lagg-till="{}">Lägg till {}</button>',
                entries,
                group,
                noun.lower(),
            ),
            help_text,
        ),
        template=_entry(group, keys, forbund, INDEX, NUMBER),
    )


# -- the budget ----------------------------------------------------------------------------------


def _year_cell(index: str, number: str, year: str) -> Markup:
    name = _name("budget.rader[].belopp.{ar}", index, year)
    ident = element_id(name)
    return html(
        '<td class="belopp" data-ar="{year}"><label class="finsam-dold" for="{id}">Belopp {year}, '
        'rad {number}</label><input type="text" id="{id}" name="{name}" inputmode="numeric" '
        'autocomplete="off" class="finsam-belopp"></td>',
        year=year,
        id=ident,
        number=number,
        name=name,
    )


def _name_cell(index: str, number: str) -> Markup:
    """The row's name in the budget's table, labelled for screen readers by column and row."""
    name = _name("budget.rader[].benamning", index)
    ident = element_id(name)
    return html(
        '<td><label class="finsam-dold" for="{id}">{label}, rad {number}</label>'
        '<input type="text" id="{id}" name="{name}" autocomplete="off"></td>',
        id=ident,
        label=_texts().label("budget.rader[].benamning"),
        number=number,
        name=name,
    )


def _budget_row(forbund: Forbund, index: str, number: str, years: Sequence[int]) -> Markup:
    """One row of the budget, in a tbody of its own: its name, an amount for each year and its
    sum on the first line; below it what the row is (category, member, financing) and what
    only some rows need (salary, motivation, own staff)."""
    lon, motivation, own = (html(' data-visa-om="{}"', k) for k in ("lon", "motivering", "egen"))
    details = join(
        (
            control("budget.rader[].kategori", forbund, index, optional=False),
            control("budget.rader[].part", forbund, index),
            control("budget.rader[].finansiering", forbund, index, optional=False, select=True),
            control("budget.rader[].i_natura", forbund, index, data=own),
            control("budget.rader[].tjanstgoringsgrad", forbund, index, optional=False, data=lon),
            control("budget.rader[].period.start", forbund, index, optional=False, data=lon),
            control("budget.rader[].period.slut", forbund, index, optional=False, data=lon),
            control("budget.rader[].manadslon", forbund, index, data=lon),
            control("budget.rader[].po_paslag", forbund, index, data=lon),
            control("budget.rader[].motivering", forbund, index, optional=False, data=motivation),
        )
    )
    return html(
        '<tbody class="finsam-budgetrad" data-post="{index}"><tr><th scope="row">Rad {number}'
        '<input type="hidden" name="{kept}" data-behall></th>{name}{years}'
        '<td class="belopp" data-radsumma>0 kr</td><td><button type="button" '
        'class="md-button finsam-knapp--liten" data-ta-bort="budget.rader" data-index="{index}">'
        'Ta bort<span class="finsam-dold"> rad {number}</span></button></td></tr>'
        '<tr class="finsam-budgetrad__mer"><td colspan="{span}">'
        '<fieldset class="finsam-budgetrad__detaljer"><legend>Om rad {number}</legend>'
        '<p class="finsam-falt__hjalp">En lönerad anger också tjänstens omfattning och period; '
        "några kategorier kräver en motivering.</p>{details}</fieldset></td></tr></tbody>",
        index=index,
        number=number,
        name=_name_cell(index, number),
        years=join(_year_cell(index, number, str(y)) for y in years),
        span=len(years) + 4,
        details=details,
        kept=f"budget.rader.{index}.{KEPT}",
    )


def _budget(forbund: Forbund, years: Sequence[int]) -> Markup:
    texts = _texts()
    heads = join(
        html('<th scope="col" class="belopp" data-ar="{0}">{0}</th>', str(y)) for y in years
    )
    sums = join(
        html(
            '<tr class="summa" data-summarad="{key}"><th scope="row" colspan="2">{label}</th>{cells}'
            '<td class="belopp" data-summa="{key}">0 kr</td><td></td></tr>',
            key=key,
            label=label,
            cells=join(html('<td class="belopp" data-summa="{}" data-ar="{}">0 kr</td>', key, str(y)) for y in years),
        )
        for key, label in (("forbundet", "Summa från förbundet"), ("egen", "Summa egen finansiering"), ("totalt", "Summa totalt"))
    )  # fmt: skip
    table = html(
        '<table class="finsam-tabell finsam-budget" data-finsam-budget><caption>Budgetens rader, '
        'belopp i hela kronor per år</caption><thead><tr><th scope="col">Rad</th>'
        '<th scope="col">{benamning}</th>{years}<th scope="col" class="belopp">Summa</th>'
        '<th scope="col"><span class="finsam-dold">Ta bort</span></th></tr></thead>{rows}'
        "<tfoot>{sums}</tfoot></table>",
        benamning=texts.label("budget.rader[].benamning"),
        years=heads,
        rows=_budget_row(forbund, "0", "1", years),
        sums=sums,
    )
    return html(
        '<div class="finsam-lista" data-grupp="budget.rader" data-minst="1" data-standardar="{years}">'
        '<p id="budget-hjalp">{help} En kolumn för varje år av insatstiden; summorna räknas '
        "medan du skriver.</p>{region}"
        '<button type="button" class="md-button" data-lagg-till="budget.rader">Lägg till rad</button>'
        '<template data-mall-for="budget.rader">{template}</template>'
        "<template data-ar-cell>{cell}</template></div>",
        years=" ".join(str(y) for y in years),
        help=texts.help("budget.rader"),
        region=h.scroll_region("Budgetens rader", table),
        template=_budget_row(forbund, INDEX, NUMBER, []),
        cell=_year_cell(INDEX, NUMBER, YEAR),
    )


def _category_templates(forbund: Forbund) -> Markup:
    """Each mall's cost categories, which the budget's rows offer when the mall is chosen."""
    return join(
        html(
            '<template data-kategorier="{mall}">{options}</template>',
            mall=template_value(t.id, t.version),
            options=html(
                '<option value="">Välj kategori</option>{}',
                join(
                    html(
                        '<option value="{}" data-kostnadsgrupp="{}" data-motivering="{}">{}</option>',
                        c.id,
                        c.group,
                        YES if c.needs_motivation else "",
                        c.name,
                    )
                    for c in t.categories
                ),
            ),
        )
        for t in forbund.templates.values()
    )


# -- the documents -------------------------------------------------------------------------------


def _section_fields(document: str, specs: Sequence[SectionSpec], owner: str = "") -> Markup:
    """The text under each heading. Mallar share keys (syfte, mal): the text area of each mall
    has the same name, so that the text stays when the mall is changed, and an id of its own."""
    out = []
    for spec in specs:
        name = section_name(document, spec.key)
        ident = element_id(name) + (f"--{owner}" if owner else "")
        if spec.fixed_text is not None:
            out.append(
                html(
                    '<div class="finsam-falt finsam-fast-text"><p class="finsam-falt__rubrik">{}</p>'
                    '<p class="finsam-falt__hjalp">Förbundets text, som står kvar oförändrad i '
                    "ansökan:</p><div>{}</div></div>",
                    spec.heading,
                    markdown_html(spec.fixed_text),
                )
            )
            continue
        out.append(
            html(
                '<div class="finsam-falt"><label for="{id}">{label}</label>{help}'
                '<textarea id="{id}" name="{name}" rows="8"{described}></textarea></div>',
                id=ident,
                label=_optional(spec.heading, not spec.required),
                help=_help(ident, " ".join(spec.guidance.split())),
                name=name,
                described=_described(ident, spec.guidance),
            )
        )
    return join(out)


def _template_choice(forbund: Forbund) -> Markup:
    """The mall: a choice when the förbund has several, each saying what it asks for."""
    templates = list(forbund.templates.values())
    asks = {
        template_value(t.id, t.version): " ".join(
            field for field in RULE_SWITCHES.values() if getattr(t.rules, field) is True
        )
        for t in templates
    }
    if len(templates) == 1:
        only = templates[0]
        value = template_value(only.id, only.version)
        return html(
            "<p>Ansökan följer mallen {name} (version {version}).</p>"
            '<input type="hidden" name="{field}" value="{value}" data-fragor="{asks}">',
            name=only.name,
            version=only.version,
            field=TEMPLATE,
            value=value,
            asks=asks[value],
        )
    options = join(
        html(
            '<div class="finsam-val__alternativ"><input type="radio" id="mall-{slug}" name="{field}" '
            'value="{value}" data-fragor="{asks}"{checked} aria-describedby="mall-{slug}-om">'
            '<label for="mall-{slug}">{name} (version {version})</label>'
            '<p class="finsam-falt__hjalp" id="mall-{slug}-om">{about}</p></div>',
            slug=h.slug(f"{t.id} {t.version}"),
            field=TEMPLATE,
            value=template_value(t.id, t.version),
            asks=asks[template_value(t.id, t.version)],
            checked=html(" checked data-forval") if number == 0 else html(""),
            name=t.name,
            version=t.version,
            about=t.description or "",
        )
        for number, t in enumerate(templates)
    )
    return html(
        '<fieldset class="finsam-falt finsam-val" id="{id}"><legend>Mall</legend>'
        '<p class="finsam-falt__hjalp">Välj den mall som kansliet har rekommenderat. Mallen avgör '
        "rubrikerna, kostnadskategorierna och några av uppgifterna.</p>{options}</fieldset>",
        id=element_id(TEMPLATE),
        options=options,
    )


def _application(forbund: Forbund, years: Sequence[int]) -> Markup:
    c = control  # short: the page lists many fields
    facts = join(
        (
            _template_choice(forbund),
            _fieldset(
                "Om insatsen",
                join((c("ansokan.titel", forbund), c("ansokan.insatsinriktning", forbund), c("ansokan.status", forbund))),
            ),
            _fieldset(
                "Insatsägare",
                join((c("ansokan.insatsagare.part", forbund), c("ansokan.insatsagare.resurser", forbund))),
                _texts().help("ansokan.insatsagare"),
            ),
            _group("ansokan.medsokande", forbund),
            _group("ansokan.samverkansparter", forbund),
            _fieldset(
                _texts().label("ansokan.period"),
                join((
                    c("ansokan.period.start", forbund),
                    c("ansokan.period.sista_intag", forbund, data=_asked("last_intake_required")),
                    c("ansokan.period.slut", forbund),
                )),
            ),
            _fieldset(
                _texts().label("ansokan.malgrupp"),
                join((
                    c("ansokan.malgrupp.alder_min", forbund, optional=False, data=_asked("ages_required")),
                    c("ansokan.malgrupp.alder_max", forbund, optional=False, data=_asked("ages_required")),
                    c("ansokan.malgrupp.forvantat_antal_deltagare", forbund),
                )),
                "Beskriv målgruppen under rubriken om målgrupp i ansökans text.",
            ),
            _group("ansokan.mal.effektmal", forbund),
            _group("ansokan.mal.resultatmal", forbund),
            _group("ansokan.kontakter", forbund),
            _group("ansokan.underskrifter", forbund, data=_asked("all_parties_sign")),
            _fieldset(
                _texts().label("ansokan.datering"),
                join((c("ansokan.datering.ort", forbund, optional=False), c("ansokan.datering.datum", forbund, optional=False))),
                _texts().help("ansokan.datering"),
                data=_asked("dating_required"),
            ),
        )
    )  # fmt: skip
    texts = join(
        html(
            '<div data-mall="{}">{}</div>',
            template_value(t.id, t.version),
            _fieldset(
                f"Ansökans text enligt mallen {t.name}",
                _section_fields(APPLICATION, t.sections, h.slug(f"{t.id} {t.version}")),
            ),
        )
        for t in forbund.templates.values()
    )
    budget = join(
        (
            _budget(forbund, years),
            control("ansokan.sokt_belopp", forbund),
            html(
                '<p class="finsam-falt__hjalp" data-finsam-budgetsumma></p>'
                '<button type="button" class="md-button" data-finsam-anvand-summa>Skriv budgetens '
                "summa från förbundet som sökt belopp</button>"
            ),
        )
    )
    return html(
        '<div class="finsam-dokument" data-dokument="{doc}"><h2 id="skriv-del-ansokan">Ansökan</h2>'
        '{facts}<h2 id="skriv-text">Ansökans text</h2>{texts}'
        '<h2 id="skriv-del-budget">Budget</h2>{budget}</div>',
        doc=APPLICATION,
        facts=facts,
        texts=texts,
        budget=budget,
    )


def _sketch(forbund: Forbund) -> Markup:
    sketch = forbund.sketch
    if sketch is None:
        return html("")
    c = control
    facts = join(
        (
            _fieldset("Om idén", join((c("ideskiss.titel", forbund), c("ideskiss.datum", forbund)))),
            _fieldset(
                _texts().label("ideskiss.insatsagare"),
                join((c("ideskiss.insatsagare.part", forbund), c("ideskiss.insatsagare.roll", forbund))),
                _texts().help("ideskiss.insatsagare"),
            ),
            _group("ideskiss.samverkansparter", forbund),
            _fieldset(
                _texts().label("ideskiss.kontakt"),
                join((c("ideskiss.kontakt.roll", forbund), c("ideskiss.kontakt.part", forbund))),
                _texts().help("ideskiss.kontakt"),
            ),
            _fieldset(
                _texts().label("ideskiss.period"),
                join((c("ideskiss.period.start", forbund), c("ideskiss.period.slut", forbund))),
            ),
            _fieldset(
                _texts().label("ideskiss.preliminar_budget"),
                join((
                    c("ideskiss.preliminar_budget.totalt", forbund),
                    html(
                        '<div class="finsam-per-ar" data-per-ar="ideskiss.preliminar_budget.per_ar">'
                        '<p class="finsam-falt__rubrik">{label} <span class="finsam-falt__frivilligt">'
                        "(frivilligt)</span></p><p class=\"finsam-falt__hjalp\">{help}</p>"
                        '<div class="finsam-per-ar__falt" data-per-ar-falt></div>'
                        '<template data-per-ar-mall><div class="finsam-falt finsam-falt--kort">'
                        '<label for="f-ideskiss-preliminar_budget-per_ar-{year}">{year}</label>'
                        '<input type="text" id="f-ideskiss-preliminar_budget-per_ar-{year}" '
                        'name="ideskiss.preliminar_budget.per_ar.{year}" inputmode="numeric" data-ar="{year}" '
                        'autocomplete="off"></div></template></div>',
                        label=_texts().label("ideskiss.preliminar_budget.per_ar"),
                        help=_texts().help("ideskiss.preliminar_budget.per_ar"),
                        year=YEAR,
                    ),
                )),
                _texts().help("ideskiss.preliminar_budget"),
            ),
        )
    )  # fmt: skip
    about = html("<p>{}</p>", sketch.description) if sketch.description else html("")
    return html(
        '<div class="finsam-dokument" data-dokument="{doc}"><h2 id="skriv-del-ideskiss">Idéskiss</h2>'
        '{about}{facts}<h2 id="skriv-fragor">Idéskissens frågor</h2>{questions}</div>',
        doc=SKETCH,
        about=about,
        facts=facts,
        questions=_fieldset("Svar på förbundets frågor", _section_fields(SKETCH, sketch.sections)),
    )


def _document_choice(forbund: Forbund) -> Markup:
    if forbund.sketch is None:
        return html('<input type="hidden" name="{}" value="{}">', DOCUMENT, APPLICATION)
    return html(
        '<fieldset class="finsam-falt finsam-val" id="{id}" aria-describedby="{id}-hjalp">'
        "<legend>Vad vill du skriva?</legend>"
        '<p class="finsam-falt__hjalp" id="{id}-hjalp">Börja gärna med en idéskiss: kansliet ger '
        "synpunkter på den innan ni skriver hela ansökan. Det du har skrivit i idéskissen finns "
        "kvar när du går vidare till ansökan.</p>"
        '<div class="finsam-val__alternativ"><input type="radio" id="{id}-ideskiss" name="{name}" '
        'value="{sketch}"><label for="{id}-ideskiss">En idéskiss</label></div>'
        '<div class="finsam-val__alternativ"><input type="radio" id="{id}-ansokan" name="{name}" '
        'value="{application}" checked data-forval><label for="{id}-ansokan">En ansökan med '
        "budget</label></div></fieldset>",
        id=element_id(DOCUMENT),
        name=DOCUMENT,
        sketch=SKETCH,
        application=APPLICATION,
    )


def _repository(forbund: Forbund) -> tuple[str, str]:
    """The repository's address and branch (webbplats.forrad and webbplats.gren), "" when the
    förbund names no repository."""
    return forbund.repository_url.rstrip("/"), forbund.branch or "main"


def form_page(forbund: Forbund, first_year: int) -> str:
    """The page's Markdown (one block of HTML), for the förbund's mallar and idéskiss."""
    years = list(range(first_year, first_year + YEARS_SHOWN))
    id_help = _texts().help("ansokan.id")
    repository, branch = _repository(forbund)
    intro = html(
        "<p>Här skriver du en idéskiss eller en ansökan med budget direkt på webbplatsen, utan "
        "Git och utan några program på datorn. Formuläret kontrolleras med samma program som "
        "kansliet använder, och när kontrollen inte hittar några fel får du filerna att lämna "
        "in.</p><p>Det du skriver stannar i din webbläsare tills du själv hämtar filerna. Skriv "
        "inga personnummer eller andra uppgifter om enskilda personer. Mer om varje uppgift står "
        'i {guide}.</p><p class="finsam-skriv__utan-js">Formuläret behöver JavaScript. Slå på '
        "JavaScript i webbläsaren, eller hämta mallarna på sidan {templates}.</p>",
        guide=h.a(link(PAGE, GUIDE), "Fältguiden"),
        templates=h.a(link(PAGE, "mallar.md"), "Mallar"),
    )
    draft = html(
        '<section class="finsam-utkast" aria-labelledby="skriv-utkast"><h2 id="skriv-utkast">'
        "Ditt utkast</h2><p>Utkastet sparas i den här webbläsaren medan du skriver. Spara det "
        "som filer för att fortsätta på en annan dator eller skicka det till någon.</p>"
        "<p data-finsam-utkast>Inget utkast är sparat ännu.</p>"
        '<div class="finsam-falt"><label for="skriv-oppna">Öppna sparade filer</label>'
        '<p class="finsam-falt__hjalp" id="skriv-oppna-hjalp">Välj alla filer i insatsens mapp '
        "(till exempel ansokan.yaml, ansokan.md och budget.yaml), eller en zip-fil med mappen. "
        "Det du har i formuläret byts då ut.</p>"
        '<input type="file" id="skriv-oppna" multiple accept=".md,.yaml,.yml,.zip" '
        'aria-describedby="skriv-oppna-hjalp" data-finsam-oppna></div>'
        '<p role="status" data-finsam-oppnat></p>'
        '<p class="finsam-skriv__knappar"><button type="button" class="md-button" '
        "data-finsam-spara disabled>Spara utkastet som filer (zip)</button> "
        '<button type="button" class="md-button" data-finsam-rensa>Börja om med ett tomt '
        "formulär</button></p></section>"
    )
    form = html(
        '<form class="finsam-formular" data-finsam-formular novalidate aria-labelledby="skriv-ansokan-rubrik">'
        '<h2 id="skriv-ansokan-rubrik" class="finsam-dold">Formuläret</h2>{choice}'
        '<input type="hidden" name="{kept}" data-behall>'
        "{folder}{sketch}{application}"
        '<p class="finsam-skriv__knappar"><button type="submit" class="md-button md-button--primary" '
        "data-finsam-kontrollera disabled>Kontrollera nu</button></p></form>",
        choice=_document_choice(forbund),
        kept=KEPT,
        folder=_folder_field(id_help),
        sketch=_sketch(forbund),
        application=_application(forbund, years),
    )
    results = html(
        '<section class="finsam-kontroll" aria-labelledby="skriv-kontrollen">'
        '<h2 id="skriv-kontrollen">Kontrollens svar</h2>'
        '<p class="finsam-kontroll__status" role="status" aria-live="polite" data-finsam-sammanfattning>'
        "Kontrollen laddas. Du kan börja skriva under tiden.</p>"
        '<ul class="finsam-fynd" data-finsam-fynd></ul></section>'
    )
    upload = (
        html(
            "<li>Ladda upp filerna till förbundets arkiv på GitHub: "
            '<a data-finsam-uppladdning href="{url}">ladda upp filerna i mappen</a>. Har du inte '
            "skrivrätt i arkivet skapar GitHub en egen kopia (fork), en gren och en pull request "
            "åt dig.</li>",
            url=f"{repository}/upload/{branch}/applications",
        )
        if repository
        else html(
            "<li>Skicka filerna till kansliet, {}, så lägger kansliet in dem i arkivet.</li>",
            h.mailto(forbund.email),
        )
    )
    submit = html(
        '<section class="finsam-inlamning" aria-labelledby="skriv-lamna-in" data-finsam-inlamning hidden>'
        '<h2 id="skriv-lamna-in">Lämna in</h2><p>Kontrollen hittar inga fel. Så här lämnar du in '
        '(med bilder, steg för steg, på sidan <a href="{walkthrough}">Lämna in utan Git</a>):</p>'
        "<ol><li>Hämta filerna: <span data-finsam-filer></span>, eller alla på en gång som "
        '<a data-finsam-zip href="#">zip-fil</a>.</li><li>Filerna hör hemma i mappen '
        "<code data-finsam-mapp>applications/</code> i förbundets arkiv.</li>{upload}"
        "<li>Skriv en kort beskrivning till din pull request. Texten nedan är förifylld med "
        'ansökans uppgifter.<div class="finsam-falt"><label for="skriv-pr">Text till pull '
        'requesten</label><textarea id="skriv-pr" rows="12" readonly data-finsam-pr></textarea>'
        '</div><p><button type="button" class="md-button" data-finsam-kopiera>Kopiera texten'
        '</button> <span role="status" data-finsam-kopierad></span></p></li></ol></section>',
        upload=upload,
        walkthrough=link(PAGE, WALKTHROUGH),
    )
    root = html(
        '<div class="finsam-skriv" data-finsam-skriv data-arbetare="{worker}" data-regler="{rules}">'
        '<p class="finsam-skriv__laddning" role="status" aria-live="polite" data-finsam-laddning>'
        "Kontrollen laddas…</p>{draft}{form}{results}{submit}{categories}</div>",
        worker=link(PAGE, WORKER),
        rules=link(PAGE, RULES),
        draft=draft,
        form=form,
        results=results,
        submit=submit,
        categories=_category_templates(forbund),
    )
    return h.page(
        "Skriv ansökan",
        [intro, root],
        description="Skriv en idéskiss eller en ansökan med budget och kontrollera den direkt.",
        scripts=[SCRIPT],
        hide=["toc"],  # the budget's columns need the width
    )


def _folder_field(help_text: str) -> Markup:
    ident = element_id(FOLDER_ID)
    return html(
        '<div class="finsam-falt"><label for="{id}">Insatsens id</label>{help}'
        '<input type="text" id="{id}" name="{name}" autocomplete="off" spellcheck="false" '
        'aria-describedby="{id}-hjalp"></div>',
        id=ident,
        name=FOLDER_ID,
        help=_help(ident, help_text + " Id:t blir också mappens namn i arkivet."),
    )
