r"""The analog crossbar: Ohm multiplies, Kirchhoff adds, and the wires' IR drop.

:func:`crossbar_mvm` gives the column currents :math:`I_j = \sum_i G_{ij} V_i`, exactly for ideal
wires and by nodal analysis (a sparse linear system) when the wires have resistance;
:func:`ir_drop_error_estimate` is the first-order error of an array whose devices are all on.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse
from scipy.sparse.linalg import spsolve

from .._validation import as_result, check_finite, check_in_range, check_nonnegative, check_positive
from ._common import _check_matrix

__all__ = ["crossbar_mvm", "ir_drop_error_estimate"]


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
