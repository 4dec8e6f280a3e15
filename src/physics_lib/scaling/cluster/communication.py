r"""Communication: link rates, the ring and in-network all-reduce, and the data-parallel step.

Network links are usually quoted in gigabits per second; convert them with
:func:`gigabits_to_bytes_per_second` (1 Gb/s = 10⁹ bit/s = 1.25 × 10⁸ bytes/s).  The gradient
all-reduce of data parallelism over a ring (:func:`ring_allreduce_time`) or in the network
(:func:`in_network_allreduce_time`) sets the step time and scaling efficiency of
:func:`data_parallel_step`: the "communication wall".
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy import constants

from ..._validation import as_result, check_count, check_in_range, check_integer, check_nonnegative, check_positive
from ._common import _check_mfu

__all__ = [
    "gigabits_to_bytes_per_second",
    "ring_allreduce_time",
    "in_network_allreduce_time",
    "DataParallelStep",
    "data_parallel_step",
]


def gigabits_to_bytes_per_second(gigabits_per_second):
    r"""Convert a link rate in Gb/s (10⁹ bit/s, as network ports are rated) to bytes/s.

    .. math:: B\,[\mathrm{bytes/s}] = \frac{10^9}{8}\,R\,[\mathrm{Gb/s}]

    Parameters
    ----------
    gigabits_per_second : float or array_like
        Link rate in Gb/s, > 0.

    Returns
    -------
    float or ndarray
        Bandwidth in bytes/s.

    Raises
    ------
    TypeError
        If the argument is not a real number or array of numbers.
    ValueError
        If it is not finite and > 0.

    References
    ----------
    .. [1] SI prefixes (giga = 10⁹) as in ``scipy.constants``; 8 bits per byte.

    Examples
    --------
    A 400 Gb/s port moves 50 GB/s:

    >>> gigabits_to_bytes_per_second(400)
    50000000000.0
    """
    rate = check_positive(gigabits_per_second, "gigabits_per_second")
    return as_result(rate * constants.giga / 8.0)


def ring_allreduce_time(n_bytes, n_gpus, bandwidth, latency=0.0):
    r"""Time to all-reduce ``n_bytes`` across ``n_gpus`` ranks with the bandwidth-optimal ring.

    .. math:: t = 2\,\frac{p-1}{p}\,\frac{S}{B} + 2\,(p-1)\,\alpha

    The ring splits the buffer of :math:`S` bytes into :math:`p` chunks and runs :math:`p-1` steps
    of reduce-scatter then :math:`p-1` steps of all-gather; in each step every rank sends one chunk
    of :math:`S/p` bytes to its neighbour over a link of :math:`B` bytes/s and pays a per-message
    latency :math:`\alpha`.  The bandwidth term tends to :math:`2S/B` for large :math:`p`, and no
    algorithm that reduces on the ranks themselves can beat :math:`2\frac{p-1}{p}\frac{S}{B}`
    [1]_: each byte of the result must be summed from :math:`p-1` contributions that leave other
    ranks (reduce-scatter: :math:`(p-1)S` bytes injected in all) and then delivered to the
    :math:`p-1` ranks that did not sum it (all-gather: another :math:`(p-1)S`), and :math:`p` ports
    of :math:`B` bytes/s share those :math:`2(p-1)S` bytes.  (The weaker argument "each byte enters
    and leaves every rank once" gives only :math:`S/B` on full-duplex links.)  Switches that sum
    in the network (:func:`in_network_allreduce_time`) remove the first half and reach
    :math:`S/B`.  The latency term grows linearly with :math:`p`; tree algorithms reduce it to
    :math:`\propto\log p` [2]_, a two-level ring of :math:`p = ab` ranks to :math:`2(a + b)\alpha`.

    Parameters
    ----------
    n_bytes : float or array_like
        Size :math:`S` of the buffer on each rank, bytes, > 0.
    n_gpus : float or array_like
        Number of ranks :math:`p`, a whole number >= 1 (one rank: no communication, zero time).
    bandwidth : float or array_like
        Per-rank link bandwidth :math:`B`, bytes/s (not bits), > 0.
    latency : float or array_like, optional
        Per-step latency :math:`\alpha`, seconds, >= 0 (default 0).

    Returns
    -------
    float or ndarray
        All-reduce time in seconds.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``n_bytes`` or ``bandwidth`` is not finite and > 0, ``n_gpus`` is not a whole number
        >= 1, or ``latency`` is negative or not finite.

    References
    ----------
    .. [1] P. Patarasuk and X. Yuan, "Bandwidth optimal all-reduce algorithms for clusters of
       workstations", J. Parallel Distrib. Comput. 69(2), 117-124 (2009).
    .. [2] R. Thakur, R. Rabenseifner and W. Gropp, "Optimization of collective communication
       operations in MPICH", Int. J. High Perform. Comput. Appl. 19(1), 49-66 (2005).

    Examples
    --------
    Gradients of a 1B-parameter model in BF16 (2 GB) over 8 ranks with 50 GB/s links:

    >>> round(ring_allreduce_time(2e9, 8, 50e9), 4)
    0.07
    """
    s = check_positive(n_bytes, "n_bytes")
    p = check_count(n_gpus, "n_gpus")
    b = check_positive(bandwidth, "bandwidth")
    alpha = check_nonnegative(latency, "latency")
    return as_result(2.0 * (p - 1.0) / p * s / b + 2.0 * (p - 1.0) * alpha)


def in_network_allreduce_time(n_bytes, n_gpus, bandwidth, latency=0.0, fan_in=2):
    r"""Idealised all-reduce time when the switches sum the data (in-network reduction).

    .. math:: t = \frac{S}{B} + 2\,\lceil\log_f p\rceil\,\alpha \qquad (p > 1)

    Each rank streams its :math:`S` bytes up a reduction tree of switches with fan-in :math:`f`
    and receives the summed :math:`S` bytes back down; on full-duplex links both directions run at
    once, so the bandwidth term is :math:`S/B`, half the ring's :math:`2\frac{p-1}{p}S/B`.  The
    latency is one hop per tree level, up and down.  This is the idea of NVIDIA's SHARP; real
    switches add per-message overheads and limits on how many reductions run at once.

    Parameters
    ----------
    n_bytes : float or array_like
        Buffer size :math:`S` on each rank, bytes, > 0.
    n_gpus : float or array_like
        Number of ranks :math:`p`, a whole number >= 1 (one rank: zero time).
    bandwidth : float or array_like
        Per-rank link bandwidth :math:`B` in each direction, bytes/s, > 0.
    latency : float or array_like, optional
        Per-hop latency :math:`\alpha`, seconds, >= 0 (default 0).
    fan_in : int, optional
        Ranks or switches combined per tree node :math:`f`, a whole number >= 2 (default 2).

    Returns
    -------
    float or ndarray
        All-reduce time in seconds.

    Raises
    ------
    TypeError
        If an argument is not a real number (``fan_in``: an integer).
    ValueError
        If ``n_bytes`` or ``bandwidth`` is not finite and > 0, ``n_gpus`` is not a whole number
        >= 1, ``latency`` is negative or ``fan_in`` < 2.

    References
    ----------
    .. [1] NVIDIA, "Scalable Hierarchical Aggregation and Reduction Protocol (SHARP)",
       documentation (docs.nvidia.com).
    .. [2] R. Thakur, R. Rabenseifner and W. Gropp, Int. J. High Perform. Comput. Appl. 19(1),
       49-66 (2005) (tree latency :math:`\propto \log p`).

    Examples
    --------
    2 GB over 1,024 ranks at 50 GB/s: 40 ms, against almost 80 ms for the ring:

    >>> round(in_network_allreduce_time(2e9, 1024, 50e9), 4), round(ring_allreduce_time(2e9, 1024, 50e9), 4)
    (0.04, 0.0799)
    """
    s = check_positive(n_bytes, "n_bytes")
    p = check_count(n_gpus, "n_gpus")
    b = check_positive(bandwidth, "bandwidth")
    alpha = check_nonnegative(latency, "latency")
    f = check_integer(fan_in, "fan_in", minimum=2)
    depth = np.ceil(np.log(p) / np.log(f) - 1e-12)
    return as_result(np.where(p > 1, s / b + 2.0 * depth * alpha, 0.0))


class DataParallelStep(NamedTuple):
    """One optimiser step of data-parallel training (all times in seconds)."""

    compute: float | np.ndarray
    """Time of forward and backward passes on one accelerator's share of the batch."""
    communication: float | np.ndarray
    """Time of the ring all-reduce of the gradients."""
    total: float | np.ndarray
    """Step time after the overlapped part of communication is hidden behind compute."""
    efficiency: float | np.ndarray
    """Scaling efficiency: compute / total = speed-up over one accelerator divided by n."""


def data_parallel_step(
    n_gpus,
    n_params,
    batch_tokens,
    peak_flops,
    mfu,
    bandwidth,
    latency=0.0,
    bytes_per_gradient=2.0,
    overlap=0.0,
    model_parallel=1,
):
    r"""Step time and scaling efficiency of data-parallel training at a fixed global batch.

    A global batch of :math:`B` tokens is split over :math:`n` accelerators.  Each computes its
    share, then the gradients are summed with a ring all-reduce (:func:`ring_allreduce_time`)
    over the :math:`d = n/m` data-parallel replicas, where :math:`m` accelerators share one copy
    of the model (tensor or pipeline parallelism, each holding :math:`1/m` of the gradients):

    .. math::

        t_\mathrm{comp} = \frac{6 N B}{n P u}, \qquad
        t_\mathrm{comm} = 2\,\frac{d-1}{d}\,\frac{N b / m}{B_\mathrm{link}} + 2 (d-1)\,\alpha,

        t_\mathrm{step} = t_\mathrm{comp} + t_\mathrm{comm} - \phi\,\min(t_\mathrm{comp}, t_\mathrm{comm}),
        \qquad E = \frac{t_\mathrm{comp}}{t_\mathrm{step}}.

    With no overlap (:math:`\phi = 0`) communication adds to every step; with perfect overlap
    (:math:`\phi = 1`, gradients of late layers sent while early layers still compute) the step
    takes :math:`\max(t_\mathrm{comp}, t_\mathrm{comm})`.  Compute shrinks as :math:`1/n` while
    the ring's bandwidth term tends to a constant, so efficiency falls once
    :math:`t_\mathrm{comm} \gtrsim t_\mathrm{comp}`: the communication wall.  :math:`E` equals the
    speed-up over one accelerator divided by :math:`n`, since one accelerator communicates nothing.

    Parameters
    ----------
    n_gpus : float or array_like
        Number of accelerators :math:`n`, a whole number >= 1 and a multiple of ``model_parallel``.
    n_params : float
        Number of parameters :math:`N`, > 0.
    batch_tokens : float
        Global batch :math:`B` in tokens per optimiser step, > 0.
    peak_flops : float
        Peak FLOP/s :math:`P` of one accelerator, > 0.
    mfu : float
        Utilisation :math:`u` of the compute phase, in (0, 1].
    bandwidth : float or array_like
        Per-accelerator network bandwidth :math:`B_\mathrm{link}`, bytes/s, > 0.
    latency : float or array_like, optional
        Per-step link latency :math:`\alpha`, seconds, >= 0 (default 0).
    bytes_per_gradient : float, optional
        Bytes :math:`b` per gradient element, > 0 (default 2, BF16).
    overlap : float, optional
        Fraction :math:`\phi` of the shorter phase hidden behind the longer, in [0, 1] (default 0).
    model_parallel : int, optional
        Accelerators :math:`m` sharing one model replica, a whole number >= 1 (default 1).

    Returns
    -------
    DataParallelStep
        Named tuple ``(compute, communication, total, efficiency)``, seconds and dimensionless.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If a size, bandwidth or peak is not finite and > 0, a count is not a whole number >= 1,
        ``n_gpus`` is not a multiple of ``model_parallel``, ``mfu`` lies outside (0, 1],
        ``overlap`` outside [0, 1], or ``latency`` is negative.

    References
    ----------
    .. [1] P. Patarasuk and X. Yuan, J. Parallel Distrib. Comput. 69(2), 117-124 (2009).
    .. [2] D. Narayanan et al., arXiv:2104.04473 (2021), Sec. 3 (data, tensor and pipeline
       parallelism combined).
    .. [3] S. Rajbhandari, J. Rasley, O. Ruwase and Y. He, "ZeRO: Memory Optimizations Toward
       Training Trillion Parameter Models", SC20, arXiv:1910.02054 (2020), Sec. 7.

    The step time says nothing about memory: check that the model states fit first
    (:func:`model_state_bytes`).  With ZeRO stage 3 the parameters are gathered again before each
    use, so the data-parallel traffic is 1.5 times the all-reduce's [3]_: model it by multiplying
    ``bytes_per_gradient`` by 1.5.  Pipeline bubbles (:func:`pipeline_bubble_fraction`) are not
    included.

    Examples
    --------
    GPT-3 (175B parameters, 3.2M-token batch) on 1,024 A100s at 45% MFU, BF16 gradients over
    400 Gb/s (50 GB/s) links, no model parallelism and no overlap (communication only: the
    2.8 TB of model states could not fit on one GPU):

    >>> step = data_parallel_step(1024, 175e9, 3.2e6, 312e12, 0.45, 50e9)
    >>> round(step.compute, 1), round(step.communication, 1), round(step.efficiency, 2)
    (23.4, 14.0, 0.63)
    """
    n = check_count(n_gpus, "n_gpus")
    m = check_count(model_parallel, "model_parallel")
    if np.any(np.mod(n, m) != 0):
        raise ValueError(f"n_gpus must be a multiple of model_parallel={m.flat[0]:g}")
    n_par = check_positive(n_params, "n_params")
    batch = check_positive(batch_tokens, "batch_tokens")
    peak = check_positive(peak_flops, "peak_flops")
    u = _check_mfu(mfu)
    bw = check_positive(bandwidth, "bandwidth")
    alpha = check_nonnegative(latency, "latency")
    b = check_positive(bytes_per_gradient, "bytes_per_gradient")
    phi = check_in_range(overlap, "overlap", 0.0, 1.0)

    compute = 6.0 * n_par * batch / (n * peak * u)
    d = n / m  # data-parallel replicas
    communication = 2.0 * (d - 1.0) / d * (n_par * b / m) / bw + 2.0 * (d - 1.0) * alpha
    total = compute + communication - phi * np.minimum(compute, communication)
    efficiency = compute / total
    return DataParallelStep(*(as_result(x) for x in (compute, communication, total, efficiency)))
