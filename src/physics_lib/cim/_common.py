"""Argument checks shared by the crossbar and its non-idealities."""

from __future__ import annotations

import numpy as np

from .._validation import check_finite


def _check_matrix(value, name: str) -> np.ndarray:
    array = check_finite(value, name)
    if array.ndim != 2 or array.shape[0] < 1 or array.shape[1] < 1:
        raise ValueError(f"{name} must be a non-empty 2-D array, got shape {array.shape}")
    return array
