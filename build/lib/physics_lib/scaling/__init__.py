"""Scaling laws (:mod:`.laws`), what a GPU cluster buys (:mod:`.cluster`) and training and serving
at scale (:mod:`.at_scale`), in one namespace."""

from .at_scale import *  # noqa: F401,F403
from .at_scale import __all__ as _at_scale_all
from .cluster import *  # noqa: F401,F403
from .cluster import __all__ as _cluster_all
from .laws import *  # noqa: F401,F403
from .laws import __all__ as _laws_all

__all__ = [*_laws_all, *_cluster_all, *_at_scale_all]
