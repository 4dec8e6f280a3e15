r"""Predistortion by the indirect learning architecture (ILA).

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

from typing import Callable, NamedTuple

import numpy as np

from .._validation import (
    check_complex_signal,
    check_integer,
)
from .metrics import nmse_db
from .models import BehavioralModel, least_squares, mp_basis

__all__ = [
    "ILAResult",
    "ila_predistorter",
]


# ----------------------------------------------------------------------------------------------
# Indirect learning
# ----------------------------------------------------------------------------------------------


class ILAResult(NamedTuple):
    """Outcome of :func:`ila_predistorter`."""

    predistorter: BehavioralModel  #: apply it to the wanted signal, feed the result to the PA
    gain: complex  #: the target linear gain G of the linearised chain
    nmse_history: list  #: NMSE (dB) of PA(DPD(x)) against G x: no predistorter, then each pass


def ila_predistorter(pa: Callable, x, order: int = 5, memory_depth: int = 4, iterations: int = 3,
                     gain=None, n_train: int | None = None) -> ILAResult:
    r"""Learn a memory-polynomial predistorter by the indirect learning architecture (ILA).

    Wanted: a predistorter :math:`D` with :math:`\mathrm{PA}(D(x)) \approx G x`. ILA learns a
    *post*-distorter :math:`P` instead, fitting :math:`P(z/G) \approx u` where :math:`u` is the
    PA input and :math:`z = \mathrm{PA}(u)` its output (a linear least-squares problem, since
    :math:`P` is linear in its coefficients), then copies :math:`P` in front of the PA:
    :math:`D = P`. Schetzen's theorem says that for a system described by a Volterra series, with
    or without memory, the p-th order post-inverse equals the p-th order pre-inverse, which is why
    the copy works. Two things make it an approximation in practice. Truncation: the theorem fixes
    the inverse only up to order p, the residual terms above order p differ between the two
    orders of the cascade, and the fitted polynomial also stops at a finite order and memory.
    Noise: the regressor of the fit is the measured PA output, whose noise biases the
    least-squares coefficients (errors in the variables), a bias the copy carries into the
    predistorter. Iterating (re-measure with the new :math:`u`, refit) helps with the first. Iterating can
    also diverge, when the wanted output exceeds what the PA can deliver or the inverse is not
    well approximated by a polynomial, so the predistorter returned is the best iterate on the
    training samples (never worse there than no predistorter).

    Parameters
    ----------
    pa : callable
        The amplifier (measured or a model): complex array in, complex array out, same length.
    x : array_like of complex, 1-D
        The wanted signal.
    order, memory_depth : int
        Predistorter structure (memory polynomial, K >= 1, M >= 0).
    iterations : int
        Number of ILA passes, >= 1.
    gain : complex, optional
        Target gain G. Default: the least-squares linear gain of ``pa`` on ``x``. A gain a little
        below it keeps the predistorted peaks inside the range where ``pa`` is trusted.
    n_train : int, optional
        Fit and select on the first ``n_train`` samples only (the rest stays unseen for testing).

    Returns
    -------
    ILAResult

    Raises
    ------
    TypeError, ValueError
        If ``pa`` is not callable or returns the wrong shape, or for bad ``x`` or structure.

    References
    ----------
    C. Eun and E. J. Powers, "A new Volterra predistorter based on the indirect learning
    architecture", IEEE Trans. Signal Process. 45(1), 223-227 (1997); OpenDPD's benchmark uses it
    for its MP and GMP predistorters. M. Schetzen, "Theory of pth-order inverses of nonlinear
    systems", IEEE Trans. Circuits Syst. CAS-23(5), 285-291 (1976).

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal, rapp
    >>> x = 0.3 * ofdm_signal(n_symbols=8, n_subcarriers=64, seed=4).samples
    >>> pa = lambda u: rapp(u, smoothness=2.0)
    >>> result = ila_predistorter(pa, x, order=7, memory_depth=0, iterations=3, gain=1.0)
    >>> before, after = nmse_db(x, pa(x)), nmse_db(x, pa(result.predistorter(x)))
    >>> bool(after < before - 15)
    True
    """
    if not callable(pa):
        raise TypeError(f"pa must be callable, got {type(pa).__name__}")
    x = check_complex_signal(x, "x")
    order = check_integer(order, "order", minimum=1)
    memory_depth = check_integer(memory_depth, "memory_depth", minimum=0)
    iterations = check_integer(iterations, "iterations", minimum=1)
    n_train = x.size if n_train is None else check_integer(n_train, "n_train", minimum=1)
    if n_train > x.size:
        raise ValueError(f"n_train must be <= len(x) = {x.size}, got {n_train}")
    n_coefficients = order * (memory_depth + 1)
    if n_train < n_coefficients:
        raise ValueError(f"n_train ({n_train}) must be >= the number of coefficients ({n_coefficients})")

    def amplify(u):
        z = np.asarray(pa(u))
        if z.shape != u.shape or not np.iscomplexobj(z):
            raise ValueError("pa must return a complex array of the same shape as its input")
        return z

    if gain is None:
        z = amplify(x)
        gain = complex(np.vdot(x, z) / np.vdot(x, x))
    else:
        if isinstance(gain, (str, bytes, bool)):
            raise TypeError("gain must be a number")
        gain = complex(gain)
        if not np.isfinite(gain) or gain == 0:
            raise ValueError(f"gain must be finite and non-zero, got {gain}")
    identity = np.zeros(n_coefficients, dtype=complex)
    identity[0] = 1.0
    best = BehavioralModel("mp", (order, memory_depth), identity, 1.0)
    u = x
    z = amplify(u)
    history = [nmse_db(gain * x[:n_train], z[:n_train])]
    for _ in range(iterations):
        post_basis = mp_basis(z[:n_train] / gain, order, memory_depth)
        coefficients, kappa = least_squares(post_basis, u[:n_train])
        candidate = BehavioralModel("mp", (order, memory_depth), coefficients, kappa)
        u = candidate(x)
        z = amplify(u)
        history.append(nmse_db(gain * x[:n_train], z[:n_train]))
        if history[-1] < min(history[:-1]):
            best = candidate
    return ILAResult(best, gain, history)
