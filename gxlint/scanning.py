"""Regexes that scan long text fast, with the same matches.

Python's regex engine skips ahead quickly only when a pattern starts with a literal or a
character class. A pattern that starts with an alternation of groups (`(?:编制|撰写)…|我局…`) or
an optional group (`(?P<pre>约|近)?\\d+…`) is instead tried in full at every position of the
text: on a whole report that is most of the cost of the check.

`scanning(pattern)` reads the pattern's syntax tree, finds every character a match can start
with, and compiles the pattern behind a lookahead of that class (`(?=[编撰我…])…`): at a position
where no match can start, the attempt fails on one class test. A match's first character is
always in the class, so search, match, finditer and sub find exactly what the bare pattern
finds. Where the first characters cannot be named in a class (`.`, a negated class, a
backreference, a pattern that can match the empty string, flags), the pattern is compiled as
written.
"""

from __future__ import annotations

import re
from functools import cache

try:  # Python 3.11+
    from re import _constants as _sre  # type: ignore[attr-defined]
    from re import _parser as _sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - older Pythons name them differently
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

# A class item as lookahead source: \d, \s, \w (Unicode, as the pattern reads them).
_CATEGORIES = {
    _sre.CATEGORY_DIGIT: r"\d",
    _sre.CATEGORY_SPACE: r"\s",
    _sre.CATEGORY_WORD: r"\w",
}
_REPEATS = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}
_ZERO_WIDTH = {_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT}


class _Unnamed(Exception):
    """The first characters of this part cannot be written as one class."""


def _char(code: int) -> str:
    return re.escape(chr(code))


def _class_items(items) -> list[str]:
    """A character class's items as class source (`[...]` without the brackets)."""
    out = []
    for op, av in items:
        if op is _sre.LITERAL:
            out.append(_char(av))
        elif op is _sre.RANGE:
            out.append(f"{_char(av[0])}-{_char(av[1])}")
        elif op is _sre.CATEGORY and av in _CATEGORIES:
            out.append(_CATEGORIES[av])
        else:  # NEGATE, a category not named above, a compiled charset
            raise _Unnamed
    return out


def _first(items) -> tuple[list[str], bool]:
    """The class items a match of the sequence can start with, and whether it can be empty."""
    found: list[str] = []
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # consumes nothing: the first character is the next item's
        if op is _sre.LITERAL:
            found.append(_char(av))
            return found, False
        if op is _sre.IN:
            found.extend(_class_items(av))
            return found, False
        if op is _sre.SUBPATTERN:
            _group, add_flags, del_flags, sub = av
            if add_flags or del_flags:
                raise _Unnamed
            part, empty = _first(sub)
        elif op is _sre.BRANCH:
            part, empty = [], False
            for alternative in av[1]:
                alt_first, alt_empty = _first(alternative)
                part.extend(alt_first)
                empty = empty or alt_empty
        elif op in _REPEATS:
            low, _high, sub = av
            part, empty = _first(sub)
            empty = empty or low == 0
        else:  # ANY, NOT_LITERAL, GROUPREF, conditionals…
            raise _Unnamed
        found.extend(part)
        if not empty:
            return found, False
    return found, True


def first_class(pattern: str) -> str | None:
    """`[…]`: every character a match of `pattern` can start with; None when that cannot be
    said as one class (or a match can be empty, or the pattern sets flags)."""
    try:
        return _first_class(_sre_parse.parse(pattern))
    except re.error:
        return None


def _first_class(parsed) -> str | None:
    if parsed.state.flags & ~_sre.SRE_FLAG_UNICODE:
        return None
    try:
        items, empty = _first(list(parsed))
    except (_Unnamed, RecursionError):
        return None
    if empty or not items:
        return None
    return "[" + "".join(dict.fromkeys(items)) + "]"


# Runs of the common CJK block. Put first in an alternation that keeps letters
# (`CJK_RUN|[^\W_]+`), they make the same runs while the engine tests one range per character
# instead of a negated category or a lookahead: every character of the block is a letter and
# none is a digit (tests/test_scanning.py walks the block).
CJK_RUN = "[\u4e00-\u9fff]+"


@cache
def first_literals(pattern: str) -> str | None:
    """The characters a match of `pattern` can start with, when each is a plain character
    (`[未没]` → `未没`); None otherwise. `str.find` looks for a character tens of times faster
    than the regex engine tests a class at every position of the text."""
    named = first_class(pattern)
    if named is None:
        return None
    items = list(_sre_parse.parse(named))
    if len(items) != 1:
        return None
    op, av = items[0]
    if op is _sre.LITERAL:  # `[本]` parses as the character itself
        return chr(av)
    if op is _sre.IN and all(kind is _sre.LITERAL for kind, _code in av):
        return "".join(chr(code) for _kind, code in av)
    return None


def positions_of(text: str, chars: str) -> list[int]:
    """Every offset of `text` holding one of `chars`, in order."""
    found: list[int] = []
    find = text.find
    for char in chars:
        at = find(char)
        while at != -1:
            found.append(at)
            at = find(char, at + 1)
    if len(chars) > 1:
        found.sort()
    return found


def _engine_skips_ahead(parsed) -> bool:
    """Whether the regex engine already scans for the pattern's start by itself: its first item
    (inside groups) is a literal, a class, or an alternation of literal-led branches. A
    lookahead would hide that from it and make the scan slower, not faster."""
    items = list(parsed)
    while items and items[0][0] is _sre.SUBPATTERN:
        items = list(items[0][1][3])
    if not items:
        return False
    op, av = items[0]
    if op in (_sre.LITERAL, _sre.IN):
        return True
    if op is _sre.AT and av in (_sre.AT_BEGINNING, _sre.AT_BEGINNING_STRING):
        return True  # `^…`: tried where a line or the text begins, never scanned
    return op is _sre.BRANCH and all(alt and alt[0][0] is _sre.LITERAL for alt in av[1])


@cache
def scanning(pattern: str) -> re.Pattern:
    """`pattern` compiled to scan fast (a lookahead of its first characters, where the engine
    has no way of its own to skip ahead), with the same matches."""
    try:
        parsed = _sre_parse.parse(pattern)
    except re.error:
        return re.compile(pattern)  # raises the same error as compiling it would
    first = None if _engine_skips_ahead(parsed) else _first_class(parsed)
    if first is None:
        return re.compile(pattern)
    return re.compile(f"(?={first})(?:{pattern})")
