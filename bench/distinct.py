"""A seeded corpus of distinct reports for throughput measurements, built from the real ones.

Why not the real reports repeated: a batch of copies is one report, not thousands — GX530 would
find every copy similar to every other (quadratic pairs no real batch has), and caches would
flatter the engine. Each variation keeps its base report's outline, tables and numbers (so every
check does the work it does on the real report) and changes its prose: in prose lines, Chinese
characters outside the templates' vocabulary (headings, table labels) are replaced, one in three,
by other characters of the corpus. Two variations of one base then share only a few percent of
their 12-character shingles, as two agencies' reports do.

    from distinct import build
    files = build(Path("/tmp/distinct"), count=1000, seed=13)
"""

from __future__ import annotations

import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
_HAN = re.compile(r"[\u4e00-\u9fff]")
_MUTATE_SHARE = 1 / 3
_PROSE_MIN_CHARS = 40  # shorter lines are headings, table rows or cells: left as they are


def _protected() -> set[str]:
    """Characters of the templates' headings and table labels: never replaced, so a variation
    is read with the same outline and tables as its base."""
    chars: set[str] = set()
    for path in (ROOT / "rules" / "templates").rglob("*.yaml"):
        chars.update(_HAN.findall(path.read_text(encoding="utf-8")))
    return chars


def base_reports(corpus: Path = CORPUS) -> list[tuple[str, str]]:
    """(name, text) of the corpus's .txt reports, sorted by name."""
    return [
        (p.stem, p.read_text(encoding="utf-8", errors="replace"))
        for p in sorted(corpus.rglob("*.txt"))
        if p.name != "SOURCES.md"
    ]


def _is_prose(line: str) -> bool:
    han = len(_HAN.findall(line))
    return han >= _PROSE_MIN_CHARS and han >= 0.6 * len(line.strip())


def vary(text: str, rng: random.Random, protected: set[str], pool: list[str]) -> str:
    """One variation of a report: its prose characters outside `protected` replaced at random."""
    out = []
    for line in text.splitlines(keepends=True):
        if not _is_prose(line):
            out.append(line)
            continue
        chars = list(line)
        for i, ch in enumerate(chars):
            if ch not in protected and _HAN.match(ch) and rng.random() < _MUTATE_SHARE:
                chars[i] = rng.choice(pool)
        out.append("".join(chars))
    return "".join(out)


def build(directory: Path, count: int, seed: int = 13, corpus: Path = CORPUS) -> list[Path]:
    """Write `count` distinct variations of the corpus's reports into `directory` (reused when
    it already holds exactly these); returns their paths."""
    stamp = directory / ".built"
    key = f"{count} {seed} v1"
    paths = [directory / f"{i:05d}.txt" for i in range(count)]
    if stamp.exists() and stamp.read_text() == key and all(p.exists() for p in paths):
        return paths
    directory.mkdir(parents=True, exist_ok=True)
    bases = base_reports(corpus)
    protected = _protected()
    pool = sorted({c for _, t in bases for c in _HAN.findall(t)} - protected)
    rng = random.Random(seed)
    for i, path in enumerate(paths):
        _name, text = bases[i % len(bases)]
        path.write_text(vary(text, rng, protected, pool), encoding="utf-8")
    stamp.write_text(key)
    return paths
