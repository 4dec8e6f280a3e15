"""The utilisation check shared by the training-time and data-parallel modules."""

from __future__ import annotations

import numpy as np

from ..._validation import check_in_range


def _check_mfu(value, name: str = "mfu") -> np.ndarray:
    return check_in_range(value, name, 0.0, 1.0, low_open=True)
