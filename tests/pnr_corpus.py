"""Test numbers, the written forms a red team found, and corpora of look-alikes (telephone
numbers, organisation numbers, amounts, dates) for the personnummer tests and the benchmark.

No real person's number is written here: the numbers are the well-known test identity
(Tolvan Tolvansson, born 12 December 1912) and numbers synthesised with a Luhn check digit,
all built at run time.
"""

from __future__ import annotations

import random
import subprocess
from collections.abc import Callable
from pathlib import Path

from finsam.personnummer import luhn_ok

REPO = Path(__file__).resolve().parents[1]


def with_check_digit(nine: str) -> str:
    """The ten digits YYMMDDNNN + the Luhn check digit."""
    return next(nine + str(d) for d in range(10) if luhn_ok(nine + str(d)))


def full(century: str, nine: str) -> str:
    """Twelve digits: the century and a ten-digit number with its check digit."""
    return century + with_check_digit(nine)


# Twelve-digit numbers: the test identity Tolvan Tolvansson, other dates, a leap day and
# samordningsnummer (day + 60).
NUMBERS = (
    full("19", "121212121"),  # Tolvan Tolvansson
    full("19", "850307123"),
    full("19", "640813457"),
    full("20", "000229234"),
    full("19", "900171345"),  # samordningsnummer: 11 January + 60
    full("20", "080101568"),
    full("19", "781231999"),
    full("19", "920891004"),  # samordningsnummer: 31 August + 60
)


def _entities(text: str) -> str:
    return "".join(f"&#{ord(c)};" for c in text)


def _digits_in(text: str, zero: int) -> str:
    return "".join(chr(zero + int(c)) if c.isdigit() else c for c in text)


def _sprinkle(text: str, invisible: str) -> str:
    """An invisible character after every third character."""
    return "".join(c + (invisible if i % 3 == 1 else "") for i, c in enumerate(text))


def written_forms(number: str) -> list[tuple[str, str]]:
    """(name, text) for every way the red team wrote the twelve-digit ``number``."""
    c, y, m, d, s = number[:2], number[2:4], number[4:6], number[6:8], number[8:]
    cymd, ymd, s1, s2 = c + y + m + d, y + m + d, s[:2], s[2:]
    return [
        ("12 siffror", cymd + s),
        ("12 med bindestreck", f"{cymd}-{s}"),
        ("10 med bindestreck", f"{ymd}-{s}"),
        ("10 siffror", ymd + s),
        ("10 med plus", f"{ymd}+{s}"),
        ("12 med mellanslag", f"{cymd} {s}"),
        ("12 med tre mellanslag", f"{cymd}   {s}"),
        ("12 med tabb", f"{cymd}\t{s}"),
        ("10 med mellanslag", f"{ymd} {s}"),
        ("tankstreck", f"{ymd}–{s}"),
        ("långt tankstreck", f"{ymd}—{s}"),
        ("minustecken", f"{ymd}−{s}"),
        ("hårt bindestreck", f"{ymd}\u2011{s}"),
        ("siffertankstreck", f"{ymd}\u2012{s}"),
        ("bindestreck U+2010", f"{ymd}\u2010{s}"),
        ("bindestreck med mellanslag", f"{ymd} - {s}"),
        ("tankstreck med mellanslag", f"{cymd} – {s}"),
        ("fullbrett bindestreck", f"{ymd}\uff0d{s}"),
        ("hårt mellanslag", f"{cymd}\u00a0{s}"),
        ("smalt hårt mellanslag", f"{cymd}\u202f{s}"),
        ("tunt mellanslag", f"{cymd}\u2009{s}"),
        ("10 med hårt mellanslag", f"{ymd}\u00a0{s}"),
        ("grupperat datum", f"{c}{y} {m} {d}-{s}"),
        ("parvis", f"{c} {y} {m} {d}-{s1} {s2}"),
        ("delat löpnummer", f"{ymd} {s1} {s2}"),
        ("grupperat kort datum", f"{y} {m} {d}-{s}"),
        ("ISO-datum och bindestreck", f"{c}{y}-{m}-{d}-{s}"),
        ("ISO-datum och mellanslag", f"{c}{y}-{m}-{d} {s}"),
        ("datum med punkter", f"{c}{y}.{m}.{d}-{s}"),
        ("datum med snedstreck", f"{c}{y}/{m}/{d}-{s}"),
        ("kort ISO-datum", f"{y}-{m}-{d}-{s}"),
        ("radbrytning efter bindestreck", f"{cymd}-\n{s}"),
        ("radbrytning", f"{cymd}\n{s}"),
        ("radbrytning CRLF", f"{cymd}\r\n{s}"),
        ("Markdowntabell", f"| {cymd} | {s} |"),
        ("CSV med semikolon", f"{cymd};{s}"),
        ("CSV med citattecken", f'"{cymd}","{s}"'),
        ("nollbreddsmellanslag", _sprinkle(f"{cymd}-{s}", "\u200b")),
        ("ZWNJ", _sprinkle(f"{cymd}-{s}", "\u200c")),
        ("ZWJ", _sprinkle(f"{cymd}-{s}", "\u200d")),
        ("ordfogning", _sprinkle(f"{cymd}-{s}", "\u2060")),
        ("BOM i texten", _sprinkle(f"{cymd}-{s}", "\ufeff")),
        ("mjukt bindestreck", _sprinkle(f"{ymd}-{s}", "\u00ad")),
        ("fetstil", f"**{cymd}**-{s}"),
        ("kursiv", f"_{cymd}_-{s}"),
        ("kod", f"`{cymd}`-`{s}`"),
        ("fetstil mitt i", f"{c}{y}**{m}{d}**-{s}"),
        ("Markdown-escape", f"{cymd}\\-{s}"),
        ("HTML-entitet för bindestrecket", f"{cymd}&#8209;{s}"),
        ("HTML-entitet för första siffran", f"&#{ord(c[0])};{cymd[1:]}-{s}"),
        ("hexadecimal HTML-entitet", f"&#x{ord(c[0]):x};{cymd[1:]}-{s}"),
        ("bara HTML-entiteter", _entities(f"{ymd}-{s}")),
        ("&nbsp;", f"{cymd}&nbsp;{s}"),
        ("&shy; mitt i", f"{ymd[:3]}&shy;{ymd[3:]}-{s}"),
        ("HTML-taggar", f"<b>{cymd}</b>-{s}"),
        ("fullbreddssiffror", _digits_in(f"{cymd}-{s}", 0xFF10)),
        ("arabiska siffror", _digits_in(f"{ymd}-{s}", 0x0660)),
        ("devanagarisiffror", _digits_in(f"{cymd}-{s}", 0x0966)),
        ("i en mening", f"Deltagare: {ymd}-{s}, kvinna."),
    ]


FORM_NAMES = [name for name, _ in written_forms(NUMBERS[0])]


# --- Look-alikes: none of these is a personnummer --------------------------------------------


def _phones(rng: random.Random) -> list[str]:
    out = []
    for _ in range(400):
        a = f"7{rng.choice('02369')}"
        n = f"{rng.randrange(10**7):07d}"
        out += [
            f"0{a}-{n[:3]} {n[3:5]} {n[5:]}",
            f"0{a}-{n}",
            f"0{a}{n[0]}-{n[1:3]} {n[3:5]} {n[5:]}",
            f"0{a}{n[0]}-{n[1:]}",
            f"0{a} {n[:3]} {n[3:5]} {n[5:]}",
            f"0{a}-{n[:2]} {n[2:4]} {n[4:]}",
            f"+46 {a} {n[:3]} {n[3:5]} {n[5:]}",
            f"+46{a}{n}",
            f"+46 (0){a}-{n[:3]} {n[3:5]} {n[5:]}",
            f"0046 {a} {n[:3]} {n[3:5]} {n[5:]}",
            f"Telefon: 0{a}{n}",
            f"Mobil 0{a}{n}",
            f"tel. 0{a}{n}",
        ]
        s = f"{rng.randrange(10**8):08d}"
        out += [
            f"08-{s[:3]} {s[3:6]} {s[6:]}",
            f"08-{s[:2]} {s[2:4]} {s[4:6]} {s[6:]}",
            f"08 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}",
            f"08-{s[:3]} {s[3:5]} {s[5:7]}",
            f"+46 8 {s[:3]} {s[3:6]} {s[6:]}",
            f"+46 8 {s[:2]} {s[2:4]} {s[4:6]} {s[6:]}",
        ]
        area = rng.choice(["031", "040", "010", "018", "0480", "0920", "0150"])
        local = f"{rng.randrange(10**6):06d}"
        out += [
            f"{area}-{local[:2]} {local[2:4]} {local[4:]}",
            f"{area}-{local[:3]} {local[3:]}",
            f"{area} {local[:2]} {local[2:4]} {local[4:]}",
            f"{area}-{local}",
        ]
    return out


def _organisation_numbers(rng: random.Random) -> list[str]:
    out = []
    for _ in range(2000):
        head = f"{rng.choice('2356789')}{rng.randrange(10)}{rng.randrange(2, 10)}"
        number = with_check_digit(head + f"{rng.randrange(10**6):06d}")
        out += [
            f"{number[:6]}-{number[6:]}",
            number,
            f"16{number[:6]}-{number[6:]}",
            f"org.nr {number[:6]} {number[6:]}",
        ]
    out += ["212000-0142", "556677-8899", "2120000142", "202100-5489"]
    return out


def _amount(value: int) -> str:
    return f"{value:,}".replace(",", " ")


def _amounts(rng: random.Random) -> list[str]:
    out = ["4 418 130", "1 180 000 kr", "4 418 132 kr", "| 350 000 | 420 000 |"]
    for _ in range(2000):
        a, b, c = (rng.randrange(10_000, 99_999_999) for _ in range(3))
        year = rng.randrange(2020, 2031)
        out += [
            f"{_amount(a)} kr",
            f"| {_amount(a)} | {_amount(b)} | {_amount(c)} |",
            f"| {year} | {a} | {b} |",
            f"{year}: {a}",
            f"belopp: {{{year}: {a}, {year + 1}: {b}}}",
            f"belopp:\n  {year}: {a % 1_000_000}\n  {year + 1}: {b % 1_000_000}\n",
            f"{a};{b};{c}",
            f"{_amount(a)},{rng.randrange(100):02d}",
            f"{a} {year}",
            f"Summa {_amount(a)} {_amount(b)} {year}",
        ]
    return out


def _dates(rng: random.Random) -> list[str]:
    out = ["2025-01-01 – 2026-12-31", "2025-07-01 1500"]
    for _ in range(2000):
        year = rng.randrange(2015, 2031)
        month, day = rng.randrange(1, 13), rng.randrange(1, 29)
        date = f"{year}-{month:02d}-{day:02d}"
        compact = date.replace("-", "")
        later = f"{year + 1}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}"
        number = rng.randrange(10_000)
        hour, minute = rng.randrange(24), rng.randrange(60)
        out += [
            f"{date} – {later}",
            f"{date}–{later}",
            f"{date} - {later}",
            f"{date} {number:04d}",
            f"{date} {hour:02d}{minute:02d}",
            f"{date} kl. {hour:02d}.{minute:02d}",
            f"{date} {hour:02d}:{minute:02d}",
            f"| {date} | {year + 1} |",
            f"| {date} | {number:04d} |",
            f"{date}\t{year}",
            f"{date};{number:04d}",
            f"{compact} {number:04d}",
            f"| {compact} | {year} |",
            f"{date}\n{year}",
            f"{hour:02d}.{minute:02d}–{(hour + 2) % 24:02d}.{minute:02d}",
            f"Dnr {year}/{number:04d}",
            f"SF {year}-{rng.randrange(10**6):06d}",
            f"Dnr {year}-{rng.randrange(1, 13):02d}-{number:04d}",
            f"AF-{year}/{rng.randrange(10**6):06d}",
        ]
    return out


LOOKALIKES: dict[str, Callable[[random.Random], list[str]]] = {
    "telefonnummer": _phones,
    "organisationsnummer": _organisation_numbers,
    "belopp": _amounts,
    "datum och diarienummer": _dates,
}


def lookalikes(seed: int = 2026) -> dict[str, list[str]]:
    # A fixed seed: the same corpus in every run (no cryptography here).
    return {name: make(random.Random(seed)) for name, make in LOOKALIKES.items()}  # noqa: S311


# --- The repository's own text -----------------------------------------------------------------


def shipped_files(root: Path = REPO) -> list[tuple[str, bytes]]:
    """Every tracked file, as (path, bytes). None holds a personnummer written out: the tests
    put their test numbers together when they run (see test_acceptance.py's overlays)."""
    done = subprocess.run(["git", "ls-files", "-z"], cwd=root, capture_output=True, check=True)
    out = []
    for rel in sorted(filter(None, done.stdout.decode("utf-8").split("\0"))):
        path = root / rel
        if not path.is_file():
            continue
        out.append((rel, path.read_bytes()))
    return out
