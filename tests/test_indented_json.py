"""The JSON, SARIF and GitLab outputs are written by gxlint's own indenter (the standard
library's indented encoder is pure Python and slow); it must write exactly what json.dumps
would, or the output contract changes under its readers."""

from __future__ import annotations

import json
import random

import pytest
from conftest import CORPUS

from gxlint.engine import lint_path, load_rules
from gxlint.reporters import indented_json, render_document

_STRINGS = [
    "",
    "a",
    "政府信息",
    'q"uote',
    "back\\slash",
    "tab\t",
    "nl\n",
    "\x00\x1f",
    "\u2028",
    "😀",
]


def _value(rng: random.Random, depth: int):
    kind = rng.randrange(10 if depth < 4 else 6)
    if kind == 0:
        return rng.choice(_STRINGS)
    if kind == 1:
        return rng.randint(-(10**20), 10**20)
    if kind == 2:
        return rng.choice([0.0, -0.0, 1.5, 1e-7, 1e300, 0.1 + 0.2, float("inf"), -float("inf")])
    if kind == 3:
        return rng.choice([None, True, False])
    if kind in (4, 5):
        return rng.choice(_STRINGS) + str(rng.random())
    if kind in (6, 7):
        return [_value(rng, depth + 1) for _ in range(rng.randrange(4))]
    if kind == 8:
        return tuple(_value(rng, depth + 1) for _ in range(rng.randrange(3)))
    keys = [rng.choice(_STRINGS), rng.randint(-5, 5), 2.5, True, False, None]
    return {rng.choice(keys): _value(rng, depth + 1) for _ in range(rng.randrange(4))}


@pytest.mark.parametrize("indent", [1, 2, 4])
def test_random_values_are_written_as_json_dumps_writes_them(indent: int):
    rng = random.Random(indent)
    for _ in range(2000):
        value = _value(rng, 0)
        assert indented_json.dumps(value, indent) == json.dumps(
            value, ensure_ascii=False, indent=indent
        )


def test_nan_and_unserialisable_values_behave_as_in_json():
    assert indented_json.dumps([float("nan")]) == json.dumps([float("nan")], indent=2)
    with pytest.raises(TypeError):
        indented_json.dumps({"a": object()})
    with pytest.raises(TypeError):
        indented_json.dumps({(1, 2): 1})


@pytest.mark.parametrize("name", ["json", "sarif", "gitlab"])
def test_a_report_s_outputs_are_those_json_dumps_would_write(name: str, monkeypatch):
    rules = load_rules()
    results = [lint_path(path, rules) for path in sorted((CORPUS / "seeds").iterdir())]
    assert sum(len(r.findings) for r in results) > 10  # real findings, with their contexts
    ours = render_document(name, results, rules)
    monkeypatch.setattr(
        indented_json, "dumps", lambda v, indent=2: json.dumps(v, ensure_ascii=False, indent=indent)
    )
    assert ours == render_document(name, results, rules)
