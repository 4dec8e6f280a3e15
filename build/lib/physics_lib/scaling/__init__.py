"""Scaling laws (:mod:`.laws`) and what a GPU cluster buys (:mod:`.cluster`), in one namespace."""

from .cluster import *  # noqa: F401,F403
from .cluster import __all__ as _cluster_all
from .laws import *  # noqa: F401,F403
from .laws import __all__ as _laws_all

__all__ = [*_laws_all, *_cluster_all]
