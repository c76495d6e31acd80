"""One place to read YAML: small, plain files only.

Rule, template and config files are read on every start, with the C loader (libyaml) when
PyYAML was built with it (the pure-Python loader alone took most of a one-report check's
start-up time).

They are also input gxlint does not control (a `.gxlint.yaml` in a repository of reports, a
rule pack), so two things are refused before any object is built: a file over MAX_YAML_BYTES,
and anchors/aliases (`&a`, `*a`). No gxlint file needs an alias, and aliases are how a few
hundred bytes of YAML expand into billions of nodes ("billion laughs").
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from gxlint.errors import GxlintError

MAX_YAML_BYTES = 256 * 1024
# An anchor or alias can only start after a space, `[`, `{`, `,`, `:` or `-`, or at a line start;
# files without such a character skip the event scan.
_MAYBE_ALIAS_RE = re.compile(r"(?:^|[\s\[{,:-])[&*][^\s,\[\]{}]", re.M)


class YamlRefused(GxlintError):
    """A YAML file that is too large or uses anchors/aliases."""


@cache
def _yaml():
    """PyYAML and its fastest safe loader, imported on the first file read (a check whose
    rules and configuration come from the cache reads none)."""
    import yaml

    return yaml, getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def load_yaml(text: str) -> Any:
    """Parse small, alias-free YAML text (see the module docstring)."""
    if len(text.encode("utf-8")) > MAX_YAML_BYTES:
        raise YamlRefused(f"文件过大（上限 {MAX_YAML_BYTES // 1024} KB）")
    yaml, loader = _yaml()
    if _MAYBE_ALIAS_RE.search(text):
        for event in yaml.parse(text, Loader=loader):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
                line = event.start_mark.line + 1 if event.start_mark else "?"
                raise YamlRefused(f"第 {line} 行：不支持 YAML 锚点或别名（&、*），请直接写出内容")
    return yaml.load(text, Loader=loader)  # noqa: S506 - a safe loader either way


def load_yaml_file(path) -> Any:
    """A YAML file's content: a regular file within MAX_YAML_BYTES, checked before reading (a
    FIFO given as a config file must not block, a huge one must not be read)."""
    import os
    import stat

    info = os.stat(path)
    if not stat.S_ISREG(info.st_mode):
        raise YamlRefused("不是普通文件")
    if info.st_size > MAX_YAML_BYTES:
        raise YamlRefused(
            f"文件过大（{info.st_size // 1024} KB，上限 {MAX_YAML_BYTES // 1024} KB）"
        )
    with open(path, encoding="utf-8") as handle:
        return load_yaml(handle.read(MAX_YAML_BYTES + 1))


def load_mapping(
    path, validator, what: str, error: type[Exception], empty_ok: bool = False
) -> dict[str, Any]:
    """A YAML file that must be a mapping valid under `validator` (a jsonschema validator).
    Any problem raises `error` with one line naming the file, and the key when the schema
    rejects one; `what` names the kind of file (规则文件, 模板文件, 配置文件)."""
    try:
        data = load_yaml_file(path)
    except (OSError, UnicodeDecodeError, _yaml()[0].YAMLError, YamlRefused) as exc:
        raise error(f"{path}: 无法读取{what}：{exc}") from None
    if data is None and empty_ok:
        data = {}
    return validate_mapping(data, path, validator, what, error)


def validate_mapping(data: Any, path, validator, what: str, error: type[Exception]) -> dict:
    """`data` (read from `path`) as a mapping valid under `validator`, else `error` naming the
    file and the key."""
    from jsonschema.exceptions import best_match

    if not isinstance(data, dict):
        raise error(f"{path}: {what}应为一个 YAML 映射（键: 值）")
    problem = best_match(validator.iter_errors(data))
    if problem is not None:
        where = "/".join(str(p) for p in problem.absolute_path) or "(顶层)"
        raise error(f"{path}: 键 {where}: {problem.message}")
    return data
