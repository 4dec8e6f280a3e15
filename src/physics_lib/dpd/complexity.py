r"""Running cost of a behavioural model: coefficients and real multiplications per sample.

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

from typing import NamedTuple

from .._validation import check_positive
from .models import BehavioralModel

__all__ = [
    "ModelComplexity",
    "model_complexity",
]


class ModelComplexity(NamedTuple):
    """Outcome of :func:`model_complexity`."""

    n_coefficients: int
    """Complex coefficients."""
    real_parameters: int
    """Real numbers stored, twice the complex coefficients."""
    envelope_multiplies: int
    """Real multiplies per sample for :math:`|x|^2` and the powers :math:`|x|^k`."""
    basis_multiplies: int
    """Real multiplies per sample for the new basis products (complex sample times envelope power)."""
    filter_multiplies: int
    """Real multiplies per sample for the coefficients, four per complex coefficient."""
    multiplies_per_sample: int
    """Total real multiplies per output sample."""
    square_roots_per_sample: int
    """Square roots per sample (for :math:`|x|`), 0 or 1."""
    gmacs: float
    """Real multiply-accumulates per second at ``sample_rate``, in units of 10^9."""


def model_complexity(model, sample_rate):
    r"""Coefficients and real multiplications per sample of a memory polynomial or GMP.

    Counted for a streaming implementation, where a basis function of a delayed sample is the
    delayed copy of one computed earlier and is read from a delay line, not recomputed. Per output
    sample:

    * envelope: :math:`|x|^2 = I^2 + Q^2` (2 multiplies) and one square root when any power of
      :math:`|x|` is used; the powers :math:`|x|^2 \dots |x|^P` by repeated multiplication
      (:math:`P - 1` multiplies), with :math:`P = \max(K_a - 1, K_b, K_c)`;
    * basis: each new product of a complex sample and a real envelope power costs 2: the aligned
      block needs :math:`K_a - 1` of them (:math:`x|x|^k`, :math:`k \ge 1`), the lagging block
      :math:`K_b M_b` (:math:`x[n]|x[n-m]|^k`), the leading one :math:`K_c M_c`
      (:math:`x[n-m]|x[n]|^k`); the :math:`L` delays of each are free;
    * filter: each complex coefficient times a complex basis value costs 4 real multiplies (and
      two additions), :math:`4 N_\mathrm{coef}`.

    .. math::

        \text{multiplies per sample} = 2 + (P - 1) + 2\,(K_a - 1 + K_b M_b + K_c M_c)
        + 4 N_\mathrm{coef},

    and the rate is that count times the sample rate. A memory polynomial :math:`(K, M)` is the
    GMP with :math:`K_a = K`, :math:`L_a = M + 1` and no cross terms. A linear model
    (:math:`K = 1`) needs no envelope. Additions are not counted; a three-multiply complex
    product would trade one multiply for three additions.

    Parameters
    ----------
    model : BehavioralModel
        A fitted memory polynomial (``kind='mp'``) or GMP (``kind='gmp'``).
    sample_rate : float
        Sample rate in samples per second (Hz), > 0.

    Returns
    -------
    ModelComplexity
        Coefficients, real parameters, the multiplies per sample split by stage, their total, the
        square roots per sample, and the real multiply rate in GMAC/s.

    Raises
    ------
    TypeError
        If ``model`` is not a :class:`BehavioralModel`.
    ValueError
        If ``sample_rate`` is not finite and > 0.

    References
    ----------
    .. [1] A. S. Tehrani, H. Cao, S. Afsardoost, T. Eriksson, M. Isaksson and C. Fager, "A
       comparative analysis of the complexity/accuracy tradeoff in power amplifier behavioral
       models", IEEE Trans. Microw. Theory Techn. 58(6), 1510-1520 (2010): counting by stage
       (basis generation, then the filter).
    .. [2] D. R. Morgan et al., IEEE Trans. Signal Process. 54(10), 3852-3860 (2006).

    Examples
    --------
    A memory polynomial with K = 5, M = 4 at 800 MS/s:

    >>> import numpy as np
    >>> model = BehavioralModel("mp", (5, 4), np.zeros(25, complex))
    >>> c = model_complexity(model, 800e6)
    >>> c.multiplies_per_sample, c.envelope_multiplies + c.basis_multiplies, round(c.gmacs, 1)
    (113, 13, 90.4)
    """
    if not isinstance(model, BehavioralModel):
        raise TypeError(f"model must be a BehavioralModel (from fit_memory_polynomial or fit_gmp), got {type(model).__name__}")
    rate = check_positive(sample_rate, "sample_rate")
    if rate.ndim != 0:
        raise ValueError(f"sample_rate must be a scalar, got shape {rate.shape}")
    if model.kind == "mp":
        order, memory_depth = model.structure
        ka, la, kb, lb, mb, kc, lc, mc = order, memory_depth + 1, 0, 0, 0, 0, 0, 0
    elif model.kind == "gmp":
        ka, la, kb, lb, mb, kc, lc, mc = model.structure
    else:
        raise ValueError(f"model.kind must be 'mp' or 'gmp', got {model.kind!r}")
    lagging = kb * mb if lb > 0 else 0
    leading = kc * mc if lc > 0 else 0
    highest = max(ka - 1, kb if lagging else 0, kc if leading else 0)
    envelope = 0 if highest == 0 else 2 + (highest - 1)
    basis = 2 * ((ka - 1) + lagging + leading)
    n_coefficients = int(model.n_coefficients)
    filtering = 4 * n_coefficients
    total = envelope + basis + filtering
    return ModelComplexity(
        n_coefficients=n_coefficients,
        real_parameters=2 * n_coefficients,
        envelope_multiplies=envelope,
        basis_multiplies=basis,
        filter_multiplies=filtering,
        multiplies_per_sample=total,
        square_roots_per_sample=int(highest > 0),
        gmacs=float(total * rate / 1e9),
    )
