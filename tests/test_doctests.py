"""The small parsers document themselves with doctests; run them with the suite."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import loaders

MODULES = sorted(module.name for module in pkgutil.walk_packages(loaders.__path__, "loaders.") if module.name != "loaders.__main__")


@pytest.mark.parametrize("name", MODULES)
def test_doctests_in_each_loader_module_hold(name):
    failures, _ = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert failures == 0


def test_the_parsers_have_doctests_to_run():
    counts = {name: len(doctest.DocTestFinder().find(importlib.import_module(name))) for name in MODULES}
    assert all(counts[name] for name in ("loaders.text.numerals", "loaders.text.periods"))
