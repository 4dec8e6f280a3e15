r"""Parallel layouts: activation memory, tensor-parallel traffic, and a (t, p, d) layout.

Activation memory per layer (Korthikanti et al. 2022, :func:`activation_bytes_per_layer`),
tensor-parallel traffic per layer (Megatron-LM, :func:`tensor_parallel_bytes_per_layer`), and the
memory, bubble and communication of a tensor × pipeline × data layout (:func:`parallel_layout`),
built on the ring all-reduce, model-state memory and pipeline bubble of
:mod:`physics_lib.scaling.cluster`.
"""

from __future__ import annotations

from typing import NamedTuple

from ..._validation import as_result, check_count, check_in_range, check_integer, check_positive
from ..cluster.communication import ring_allreduce_time
from ..cluster.parallelism import model_state_bytes, pipeline_bubble_fraction
from ._common import _check_option

__all__ = ["activation_bytes_per_layer", "tensor_parallel_bytes_per_layer", "ParallelLayout", "parallel_layout"]


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
    t = check_count(tensor_parallel, "tensor_parallel")
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
    t = check_count(tensor_parallel, "tensor_parallel")
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
