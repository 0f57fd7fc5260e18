"""Finding Swedish personal identity numbers (personnummer) and coordination numbers
(samordningsnummer) in text, so that they never enter the repository.

People write these numbers in many ways: with or without the century, with a hyphen, a plus,
an en dash or a space before the last four digits, with the date grouped (``ÅÅÅÅ MM DD-NNNN``,
``ÅÅÅÅ-MM-DD-NNNN``), broken over two lines or two table cells, with zero-width characters,
Markdown emphasis or HTML entities between the digits, or in fullwidth digits. The detector
therefore works in three steps:

1. **Normalise** the text around digits: decode HTML entities, drop invisible format
   characters (Unicode category Cf), turn every Unicode decimal digit into an ASCII digit, let an
   HTML tag act as a cell boundary, and remember each character's position in the original text.
2. **Tokenise** into digit groups joined by short separator runs (a dash, a space, a line break,
   a table or CSV cell boundary, ...).
3. **Accept** a run of groups with 10 or 12 digits only when the group boundaries fall where
   people split these numbers (after the century, year, month and day, and in the middle of the
   last four digits), when the separators inside the date agree, when the date is real (day plus
   60 for a samordningsnummer) and when the Luhn check digit is right.

Organisation numbers pass (their "month" is 20 or more), and so do amounts written with
thousands separators, telephone numbers, dates followed by times or years, and diarienummer:
their groups fall at other places, or their separators disagree.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterator, Sequence
from enum import Enum
from typing import NamedTuple

# Digit runs further apart than this (in original characters) never belong to one number.
_MAX_GAP = 400
# How many separator characters (after markup is removed) may join two digit groups.
_MAX_SPACES = 4
# A weakly written number (only a space, a line break or a cell between date and serial)
# is accepted only for a person at least this old, so that "2025-07-01 1500" stays a date.
_WEAK_MIN_AGE = 13
# ... and only when its last four digits could not be a year of these times (2000 up to this
# many years ahead), which a figure in a table is followed by more often than anything else.
_YEAR_AHEAD = 10

_DIGIT_RUN = re.compile(r"\d+")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_TAG = re.compile(r"</?[A-Za-z][^<>\n]{0,200}>")
# Markup that may sit between the digits without changing what is written.
_MARKUP = str.maketrans("", "", "*_~`\\")
_NEWLINES = "\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_EXTRA_DASHES = "\u2212\u2796\ufe63\uff0d\u2043"
# En and em dash (and their kin) mark ranges ("2025-01-01–2026-12-31") more often than numbers.
_RANGE_DASHES = "\u2013\u2014\u2015\ufe58"
# Words that announce a telephone number in the text just before a number.
_PHONE_WORDS = re.compile(
    r"(?i)\b(tel|telefon|telefonnummer|mobil|mobilnr|mobilnummer|sms|fax|växel|ring)\W*$"
)
# A long run of letters and digits around a number is a hash, a key or encoded data.
_TOKEN_CHAR = re.compile(r"[A-Za-z0-9]")
_LONG_TOKEN = 16


class Hit(NamedTuple):
    line: int
    column: int
    masked: str  # the date part only; the last four digits are never repeated
    coordination: bool
    length: int = 0  # characters of the original text from the first digit to the last


class Sep(Enum):
    """What joins two digit groups."""

    NONE = "none"  # markup only, or nothing: the digits run on
    DASH = "dash"  # one dash character, tight
    SPACED_DASH = "spaced-dash"  # " - ", " – "
    PLUS = "plus"
    DOT = "dot"
    SLASH = "slash"
    SPACE = "space"  # up to a few spaces (no tab) on one line
    BREAK = "break"  # a line break, perhaps with spaces around it
    BREAK_DASH = "break-dash"  # a hyphen at the end of a line
    CELL = "cell"  # a Markdown table or CSV cell boundary, or a tab
    OTHER = "other"  # anything else: the groups are separate figures


class _Joint(NamedTuple):
    kind: Sep
    char: str = ""  # the dash, dot or slash itself


_OTHER = _Joint(Sep.OTHER)


def luhn_ok(digits: str) -> bool:
    total = 0
    for index, char in enumerate(digits):
        value = int(char) * (2 if index % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total % 10 == 0


def _is_dash(char: str) -> bool:
    return char == "-" or char in _EXTRA_DASHES or unicodedata.category(char) == "Pd"


def _is_space(char: str) -> bool:
    return char.isspace() and char not in _NEWLINES


_CELL = re.compile(r'[ \t]*"?[ \t]*[|;,][ \t]*"?[ \t]*')


@functools.lru_cache(maxsize=4096)
def _classify(separator: str) -> _Joint:
    if len(separator) > 40:  # far more than any separator inside one number
        return _OTHER
    sep = separator.translate(_MARKUP)
    if not sep:
        return _Joint(Sep.NONE)
    if len(sep) == 1:
        char = sep
        if _is_dash(char):
            return _Joint(Sep.DASH, char)
        if char in "+\uff0b":
            return _Joint(Sep.PLUS, "+")
        if char == ".":
            return _Joint(Sep.DOT, ".")
        if char == "/":
            return _Joint(Sep.SLASH, "/")
    if all(_is_space(c) for c in sep):
        if len(sep) > _MAX_SPACES:
            return _Joint(Sep.OTHER)
        # A tab separates cells (spreadsheets, extracted tables) more often than words.
        return _Joint(Sep.CELL if "\t" in sep else Sep.SPACE)
    stripped = "".join(c for c in sep if not _is_space(c))
    if len(stripped) == 1 and _is_dash(stripped) and len(sep) <= _MAX_SPACES + 1:
        return _Joint(Sep.SPACED_DASH, stripped)
    if "\n" in sep or "\r" in sep:
        body = sep.replace("\r\n", "\n").replace("\r", "\n")
        if body.count("\n") == 1 and len(body) <= 2 * _MAX_SPACES + 2:
            head, tail = body.split("\n")
            head = "".join(c for c in head if not _is_space(c))
            if all(_is_space(c) for c in tail):
                if not head:
                    return _Joint(Sep.BREAK)
                if len(head) == 1 and _is_dash(head):
                    return _Joint(Sep.BREAK_DASH, head)
        return _Joint(Sep.OTHER)
    if _CELL.fullmatch(sep):
        return _Joint(Sep.CELL)
    return _Joint(Sep.OTHER)


def _clusters(text: str) -> Iterator[tuple[int, int]]:
    """Spans of ``text`` that hold at least ten digits (counting entity digits too) with no
    gap longer than _MAX_GAP between them."""
    start = end = -1
    count = 0
    for match in _DIGIT_RUN.finditer(text):
        if start >= 0 and match.start() - end <= _MAX_GAP:
            end = match.end()
            count += match.end() - match.start()
            continue
        if count >= 10:
            yield start, end
        start, end, count = match.start(), match.end(), match.end() - match.start()
    if count >= 10:
        yield start, end


# What _normalise must rewrite: entities, tags and characters beyond ASCII, except the Latin-1
# letters (å, ä, ö, é ...), which are neither digits, separators nor format characters and
# which NFKC leaves as they are: Swedish prose is copied as it is.
_SPECIAL = re.compile(r"[^\x00-\x7f\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]|&|<")


def _normalise(text: str, start: int, end: int, tags: bool = True) -> tuple[str, Sequence[int]]:
    """The span's text with entities decoded, format characters dropped, digits in ASCII and
    tags turned into tabs, and for each character its index in ``text``."""
    span = text[start:end]
    if _SPECIAL.search(span) is None:
        return span, range(start, end)  # nothing to rewrite: the common case
    chars: list[str] = []
    origin: list[int] = []
    index = start
    while index < end:
        special = _SPECIAL.search(text, index, end)
        stop = special.start() if special else end
        if stop > index:  # plain ASCII, copied as it is
            chars.append(text[index:stop])
            origin.extend(range(index, stop))
            index = stop
            continue
        char = text[index]
        if char == "&":
            entity = _ENTITY.match(text, index, end)
            if entity:
                import html  # only text with an entity needs it: spare every other check the import

                decoded = html.unescape(entity.group())
                if decoded != entity.group():
                    for inner in decoded:
                        _emit(inner, index, chars, origin)
                    index = entity.end()
                    continue
        elif char == "<" and tags:
            tag = _TAG.match(text, index, end)
            if tag:
                chars.append("\t")
                origin.append(index)
                index = tag.end()
                continue
        _emit(char, index, chars, origin)
        index += 1
    return "".join(chars), origin


def _emit(char: str, index: int, chars: list[str], origin: list[int]) -> None:
    if char.isascii():
        chars.append(char)
        origin.append(index)
        return
    if unicodedata.category(char) == "Cf":
        return  # zero-width spaces and joiners, word joiner, BOM, soft hyphen
    digit = unicodedata.decimal(char, None)
    if digit is not None:
        chars.append(str(digit))
    else:
        # Fullwidth punctuation and spaces become their plain kin; superscripts and other
        # numerals that are no decimal digits stay what they are.
        folded = unicodedata.normalize("NFKC", char)
        chars.append(folded if len(folded) == 1 and not folded.isdigit() else char)
    origin.append(index)


def _birth_date(year: int, month: int, day: int) -> tuple[dt.date | None, bool]:
    """The birth date (day shifted back by 60 for a samordningsnummer) and whether it was."""
    coordination = day > 60
    if coordination:
        day -= 60
    try:
        return dt.date(year, month, day), coordination
    except ValueError:
        return None, False


def _check(digits: str, weak: bool, today: dt.date) -> tuple[bool, bool]:
    """(a real date with a valid check digit, is a samordningsnummer) for 10 or 12 digits.
    ``weak`` numbers also need a person of at least _WEAK_MIN_AGE years."""
    short = digits[-10:]
    if not luhn_ok(short):
        return False, False
    yy, month, day = int(short[:2]), int(short[2:4]), int(short[4:6])
    if len(digits) == 12:
        if digits[:2] not in ("18", "19", "20"):
            return False, False
        years = [int(digits[:4])]
    else:
        # A two-digit year is valid if the date exists in some century (29 February!).
        years = [century + yy for century in (1900, 2000, 1800)]
    latest = today.replace(year=today.year - _WEAK_MIN_AGE, day=min(today.day, 28))
    for year in years:
        born, coordination = _birth_date(year, month, day)
        if born is None or born > today:
            continue
        if weak and born > latest:
            continue
        return True, coordination
    return False, False


class _Group(NamedTuple):
    start: int  # index in the normalised text
    end: int
    digits: str


def _tokenise(norm: str) -> tuple[list[_Group], list[_Joint]]:
    groups: list[_Group] = []
    joints: list[_Joint] = []
    for match in _DIGIT_RUN.finditer(norm):
        if groups:
            joint = _classify(norm[groups[-1].end : match.start()])
            if joint.kind is Sep.NONE:
                last = groups[-1]
                groups[-1] = _Group(last.start, match.end(), last.digits + match.group())
                continue
            joints.append(joint)
        groups.append(_Group(match.start(), match.end(), match.group()))
    return groups, joints


_DATE_KINDS = (Sep.SPACE, Sep.DASH, Sep.DOT, Sep.SLASH)
_CONTINUES = (Sep.DASH, Sep.DOT, Sep.SLASH, Sep.PLUS)


def _same(a: _Joint, b: _Joint) -> bool:
    return a.kind is b.kind and a.char == b.char


def _form_ok(size: int, bounds: dict[int, _Joint]) -> tuple[bool, bool, _Joint | None]:
    """Whether the boundaries of a 10- or 12-digit run fall where people split the number and
    agree with each other: (acceptable, weak, the separator inside the date if any)."""
    off = 2 if size == 12 else 0
    allowed = {off + 2, off + 4, off + 6, off + 8} | ({2} if size == 12 else set())
    if any(position not in allowed for position in bounds):
        return False, False, None
    century = bounds.get(2) if size == 12 else None
    year_month, month_day = bounds.get(off + 2), bounds.get(off + 4)
    serial, middle = bounds.get(off + 6), bounds.get(off + 8)
    if (year_month is None) != (month_day is None):
        return False, False, None
    if middle is not None and (middle.kind is not Sep.SPACE or serial is None):
        return False, False, None
    if year_month is None or month_day is None:
        # A compact date: ÅÅÅÅMMDD-NNNN, ÅÅMMDDNNNN, ÅÅÅÅMMDD NNNN, | ÅÅÅÅMMDD | NNNN |.
        if century is not None:
            return False, False, None
        if serial is None or serial.kind in (Sep.DASH, Sep.PLUS, Sep.SPACED_DASH, Sep.BREAK_DASH):
            return True, False, None
        if serial.kind is Sep.SPACE:
            return True, True, None
        if serial.kind in (Sep.BREAK, Sep.CELL) and size == 12:
            return True, True, None
        return False, False, None
    # A grouped date: ÅÅÅÅ-MM-DD-NNNN, ÅÅÅÅ MM DD-NNNN, ÅÅ ÅÅ MM DD-NN NN, ÅÅÅÅ.MM.DD-NNNN.
    inner = year_month
    if inner.kind not in _DATE_KINDS or not _same(inner, month_day):
        return False, False, None
    if century is not None and not _same(century, inner):
        return False, False, None
    if serial is None:
        return False, False, None
    if serial.kind is Sep.PLUS:
        return True, False, inner
    if inner.kind is Sep.SPACE:
        return serial.kind is Sep.DASH, False, inner
    if serial.kind is Sep.DASH:
        if serial.char in _RANGE_DASHES and not _same(serial, inner):
            return False, False, None
        return True, False, inner
    if serial.kind is Sep.SPACE and size == 12:
        return True, True, inner
    return False, False, None


def _hexish(norm: str, start: int, end: int) -> bool:
    """Whether the digits at norm[start:end] sit inside a long run of letters and digits."""
    left = start
    while left > 0 and _TOKEN_CHAR.match(norm, left - 1):
        left -= 1
    right = end
    while right < len(norm) and _TOKEN_CHAR.match(norm, right):
        right += 1
    token = norm[left:right]
    return len(token) >= _LONG_TOKEN and any(c.isalpha() for c in token)


def _candidates(norm: str, today: dt.date) -> Iterator[tuple[int, int, str, bool]]:
    """(indexes in norm of the first and the last digit, the date digits YYMMDD,
    coordination) per number."""
    groups, joints = _tokenise(norm)
    first = 0
    while first < len(groups):
        found = _candidate_at(norm, groups, joints, first, today)
        if found is None:
            first += 1
            continue
        last, short, coordination = found
        yield groups[first].start, groups[last].end - 1, short, coordination
        first = last + 1


def _candidate_at(
    norm: str, groups: list[_Group], joints: list[_Joint], first: int, today: dt.date
) -> tuple[int, str, bool] | None:
    digits = ""
    bounds: dict[int, _Joint] = {}
    for last in range(first, len(groups)):
        if last > first:
            joint = joints[last - 1]
            if joint.kind is Sep.OTHER:
                return None
            bounds[len(digits)] = joint
        digits += groups[last].digits
        if len(digits) > 12:
            return None
        if len(digits) not in (10, 12):
            continue
        found = _accept(norm, groups, joints, first, last, digits, bounds, today)
        if found is not None:
            return found
    return None


def _accept(
    norm: str,
    groups: list[_Group],
    joints: list[_Joint],
    first: int,
    last: int,
    digits: str,
    bounds: dict[int, _Joint],
    today: dt.date,
) -> tuple[int, str, bool] | None:
    ok, weak, inner = _form_ok(len(digits), bounds)
    if not ok:
        return None
    before = joints[first - 1] if first > 0 else None
    after = joints[last] if last < len(joints) else None
    # The number must not be part of a longer figure: 2025-01-01–2026-12-31, 12.ÅÅMMDDNNNN.
    if before is not None and (
        before.kind in _CONTINUES
        or (inner is not None and (_same(before, inner) or before.kind is Sep.SPACED_DASH))
    ):
        return None
    if after is not None:
        if after.kind in _CONTINUES:
            return None
        split_serial = (2 if len(digits) == 12 else 0) + 8 in bounds
        if after.kind is Sep.SPACE and (
            split_serial or (inner is not None and inner.kind is Sep.SPACE)
        ):
            return None
    if _hexish(norm, groups[first].start, groups[first].end) or _hexish(
        norm, groups[last].start, groups[last].end
    ):
        return None
    if len(digits) == 10 and digits[0] == "0" and not bounds:
        line_start = norm.rfind("\n", 0, groups[first].start) + 1
        context = norm[max(line_start, groups[first].start - 30) : groups[first].start]
        if _PHONE_WORDS.search(context.rstrip(" :.\t")):
            return None
    if weak and 2000 <= int(digits[-4:]) <= today.year + _YEAR_AHEAD:
        return None  # "| 870368 | 2029 |": an amount or a date, then a year
    valid, coordination = _check(digits, weak, today)
    if not valid:
        return None
    return last, digits[-10:-4], coordination


def find(text: str, today: dt.date | None = None) -> Iterator[Hit]:
    """Every personnummer and samordningsnummer in ``text``, with the line and column of its
    first digit in the original text (1-based)."""
    today = today or dt.date.today()
    for start, end in _clusters(text):
        # Some context on both sides: the separators and words next to the digits.
        low, high = max(0, start - 40), min(len(text), end + 40)
        # Tags between the parts of a number are read as spaces (a dash in bold); a number inside
        # what looks like a tag (in a title attribute, say) is read with the tag as text.
        readings = [True, False] if "<" in text[low:high] else [True]
        found: set[int] = set()
        for tags in readings:
            norm, origin = _normalise(text, low, high, tags)
            for first, last, short, coordination in _candidates(norm, today):
                position = origin[first]
                if position in found:
                    continue
                found.add(position)
                line = text.count("\n", 0, position) + 1
                column = position - text.rfind("\n", 0, position)
                length = origin[last] + 1 - position
                yield Hit(line, column, f"{short}-****", coordination, length)


def redact(text: str) -> str:
    """``text`` with every personnummer replaced by its masked form (for file names and
    labels that a finding must name)."""
    hits = list(find(text))
    if not hits:
        return text
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    out = text
    for hit in reversed(hits):
        begin = starts[hit.line - 1] + hit.column - 1
        out = out[:begin] + hit.masked + out[begin + hit.length :]
    return out
