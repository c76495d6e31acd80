"""GX530: reports in one batch whose prose is largely the same text — another agency's report
or last year's taken over with the names changed (evaluators' “内容雷同”).

Each report's prose (tables masked, so the mandated table labels do not count) is reduced to
12-character shingles with digits masked (`2019年收到3件` and `2020年收到5件` match) and
punctuation dropped. A fixed quarter of the shingle hashes is kept, so a fingerprint is a few
hundred integers whatever the report's length. Two reports are similar when the shared part
covers most of the smaller one: 60% for different or unknown agencies, 80% for the same agency
(a year-on-year report of one agency legitimately repeats more). Two copies of the same report
(identical prose, numbers included) and two versions of one agency's report for one year are
not a finding.
"""

from __future__ import annotations

import hashlib
import re
import zlib
from dataclasses import dataclass

from gxlint.dates import agency_names
from gxlint.facts import prose_text, table_spans

SHINGLE = 12
_KEEP_MOD = 4
_DROP_RE = re.compile(r"[\s\W_]+")
_DIGITS_RE = re.compile(r"\d+")


@dataclass(frozen=True)
class Fingerprint:
    """What a report's prose is, for comparing it with the other reports of a batch."""

    first_at: dict[int, int]  # each kept shingle → offset in the report where it first occurs
    exact: str  # digest of the prose with its numbers: equal for two copies of one report
    agency: str
    year: int | None
    series: tuple[str, str] | None = None  # the agency as series across years know it

    @property
    def shingles(self):
        """The kept shingle hashes."""
        return self.first_at.keys()

    @property
    def size(self) -> int:
        """Number of kept shingles."""
        return len(self.first_at)

    def first_shared_offset(self, other: Fingerprint) -> int | None:
        """Offset in this report of the first shingle it shares with `other` (for the finding).

        Only kept shingles are compared: a shingle of this report that `other` holds is one
        `other` kept, and every report keeps the same quarter of the hashes."""
        shared = [offset for h, offset in self.first_at.items() if h in other.first_at]
        return min(shared) if shared else None


def _hash(text: str) -> int:
    # crc32: stable across processes (workers are compared with each other) and fast in C; a
    # rare collision only nudges a ratio
    return zlib.crc32(text.encode("utf-8"))


def _masked(prose: str) -> tuple[str, list[int]]:
    """The prose without punctuation or spaces, each digit run as one `#`, and the source offset
    of every character kept."""
    chars: list[str] = []
    offsets: list[int] = []
    in_number = False
    for i, ch in enumerate(prose):
        if _DROP_RE.match(ch):
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


def _shingles(masked: str):
    for i in range(len(masked) - SHINGLE + 1):
        yield i, _hash(masked[i : i + SHINGLE])


def fingerprint(analysis) -> Fingerprint:
    """The fingerprint of an analysed report's prose (tables masked, digits masked)."""
    prose = prose_text(analysis.doc.source.norm, table_spans(analysis))
    masked, offsets = _masked(prose)
    first_at: dict[int, int] = {}
    for i, h in _shingles(masked):
        if h % _KEEP_MOD == 0 and h not in first_at:
            first_at[h] = offsets[i]
    exact = hashlib.blake2b(_DROP_RE.sub("", prose).encode("utf-8"), digest_size=16).hexdigest()
    names = agency_names(analysis.doc)
    who = analysis.identity
    return Fingerprint(
        first_at, exact, names[0] if names else "", analysis.year, who.key if who else None
    )


@dataclass
class Pair:
    """Two similar reports (indices into the batch) and the share of the smaller one they share."""

    a: int
    b: int
    ratio: float


def similar_pairs(
    prints: list[Fingerprint | None],
    min_other: float = 0.6,
    min_same: float = 0.8,
    min_size: int = 40,
    consecutive_years: bool = True,
) -> list[Pair]:
    """Pairs (by index) of similar reports, found through an inverted index of shingles.

    With `consecutive_years` false, one agency's reports for two consecutive years are not
    compared (GX605/GX606 compare them sentence by sentence)."""
    index: dict[int, list[int]] = {}
    for i, fp in enumerate(prints):
        if fp is None or fp.size < min_size:
            continue
        for h in fp.shingles:
            index.setdefault(h, []).append(i)
    shared: dict[tuple[int, int], int] = {}
    for holders in index.values():
        if len(holders) < 2 or len(holders) > 200:  # a phrase every report has says nothing
            continue
        for x in range(len(holders)):
            for y in range(x + 1, len(holders)):
                key = (holders[x], holders[y])
                shared[key] = shared.get(key, 0) + 1
    pairs = []
    for (i, j), n in shared.items():
        a, b = prints[i], prints[j]
        assert a is not None and b is not None  # only fingerprints are indexed
        if a.exact == b.exact:
            continue  # the same report twice (e.g. as .txt and .docx)
        if a.agency and a.agency == b.agency and a.year is not None and a.year == b.year:
            continue  # two versions of one agency's report for one year: a revision, not a copy
        if (
            not consecutive_years
            and a.series is not None
            and a.series == b.series
            and a.year is not None
            and b.year is not None
            and abs(a.year - b.year) == 1
        ):
            continue
        ratio = n / min(a.size, b.size)
        same_agency = bool(a.agency) and a.agency == b.agency
        if ratio >= (min_same if same_agency else min_other):
            pairs.append(Pair(i, j, ratio))
    return sorted(pairs, key=lambda p: (p.a, p.b))
