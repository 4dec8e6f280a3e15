r"""The roofline and the memory wall: attainable FLOP/s against arithmetic intensity.

:func:`roofline` and its ridge point (:func:`ridge_intensity`), and the arithmetic intensity of a
prefill pass (:func:`prefill_arithmetic_intensity`) and of a decoder step
(:func:`decode_arithmetic_intensity`), which makes autoregressive decoding memory-bandwidth-bound.
"""

from __future__ import annotations

import numpy as np

from ..._validation import as_result, check_count, check_nonnegative, check_positive

__all__ = ["roofline", "ridge_intensity", "prefill_arithmetic_intensity", "decode_arithmetic_intensity"]


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
    t = check_count(n_tokens, "n_tokens")
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
    bsz = check_count(batch, "batch")
    n = check_positive(n_params, "n_params")
    b = check_positive(bytes_per_param, "bytes_per_param")
    kv = check_nonnegative(kv_bytes_per_sequence, "kv_bytes_per_sequence")
    return as_result(2.0 * n * bsz / (n * b + bsz * kv))
