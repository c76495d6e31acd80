"""Normalisation's translation table (gxlint/source.py) is exactly OpenCC's t2s, one character at
a time, for every code point: the table is built from one bulk conversion, and a character the
bulk call treated differently would silently change what labels and numbers match."""

from __future__ import annotations

import sys

import opencc

from gxlint.source import _WIDTH_TABLE, _build_t2s_table, normalize, translation_table


def test_table_equals_converting_each_code_point_alone():
    convert = opencc.OpenCC("t2s").convert
    expected = {}
    for code in range(sys.maxunicode + 1):
        if 0xD800 <= code <= 0xDFFF:
            continue
        ch = chr(code)
        out = convert(ch)
        if out != ch and len(out) == 1:
            expected[code] = out
    assert _build_t2s_table() == expected


def test_width_folds_win_and_length_is_kept():
    table = translation_table()
    assert all(table[k] == v for k, v in _WIDTH_TABLE.items())
    text = "國務院辦公廳關於２０２３年度報告（一）　統計"
    norm = normalize(text)
    assert norm == "国务院办公厅关于2023年度报告(一) 统计"
    assert len(norm) == len(text)


def test_normalize_translates_as_one_pass_of_the_whole_table():
    """normalize reads the table as a BMP list plus a dict of the characters above it (faster);
    the text must come out exactly as one translate with the whole table would make it, for
    every key of the table (Extensions B–H included) among untouched and astral neighbours."""
    import random

    table = translation_table()
    keys = sorted(table)
    assert any(k >= 0x10000 for k in keys)  # the astral pass is exercised
    rng = random.Random(13)
    others = ["a", "统", "计", "\U00020000", "\U0002a6d6", "１", "\n", "(", "年"]
    for start in range(0, len(keys), 97):
        chunk = [chr(k) for k in keys[start : start + 97]]
        text = "".join(rng.choice([c, rng.choice(others)]) for c in chunk for _ in range(2))
        assert normalize(text) == text.translate(table), start


def test_pinyin_pattern_matches_as_the_lookbehind_first_form():
    """PINYIN_RE starts with `(` so the engine scans for it; it must blank exactly what the
    plain form `(?<=[一-鿿])\\(…\\)` does, at the edges of the text too."""
    import random
    import re

    from gxlint.source import PINYIN_RE

    plain = re.compile(r"(?<=[\u4e00-\u9fff])\(([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})\)")
    rng = random.Random(7)
    pieces = ["國", "务", "(", ")", "guo", "wù", "a", "1", " ", "（", "\n", "(gōng)"]
    for _ in range(2000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 14)))
        spans = [(m.span(), m.groups()) for m in PINYIN_RE.finditer(text)]
        assert spans == [(m.span(), m.groups()) for m in plain.finditer(text)], text


def test_a_source_sent_from_a_worker_leaves_norm_behind_and_normalises_again_when_read():
    """A batch's workers pickle each Source to the parent, which reads `norm` only for a
    baseline: it is not sent (7 of the 17.6 KiB a file sent), and reading it afterwards gives
    what normalising gave in the worker — traditional characters, full width and injected
    pinyin alike."""
    import pickle

    from gxlint.source import Source

    text = "國務院辦公廳（一）２０２３年\n信(xin)息(xi)公(gong)開(kai)" + "统计" * 500
    source = Source("a.txt", text, "utf-8")
    sent = pickle.dumps(source)
    assert source.norm.encode("utf-8") not in sent  # not sent…
    assert len(sent) < len(text.encode("utf-8")) + 500
    received = pickle.loads(sent)
    assert "norm" not in received.__dict__
    assert received.norm == source.norm == normalize(text)  # …and the same when read
    assert received.norm.startswith("国务院办公厅(一)2023年")
    assert received.line_starts == source.line_starts and received.text == text
    assert pickle.loads(pickle.dumps(received)).norm == source.norm
