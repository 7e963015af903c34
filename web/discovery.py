"""Finding the views: every module of a blueprint's package is imported when the app is built,
so a new view module joins its blueprint by existing, and importing a package imports no views."""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterable


def import_modules(package: str, path: Iterable[str]) -> list[str]:
    """Import every module of `package` (whose `__path__` is `path`); their names, sorted."""
    names = sorted(f"{package}.{found.name}" for found in pkgutil.iter_modules(list(path)))
    for name in names:
        importlib.import_module(name)
    return names
