"""Bytes → Source: decoded text, a same-length normalised copy, and line/column lookup.

Normalisation (traditional → simplified, full-width → half-width) is done character by
character so that offset i in `norm` is offset i in `text`; every finding therefore points at
the user's original file without an offset map.
"""

from __future__ import annotations

import bisect
import codecs
import re
from dataclasses import dataclass, field
from functools import cache
from typing import TYPE_CHECKING

from gxlint.errors import InputError
from gxlint.i18n import Text

if TYPE_CHECKING:
    from gxlint.ingest.published import Published

_FULLWIDTH = {c: c - 0xFEE0 for c in range(0xFF01, 0xFF5F)}
_EXTRA = {
    0x3000: " ",  # ideographic space
    0x00A0: " ",
    0x3001: "、",
    0x2014: "—",
    0xFF5E: "~",
    0x201C: '"',
    0x201D: '"',
    0x2018: "'",
    0x2019: "'",
    0x3014: "〔",
    0x3015: "〕",
}
_WIDTH_TABLE = {**{k: chr(v) for k, v in _FULLWIDTH.items()}, **_EXTRA}


@dataclass
class Source:
    """A decoded report. `text` keeps the user's characters; `norm` is what rules match against."""

    path: str
    text: str
    encoding: str
    # a factory, not `= ""`: a class attribute would answer for `norm` after unpickling
    # instead of `__getattr__`, which normalises again (see __getstate__)
    norm: str = field(default_factory=str)
    line_starts: list[int] = field(default_factory=list)
    # For .docx/.html/.pdf: where each text line is in the user's file (`表2 第5行`); None for text.
    locators: list[str] | None = None
    kind: str = "txt"  # txt | docx | html | pdf
    problems: list[tuple[str, Text, int]] = field(default_factory=list)  # (rule, message, offset)
    # the page's own publication date (HTML `<meta name="PubDate">`…), when the format has one
    published: Published | None = None

    def __post_init__(self) -> None:
        if not self.norm:
            self.norm = normalize(self.text)
        if not self.line_starts:
            starts = [0]
            find = self.text.find
            i = find("\n")
            while i != -1:
                starts.append(i + 1)
                i = find("\n", i + 1)
            self.line_starts = starts

    def __getstate__(self) -> dict:
        """What a worker sends the parent: everything but `norm`, which is as long as the
        text (7 of the 17.6 KiB a file sent) and which the parent reads only for a baseline;
        there it is normalised again (`__getattr__`)."""
        state = self.__dict__.copy()
        state.pop("norm", None)
        return state

    if not TYPE_CHECKING:  # hidden from mypy, which would type every unknown attribute as str

        def __getattr__(self, name: str) -> str:
            # Called only for an attribute the instance lacks: `norm` after unpickling.
            if name == "norm" and "text" in self.__dict__:
                norm = self.__dict__["norm"] = normalize(self.text)
                return norm
            raise AttributeError(name)

    def position(self, offset: int) -> tuple[int, int]:
        """1-based (line, column) of a character offset; columns count characters, not bytes."""
        offset = max(0, min(offset, len(self.text)))
        line = bisect.bisect_right(self.line_starts, offset) - 1
        return line + 1, offset - self.line_starts[line] + 1

    def locator(self, line: int) -> str | None:
        """Where line `line` is in a .docx/.html/.pdf (None for text files)."""
        if not self.locators or not 1 <= line <= len(self.locators):
            return None
        return self.locators[line - 1]

    def line_text(self, line: int) -> str:
        """The user's text of line `line` (1-based), without its line break."""
        start = self.line_starts[line - 1]
        end = self.line_starts[line] - 1 if line < len(self.line_starts) else len(self.text)
        return self.text[start:end]


# Code points OpenCC's t2s may change one for one: CJK Extension A and every block above it
# (unified ideographs, compatibility ideographs, Extensions B–H); below U+3400 it changes none.
_T2S_FIRST, _T2S_LAST = 0x3400, 0x323AF


def _build_t2s_table() -> dict[int, str]:
    """Every character OpenCC's t2s turns into one other character, read in one call: the
    characters one per line (a line break never joins a phrase, so each is converted alone;
    tests/test_normalise.py checks the table against converting each code point by itself)."""
    import opencc

    convert = opencc.OpenCC("t2s").convert
    chars = [chr(c) for c in range(_T2S_FIRST, _T2S_LAST + 1) if not 0xD800 <= c <= 0xDFFF]
    converted = convert("\n".join(chars)).split("\n")
    if len(converted) != len(chars):  # never seen; convert one by one rather than misalign
        converted = [convert(ch) for ch in chars]
    return {
        ord(ch): out
        for ch, out in zip(chars, converted, strict=True)
        if out != ch and len(out) == 1
    }


@cache
def translation_table() -> dict[int, str]:
    """The one table normalisation translates with: traditional → simplified (built once per
    OpenCC version, then read from the user cache) and the width/punctuation folds."""
    import opencc

    from gxlint.datacache import cached

    version = getattr(opencc, "__version__", "") or opencc.__file__
    table = dict(cached("t2s", [], _build_t2s_table, f"opencc {version}"))
    table.update(_WIDTH_TABLE)
    return table


# Spam mirrors of government pages inject pinyin after characters: `國(guo)務院`,
# `信息公(gōng)開` (docs/reports.md, “in the wild”). Blanked in the normalised text (same length) so labels and
# numbers still match; GX512 reports the mirror.
# The `(` comes first and the character before it is looked back at from there: a pattern that
# starts with a plain character is found by a fast scan for it, one that starts with a
# lookbehind is tried at every position (same matches either way).
PINYIN_RE = re.compile(r"\((?<=[\u4e00-\u9fff]\()([a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü]{1,6})\)")
_PINYIN_MIN = 3  # a few `(xx)` after characters can be ordinary; a mirror has dozens


_BMP = 0x10000
_ASTRAL_RE = re.compile("[\U00010000-\U0010ffff]")


@cache
def _bmp_table() -> list[int | str]:
    """`translation_table` for the Basic Multilingual Plane as a list indexed by code point:
    str.translate looks a character up in a list twice as fast as in a dict, where each
    character the table does not change raises and clears a KeyError. Characters above it
    (CJK Extensions B–H, rare) index past the end, which translate leaves unchanged; `normalize`
    converts them with `_astral_table`."""
    codes: list[int | str] = list(range(_BMP))
    for code, out in translation_table().items():
        if code < _BMP:
            codes[code] = ord(out) if len(out) == 1 else out
    return codes


@cache
def _astral_table() -> dict[int, str]:
    """The entries of `translation_table` above the Basic Multilingual Plane."""
    return {code: out for code, out in translation_table().items() if code >= _BMP}


def normalize(text: str) -> str:
    """Traditional → simplified per character, full-width ASCII → ASCII, injected pinyin
    blanked; length is preserved."""
    norm = text.translate(_bmp_table())
    if _ASTRAL_RE.search(norm):
        # only characters above the BMP are keys here, and no BMP character is one, so this
        # second pass changes exactly what one pass with the whole table would
        norm = norm.translate(_astral_table())
    if "(" in norm:
        marks = list(PINYIN_RE.finditer(norm))
        if len(marks) >= _PINYIN_MIN:
            norm = PINYIN_RE.sub(lambda m: " " * len(m.group(0)), norm)
    return norm


_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f]")


def decode(data: bytes, path: str) -> Source:
    """Decode a report: UTF-8 (with or without BOM), else GB18030 (a superset of GBK/GB2312).

    A file with NUL bytes or control characters where text should be is not a report; it raises
    InputError so the caller can report GX001 for that file and go on with the others.
    """
    if not data.strip():
        raise InputError(
            "GX002", Text("文件为空，没有可检查的报告内容", "the file is empty: no report to check")
        )
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(
            "GX001",
            Text(
                "不是文本文件（含二进制数据），无法作为报告读取",
                "not a text file (binary data); cannot be read as a report",
            ),
        )
    if data.startswith(codecs.BOM_UTF8):
        candidates: tuple[str, ...] = ("utf-8",)
        data = data[len(codecs.BOM_UTF8) :]
    else:
        candidates = ("utf-8", "gb18030")
    problems: list[tuple[str, Text, int]] = []
    for encoding in candidates:
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            if encoding == "utf-8":
                damaged = _mostly_utf8(data)
                if damaged is not None:
                    text, problems = damaged
                    break
            continue
    else:
        raise InputError(
            "GX001",
            Text(
                "无法识别文件编码（既不是 UTF-8 也不是 GB18030/GBK）",
                "unknown encoding (neither UTF-8 nor GB18030/GBK)",
            ),
        )
    controls = len(_CONTROL_RE.findall(text, 0, 8192))
    if controls > max(8, len(text[:8192]) // 100):
        raise InputError(
            "GX001",
            Text(
                "不是文本文件（控制字符过多），无法作为报告读取",
                "not a text file (too many control characters); cannot be read as a report",
            ),
        )
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if problems:
        first = text.find("\ufffd")
        problems = [(problems[0][0], problems[0][1], max(0, first))]
    return Source(path=path, text=text, encoding=encoding, problems=problems)


def _mostly_utf8(data: bytes) -> tuple[str, list[tuple[str, Text, int]]] | None:
    """A UTF-8 file with a few damaged bytes (a bad copy, a truncated download) is still read,
    with U+FFFD in their place and a GX007 problem; a GBK file fails this on nearly every
    character and is left to GB18030."""
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(3, len(text) // 1000):
        return None
    message = Text(
        f"文件含 {bad} 处无效的 UTF-8 字节，已替换为“\ufffd”后检查；请检查文件是否损坏或编码是否正确",
        f"{bad} invalid UTF-8 bytes, checked with “\ufffd” in their place; is the file damaged"
        " or in another encoding?",
    )
    return text, [("GX007", message, 0)]
