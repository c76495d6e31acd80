"""gxlint.scanning puts a lookahead of a pattern's first characters in front of it so the regex
engine skips positions where no match can start. The defect it must never have: a different
match. Every pattern the code scans long text with is compared with its bare form on random
text made of its own characters."""

from __future__ import annotations

import random
import re

import pytest
import yaml

from gxlint.facts import QUANTITY_PATTERN
from gxlint.resources import data_dir
from gxlint.scanning import first_class, scanning


def _scanned_patterns() -> list[str]:
    """The patterns gxlint compiles with `scanning`: the rules' `patterns` and `boilerplate`,
    and the module patterns that scan whole texts or sentences."""
    from gxlint import dates
    from gxlint.parse import lines

    found = [QUANTITY_PATTERN, dates._SELF_NAMED_RE.pattern, lines._INLINE_DATE_RE.pattern]
    for path in sorted(data_dir("rules").rglob("*.yaml")):
        params = (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("params") or {}
        for spec in params.get("patterns") or []:
            found.append(spec if isinstance(spec, str) else spec["regex"])
        if params.get("boilerplate"):
            found.append("|".join(f"(?:{p})" for p in params["boilerplate"]))
    assert len(found) > 20  # the rules were found
    return found


def _sample(items, rng: random.Random) -> str:
    """A random string the parsed pattern items would likely match (lookarounds aside)."""
    out = []
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(av))
        elif name == "IN":
            choices = [i for i in av if str(i[0]) in ("LITERAL", "RANGE", "CATEGORY")]
            if any(str(i[0]) == "NEGATE" for i in av) or not choices:
                out.append(rng.choice("年a1 ，"))
                continue
            kind, value = rng.choice(choices)
            if str(kind) == "LITERAL":
                out.append(chr(value))
            elif str(kind) == "RANGE":
                out.append(chr(rng.randint(*value)))
            else:
                out.append({"CATEGORY_DIGIT": "7", "CATEGORY_SPACE": " "}.get(str(value), "字"))
        elif name == "ANY":
            out.append(rng.choice("年a1 "))
        elif name == "SUBPATTERN":
            out.append(_sample(av[3], rng))
        elif name == "BRANCH":
            out.append(_sample(rng.choice(av[1]), rng))
        elif name.endswith("REPEAT"):
            low, high = av[0], min(av[1], av[0] + 3)
            out.extend(_sample(av[2], rng) for _ in range(rng.randint(low, high)))
    return "".join(out)


def _pieces(pattern: str, rng: random.Random) -> list[str]:
    """What random text is made of: strings sampled from the pattern (so matches happen),
    the characters it names, digits, and characters it does not name."""
    from re import _parser  # type: ignore[attr-defined]

    parsed = list(_parser.parse(pattern))
    samples = [_sample(parsed, rng) for _ in range(20)]
    named = {ch for ch in re.sub(r"\\[dswDSWbB]", "", pattern) if not ch.isspace()}
    return [*samples, *sorted(named), *"0123456789 年，。的\n"]


def _spans(regex: re.Pattern, text: str) -> list[tuple]:
    return [(m.span(), m.groups()) for m in regex.finditer(text)]


@pytest.mark.parametrize("pattern", _scanned_patterns())
def test_scanning_finds_what_the_bare_pattern_finds(pattern):
    bare, fast = re.compile(pattern), scanning(pattern)
    rng = random.Random(pattern)
    pieces = _pieces(pattern, rng)
    matched = 0
    for _ in range(400):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        matched += bool(bare.search(text))
        assert _spans(fast, text) == _spans(bare, text), text
        start = rng.randrange(len(text))
        assert _spans(fast, text[start:]) == _spans(bare, text[start:])
    assert matched  # the comparison saw matches, not only their absence


def test_quantity_pattern_is_scanned_behind_its_first_characters():
    """The optional `约/近…` before the number gave the engine nothing to skip ahead with."""
    assert scanning(QUANTITY_PATTERN).pattern.startswith("(?=[约近超逾不将大\\d")


@pytest.mark.parametrize(
    ("pattern", "first"),
    [
        (r"(?:编制|撰写)了?报告", "[编撰]"),
        (r"(?P<pre>约|近)?\d+件", r"[约近\d]"),
        (r"(?:(?<=\s)|(?<=^))(\d{4})年$", r"[\d]"),
        (r"a*b+", "[ab]"),
        (r"[一-龥]?乙", "[一-龥乙]"),
    ],
)
def test_first_class_names_every_possible_first_character(pattern, first):
    assert first_class(pattern) == first


@pytest.mark.parametrize(
    "pattern",
    [
        r".报告",  # any character
        r"[^。]+报告",  # a negated class
        r"(?i)report",  # flags change what a character matches
        r"(?i:x)y",
        r"a*",  # can match the empty string: a match may start anywhere
        r"(\w)\1",  # \w is named, but a backreference is not
        r"\S{2}$",  # a category the module does not name
    ],
)
def test_unnamable_first_characters_leave_the_pattern_as_written(pattern):
    if first_class(pattern) is None:
        assert scanning(pattern).pattern == pattern
    else:  # `(\w)\1` has a nameable first class; its match must still be unchanged
        assert _spans(scanning(pattern), "aab b1 1") == _spans(re.compile(pattern), "aab b1 1")


@pytest.mark.parametrize("pattern", ["本年新制作数量", "[XＸ]X", "统计期限|电子版", r"^\s*一、"])
def test_a_pattern_the_engine_already_skips_ahead_for_is_left_alone(pattern):
    """A literal, a class, literal-led branches, or `^` first: the engine finds the start by
    itself, and a lookahead in front would only hide it."""
    assert scanning(pattern).pattern == pattern


@pytest.mark.parametrize(
    ("pattern", "chars"),
    [
        ("(?:未|没有)(?:收到|发生)", "未没"),
        ("本年", "本"),
        (r"[未没]|\d件", None),  # \d is not a plain character
        (r"[一-龥]收", None),  # nor is a range
        (r".收到", None),
    ],
)
def test_first_literals_are_the_first_class_when_it_is_only_plain_characters(pattern, chars):
    from gxlint.scanning import first_literals

    assert first_literals(pattern) == chars


def test_positions_of_finds_what_a_scan_for_the_class_finds():
    """none_vs_table picks sentences by these positions; a missed one would hide a finding."""
    from gxlint.scanning import positions_of

    rng = random.Random(5)
    for _ in range(300):
        text = "".join(rng.choice("未没有收到申请，。\n") for _ in range(rng.randint(0, 40)))
        expected = [m.start() for m in re.finditer("[未没]", text)]
        assert positions_of(text, "未没") == expected, text


def test_counted_runs_drop_what_the_plain_mask_drops():
    """GX605 compares sentences by their letters; the CJK-first pattern must keep exactly what
    `[\\W\\d_]+` → "" keeps, so a sentence's digest is the same as before. Every character of
    U+4E00–U+9FFF must be a letter for the fast branch to be safe."""
    from gxlint.checks.across_years import _COUNTED_RE

    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    assert re.fullmatch(r"[^\W\d_]+", block)
    rng = random.Random(3)
    pieces = [
        "本",
        "年",
        "國",
        "ａ",
        "a",
        "Ⅳ",
        "１",
        "1",
        "_",
        " ",
        "，",
        "。",
        "\u3000",
        "ǎ",
        "\U00020000",
    ]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 16)))
        assert "".join(_COUNTED_RE.findall(text)) == re.sub(r"[\W\d_]+", "", text), text


def test_clause_bounds_are_the_nearest_delimiters_either_side():
    """GX513 reads the clause around a bare unit; a wrong bound would read a neighbour's list."""
    from gxlint.checks.lists import _CLAUSE_END, _clause_bounds
    from gxlint.scanning import positions_of

    rng = random.Random(9)
    for _ in range(1000):
        text = "".join(rng.choice(["条", "、", "，", "。", "\n", "数", ";"]) for _ in range(30))
        ends = [i for i, ch in enumerate(text) if ch in _CLAUSE_END]
        at = rng.randrange(len(text))
        lo = max([e for e in ends if e < at], default=-1) + 1
        hi = min([e for e in ends if e >= at], default=len(text))
        found = positions_of(text, _CLAUSE_END)
        assert found == ends
        assert _clause_bounds(found, at, len(text)) == (lo, hi), (text, at)
