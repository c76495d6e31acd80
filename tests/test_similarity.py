"""GX530's fingerprints and pair search (gxlint/similarity.py): the masked prose keeps its way
back to the report, and the pair search is exact — the same pairs as comparing every report
with every other, whatever the batch size and however common a phrase is."""

from __future__ import annotations

import random
import re
import sys
from array import array
from pathlib import Path

from gxlint.similarity import _DIGIT_RE, Fingerprint, _masked, similar_pairs


def _masked_by_character(prose: str) -> tuple[str, list[int]]:
    """The masking spelled out one character at a time: the reference the fast one must equal."""
    chars: list[str] = []
    offsets: list[int] = []
    in_number = False
    for i, ch in enumerate(prose):
        if re.match(r"[\s\W_]", ch):
            continue
        if ch.isdigit():
            if in_number:
                continue
            in_number = True
            ch = "#"
        else:
            in_number = False
        chars.append(ch)
        offsets.append(i)
    return "".join(chars), offsets


def test_digit_class_is_exactly_what_isdigit_accepts():
    """A digit the class missed (①, ²) would stay a character and split `①项` from `②项`."""
    wrong = [
        hex(c)
        for c in range(sys.maxunicode + 1)
        if bool(_DIGIT_RE.match(chr(c))) != chr(c).isdigit()
    ]
    assert wrong == []


def test_masked_prose_and_its_offsets_equal_the_character_by_character_reading():
    samples = [
        "2019年，本机关共收到政府信息公开申请3件，同比增加1,000件（①项）。",
        "一、总体情况\n  我局 主动公开信息 12 条；其中：政策文件 2²条。end_of_line ABC_12",
        "",
        "，。；",
        "12 34，56年",
    ]
    rng = random.Random(5)
    alphabet = "政府信息公开年度报告0123456789，。 \n_①²aZ、（）-"
    samples += ["".join(rng.choice(alphabet) for _ in range(300)) for _ in range(30)]
    for prose in samples:
        masked, starts, sources = _masked(prose)
        expected, offsets = _masked_by_character(prose)
        assert masked == expected
        for m, offset in enumerate(offsets):
            k = max(k for k, s in enumerate(starts) if s <= m)
            assert sources[k] + m - starts[k] == offset, (prose, m)


def test_cjk_runs_read_first_keep_the_same_text():
    """The masked prose and the exact digest read runs of U+4E00–U+9FFF first (faster); that is
    only the same reading if every character of the block is a letter and none a digit, and
    the exact digest's text must be what dropping `[\\s\\W_]+` leaves."""
    from gxlint.similarity import _KEPT_RE

    block = "".join(chr(c) for c in range(0x4E00, 0xA000))
    assert re.fullmatch(r"[^\W\d_]+", block)
    assert not _DIGIT_RE.search(block)
    rng = random.Random(8)
    alphabet = ["政", "國", "a", "Ⅳ", "1", "①", "²", "_", " ", "，", "\u3000", "\n", "\U00020000"]
    for _ in range(2000):
        prose = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert "".join(_KEPT_RE.findall(prose)) == re.sub(r"[\s\W_]+", "", prose), prose


def _print(hashes: list[int], name: int) -> Fingerprint:
    """A fingerprint of these shingle ids, spread over the 32-bit range as crc32 hashes are (an
    odd multiplier is one-to-one modulo 2**32), so the search reads every part of the range."""
    spread = sorted(h * 2_654_435_761 % 2**32 for h in hashes)
    return Fingerprint(array("I", spread), array("I", range(len(spread))), f"exact{name}", "", None)


def test_test_prints_fill_every_part_of_the_hash_range():
    from gxlint.similarity import _PART_WIDTH, _PARTS

    hashes = _print(list(range(1, 400)), 0).hashes
    assert {h // _PART_WIDTH for h in hashes} == set(range(_PARTS))


def test_a_fingerprint_is_ascending_and_names_the_earliest_shared_offset():
    """The search slices each fingerprint by hash range (it must be ascending), and GX530 points
    at the first passage two reports share: the smallest offset, wherever its hash sorts."""
    from gxlint.engine import analyse_file, load_rules
    from gxlint.similarity import fingerprint

    rules = load_rules()
    path = Path(__file__).parent.parent / "examples" / "2023_sample_bureau.txt"
    fp = fingerprint(analyse_file(path, rules))
    assert list(fp.hashes) == sorted(fp.hashes) and len(set(fp.hashes)) == len(fp.hashes)
    other = Fingerprint(array("I", sorted(fp.hashes[::3])), array("I"), "x", "", None)
    shared = [o for h, o in zip(fp.hashes, fp.offsets, strict=True) if h in set(other.hashes)]
    assert fp.first_shared_offset(other) == min(shared)


def _brute_force(prints, min_other=0.6):
    found = {}
    for i, a in enumerate(prints):
        for j in range(i + 1, len(prints)):
            b = prints[j]
            if a.size < 40 or b.size < 40:
                continue
            ratio = len(set(a.hashes) & set(b.hashes)) / min(a.size, b.size)
            if ratio >= min_other:
                found[(i, j)] = ratio
    return found


def test_pairs_equal_comparing_every_report_with_every_other():
    """Prefix filtering must not lose a pair: random reports built from shared passages (some
    phrases in nearly every report) give the same pairs and ratios as the all-pairs loop."""
    rng = random.Random(13)
    common = list(range(1, 400))  # phrases most reports use
    passages = [list(range(1000 + 100 * k, 1000 + 100 * k + 80)) for k in range(30)]
    prints = []
    for n in range(120):
        hashes = set(rng.sample(common, rng.randint(0, 200)))
        for passage in rng.sample(passages, rng.randint(0, 4)):
            hashes.update(passage)
        hashes.update(range(100_000 + 1000 * n, 100_000 + 1000 * n + rng.randint(0, 300)))
        prints.append(_print(sorted(hashes), n))
    expected = _brute_force(prints)
    pairs = similar_pairs(prints)
    assert {(p.a, p.b): p.ratio for p in pairs} == expected
    assert len(expected) > 10  # the batch does hold pairs, of every kind


def test_a_phrase_every_report_has_still_counts_and_batch_size_does_not_matter():
    """The old search skipped shingles held by more than 200 reports, so a pair's share fell
    with the batch's size; now two reports are a pair in a batch of 2 and of 400 alike."""
    boiler = list(range(1, 101))
    a = _print(boiler + list(range(1000, 1100)), 0)  # 200 shingles, 100 of them boilerplate
    b = _print(boiler + list(range(1000, 1030)) + list(range(2000, 2100)), 1)  # shares 130
    others = [_print(boiler + list(range(10_000 * k, 10_000 * k + 200)), k) for k in range(2, 400)]
    small = similar_pairs([a, b])
    large = similar_pairs([a, b, *others])
    assert [(p.a, p.b) for p in small] == [(0, 1)] == [(p.a, p.b) for p in large]
    assert small[0].ratio == large[0].ratio == 130 / 200
