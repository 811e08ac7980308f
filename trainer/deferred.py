"""Standard-library packages a dependency imports eagerly but the desktop app never uses.

SQLAlchemy imports ``asyncio`` (which brings ``ssl`` with OpenSSL's TLS library, and the event
loop machinery) and ``importlib.metadata`` (which brings ``email``, ``csv`` and ``zipfile``) at
import, for its asyncio extension and its plugin look-up; the desktop app uses neither. Together
about 3 MB of resident memory with a course and the dashboard open (issue 14: ≤ 180 MB).

``defer_unused_imports()`` (called by the GUI before SQLAlchemy is imported) puts a stand-in for
each in ``sys.modules``: ``import asyncio`` then binds the stand-in, and the real package is
imported the moment anything reads one of its names or imports one of its submodules, so code
that does use it works as before, one import later. A package already imported is left alone.
The stand-in for ``asyncio`` also answers ``iscoroutine``, the one name SQLAlchemy copies at
import, without importing it (nothing can have made an asyncio coroutine before asyncio exists).
"""

from __future__ import annotations

import collections.abc
import importlib
import importlib.util
import sys
import threading
import types
from importlib.machinery import ModuleSpec
from typing import Any

UNUSED = ("asyncio", "importlib.metadata")

_PUBLIC_DUNDERS = frozenset({"__all__", "__version__"})  # ``from asyncio import *`` reads these
_lock = threading.RLock()
_pending: dict[str, DeferredModule] = {}  # deferred packages not imported yet, by name


class DeferredModule(types.ModuleType):
    """Stands for a package not imported yet; imports it when one of its names is read."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__") and name.endswith("__") and name not in _PUBLIC_DUNDERS:
            # Introspection (``inspect``, PySide's import hook) asks for ``__wrapped__`` and the
            # like: a deferred package has none, and asking must not import it.
            raise AttributeError(name)
        return getattr(self.load(), name)

    def load(self) -> types.ModuleType:
        """The real package (imported now if need be); the stand-in then holds its names."""
        name = self.__name__
        with _lock:
            _pending.pop(name, None)
            real = sys.modules.get(name)
            if real is None or real is self:
                sys.modules.pop(name, None)
                try:
                    real = importlib.import_module(name)
                except BaseException:
                    sys.modules.setdefault(name, self)  # still deferred; the error is the caller's
                    _pending[name] = self
                    raise
            for key, value in vars(real).items():  # holders of the stand-in read them directly
                self.__dict__[key] = value
            return real


class _Finder:
    """First on ``sys.meta_path``: importing a submodule of a deferred package (``import
    asyncio.events``) imports the package first, as Python always does."""

    @staticmethod
    def find_spec(fullname: str, path: Any = None, target: Any = None) -> ModuleSpec | None:
        package = _deferred_parent(fullname)
        if package is None:
            return None
        package.load()
        module = sys.modules.get(fullname)
        if module is None:
            return None  # not imported by its package: the ordinary finders take it from here
        return importlib.util.spec_from_loader(fullname, _Existing(module))


class _Existing:
    """Loader that hands back a module its package has already imported."""

    def __init__(self, module: types.ModuleType) -> None:
        self.module = module

    def create_module(self, spec: ModuleSpec) -> types.ModuleType:
        return self.module

    def exec_module(self, module: types.ModuleType) -> None:
        pass


def _deferred_parent(fullname: str) -> DeferredModule | None:
    for name, module in list(_pending.items()):  # at most a few: cheap on every import
        if fullname.startswith(name + "."):
            return module
    return None


def _iscoroutine(obj: object) -> bool:
    """``asyncio.iscoroutine`` without importing asyncio while nothing else has."""
    real = sys.modules.get("asyncio")
    if real is not None and not isinstance(real, DeferredModule):
        return bool(real.iscoroutine(obj))
    return isinstance(obj, (types.CoroutineType, collections.abc.Coroutine))


def defer_unused_imports(names: tuple[str, ...] = UNUSED) -> list[str]:
    """Put stand-ins for those of ``names`` not imported yet; returns the names deferred."""
    deferred = []
    with _lock:
        for name in names:
            if name in sys.modules:
                continue
            spec = importlib.util.find_spec(name)
            if spec is None:
                continue
            module = DeferredModule(name)
            module.__spec__ = spec
            module.__loader__ = spec.loader
            module.__file__ = spec.origin
            if spec.submodule_search_locations is not None:
                module.__path__ = list(spec.submodule_search_locations)
            if name == "asyncio":
                module.iscoroutine = _iscoroutine
            sys.modules[name] = module
            _pending[name] = module
            parent, _, child = name.rpartition(".")
            if parent:
                setattr(sys.modules[parent], child, module)
            deferred.append(name)
        if deferred and not any(isinstance(f, _Finder) for f in sys.meta_path):
            sys.meta_path.insert(0, _Finder())
    return deferred


def is_imported(name: str) -> bool:
    """Whether the package ``name`` was really imported (not just deferred)."""
    module = sys.modules.get(name)
    return module is not None and not isinstance(module, DeferredModule)
