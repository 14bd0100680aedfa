"""The derived-result cache: function(tables, *args) computed once per tables version and arguments. No streamlit.

    from pages._shared.memo import derived
    latest = derived(tables, queries.latest_facts, selection, ("revenue",))

A small LRU shared by all sessions, keyed on the tables' folder and signature (file mtimes), so a
rebuild is a new key. Pages call it through data.derived; views call it too, so a page and its
views share one computation of a query (the targets page asks for the pairs once, not twice).
Results are shared: treat them as read-only.

After each computation the memory it freed goes back to the operating system (arrow's pool and,
on glibc, malloc_trim): a server then holds what its caches hold, not the high-water mark of every
query it ever ran (at 1M facts about 200 MB less).
"""

from __future__ import annotations

import ctypes
import threading
from collections import OrderedDict
from collections.abc import Callable

import pyarrow as pa

_DERIVED: OrderedDict = OrderedDict()
_DERIVED_LOCK = threading.Lock()
DERIVED_MAX_ENTRIES = 128
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
            return _DERIVED[key]
    result = function(tables, *args)
    release_memory()
    with _DERIVED_LOCK:
        _DERIVED[key] = result
        while len(_DERIVED) > DERIVED_MAX_ENTRIES:
            _DERIVED.popitem(last=False)
    return result


def clear_derived() -> None:
    with _DERIVED_LOCK:
        _DERIVED.clear()


def release_memory() -> None:
    """Give freed memory back to the operating system: arrow's unused pool pages, glibc's free heap."""
    pa.default_memory_pool().release_unused()
    if _MALLOC_TRIM is not None:
        _MALLOC_TRIM(0)
