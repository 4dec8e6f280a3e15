"""Figures and widget panels built on :mod:`physics_lib` (matplotlib + ipywidgets)."""

from __future__ import annotations

import importlib
import pkgutil


def panel_factories() -> dict:
    """Every panel factory of the book: ``{"<module>.<name>_panel": callable}``.

    A factory is a public function whose name ends in ``_panel`` and that returns a
    :class:`~physics_lib.interactive.panel.Panel` when called with no arguments. The benchmark and
    the reliability tests drive all of them, so a new panel is measured and tested automatically.
    """
    factories = {}
    for module_info in pkgutil.iter_modules(__path__):
        if module_info.name == "panel":
            continue
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for name in getattr(module, "__all__", []):
            if name.endswith("_panel"):
                factories[f"{module_info.name}.{name}"] = getattr(module, name)
    return dict(sorted(factories.items()))
