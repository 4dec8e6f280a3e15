r"""Behavioural models with memory: memory polynomial and GMP bases, least squares, fits and sweeps.

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import NamedTuple

import numpy as np
import scipy.linalg
import scipy.linalg.blas

from .._validation import (
    check_complex_signal,
    check_integer,
    check_same_length,
)
from .metrics import nmse_db

__all__ = [
    "mp_basis",
    "gmp_basis",
    "least_squares",
    "BehavioralModel",
    "fit_memory_polynomial",
    "fit_gmp",
    "SweepResult",
    "memory_polynomial_sweep",
]


# ----------------------------------------------------------------------------------------------
# Behavioural models with memory
# ----------------------------------------------------------------------------------------------


def _shift(v: np.ndarray, d: int) -> np.ndarray:
    """v[n - d] with zeros where n - d falls outside the record (d < 0 looks ahead)."""
    if d == 0:
        return v
    out = np.zeros_like(v)
    if d > 0:
        out[d:] = v[:-d] if d < v.size else 0
    else:
        out[:d] = v[-d:] if -d < v.size else 0
    return out


def mp_basis(x, order: int, memory_depth: int) -> np.ndarray:
    r"""Memory-polynomial regression matrix.

    Column :math:`(m, k)` holds :math:`x[n-m]\,|x[n-m]|^{k-1}` for memory taps
    :math:`m = 0..M` and orders :math:`k = 1..K` (tap-major order), so the model is

    .. math:: y[n] = \sum_{m=0}^{M}\sum_{k=1}^{K} a_{km}\, x[n-m]\,|x[n-m]|^{k-1}.

    Samples before the record starts are taken as zero.

    Parameters
    ----------
    x : array_like of complex, 1-D
    order : int
        Nonlinear order K >= 1 (even orders included, as the envelope powers are cheap and help).
    memory_depth : int
        M >= 0 (M + 1 taps).

    Returns
    -------
    numpy.ndarray, shape (len(x), K (M + 1))

    Raises
    ------
    TypeError, ValueError
        For a non-complex ``x``, ``order`` < 1 or ``memory_depth`` < 0.

    References
    ----------
    J. Kim and K. Konstantinou, "Digital predistortion of wideband signals based on power amplifier
    model with memory", Electron. Lett. 37(23), 1417-1418 (2001).

    Examples
    --------
    >>> mp_basis(np.array([1j, 2, 0]), order=2, memory_depth=1)
    array([[0.+1.j, 0.+1.j, 0.+0.j, 0.+0.j],
           [2.+0.j, 4.+0.j, 0.+1.j, 0.+1.j],
           [0.+0.j, 0.+0.j, 2.+0.j, 4.+0.j]])
    """
    x = check_complex_signal(x, "x")
    order = check_integer(order, "order", minimum=1)
    memory_depth = check_integer(memory_depth, "memory_depth", minimum=0)
    envelope = np.abs(x)
    terms = np.empty((order, x.size), dtype=complex)
    terms[0] = x
    for k in range(1, order):
        terms[k] = terms[k - 1] * envelope
    basis = np.zeros((x.size, order * (memory_depth + 1)), dtype=complex, order="F")
    for m in range(min(memory_depth + 1, x.size)):
        for k in range(order):
            basis[m:, m * order + k] = terms[k, : x.size - m]
    return basis


def gmp_basis(x, ka: int, la: int, kb: int = 0, lb: int = 0, mb: int = 0,
              kc: int = 0, lc: int = 0, mc: int = 0) -> np.ndarray:
    r"""Generalised-memory-polynomial regression matrix (Morgan et al. 2006).

    .. math::

        y[n] = \sum_{k=0}^{K_a-1}\sum_{l=0}^{L_a-1} a_{kl}\, x[n-l]|x[n-l]|^k
             + \sum_{k=1}^{K_b}\sum_{l=0}^{L_b-1}\sum_{m=1}^{M_b} b_{klm}\, x[n-l]|x[n-l-m]|^k
             + \sum_{k=1}^{K_c}\sum_{l=0}^{L_c-1}\sum_{m=1}^{M_c} c_{klm}\, x[n-l]|x[n-l+m]|^k.

    The first (aligned) block is a memory polynomial with :math:`K_a` orders and :math:`L_a` taps;
    the second multiplies each sample by a *lagging* envelope, the third by a *leading* (future)
    one. Counts follow Morgan's paper: ``kb = lb = mb = 0`` (or ``kc...``) switch a block off.
    Samples outside the record are zero.

    Parameters
    ----------
    x : array_like of complex, 1-D
    ka, la : int
        Aligned block: orders >= 1 and taps >= 1.
    kb, lb, mb, kc, lc, mc : int
        Lagging and leading blocks, each >= 0.

    Returns
    -------
    numpy.ndarray, shape (len(x), ka la + kb lb mb + kc lc mc)

    Raises
    ------
    TypeError, ValueError
        For a non-complex ``x`` or an out-of-range count.

    References
    ----------
    D. R. Morgan, Z. Ma, J. Kim, M. G. Zierdt and J. Pastalan, "A generalized memory polynomial
    model for digital predistortion of RF power amplifiers", IEEE Trans. Signal Process. 54(10),
    3852-3860 (2006).

    Examples
    --------
    >>> gmp_basis(np.ones(6, complex), 3, 2, 2, 2, 1, 2, 2, 1).shape
    (6, 14)
    """
    x = check_complex_signal(x, "x")
    ka = check_integer(ka, "ka", minimum=1)
    la = check_integer(la, "la", minimum=1)
    kb, lb, mb = (check_integer(v, n, minimum=0) for v, n in ((kb, "kb"), (lb, "lb"), (mb, "mb")))
    kc, lc, mc = (check_integer(v, n, minimum=0) for v, n in ((kc, "kc"), (lc, "lc"), (mc, "mc")))
    envelope = np.abs(x)
    n_env = max(ka - 1, kb, kc, 0)
    powers = np.empty((n_env + 1, x.size))
    powers[0] = 1.0
    for k in range(1, n_env + 1):
        powers[k] = powers[k - 1] * envelope
    basis = np.empty((x.size, ka * la + kb * lb * mb + kc * lc * mc), dtype=complex, order="F")
    column = 0
    for l in range(la):
        for k in range(ka):
            basis[:, column] = _shift(x * powers[k], l)
            column += 1
    for count_k, count_l, count_m, sign in ((kb, lb, mb, 1), (kc, lc, mc, -1)):
        for l in range(count_l):
            delayed = _shift(x, l)
            for m in range(1, count_m + 1):
                for k in range(1, count_k + 1):
                    basis[:, column] = delayed * _shift(powers[k], l + sign * m)
                    column += 1
    return basis


_KAPPA_CHOLESKY = 1e5  # below: Cholesky on the scaled normal equations; above: truncated SVD


def least_squares(basis, target):
    r"""Numerically careful complex least squares :math:`\min_c \|\Phi c - y\|_2`.

    The columns of :math:`\Phi` are first scaled to unit 2-norm (polynomial columns differ by
    orders of magnitude: :math:`|x|^8` against :math:`x`), which removes the part of the
    ill-conditioning that is only bad scaling. The condition number :math:`\kappa` of the scaled
    matrix is then computed from the eigenvalues of its Gram matrix. When :math:`\kappa < 10^5`
    the normal equations are solved by Cholesky (fast; the relative error is of order
    :math:`\epsilon\kappa^2 < 10^{-6}`); otherwise a truncated singular-value decomposition
    (LAPACK ``gelsd``) is used, which drops the directions whose singular value is below
    :math:`10^{-5}` of the largest: the same line the Cholesky branch draws.

    The truncation matters for deep memory on a strictly band-limited input. Delayed copies
    :math:`x[n-m]` of a signal that fills only part of the sampled band are nearly linearly
    dependent, and an untruncated solution puts large, mutually cancelling coefficients on those
    weak directions, fitted to noise. They cancel only while the model sees the same kind of
    history as in training; a record evaluated from a cold start (zeros before its first sample)
    exposes them. (On OpenDPD's APA_200MHz record, a memory polynomial with :math:`K = 5`,
    :math:`M = 30` fitted on the first half scores about -37 dB NMSE on the second half with the
    truncation, and worse than 0 dB from a cold start without it.)

    Parameters
    ----------
    basis : array_like of complex, shape (n_samples, n_coefficients)
        More samples than coefficients.
    target : array_like of complex, shape (n_samples,)

    Returns
    -------
    coefficients : numpy.ndarray of complex
    condition_number : float
        Of the column-scaled basis (inf if a column is zero).

    Raises
    ------
    TypeError, ValueError
        For non-complex, non-finite or mis-shaped input, or fewer samples than coefficients.

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal
    >>> x = 0.5 * ofdm_signal(n_symbols=2, n_subcarriers=16, seed=1).samples
    >>> c, kappa = least_squares(mp_basis(x, 3, 1), mp_basis(x, 3, 1) @ np.arange(1, 7))
    >>> bool(np.allclose(c, np.arange(1, 7)))
    True
    """
    if isinstance(basis, (str, bytes)) or basis is None:
        raise TypeError("basis must be a 2-D complex array")
    basis = np.asarray(basis)
    if not np.iscomplexobj(basis):
        raise TypeError(f"basis must be complex, got dtype {basis.dtype}")
    if basis.ndim != 2:
        raise ValueError(f"basis must be 2-D, got shape {basis.shape}")
    if not np.all(np.isfinite(basis)):
        raise ValueError("basis must be finite (no NaN or inf)")
    target = check_complex_signal(target, "target")
    check_same_length(basis=basis, target=target)
    n_samples, n_coefficients = basis.shape
    if n_samples < n_coefficients:
        raise ValueError(f"basis must have at least as many rows ({n_samples}) as columns ({n_coefficients})")
    # Gram matrix B^H B by one Hermitian rank-k update (half the work of a general product), then
    # the column scaling applied to it: scaling commutes with rounding, so this equals the Gram
    # matrix of the scaled columns without building them.
    basis = np.asfortranarray(basis)
    upper = scipy.linalg.blas.zherk(1.0, basis, trans=2, lower=0)
    gram_raw = np.triu(upper) + np.triu(upper, 1).conj().T
    norms = np.sqrt(np.real(np.diag(gram_raw)))
    usable = norms > 0
    scale = norms[usable]
    gram = gram_raw[np.ix_(usable, usable)] / np.outer(scale, scale)
    eigenvalues = np.linalg.eigvalsh(gram)
    smallest = max(eigenvalues[0], 0.0)
    kappa = float(np.sqrt(eigenvalues[-1] / smallest)) if smallest > 0 else float("inf")
    coefficients = np.zeros(n_coefficients, dtype=complex)
    if kappa < _KAPPA_CHOLESKY:
        rhs = np.conj(target.conj() @ basis)[usable] / scale  # (B^H y), no conjugated copy of B
        solution = scipy.linalg.solve(gram, rhs, assume_a="pos")
    else:
        # truncated SVD: directions weaker than 1/_KAPPA_CHOLESKY of the strongest are dropped
        solution = scipy.linalg.lstsq(basis[:, usable] / scale, target, cond=1.0 / _KAPPA_CHOLESKY,
                                      lapack_driver="gelsd")[0]
    coefficients[usable] = solution / scale
    if not usable.all():
        kappa = float("inf")
    return coefficients, kappa


@dataclass(frozen=True)
class BehavioralModel:
    """A fitted memory polynomial (``kind='mp'``) or GMP (``kind='gmp'``); call it on a signal.

    ``structure`` holds the basis arguments: ``(order, memory_depth)`` for MP,
    ``(ka, la, kb, lb, mb, kc, lc, mc)`` for GMP.
    """

    kind: str
    structure: tuple
    coefficients: np.ndarray = field(repr=False)
    condition_number: float = float("nan")

    def basis(self, x) -> np.ndarray:
        """The regression matrix of this model's structure for input ``x``."""
        return mp_basis(x, *self.structure) if self.kind == "mp" else gmp_basis(x, *self.structure)

    def __call__(self, x) -> np.ndarray:
        return self.basis(x) @ self.coefficients

    @property
    def n_coefficients(self) -> int:
        """Number of complex coefficients."""
        return int(self.coefficients.size)


def _fit_samples(x, y):
    x = check_complex_signal(x, "x")
    y = check_complex_signal(y, "y")
    check_same_length(x=x, y=y)
    return x, y


def fit_memory_polynomial(x, y, order: int = 5, memory_depth: int = 4) -> BehavioralModel:
    r"""Identify a memory polynomial :math:`y \approx \sum a_{km} x[n-m]|x[n-m]|^{k-1}` by least squares.

    Parameters
    ----------
    x, y : array_like of complex, 1-D
        Amplifier input and output, time-aligned, equal length (> number of coefficients).
    order : int
        K >= 1.
    memory_depth : int
        M >= 0.

    Returns
    -------
    BehavioralModel

    Raises
    ------
    TypeError, ValueError
        For bad signals (not complex, mismatched lengths) or bad structure.

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal, rapp
    >>> x = ofdm_signal(n_symbols=4, n_subcarriers=64, seed=3).samples * 0.3
    >>> model = fit_memory_polynomial(x, rapp(x, smoothness=2.0), order=7, memory_depth=0)
    >>> bool(nmse_db(rapp(x), model(x)) < -60)
    True
    """
    x, y = _fit_samples(x, y)
    model_basis = mp_basis(x, order, memory_depth)
    coefficients, kappa = least_squares(model_basis, y)
    return BehavioralModel("mp", (int(order), int(memory_depth)), coefficients, kappa)


def fit_gmp(x, y, ka: int = 5, la: int = 5, kb: int = 2, lb: int = 3, mb: int = 2,
            kc: int = 2, lc: int = 3, mc: int = 2) -> BehavioralModel:
    r"""Identify a generalised memory polynomial (see :func:`gmp_basis`) by least squares.

    Parameters
    ----------
    x, y : array_like of complex, 1-D
        Amplifier input and output, time-aligned.
    ka, la, kb, lb, mb, kc, lc, mc : int
        Structure, as in :func:`gmp_basis`.

    Returns
    -------
    BehavioralModel

    Raises
    ------
    TypeError, ValueError
        For bad signals or structure.

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal, saleh
    >>> x = ofdm_signal(n_symbols=4, n_subcarriers=64, seed=3).samples * 0.3
    >>> fit_gmp(x, saleh(x), ka=5, la=2).n_coefficients
    34
    """
    x, y = _fit_samples(x, y)
    basis = gmp_basis(x, ka, la, kb, lb, mb, kc, lc, mc)  # validates the structure
    structure = tuple(int(v) for v in (ka, la, kb, lb, mb, kc, lc, mc))
    coefficients, kappa = least_squares(basis, y)
    return BehavioralModel("gmp", structure, coefficients, kappa)


class SweepResult(NamedTuple):
    """Outcome of :func:`memory_polynomial_sweep`: arrays indexed ``[order - 1, memory_depth]``."""

    nmse_db: np.ndarray  #: test NMSE, dB
    condition_number: np.ndarray  #: of the column-scaled training basis
    coefficients: dict  #: {(order, memory_depth): complex coefficients}


def memory_polynomial_sweep(x_train, y_train, x_test, y_test, max_order: int = 7, max_memory_depth: int = 10):
    r"""Test NMSE of every memory polynomial with :math:`K \le K_{max}`, :math:`M \le M_{max}`.

    Builds the largest basis once and its Gram matrix :math:`\Phi^H\Phi` once (one Hermitian
    rank-k update); each smaller model uses a sub-block, column-scaled, solved by Cholesky when its
    condition number is below :math:`10^5` and by truncated SVD (:func:`least_squares`) otherwise. So a full
    sweep costs about one large fit.

    Parameters
    ----------
    x_train, y_train, x_test, y_test : array_like of complex, 1-D
        Training and test input/output pairs (each pair of equal length).
    max_order : int
        :math:`K_{max}` >= 1.
    max_memory_depth : int
        :math:`M_{max}` >= 0.

    Returns
    -------
    SweepResult

    Raises
    ------
    TypeError, ValueError
        For bad signals or limits.

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal, rapp
    >>> x = 0.3 * ofdm_signal(n_symbols=1, n_subcarriers=512, seed=1).samples
    >>> y = rapp(x) + 0.1 * np.roll(x, 1)
    >>> sweep = memory_polynomial_sweep(x[:1000], y[:1000], x[1000:], y[1000:], 3, 1)
    >>> bool(sweep.nmse_db[2, 1] < sweep.nmse_db[2, 0] - 10)
    True
    """
    x_train, y_train, x_test, y_test = (
        check_complex_signal(v, n) for v, n in ((x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test"), (y_test, "y_test"))
    )
    check_same_length(x_train=x_train, y_train=y_train)
    check_same_length(x_test=x_test, y_test=y_test)
    k_max = check_integer(max_order, "max_order", minimum=1)
    m_max = check_integer(max_memory_depth, "max_memory_depth", minimum=0)
    train = mp_basis(x_train, k_max, m_max)
    test = mp_basis(x_test, k_max, m_max)
    upper = scipy.linalg.blas.zherk(1.0, train, trans=2, lower=0)
    gram_raw = np.triu(upper) + np.triu(upper, 1).conj().T
    rhs_raw = np.conj(y_train.conj() @ train)
    norms = np.sqrt(np.real(np.diag(gram_raw)))
    nmse = np.full((k_max, m_max + 1), np.nan)
    kappas = np.full((k_max, m_max + 1), np.nan)
    coefficients = {}
    for k in range(1, k_max + 1):
        for m in range(m_max + 1):
            columns = np.array([tap * k_max + order for tap in range(m + 1) for order in range(k)])
            scale = norms[columns]
            if np.any(scale == 0):
                c, kappa = least_squares(train[:, columns], y_train)
            else:
                gram = gram_raw[np.ix_(columns, columns)] / np.outer(scale, scale)
                eigenvalues = np.linalg.eigvalsh(gram)
                kappa = float(np.sqrt(eigenvalues[-1] / eigenvalues[0])) if eigenvalues[0] > 0 else float("inf")
                if kappa < _KAPPA_CHOLESKY:
                    c = scipy.linalg.solve(gram, rhs_raw[columns] / scale, assume_a="pos") / scale
                else:
                    c, kappa = least_squares(train[:, columns], y_train)
            coefficients[(k, m)] = c
            kappas[k - 1, m] = kappa
            nmse[k - 1, m] = nmse_db(y_test, test[:, columns] @ c)
    return SweepResult(nmse, kappas, coefficients)
