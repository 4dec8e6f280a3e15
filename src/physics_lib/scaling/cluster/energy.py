r"""Energy and cost of a run: accelerator power, PUE and the price of a kilowatt-hour.

Energy prices are per kilowatt-hour (1 kWh = 3.6 MJ), the unit on every electricity bill;
:func:`energy_cost` converts.
"""

from __future__ import annotations

import numpy as np
from scipy import constants

from ..._validation import as_result, check_count, check_finite, check_nonnegative, check_positive

__all__ = ["training_energy", "energy_cost"]


KILOWATT_HOUR = constants.kilo * constants.hour  # J, 3.6e6


def training_energy(n_gpus, gpu_power, duration, pue=1.0):
    r"""Facility energy of a run: IT power of the accelerators times time, scaled by the PUE.

    .. math:: E = \mathrm{PUE}\cdot n\,P_\mathrm{GPU}\,t

    Power usage effectiveness is total facility energy divided by IT equipment energy (ideal 1;
    cooling, power conversion and lighting make it larger).  ``gpu_power`` is the average IT power
    attributed to one accelerator; include its share of host CPUs, memory and network if known.

    Parameters
    ----------
    n_gpus : float or array_like
        Number of accelerators, a whole number >= 1.
    gpu_power : float or array_like
        Average IT power per accelerator, W, > 0.
    duration : float or array_like
        Run time, s, > 0.
    pue : float or array_like, optional
        Power usage effectiveness, >= 1 (default 1.0: IT energy only).

    Returns
    -------
    float or ndarray
        Energy in joules.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``gpu_power`` or ``duration`` is not finite and > 0, ``n_gpus`` is not a whole
        number >= 1, or ``pue`` < 1.

    References
    ----------
    .. [1] The Green Grid, "PUE: A Comprehensive Examination of the Metric", White Paper #49
       (2012); ISO/IEC 30134-2:2016.
    .. [2] H. Touvron et al., arXiv:2302.13971 (2023), carbon-footprint section (400 W per A100, PUE 1.1).

    Examples
    --------
    10,000 accelerators at 1 kW for a year (365.25 days), PUE 1.04, in gigawatt-hours:

    >>> round(training_energy(10_000, 1000.0, 365.25 * 86400, pue=1.04) / 3.6e12, 1)
    91.2
    """
    n = check_count(n_gpus, "n_gpus")
    power = check_positive(gpu_power, "gpu_power")
    t = check_positive(duration, "duration")
    eff = check_finite(pue, "pue")
    if np.any(eff < 1):
        raise ValueError(f"pue must be >= 1 (total facility energy / IT energy), got min {eff.min():g}")
    return as_result(eff * n * power * t)


def energy_cost(energy, price_per_kwh):
    r"""Cost of ``energy`` joules at ``price_per_kwh`` currency units per kilowatt-hour.

    .. math:: \mathrm{cost} = \frac{E}{3.6\times 10^{6}\ \mathrm{J/kWh}}\;p

    Parameters
    ----------
    energy : float or array_like
        Energy in joules, >= 0.
    price_per_kwh : float or array_like
        Electricity price per kWh, >= 0 (any currency).

    Returns
    -------
    float or ndarray
        Cost in the currency of ``price_per_kwh``.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is negative or not finite.

    References
    ----------
    .. [1] 1 kWh = 10³ W × 3600 s (``scipy.constants.kilo * scipy.constants.hour``).

    Examples
    --------
    One gigawatt-hour at 0.08 per kWh:

    >>> round(energy_cost(3.6e12, 0.08))
    80000
    """
    e = check_nonnegative(energy, "energy")
    price = check_nonnegative(price_per_kwh, "price_per_kwh")
    return as_result(e / KILOWATT_HOUR * price)
