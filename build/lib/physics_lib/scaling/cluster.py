r"""What a compute budget means in hardware: time, utilisation, communication, energy, and the memory wall.

A training run of :math:`C` FLOP (see :func:`physics_lib.scaling.laws.training_flops`, :math:`C = 6ND`)
on :math:`n` accelerators of peak :math:`P` FLOP/s that sustain a fraction :math:`u` of it (the
*model FLOPs utilisation*, MFU) takes :math:`C/(nPu)` seconds.  This module adds what stands between
peak and sustained throughput in a cluster: the memory of the model states (which decides how a model
must be sharded), the gradient all-reduce of data parallelism over a ring or in the network (the
"communication wall"), pipeline bubbles, the energy and cost of a run (power, PUE and price), and the
roofline that makes autoregressive decoding memory-bandwidth-bound (the "memory wall"), for one card
or a model sharded over several.

Units are SI throughout: FLOP, FLOP/s, bytes, bytes/s, seconds, watts, joules.  Network links are
usually quoted in gigabits per second; convert them with :func:`gigabits_to_bytes_per_second`
(1 Gb/s = 10⁹ bit/s = 1.25 × 10⁸ bytes/s).  Energy prices are per kilowatt-hour (1 kWh = 3.6 MJ),
the unit on every electricity bill; :func:`energy_cost` converts.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np
from scipy import constants

from .._validation import as_result, check_finite, check_in_range, check_integer, check_positive

__all__ = [
    "training_time",
    "model_flops_utilization",
    "sustained_flops_needed",
    "gigabits_to_bytes_per_second",
    "ring_allreduce_time",
    "in_network_allreduce_time",
    "DataParallelStep",
    "data_parallel_step",
    "model_state_bytes",
    "pipeline_bubble_fraction",
    "training_energy",
    "energy_cost",
    "roofline",
    "ridge_intensity",
    "prefill_arithmetic_intensity",
    "decode_arithmetic_intensity",
    "decode_throughput",
    "ShardedDecode",
    "sharded_decode_throughput",
    "decode_bandwidth_needed",
    "moe_weight_bytes",
]

KILOWATT_HOUR = constants.kilo * constants.hour  # J, 3.6e6


def _check_count(value, name: str) -> np.ndarray:
    """A count (GPUs, batch size): finite, integer-valued and >= 1, scalar or array."""
    array = check_finite(value, name)
    if np.any(array < 1):
        raise ValueError(f"{name} must be >= 1, got min {array.min():g}")
    if np.any(array != np.round(array)):
        raise ValueError(f"{name} must be a whole number, got {array[array != np.round(array)].flat[0]:g}")
    return array


def _check_mfu(value, name: str = "mfu") -> np.ndarray:
    return check_in_range(value, name, 0.0, 1.0, low_open=True)


def training_time(flops, n_gpus, peak_flops, mfu):
    r"""Wall-clock time of a training run of ``flops`` FLOP on ``n_gpus`` accelerators.

    .. math:: t = \frac{C}{n\,P\,u}

    where :math:`C` is the training compute, :math:`n` the number of accelerators, :math:`P` the
    peak FLOP/s of one accelerator at the precision used, and :math:`u` the model FLOPs utilisation
    (MFU, the fraction of peak spent on the model's own arithmetic).

    Parameters
    ----------
    flops : float or array_like
        Training compute :math:`C` in FLOP, > 0.
    n_gpus : float or array_like
        Number of accelerators :math:`n`, a whole number >= 1.
    peak_flops : float or array_like
        Peak throughput of one accelerator :math:`P` in FLOP/s, > 0.
    mfu : float or array_like
        Model FLOPs utilisation :math:`u`, in (0, 1].

    Returns
    -------
    float or ndarray
        Training time in seconds.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``flops`` or ``peak_flops`` is not finite and > 0, ``n_gpus`` is not a whole number
        >= 1, or ``mfu`` lies outside (0, 1].

    References
    ----------
    .. [1] D. Narayanan et al., "Efficient Large-Scale Language Model Training on GPU Clusters
       Using Megatron-LM", SC21, arXiv:2104.04473 (2021), Sec. 5.1, Eq. (4).

    Examples
    --------
    Megatron-LM's estimate for GPT-3 (8 FLOP per parameter per token with activation
    recomputation, 175B parameters, 300B tokens) on 1,024 A100s sustaining 140 TFLOP/s each,
    i.e. 1 × 140e12 FLOP/s peak at utilisation 1:

    >>> seconds = training_time(8 * 175e9 * 300e9, 1024, 140e12, 1.0)
    >>> round(seconds / 86400, 1)
    33.9
    """
    c = check_positive(flops, "flops")
    n = _check_count(n_gpus, "n_gpus")
    p = check_positive(peak_flops, "peak_flops")
    u = _check_mfu(mfu)
    return as_result(c / (n * p * u))


def model_flops_utilization(tokens_per_second_per_gpu, n_params, peak_flops, flops_per_param_token=6.0):
    r"""Model FLOPs utilisation (MFU) from an observed training throughput.

    .. math:: u = \frac{k\,N\,\dot D}{P}

    where :math:`\dot D` is the number of tokens one accelerator processes per second, :math:`N`
    the number of parameters, :math:`k` the model FLOP per parameter per token (6 for a forward
    and backward pass; recomputed activations are *not* counted, which is what distinguishes MFU
    from hardware FLOPs utilisation) and :math:`P` the accelerator's peak FLOP/s.

    PaLM's definition [1]_ also counts the attention matrix products, :math:`12LHQT` FLOP per token
    for :math:`L` layers of :math:`H` heads of dimension :math:`Q` at sequence length :math:`T`
    (:func:`physics_lib.scaling.laws.attention_flops_per_token` with ``convention="palm"``).  To
    include them pass ``flops_per_param_token = 6 + attention_flops_per_token(L, H*Q, T, "palm") / N``;
    the correction :math:`2LHQT/N` is a few per cent for large models at a 2k context (2.8 % for
    GPT-3 175B) and of order one for small models at long context.

    Parameters
    ----------
    tokens_per_second_per_gpu : float or array_like
        Observed throughput :math:`\dot D` per accelerator, tokens/s, > 0.
    n_params : float or array_like
        Number of parameters :math:`N`, > 0.
    peak_flops : float or array_like
        Peak FLOP/s :math:`P` of one accelerator, > 0.
    flops_per_param_token : float, optional
        :math:`k`, model FLOP per parameter per token, > 0 (default 6).

    Returns
    -------
    float or ndarray
        MFU, dimensionless.  A value above 1 means the inputs are inconsistent (faster than peak).

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] A. Chowdhery et al., "PaLM: Scaling Language Modeling with Pathways", arXiv:2204.02311
       (2022), Appendix B (definition of MFU, with the attention term 12LHQT).
    .. [2] H. Touvron et al., "LLaMA: Open and Efficient Foundation Language Models",
       arXiv:2302.13971 (2023), Sec. 2.4.

    Examples
    --------
    LLaMA-65B (65.2B parameters) at 380 tokens/s per A100 (312 TFLOP/s BF16 dense peak):

    >>> round(model_flops_utilization(380, 65.2e9, 312e12), 3)
    0.476
    """
    rate = check_positive(tokens_per_second_per_gpu, "tokens_per_second_per_gpu")
    n = check_positive(n_params, "n_params")
    p = check_positive(peak_flops, "peak_flops")
    k = check_positive(flops_per_param_token, "flops_per_param_token")
    return as_result(k * n * rate / p)


def sustained_flops_needed(flops, n_gpus, duration):
    r"""Sustained FLOP/s each accelerator must deliver to finish ``flops`` in ``duration``.

    .. math:: X = \frac{C}{n\,t}

    Divide by a peak to get the MFU a claim implies.

    Parameters
    ----------
    flops : float or array_like
        Training compute :math:`C` in FLOP, > 0.
    n_gpus : float or array_like
        Number of accelerators (or instances) :math:`n`, a whole number >= 1.
    duration : float or array_like
        Wall-clock time :math:`t` in seconds, > 0.

    Returns
    -------
    float or ndarray
        FLOP/s per accelerator.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``flops`` or ``duration`` is not finite and > 0, or ``n_gpus`` is not a whole number >= 1.

    References
    ----------
    .. [1] D. Narayanan et al., arXiv:2104.04473 (2021), Sec. 5.1, Eq. (4), solved for :math:`X`.

    Examples
    --------
    GPT-3's 3.14e23 FLOP (Brown et al. 2020, Table D.1) in 14 days on 130 instances:

    >>> f"{sustained_flops_needed(3.14e23, 130, 14 * 86400):.3g}"
    '2e+15'
    """
    c = check_positive(flops, "flops")
    n = _check_count(n_gpus, "n_gpus")
    t = check_positive(duration, "duration")
    return as_result(c / (n * t))


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
    p = _check_count(n_gpus, "n_gpus")
    b = check_positive(bandwidth, "bandwidth")
    alpha = check_finite(latency, "latency")
    if np.any(alpha < 0):
        raise ValueError(f"latency must be >= 0, got min {alpha.min():g}")
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
    p = _check_count(n_gpus, "n_gpus")
    b = check_positive(bandwidth, "bandwidth")
    alpha = check_finite(latency, "latency")
    if np.any(alpha < 0):
        raise ValueError(f"latency must be >= 0, got min {alpha.min():g}")
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
    n = _check_count(n_gpus, "n_gpus")
    m = _check_count(model_parallel, "model_parallel")
    if np.any(np.mod(n, m) != 0):
        raise ValueError(f"n_gpus must be a multiple of model_parallel={m.flat[0]:g}")
    n_par = check_positive(n_params, "n_params")
    batch = check_positive(batch_tokens, "batch_tokens")
    peak = check_positive(peak_flops, "peak_flops")
    u = _check_mfu(mfu)
    bw = check_positive(bandwidth, "bandwidth")
    alpha = check_finite(latency, "latency")
    if np.any(alpha < 0):
        raise ValueError(f"latency must be >= 0, got min {alpha.min():g}")
    b = check_positive(bytes_per_gradient, "bytes_per_gradient")
    phi = check_in_range(overlap, "overlap", 0.0, 1.0)

    compute = 6.0 * n_par * batch / (n * peak * u)
    d = n / m  # data-parallel replicas
    communication = 2.0 * (d - 1.0) / d * (n_par * b / m) / bw + 2.0 * (d - 1.0) * alpha
    total = compute + communication - phi * np.minimum(compute, communication)
    efficiency = compute / total
    return DataParallelStep(*(as_result(x) for x in (compute, communication, total, efficiency)))


def model_state_bytes(n_params, model_parallel=1, data_parallel=1, zero_stage=0, optimizer_bytes_per_param=12.0):
    r"""Bytes of model states (weights, gradients, optimizer) each accelerator holds.

    Mixed-precision Adam keeps, for :math:`\Psi` parameters, :math:`2\Psi` bytes of 16-bit
    weights, :math:`2\Psi` of 16-bit gradients and :math:`K\Psi` of optimizer state (FP32 master
    weights, momentum and variance: :math:`K = 12`), 16 bytes per parameter in all.  Tensor and
    pipeline parallelism over :math:`m` accelerators give each :math:`1/m` of everything; ZeRO
    shards over the :math:`N_d` data-parallel replicas as well:

    .. math::

        \text{stage 0: } \frac{(4 + K)\Psi}{m}, \quad
        \text{1: } \frac{4\Psi + K\Psi/N_d}{m}, \quad
        \text{2: } \frac{2\Psi + (2 + K)\Psi/N_d}{m}, \quad
        \text{3: } \frac{(4 + K)\Psi}{m N_d}.

    Activations, buffers and fragmentation come on top.

    Parameters
    ----------
    n_params : float or array_like
        Parameters :math:`\Psi`, > 0.
    model_parallel : float or array_like, optional
        Accelerators :math:`m` sharing one replica (tensor × pipeline), a whole number >= 1.
    data_parallel : float or array_like, optional
        Data-parallel replicas :math:`N_d`, a whole number >= 1 (matters only with ZeRO).
    zero_stage : int, optional
        ZeRO stage 0 (none), 1 (optimizer states), 2 (+ gradients) or 3 (+ weights).
    optimizer_bytes_per_param : float, optional
        :math:`K`, optimizer bytes per parameter, >= 0 (default 12, mixed-precision Adam).

    Returns
    -------
    float or ndarray
        Bytes per accelerator.

    Raises
    ------
    TypeError
        If an argument is not a real number (``zero_stage``: an integer).
    ValueError
        If ``n_params`` is not finite and > 0, a count is not a whole number >= 1,
        ``zero_stage`` is not 0-3 or ``optimizer_bytes_per_param`` is negative.

    References
    ----------
    .. [1] S. Rajbhandari, J. Rasley, O. Ruwase and Y. He, "ZeRO: Memory Optimizations Toward
       Training Trillion Parameter Models", SC20, arXiv:1910.02054 (2020), Sec. 3.1 and Fig. 1.

    Examples
    --------
    ZeRO's Figure 1 (7.5B parameters, 64 data-parallel GPUs): 120, 31.4, 16.6 and 1.9 GB:

    >>> [round(model_state_bytes(7.5e9, data_parallel=64, zero_stage=z) / 1e9, 1) for z in range(4)]
    [120.0, 31.4, 16.6, 1.9]
    """
    psi = check_positive(n_params, "n_params")
    m = _check_count(model_parallel, "model_parallel")
    nd = _check_count(data_parallel, "data_parallel")
    stage = check_integer(zero_stage, "zero_stage", minimum=0)
    if stage > 3:
        raise ValueError(f"zero_stage must be 0, 1, 2 or 3, got {stage}")
    k = check_finite(optimizer_bytes_per_param, "optimizer_bytes_per_param")
    if np.any(k < 0):
        raise ValueError(f"optimizer_bytes_per_param must be >= 0, got min {k.min():g}")
    weights, grads, optim = 2.0 * psi, 2.0 * psi, k * psi
    if stage >= 1:
        optim = optim / nd
    if stage >= 2:
        grads = grads / nd
    if stage >= 3:
        weights = weights / nd
    return as_result((weights + grads + optim) / m)


def pipeline_bubble_fraction(stages, micro_batches):
    r"""Fraction of a pipeline-parallel step spent idle (the "bubble"), 1F1B schedule.

    .. math:: f_\mathrm{bubble} = \frac{p - 1}{m + p - 1}

    With :math:`p` pipeline stages and :math:`m` micro-batches per step, the first stage waits
    :math:`p-1` micro-batch times before the last starts and the last finishes :math:`p-1` times
    after the first: :math:`p-1` idle slots out of :math:`m+p-1`.  At a fixed global batch,
    more data-parallel replicas leave fewer micro-batches to each pipeline, so the bubble grows.

    Parameters
    ----------
    stages : float or array_like
        Pipeline stages :math:`p`, a whole number >= 1.
    micro_batches : float or array_like
        Micro-batches per pipeline per step :math:`m`, > 0 (may be fractional as an average).

    Returns
    -------
    float or ndarray
        Bubble fraction in [0, 1).

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``stages`` is not a whole number >= 1 or ``micro_batches`` is not finite and > 0.

    References
    ----------
    .. [1] Y. Huang et al., "GPipe", NeurIPS 2019; D. Narayanan et al., arXiv:2104.04473 (2021),
       Sec. 2.2 (bubble :math:`(p-1)/(m+p-1)` of the time, no interleaving).

    Examples
    --------
    16 stages and 195 micro-batches (GPT-3's 1,562 sequences over 8 pipelines):

    >>> round(pipeline_bubble_fraction(16, 1562 / 8), 3)
    0.071
    """
    p = _check_count(stages, "stages")
    m = check_positive(micro_batches, "micro_batches")
    return as_result((p - 1.0) / (m + p - 1.0))


def training_energy(n_gpus, gpu_power, duration, pue=1.0):
    r"""Facility energy of a run: IT power of the accelerators times time, scaled by the PUE.

    .. math:: E = \mathrm{PUE}\cdot n\,P_\mathrm{GPU}\,t

    Power usage effectiveness is total facility energy divided by IT equipment energy (ideal 1;
    cooling, power conversion and lighting make it larger).  ``gpu_power`` is the average IT power
    attributed to one accelerator; include its share of host CPUs, memory and network if known.

    Parameters
    ----------
    n_gpus : float or array_like
        Number of accelerators, a whole number >= 1.
    gpu_power : float or array_like
        Average IT power per accelerator, W, > 0.
    duration : float or array_like
        Run time, s, > 0.
    pue : float or array_like, optional
        Power usage effectiveness, >= 1 (default 1.0: IT energy only).

    Returns
    -------
    float or ndarray
        Energy in joules.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``gpu_power`` or ``duration`` is not finite and > 0, ``n_gpus`` is not a whole
        number >= 1, or ``pue`` < 1.

    References
    ----------
    .. [1] The Green Grid, "PUE: A Comprehensive Examination of the Metric", White Paper #49
       (2012); ISO/IEC 30134-2:2016.
    .. [2] H. Touvron et al., arXiv:2302.13971 (2023), carbon-footprint section (400 W per A100, PUE 1.1).

    Examples
    --------
    10,000 accelerators at 1 kW for a year (365.25 days), PUE 1.04, in gigawatt-hours:

    >>> round(training_energy(10_000, 1000.0, 365.25 * 86400, pue=1.04) / 3.6e12, 1)
    91.2
    """
    n = _check_count(n_gpus, "n_gpus")
    power = check_positive(gpu_power, "gpu_power")
    t = check_positive(duration, "duration")
    eff = check_finite(pue, "pue")
    if np.any(eff < 1):
        raise ValueError(f"pue must be >= 1 (total facility energy / IT energy), got min {eff.min():g}")
    return as_result(eff * n * power * t)


def energy_cost(energy, price_per_kwh):
    r"""Cost of ``energy`` joules at ``price_per_kwh`` currency units per kilowatt-hour.

    .. math:: \mathrm{cost} = \frac{E}{3.6\times 10^{6}\ \mathrm{J/kWh}}\;p

    Parameters
    ----------
    energy : float or array_like
        Energy in joules, >= 0.
    price_per_kwh : float or array_like
        Electricity price per kWh, >= 0 (any currency).

    Returns
    -------
    float or ndarray
        Cost in the currency of ``price_per_kwh``.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is negative or not finite.

    References
    ----------
    .. [1] 1 kWh = 10³ W × 3600 s (``scipy.constants.kilo * scipy.constants.hour``).

    Examples
    --------
    One gigawatt-hour at 0.08 per kWh:

    >>> round(energy_cost(3.6e12, 0.08))
    80000
    """
    e = check_finite(energy, "energy")
    if np.any(e < 0):
        raise ValueError(f"energy must be >= 0, got min {e.min():g}")
    price = check_finite(price_per_kwh, "price_per_kwh")
    if np.any(price < 0):
        raise ValueError(f"price_per_kwh must be >= 0, got min {price.min():g}")
    return as_result(e / KILOWATT_HOUR * price)


def roofline(intensity, peak_flops, bandwidth):
    r"""Attainable FLOP/s of a kernel of arithmetic intensity ``intensity`` (the roofline model).

    .. math:: F(I) = \min(P,\; I\,B)

    A kernel that performs :math:`I` FLOP per byte moved from memory cannot run faster than the
    memory delivers bytes (:math:`IB`) nor than the arithmetic units compute (:math:`P`).  The
    ridge point :math:`I^* = P/B` (:func:`ridge_intensity`) separates memory-bound from
    compute-bound kernels.

    Parameters
    ----------
    intensity : float or array_like
        Arithmetic intensity :math:`I`, FLOP/byte, > 0.
    peak_flops : float or array_like
        Peak FLOP/s :math:`P`, > 0.
    bandwidth : float or array_like
        Memory bandwidth :math:`B`, bytes/s, > 0.

    Returns
    -------
    float or ndarray
        Attainable FLOP/s.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] S. Williams, A. Waterman and D. Patterson, "Roofline: an insightful visual performance
       model for multicore architectures", Commun. ACM 52(4), 65-76 (2009).

    Examples
    --------
    An A100 (312 TFLOP/s, 2.039 TB/s) running a kernel at 1 FLOP/byte, and at 1,000 FLOP/byte:

    >>> roofline(1.0, 312e12, 2.039e12), roofline(1000.0, 312e12, 2.039e12)
    (2039000000000.0, 312000000000000.0)
    """
    i = check_positive(intensity, "intensity")
    p = check_positive(peak_flops, "peak_flops")
    b = check_positive(bandwidth, "bandwidth")
    return as_result(np.minimum(p, i * b))


def ridge_intensity(peak_flops, bandwidth):
    r"""Ridge point of the roofline, :math:`I^* = P/B` in FLOP/byte.

    Parameters
    ----------
    peak_flops : float or array_like
        Peak FLOP/s :math:`P`, > 0.
    bandwidth : float or array_like
        Memory bandwidth :math:`B`, bytes/s, > 0.

    Returns
    -------
    float or ndarray
        The intensity above which a kernel is compute-bound, FLOP/byte.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] S. Williams, A. Waterman and D. Patterson, Commun. ACM 52(4), 65-76 (2009).

    Examples
    --------
    >>> round(ridge_intensity(312e12, 2.039e12))
    153
    """
    p = check_positive(peak_flops, "peak_flops")
    b = check_positive(bandwidth, "bandwidth")
    return as_result(p / b)


def prefill_arithmetic_intensity(n_tokens, bytes_per_param=2.0):
    r"""Arithmetic intensity of a prefill pass over ``n_tokens`` prompt tokens (weights dominate).

    .. math:: I_\mathrm{prefill} = \frac{2 N T}{N b} = \frac{2T}{b}

    Every weight is read once from memory (:math:`Nb` bytes) and used in one multiply-add
    (2 FLOP) for each of the :math:`T` tokens processed together.  Activations and the attention
    term are neglected.

    Parameters
    ----------
    n_tokens : float or array_like
        Tokens :math:`T` processed in one forward pass (prompt length × batch), >= 1.
    bytes_per_param : float or array_like, optional
        Bytes :math:`b` per weight, > 0 (default 2, BF16).

    Returns
    -------
    float or ndarray
        FLOP per byte.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``n_tokens`` is not a whole number >= 1 or ``bytes_per_param`` is not finite and > 0.

    References
    ----------
    .. [1] R. Pope et al., "Efficiently Scaling Transformer Inference", arXiv:2211.05102 (2022),
       Sec. 2 (prefill vs generation).

    Examples
    --------
    A 2,048-token prompt with BF16 weights:

    >>> prefill_arithmetic_intensity(2048)
    2048.0
    """
    t = _check_count(n_tokens, "n_tokens")
    b = check_positive(bytes_per_param, "bytes_per_param")
    return as_result(2.0 * t / b)


def decode_arithmetic_intensity(batch, n_params, bytes_per_param=2.0, kv_bytes_per_sequence=0.0):
    r"""Arithmetic intensity of one decoder step that generates one token for each of ``batch`` sequences.

    .. math:: I_\mathrm{decode} = \frac{2 N B}{N b + B\,s_\mathrm{KV}}

    The step reads all :math:`N` weights (:math:`Nb` bytes) once, shared by the batch, plus each
    sequence's key-value cache (:math:`s_\mathrm{KV}` bytes), and does :math:`2N` FLOP per token.
    Without a cache term :math:`I = 2B/b`: one FLOP per byte at batch 1 in BF16, two orders of
    magnitude below an A100's ridge point, which is why decoding is memory-bound.

    Parameters
    ----------
    batch : float or array_like
        Sequences decoded together :math:`B`, a whole number >= 1.
    n_params : float or array_like
        Parameters :math:`N` used per token, > 0.
    bytes_per_param : float or array_like, optional
        Bytes :math:`b` per weight, > 0 (default 2, BF16).
    kv_bytes_per_sequence : float or array_like, optional
        Key-value cache bytes read per sequence per step, >= 0 (default 0).

    Returns
    -------
    float or ndarray
        FLOP per byte.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``batch`` is not a whole number >= 1, ``n_params`` or ``bytes_per_param`` is not
        finite and > 0, or ``kv_bytes_per_sequence`` is negative.

    References
    ----------
    .. [1] R. Pope et al., arXiv:2211.05102 (2022), Sec. 2.

    Examples
    --------
    >>> decode_arithmetic_intensity(1, 70e9), decode_arithmetic_intensity(64, 70e9)
    (1.0, 64.0)
    """
    bsz = _check_count(batch, "batch")
    n = check_positive(n_params, "n_params")
    b = check_positive(bytes_per_param, "bytes_per_param")
    kv = check_finite(kv_bytes_per_sequence, "kv_bytes_per_sequence")
    if np.any(kv < 0):
        raise ValueError(f"kv_bytes_per_sequence must be >= 0, got min {kv.min():g}")
    return as_result(2.0 * n * bsz / (n * b + bsz * kv))


def decode_throughput(
    batch, n_params, peak_flops, bandwidth, bytes_per_param=2.0, kv_bytes_per_sequence=0.0, weight_bytes=None
):
    r"""Tokens per second generated by one accelerator decoding ``batch`` sequences (roofline bound).

    .. math::

        t_\mathrm{step} = \max\!\left(\frac{2 N B}{P},\; \frac{W + B\,s_\mathrm{KV}}{B_\mathrm{mem}}\right),
        \qquad \text{tokens/s} = \frac{B}{t_\mathrm{step}}

    with :math:`W = Nb` the weight bytes read per step (for a mixture of experts, pass
    ``weight_bytes`` from :func:`moe_weight_bytes` and :math:`N` = active parameters).  This is an
    upper bound: it assumes the step runs at the roofline.  Each sequence sees
    :math:`1/t_\mathrm{step}` tokens/s.

    Parameters
    ----------
    batch : float or array_like
        Sequences decoded together :math:`B`, a whole number >= 1.
    n_params : float or array_like
        Parameters :math:`N` used per token (active parameters), > 0.
    peak_flops : float or array_like
        Peak FLOP/s :math:`P`, > 0.
    bandwidth : float or array_like
        Memory bandwidth :math:`B_\mathrm{mem}`, bytes/s, > 0.
    bytes_per_param : float or array_like, optional
        Bytes :math:`b` per weight, > 0 (default 2, BF16); ignored if ``weight_bytes`` is given.
    kv_bytes_per_sequence : float or array_like, optional
        Key-value cache bytes read per sequence per step, >= 0 (default 0).
    weight_bytes : float or array_like, optional
        Weight bytes :math:`W` read per step, > 0 (default :math:`Nb`).

    Returns
    -------
    float or ndarray
        Aggregate tokens/s.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``batch`` is not a whole number >= 1, a size, peak or bandwidth is not finite and > 0,
        or ``kv_bytes_per_sequence`` is negative.

    References
    ----------
    .. [1] R. Pope et al., arXiv:2211.05102 (2022), Sec. 2.
    .. [2] S. Williams, A. Waterman and D. Patterson, Commun. ACM 52(4), 65-76 (2009).

    Examples
    --------
    A 70B model in BF16 (140 GB of weights) on an accelerator with 2.039 TB/s: about 14.6 tokens/s
    at batch 1, 64 times that at batch 64 (still memory-bound):

    >>> round(decode_throughput(1, 70e9, 312e12, 2.039e12), 1)
    14.6
    >>> round(decode_throughput(64, 70e9, 312e12, 2.039e12) / decode_throughput(1, 70e9, 312e12, 2.039e12))
    64
    """
    bsz = _check_count(batch, "batch")
    n = check_positive(n_params, "n_params")
    peak = check_positive(peak_flops, "peak_flops")
    bw = check_positive(bandwidth, "bandwidth")
    kv = check_finite(kv_bytes_per_sequence, "kv_bytes_per_sequence")
    if np.any(kv < 0):
        raise ValueError(f"kv_bytes_per_sequence must be >= 0, got min {kv.min():g}")
    if weight_bytes is None:
        w = n * check_positive(bytes_per_param, "bytes_per_param")
    else:
        w = check_positive(weight_bytes, "weight_bytes")
    step = np.maximum(2.0 * n * bsz / peak, (w + bsz * kv) / bw)
    return as_result(bsz / step)


class ShardedDecode(NamedTuple):
    """Decode rates of a model sharded over several cards (tokens/s)."""

    total: float | np.ndarray
    """Tokens per second generated by all cards together."""
    per_card: float | np.ndarray
    """The total divided by the number of cards."""
    per_sequence: float | np.ndarray
    """Tokens per second each of the ``batch`` sequences sees (one per step)."""


def sharded_decode_throughput(
    batch, n_cards, n_params, peak_flops, bandwidth, bytes_per_param=2.0, kv_bytes_per_sequence=0.0, weight_bytes=None
):
    r"""Decode rates when the weights are sharded over ``n_cards`` cards that read in parallel.

    .. math::

        t_\mathrm{step} = \max\!\left(\frac{2 N B}{n P},\;
        \frac{W + B\,s_\mathrm{KV}}{n B_\mathrm{mem}}\right), \qquad
        \text{total} = \frac{B}{t_\mathrm{step}}, \quad
        \text{per card} = \frac{B}{n\,t_\mathrm{step}}, \quad
        \text{per sequence} = \frac{1}{t_\mathrm{step}}

    Each card reads its :math:`1/n` share of the step's bytes and does :math:`1/n` of its FLOP
    (the roofline of :func:`decode_throughput` with :math:`n` times the peak and the bandwidth);
    communication between the cards is ignored, so these are upper bounds.  The per-card rate does
    not depend on :math:`n`; the rate each sequence sees is :math:`n` times that of one card.

    Parameters
    ----------
    batch : float or array_like
        Sequences decoded together :math:`B`, a whole number >= 1.
    n_cards : float or array_like
        Cards sharing the model :math:`n`, a whole number >= 1.
    n_params : float or array_like
        Parameters :math:`N` used per token (active parameters), > 0.
    peak_flops : float or array_like
        Peak FLOP/s :math:`P` of one card, > 0.
    bandwidth : float or array_like
        Memory bandwidth :math:`B_\mathrm{mem}` of one card, bytes/s, > 0.
    bytes_per_param : float or array_like, optional
        Bytes :math:`b` per weight, > 0 (default 2); ignored if ``weight_bytes`` is given.
    kv_bytes_per_sequence : float or array_like, optional
        Key-value cache bytes read per sequence per step, >= 0 (default 0).
    weight_bytes : float or array_like, optional
        Weight bytes :math:`W` read per step by all cards together, > 0 (default :math:`Nb`; for a
        mixture of experts use :func:`moe_weight_bytes`).

    Returns
    -------
    ShardedDecode
        Named tuple ``(total, per_card, per_sequence)`` in tokens/s.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        As :func:`decode_throughput`, and if ``n_cards`` is not a whole number >= 1.

    References
    ----------
    .. [1] R. Pope et al., "Efficiently Scaling Transformer Inference", arXiv:2211.05102 (2022).

    Examples
    --------
    DeepSeek-V3/R1 in FP8 (671B total, 37B active) on the minimum of 9 cards of 80 GB and
    1.6 TB/s, at 420 concurrent sequences: just over 1,000 tokens/s per card, 21.5 per sequence:

    >>> w = moe_weight_bytes(420, 671e9, 37e9, 256, 8)
    >>> r = sharded_decode_throughput(420, 9, 37e9, 1e15, 1.6e12, weight_bytes=w)
    >>> round(r.per_card), round(r.per_sequence, 1)
    (1001, 21.5)
    """
    bsz = _check_count(batch, "batch")
    n = _check_count(n_cards, "n_cards")
    params = check_positive(n_params, "n_params")
    peak = check_positive(peak_flops, "peak_flops")
    bw = check_positive(bandwidth, "bandwidth")
    kv = check_finite(kv_bytes_per_sequence, "kv_bytes_per_sequence")
    if np.any(kv < 0):
        raise ValueError(f"kv_bytes_per_sequence must be >= 0, got min {kv.min():g}")
    if weight_bytes is None:
        w = params * check_positive(bytes_per_param, "bytes_per_param")
    else:
        w = check_positive(weight_bytes, "weight_bytes")
    step = np.maximum(2.0 * params * bsz / (n * peak), (w + bsz * kv) / (n * bw))
    return ShardedDecode(*(as_result(x) for x in (bsz / step, bsz / (n * step), 1.0 / step)))


def decode_bandwidth_needed(tokens_per_second, batch, weight_bytes, kv_bytes_per_sequence=0.0):
    r"""Memory bandwidth needed to generate ``tokens_per_second`` in total at batch ``batch``.

    .. math:: B_\mathrm{mem} = \frac{\dot T}{B}\,\left(W + B\,s_\mathrm{KV}\right)

    Each step yields :math:`B` tokens and reads :math:`W + B s_\mathrm{KV}` bytes, so
    :math:`\dot T/B` steps per second need that many bytes per step.  A lower bound: it assumes
    every byte is read at full bandwidth and ignores the compute time.

    Parameters
    ----------
    tokens_per_second : float or array_like
        Target aggregate rate :math:`\dot T`, tokens/s, > 0.
    batch : float or array_like
        Sequences decoded together :math:`B`, a whole number >= 1.
    weight_bytes : float or array_like
        Weight bytes :math:`W` read per step, > 0.
    kv_bytes_per_sequence : float or array_like, optional
        Key-value cache bytes read per sequence per step, >= 0 (default 0).

    Returns
    -------
    float or ndarray
        Bandwidth in bytes/s.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``tokens_per_second`` or ``weight_bytes`` is not finite and > 0, ``batch`` is not a
        whole number >= 1, or ``kv_bytes_per_sequence`` is negative.

    References
    ----------
    .. [1] R. Pope et al., arXiv:2211.05102 (2022), Sec. 2.

    Examples
    --------
    1,000 tokens/s for one user of a model whose active weights are 37 GB (37B parameters in FP8):

    >>> f"{decode_bandwidth_needed(1000, 1, 37e9):.3g}"
    '3.7e+13'
    """
    rate = check_positive(tokens_per_second, "tokens_per_second")
    bsz = _check_count(batch, "batch")
    w = check_positive(weight_bytes, "weight_bytes")
    kv = check_finite(kv_bytes_per_sequence, "kv_bytes_per_sequence")
    if np.any(kv < 0):
        raise ValueError(f"kv_bytes_per_sequence must be >= 0, got min {kv.min():g}")
    return as_result(rate / bsz * (w + bsz * kv))


def moe_weight_bytes(batch, total_params, active_params, n_experts, experts_per_token, bytes_per_param=1.0):
    r"""Expected weight bytes a mixture-of-experts decoder step reads for a batch of ``batch`` tokens.

    Split the parameters into a shared part :math:`S` (attention, embeddings, shared experts),
    used by every token, and routed experts :math:`R`, of which each token uses a fraction
    :math:`k/E`.  From the published totals, :math:`S + R = N_\mathrm{total}` and
    :math:`S + R k/E = N_\mathrm{active}`.  If tokens pick experts independently and uniformly, an
    expert is untouched by all :math:`B` tokens with probability :math:`(1-k/E)^B`, so

    .. math:: W(B) = b\left[S + R\left(1 - (1 - k/E)^{B}\right)\right],

    rising from :math:`b N_\mathrm{active}` at :math:`B = 1` to :math:`b N_\mathrm{total}` at large
    :math:`B`.  Uniform routing is an idealisation (real routers are load-balanced, not uniform).

    Parameters
    ----------
    batch : float or array_like
        Tokens decoded together :math:`B`, a whole number >= 1.
    total_params : float
        All parameters :math:`N_\mathrm{total}`, > 0.
    active_params : float
        Parameters used per token :math:`N_\mathrm{active}`, with
        :math:`N_\mathrm{total}k/E \le N_\mathrm{active} \le N_\mathrm{total}`.
    n_experts : int
        Routed experts per layer :math:`E`, a whole number >= 1.
    experts_per_token : int
        Routed experts each token uses :math:`k`, a whole number in [1, E].
    bytes_per_param : float, optional
        Bytes :math:`b` per weight, > 0 (default 1, FP8).

    Returns
    -------
    float or ndarray
        Expected bytes read per step.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If a count is not a whole number >= 1, ``experts_per_token`` > ``n_experts``, a size is
        not finite and > 0, or ``active_params`` lies outside
        [``total_params`` k/E, ``total_params``].

    References
    ----------
    .. [1] DeepSeek-AI, "DeepSeek-V3 Technical Report", arXiv:2412.19437 (2024): 671B total,
       37B activated parameters; 256 routed experts, 8 per token.

    Examples
    --------
    >>> round(moe_weight_bytes(1, 671e9, 37e9, 256, 8) / 1e9, 1)
    37.0
    >>> round(moe_weight_bytes(10_000, 671e9, 37e9, 256, 8) / 1e9, 1)
    671.0
    """
    bsz = _check_count(batch, "batch")
    total = check_positive(total_params, "total_params")
    active = check_positive(active_params, "active_params")
    e = _check_count(n_experts, "n_experts")
    k = _check_count(experts_per_token, "experts_per_token")
    if np.any(k > e):
        raise ValueError("experts_per_token must be <= n_experts")
    b = check_positive(bytes_per_param, "bytes_per_param")
    frac = k / e
    if np.any(active > total) or np.any(active < total * frac * (1 - 1e-12)):
        raise ValueError("active_params must lie in [total_params * experts_per_token / n_experts, total_params]")
    denominator = np.where(frac < 1.0, 1.0 - frac, 1.0)  # k = E: every expert always used
    shared = np.clip((active - total * frac) / denominator, 0.0, None)
    routed = total - shared
    return as_result(b * (shared + routed * (1.0 - (1.0 - frac) ** bsz)))
