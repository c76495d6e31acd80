"""Which files a `gxlint check PATH…` run checks.

Folders are walked for report files (by extension), skipping what is never a report: hidden
folders, virtual environments (a folder with `pyvenv.cfg`), `node_modules`, `__pycache__`,
Office lock files (`~$报告.docx`), everything `.gitignore` files ignore, and the `exclude` /
`extend-exclude` patterns (gitignore syntax, like ruff's: `node_modules` anywhere, `reports/
2010/*` under the folder given). A file named on the command line is checked even when a pattern
matches it, unless `--force-exclude` (for pre-commit, which names files itself). The same file
reached twice (`r.txt`, `./r.txt`, an absolute path) is checked once. Links to folders are not
followed, so a link loop cannot trap the walk.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pathspec

# Skipped in every folder walk unless `exclude` replaces the list (`extend-exclude` adds to it).
DEFAULT_EXCLUDE = (".*", "node_modules", "__pycache__", "~$*", ".~lock.*#")


class RealPaths:
    """`path.resolve()` with each folder resolved once.

    Resolving a path asks the system about every component (`lstat` each, to follow links);
    thousands of reports in a handful of folders made that three resolves per file, a tenth of
    a second per thousand before the first file was checked. A file that is not itself a link
    resolves to its resolved folder plus its name, so only the folder needs the walk."""

    def __init__(self) -> None:
        self._folders: dict[Path, Path] = {}

    def __call__(self, path: Path) -> Path:
        """The absolute path with every link and `..` resolved (OSError/RuntimeError as
        `Path.resolve` raises them, for a link loop)."""
        name = path.name
        if not name or name == ".." or path.is_symlink():
            return path.resolve()
        folder = path.parent
        real = self._folders.get(folder)
        if real is None:
            real = self._folders[folder] = folder.resolve()
        return real / name


@dataclass
class Discovered:
    """The outcome of discovery, for the CLI to check and report."""

    files: list[Path | str]  # paths, and "-" for stdin, in the order given
    missing: list[str]  # paths that do not exist
    empty_folders: list[str]  # folders without a report file


def _spec(patterns: Iterable[str]) -> pathspec.PathSpec:
    import pathspec  # only for a folder walk or --force-exclude: not for one file named

    return pathspec.GitIgnoreSpec.from_lines(list(patterns))


def discover(
    paths: list[str],
    suffixes: tuple[str, ...],
    exclude: Iterable[str] = DEFAULT_EXCLUDE,
    force_exclude: bool = False,
    real: RealPaths | None = None,
) -> Discovered:
    """The files to check for the paths given on the command line (`real`: a resolver to
    share with the caller, which resolves the same files again)."""
    exclude = list(exclude)
    built: list[pathspec.PathSpec] = []  # the exclude patterns, built on first need, once

    def patterns() -> pathspec.PathSpec:
        if not built:
            built.append(_spec(exclude))
        return built[0]

    out = Discovered([], [], [])
    real_path = real or RealPaths()
    seen: set[str] = set()

    def add(path: Path) -> None:
        try:
            identity = str(real_path(path))
        except (OSError, RuntimeError):  # a link loop
            identity = str(path.absolute())
        if identity not in seen:
            seen.add(identity)
            out.files.append(path)

    for raw in paths:
        if raw == "-":
            out.files.append("-")
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(path, suffixes, patterns()))
            if not found:
                out.empty_folders.append(raw)
            for file in found:
                add(file)
        elif path.exists():  # False for a broken link or a link loop
            if force_exclude and (
                patterns().match_file(path.name) or patterns().match_file(path.as_posix())
            ):
                continue
            add(path)
        else:
            out.missing.append(raw)
    return out


def _walk(root: Path, suffixes: tuple[str, ...], patterns: pathspec.PathSpec) -> Iterator[Path]:
    """Report files under `root`, pruning excluded and ignored folders as the walk goes.
    `.gitignore` files are matched on absolute paths, patterns relative to `root`."""
    root_abs = root.resolve()
    ignores: list[tuple[Path, pathspec.PathSpec]] = _parent_ignores(root_abs)
    for directory, dirs, names in os.walk(root, followlinks=False):
        here = Path(directory)
        here_abs = root_abs / here.relative_to(root)
        spec = _gitignore(here)
        if spec is not None:
            ignores.append((here_abs, spec))
        kept = []
        for name in sorted(dirs):
            if (here / name / "pyvenv.cfg").is_file():
                continue
            if _excluded(here / name, here_abs / name, True, root, patterns, ignores):
                continue
            kept.append(name)
        dirs[:] = kept
        for name in names:
            file = here / name
            if file.suffix.lower() in suffixes and not _excluded(
                file, here_abs / name, False, root, patterns, ignores
            ):
                yield file


def _excluded(
    path: Path,
    path_abs: Path,
    is_dir: bool,
    root: Path,
    patterns: pathspec.PathSpec,
    ignores: list[tuple[Path, pathspec.PathSpec]],
) -> bool:
    tail = "/" if is_dir else ""
    if patterns.match_file(path.relative_to(root).as_posix() + tail):
        return True
    for base, spec in ignores:
        try:
            inside = path_abs.relative_to(base).as_posix() + tail
        except ValueError:
            continue
        if spec.match_file(inside):
            return True
    return False


def _parent_ignores(root_abs: Path) -> list[tuple[Path, pathspec.PathSpec]]:
    """`.gitignore` files above the folder given, up to the repository root."""
    found = []
    for directory in root_abs.parents:
        spec = _gitignore(directory)
        if spec is not None:
            found.append((directory, spec))
        if (directory / ".git").exists():
            break
    return found


def _gitignore(directory: Path) -> pathspec.PathSpec | None:
    """The folder's `.gitignore`, if it has a readable one."""
    path = directory / ".gitignore"
    if not path.is_file():
        return None
    try:
        return _spec(path.read_text("utf-8", errors="replace").splitlines())
    except OSError:
        return None
