r"""What sharding a model costs: model-state memory per accelerator (ZeRO) and the pipeline bubble.

The memory of the model states (:func:`model_state_bytes`) decides how a model must be sharded;
pipeline parallelism leaves the stages idle for a fraction :func:`pipeline_bubble_fraction` of a step.
"""

from __future__ import annotations

from ..._validation import as_result, check_count, check_integer, check_nonnegative, check_positive

__all__ = ["model_state_bytes", "pipeline_bubble_fraction"]


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
    m = check_count(model_parallel, "model_parallel")
    nd = check_count(data_parallel, "data_parallel")
    stage = check_integer(zero_stage, "zero_stage", minimum=0)
    if stage > 3:
        raise ValueError(f"zero_stage must be 0, 1, 2 or 3, got {stage}")
    k = check_nonnegative(optimizer_bytes_per_param, "optimizer_bytes_per_param")
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
    p = check_count(stages, "stages")
    m = check_positive(micro_batches, "micro_batches")
    return as_result((p - 1.0) / (m + p - 1.0))
