"""Argument checks shared by every physics module.

Each checker converts its input to a float (or complex) numpy array, checks it, and raises a
``TypeError`` or ``ValueError`` whose message names the argument and the allowed range, so a
reader who passes a bad value learns which one and why.  Scalars stay 0-d arrays; callers that
want a Python float back use :func:`as_result`.
"""

from __future__ import annotations

import numbers

import numpy as np

__all__ = [
    "as_result",
    "check_finite",
    "check_positive",
    "check_nonnegative",
    "check_in_range",
    "check_integer",
    "check_count",
    "check_complex_signal",
    "check_same_length",
]


def _as_float_array(value, name: str) -> np.ndarray:
    if isinstance(value, (str, bytes)) or value is None or isinstance(value, bool):
        raise TypeError(f"{name} must be a real number or array of numbers, got {type(value).__name__}")
    try:
        array = np.asarray(value)
    except Exception as error:  # ragged lists and other non-numeric objects
        raise TypeError(f"{name} must be a real number or array of numbers") from error
    if array.dtype == bool or not (np.issubdtype(array.dtype, np.number)):
        raise TypeError(f"{name} must be a real number or array of numbers, got dtype {array.dtype}")
    if np.iscomplexobj(array):
        raise TypeError(f"{name} must be real, got a complex value")
    return array.astype(float)


def check_finite(value, name: str) -> np.ndarray:
    """Return ``value`` as a float array, raising if any element is NaN or infinite."""
    array = _as_float_array(value, name)
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    return array


def check_positive(value, name: str) -> np.ndarray:
    """Return ``value`` as a float array, raising unless every element is finite and > 0."""
    array = check_finite(value, name)
    if np.any(array <= 0):
        raise ValueError(f"{name} must be > 0, got min {array.min():g}")
    return array


def check_nonnegative(value, name: str) -> np.ndarray:
    """Return ``value`` as a float array, raising unless every element is finite and >= 0."""
    array = check_finite(value, name)
    if np.any(array < 0):
        raise ValueError(f"{name} must be >= 0, got min {array.min():g}")
    return array


def check_in_range(value, name: str, low: float, high: float, *, low_open=False, high_open=False):
    """Return ``value`` as a float array, raising unless it lies in the interval [low, high].

    ``low_open``/``high_open`` exclude the end points, e.g. MFU in (0, 1].
    """
    array = check_finite(value, name)
    below = array <= low if low_open else array < low
    above = array >= high if high_open else array > high
    if np.any(below) or np.any(above):
        interval = f"{'(' if low_open else '['}{low:g}, {high:g}{')' if high_open else ']'}"
        raise ValueError(f"{name} must lie in {interval}, got {array.min():g} .. {array.max():g}")
    return array


def check_integer(value, name: str, minimum: int | None = None) -> int:
    """Return ``value`` as a Python int, raising unless it is an integer >= ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        if isinstance(value, (float, np.floating)) and float(value).is_integer():
            value = int(value)
        else:
            raise TypeError(f"{name} must be an integer, got {value!r}")
    value = int(value)
    if minimum is not None and value < minimum:
        raise ValueError(f"{name} must be an integer >= {minimum}, got {value}")
    return value


def check_count(value, name: str) -> np.ndarray:
    """Return a count (GPUs, batch size, rows) as a float array, raising unless it is a whole number >= 1."""
    array = check_finite(value, name)
    if np.any(array < 1):
        raise ValueError(f"{name} must be >= 1, got min {array.min():g}")
    if np.any(array != np.round(array)):
        raise ValueError(f"{name} must be a whole number, got {array[array != np.round(array)].flat[0]:g}")
    return array


def check_complex_signal(value, name: str, min_length: int = 1) -> np.ndarray:
    """Return a 1-D complex baseband signal, raising if it is empty, not 1-D, real or not finite."""
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a 1-D complex array, got {type(value).__name__}")
    array = np.asarray(value)
    if not np.iscomplexobj(array):
        raise TypeError(f"{name} must be a complex baseband signal (I + jQ), got dtype {array.dtype}")
    if array.ndim != 1:
        raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    if array.size < min_length:
        raise ValueError(f"{name} must hold at least {min_length} samples, got {array.size}")
    if not np.all(np.isfinite(array)):
        raise ValueError(f"{name} must be finite (no NaN or inf)")
    return array.astype(complex)


def check_same_length(**arrays) -> int:
    """Raise unless every keyword array has the same length; return that length."""
    lengths = {name: len(np.atleast_1d(array)) for name, array in arrays.items()}
    if len(set(lengths.values())) > 1:
        shown = ", ".join(f"{name}={length}" for name, length in lengths.items())
        raise ValueError(f"arrays must have the same length, got {shown}")
    return next(iter(lengths.values()))


def as_result(array: np.ndarray):
    """Return a Python float for a 0-d array, the array itself otherwise."""
    array = np.asarray(array)
    return array.item() if array.ndim == 0 else array
