r"""Deployment and efficiency: crossbars needed to hold a model, and published chips in TOPS/W.

:data:`CIM_MACROS` lists published compute-in-memory results and one GPU; :func:`energy_per_operation`
turns their TOPS/W into joules; :func:`crossbar_arrays_needed` counts the arrays a model fills.
"""

from __future__ import annotations

import numpy as np

from .._validation import as_result, check_in_range, check_positive

__all__ = ["CIM_MACROS", "crossbar_arrays_needed", "energy_per_operation"]


# Published compute-in-memory results and one GPU, each with its source (bibliography key), the
# technology, the stated precision and the efficiency in TOPS/W (10^12 operations per joule,
# two operations per multiply-accumulate). "family" is analog, digital or gpu.
CIM_MACROS = [
    {"name": "IBM PCM analog-AI chip", "family": "analog", "node_nm": 14, "precision": "analog weights",
     "tops_per_watt": 12.4, "source": "ambrogio2023", "note": "chip-sustained"},
    {"name": "IMAGINE charge-domain SRAM", "family": "analog", "node_nm": 22, "precision": "8-bit",
     "tops_per_watt": 40.0, "source": "imagine2024", "note": "system level"},
    {"name": "TSMC digital SRAM CIM", "family": "digital", "node_nm": 22, "precision": "4-bit (reported)",
     "tops_per_watt": 89.0, "source": "chih2021", "note": "macro"},
    {"name": "TSMC digital SRAM CIM", "family": "digital", "node_nm": 5, "precision": "4-bit (reported)",
     "tops_per_watt": 254.0, "source": "fujiwara2022", "note": "macro"},
    {"name": "Reconfigurable digital CIM", "family": "digital", "node_nm": 28, "precision": "INT8",
     "tops_per_watt": 36.5, "source": "tu2022", "note": "macro"},
    {"name": "NVIDIA H100 SXM (BF16 dense)", "family": "gpu", "node_nm": 4, "precision": "BF16",
     "tops_per_watt": 989.0 / 700.0, "source": "nvidia2022hopper", "note": "peak over 700 W board power"},
    {"name": "NVIDIA H100 SXM (FP8 dense)", "family": "gpu", "node_nm": 4, "precision": "FP8",
     "tops_per_watt": 1979.0 / 700.0, "source": "nvidia2022hopper", "note": "peak over 700 W board power"},
]


def crossbar_arrays_needed(n_params, rows=256, cols=256, devices_per_weight=2, weight_bits=8, bits_per_device=4):
    r"""Crossbar arrays needed to hold every weight of a model in place.

    Each weight takes :math:`\lceil b_w/b_d \rceil` slices (devices of :math:`b_d` bits each) times
    ``devices_per_weight`` (2 for a differential pair):

    .. math:: n_\mathrm{arrays} = \left\lceil \frac{N\,d\,\lceil b_w/b_d\rceil}{R\,C} \right\rceil

    Parameters
    ----------
    n_params : float or array_like
        Number of weights :math:`N`, >= 1.
    rows, cols : float, optional
        Array size, >= 1 (default 256 × 256).
    devices_per_weight : float, optional
        Devices per slice of a weight, >= 1 (default 2, a differential pair).
    weight_bits : float, optional
        Bits per weight, >= 1 (default 8).
    bits_per_device : float, optional
        Bits one device stores, >= 1 (default 4, i.e. 16 levels).

    Returns
    -------
    float or ndarray
        Number of arrays (a whole number).

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is below 1 or not finite.

    References
    ----------
    .. [1] W. Wan et al., Nature 608, 504-512 (2022) (256 × 256 RRAM cores).

    Examples
    --------
    >>> crossbar_arrays_needed(7e9)
    427247.0
    """
    n = check_in_range(n_params, "n_params", 1.0, np.inf)
    r = check_in_range(rows, "rows", 1.0, np.inf)
    c = check_in_range(cols, "cols", 1.0, np.inf)
    d = check_in_range(devices_per_weight, "devices_per_weight", 1.0, np.inf)
    bw = check_in_range(weight_bits, "weight_bits", 1.0, np.inf)
    bd = check_in_range(bits_per_device, "bits_per_device", 1.0, np.inf)
    return as_result(np.ceil(n * d * np.ceil(bw / bd) / (r * c)))


def energy_per_operation(tops_per_watt):
    r"""Energy per operation from an efficiency in TOPS/W.

    .. math:: E_\mathrm{op} = \frac{1}{\eta \times 10^{12}}\ \mathrm{J},
              \qquad E_\mathrm{MAC} = 2E_\mathrm{op}

    (1 TOPS/W = 10¹² operations per second per watt = 10¹² operations per joule; a multiply-accumulate
    counts as two operations.)

    Parameters
    ----------
    tops_per_watt : float or array_like
        Efficiency :math:`\eta` in TOPS/W, > 0.

    Returns
    -------
    float or ndarray
        Energy per operation, J.

    Raises
    ------
    TypeError
        If the argument is not a real number or array of numbers.
    ValueError
        If it is not finite and > 0.

    Examples
    --------
    >>> round(energy_per_operation(12.4) / 1e-15, 1)
    80.6
    """
    eta = check_positive(tops_per_watt, "tops_per_watt")
    return as_result(1.0 / (eta * 1e12))
