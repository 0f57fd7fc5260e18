"""Where each value of a parsed document stands in its file."""

from __future__ import annotations

from typing import NamedTuple

# A path into a document: mapping keys are strings, sequence indices ints.
DocPath = tuple[str | int, ...]


class Pos(NamedTuple):
    """A 1-based line and column (a tuple: one is made for every value the reader reads)."""

    line: int
    column: int


class PositionMap:
    """Positions of values and of mapping keys, by document path."""

    __slots__ = ("keys", "values")

    def __init__(
        self, values: dict[DocPath, Pos] | None = None, keys: dict[DocPath, Pos] | None = None
    ) -> None:
        self.values: dict[DocPath, Pos] = {} if values is None else values
        self.keys: dict[DocPath, Pos] = {} if keys is None else keys

    def value(self, path: DocPath) -> Pos:
        """The value's position, or the nearest ancestor's when the value does not exist."""
        for end in range(len(path), -1, -1):
            found = self.values.get(path[:end])
            if found is not None:
                return found
        return Pos(1, 1)

    def key(self, path: DocPath) -> Pos:
        """The position of the key that names ``path`` (falls back to its value)."""
        found = self.keys.get(path)
        return found if found is not None else self.value(path)

    def container(self, path: DocPath) -> Pos:
        """Where a missing member of ``path`` should be reported: at the key naming the parent."""
        if path and path in self.keys:
            return self.keys[path]
        return self.value(path)
