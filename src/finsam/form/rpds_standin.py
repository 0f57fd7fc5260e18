"""A stand-in, in plain Python, for ``rpds`` (the package rpds-py), for the site's form.

jsonschema and referencing keep their registries and type checkers in rpds's persistent
(immutable) maps, sets and lists. rpds-py is written in Rust and has no WebAssembly wheel on
PyPI, and the Pyodide that the site serves brings no packages of its own, so the site's bundle
(finsam.site.form_assets) ships this module as ``rpds`` instead. It has exactly what
referencing and jsonschema use of rpds (HashTrieMap, HashTrieSet, List: building, looking up,
insert, remove, discard, update, push_front, equality and hashing), each change giving a new
object and leaving the old one as it was. The structures are copied on every change, which
costs nothing at the size of a schema registry (a dozen resources).

tests/test_form_rpds.py runs the desk's schema findings with this module in place of rpds-py
and compares them with the real thing. Nothing in finsam imports it: it is copied into the
bundle as rpds/__init__.py.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, TypeVar

K = TypeVar("K", bound=Hashable)
V = TypeVar("V")
T = TypeVar("T", bound=Hashable)

__all__ = ["HashTrieMap", "HashTrieSet", "List"]


class HashTrieMap(Mapping[K, V]):
    """An immutable mapping; insert, remove, discard and update give a new one."""

    __slots__ = ("_data",)
    _data: dict[K, V]

    def __init__(self, value: Mapping[K, V] | Iterable[tuple[K, V]] = (), **kwds: V) -> None:
        data: dict[Any, V] = dict(value)
        data.update(kwds)
        object.__setattr__(self, "_data", data)

    @classmethod
    def convert(cls, value: Mapping[K, V] | Iterable[tuple[K, V]]) -> HashTrieMap[K, V]:
        """``value`` itself when it is one already, else a new map of it."""
        return value if isinstance(value, HashTrieMap) else cls(value)

    @classmethod
    def fromkeys(cls, keys: Iterable[K], value: Any = None) -> HashTrieMap[K, Any]:
        return cls((key, value) for key in keys)

    def __getitem__(self, key: K) -> V:
        return self._data[key]

    def __iter__(self) -> Iterator[K]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __contains__(self, key: object) -> bool:
        return key in self._data

    def __eq__(self, other: object) -> bool:
        if isinstance(other, Mapping):
            return self._data == dict(other.items())
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._data.items()))

    def __repr__(self) -> str:
        return f"HashTrieMap({self._data!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("HashTrieMap kan inte ändras")

    def __reduce__(self) -> tuple[type[HashTrieMap[K, V]], tuple[dict[K, V]]]:
        return (type(self), (self._data,))

    def insert(self, key: K, val: V) -> HashTrieMap[K, V]:
        data = dict(self._data)
        data[key] = val
        return type(self)(data)

    def remove(self, key: K) -> HashTrieMap[K, V]:
        """A map without ``key``; KeyError when it has none."""
        if key not in self._data:
            raise KeyError(key)
        return self.discard(key)

    def discard(self, key: K) -> HashTrieMap[K, V]:
        """A map without ``key``, whether it had one or not."""
        data = dict(self._data)
        data.pop(key, None)
        return type(self)(data)

    def update(self, *args: Mapping[K, V] | Iterable[tuple[K, V]]) -> HashTrieMap[K, V]:
        data = dict(self._data)
        for each in args:
            data.update(each)
        return type(self)(data)


class HashTrieSet(frozenset[T]):
    """An immutable set; insert, remove, discard and update give a new one."""

    __slots__ = ()

    def __repr__(self) -> str:
        return f"HashTrieSet({set(self)!r})" if self else "HashTrieSet({})"

    def insert(self, value: T) -> HashTrieSet[T]:
        return type(self)((*self, value))

    def remove(self, value: T) -> HashTrieSet[T]:
        """A set without ``value``; KeyError when it has none."""
        if value not in self:
            raise KeyError(value)
        return self.discard(value)

    def discard(self, value: T) -> HashTrieSet[T]:
        return type(self)(each for each in self if each != value)

    def update(self, *args: Iterable[T]) -> HashTrieSet[T]:
        items = set(self)
        for each in args:
            items.update(each)
        return type(self)(items)


class List(Iterable[T]):
    """An immutable list that grows at its front: List(iterable) or List(a, b, c)."""

    __slots__ = ("_items",)
    _items: tuple[T, ...]

    def __init__(self, *elements: Any) -> None:
        # rpds reads one argument as an iterable of the items, several as the items themselves.
        items = tuple(elements[0]) if len(elements) == 1 else elements
        object.__setattr__(self, "_items", items)

    def __iter__(self) -> Iterator[T]:
        return iter(self._items)

    def __reversed__(self) -> Iterator[T]:
        return reversed(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if isinstance(other, List):
            return self._items == other._items
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self._items)

    def __repr__(self) -> str:
        return f"List({list(self._items)!r})"

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("List kan inte ändras")

    @property
    def first(self) -> T:
        if not self._items:
            raise IndexError("empty list has no first element")
        return self._items[0]

    @property
    def rest(self) -> List[T]:
        return List(self._items[1:])

    def push_front(self, value: T) -> List[T]:
        return List((value, *self._items))

    def drop_first(self) -> List[T]:
        if not self._items:
            raise IndexError("empty list has no first element")
        return List(self._items[1:])
