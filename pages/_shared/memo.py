"""The derived-result cache: function(tables, *args) computed once per tables version and arguments. No streamlit.

    from pages._shared.memo import derived
    latest = derived(tables, queries.latest_facts, selection, ("revenue",))

A small LRU shared by all sessions, keyed on the tables' folder and signature (file mtimes), so a
rebuild is a new key. Pages call it through data.derived; views call it too, so a page and its
views share one computation of a query (the targets page asks for the pairs once, not twice).
Results are shared: treat them as read-only.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable

_DERIVED: OrderedDict = OrderedDict()
_DERIVED_LOCK = threading.Lock()
DERIVED_MAX_ENTRIES = 128


def derived(tables, function: Callable, *args):
    """function(tables, *args), computed once per tables version and (hashable) args."""
    key = (str(tables.folder), tables.signature, function.__module__, function.__qualname__, args)
    with _DERIVED_LOCK:
        if key in _DERIVED:
            _DERIVED.move_to_end(key)
            return _DERIVED[key]
    result = function(tables, *args)
    with _DERIVED_LOCK:
        _DERIVED[key] = result
        while len(_DERIVED) > DERIVED_MAX_ENTRIES:
            _DERIVED.popitem(last=False)
    return result


def clear_derived() -> None:
    with _DERIVED_LOCK:
        _DERIVED.clear()
