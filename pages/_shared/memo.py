"""The derived-result cache: function(tables, *args) computed once per tables version and arguments. No streamlit.

    from pages._shared.memo import derived
    latest = derived(tables, queries.latest_facts, selection, ("revenue",))

A small LRU shared by all sessions, keyed on the tables' folder and signature (file mtimes), so a
rebuild is a new key. Pages call it through data.derived; views call it too, so a page and its
views share one computation of a query (the targets page asks for the pairs once, not twice).
Results are shared: treat them as read-only. It holds at most DERIVED_MAX_ENTRIES results and
DERIVED_MAX_BYTES of them (approximate_bytes): at national scale one result can be tens of MB, so
a count of entries alone would let a server that many filters visit outgrow its memory.

After each computation the memory it freed goes back to the operating system (arrow's pool and,
on glibc, malloc_trim): a server then holds what its caches hold, not the high-water mark of every
query it ever ran (at 1M facts about 200 MB less).
"""

from __future__ import annotations

import ctypes
import dataclasses
import sys
import threading
from collections import OrderedDict
from collections.abc import Callable

import numpy as np
import pandas as pd
import pyarrow as pa

_DERIVED: OrderedDict = OrderedDict()  # key -> (result, its approximate bytes)
_DERIVED_LOCK = threading.Lock()
_DERIVED_BYTES = [0]  # the sum of the held results' approximate bytes
DERIVED_MAX_ENTRIES = 128
DERIVED_MAX_BYTES = 192 * 2**20
_MALLOC_TRIM: Callable[[int], int] | None
try:
    _MALLOC_TRIM = ctypes.CDLL("libc.so.6").malloc_trim
except (OSError, AttributeError):  # not glibc: arrow's pool is still released
    _MALLOC_TRIM = None


def derived(tables, function: Callable, *args):
    """function(tables, *args), computed once per tables version and (hashable) args."""
    key = (str(tables.folder), tables.signature, function.__module__, function.__qualname__, args)
    with _DERIVED_LOCK:
        if key in _DERIVED:
            _DERIVED.move_to_end(key)
            return _DERIVED[key][0]
    result = function(tables, *args)
    release_memory()
    _hold(key, result, approximate_bytes(result))
    return result


def _hold(key: tuple, result, size: int) -> None:
    """Keep a result as the most recent; the least recently used leave beyond the entries or bytes allowed."""
    with _DERIVED_LOCK:
        if key in _DERIVED:  # another session computed it meanwhile
            _DERIVED_BYTES[0] -= _DERIVED.pop(key)[1]
        _DERIVED[key] = (result, size)
        _DERIVED_BYTES[0] += size
        while len(_DERIVED) > 1 and (len(_DERIVED) > DERIVED_MAX_ENTRIES or _DERIVED_BYTES[0] > DERIVED_MAX_BYTES):
            _DERIVED_BYTES[0] -= _DERIVED.popitem(last=False)[1][1]


def remember(tables, function: Callable, args: tuple, result) -> None:
    """Hold `result` as derived(tables, function, *args) would: a value another query computed on the way."""
    key = (str(tables.folder), tables.signature, function.__module__, function.__qualname__, args)
    _hold(key, result, approximate_bytes(result))


def derived_bytes() -> int:
    """The approximate bytes the derived results hold."""
    return _DERIVED_BYTES[0]


def clear_derived() -> None:
    with _DERIVED_LOCK:
        _DERIVED.clear()
        _DERIVED_BYTES[0] = 0


def approximate_bytes(value, depth: int = 0) -> int:
    """About how much memory a result holds: frames, arrays and Arrow tables by their buffers, containers,
    dataclasses and plotly figures by their parts (depth-limited; anything else by sys.getsizeof)."""
    if isinstance(value, pd.DataFrame | pd.Series | pd.Index):
        usage = value.memory_usage(deep=True)
        return int(usage.sum() if isinstance(usage, pd.Series) else usage)
    if isinstance(value, np.ndarray):
        return int(value.nbytes)
    if isinstance(value, pa.Table | pa.Array | pa.ChunkedArray):
        return int(value.nbytes)
    if depth > 4:
        return sys.getsizeof(value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(approximate_bytes(key, depth + 1) + approximate_bytes(item, depth + 1)
                                          for key, item in value.items())
    if isinstance(value, list | tuple | set | frozenset):
        return sys.getsizeof(value) + sum(approximate_bytes(item, depth + 1) for item in value)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return sum(approximate_bytes(getattr(value, field.name), depth + 1) for field in dataclasses.fields(value))
    if hasattr(value, "to_plotly_json"):  # a plotly figure: its traces and layout as plain values
        return approximate_bytes(value.to_plotly_json(), depth + 1)
    return sys.getsizeof(value)


def release_memory() -> None:
    """Give freed memory back to the operating system: arrow's unused pool pages, glibc's free heap."""
    pa.default_memory_pool().release_unused()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
