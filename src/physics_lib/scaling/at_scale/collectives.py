r"""Collectives: a double-binary-tree all-reduce and a two-level (hierarchical) all-reduce."""

from __future__ import annotations

import numpy as np

from ..._validation import as_result, check_count, check_nonnegative, check_positive

__all__ = ["tree_allreduce_time", "hierarchical_allreduce_time"]


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
    p = check_count(n_gpus, "n_gpus")
    bw = check_positive(bandwidth, "bandwidth")
    alpha = check_nonnegative(latency, "latency")
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
    a = check_count(gpus_per_node, "gpus_per_node")
    b = check_count(n_nodes, "n_nodes")
    bw_in = check_positive(intra_bandwidth, "intra_bandwidth")
    bw_out = check_positive(inter_bandwidth, "inter_bandwidth")
    alpha_in = check_nonnegative(intra_latency, "intra_latency")
    alpha_out = check_nonnegative(inter_latency, "inter_latency")
    inside = 2.0 * ((a - 1.0) / a * s / bw_in + (a - 1.0) * alpha_in)
    across = 2.0 * (b - 1.0) / b * s / (a * bw_out) + 2.0 * (b - 1.0) * alpha_out
    return as_result(inside + across)
