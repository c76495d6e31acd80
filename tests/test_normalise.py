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
