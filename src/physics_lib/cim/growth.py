r"""The memory wall as growth rates: total growth over a span of years, and doubling times."""

from __future__ import annotations

import math

import numpy as np

from .._validation import as_result, check_finite, check_nonnegative, check_positive

__all__ = ["growth_factor", "doubling_time"]


def growth_factor(factor_per_period, years, period=2.0):
    r"""Total growth after ``years`` at ``factor_per_period`` every ``period`` years.

    .. math:: F = f^{\,t/T}

    Parameters
    ----------
    factor_per_period : float or array_like
        Growth factor :math:`f` per period, > 0 (e.g. 3.0 for "3.0× every two years").
    years : float or array_like
        Elapsed time :math:`t` in years, >= 0.
    period : float or array_like, optional
        Period :math:`T` in years, > 0 (default 2).

    Returns
    -------
    float or ndarray
        Total factor.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``factor_per_period`` or ``period`` is not > 0, or ``years`` is negative.

    References
    ----------
    .. [1] A. Gholami et al., "AI and Memory Wall", IEEE Micro 44(3), 33-39 (2024): peak FLOP/s
       3.0×, DRAM bandwidth 1.6× and interconnect bandwidth 1.4× every two years over 20 years.

    Examples
    --------
    >>> round(growth_factor(3.0, 20)), round(growth_factor(1.6, 20)), round(growth_factor(1.4, 20))
    (59049, 110, 29)
    """
    f = check_positive(factor_per_period, "factor_per_period")
    t = check_nonnegative(years, "years")
    p = check_positive(period, "period")
    return as_result(f ** (t / p))


def doubling_time(factor, years):
    r"""Doubling time implied by growth by ``factor`` over ``years``.

    .. math:: T_2 = \frac{t \ln 2}{\ln F}

    Parameters
    ----------
    factor : float or array_like
        Total growth :math:`F`, > 1.
    years : float or array_like
        Elapsed time :math:`t`, years, > 0.

    Returns
    -------
    float or ndarray
        Doubling time in years.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``factor`` is not > 1 or ``years`` is not > 0.

    References
    ----------
    .. [1] D. Amodei and D. Hernandez, "AI and Compute", OpenAI (2018): 300,000× since 2012 with a
       3.4-month doubling time.

    Examples
    --------
    "400,000× in ten years" is a doubling every 6.4 months:

    >>> round(12 * doubling_time(4e5, 10), 1)
    6.4
    """
    f = check_finite(factor, "factor")
    if np.any(f <= 1):
        raise ValueError(f"factor must be > 1, got min {f.min():g}")
    t = check_positive(years, "years")
    return as_result(t * math.log(2.0) / np.log(f))
