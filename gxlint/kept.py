"""Values worked out once per object that cannot be a dict key (a rule list, a selection set, a
template whose fields are lists), kept by the objects' ids.

An entry holds the objects it was made for, so no other object can take their ids while it is
kept; a `stamp` (their sizes, say) is compared as well, for objects changed in place. When
`limit` entries are kept, all are dropped before the next is added.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

V = TypeVar("V")


class KeptById(Generic[V]):
    """A value per tuple of objects, by their ids (see the module's docstring)."""

    def __init__(self, limit: int = 64) -> None:
        self._kept: dict[tuple[int, ...], tuple[tuple[object, ...], Hashable, V]] = {}
        self._limit = limit

    def get(self, owners: tuple[object, ...], make: Callable[[], V], stamp: Hashable = None) -> V:
        """The value kept for `owners` with this `stamp`, or `make()` kept now."""
        key = tuple(map(id, owners))
        kept = self._kept.get(key)
        if kept is not None and kept[1] == stamp:
            return kept[2]
        if len(self._kept) >= self._limit:
            self._kept.clear()
        value = make()
        self._kept[key] = (owners, stamp, value)
        return value
