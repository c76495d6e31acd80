"""GX530: reports in one batch whose prose is largely the same text — another agency's report
or last year's taken over with the names changed (evaluators' “内容雷同”).

Each report's prose (tables masked, so the mandated table labels do not count) is reduced to
12-character shingles with digits masked (`2019年收到3件` and `2020年收到5件` match) and
punctuation dropped. A fixed quarter of the shingle hashes is kept (the same quarter in every
report), so a fingerprint is a few hundred integers — a few kilobytes — whatever the report's
length. Two reports are similar when the shared part covers most of the smaller one: 60% for
different or unknown agencies, 80% for the same agency (a year-on-year report of one agency
legitimately repeats more). Two copies of the same report (identical prose, numbers included)
and two versions of one agency's report for one year are not a finding.

Finding the pairs is exact and grows with the batch, not its square: a pair sharing 60% of the
smaller report's shingles must share one of that report's rarest 40% + 1 (prefix filtering, as
in set-similarity joins), so each report looks up only those in an index of the shingles two or
more reports hold, and every candidate's share is then counted exactly. No phrase is ever left
out for being common, so a batch of 100 and a batch of 5,000 find the same pairs. The shingles
two reports hold are found an eighth of the hash range at a time (a fingerprint's hashes are
kept ascending, so a range is one slice of each): memory grows with the batch, ~5 KB a report.
"""

from __future__ import annotations

import hashlib
import math
import re
import zlib
from array import array
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass

from gxlint.dates import agency_names
from gxlint.scanning import CJK_RUN

SHINGLE = 12
_KEEP_MOD = 4
# the characters the exact digest keeps: letters and digits (punctuation, spaces, _ dropped)
_KEPT_RE = re.compile(f"{CJK_RUN}|[^\\W_]+")
# every character str.isdigit() accepts: \d, and superscripts and circled digits (①…) that it
# does not (a test walks every code point)
_DIGITS = (
    r"\d\u00b2-\u00b3\u00b9\u1369-\u1371\u19da\u2070\u2074-\u2079\u2080-\u2089\u2460-\u2468"
    r"\u2474-\u247c\u2488-\u2490\u24ea\u24f5-\u24fd\u24ff\u2776-\u277e\u2780-\u2788\u278a-\u2792"
    r"\U00010a40-\U00010a43\U00010e60-\U00010e68\U00011052-\U0001105a\U0001f100-\U0001f10a"
)
_DIGIT_RE = re.compile(f"[{_DIGITS}]")
# a run of digits, or a run of the other characters kept (letters, CJK); what lies between is dropped
_TOKEN_RE = re.compile(f"(?P<n>[{_DIGITS}]+)|{CJK_RUN}|(?:(?![{_DIGITS}])[^\\s\\W_])+")


@dataclass(frozen=True, slots=True)
class Fingerprint:
    """What a report's prose is, for comparing it with the other reports of a batch."""

    hashes: array  # the kept shingle hashes ('I'), each once, ascending (the search reads
    # the batch's hashes range by range: see similar_pairs)
    offsets: array  # ('I') where in the report each of them first occurs
    exact: str  # digest of the prose with its numbers: equal for two copies of one report
    agency: str
    year: int | None
    series: tuple[str, str] | None = None  # the agency as series across years know it

    @property
    def size(self) -> int:
        """Number of kept shingles."""
        return len(self.hashes)

    def first_shared_offset(self, other: Fingerprint) -> int | None:
        """Offset in this report of the first shingle it shares with `other` (for the finding).

        Only kept shingles are compared: a shingle of this report that `other` holds is one
        `other` kept, and every report keeps the same quarter of the hashes."""
        theirs = set(other.hashes)
        return min(
            (o for h, o in zip(self.hashes, self.offsets, strict=True) if h in theirs),
            default=None,
        )


def _masked(prose: str) -> tuple[str, list[int], list[int]]:
    """The prose without punctuation or spaces, each digit run as one `#` (a run broken only by
    dropped characters, `1,000`, is one run), and where it came from: masked index
    `starts[k]` onwards is source offset `sources[k]` onwards (one character each)."""
    parts: list[str] = []
    starts: list[int] = []
    sources: list[int] = []
    length = 0
    in_number = False
    for match in _TOKEN_RE.finditer(prose):
        if match.lastgroup == "n":
            if in_number:
                continue
            in_number = True
            piece = "#"
        else:
            in_number = False
            piece = match.group()
        starts.append(length)
        sources.append(match.start())
        parts.append(piece)
        length += len(piece)
    return "".join(parts), starts, sources


def _kept(masked: str) -> dict[int, int]:
    """Each kept shingle hash → masked index of its first occurrence.

    crc32: stable across processes (workers are compared with each other) and fast in C; a
    rare collision only nudges a ratio."""
    crc32 = zlib.crc32
    first: dict[int, int] = {}
    for i in range(len(masked) - SHINGLE + 1):
        h = crc32(masked[i : i + SHINGLE].encode())
        if h % _KEEP_MOD == 0 and h not in first:
            first[h] = i
    return first


def fingerprint(analysis) -> Fingerprint:
    """The fingerprint of an analysed report's prose (tables masked, digits masked)."""
    prose = analysis.prose
    masked, starts, sources = _masked(prose)
    first = _kept(masked)
    hashes, offsets = array("I"), array("I")
    for h in sorted(first):
        i = first[h]
        k = bisect_right(starts, i) - 1
        hashes.append(h)
        offsets.append(sources[k] + i - starts[k])
    kept = "".join(_KEPT_RE.findall(prose))
    exact = hashlib.blake2b(kept.encode("utf-8"), digest_size=16).hexdigest()
    names = agency_names(analysis.doc)
    who = analysis.identity
    return Fingerprint(
        hashes,
        offsets,
        exact,
        names[0] if names else "",
        analysis.year,
        who.key if who else None,
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
    """Pairs (by index) of similar reports, exactly, in time that grows with the batch.

    Each report, from the smaller of a pair, looks up its rarest shingles: enough of them that
    a pair past the lower threshold must share one (prefix filtering); shingles only one report
    holds are never indexed. With `consecutive_years` false, one agency's reports for two
    consecutive years are not compared (GX605/GX606 compare them sentence by sentence)."""
    floor = min(min_other, min_same)
    eligible: dict[int, Fingerprint] = {
        i: fp for i, fp in enumerate(prints) if fp is not None and fp.size >= min_size
    }
    shared = _shared_hashes(eligible)
    held: Counter[int] = Counter()
    for hashes in shared.values():
        held.update(hashes)
    # Each report looks up the rarest `prefix` of its shingles (those it alone holds come
    # first, and find nothing): a pair past the lower threshold shares one of them.
    lookups: dict[int, list[int]] = {}
    for i, fp in eligible.items():
        prefix = fp.size - math.ceil(floor * fp.size - 1e-9) + 1
        probe = prefix - (fp.size - len(shared[i]))
        if probe > 0:
            lookups[i] = sorted(shared[i], key=lambda h: (held[h], h))[:probe]
    looked_up = set().union(*lookups.values()) if lookups else set()
    postings: dict[int, list[int]] = {}
    for i, hashes in shared.items():
        for h in looked_up.intersection(hashes):
            postings.setdefault(h, []).append(i)
    # a pair is counted from its smaller report (ties by index)
    rank = {i: (fp.size, i) for i, fp in eligible.items()}
    pairs = []
    for i, probe_hashes in lookups.items():
        a = eligible[i]
        candidates = {j for h in probe_hashes for j in postings[h] if rank[j] > rank[i]}
        mine = set(a.hashes)
        for j in candidates:
            pair = _pair(i, j, a, eligible[j], mine, min_other, min_same, consecutive_years)
            if pair is not None:
                pairs.append(pair)
    return sorted(pairs, key=lambda p: (p.a, p.b))


# The hash range is read in this many parts: the set of every distinct shingle in a batch (a
# million at 5,000 reports, ~100 bytes each) was the search's peak memory; a part's set is an
# eighth of it. Hashes are ascending in a fingerprint, so a part is one slice of each.
_PARTS = 8
_PART_WIDTH = 2**32 // _PARTS


def _shared_hashes(eligible: dict[int, Fingerprint]) -> dict[int, array]:
    """Each report's hashes that another report of the batch holds too ('I', ascending)."""
    shared = {i: array("I") for i in eligible}
    for part in range(_PARTS):
        lo, hi = part * _PART_WIDTH, (part + 1) * _PART_WIDTH
        slices = {}
        seen: set[int] = set()
        repeated: set[int] = set()
        for i, fp in eligible.items():
            mine = fp.hashes[bisect_left(fp.hashes, lo) : bisect_left(fp.hashes, hi)]
            slices[i] = mine
            mine_set = set(mine)
            repeated |= seen & mine_set
            seen |= mine_set
        del seen
        for i, mine in slices.items():
            shared[i].extend(h for h in mine if h in repeated)
    return shared


def _pair(
    i: int,
    j: int,
    a: Fingerprint,
    b: Fingerprint,
    a_hashes: set[int],
    min_other: float,
    min_same: float,
    consecutive_years: bool,
) -> Pair | None:
    """The pair (i, j), with `a` the smaller report, when it is a finding."""
    if a.exact == b.exact:
        return None  # the same report twice (e.g. as .txt and .docx)
    if a.agency and a.agency == b.agency and a.year is not None and a.year == b.year:
        return None  # two versions of one agency's report for one year: a revision, not a copy
    if (
        not consecutive_years
        and a.series is not None
        and a.series == b.series
        and a.year is not None
        and b.year is not None
        and abs(a.year - b.year) == 1
    ):
        return None
    ratio = len(a_hashes.intersection(b.hashes)) / min(a.size, b.size)
    same_agency = bool(a.agency) and a.agency == b.agency
    if ratio < (min_same if same_agency else min_other):
        return None
    return Pair(min(i, j), max(i, j), ratio)
