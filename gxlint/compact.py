"""A whitespace- and punctuation-free view of the normalised text, for matching labels.

Labels drift in punctuation and spacing (`统 计 指 标`, `(一)` vs `（一）`, curly vs straight
quotes, `、` vs `，`). Matching on a view without any of them, with a map from each view index
back to the source offset, makes every such variant match while findings still point at the
user's characters.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DROP = set(" \t\n\r\f\v|、，,.。:：;；\"'“”‘’()（）【】[]《》<>〔〕—-_/／·•…!！?？")


_DROP_TABLE = dict.fromkeys(map(ord, _DROP))


def compact(text: str) -> str:
    """The compact form of a label or snippet (text must already be normalised)."""
    return text.translate(_DROP_TABLE)


@dataclass
class CompactView:
    """The normalised text without spaces and punctuation, with the source offset of each character kept."""

    text: str
    offsets: list[int]  # offsets[i] = source offset of text[i]

    def source_start(self, i: int) -> int:
        """Source offset of the compact character at index i."""
        return self.offsets[i]

    def source_end(self, j: int) -> int:
        """Source offset just after compact character j-1."""
        return self.offsets[j - 1] + 1

    def index_at(self, source_offset: int) -> int:
        """First compact index whose source offset is >= source_offset."""
        import bisect

        return bisect.bisect_left(self.offsets, source_offset)


_KEPT_RUN_RE = re.compile("[^" + re.escape("".join(sorted(_DROP))) + "]+")


def build_view(norm: str) -> CompactView:
    """Runs of kept characters are copied whole (a per-character loop was the single most
    expensive step of a check)."""
    pieces: list[str] = []
    offsets: list[int] = []
    for m in _KEPT_RUN_RE.finditer(norm):
        pieces.append(m.group())
        offsets.extend(range(m.start(), m.end()))
    return CompactView("".join(pieces), offsets)


# The numbering of the next row, between a row's values and the next label: `2.`, `(三)`,
# `四、`, and `其中：1.` / `其中:1` (a sub-row whose number is glued to its label).
NUMBERING_TAIL_RE = re.compile(
    r"(?:其中\s*[:：]?\s*(?:\d{1,2}\s*[.、．]?)?"
    r"|(?:其中\s*[:：]?\s*)?(?:\d[.、．]|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、))\s*$"
)
