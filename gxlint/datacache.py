"""What start-up would otherwise build every time — the built-in rules and templates and a
configuration file, validated, and the traditional → simplified table — kept in the user's
cache directory.

Parsing 49 rule files and the templates and validating them against their JSON Schemas took a
third of a one-report check's start-up. What the validation produced is stored, keyed by the
content of every file it was built from, gxlint's version and Python's, so an edited rule file
or an upgrade is a miss and the files are read again. A cache entry that cannot be read (cut
short, another version's format, garbage) is a miss too; one that cannot be written (read-only
home, full disk) only costs the next start the same time. Reports are never written next to:
the cache lives in `$GXLINT_CACHE_DIR`, else the platform's user cache directory
(`$XDG_CACHE_HOME/gxlint`, `~/.cache/gxlint`, `~/Library/Caches/gxlint`,
`%LOCALAPPDATA%\\gxlint\\Cache`). `GXLINT_NO_CACHE=1` turns it off.

Only gxlint's own data goes here, built by gxlint from its own files; the entries are pickles,
which the cache directory's owner alone can write (it is created private).
"""

from __future__ import annotations

import hashlib
import os
import pickle
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from gxlint import __version__

T = TypeVar("T")
_FORMAT = 1  # bump when what is stored changes shape without a version change
_MAX_FILE_BYTES = 1024 * 1024


def cache_dir() -> Path | None:
    """Where cached data lives, or None when caching is off."""
    if os.environ.get("GXLINT_NO_CACHE"):
        return None
    explicit = os.environ.get("GXLINT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return Path(base) / "gxlint" / "Cache" if base else None
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "gxlint"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "gxlint"


def defining_files(*classes: type) -> list[Path]:
    """The source files of the modules that define `classes`: part of the key of an entry that
    stores their instances, so a class edited in a development checkout (same version number)
    never meets a pickle of its old shape."""
    return [Path(str(sys.modules[cls.__module__].__file__)) for cls in classes]


def content_key(kind: str, files: Iterable[Path], extra: str = "") -> str:
    """A digest of every file's name and bytes, gxlint's version and Python's."""
    digest = hashlib.blake2b(digest_size=20)
    for part in (kind, __version__, sys.version, str(_FORMAT), extra):
        digest.update(part.encode() + b"\0")
    for path in sorted(files):
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode) or info.st_size > _MAX_FILE_BYTES:
            # a FIFO must not block here, a huge file is the loader's to refuse
            raise OSError(f"{path}: not a small regular file")
        digest.update(path.name.encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def cached(kind: str, files: Iterable[Path], build: Callable[[], T], extra: str = "") -> T:
    """`build()`, or what it returned before for files with exactly this content."""
    folder = cache_dir()
    if folder is None:
        return build()
    try:
        entry = folder / f"{kind}-{content_key(kind, files, extra)}.pickle"
    except OSError:
        return build()
    try:
        with open(entry, "rb") as handle:
            return pickle.load(handle)  # noqa: S301 - gxlint's own data, written by gxlint
    except Exception:  # noqa: BLE001 - missing, cut short or from another format: rebuild
        pass
    value = build()
    _store(folder, entry, value)
    return value


_KEEP = 8  # entries per kind: several gxlint versions (a venv, a pre-commit hook) share a cache


def _prune(folder: Path, kind: str) -> None:
    """Remove all but the newest _KEEP - 1 entries of `kind` before a new one is written."""
    entries = sorted(folder.glob(f"{kind}-*.pickle"), key=lambda p: p.stat().st_mtime)
    for stale in entries[: max(0, len(entries) - (_KEEP - 1))]:
        stale.unlink(missing_ok=True)


def _store(folder: Path, entry: Path, value: object) -> None:
    """Write an entry atomically (a reader never sees half of it); failures are silent."""
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        _prune(folder, entry.name.split("-")[0])
        fd, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as handle:
                pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(temp, entry)
        except BaseException:
            os.unlink(temp)
            raise
    except Exception:  # noqa: BLE001,S110 - a cache that cannot be written is only slower
        pass
