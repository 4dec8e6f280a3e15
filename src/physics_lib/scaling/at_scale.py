r"""Training and serving at scale: failures, parallel layouts, collectives, topology, KV cache, racks.

The companion of :mod:`physics_lib.scaling.cluster` for the chapter "Training and serving at scale".
It reuses that module's ring all-reduce, model-state memory and pipeline bubble, and adds

- **failures and checkpoints**: the MTBF of a system of many parts, Young's and Daly's optimal
  checkpoint interval, and the goodput (fraction of wall time that advances training);
- **parallel layouts**: activation memory per layer (Korthikanti et al. 2022), tensor-parallel
  traffic per layer (Megatron-LM), and the memory, bubble and communication of a (t, p, d) layout;
- **collectives and topology**: a double-binary-tree all-reduce, a two-level (hierarchical)
  all-reduce, and the arithmetic of fat-trees of k-port switches (Al-Fares et al. 2008);
- **inference memory**: the key-value cache of multi-head, grouped-query and latent attention, and
  how many sequences it lets one card serve;
- **the rack**: wall power from its parts, the coolant flow that carries the heat away, and what a
  PUE demands of the cooling plant.

Units are SI: seconds, bytes, bytes/s, watts, kelvin, m³/s.
"""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import as_result, check_finite, check_in_range, check_integer, check_nonnegative, check_positive
from .cluster._common import _check_count
from .cluster.communication import ring_allreduce_time
from .cluster.parallelism import model_state_bytes, pipeline_bubble_fraction

__all__ = [
    "cluster_mtbf",
    "checkpoint_interval",
    "goodput",
    "activation_bytes_per_layer",
    "tensor_parallel_bytes_per_layer",
    "ParallelLayout",
    "parallel_layout",
    "tree_allreduce_time",
    "hierarchical_allreduce_time",
    "FatTree",
    "fat_tree",
    "fat_tree_radix_for",
    "kv_cache_bytes",
    "latent_kv_cache_bytes",
    "max_concurrent_sequences",
    "rack_power",
    "coolant_flow",
    "cooling_cop_required",
]

AIR_DENSITY = 1.2  # kg/m³, dry air near 20 °C and 1 atm
AIR_SPECIFIC_HEAT = 1005.0  # J/(kg K), dry air at constant pressure near room temperature


def _check_option(value, name: str, options: tuple[str, ...]) -> str:
    if not isinstance(value, str):
        raise TypeError(f"{name} must be one of {options}, got {value!r}")
    if value not in options:
        raise ValueError(f"{name} must be one of {options}, got {value!r}")
    return value


# ---------------------------------------------------------------------------------------------
# Failures and checkpoints
# ---------------------------------------------------------------------------------------------


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
    n = _check_count(n_components, "n_components")
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


# ---------------------------------------------------------------------------------------------
# Parallel layouts
# ---------------------------------------------------------------------------------------------


def activation_bytes_per_layer(seq_len, micro_batch, hidden, heads, tensor_parallel=1, recompute="none", sequence_parallel="yes"):
    r"""Bytes of activations one transformer layer stores for the backward pass, per GPU.

    Korthikanti et al. (2022) count, for sequence length :math:`s`, micro-batch :math:`b`, hidden
    size :math:`h`, :math:`a` heads and 16-bit activations (their Table 2):

    .. math::

        \text{none: } sbh\left(34 + \frac{5as}{h}\right), \qquad
        \text{tensor parallel } t\text{: } sbh\left(10 + \frac{24}{t} + \frac{5as}{ht}\right),

    with sequence parallelism :math:`\frac{sbh}{t}\left(34 + \frac{5as}{h}\right)`; selective
    recomputation (of the attention scores, softmax and dropout) removes the :math:`5as/h` term;
    full recomputation keeps only each layer's input, :math:`2sbh`.  The :math:`5as/h` term is
    the :math:`a s^2 b` attention scores, which dominate at long sequences.

    Parameters
    ----------
    seq_len : float or array_like
        Sequence length :math:`s`, tokens, > 0.
    micro_batch : float or array_like
        Micro-batch size :math:`b`, sequences, > 0.
    hidden : float or array_like
        Hidden size :math:`h`, > 0.
    heads : float or array_like
        Attention heads :math:`a`, > 0.
    tensor_parallel : float or array_like, optional
        Tensor-parallel degree :math:`t`, a whole number >= 1.
    recompute : {"none", "selective", "full"}, optional
        Activation recomputation (default ``"none"``).
    sequence_parallel : {"yes", "no"}, optional
        Whether the layer norms and dropouts are split along the sequence over the :math:`t`
        GPUs as well (default ``"yes"``; irrelevant for :math:`t = 1` and for full recomputation).

    Returns
    -------
    float or ndarray
        Bytes per layer per GPU.

    Raises
    ------
    TypeError
        If a number is not real, or an option is not a string.
    ValueError
        If a size is not finite and > 0, ``tensor_parallel`` is not a whole number >= 1, or an
        option is unknown.

    References
    ----------
    .. [1] V. Korthikanti et al., "Reducing activation recomputation in large transformer
       models", MLSys 2023, arXiv:2205.05198 (2022), Sec. 4 and Table 2.

    Examples
    --------
    GPT-3 175B (s = 2048, h = 12288, a = 96), one sequence, no parallelism: 2.87 GB per layer:

    >>> round(activation_bytes_per_layer(2048, 1, 12288, 96) / 1e9, 2)
    2.87
    """
    s = check_positive(seq_len, "seq_len")
    b = check_positive(micro_batch, "micro_batch")
    h = check_positive(hidden, "hidden")
    a = check_positive(heads, "heads")
    t = _check_count(tensor_parallel, "tensor_parallel")
    how = _check_option(recompute, "recompute", ("none", "selective", "full"))
    sp = _check_option(sequence_parallel, "sequence_parallel", ("yes", "no"))
    sbh = s * b * h
    scores = 5.0 * a * s / h
    if how == "full":
        return as_result(2.0 * sbh + 0.0 * t)
    if how == "selective":
        scores = 0.0 * scores
    if sp == "yes":
        return as_result(sbh * (34.0 + scores) / t)
    return as_result(sbh * (10.0 + 24.0 / t + scores / t))


def tensor_parallel_bytes_per_layer(seq_len, micro_batch, hidden, tensor_parallel, bytes_per_value=2.0):
    r"""Bytes each GPU sends per transformer layer per micro-batch for Megatron tensor parallelism.

    .. math:: V = 4 \times 2\,\frac{t-1}{t}\; s\,b\,h\,\beta

    Megatron-LM splits each attention and MLP block so that it needs one all-reduce of the
    :math:`s\,b\,h` activations in the forward pass and one in the backward pass: four all-reduces
    per layer [1]_.  A ring all-reduce of :math:`S` bytes sends :math:`2\frac{t-1}{t}S` from each
    GPU, so a layer costs :math:`8\,sbh\,(t-1)/t` values per GPU [2]_, times :math:`\beta` bytes
    per value.  (Sequence parallelism replaces each all-reduce by a reduce-scatter plus an
    all-gather: the same traffic.)

    Parameters
    ----------
    seq_len, micro_batch, hidden : float or array_like
        :math:`s` (tokens), :math:`b` (sequences) and :math:`h`, each > 0.
    tensor_parallel : float or array_like
        Tensor-parallel degree :math:`t`, a whole number >= 1 (one GPU: no traffic).
    bytes_per_value : float or array_like, optional
        :math:`\beta`, bytes per activation value, > 0 (default 2, BF16).

    Returns
    -------
    float or ndarray
        Bytes sent by each GPU per layer per micro-batch, forward and backward together.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If a size is not finite and > 0 or ``tensor_parallel`` is not a whole number >= 1.

    References
    ----------
    .. [1] M. Shoeybi et al., "Megatron-LM: Training multi-billion parameter language models
       using model parallelism", arXiv:1909.08053 (2019), Sec. 3 and Fig. 4.
    .. [2] D. Narayanan et al., "Efficient large-scale language model training on GPU clusters
       using Megatron-LM", SC21, arXiv:2104.04473 (2021), Sec. 3.2.

    Examples
    --------
    GPT-3 (s = 2048, h = 12288), one sequence, t = 8: 352 MB per layer per micro-batch:

    >>> round(tensor_parallel_bytes_per_layer(2048, 1, 12288, 8) / 1e6)
    352
    """
    s = check_positive(seq_len, "seq_len")
    b = check_positive(micro_batch, "micro_batch")
    h = check_positive(hidden, "hidden")
    t = _check_count(tensor_parallel, "tensor_parallel")
    beta = check_positive(bytes_per_value, "bytes_per_value")
    return as_result(8.0 * (t - 1.0) / t * s * b * h * beta)


class ParallelLayout(NamedTuple):
    """Memory per GPU and time per optimiser step of a tensor × pipeline × data layout."""

    state_bytes: float
    """Model states (weights, gradients, optimizer) per GPU, bytes."""
    activation_bytes: float
    """Activations held by the first pipeline stage (the fullest), bytes."""
    memory_bytes: float
    """The two together, bytes."""
    micro_batches: float
    """Micro-batches per pipeline per step."""
    bubble: float
    """Fraction of the pipeline's time spent idle."""
    compute: float
    """Arithmetic time per step without bubble, seconds."""
    tensor_comm: float
    """Tensor-parallel all-reduces per step (not overlapped), seconds."""
    data_comm: float
    """Gradient all-reduce across the data-parallel replicas (not overlapped), seconds."""
    step: float
    """Time per optimiser step, seconds."""
    efficiency: float
    """compute / step."""


def parallel_layout(
    n_params,
    n_layers,
    hidden,
    heads,
    seq_len,
    global_batch,
    tensor_parallel,
    pipeline_parallel,
    data_parallel,
    peak_flops,
    mfu,
    intra_bandwidth,
    inter_bandwidth,
    micro_batch=1,
    gpus_per_node=8,
    recompute="full",
    zero_stage=0,
):
    r"""Memory per GPU, pipeline bubble and communication of a (t, p, d) layout of a transformer.

    With :math:`n = tpd` GPUs, :math:`m = B/(d\,b)` micro-batches of :math:`b` sequences per
    pipeline and :math:`L/p` layers per stage:

    .. math::

        M_\mathrm{GPU} = \frac{16\Psi}{tp}\ (\text{ZeRO: }\texttt{model\_state\_bytes})
            + L\,A(s, b, h, a, t), \qquad
        t_\mathrm{step} = \left(t_\mathrm{comp} + t_\mathrm{TP}\right)\frac{m + p - 1}{m}
            + t_\mathrm{DP},

    where :math:`A` is :func:`activation_bytes_per_layer` (with 1F1B the first stage holds
    :math:`p` micro-batches of :math:`L/p` layers: :math:`L` layers' worth, whatever :math:`p`),
    :math:`t_\mathrm{comp} = F\,\Psi\,B\,s/(n P u)` with :math:`F = 8` FLOP per parameter per
    token under full recomputation (6 otherwise), :math:`t_\mathrm{TP} = m\,(L/p)\times 4` ring
    all-reduces of :math:`sbh` 16-bit values over :math:`t` GPUs (at ``intra_bandwidth`` if
    :math:`t` fits in a server, else at ``inter_bandwidth``), and :math:`t_\mathrm{DP}` the ring
    all-reduce of :math:`2\Psi/(tp)` gradient bytes over :math:`d` replicas at ``inter_bandwidth``.
    Pipeline point-to-point traffic, latency and overlap are neglected: a first-order model.

    Parameters
    ----------
    n_params : float
        Parameters :math:`\Psi`, > 0.
    n_layers : int
        Transformer layers :math:`L`, >= 1, a multiple of ``pipeline_parallel``.
    hidden, heads, seq_len : float
        :math:`h`, :math:`a`, :math:`s`, each > 0.
    global_batch : float
        Sequences per optimiser step :math:`B`, > 0.
    tensor_parallel, pipeline_parallel, data_parallel : int
        :math:`t`, :math:`p`, :math:`d`, each >= 1.
    peak_flops : float
        Peak FLOP/s per GPU :math:`P`, > 0.
    mfu : float
        Fraction of peak :math:`u` in (0, 1] the arithmetic sustains.
    intra_bandwidth, inter_bandwidth : float
        Per-GPU bandwidth inside a server and between servers, bytes/s, > 0.
    micro_batch : int, optional
        Sequences per micro-batch :math:`b`, >= 1 (default 1).
    gpus_per_node : int, optional
        GPUs sharing the fast links, >= 1 (default 8).
    recompute : {"none", "selective", "full"}, optional
        Activation recomputation (default ``"full"``, as Megatron-LM ran GPT-3).
    zero_stage : int, optional
        ZeRO stage 0-3 over the data-parallel replicas (default 0).

    Returns
    -------
    ParallelLayout

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If an argument is out of range, ``n_layers`` is not a multiple of ``pipeline_parallel`` or
        a pipeline gets less than one micro-batch.

    References
    ----------
    .. [1] D. Narayanan et al., SC21, arXiv:2104.04473 (2021), Secs. 2-3 and Table 1.
    .. [2] V. Korthikanti et al., arXiv:2205.05198 (2022).
    .. [3] S. Rajbhandari et al., "ZeRO", SC20, arXiv:1910.02054 (2020).

    Examples
    --------
    GPT-3 175B as Megatron-LM ran it (t = 8, p = 16, d = 8, 1,536 sequences per batch):

    >>> r = parallel_layout(175e9, 96, 12288, 96, 2048, 1536, 8, 16, 8, 312e12, 0.5, 300e9, 25e9)
    >>> round(r.memory_bytes / 1e9, 1), round(r.bubble, 3)
    (26.7, 0.072)
    """
    psi = check_positive(n_params, "n_params")
    n_layers = check_integer(n_layers, "n_layers", minimum=1)
    h = check_positive(hidden, "hidden")
    a = check_positive(heads, "heads")
    s = check_positive(seq_len, "seq_len")
    batch = check_positive(global_batch, "global_batch")
    t = check_integer(tensor_parallel, "tensor_parallel", minimum=1)
    p = check_integer(pipeline_parallel, "pipeline_parallel", minimum=1)
    d = check_integer(data_parallel, "data_parallel", minimum=1)
    peak = check_positive(peak_flops, "peak_flops")
    u = check_in_range(mfu, "mfu", 0.0, 1.0, low_open=True)
    bw_in = check_positive(intra_bandwidth, "intra_bandwidth")
    bw_out = check_positive(inter_bandwidth, "inter_bandwidth")
    b = check_integer(micro_batch, "micro_batch", minimum=1)
    node = check_integer(gpus_per_node, "gpus_per_node", minimum=1)
    how = _check_option(recompute, "recompute", ("none", "selective", "full"))
    stage = check_integer(zero_stage, "zero_stage", minimum=0)
    if n_layers % p:
        raise ValueError(f"n_layers must be a multiple of pipeline_parallel={p}, got {n_layers}")
    m = float(batch) / (d * b)
    if m < 1:
        raise ValueError(f"global_batch must give each of the data_parallel={d} pipelines at least one micro-batch of {b}, got {float(batch):g} sequences")

    states = float(model_state_bytes(psi, model_parallel=t * p, data_parallel=d, zero_stage=stage))
    per_layer = float(activation_bytes_per_layer(s, b, h, a, t, recompute=how))
    activations = n_layers * per_layer
    n = t * p * d
    flops_per_param_token = 8.0 if how == "full" else 6.0
    compute = float(flops_per_param_token * psi * batch * s / (n * peak * u))
    link = bw_in if t <= node else bw_out
    tp = m * (n_layers / p) * 4.0 * float(ring_allreduce_time(s * b * h * 2.0, t, link))
    dp = float(ring_allreduce_time(2.0 * psi / (t * p), d, bw_out))
    bubble = float(pipeline_bubble_fraction(p, m))
    step = (compute + tp) * (m + p - 1.0) / m + dp
    return ParallelLayout(states, activations, states + activations, m, bubble, compute, tp, dp, step, compute / step)


# ---------------------------------------------------------------------------------------------
# Collectives and topology
# ---------------------------------------------------------------------------------------------


def _check_latency(value, name="latency"):
    alpha = check_finite(value, name)
    if np.any(alpha < 0):
        raise ValueError(f"{name} must be >= 0, got min {alpha.min():g}")
    return alpha


def tree_allreduce_time(n_bytes, n_gpus, bandwidth, latency=0.0):
    r"""All-reduce time over two complementary binary trees (the α-β model of NCCL's trees).

    .. math:: t = 2\lceil\log_2 p\rceil\,\alpha + \frac{2S}{B} \qquad (p > 1)

    A reduction up a binary tree followed by a broadcast down it, pipelined in small chunks, costs
    one latency per level each way; running two trees in which every inner node of one is a leaf
    of the other, each carrying half the data, keeps every link busy [1]_, and the bandwidth term
    is about :math:`2S/B` [2]_.  Against the ring's :math:`2(p-1)\alpha + 2\frac{p-1}{p}S/B`
    (:func:`~physics_lib.scaling.cluster.ring_allreduce_time`) the latency falls from linear to
    logarithmic in :math:`p` for almost the same bandwidth term.  A model, not a benchmark:
    pipelining granularity and link contention are ignored.

    Parameters
    ----------
    n_bytes : float or array_like
        Buffer :math:`S` on each rank, bytes, > 0.
    n_gpus : float or array_like
        Ranks :math:`p`, a whole number >= 1 (one rank: zero time).
    bandwidth : float or array_like
        Per-rank bandwidth :math:`B`, bytes/s, > 0.
    latency : float or array_like, optional
        Per-hop latency :math:`\alpha`, seconds, >= 0 (default 0).

    Returns
    -------
    float or ndarray
        Seconds.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    .. [1] P. Sanders, J. Speck and J. L. Träff, "Two-tree algorithms for full bandwidth
       broadcast, reduction and scan", Parallel Computing 35(12), 581-594 (2009).
    .. [2] S. Jeaugey, "Massively scale your deep learning training with NCCL 2.4", NVIDIA
       Technical Blog (2019).

    Examples
    --------
    A 1 MB all-reduce over 1,024 ranks with 1 µs hops: trees 60 µs, the ring about 2 ms:

    >>> round(tree_allreduce_time(1e6, 1024, 50e9, 1e-6) * 1e6)
    60
    """
    s = check_positive(n_bytes, "n_bytes")
    p = _check_count(n_gpus, "n_gpus")
    bw = check_positive(bandwidth, "bandwidth")
    alpha = _check_latency(latency)
    levels = np.ceil(np.log2(p) - 1e-12)
    return as_result(np.where(p > 1, 2.0 * levels * alpha + 2.0 * s / bw, 0.0))


def hierarchical_allreduce_time(n_bytes, gpus_per_node, n_nodes, intra_bandwidth, inter_bandwidth, intra_latency=0.0, inter_latency=0.0):
    r"""Two-level all-reduce: reduce-scatter inside each server, all-reduce across, all-gather inside.

    .. math::

        t = 2\left[\frac{a-1}{a}\frac{S}{B_\mathrm{in}} + (a-1)\alpha_\mathrm{in}\right]
            + 2\,\frac{b-1}{b}\,\frac{S}{a\,B_\mathrm{out}} + 2(b-1)\,\alpha_\mathrm{out}

    for :math:`b` servers of :math:`a` GPUs.  After the reduce-scatter each GPU holds :math:`S/a`
    bytes of partial sums; the :math:`a` GPUs of a server then all-reduce their shares across
    servers at once, each over its own network port, so the slow links carry :math:`a` times less
    than a flat ring over all :math:`ab` GPUs would push through each of them, and the latency
    grows with :math:`a + b` instead of :math:`ab`.

    Parameters
    ----------
    n_bytes : float or array_like
        Buffer :math:`S` on each GPU, bytes, > 0.
    gpus_per_node : float or array_like
        :math:`a`, a whole number >= 1.
    n_nodes : float or array_like
        :math:`b`, a whole number >= 1.
    intra_bandwidth, inter_bandwidth : float or array_like
        Per-GPU bandwidth inside a server and to the network, bytes/s, > 0.
    intra_latency, inter_latency : float or array_like, optional
        Per-step latencies, seconds, >= 0 (default 0).

    Returns
    -------
    float or ndarray
        Seconds.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    .. [1] R. Thakur, R. Rabenseifner and W. Gropp, Int. J. High Perform. Comput. Appl. 19(1),
       49-66 (2005) (reduce-scatter + all-gather building blocks).

    Examples
    --------
    2 GB over 128 servers of 8 GPUs (300 GB/s inside, 50 GB/s out): 22 ms, against 80 ms for a
    flat ring at the slower rate:

    >>> round(hierarchical_allreduce_time(2e9, 8, 128, 300e9, 50e9) * 1e3, 1)
    21.6
    """
    s = check_positive(n_bytes, "n_bytes")
    a = _check_count(gpus_per_node, "gpus_per_node")
    b = _check_count(n_nodes, "n_nodes")
    bw_in = check_positive(intra_bandwidth, "intra_bandwidth")
    bw_out = check_positive(inter_bandwidth, "inter_bandwidth")
    alpha_in = _check_latency(intra_latency, "intra_latency")
    alpha_out = _check_latency(inter_latency, "inter_latency")
    inside = 2.0 * ((a - 1.0) / a * s / bw_in + (a - 1.0) * alpha_in)
    across = 2.0 * (b - 1.0) / b * s / (a * bw_out) + 2.0 * (b - 1.0) * alpha_out
    return as_result(inside + across)


class FatTree(NamedTuple):
    """Size of a fat-tree (folded Clos) of identical k-port switches."""

    hosts: int
    """End points at full bisection bandwidth."""
    switches: int
    """Switches in all tiers."""
    links: int
    """Cables between switches (host links not counted)."""
    diameter: int
    """Links on the longest shortest path between two hosts (switch hops: diameter - 1)."""


def fat_tree(radix, tiers=3):
    r"""Hosts, switches and diameter of a fat-tree of ``radix``-port switches.

    .. math::

        H = 2\left(\frac{k}{2}\right)^{\ell}, \qquad S = (2\ell - 1)\left(\frac{k}{2}\right)^{\ell-1},
        \qquad \text{diameter} = 2\ell \text{ links}

    for :math:`\ell` tiers of :math:`k`-port switches, every switch but the top tier using half
    its ports down and half up (the top tier all down).  Three tiers give Al-Fares et al.'s
    :math:`k^3/4` hosts on :math:`5k^2/4` switches, with full bisection bandwidth [1]_.

    Parameters
    ----------
    radix : int
        Ports per switch :math:`k`, an even integer >= 2.
    tiers : int, optional
        Switch tiers :math:`\ell`, 1 to 5 (default 3).

    Returns
    -------
    FatTree

    Raises
    ------
    TypeError
        If an argument is not an integer.
    ValueError
        If ``radix`` is odd or < 2, or ``tiers`` is not 1-5.

    References
    ----------
    .. [1] M. Al-Fares, A. Loukissas and A. Vahdat, "A scalable, commodity data center network
       architecture", SIGCOMM 2008, Sec. 3.

    Examples
    --------
    48-port switches in three tiers: 27,648 hosts on 2,880 switches:

    >>> fat_tree(48)[:2]
    (27648, 2880)
    """
    k = check_integer(radix, "radix", minimum=2)
    if k % 2:
        raise ValueError(f"radix must be even, got {k}")
    levels = check_integer(tiers, "tiers", minimum=1)
    if levels > 5:
        raise ValueError(f"tiers must be 1 to 5, got {levels}")
    half = k // 2
    if levels == 1:
        return FatTree(k, 1, 0, 2)
    hosts = 2 * half**levels
    switches = (2 * levels - 1) * half ** (levels - 1)
    links = (levels - 1) * hosts  # each tier boundary carries as many links as there are hosts
    return FatTree(hosts, switches, links, 2 * levels)


def fat_tree_radix_for(n_hosts, tiers=3):
    r"""Smallest even switch radix whose ``tiers``-tier fat-tree connects ``n_hosts`` end points.

    .. math:: k = 2\left\lceil\left(\frac{H}{2}\right)^{1/\ell}\right\rceil

    Parameters
    ----------
    n_hosts : float
        Hosts :math:`H` to connect, a whole number >= 1.
    tiers : int, optional
        Tiers :math:`\ell`, 2 to 5 (default 3).

    Returns
    -------
    int
        The radix :math:`k`.

    Raises
    ------
    TypeError
        If an argument is not a real number (``tiers``: an integer).
    ValueError
        If ``n_hosts`` is not a whole number >= 1 or ``tiers`` is not 2-5.

    References
    ----------
    .. [1] M. Al-Fares, A. Loukissas and A. Vahdat, SIGCOMM 2008.

    Examples
    --------
    100,000 accelerators, one port each: 74-port switches in three tiers (in practice 128):

    >>> fat_tree_radix_for(100_000)
    74
    """
    h = float(_check_count(n_hosts, "n_hosts"))
    levels = check_integer(tiers, "tiers", minimum=2)
    if levels > 5:
        raise ValueError(f"tiers must be 2 to 5, got {levels}")
    half = int(np.ceil((h / 2.0) ** (1.0 / levels) - 1e-9))
    while 2 * half**levels < h:
        half += 1
    while half > 1 and 2 * (half - 1) ** levels >= h:
        half -= 1
    return 2 * half


# ---------------------------------------------------------------------------------------------
# Inference memory
# ---------------------------------------------------------------------------------------------


def kv_cache_bytes(n_layers, n_kv_heads, head_dim, n_tokens, batch=1, bytes_per_value=2.0):
    r"""Bytes of the key-value cache of multi-head or grouped-query attention.

    .. math:: S_\mathrm{KV} = 2\,L\,H_\mathrm{kv}\,d_\mathrm{head}\,T\,B\,\beta

    Every layer keeps a key and a value vector per key-value head for each of the :math:`T`
    tokens of each of :math:`B` sequences.  Multi-head attention has :math:`H_\mathrm{kv}` equal to
    the query heads; grouped-query attention shares each key-value head among a group of query
    heads (Ainslie et al. 2023), multi-query attention keeps one.

    Parameters
    ----------
    n_layers, n_kv_heads, head_dim : float or array_like
        :math:`L`, :math:`H_\mathrm{kv}`, :math:`d_\mathrm{head}`, each > 0.
    n_tokens : float or array_like
        Tokens :math:`T` per sequence (context), > 0.
    batch : float or array_like, optional
        Sequences :math:`B`, > 0 (default 1).
    bytes_per_value : float or array_like, optional
        :math:`\beta`, > 0 (default 2, BF16).

    Returns
    -------
    float or ndarray
        Bytes.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] R. Pope et al., "Efficiently scaling transformer inference", arXiv:2211.05102 (2022).
    .. [2] A. Grattafiori et al., arXiv:2407.21783 (2024), Table 3 (Llama 3 405B: 126 layers,
       8 key-value heads of dimension 128).

    Examples
    --------
    Llama 3 405B in BF16: 516 kB per token:

    >>> kv_cache_bytes(126, 8, 128, 1)
    516096.0
    """
    values = [
        check_positive(v, name)
        for v, name in ((n_layers, "n_layers"), (n_kv_heads, "n_kv_heads"), (head_dim, "head_dim"),
                        (n_tokens, "n_tokens"), (batch, "batch"), (bytes_per_value, "bytes_per_value"))
    ]
    return as_result(2.0 * np.prod(np.broadcast_arrays(*values), axis=0))


def latent_kv_cache_bytes(n_layers, latent_dim, rope_dim, n_tokens, batch=1, bytes_per_value=2.0):
    r"""Bytes of the cache of multi-head latent attention (DeepSeek-V2/V3).

    .. math:: S_\mathrm{MLA} = L\,(d_c + d_h^R)\,T\,B\,\beta

    Multi-head latent attention caches, per layer and token, one compressed latent of
    :math:`d_c` values from which all heads' keys and values are re-projected, plus a shared
    :math:`d_h^R`-dimensional key that carries the rotary position [1]_.  DeepSeek-V2 sets
    :math:`d_c = 4d_h` and :math:`d_h^R = d_h/2`: the cache of grouped-query attention with
    2.25 groups.

    Parameters
    ----------
    n_layers, latent_dim, rope_dim : float or array_like
        :math:`L`, :math:`d_c`, :math:`d_h^R`, each > 0.
    n_tokens : float or array_like
        Tokens :math:`T` per sequence, > 0.
    batch : float or array_like, optional
        Sequences :math:`B`, > 0 (default 1).
    bytes_per_value : float or array_like, optional
        :math:`\beta`, > 0 (default 2, BF16).

    Returns
    -------
    float or ndarray
        Bytes.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] DeepSeek-AI, "DeepSeek-V2: A strong, economical, and efficient mixture-of-experts
       language model", arXiv:2405.04434 (2024), Sec. 2.1 and Table 1.

    Examples
    --------
    DeepSeek-V3 (61 layers, d_c = 512, d_h^R = 64) in BF16: 70 kB per token:

    >>> latent_kv_cache_bytes(61, 512, 64, 1)
    70272.0
    """
    values = [
        check_positive(v, name)
        for v, name in ((n_layers, "n_layers"), (n_tokens, "n_tokens"), (batch, "batch"), (bytes_per_value, "bytes_per_value"))
    ]
    width = check_positive(latent_dim, "latent_dim") + check_positive(rope_dim, "rope_dim")
    return as_result(width * np.prod(np.broadcast_arrays(*values), axis=0))


def max_concurrent_sequences(memory_bytes, weight_bytes, kv_bytes_per_token, context):
    r"""How many sequences of ``context`` tokens fit beside the weights in ``memory_bytes``.

    .. math:: B_\max = \left\lfloor \frac{M - W}{s_\mathrm{tok}\,T} \right\rfloor

    Parameters
    ----------
    memory_bytes : float or array_like
        Accelerator memory :math:`M` available to the model, bytes, > 0.
    weight_bytes : float or array_like
        Weights held on it :math:`W`, bytes, >= 0.
    kv_bytes_per_token : float or array_like
        Cache per token :math:`s_\mathrm{tok}` (:func:`kv_cache_bytes` with ``n_tokens=1``), > 0.
    context : float or array_like
        Tokens :math:`T` per sequence, > 0.

    Returns
    -------
    float or ndarray
        Whole number of sequences, 0 if the weights alone do not fit.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    .. [1] W. Kwon et al., "Efficient memory management for large language model serving with
       PagedAttention", SOSP 2023 (the cache, not the weights, limits the batch).

    Examples
    --------
    An 8B model in BF16 (16 GB) on an 80 GB card, 128k-token contexts at 131 kB per token:

    >>> max_concurrent_sequences(80e9, 16e9, 131072, 131072)
    3.0
    """
    mem = check_positive(memory_bytes, "memory_bytes")
    w = check_nonnegative(weight_bytes, "weight_bytes")
    per_token = check_positive(kv_bytes_per_token, "kv_bytes_per_token")
    t = check_positive(context, "context")
    return as_result(np.floor(np.maximum(mem - w, 0.0) / (per_token * t)))


# ---------------------------------------------------------------------------------------------
# The rack
# ---------------------------------------------------------------------------------------------


def rack_power(n_accelerators, accelerator_power, host_power=0.0, network_power=0.0, conversion_efficiency=1.0):
    r"""Power a rack draws from the facility: its IT parts divided by the power-conversion efficiency.

    .. math:: P_\mathrm{rack} = \frac{n\,P_\mathrm{acc} + P_\mathrm{host} + P_\mathrm{net}}{\eta}

    Every watt ends as heat in the rack (or its power shelves), so this is also the heat the
    cooling must remove.

    Parameters
    ----------
    n_accelerators : float or array_like
        Accelerators :math:`n` in the rack, a whole number >= 1.
    accelerator_power : float or array_like
        Power per accelerator :math:`P_\mathrm{acc}`, W, > 0.
    host_power : float or array_like, optional
        CPUs, memory, storage and fans of the hosts, W, >= 0 (default 0).
    network_power : float or array_like, optional
        Switches, NICs and optics in the rack, W, >= 0 (default 0).
    conversion_efficiency : float or array_like, optional
        :math:`\eta` of the rack's power supplies, in (0, 1] (default 1).

    Returns
    -------
    float or ndarray
        Watts.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    .. [1] The Green Grid, "PUE: a comprehensive examination of the metric", White Paper 49
       (2012) (IT power, measured at the IT equipment, includes its power supplies).

    Examples
    --------
    72 accelerators at 1.2 kW, 36 hosts at 0.5 kW and 10 kW of switches, 95% supplies: 120 kW:

    >>> round(rack_power(72, 1200.0, 36 * 500.0, 10e3, 0.95) / 1e3)
    120
    """
    n = _check_count(n_accelerators, "n_accelerators")
    p_acc = check_positive(accelerator_power, "accelerator_power")
    p_host = check_nonnegative(host_power, "host_power")
    p_net = check_nonnegative(network_power, "network_power")
    eta = check_in_range(conversion_efficiency, "conversion_efficiency", 0.0, 1.0, low_open=True)
    return as_result((n * p_acc + p_host + p_net) / eta)


def coolant_flow(power, delta_t, density=AIR_DENSITY, specific_heat=AIR_SPECIFIC_HEAT):
    r"""Volume flow of a coolant that carries ``power`` away while warming by ``delta_t``.

    .. math:: \dot V = \frac{P}{\rho\,c_p\,\Delta T}

    Sensible heat only (no boiling).  The defaults are dry air near room temperature
    (:math:`\rho = 1.2` kg/m³, :math:`c_p = 1005` J/(kg K)); for water pass about 997 kg/m³ and
    4180 J/(kg K), which carries some 3,500 times more heat per unit volume.

    Parameters
    ----------
    power : float or array_like
        Heat to remove :math:`P`, W, > 0.
    delta_t : float or array_like
        Temperature rise of the coolant :math:`\Delta T`, K, > 0.
    density : float or array_like, optional
        :math:`\rho`, kg/m³, > 0.
    specific_heat : float or array_like, optional
        :math:`c_p`, J/(kg K), > 0.

    Returns
    -------
    float or ndarray
        m³/s.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] ASHRAE TC 9.9, "Thermal guidelines for data processing environments" (the rack inlet
       and outlet temperatures that bound :math:`\Delta T`).

    Examples
    --------
    A 40 kW rack with a 15 K air temperature rise needs 2.2 m³ of air per second:

    >>> round(coolant_flow(40e3, 15.0), 1)
    2.2
    """
    p = check_positive(power, "power")
    dt = check_positive(delta_t, "delta_t")
    rho = check_positive(density, "density")
    cp = check_positive(specific_heat, "specific_heat")
    return as_result(p / (rho * cp * dt))


def cooling_cop_required(pue, other_overhead=0.0):
    r"""Coefficient of performance the cooling must reach for a given PUE.

    .. math:: \mathrm{COP} = \frac{P_\mathrm{IT}}{P_\mathrm{cool}}
        = \frac{1}{\mathrm{PUE} - 1 - f_\mathrm{other}}

    PUE is facility power over IT power; everything above 1 is overhead.  If a fraction
    :math:`f_\mathrm{other}` of the IT power goes to other overheads (power distribution and UPS
    losses, lighting), the cooling plant may use only the rest, and must move the IT heat with
    that much power.  No budget left (:math:`\mathrm{PUE} - 1 \le f_\mathrm{other}`): infinite.

    Parameters
    ----------
    pue : float or array_like
        Power usage effectiveness, >= 1.
    other_overhead : float or array_like, optional
        :math:`f_\mathrm{other}`, non-cooling overhead as a fraction of IT power, >= 0 (default 0).

    Returns
    -------
    float or ndarray
        Required COP (heat removed per unit of cooling power); ``inf`` if impossible.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``pue`` < 1 or ``other_overhead`` < 0, or either is not finite.

    References
    ----------
    .. [1] The Green Grid, White Paper 49 (2012).

    Examples
    --------
    PUE 1.04 with 1% lost in power distribution: the cooling must move 33 W of heat per watt:

    >>> round(cooling_cop_required(1.04, 0.01), 1)
    33.3
    """
    x = check_finite(pue, "pue")
    if np.any(x < 1):
        raise ValueError(f"pue must be >= 1, got min {x.min():g}")
    f = check_nonnegative(other_overhead, "other_overhead")
    budget = x - 1.0 - f
    with np.errstate(divide="ignore"):
        cop = np.where(budget > 0, 1.0 / np.where(budget > 0, budget, 1.0), np.inf)
    return as_result(cop)
