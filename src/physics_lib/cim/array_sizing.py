r"""The energy and size of an analog array: energy per MAC, and the rows the ADC and IR drop allow.

:func:`cim_mac_energy` shares one conversion per column and one driver per row over the array;
:func:`lossless_rows` and :func:`max_rows_for_ir_drop` bound the array size from the ADC's
resolution and from the IR drop, and :func:`optimal_array_size` takes the smaller.
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np

from .._validation import as_result, check_in_range, check_integer, check_nonnegative, check_positive
from .converters import adc_energy, adc_thermal_limit

__all__ = ["CIMEnergy", "cim_mac_energy", "lossless_rows", "max_rows_for_ir_drop", "optimal_array_size"]


class CIMEnergy(NamedTuple):
    """Energy per multiply-accumulate of an analog array (J): its parts and their sum."""

    adc: float | np.ndarray
    driver: float | np.ndarray
    cell: float | np.ndarray
    total: float | np.ndarray


def cim_mac_energy(rows, adc_bits, walden_fom, cell_energy=1e-15, driver_energy=50e-15, temperature=300.0):
    r"""Energy per multiply-accumulate of an analog crossbar of ``rows`` × ``rows`` devices.

    One conversion per column serves the :math:`N` MACs of that column; one driver (DAC) per row
    serves the :math:`N` MACs of that row; each device dissipates :math:`E_\mathrm{cell}` per read:

    .. math:: E_\mathrm{MAC} = \frac{\max\!\left(\mathrm{FOM_W}2^{B},\ 12kT\,4^{B}\right)}{N}
              + \frac{E_\mathrm{drv}}{N} + E_\mathrm{cell}.

    Parameters
    ----------
    rows : float or array_like
        Array size :math:`N` (square array), >= 1.
    adc_bits : float or array_like
        ADC resolution :math:`B`, in [1, 24].
    walden_fom : float or array_like
        Walden figure of merit, J per conversion step, > 0.
    cell_energy : float or array_like, optional
        Energy per device read, J, >= 0 (default 1 fJ: 10 µS at 0.1 V for 10 ns).
    driver_energy : float or array_like, optional
        Energy per row activation (DAC and line driver), J, >= 0 (default 50 fJ, an assumption).
    temperature : float or array_like, optional
        Temperature in K, > 0 (default 300).

    Returns
    -------
    CIMEnergy
        ``adc``, ``driver``, ``cell`` and ``total``, J per MAC.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is outside its range.

    References
    ----------
    .. [1] B. Murmann, ADC Performance Survey (see :func:`adc_energy`).
    .. [2] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020).

    Examples
    --------
    A 256 × 256 array with 8-bit ADCs at 20 fJ/step: the ADC takes most of the energy.

    >>> e = cim_mac_energy(256, 8, 20e-15)
    >>> round(e.total / 1e-15, 2), round(e.adc / e.total, 2)
    (21.2, 0.94)
    """
    n = check_in_range(rows, "rows", 1.0, np.inf)
    b = check_in_range(adc_bits, "adc_bits", 1.0, 24.0)
    conversion = np.maximum(adc_energy(b, walden_fom), adc_thermal_limit(b, temperature))
    cell = check_nonnegative(cell_energy, "cell_energy")
    drv = check_nonnegative(driver_energy, "driver_energy")
    adc = conversion / n
    driver = drv / n
    total = adc + driver + cell
    return CIMEnergy(*(as_result(np.broadcast_to(x, np.shape(total)) * 1.0) for x in (adc, driver, cell, total)))


def lossless_rows(adc_bits, input_bits=1, weight_bits=1):
    r"""Largest number of rows whose column sum an ADC of ``adc_bits`` bits resolves exactly.

    A column of :math:`N` products of :math:`b_x`-bit inputs and :math:`b_w`-bit weights (unsigned
    slices) takes :math:`N(2^{b_x}-1)(2^{b_w}-1) + 1` values; a :math:`B`-bit ADC has :math:`2^B`
    codes, so

    .. math:: N_\mathrm{max} = \left\lfloor \frac{2^B - 1}{(2^{b_x}-1)(2^{b_w}-1)} \right\rfloor .

    Parameters
    ----------
    adc_bits : int
        ADC resolution :math:`B`, >= 1.
    input_bits, weight_bits : int, optional
        Bits per input slice and per weight slice, >= 1 (default 1: bit-serial inputs, binary cells).

    Returns
    -------
    int
        Rows (0 if not even one product fits).

    Raises
    ------
    TypeError
        If an argument is not an integer.
    ValueError
        If an argument is below 1.

    References
    ----------
    .. [1] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020).

    Examples
    --------
    >>> lossless_rows(8), lossless_rows(8, 1, 4)
    (255, 17)
    """
    b = check_integer(adc_bits, "adc_bits", minimum=1)
    bx = check_integer(input_bits, "input_bits", minimum=1)
    bw = check_integer(weight_bits, "weight_bits", minimum=1)
    return (2**b - 1) // ((2**bx - 1) * (2**bw - 1))


def max_rows_for_ir_drop(adc_bits, conductance, wire_resistance):
    r"""Largest square array whose IR-drop error stays below half an LSB of a ``adc_bits`` ADC.

    Setting :func:`ir_drop_error_estimate` with :math:`R = C = N` equal to :math:`2^{-(B+1)}`:

    .. math:: \frac{rG}{3}(N+1)(2N+1) = 2^{-(B+1)}
              \quad\Rightarrow\quad
              N = \frac{-3 + \sqrt{1 + 8\,(1 + 3\cdot2^{-(B+1)}/(rG))}}{4} \approx \sqrt{\frac{3}{2^{B+2}\,rG}} .

    Parameters
    ----------
    adc_bits : float or array_like
        Resolution :math:`B` in bits, in [1, 24].
    conductance : float or array_like
        Device conductance :math:`G`, S, > 0.
    wire_resistance : float or array_like
        Resistance per wire segment :math:`r`, Ω, > 0.

    Returns
    -------
    float or ndarray
        :math:`N` (not rounded).

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is outside its range.

    References
    ----------
    .. [1] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020) (IR drop in crossbars).

    Examples
    --------
    >>> round(max_rows_for_ir_drop(8, 1e-6, 1.0), 1)
    53.4
    """
    b = check_in_range(adc_bits, "adc_bits", 1.0, 24.0)
    g = check_positive(conductance, "conductance")
    r = check_positive(wire_resistance, "wire_resistance")
    budget = 3.0 * 2.0 ** (-(b + 1)) / (r * g)
    return as_result((-3.0 + np.sqrt(1.0 + 8.0 * budget)) / 4.0)


def optimal_array_size(adc_bits, conductance, wire_resistance, input_bits=1, weight_bits=1):
    r"""Largest array that both the ADC resolution and the IR drop allow.

    .. math:: N^\ast(B) = \min\left(N_\mathrm{lossless}(B),\ \lfloor N_\mathrm{IR}(B) \rfloor\right)

    Energy per MAC falls as :math:`1/N` (:func:`cim_mac_energy`), so the best array is the largest
    one that still computes correctly: :math:`N_\mathrm{lossless}` grows as :math:`2^B`, while the
    IR-drop limit shrinks as :math:`2^{-B/2}`; their crossing sets the best ADC resolution too.

    Parameters
    ----------
    adc_bits : int
        ADC resolution, in [1, 24].
    conductance : float
        Device conductance, S, > 0.
    wire_resistance : float
        Resistance per wire segment, Ω, > 0.
    input_bits, weight_bits : int, optional
        Bits per input and weight slice, >= 1 (default 1).

    Returns
    -------
    int
        Rows (and columns) of the array.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is outside its range.

    References
    ----------
    .. [1] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020).

    Examples
    --------
    >>> [optimal_array_size(b, 1e-6, 1.0) for b in (5, 6, 7, 8)]
    [31, 63, 75, 53]
    """
    b = check_integer(adc_bits, "adc_bits", minimum=1)
    if b > 24:
        raise ValueError(f"adc_bits must be <= 24, got {b}")
    ir = max_rows_for_ir_drop(b, conductance, wire_resistance)
    return int(min(lossless_rows(b, input_bits, weight_bits), math.floor(ir)))
