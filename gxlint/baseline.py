"""Accepted findings: a baseline file, and per-file ignores.

A repository of published reports cannot fix a 2010 report signed late; CI must still go
green on it and red on a new defect. `--write-baseline FILE` records every current finding;
`--baseline FILE` then drops the findings recorded there.

A finding is recorded by what it is about, never by where it is, so editing a report or moving
its lines does not bring accepted findings back: its rule, and the table/row/column it concerns
(`apply:results.total@total`), or the section, or else the first characters of the text it
points at (spaces removed), or else its message without line references. A file is recognised
by its path or, when it was moved, by the hash of its text. Identical keys are counted, so a
second identical defect is new. Entries that no longer match anything are stale: they are
reported so the baseline can be rewritten.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from gxlint.engine import FileResult
from gxlint.errors import GxlintError
from gxlint.findings import Finding

VERSION = 1
_SNIPPET = 24
_LINE_REF_RE = re.compile(r"[（(]?第\s*\d+\s*[行页段][）)]?|第\d+页|表\d+ 第\d+行")
_SPACES_RE = re.compile(r"\s+")


class BaselineError(GxlintError):
    """A baseline file that cannot be read or written (exit 2)."""


def finding_key(result: FileResult, finding: Finding) -> str:
    """What a finding is about, without its position."""
    ctx = finding.context
    if "table" in ctx and ("row" in ctx or "column" in ctx):
        about = f"{ctx['table']}:{ctx.get('row', '')}@{ctx.get('column', '')}"
    elif ctx.get("section"):
        about = f"section:{ctx['section']}"
    else:
        about = _snippet(result, finding) or _LINE_REF_RE.sub("", finding.message)
    return f"{finding.rule} {about}"


def _snippet(result: FileResult, finding: Finding) -> str:
    source = result.source
    if source is None or finding.text_line is None or finding.text_column is None:
        return ""
    start = source.line_starts[finding.text_line - 1] + finding.text_column - 1
    return _SPACES_RE.sub("", source.norm[start : start + _SNIPPET * 2])[:_SNIPPET]


def text_hash(result: FileResult) -> str:
    """The report's text, spaces ignored: recognises a report that was moved or renamed."""
    if result.source is None:
        return ""
    text = _SPACES_RE.sub("", result.source.norm)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=12).hexdigest()


def _path(path: str) -> str:
    if path == "-" or path.startswith("<"):
        return path
    return Path(os.path.relpath(Path(path).resolve())).as_posix()


def write(path: Path, results: Iterable[FileResult]) -> int:
    """Record every finding of `results` in `path`; returns how many."""
    files = []
    total = 0
    for result in results:
        if not result.findings:
            continue
        keys = Counter(finding_key(result, f) for f in result.findings)
        total += sum(keys.values())
        files.append(
            {
                "path": _path(result.path),
                "hash": text_hash(result),
                "findings": [{"key": k, "count": n} for k, n in sorted(keys.items())],
            }
        )
    document = {"gxlint_baseline": VERSION, "files": files}
    try:
        path.write_text(json.dumps(document, ensure_ascii=False, indent=1) + "\n", "utf-8")
    except OSError as exc:
        raise BaselineError(f"{path}: 无法写入基线文件：{exc.strerror or exc}") from None
    return total


@dataclass
class Baseline:
    """Accepted findings by file, consumed as they are matched."""

    by_path: dict[str, Counter] = field(default_factory=dict)
    by_hash: dict[str, Counter] = field(default_factory=dict)
    accepted: int = 0
    used: list[Counter] = field(default_factory=list)  # entries of the files checked this run

    @classmethod
    def load(cls, path: Path) -> Baseline:
        """Read a baseline written by `write`."""
        try:
            data = json.loads(path.read_text("utf-8"))
            if data.get("gxlint_baseline") != VERSION:
                raise ValueError("不是 gxlint 基线文件或版本不符")
            baseline = cls()
            for entry in data["files"]:
                counts = Counter({f["key"]: int(f["count"]) for f in entry["findings"]})
                baseline.by_path[entry["path"]] = counts
                if entry.get("hash"):
                    baseline.by_hash[entry["hash"]] = counts
            return baseline
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise BaselineError(f"{path}: 无法读取基线文件：{exc}") from None

    def filter(self, result: FileResult) -> None:
        """Drop the findings of `result` that the baseline accepts."""
        counts = self.by_path.get(_path(result.path))
        if counts is None:
            counts = self.by_hash.get(text_hash(result))
        if counts is None:
            return
        if all(counts is not u for u in self.used):
            self.used.append(counts)
        kept = []
        for finding in result.findings:
            key = finding_key(result, finding)
            if counts[key] > 0:
                counts[key] -= 1
                self.accepted += 1
            else:
                kept.append(finding)
        result.findings = kept

    def stale(self) -> int:
        """Accepted findings of the files checked this run that were not seen again."""
        return sum(n for counts in self.used for n in counts.values() if n > 0)


class PerFileIgnores:
    """`per-file-ignores: {"reports/2010/*": [GX404]}`: rules (ids or prefixes) dropped for the
    files a pattern (gitignore syntax, relative to the folder of the configuration file that
    holds it, as in ruff) matches."""

    def __init__(self, table: dict[str, list[str]], root: Path | None = None) -> None:
        import pathspec

        self.root = (root or Path.cwd()).resolve()
        self.entries = [
            (pathspec.GitIgnoreSpec.from_lines([pattern]), [p.upper() for p in prefixes])
            for pattern, prefixes in table.items()
        ]

    def filter(self, result: FileResult) -> None:
        """Drop the findings of `result` that a matching entry ignores."""
        if result.path == "-" or result.path.startswith("<"):
            path = result.path
        else:
            try:
                path = Path(result.path).resolve().relative_to(self.root).as_posix()
            except ValueError:  # outside the configuration's folder: its patterns do not apply
                return
        prefixes = [p for spec, ps in self.entries if spec.match_file(path) for p in ps]
        if prefixes:
            result.findings = [
                f for f in result.findings if not any(f.rule.startswith(p) for p in prefixes)
            ]
