r"""Energy of arithmetic against data movement, from Horowitz's 45 nm table.

Horowitz's table (:data:`HOROWITZ_45NM`, :func:`operation_energy`), integer multiply-accumulate
energy against precision (:func:`mac_energy`), the energy per bit of each memory level
(:data:`MEMORY_LEVELS`, :func:`memory_energy_per_bit`), the energy of a matrix-vector product on a
conventional chip as arithmetic plus data movement (:func:`mvm_energy`) and the weight reuse at
which they are equal (:func:`crossover_reuse`); first-order scaling to other nodes
(:func:`scale_to_node`).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy import constants

from .._validation import as_result, check_count, check_in_range, check_positive

__all__ = [
    "HOROWITZ_45NM",
    "MEMORY_LEVELS",
    "operation_energy",
    "mac_energy",
    "memory_energy_per_bit",
    "MVMEnergy",
    "mvm_energy",
    "crossover_reuse",
    "scale_to_node",
]


PICO = constants.pico

# Horowitz, ISSCC 2014, energy per operation at 45 nm and 0.9 V, in pJ. Arithmetic and the 64-bit
# cache and DRAM accesses as transcribed from his table; the 32-bit SRAM (8 KB) and DRAM reads as
# tabulated by Han et al. (NeurIPS 2015, Fig. 1) from the same source.
HOROWITZ_45NM = {
    "int8_add": 0.03,
    "int32_add": 0.1,
    "int8_mult": 0.2,
    "int32_mult": 3.1,
    "fp16_add": 0.4,
    "fp32_add": 0.9,
    "fp16_mult": 1.1,
    "fp32_mult": 3.7,
    "regfile32_read": 1.0,
    "sram32_8kb_read": 5.0,
    "cache64_8kb": 10.0,
    "cache64_32kb": 20.0,
    "cache64_1mb": 100.0,
    "dram32_read": 640.0,
    "dram64_low": 1300.0,
    "dram64_high": 2600.0,
}

# Energy per bit of each memory level (pJ/bit), from the 64-bit rows of the table; DRAM at the
# middle of Horowitz's 1.3-2.6 nJ range.
MEMORY_LEVELS = {
    "sram_8kb": HOROWITZ_45NM["cache64_8kb"] / 64,
    "sram_32kb": HOROWITZ_45NM["cache64_32kb"] / 64,
    "sram_1mb": HOROWITZ_45NM["cache64_1mb"] / 64,
    "dram": 0.5 * (HOROWITZ_45NM["dram64_low"] + HOROWITZ_45NM["dram64_high"]) / 64,
}


# Interpolation of Horowitz's 8- and 32-bit integer rows by power laws E = E_8 (b/8)^p.
_MULT_EXPONENT = math.log(HOROWITZ_45NM["int32_mult"] / HOROWITZ_45NM["int8_mult"]) / math.log(4.0)
_ADD_EXPONENT = math.log(HOROWITZ_45NM["int32_add"] / HOROWITZ_45NM["int8_add"]) / math.log(4.0)


def _check_option(value, name: str, options) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {sorted(options)}, got {value!r}")
    if value not in options:
        raise ValueError(f"{name} must be one of {sorted(options)}, got {value!r}")
    return value


def _check_bits(value, name: str, high: float = 64.0) -> np.ndarray:
    return check_in_range(value, name, 1.0, high)


def operation_energy(operation: str):
    r"""Energy of one operation or memory access at 45 nm, 0.9 V, from Horowitz's table.

    .. math:: E = E_\mathrm{table}[\text{operation}] \times 10^{-12}\ \mathrm{J}

    Parameters
    ----------
    operation : str
        A key of :data:`HOROWITZ_45NM`: ``"int8_add"``, ``"int32_mult"``, ``"fp16_mult"``,
        ``"cache64_8kb"`` (a 64-bit read from an 8 KB cache), ``"dram64_low"``/``"dram64_high"``
        (the ends of the 1.3-2.6 nJ range for a 64-bit DRAM access), ...

    Returns
    -------
    float
        Energy in joules.

    Raises
    ------
    TypeError
        If ``operation`` is not a string.
    ValueError
        If it is not a key of the table.

    References
    ----------
    .. [1] M. Horowitz, "Computing's energy problem (and what we can do about it)", ISSCC 2014,
       pp. 10-14, energy table (45 nm, 0.9 V).
    .. [2] S. Han et al., "Learning both weights and connections for efficient neural networks",
       NeurIPS 2015, Fig. 1 (32-bit SRAM and DRAM reads from [1]).

    Examples
    --------
    A 32-bit DRAM read costs 200 times a 32-bit multiply:

    >>> round(operation_energy("dram32_read") / operation_energy("int32_mult"))
    206
    """
    return HOROWITZ_45NM[_check_option(operation, "operation", HOROWITZ_45NM)] * PICO


def mac_energy(bits):
    r"""Energy of one integer multiply-accumulate at ``bits`` precision (45 nm, 0.9 V).

    The multiply and the add are interpolated between Horowitz's 8- and 32-bit rows by power laws,

    .. math:: E_\mathrm{MAC}(b) = 0.2\,\mathrm{pJ}\left(\frac{b}{8}\right)^{p_\times}
              + 0.03\,\mathrm{pJ}\left(\frac{b}{8}\right)^{p_+},
              \quad p_\times = \log_4\frac{3.1}{0.2} = 1.98,\ p_+ = \log_4\frac{0.1}{0.03} = 0.87,

    which reproduce the table at 8 and 32 bits (an array multiplier grows as :math:`b^2`, a
    ripple adder as :math:`b`).

    Parameters
    ----------
    bits : float or array_like
        Operand width in bits, in [1, 64].

    Returns
    -------
    float or ndarray
        Energy in joules.

    Raises
    ------
    TypeError
        If ``bits`` is not a real number or array of numbers.
    ValueError
        If ``bits`` is outside [1, 64] or not finite.

    References
    ----------
    .. [1] M. Horowitz, ISSCC 2014 (see :func:`operation_energy`).

    Examples
    --------
    >>> round(mac_energy(8) / 1e-12, 3), round(mac_energy(32) / 1e-12, 3)
    (0.23, 3.2)
    """
    b = _check_bits(bits, "bits") / 8.0
    return as_result(PICO * (HOROWITZ_45NM["int8_mult"] * b**_MULT_EXPONENT + HOROWITZ_45NM["int8_add"] * b**_ADD_EXPONENT))


def memory_energy_per_bit(memory: str = "dram"):
    r"""Energy to read one bit from a memory level (45 nm), from the 64-bit rows of Horowitz's table.

    .. math:: e = E_{64}/64

    ``"sram_8kb"``: 10 pJ/64; ``"sram_32kb"``: 20 pJ/64; ``"sram_1mb"``: 100 pJ/64; ``"dram"``: the
    middle of 1.3-2.6 nJ per 64 bits, 30.5 pJ/bit.

    Parameters
    ----------
    memory : str
        A key of :data:`MEMORY_LEVELS`.

    Returns
    -------
    float
        Energy per bit in joules.

    Raises
    ------
    TypeError
        If ``memory`` is not a string.
    ValueError
        If it is not a key of :data:`MEMORY_LEVELS`.

    References
    ----------
    .. [1] M. Horowitz, ISSCC 2014 (see :func:`operation_energy`).

    Examples
    --------
    >>> round(memory_energy_per_bit("dram") / 1e-12, 1)
    30.5
    """
    return MEMORY_LEVELS[_check_option(memory, "memory", MEMORY_LEVELS)] * PICO


class MVMEnergy(NamedTuple):
    """Energy of a batch of matrix-vector products (J): its parts and their sum."""

    arithmetic: float | np.ndarray
    weights: float | np.ndarray
    activations: float | np.ndarray
    total: float | np.ndarray


def mvm_energy(rows, cols, bits=8, memory: str = "dram", batch=1):
    r"""Energy of ``batch`` matrix-vector products :math:`y = Wx` on a conventional chip.

    The weight matrix (``rows`` × ``cols``) is read once from ``memory`` and used for the whole
    batch; inputs and outputs go through an 8 KB SRAM:

    .. math:: E = \underbrace{R C B\, E_\mathrm{MAC}(b)}_{\text{arithmetic}}
              + \underbrace{R C\, b\, e_\mathrm{mem}}_{\text{weights}}
              + \underbrace{B (R + C)\, b\, e_\mathrm{SRAM}}_{\text{activations}}

    with :math:`R` rows, :math:`C` columns, batch :math:`B`, :math:`b` bits per number.

    Parameters
    ----------
    rows, cols : float or array_like
        Matrix shape, whole numbers >= 1.
    bits : float or array_like, optional
        Precision of weights, inputs and arithmetic, in [1, 64] (default 8).
    memory : str, optional
        Where the weights come from: a key of :data:`MEMORY_LEVELS` (default ``"dram"``).
    batch : float or array_like, optional
        Input vectors that share one read of the weights, >= 1 (default 1).

    Returns
    -------
    MVMEnergy
        ``arithmetic``, ``weights``, ``activations`` and ``total``, in joules.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If a count is not a whole number >= 1, ``bits`` is outside [1, 64], or ``memory`` is unknown.

    References
    ----------
    .. [1] M. Horowitz, ISSCC 2014 (see :func:`operation_energy`).

    Examples
    --------
    A 4096 × 4096 layer in 8 bits at batch 1: fetching the weights from DRAM costs a thousand times
    the arithmetic.

    >>> e = mvm_energy(4096, 4096, 8, "dram")
    >>> round(e.weights / e.arithmetic)
    1060
    """
    r = check_count(rows, "rows")
    c = check_count(cols, "cols")
    b = _check_bits(bits, "bits")
    e_mem = memory_energy_per_bit(memory)
    n = check_count(batch, "batch")
    arithmetic = r * c * n * mac_energy(b)
    weights = r * c * b * e_mem
    activations = n * (r + c) * b * MEMORY_LEVELS["sram_8kb"] * PICO
    total = arithmetic + weights + activations
    return MVMEnergy(*(as_result(x) for x in (arithmetic, weights, activations, total)))


def crossover_reuse(bits=8, memory: str = "dram"):
    r"""Uses of each fetched weight at which moving it costs as much as the arithmetic on it.

    .. math:: B^\ast = \frac{b\, e_\mathrm{mem}}{E_\mathrm{MAC}(b)}

    Below :math:`B^\ast` uses per fetch (batch size, or arithmetic intensity in MAC per weight)
    data movement dominates the energy; the roofline's ridge point is the same idea for time.

    Parameters
    ----------
    bits : float or array_like, optional
        Precision in bits, in [1, 64] (default 8).
    memory : str, optional
        A key of :data:`MEMORY_LEVELS` (default ``"dram"``).

    Returns
    -------
    float or ndarray
        Dimensionless reuse factor.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``bits`` is outside [1, 64] or ``memory`` is unknown.

    References
    ----------
    .. [1] M. Horowitz, ISSCC 2014 (see :func:`operation_energy`).

    Examples
    --------
    >>> round(crossover_reuse(8, "dram")), round(crossover_reuse(8, "sram_8kb"), 1)
    (1060, 5.4)
    """
    b = _check_bits(bits, "bits")
    return as_result(b * memory_energy_per_bit(memory) / mac_energy(b))


def scale_to_node(energy, node_from=45.0, node_to=7.0, vdd_from=0.9, vdd_to=0.75):
    r"""First-order (constant-field) scaling of a switching energy to another technology node.

    .. math:: E' = E\,\frac{L'}{L}\left(\frac{V'}{V}\right)^2

    The energy :math:`CV^2` of charging a gate scales with the capacitance (proportional to the
    feature size :math:`L`) and the square of the supply :math:`V`. Measured scaling is slower than
    this ideal below about 28 nm (Stillmaker & Baas 2017 fit it node by node), and the energy of
    wires and off-chip links falls much less than that of logic, so data movement weighs more, not
    less, at newer nodes.

    Parameters
    ----------
    energy : float or array_like
        Energy at the original node, J, > 0.
    node_from, node_to : float or array_like, optional
        Feature sizes in nm, > 0 (defaults 45 and 7).
    vdd_from, vdd_to : float or array_like, optional
        Supply voltages in V, > 0 (defaults 0.9 and 0.75).

    Returns
    -------
    float or ndarray
        Scaled energy, J.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] R. H. Dennard et al., "Design of ion-implanted MOSFET's with very small physical
       dimensions", IEEE JSSC 9(5), 256-268 (1974).
    .. [2] A. Stillmaker and B. Baas, "Scaling equations for the accurate prediction of CMOS
       device performance from 180 nm to 7 nm", Integration 58, 74-81 (2017).

    Examples
    --------
    >>> round(scale_to_node(0.2e-12, 45, 7, 0.9, 0.75) / 1e-12, 4)
    0.0216
    """
    e = check_positive(energy, "energy")
    lf = check_positive(node_from, "node_from")
    lt = check_positive(node_to, "node_to")
    vf = check_positive(vdd_from, "vdd_from")
    vt = check_positive(vdd_to, "vdd_to")
    return as_result(e * (lt / lf) * (vt / vf) ** 2)
