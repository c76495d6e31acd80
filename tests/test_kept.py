"""gxlint.kept.KeptById: values worked out once per object that cannot be a dict key. The
defects it must not have: making a value again for the same objects, answering for other
objects, or answering after the objects changed (their stamp)."""

from __future__ import annotations

from gxlint.kept import KeptById


def test_a_value_is_made_once_for_the_same_objects():
    made = []
    kept: KeptById[int] = KeptById()
    rules = ["GX101"]
    for _ in range(3):
        assert kept.get((rules,), lambda: made.append(1) or len(made)) == 1
    assert made == [1]


def test_other_objects_equal_or_not_get_their_own_value():
    kept: KeptById[str] = KeptById()
    one, other = ["GX101"], ["GX101"]  # equal, not the same list
    assert kept.get((one,), lambda: "one") == "one"
    assert kept.get((other,), lambda: "other") == "other"
    assert kept.get((one, other), lambda: "both") == "both"
    assert kept.get((one,), lambda: "again") == "one"


def test_a_changed_stamp_makes_the_value_again():
    kept: KeptById[int] = KeptById()
    select = {"GX101"}
    assert kept.get((select,), lambda: 1, len(select)) == 1
    select.add("GX102")
    assert kept.get((select,), lambda: 2, len(select)) == 2


def test_past_the_limit_every_value_is_dropped_and_made_again():
    kept: KeptById[int] = KeptById(limit=2)
    a, b, c = [1], [2], [3]
    kept.get((a,), lambda: 1)
    kept.get((b,), lambda: 2)
    kept.get((c,), lambda: 3)  # the third: a and b dropped
    assert kept.get((a,), lambda: 10) == 10
