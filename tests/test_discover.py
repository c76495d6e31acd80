"""discover.RealPaths: the folder-cached resolve the CLI uses three times per file.

A wrong answer would check one report twice (`r.txt` and a link to it), drop a --history file
that is not in the batch, or pick another folder's configuration; so it must agree with
`Path.resolve` on links, `..`, missing files and link loops."""

from __future__ import annotations

from pathlib import Path

import pytest

from gxlint.discover import RealPaths, discover


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    (tmp_path / "real").mkdir()
    (tmp_path / "real" / "a.txt").write_text("a", encoding="utf-8")
    (tmp_path / "real" / "sub").mkdir()
    (tmp_path / "linked").symlink_to(tmp_path / "real")  # a link to a folder
    (tmp_path / "real" / "b.txt").symlink_to(tmp_path / "real" / "a.txt")  # a link to a file
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    return tmp_path


def test_real_paths_agree_with_resolve(tree: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tree)
    real = RealPaths()
    for raw in [
        "real/a.txt",
        "linked/a.txt",  # folder link: resolved through the cached folder
        "real/b.txt",  # file link: resolved to its target, not real/b.txt
        "linked/b.txt",
        "real/sub/../a.txt",
        "linked/sub/../a.txt",
        "real/missing.txt",
        "a.txt",
        ".",
        "real/..",
    ]:
        path = Path(raw)
        assert real(path) == path.resolve(), raw
        assert real(path) == path.resolve(), raw  # and again, from the folder cache


def test_a_file_reached_through_a_link_is_checked_once(tree: Path) -> None:
    found = discover(
        [str(tree / "real" / "a.txt"), str(tree / "linked" / "a.txt"), str(tree / "real/b.txt")],
        (".txt",),
    )
    assert found.files == [tree / "real" / "a.txt"]


def test_a_link_loop_raises_as_resolve_does(tree: Path) -> None:
    real = RealPaths()
    try:
        expected: Path | type[Exception] = (tree / "loop.txt").resolve()
    except (OSError, RuntimeError) as exc:
        expected = type(exc)
    try:
        got: Path | type[Exception] = real(tree / "loop.txt")
    except (OSError, RuntimeError) as exc:
        got = type(exc)
    assert got == expected
