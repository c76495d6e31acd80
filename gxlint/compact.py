"""A whitespace- and punctuation-free view of the normalised text, for matching labels.

Labels drift in punctuation and spacing (`统 计 指 标`, `(一)` vs `（一）`, curly vs straight
quotes, `、` vs `，`). Matching on a view without any of them, with a map from each view index
back to the source offset, makes every such variant match while findings still point at the
user's characters.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

_DROP = set(" \t\n\r\f\v|、，,.。:：;；\"'“”‘’()（）【】[]《》<>〔〕—-_/／·•…!！?？")


_DROP_TABLE = dict.fromkeys(map(ord, _DROP))


@lru_cache(maxsize=4096)
def compact(text: str) -> str:
    """The compact form of a label or snippet (text must already be normalised).

    Kept: the template's labels are compacted again for every report that is bound (90 a
    report), and translating through a dict costs more than looking the label up."""
    return text.translate(_DROP_TABLE)


@dataclass
class CompactView:
    """The normalised text without spaces and punctuation, and where each character came from.

    The view is a sequence of runs, each a stretch of kept characters that stood together in
    the source; a run is stored as where it starts in the view and in the source. A list with
    one source offset per character cost more to build than the rest of the view together."""

    text: str
    run_starts: list[int]  # the view index at which each run begins (ascending)
    run_sources: list[int]  # the source offset of each run's first character (ascending)

    def source_start(self, i: int) -> int:
        """Source offset of the compact character at index i."""
        if i < 0:
            i += len(self.text)
        k = bisect_right(self.run_starts, i) - 1
        return self.run_sources[k] + i - self.run_starts[k]

    def source_end(self, j: int) -> int:
        """Source offset just after compact character j-1."""
        return self.source_start(j - 1) + 1

    def index_at(self, source_offset: int) -> int:
        """First compact index whose source offset is >= source_offset."""
        k = bisect_right(self.run_sources, source_offset) - 1
        if k < 0:
            return 0
        following = k + 1
        run_end = self.run_starts[following] if following < len(self.run_starts) else len(self.text)
        return min(self.run_starts[k] + source_offset - self.run_sources[k], run_end)


_KEPT_RUN_RE = re.compile("[^" + re.escape("".join(sorted(_DROP))) + "]+")


def build_view(norm: str) -> CompactView:
    """The view of a normalised text: its runs of kept characters, copied whole."""
    pieces: list[str] = []
    run_starts: list[int] = []
    run_sources: list[int] = []
    size = 0
    for m in _KEPT_RUN_RE.finditer(norm):
        piece = m.group()
        run_starts.append(size)
        run_sources.append(m.start())
        pieces.append(piece)
        size += len(piece)
    return CompactView("".join(pieces), run_starts, run_sources)


# The numbering of the next row, between a row's values and the next label: `2.`, `(三)`,
# `四、`, and `其中：1.` / `其中:1` (a sub-row whose number is glued to its label).
NUMBERING_TAIL_RE = re.compile(
    r"(?:其中\s*[:：]?\s*(?:\d{1,2}\s*[.、．]?)?"
    r"|(?:其中\s*[:：]?\s*)?(?:\d[.、．]|\([一二三四五六七八九十]{1,3}\)|[一二三四五六七八九十]{1,3}、))\s*$"
)
