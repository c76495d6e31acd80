"""Project settings in `.gxlint.yaml`, so a repository of reports (or a 政务公开办's pre-submit
hook) fixes its choices once instead of on every command line:

    select: [GX1, GX2, GX3]      # rule ids or prefixes
    ignore: [GX520]
    fail-level: warning
    agency-type: department
    deadline: "01-28"            # a local rule earlier than the statutory date
    template: auto
    jobs: 0

The file is found in the current directory or the nearest parent (stopping at a `.git`
directory); `--config PATH` names one. Command-line options win over the file. A bad file is a
usage error (exit 2) naming the file and the key, like a bad rule file.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import best_match

from gxlint.errors import GxlintError
from gxlint.yamlio import load_yaml

CONFIG_NAMES = (".gxlint.yaml", ".gxlint.yml", "gxlint.yaml")
_IDS = {"type": "array", "items": {"type": "string", "pattern": "^[Gg][Xx][0-9]{0,3}$"}}
SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "properties": {
        "select": _IDS,
        "ignore": _IDS,
        "fail-level": {"enum": ["error", "warning", "info"]},
        "agency-type": {"enum": ["auto", "department", "government"]},
        "deadline": {"type": "string", "pattern": "^[0-9]{2}-[0-9]{2}$"},
        "template": {"enum": ["auto", "2008", "2019", "2021"]},
        "jobs": {"type": "integer", "minimum": 0},
    },
}


class ConfigError(GxlintError):
    pass


def find_config(start: Path | None = None) -> Path | None:
    here = (start or Path.cwd()).resolve()
    for directory in (here, *here.parents):
        for name in CONFIG_NAMES:
            candidate = directory / name
            if candidate.is_file():
                return candidate
        if (directory / ".git").exists():
            break
    return None


def load_config(path: Path) -> dict[str, Any]:
    try:
        data = load_yaml(path.read_text(encoding="utf-8")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ConfigError(f"{path}: 无法读取配置文件：{exc}") from None
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: 配置文件应为一个 YAML 映射（键: 值）")
    error = best_match(Draft202012Validator(SCHEMA).iter_errors(data))
    if error is not None:
        where = "/".join(str(p) for p in error.absolute_path) or "(顶层)"
        raise ConfigError(f"{path}: 键 {where}: {error.message}")
    if "deadline" in data and not valid_month_day(data["deadline"]):
        raise ConfigError(f"{path}: 键 deadline: “{data['deadline']}”不是有效的月-日")
    return data


def valid_month_day(text: str) -> bool:
    try:
        month, day = (int(x) for x in text.split("-"))
        dt.date(2001, month, day)
    except ValueError:
        return False
    return True


def expand_selectors(selectors: list[str], rule_ids: list[str]) -> tuple[set[str], list[str]]:
    """Rule ids matched by ids or prefixes (`GX3` → GX301…GX306), and selectors matching none."""
    chosen: set[str] = set()
    unknown = []
    for raw in selectors:
        prefix = raw.strip().upper()
        if not prefix:
            continue
        matched = {r for r in rule_ids if r.startswith(prefix)}
        if not matched:
            unknown.append(prefix)
        chosen |= matched
    return chosen, unknown
