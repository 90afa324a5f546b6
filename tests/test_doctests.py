"""Every docstring example in the library runs and shows what it says."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import arcorpus

MODULES = sorted(m.name for m in pkgutil.walk_packages(arcorpus.__path__, "arcorpus.")
                 if not m.name.endswith("notebook_runner"))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    module = importlib.import_module(name)
    result = doctest.testmod(module, optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
