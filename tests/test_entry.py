"""entry.main: the collector is paused only while the CLI imports, never left off."""

from __future__ import annotations

import gc

import pytest

import gxlint.cli
from gxlint import entry


def test_entry_leaves_the_collector_on_and_freezes_the_imports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    seen = {}
    monkeypatch.setattr(gxlint.cli, "main", lambda: seen.setdefault("gc", gc.isenabled()))
    try:
        entry.main()
        assert seen == {"gc": True}  # the command runs with the collector on
        assert gc.isenabled()
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()


def test_entry_keeps_a_disabled_collector_disabled(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(gxlint.cli, "main", lambda: None)
    gc.disable()
    try:
        entry.main()
        assert not gc.isenabled()
    finally:
        gc.enable()
        gc.unfreeze()
