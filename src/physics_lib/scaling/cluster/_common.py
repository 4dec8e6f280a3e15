"""Argument checks shared by the cluster modules (and by :mod:`physics_lib.scaling.at_scale`)."""

from __future__ import annotations

import numpy as np

from ..._validation import check_finite, check_in_range


def _check_count(value, name: str) -> np.ndarray:
    """A count (GPUs, batch size): finite, integer-valued and >= 1, scalar or array."""
    array = check_finite(value, name)
    if np.any(array < 1):
        raise ValueError(f"{name} must be >= 1, got min {array.min():g}")
    if np.any(array != np.round(array)):
        raise ValueError(f"{name} must be a whole number, got {array[array != np.round(array)].flat[0]:g}")
    return array


def _check_mfu(value, name: str = "mfu") -> np.ndarray:
    return check_in_range(value, name, 0.0, 1.0, low_open=True)
