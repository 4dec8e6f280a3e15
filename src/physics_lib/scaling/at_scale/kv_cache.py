r"""Inference memory: the key-value cache of multi-head, grouped-query and latent attention.

:func:`kv_cache_bytes` (multi-head and grouped-query attention), :func:`latent_kv_cache_bytes`
(multi-head latent attention), and how many sequences the cache lets one card serve
(:func:`max_concurrent_sequences`).
"""

from __future__ import annotations

import numpy as np

from ..._validation import as_result, check_nonnegative, check_positive

__all__ = ["kv_cache_bytes", "latent_kv_cache_bytes", "max_concurrent_sequences"]


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
