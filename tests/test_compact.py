"""The compact view (labels matched without spaces and punctuation) maps every index back to
the character the user wrote, as a per-character list of offsets would."""

from __future__ import annotations

import random

from gxlint.compact import _DROP, build_view


def _reference(norm: str) -> tuple[str, list[int]]:
    """The view and its offsets one character at a time: what the runs must agree with."""
    kept = [(i, ch) for i, ch in enumerate(norm) if ch not in _DROP]
    return "".join(ch for _i, ch in kept), [i for i, _ch in kept]


def test_view_maps_every_index_as_a_per_character_list_would():
    rng = random.Random(7)
    alphabet = "政府信息公开12 \n，。（）、:" + "abc"
    for _ in range(300):
        norm = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 60)))
        view = build_view(norm)
        text, offsets = _reference(norm)
        assert view.text == text
        for i in range(len(text)):
            assert view.source_start(i) == offsets[i]
            assert view.source_end(i + 1) == offsets[i] + 1
        for source_offset in range(len(norm) + 2):
            expected = next((i for i, o in enumerate(offsets) if o >= source_offset), len(text))
            assert view.index_at(source_offset) == expected, (norm, source_offset)


def test_label_found_in_the_view_points_at_the_spaced_source():
    norm = "表格 (一)  统 计 指 标：本年"
    view = build_view(norm)
    i = view.text.index("统计指标")
    j = i + len("统计指标")
    assert norm[view.source_start(i) : view.source_end(j)] == "统 计 指 标"
