r"""The memory wall and compute-in-memory: what moving a weight costs, and computing where it lies.

Four pieces of physics, each a few functions:

1. **Energy of arithmetic against data movement.** Horowitz's 45 nm table
   (:data:`HOROWITZ_45NM`, :func:`operation_energy`), integer multiply-accumulate energy against
   precision (:func:`mac_energy`), the energy of a matrix-vector product on a conventional chip as
   arithmetic plus data movement (:func:`mvm_energy`) and the weight reuse at which they are equal
   (:func:`crossover_reuse`); first-order scaling to other nodes (:func:`scale_to_node`); the memory
   wall as growth rates (:func:`growth_factor`, :func:`doubling_time`).
2. **The analog crossbar.** Ohm multiplies and Kirchhoff adds: :func:`crossbar_mvm` gives the column
   currents :math:`I_j = \sum_i G_{ij} V_i`, exactly for ideal wires and by nodal analysis (a sparse
   linear system) when the wires have resistance; :func:`ir_drop_error_estimate` is the first-order
   error of an array whose devices are all on.
3. **Non-idealities.** Differential conductance pairs with a finite number of levels
   (:func:`weights_to_conductances`), device-to-device variation, read noise and a finite ADC, all
   in :func:`analog_matvec`, which runs a layer of a neural network on a simulated crossbar.
4. **Converters.** ADC energy from the Walden figure of merit (:func:`adc_energy`), the thermal-noise
   floor (:func:`adc_thermal_limit`), energy per MAC of a whole array (:func:`cim_mac_energy`), and
   the array size the ADC and the IR drop allow (:func:`lossless_rows`, :func:`max_rows_for_ir_drop`,
   :func:`optimal_array_size`); deployment of a model on crossbars (:func:`crossbar_arrays_needed`)
   and efficiency figures (:func:`energy_per_operation`).

Units are SI: joules, siemens, volts, amperes, ohms. Published tables quote picojoules
(1 pJ = 10⁻¹² J) and TOPS/W (10¹² operations per joule; one multiply-accumulate counts as two
operations).
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from scipy import constants, sparse
from scipy.sparse.linalg import spsolve

from ._validation import as_result, check_finite, check_in_range, check_integer, check_nonnegative, check_positive

__all__ = [
    "HOROWITZ_45NM",
    "MEMORY_LEVELS",
    "CIM_MACROS",
    "operation_energy",
    "mac_energy",
    "memory_energy_per_bit",
    "MVMEnergy",
    "mvm_energy",
    "crossover_reuse",
    "scale_to_node",
    "growth_factor",
    "doubling_time",
    "crossbar_mvm",
    "ir_drop_error_estimate",
    "weights_to_conductances",
    "analog_matvec",
    "adc_energy",
    "adc_thermal_limit",
    "CIMEnergy",
    "cim_mac_energy",
    "lossless_rows",
    "max_rows_for_ir_drop",
    "optimal_array_size",
    "crossbar_arrays_needed",
    "energy_per_operation",
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


# ------------------------------------------------------------------------------------------------
# 1. Arithmetic against data movement


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
    r = _check_count(rows, "rows")
    c = _check_count(cols, "cols")
    b = _check_bits(bits, "bits")
    e_mem = memory_energy_per_bit(memory)
    n = _check_count(batch, "batch")
    arithmetic = r * c * n * mac_energy(b)
    weights = r * c * b * e_mem
    activations = n * (r + c) * b * MEMORY_LEVELS["sram_8kb"] * PICO
    total = arithmetic + weights + activations
    return MVMEnergy(*(as_result(x) for x in (arithmetic, weights, activations, total)))


def _check_count(value, name: str) -> np.ndarray:
    array = check_finite(value, name)
    if np.any(array < 1):
        raise ValueError(f"{name} must be >= 1, got min {array.min():g}")
    if np.any(array != np.round(array)):
        raise ValueError(f"{name} must be a whole number, got {array[array != np.round(array)].flat[0]:g}")
    return array


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


# ------------------------------------------------------------------------------------------------
# 2. The analog crossbar


def _check_matrix(value, name: str) -> np.ndarray:
    array = check_finite(value, name)
    if array.ndim != 2 or array.shape[0] < 1 or array.shape[1] < 1:
        raise ValueError(f"{name} must be a non-empty 2-D array, got shape {array.shape}")
    return array


def crossbar_mvm(conductances, voltages, wire_resistance=0.0):
    r"""Column currents of a resistive crossbar driven by row voltages (Ohm multiplies, Kirchhoff adds).

    With ideal wires every device sees its row voltage and the columns are held at virtual ground
    by their sense amplifiers, so

    .. math:: I_j = \sum_i G_{ij} V_i, \qquad \mathbf I = G^\mathsf{T}\mathbf V .

    With a resistance :math:`r` per wire segment (one segment per cell along each row and column,
    rows driven at their left end, columns sensed at their bottom end), the node voltages follow
    from Kirchhoff's current law at every row node and column node, :math:`Y\mathbf u = \mathbf s`,
    a sparse system of :math:`2RC` equations solved with ``scipy.sparse.linalg.spsolve``. The
    currents then fall short of the ideal ones: the IR drop that limits the size of an array.

    Parameters
    ----------
    conductances : array_like, shape (rows, cols)
        Device conductances :math:`G_{ij}` in S, >= 0.
    voltages : array_like, shape (rows,)
        Row voltages :math:`V_i` in V.
    wire_resistance : float, optional
        Resistance :math:`r` of one wire segment in Ω, >= 0 (default 0: ideal wires).

    Returns
    -------
    ndarray, shape (cols,)
        Column currents in A.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``conductances`` is not a 2-D array of finite values >= 0, ``voltages`` is not 1-D with
        one entry per row, or ``wire_resistance`` is negative or not finite.

    References
    ----------
    .. [1] A. Sebastian et al., "Memory devices and applications for in-memory computing",
       Nature Nanotechnology 15, 529-544 (2020).

    Examples
    --------
    >>> G = [[1e-6, 2e-6], [3e-6, 4e-6]]
    >>> crossbar_mvm(G, [0.1, 0.2]).round(9).tolist()
    [7e-07, 1e-06]
    >>> (crossbar_mvm(G, [0.1, 0.2], wire_resistance=1000.0) < crossbar_mvm(G, [0.1, 0.2])).all()
    np.True_
    """
    g = _check_matrix(conductances, "conductances")
    if np.any(g < 0):
        raise ValueError(f"conductances must be >= 0, got min {g.min():g}")
    v = check_finite(voltages, "voltages")
    n_rows, n_cols = g.shape
    if v.ndim != 1 or v.shape[0] != n_rows:
        raise ValueError(f"voltages must be 1-D with one entry per row ({n_rows}), got shape {v.shape}")
    r = check_nonnegative(wire_resistance, "wire_resistance")
    if r.ndim != 0:
        raise ValueError(f"wire_resistance must be a scalar, got shape {r.shape}")
    if r == 0:
        return g.T @ v
    return _solve_crossbar(g, v, 1.0 / float(r))


def _solve_crossbar(g: np.ndarray, v: np.ndarray, gw: float) -> np.ndarray:
    """Nodal analysis: row nodes 0..RC-1, column nodes RC..2RC-1, both indexed i*C + j."""
    n_rows, n_cols = g.shape
    n = n_rows * n_cols
    idx = np.arange(n).reshape(n_rows, n_cols)
    row_node, col_node = idx, idx + n
    diag = np.zeros(2 * n)
    rows_i, cols_i, vals = [], [], []
    rhs = np.zeros(2 * n)

    def couple(a, b, conductance):
        a, b, conductance = np.ravel(a), np.ravel(b), np.broadcast_to(conductance, np.shape(np.ravel(a)))
        np.add.at(diag, a, conductance)
        np.add.at(diag, b, conductance)
        rows_i.extend([a, b])
        cols_i.extend([b, a])
        vals.extend([-conductance, -conductance])

    couple(row_node, col_node, g.ravel())  # the devices
    if n_cols > 1:
        couple(row_node[:, :-1], row_node[:, 1:], gw)  # row wire segments
    if n_rows > 1:
        couple(col_node[:-1, :], col_node[1:, :], gw)  # column wire segments
    diag[row_node[:, 0]] += gw  # driver -> first row node
    rhs[row_node[:, 0]] += gw * v
    diag[col_node[-1, :]] += gw  # last column node -> virtual ground
    matrix = sparse.coo_matrix(
        (np.concatenate([diag, *vals]), (np.concatenate([np.arange(2 * n), *rows_i]), np.concatenate([np.arange(2 * n), *cols_i]))),
        shape=(2 * n, 2 * n),
    ).tocsc()
    u = spsolve(matrix, rhs)
    return gw * u[col_node[-1, :]]


def ir_drop_error_estimate(rows, cols, conductance, wire_resistance):
    r"""First-order relative shortfall of the total current of an all-on crossbar from IR drop.

    Every device has conductance :math:`G`, every row the same voltage, and each wire segment a
    resistance :math:`r`. The segment of a column below row :math:`k` (counted from the open end)
    carries the current of :math:`k` devices, so to first order in :math:`rG` the column node at row
    :math:`k` sits at :math:`rGV\sum_{m=k}^{R} m`; averaged over the column that is
    :math:`rGV(R+1)(2R+1)/6`, and the rows add the same with :math:`C`:

    .. math:: \varepsilon = 1 - \frac{\sum_j I_j}{RCGV}
              \approx \frac{rG}{6}\left[(R+1)(2R+1) + (C+1)(2C+1)\right]
              \approx \frac{rG}{3}\,(R^2 + C^2).

    Parameters
    ----------
    rows, cols : float or array_like
        Array size :math:`R \times C`, >= 1.
    conductance : float or array_like
        Device conductance :math:`G`, S, > 0.
    wire_resistance : float or array_like
        Resistance per segment :math:`r`, Ω, >= 0.

    Returns
    -------
    float or ndarray
        Relative error (dimensionless), valid while it is small.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``rows`` or ``cols`` is below 1, ``conductance`` is not > 0, or ``wire_resistance`` is
        negative.

    References
    ----------
    .. [1] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020) (IR drop in crossbars).

    Examples
    --------
    >>> round(ir_drop_error_estimate(256, 256, 1e-6, 1.0), 4)
    0.0439
    """
    r_ = check_in_range(rows, "rows", 1.0, np.inf)
    c_ = check_in_range(cols, "cols", 1.0, np.inf)
    g = check_positive(conductance, "conductance")
    rw = check_nonnegative(wire_resistance, "wire_resistance")
    return as_result(rw * g / 6.0 * ((r_ + 1) * (2 * r_ + 1) + (c_ + 1) * (2 * c_ + 1)))


# ------------------------------------------------------------------------------------------------
# 3. Non-idealities


def weights_to_conductances(weights, levels=None, g_max=1e-5, g_min=0.0):
    r"""Map signed weights onto a differential pair of conductances with a finite number of levels.

    Each weight :math:`w` is stored as :math:`G^+ - G^-`: the positive part on one device, the
    negative part on the other, scaled so that the largest :math:`|w|` uses the full range,

    .. math:: G^\pm = G_\mathrm{min} + (G_\mathrm{max} - G_\mathrm{min})\,
              Q_L\!\left(\frac{\max(\pm w, 0)}{\max|w|}\right),
              \qquad Q_L(x) = \frac{\operatorname{round}\left(x (L-1)\right)}{L-1},

    where :math:`L` is the number of conductance levels a device can be programmed to
    (:math:`L = 2^b` for :math:`b` bits; ``None`` keeps them continuous).

    Parameters
    ----------
    weights : array_like, 2-D
        Weights (any real values, not all zero).
    levels : int, optional
        Levels per device, >= 2; ``None`` for continuous conductances (default).
    g_max : float, optional
        Largest conductance, S, > 0 (default 10 µS).
    g_min : float, optional
        Smallest conductance (the "off" state), S, >= 0 and below ``g_max`` (default 0).

    Returns
    -------
    (ndarray, ndarray)
        :math:`G^+` and :math:`G^-`, each the shape of ``weights``, in S.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``weights`` is not a 2-D finite array with a non-zero entry, ``levels`` < 2, or the
        conductance range is empty.

    References
    ----------
    .. [1] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020) (differential pairs).

    Examples
    --------
    >>> gp, gm = weights_to_conductances([[1.0, -0.5], [0.2, 0.0]], levels=3, g_max=1.0)
    >>> (gp - gm).tolist()
    [[1.0, -0.5], [0.0, 0.0]]
    """
    w = _check_matrix(weights, "weights")
    scale = np.abs(w).max()
    if scale == 0:
        raise ValueError("weights must hold at least one non-zero entry")
    gmax = check_positive(g_max, "g_max")
    gmin = check_nonnegative(g_min, "g_min")
    if gmin >= gmax:
        raise ValueError(f"g_min must be below g_max, got g_min={float(gmin):g}, g_max={float(gmax):g}")
    plus, minus = np.maximum(w, 0.0) / scale, np.maximum(-w, 0.0) / scale
    if levels is not None:
        n = check_integer(levels, "levels", minimum=2) - 1
        plus, minus = np.round(plus * n) / n, np.round(minus * n) / n
    span = gmax - gmin
    return gmin + span * plus, gmin + span * minus


def analog_matvec(weights, inputs, levels=None, variation=0.0, read_noise=0.0, adc_bits=None, g_max=1e-5,
                  read_voltage=0.2, seed=0):
    r"""A layer :math:`Y = XW` computed on a simulated crossbar with its non-idealities.

    The chain, for inputs :math:`X` (one row per sample) and weights :math:`W` (inputs × outputs):

    1. **Programming.** :func:`weights_to_conductances` gives a differential pair per weight with
       ``levels`` levels; each device then lands at :math:`G(1 + \sigma_\mathrm{d}\xi)` with
       :math:`\xi \sim N(0, 1)` fixed per device (device-to-device variation, clipped at 0).
    2. **Reading.** Inputs become voltages :math:`V = V_\mathrm{read}X/\max|X|`; each column current
       is :math:`I = V(G^+ - G^-)` (ideal wires; see :func:`crossbar_mvm` for IR drop) plus read
       noise: every device's conductance fluctuates by :math:`\sigma_\mathrm{r}G_\mathrm{max}` at every
       read, which adds Gaussian noise of standard deviation
       :math:`\sigma_\mathrm{r}G_\mathrm{max}\sqrt{2\sum_i V_i^2}` to each current.
    3. **Conversion.** An ADC of ``adc_bits`` bits quantises each current uniformly over
       :math:`\pm I_\mathrm{fs}`, with :math:`I_\mathrm{fs}` the largest ideal current of the batch
       (a calibrated range); results are scaled back to the units of :math:`XW`.

    Parameters
    ----------
    weights : array_like, shape (n_in, n_out)
        Trained weights.
    inputs : array_like, shape (n_samples, n_in)
        Inputs, one row per sample (not all zero).
    levels : int, optional
        Conductance levels per device, >= 2 (``None``: continuous).
    variation : float, optional
        Relative device-to-device spread :math:`\sigma_\mathrm{d}`, in [0, 1] (default 0).
    read_noise : float, optional
        Read noise :math:`\sigma_\mathrm{r}` relative to :math:`G_\mathrm{max}`, in [0, 1] (default 0).
    adc_bits : int, optional
        ADC resolution, >= 1 (``None``: no quantisation).
    g_max : float, optional
        Largest device conductance, S, > 0 (default 10 µS).
    read_voltage : float, optional
        Largest row voltage, V, > 0 (default 0.2 V).
    seed : int, optional
        Seed of the random generator (default 0), >= 0.

    Returns
    -------
    ndarray, shape (n_samples, n_out)
        The analog estimate of :math:`XW`.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match, or an argument is outside its range.

    References
    ----------
    .. [1] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020).
    .. [2] W. Wan et al., "A compute-in-memory chip based on resistive random-access memory",
       Nature 608, 504-512 (2022).

    Examples
    --------
    With no non-ideality the crossbar computes the product exactly:

    >>> X, W = [[1.0, 2.0]], [[1.0, -1.0], [0.5, 2.0]]
    >>> analog_matvec(W, X).round(12).tolist()
    [[2.0, 3.0]]
    """
    w = _check_matrix(weights, "weights")
    x = _check_matrix(inputs, "inputs")
    if x.shape[1] != w.shape[0]:
        raise ValueError(f"inputs must have one column per weight row ({w.shape[0]}), got shape {x.shape}")
    sigma_d = float(check_in_range(variation, "variation", 0.0, 1.0))
    sigma_r = float(check_in_range(read_noise, "read_noise", 0.0, 1.0))
    bits = None if adc_bits is None else check_integer(adc_bits, "adc_bits", minimum=1)
    gmax = float(check_positive(g_max, "g_max"))
    v_read = float(check_positive(read_voltage, "read_voltage"))
    rng = np.random.default_rng(check_integer(seed, "seed", minimum=0))
    x_scale = np.abs(x).max()
    if x_scale == 0:
        raise ValueError("inputs must hold at least one non-zero entry")
    w_scale = np.abs(w).max()
    g_plus, g_minus = weights_to_conductances(w, levels=levels, g_max=gmax)
    if sigma_d > 0:
        g_plus = np.maximum(g_plus * (1.0 + sigma_d * rng.standard_normal(g_plus.shape)), 0.0)
        g_minus = np.maximum(g_minus * (1.0 + sigma_d * rng.standard_normal(g_minus.shape)), 0.0)
    v = v_read * x / x_scale
    current = v @ (g_plus - g_minus)
    if sigma_r > 0:
        spread = sigma_r * gmax * np.sqrt(2.0 * np.sum(v**2, axis=1, keepdims=True))
        current = current + spread * rng.standard_normal(current.shape)
    if bits is not None:
        full_scale = np.abs(v @ (w / w_scale * gmax)).max()
        if full_scale > 0:
            step = full_scale / 2 ** (bits - 1)
            current = np.clip(np.round(current / step), -(2 ** (bits - 1)), 2 ** (bits - 1) - 1) * step
    return current * (x_scale / v_read) * (w_scale / gmax)


# ------------------------------------------------------------------------------------------------
# 4. Converters and the energy of an array


def adc_energy(enob, walden_fom):
    r"""Energy of one analog-to-digital conversion from the Walden figure of merit.

    .. math:: E_\mathrm{ADC} = \mathrm{FOM_W}\,2^{\mathrm{ENOB}},
              \qquad \mathrm{FOM_W} = \frac{P}{2^{\mathrm{ENOB}} f_s}

    Each extra effective bit doubles the energy (the Walden regime, typical of ADCs of low to
    medium resolution; above about 10-12 bits thermal noise makes it quadruple, see
    :func:`adc_thermal_limit`).

    Parameters
    ----------
    enob : float or array_like
        Effective number of bits, in [1, 24].
    walden_fom : float or array_like
        Walden figure of merit, J per conversion step, > 0 (e.g. 5e-15 for 5 fJ/conv-step).

    Returns
    -------
    float or ndarray
        Energy per conversion, J.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``enob`` is outside [1, 24] or ``walden_fom`` is not > 0.

    References
    ----------
    .. [1] R. H. Walden, "Analog-to-digital converter survey and analysis", IEEE JSAC 17(4),
       539-550 (1999).
    .. [2] B. Murmann, "ADC Performance Survey 1997-2023", https://github.com/bmurmann/ADC-survey.

    Examples
    --------
    An 8-bit conversion at the 4.4 fJ/step record of van Elzakker et al. (ISSCC 2008):

    >>> round(adc_energy(8, 4.4e-15) / 1e-12, 3)
    1.126
    """
    b = check_in_range(enob, "enob", 1.0, 24.0)
    fom = check_positive(walden_fom, "walden_fom")
    return as_result(fom * 2.0**b)


def adc_thermal_limit(enob, temperature=300.0):
    r"""Thermal-noise floor of the energy per conversion of an ADC.

    A sampling capacitor :math:`C` holds noise :math:`kT/C`; a full-scale sine of peak-to-peak
    :math:`V_\mathrm{FS}` has power :math:`V_\mathrm{FS}^2/8`. Reaching
    :math:`\mathrm{SNR} = 1.5 \cdot 4^{\mathrm{ENOB}}` (6.02 ENOB + 1.76 dB) needs
    :math:`C = 8kT\,\mathrm{SNR}/V_\mathrm{FS}^2`, and charging it to :math:`V_\mathrm{FS}` costs at
    least :math:`CV_\mathrm{FS}^2`:

    .. math:: E_\mathrm{min} = 8kT\cdot\mathrm{SNR} = 12\,kT\,4^{\mathrm{ENOB}}.

    Parameters
    ----------
    enob : float or array_like
        Effective number of bits, in [1, 24].
    temperature : float or array_like, optional
        Temperature in K, > 0 (default 300).

    Returns
    -------
    float or ndarray
        Minimum energy per conversion, J.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``enob`` is outside [1, 24] or ``temperature`` is not > 0.

    References
    ----------
    .. [1] B. Murmann, "The Race for the Extra Decibel", IEEE Solid-State Circuits Magazine 7(3),
       58-66 (2015) (the thermal-noise asymptote of the survey's energy plot).

    Examples
    --------
    >>> f"{adc_thermal_limit(8):.2e}"
    '3.26e-15'
    """
    b = check_in_range(enob, "enob", 1.0, 24.0)
    t = check_positive(temperature, "temperature")
    return as_result(12.0 * constants.k * t * 4.0**b)


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
