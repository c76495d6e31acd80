"""The user cache of validated rules, templates and configuration (gxlint/datacache.py): a hit
returns what was built, an edit to a file is a miss, a damaged entry is ignored, a cache that
cannot be written only costs time."""

from __future__ import annotations

import os

import pytest

from gxlint import datacache
from gxlint.config import ConfigError, load_config


@pytest.fixture
def cache(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("GXLINT_CACHE_DIR", str(folder))
    monkeypatch.delenv("GXLINT_NO_CACHE", raising=False)
    return folder


def _builder(value):
    calls = []

    def build():
        calls.append(1)
        return value

    return build, calls


def test_hit_after_first_build_and_miss_after_an_edit(tmp_path, cache):
    source = tmp_path / "r.yaml"
    source.write_text("a: 1\n")
    build, calls = _builder({"a": 1})
    assert datacache.cached("rules", [source], build) == {"a": 1}
    assert datacache.cached("rules", [source], build) == {"a": 1}
    assert len(calls) == 1  # the second came from the cache
    source.write_text("a: 2\n")  # an edited rule file is never served stale
    datacache.cached("rules", [source], build)
    assert len(calls) == 2


def test_damaged_entry_is_rebuilt(tmp_path, cache):
    source = tmp_path / "r.yaml"
    source.write_text("a: 1\n")
    build, calls = _builder([1, 2])
    datacache.cached("rules", [source], build)
    (entry,) = cache.glob("rules-*.pickle")
    entry.write_bytes(b"\x80\x05garbage")  # cut short by a full disk, say
    assert datacache.cached("rules", [source], build) == [1, 2]
    assert len(calls) == 2


def test_unwritable_cache_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("GXLINT_CACHE_DIR", str(blocker / "cache"))
    source = tmp_path / "r.yaml"
    source.write_text("a: 1\n")
    build, calls = _builder("built")
    assert datacache.cached("rules", [source], build) == "built"
    assert datacache.cached("rules", [source], build) == "built"
    assert len(calls) == 2


def test_off_when_asked(tmp_path, cache, monkeypatch):
    monkeypatch.setenv("GXLINT_NO_CACHE", "1")
    source = tmp_path / "r.yaml"
    source.write_text("a: 1\n")
    build, calls = _builder(1)
    datacache.cached("rules", [source], build)
    datacache.cached("rules", [source], build)
    assert len(calls) == 2 and not cache.exists()


def test_old_entries_are_pruned(tmp_path, cache):
    source = tmp_path / "r.yaml"
    for n in range(12):
        source.write_text(f"a: {n}\n")
        datacache.cached("rules", [source], lambda n=n: n)
    assert len(list(cache.glob("rules-*.pickle"))) == datacache._KEEP


def test_a_config_error_is_not_cached_and_a_fifo_config_does_not_block(tmp_path, cache):
    config = tmp_path / ".gxlint.yaml"
    config.write_text("fail-level: sometimes\n")
    for _ in range(2):  # the second run reads the file again and fails the same way
        with pytest.raises(ConfigError, match="fail-level"):
            load_config(config)
    config.write_text("fail-level: error\n")
    assert load_config(config)["fail-level"] == "error"
    fifo = tmp_path / "fifo.yaml"
    os.mkfifo(fifo)
    with pytest.raises(ConfigError):
        load_config(fifo)


def test_builtin_rules_come_from_the_cache_equal_to_a_fresh_read(cache):
    from gxlint.engine import _load_rules, load_rules
    from gxlint.eras import builtin_templates
    from gxlint.resources import data_dir

    first = load_rules()  # builds and stores
    assert list(cache.glob("rules-*.pickle"))
    again = load_rules()  # from the cache
    fresh = _load_rules(data_dir("rules"), builtin_templates().ids)
    assert [r.data for r in again] == [r.data for r in fresh] == [r.data for r in first]


def test_the_rules_entry_is_keyed_by_the_code_that_defines_what_it_stores():
    """In a development checkout the version stays while Rule's fields change: the code that
    defines the stored classes is part of the key, so an old pickle is never read as new."""
    from gxlint.engine import Rule
    from gxlint.eras import TemplateSet
    from gxlint.findings import Severity

    files = datacache.defining_files(Rule, Severity, TemplateSet)
    assert [f.name for f in files] == ["engine.py", "findings.py", "eras.py"]
    assert all(f.is_file() for f in files)
