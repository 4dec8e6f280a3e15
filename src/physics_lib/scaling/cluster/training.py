r"""Training time and utilisation: :math:`t = C/(nPu)`, and the MFU an observed throughput implies.

A training run of :math:`C` FLOP (see :func:`physics_lib.scaling.laws.training_flops`, :math:`C = 6ND`)
on :math:`n` accelerators of peak :math:`P` FLOP/s that sustain a fraction :math:`u` of it (the
*model FLOPs utilisation*, MFU) takes :math:`C/(nPu)` seconds (:func:`training_time`);
:func:`model_flops_utilization` and :func:`sustained_flops_needed` run the relation backwards.
"""

from __future__ import annotations

from ..._validation import as_result, check_count, check_positive
from ._common import _check_mfu

__all__ = ["training_time", "model_flops_utilization", "sustained_flops_needed"]


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
    n = check_count(n_gpus, "n_gpus")
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
    n = check_count(n_gpus, "n_gpus")
    t = check_positive(duration, "duration")
    return as_result(c / (n * t))
