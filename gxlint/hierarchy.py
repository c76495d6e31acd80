"""Which configuration applies to each file: the closest one, as in ruff.

A repository of reports may hold one `.gxlint.yaml` at its root and another in a sub-folder
(say, `reports/2010/` with older deadlines accepted). Each file is checked with the settings of
the configuration closest to it, found from the file's own folder upward; the command-line
options apply on top of every one of them. Settings that belong to the run as a whole — the
fail level, the number of jobs, the baseline and the exclude patterns used to find files — come
from the configuration of the folder that holds all the files given (or from `--config`, which
then applies to every file and no other configuration is read).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from gxlint.baseline import PerFileIgnores
from gxlint.config import (
    ConfigError,
    Settings,
    UsageError,
    find_config,
    load_config,
    resolve,
)


@dataclass
class NearestSettings:
    """Settings by configuration file, each resolved once with the command-line values on top."""

    cli: dict[str, Any]
    rule_ids: list[str]
    eras: list[str]
    run_config: Path | None
    run_settings: Settings
    real: Callable[[Path], Path] = Path.resolve  # discover.RealPaths: folders resolved once
    _by_folder: dict[Path, Path | None] = field(default_factory=dict)
    _by_config: dict[Path | None, Settings] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self._by_config[self.run_config] = self.run_settings

    def config_for(self, path: Path) -> Path | None:
        """The configuration closest to `path` (cached per folder: thousands of reports share a
        handful of folders)."""
        folder = self.real(path).parent
        if folder not in self._by_folder:
            try:
                self._by_folder[folder] = find_config(folder)
            except OSError:
                self._by_folder[folder] = self.run_config
        return self._by_folder[folder]

    def settings_for(self, path: Path) -> Settings:
        """The settings `path` is checked with (ConfigError, naming the file, for a bad one)."""
        config = self.config_for(path)
        if config not in self._by_config:
            data = load_config(config) if config is not None else {}
            try:
                self._by_config[config] = resolve(self.cli, data, self.rule_ids, self.eras)
            except UsageError as exc:
                raise ConfigError(f"{config}: {exc}") from None
        return self._by_config[config]

    def differing(self, paths: list[Path]) -> dict[str, tuple[Path | None, Settings]]:
        """The files whose closest configuration is not the run's, with that configuration."""
        found = {}
        for path in paths:
            config = self.config_for(path)
            if config != self.run_config:
                found[str(path)] = (config, self.settings_for(path))
        return found


def per_file_filters(
    run: tuple[Path | None, Settings],
    others: dict[str, tuple[Path | None, Settings]],
) -> Callable[[str], PerFileIgnores | None]:
    """A function from a result's path to the per-file-ignores that apply to it: those of its
    closest configuration, patterns relative to that configuration's folder (built once per
    configuration)."""
    made: dict[Path | None, PerFileIgnores | None] = {}

    def for_path(path: str) -> PerFileIgnores | None:
        config, settings = others.get(path, run)
        if config not in made:
            table = settings.per_file_ignores
            root = config.parent if config is not None else None
            made[config] = PerFileIgnores(table, root) if table else None
        return made[config]

    return for_path
