r"""Failures and checkpoints: the MTBF of many parts, the optimal checkpoint interval, and goodput.

The MTBF of a system of many parts (:func:`cluster_mtbf`), Young's and Daly's optimal checkpoint
interval (:func:`checkpoint_interval`), and the goodput, the fraction of wall time that advances
training (:func:`goodput`).
"""

from __future__ import annotations

import numpy as np

from ..._validation import as_result, check_count, check_nonnegative, check_positive
from ._common import _check_option

__all__ = ["cluster_mtbf", "checkpoint_interval", "goodput"]


def cluster_mtbf(n_components, component_mtbf):
    r"""Mean time between failures of a system that stops when any one of its parts fails.

    .. math:: M = \frac{m}{n}

    :math:`n` independent parts, each failing at a constant rate :math:`1/m` (exponential
    lifetimes), fail together at rate :math:`n/m`.  A synchronous training job is such a system:
    one lost GPU stops all of them.

    Parameters
    ----------
    n_components : float or array_like
        Number of parts :math:`n` (GPUs, servers), a whole number >= 1.
    component_mtbf : float or array_like
        MTBF :math:`m` of one part, seconds (or any time unit, returned in the same), > 0.

    Returns
    -------
    float or ndarray
        System MTBF :math:`M`, in the unit of ``component_mtbf``.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``n_components`` is not a whole number >= 1 or ``component_mtbf`` is not finite and > 0.

    References
    ----------
    .. [1] A. Grattafiori et al. (Llama team, Meta), "The Llama 3 Herd of Models",
       arXiv:2407.21783 (2024), Sec. 3.3.4: 419 unexpected interruptions in 54 days on 16,384 GPUs.

    Examples
    --------
    GPUs that each fail once in 5.8 years (about 50,700 hours), 16,384 of them:

    >>> round(cluster_mtbf(16384, 50_700.0), 2)
    3.09
    """
    n = check_count(n_components, "n_components")
    m = check_positive(component_mtbf, "component_mtbf")
    return as_result(m / n)


def checkpoint_interval(checkpoint_cost, mtbf, model="young"):
    r"""Compute time between checkpoints that minimises the expected wall time.

    Young's first-order optimum [1]_ and Daly's higher-order one [2]_ (for :math:`\delta < 2M`;
    :math:`\tau = M` otherwise):

    .. math::

        \tau_\mathrm{Young} = \sqrt{2\delta M}, \qquad
        \tau_\mathrm{Daly} = \sqrt{2\delta M}\left[1 + \frac13\sqrt{\frac{\delta}{2M}}
        + \frac19\,\frac{\delta}{2M}\right] - \delta .

    Young's follows from the first-order waste :math:`\delta/\tau + \tau/(2M)`: checkpointing
    more often costs :math:`\delta` per interval, less often loses half an interval per failure.

    Parameters
    ----------
    checkpoint_cost : float or array_like
        Time :math:`\delta` to write one checkpoint, seconds, > 0.
    mtbf : float or array_like
        Mean time between failures of the whole job :math:`M`, seconds, > 0.
    model : {"young", "daly"}, optional
        Which estimate (default ``"young"``).

    Returns
    -------
    float or ndarray
        Optimal compute interval :math:`\tau` in seconds.

    Raises
    ------
    TypeError
        If a number is not real, or ``model`` is not a string.
    ValueError
        If ``checkpoint_cost`` or ``mtbf`` is not finite and > 0, or ``model`` is unknown.

    References
    ----------
    .. [1] J. W. Young, "A first order approximation to the optimum checkpoint interval",
       Commun. ACM 17(9), 530-531 (1974).
    .. [2] J. T. Daly, "A higher order estimate of the optimum checkpoint interval for restart
       dumps", Future Gener. Comput. Syst. 22(3), 303-312 (2006).

    Examples
    --------
    Daly's Fig. 3: M = 24 h, δ = 5 min gives 117 min:

    >>> round(checkpoint_interval(300.0, 86400.0, model="daly") / 60)
    117
    """
    delta = check_positive(checkpoint_cost, "checkpoint_cost")
    m = check_positive(mtbf, "mtbf")
    kind = _check_option(model, "model", ("young", "daly"))
    young = np.sqrt(2.0 * delta * m)
    if kind == "young":
        return as_result(young)
    x = delta / (2.0 * m)
    daly = young * (1.0 + np.sqrt(x) / 3.0 + x / 9.0) - delta
    return as_result(np.where(delta < 2.0 * m, daly, m))


def goodput(checkpoint_cost, restart_cost, mtbf, interval, model="first-order"):
    r"""Fraction of wall time that advances training, with checkpoints and failures.

    First order (Young [1]_; each failure loses on average half an interval plus the restart):

    .. math:: G = 1 - \frac{\delta}{\tau} - \frac{\tau/2 + R}{M}, \quad \text{clipped to } [0, 1].

    Daly's complete model [2]_ (exponential failures, which may also strike during checkpoints
    and restarts) gives the expected wall time :math:`T_w = M e^{R/M}(e^{(\tau+\delta)/M} - 1)
    T_s/\tau` for :math:`T_s` of computation, so

    .. math:: G = \frac{\tau}{M\,e^{R/M}\left(e^{(\tau + \delta)/M} - 1\right)} .

    The two agree when :math:`\tau, \delta, R \ll M`; the first order is optimistic otherwise.

    Parameters
    ----------
    checkpoint_cost : float or array_like
        Time :math:`\delta` to write a checkpoint, seconds, > 0.
    restart_cost : float or array_like
        Time :math:`R` from a failure to computing again (detect, replace, reload), seconds, >= 0.
    mtbf : float or array_like
        Job MTBF :math:`M`, seconds, > 0.
    interval : float or array_like
        Compute time :math:`\tau` between checkpoints, seconds, > 0
        (see :func:`checkpoint_interval`).
    model : {"first-order", "daly"}, optional
        Which expression (default ``"first-order"``).

    Returns
    -------
    float or ndarray
        Goodput in [0, 1].

    Raises
    ------
    TypeError
        If a number is not real, or ``model`` is not a string.
    ValueError
        If a time is out of range or not finite, or ``model`` is unknown.

    References
    ----------
    .. [1] J. W. Young, Commun. ACM 17(9), 530-531 (1974).
    .. [2] J. T. Daly, Future Gener. Comput. Syst. 22(3), 303-312 (2006), Eq. (8).

    Examples
    --------
    Llama 3's job MTBF of 3.1 h, a 1-minute checkpoint every 20 minutes, 10 minutes to restart:

    >>> round(goodput(60.0, 600.0, 3.1 * 3600, 1200.0), 3)
    0.842
    """
    delta = check_positive(checkpoint_cost, "checkpoint_cost")
    r = check_nonnegative(restart_cost, "restart_cost")
    m = check_positive(mtbf, "mtbf")
    tau = check_positive(interval, "interval")
    kind = _check_option(model, "model", ("first-order", "daly"))
    if kind == "first-order":
        g = 1.0 - delta / tau - (tau / 2.0 + r) / m
        return as_result(np.clip(g, 0.0, 1.0))
    with np.errstate(over="ignore"):
        g = tau / (m * np.exp(r / m) * np.expm1((tau + delta) / m))
    return as_result(np.clip(g, 0.0, 1.0))
