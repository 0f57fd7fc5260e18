"""Work shared among the processor's cores, in forked processes.

A forked process starts with everything already imported and read (the rules, the förbund,
the insatser), so only each result travels back. The function must be defined at the top of
its module (it is sent by name) and take the index of its item; what it works on is set in a
module global before the call, which the forked processes inherit.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def cores() -> int:
    """The cores this process may run on."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else 1


def forked_map(function: Callable[[int], T], count: int, parallel_from: int) -> list[T]:
    """function(0), ..., function(count - 1), in order: in forked processes when there are at
    least ``parallel_from`` items, more than one core and fork (Linux); else here, since a
    second process costs more than a few items save."""
    available = cores()
    if count < parallel_from or available < 2 or sys.platform != "linux":
        return [function(index) for index in range(count)]
    # Imported here: multiprocessing alone costs a third of a one-file check's start-up.
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(available, mp_context=context) as pool:
        return list(pool.map(function, range(count), chunksize=8))
