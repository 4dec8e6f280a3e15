"""Neural scaling laws: Kaplan et al. (2020), Chinchilla (Hoffmann et al. 2022) and IsoFLOP analysis.

Units: parameters :math:`N` and tokens :math:`D` are counts, compute :math:`C` is in FLOP
(floating-point operations; Kaplan et al. quote PF-days, 1 PF-day = :data:`PF_DAY` FLOP), and
loss is the cross-entropy in nats per token.

The module holds the published laws with their constants, the closed-form compute-optimal
allocation under :math:`C = 6ND`, the Huber fit of the parametric law used by Hoffmann et al. and
Besiroglu et al., and an IsoFLOP analysis (parabola per budget, power laws across budgets) with a
reader for the IsoFLOP runs of Porian et al. (2024) shipped in ``physics_lib/data/porian2024_isoflop``.
"""

from __future__ import annotations

import itertools

import numpy as np
from scipy.optimize import brentq, minimize
from scipy.special import logsumexp
from threadpoolctl import threadpool_limits

from .._data import data_file, read_csv
from .._validation import (
    as_result,
    check_finite,
    check_integer,
    check_nonnegative,
    check_positive,
    check_same_length,
)

__all__ = [
    "PF_DAY",
    "CHINCHILLA",
    "CHINCHILLA_UNROUNDED",
    "BESIROGLU_2024",
    "CHINCHILLA_TABLE3",
    "PORIAN_CONFIGURATIONS",
    "training_flops",
    "attention_flops_per_token",
    "kaplan_loss",
    "kaplan_loss_params",
    "kaplan_loss_tokens",
    "kaplan_loss_compute",
    "kaplan_loss_joint",
    "kaplan_optimal_params",
    "chinchilla_loss",
    "compute_optimal",
    "near_optimal_range",
    "inference_aware_optimal",
    "implied_inference_tokens",
    "effective_data",
    "fit_chinchilla",
    "isoflop_minimum",
    "isoflop_analysis",
    "fit_power_law",
    "exponent_std",
    "load_porian_runs",
    "load_porian_reference",
]

PF_DAY = 1e15 * 86400.0
"""One petaFLOP/s-day in FLOP: 10^15 FLOP/s for 86,400 s, 8.64e19 FLOP."""

CHINCHILLA = {"E": 1.69, "A": 406.4, "B": 410.7, "alpha": 0.34, "beta": 0.28}
"""Hoffmann et al. (2022), Eq. (10) / Sec. 3.3: the rounded constants printed in the paper."""

CHINCHILLA_UNROUNDED = {
    "E": float(np.exp(0.5267228)),
    "A": float(np.exp(6.0073404)),
    "B": float(np.exp(6.0179186)),
    "alpha": 0.33917084,
    "beta": 0.2849083,
}
"""Hoffmann et al. (2022), unrounded constants from the paper's TeX source, as used in Epoch AI's
replication code (Besiroglu et al. 2024): E = 1.69337, A = 406.401, B = 410.723."""

BESIROGLU_2024 = {"E": 1.8172, "A": 482.01, "B": 2085.43, "alpha": 0.3478, "beta": 0.3658}
"""Besiroglu, Erdil, Barnett & You (2024), arXiv:2404.10102: refit of the parametric law on data
reconstructed from Hoffmann et al.'s Figure 4 (240 points, Huber delta = 1e-3)."""

CHINCHILLA_TABLE3 = (
    # (parameters, FLOPs, tokens): Hoffmann et al. (2022), Table 3, Approach 1
    (400e6, 1.92e19, 8.0e9),
    (1e9, 1.21e20, 20.2e9),
    (10e9, 1.23e22, 205.1e9),
    (67e9, 5.76e23, 1.5e12),
    (175e9, 3.85e24, 3.7e12),
    (280e9, 9.90e24, 5.9e12),
    (520e9, 3.43e25, 11.0e12),
    (1e12, 1.27e26, 21.2e12),
    (10e12, 1.30e28, 216.2e12),
)
"""Hoffmann et al. (2022), Table 3 (Approach 1): compute-optimal (N, FLOPs, D) rows."""

PORIAN_CONFIGURATIONS = {
    # name: (source_file, hparams, warmup, decay, param_count, loss_split); Porian et al. Fig. 1
    "kaplan_reproduction": ("summary_df", "base", "long", "kaplan", "kaplan", "train"),
    "last_layer_flops": ("summary_df", "base", "long", "kaplan", "standard", "val"),
    "warmup_corrected": ("summary_df", "base", "short", "kaplan", "standard", "val"),
    "cosine_decay": ("summary_df", "base", "short", "chinchilla", "standard", "val"),
    "fully_corrected": ("summary_df", "tuned", "short", "const", "standard", "val"),
}
"""The five steps of Porian et al. (2024), Fig. 1, from "Reproducing Kaplan et al." to
"Optimizer tuning (no decay)", as column values of ``physics_lib/data/porian2024_isoflop``."""

_DATASET = "porian2024_isoflop"
_CONFIG_COLUMNS = ("source_file", "hparams", "warmup", "decay", "param_count", "loss_split")


def training_flops(n_params, n_tokens):
    r"""Training compute of a dense transformer, :math:`C = 6ND`.

    .. math:: C \approx 6\,N\,D

    Each parameter costs one multiply-add (2 FLOP) per token in the forward pass and about twice
    that in the backward pass (gradients with respect to activations and to weights), hence
    :math:`2 + 4 = 6` FLOP per parameter per token.  Attention's context-dependent term
    (:math:`6 n_\mathrm{layer} n_\mathrm{ctx} d_\mathrm{model}` per token in Kaplan et al.'s count,
    twice that in PaLM's; see :func:`attention_flops_per_token`) and embeddings are neglected, as in
    Kaplan et al. (2020, Sec. 2.1) and Hoffmann et al. (2022, Sec. 3). The neglect is a few per cent
    for models of GPT-3's shape, but 10-20 % or more for small models at a 2048-token context.

    Parameters
    ----------
    n_params : float or array_like
        Number of parameters :math:`N`, > 0.
    n_tokens : float or array_like
        Number of training tokens :math:`D`, > 0.

    Returns
    -------
    float or ndarray
        Training compute :math:`C` in FLOP.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] J. Kaplan et al., "Scaling Laws for Neural Language Models", arXiv:2001.08361 (2020),
       Sec. 2.1.
    .. [2] T. Brown et al., "Language Models are Few-Shot Learners", arXiv:2005.14165 (2020),
       Table D.1.

    Examples
    --------
    GPT-3 175B (174,600M parameters) on 300B tokens; Brown et al. (2020), Table D.1, print
    3.14E+23 FLOP:

    >>> f"{training_flops(174.6e9, 300e9):.3g}"
    '3.14e+23'
    """
    n = check_positive(n_params, "n_params")
    d = check_positive(n_tokens, "n_tokens")
    return as_result(6.0 * n * d)


_ATTENTION_FACTOR = {"kaplan": 6.0, "palm": 12.0}


def attention_flops_per_token(n_layers, d_model, context, convention="kaplan"):
    r"""Training FLOP per token spent on attention scores, which :math:`6N` leaves out.

    Each layer forms the scores :math:`QK^\top` and applies them to :math:`V`; each product costs
    :math:`2\,T\,d_\mathrm{model}` FLOP per token in the forward pass for a context of :math:`T`
    tokens, and the backward pass doubles the forward cost. Two counts are in use:

    * ``"palm"``: both products, full context, :math:`12\,n_\mathrm{layer} d_\mathrm{model} T`
      (the :math:`12LHQT` term of PaLM's model-FLOPs utilisation, Chowdhery et al. 2022, App. B);
    * ``"kaplan"``: :math:`6\,n_\mathrm{layer} d_\mathrm{model} T`, Kaplan et al.'s
      :math:`2 n_\mathrm{layer} n_\mathrm{ctx} d_\mathrm{attn}` per forward pass (their Table 1,
      which counts the scores only) times 3; this is also what both products cost when a causal
      mask skips the masked half, and it is the count in Porian et al.'s (2024) "attention"
      configuration (their effective parameter count adds :math:`n_\mathrm{layer} d_\mathrm{model} T`).

    Compare with :math:`6N` from :func:`training_flops` (per token: ``training_flops(N, 1)``).

    Parameters
    ----------
    n_layers : float or array_like
        Number of transformer layers, > 0.
    d_model : float or array_like
        Model (residual-stream) width, > 0 (attention width assumed equal).
    context : float or array_like
        Context length :math:`T` in tokens, > 0.
    convention : {"kaplan", "palm"}
        Which count, see above.

    Returns
    -------
    float or ndarray
        FLOP per training token.

    Raises
    ------
    TypeError
        If a numeric argument is not a real number or ``convention`` is not a string.
    ValueError
        If a numeric argument is not finite and > 0, or ``convention`` is unknown.

    References
    ----------
    .. [1] J. Kaplan et al., arXiv:2001.08361 (2020), Table 1.
    .. [2] A. Chowdhery et al., "PaLM", arXiv:2204.02311 (2022), Appendix B.
    .. [3] T. Porian et al., arXiv:2406.19146 (2024).

    Examples
    --------
    Porian et al.'s smallest model (3 layers, width 96) at 2048 tokens of context, against
    :math:`6N` with :math:`N = 5{,}173{,}248` (output layer counted):

    >>> round(attention_flops_per_token(3, 96, 2048) / training_flops(5_173_248, 1), 3)
    0.114
    >>> round(attention_flops_per_token(3, 96, 2048, "palm") / training_flops(5_173_248, 1), 3)
    0.228
    """
    if not isinstance(convention, str):
        raise TypeError(f"convention must be 'kaplan' or 'palm', got {type(convention).__name__}")
    if convention not in _ATTENTION_FACTOR:
        raise ValueError(f"convention must be 'kaplan' or 'palm', got {convention!r}")
    layers = check_positive(n_layers, "n_layers")
    width = check_positive(d_model, "d_model")
    length = check_positive(context, "context")
    return as_result(_ATTENTION_FACTOR[convention] * layers * width * length)


def _power(ratio, exponent):
    return as_result(ratio**exponent)


def kaplan_loss_params(n_params, n_c=8.8e13, alpha_n=0.076):
    r"""Kaplan et al. (2020) loss of a model trained to convergence: :math:`L(N) = (N_c/N)^{\alpha_N}`.

    Parameters
    ----------
    n_params : float or array_like
        Non-embedding parameters :math:`N`, > 0.
    n_c : float
        Scale :math:`N_c`, > 0 (default 8.8e13, Kaplan et al. Eq. 1.1).
    alpha_n : float
        Exponent :math:`\alpha_N`, > 0 (default 0.076).

    Returns
    -------
    float or ndarray
        Loss in nats per token.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive number, naming it.

    References
    ----------
    .. [1] J. Kaplan et al., arXiv:2001.08361 (2020), Eq. (1.1).

    Examples
    --------
    >>> round(kaplan_loss_params(1e9), 3)
    2.376
    """
    n = check_positive(n_params, "n_params")
    return _power(check_positive(n_c, "n_c") / n, check_positive(alpha_n, "alpha_n"))


def kaplan_loss_tokens(n_tokens, d_c=5.4e13, alpha_d=0.095):
    r"""Kaplan et al. (2020) loss of a large model with early stopping: :math:`L(D) = (D_c/D)^{\alpha_D}`.

    Parameters
    ----------
    n_tokens : float or array_like
        Dataset size :math:`D` in tokens, > 0.
    d_c : float
        Scale :math:`D_c`, > 0 (default 5.4e13, Kaplan et al. Eq. 1.2).
    alpha_d : float
        Exponent :math:`\alpha_D`, > 0 (default 0.095).

    Returns
    -------
    float or ndarray
        Loss in nats per token.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive number, naming it.

    References
    ----------
    .. [1] J. Kaplan et al., arXiv:2001.08361 (2020), Eq. (1.2).

    Examples
    --------
    >>> round(kaplan_loss_tokens(300e9), 3)
    1.638
    """
    d = check_positive(n_tokens, "n_tokens")
    return _power(check_positive(d_c, "d_c") / d, check_positive(alpha_d, "alpha_d"))


def kaplan_loss_compute(compute, c_c_pf_days=3.1e8, alpha_c=0.050):
    r"""Kaplan et al. (2020) loss on the compute-efficient frontier, a power law in compute.

    .. math:: L(C_\mathrm{min}) = \left(\frac{C_c^\mathrm{min}}{C_\mathrm{min}}\right)^{\alpha_C^\mathrm{min}}

    Two values of :math:`C_c^\mathrm{min}` circulate for the same fit: **3.1e8 PF-days in the
    text (Eq. 1.3)** (the default here) and **2.3e8 PF-days in the legend of Figure 1**.  They
    differ by a factor 1.35, i.e. by :math:`1.35^{0.05} - 1 \approx 1.5\%` in loss.

    Parameters
    ----------
    compute : float or array_like
        Compute :math:`C_\mathrm{min}` in FLOP, > 0 (converted to PF-days with :data:`PF_DAY`).
    c_c_pf_days : float
        Scale :math:`C_c^\mathrm{min}` in PF-days, > 0 (default 3.1e8, Eq. 1.3).
    alpha_c : float
        Exponent :math:`\alpha_C^\mathrm{min}`, > 0 (default 0.050).

    Returns
    -------
    float or ndarray
        Loss in nats per token.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive number, naming it.

    References
    ----------
    .. [1] J. Kaplan et al., arXiv:2001.08361 (2020), Eq. (1.3) and Figure 1.

    Examples
    --------
    One PF-day, with the text's and with the figure's constant:

    >>> round(kaplan_loss_compute(PF_DAY), 3), round(kaplan_loss_compute(PF_DAY, 2.3e8), 3)
    (2.658, 2.619)
    """
    c = check_positive(compute, "compute") / PF_DAY
    return _power(check_positive(c_c_pf_days, "c_c_pf_days") / c, check_positive(alpha_c, "alpha_c"))


def kaplan_loss_joint(n_params, n_tokens, n_c=6.4e13, d_c=1.8e13, alpha_n=0.076, alpha_d=0.103):
    r"""Kaplan et al. (2020) joint law: loss of :math:`N` parameters trained on :math:`D` tokens.

    .. math:: L(N, D) = \left[\left(\frac{N_c}{N}\right)^{\alpha_N/\alpha_D} + \frac{D_c}{D}\right]^{\alpha_D}

    Parameters
    ----------
    n_params : float or array_like
        Non-embedding parameters :math:`N`, > 0.
    n_tokens : float or array_like
        Dataset size :math:`D` in tokens, > 0.
    n_c, d_c, alpha_n, alpha_d : float
        Constants of the joint fit (defaults 6.4e13, 1.8e13, 0.076, 0.103; Kaplan et al. Table 2).

    Returns
    -------
    float or ndarray
        Loss in nats per token.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive number, naming it.

    References
    ----------
    .. [1] J. Kaplan et al., arXiv:2001.08361 (2020), Eq. (1.5) and Table 2.

    Examples
    --------
    With unlimited data the joint law reduces to a pure power law in N:

    >>> bool(np.isclose(kaplan_loss_joint(1e9, 1e30), (6.4e13 / 1e9) ** 0.076))
    True
    """
    n = check_positive(n_params, "n_params")
    d = check_positive(n_tokens, "n_tokens")
    n_c = check_positive(n_c, "n_c")
    d_c = check_positive(d_c, "d_c")
    a_n = check_positive(alpha_n, "alpha_n")
    a_d = check_positive(alpha_d, "alpha_d")
    return as_result(((n_c / n) ** (a_n / a_d) + d_c / d) ** a_d)


def kaplan_loss(n_params=None, n_tokens=None, compute=None, c_c_pf_days=3.1e8):
    r"""Kaplan et al. (2020) loss with the published constants, for whichever resources are given.

    * ``n_params`` only: :math:`L(N) = (N_c/N)^{\alpha_N}` (:func:`kaplan_loss_params`);
    * ``n_tokens`` only: :math:`L(D) = (D_c/D)^{\alpha_D}` (:func:`kaplan_loss_tokens`);
    * both: :math:`L(N, D) = [(N_c/N)^{\alpha_N/\alpha_D} + D_c/D]^{\alpha_D}`
      (:func:`kaplan_loss_joint`, joint-fit constants);
    * ``compute`` only: :math:`L(C_\mathrm{min}) = (C_c^\mathrm{min}/C_\mathrm{min})^{0.050}`
      (:func:`kaplan_loss_compute`), with :math:`C_c^\mathrm{min}` = 3.1e8 PF-days (Eq. 1.3) by
      default or 2.3e8 (the legend of Figure 1).

    Parameters
    ----------
    n_params, n_tokens : float or array_like, optional
        Non-embedding parameters and training tokens, > 0.
    compute : float or array_like, optional
        Compute in FLOP, > 0; not combined with the others.
    c_c_pf_days : float
        :math:`C_c^\mathrm{min}` in PF-days for the compute form (default 3.1e8).

    Returns
    -------
    float or ndarray
        Loss in nats per token.

    Raises
    ------
    TypeError
        If no resource, or ``compute`` together with ``n_params``/``n_tokens``, is given; or a
        value is not numeric.
    ValueError
        If a value is not finite and > 0.

    References
    ----------
    .. [1] J. Kaplan et al., arXiv:2001.08361 (2020), Eqs. (1.1)-(1.3), (1.5) and Figure 1.

    Examples
    --------
    >>> round(kaplan_loss(n_params=1e9), 3), round(kaplan_loss(compute=PF_DAY, c_c_pf_days=2.3e8), 3)
    (2.376, 2.619)
    """
    if compute is not None:
        if n_params is not None or n_tokens is not None:
            raise TypeError("give compute alone, or n_params and/or n_tokens")
        return kaplan_loss_compute(compute, c_c_pf_days=c_c_pf_days)
    if n_params is not None and n_tokens is not None:
        return kaplan_loss_joint(n_params, n_tokens)
    if n_params is not None:
        return kaplan_loss_params(n_params)
    if n_tokens is not None:
        return kaplan_loss_tokens(n_tokens)
    raise TypeError("give at least one of n_params, n_tokens or compute")


def kaplan_optimal_params(compute, coefficient=1.3e9, exponent=0.73):
    r"""Kaplan et al. (2020) compute-efficient model size, :math:`N_\mathrm{opt} \propto C^{0.73}`.

    .. math:: N_\mathrm{opt}(C) = 1.3\times10^{9}\,\left(C_\mathrm{min}/\mathrm{PF\,day}\right)^{0.73}

    Parameters
    ----------
    compute : float or array_like
        Compute in FLOP, > 0.
    coefficient : float
        Parameters at one PF-day, > 0 (default 1.3e9).
    exponent : float
        Exponent, > 0 (default 0.73).

    Returns
    -------
    float or ndarray
        Non-embedding parameters.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive number, naming it.

    References
    ----------
    .. [1] J. Kaplan et al., arXiv:2001.08361 (2020), Eq. (1.7) (exponent) and Sec. 6.1, Figure 14
       (coefficient); constants as transcribed from the paper (secondary source, not re-read).

    Examples
    --------
    >>> f"{kaplan_optimal_params(PF_DAY):.2g}"
    '1.3e+09'
    """
    c = check_positive(compute, "compute") / PF_DAY
    k = check_positive(coefficient, "coefficient")
    return as_result(k * c ** check_positive(exponent, "exponent"))


def chinchilla_loss(n_params, n_tokens, E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28):
    r"""Chinchilla parametric loss, :math:`\hat L(N, D) = E + A/N^\alpha + B/D^\beta`.

    :math:`E` is the irreducible loss (the entropy of text), :math:`A/N^\alpha` the excess of a
    finite model trained to convergence, :math:`B/D^\beta` the excess of a finite number of
    optimisation steps on :math:`D` tokens.

    Parameters
    ----------
    n_params : float or array_like
        Parameters :math:`N`, > 0.
    n_tokens : float or array_like
        Training tokens :math:`D`, > 0.
    E, A, B, alpha, beta : float
        Constants, > 0 (defaults: Hoffmann et al. 2022, Eq. 10, rounded as printed:
        see :data:`CHINCHILLA`, :data:`CHINCHILLA_UNROUNDED`, :data:`BESIROGLU_2024`).

    Returns
    -------
    float or ndarray
        Predicted loss in nats per token.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive number, naming it.

    References
    ----------
    .. [1] J. Hoffmann et al., "Training Compute-Optimal Large Language Models",
       arXiv:2203.15556 (2022), Eq. (2) and Eq. (10).

    Examples
    --------
    Chinchilla itself, 70B parameters on 1.4T tokens:

    >>> round(chinchilla_loss(70e9, 1.4e12), 3)
    1.937
    """
    n = check_positive(n_params, "n_params")
    d = check_positive(n_tokens, "n_tokens")
    e, a, b, al, be = _constants(E, A, B, alpha, beta)
    return as_result(e + a / n**al + b / d**be)


def _constants(E, A, B, alpha, beta):
    """Validate the five constants of the law as positive finite scalars."""
    values = []
    for name, value in (("E", E), ("A", A), ("B", B), ("alpha", alpha), ("beta", beta)):
        array = check_positive(value, name)
        if array.ndim != 0:
            raise ValueError(f"{name} must be a scalar, got shape {array.shape}")
        values.append(float(array))
    return tuple(values)


def compute_optimal(compute, E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28):
    r"""Compute-optimal parameters and tokens under :math:`C = 6ND` for the Chinchilla law (closed form).

    Minimising :math:`E + A N^{-\alpha} + B D^{-\beta}` on :math:`D = C/(6N)` gives

    .. math::

        N_\mathrm{opt} = G\left(\frac{C}{6}\right)^{a},\quad
        D_\mathrm{opt} = G^{-1}\left(\frac{C}{6}\right)^{b},\quad
        G = \left(\frac{\alpha A}{\beta B}\right)^{1/(\alpha+\beta)},\quad
        a = \frac{\beta}{\alpha+\beta},\ b = \frac{\alpha}{\alpha+\beta}.

    (Setting :math:`d\hat L/dN = 0` gives :math:`\alpha A N^{-\alpha} = \beta B D^{-\beta}`.)
    :math:`E` does not move the optimum; it is accepted so a constant set can be passed whole.

    Parameters
    ----------
    compute : float or array_like
        Training compute :math:`C` in FLOP, > 0.
    E, A, B, alpha, beta : float
        Constants of :func:`chinchilla_loss`, > 0.

    Returns
    -------
    (n_params, n_tokens) : tuple of float or ndarray
        Optimal parameters and tokens; their product is :math:`C/6`.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive number, naming it.

    References
    ----------
    .. [1] J. Hoffmann et al., arXiv:2203.15556 (2022), Eq. (4), Appendix D.2.

    Examples
    --------
    Gopher's budget, 5.76e23 FLOP, with the rounded published constants:

    >>> n, d = compute_optimal(5.76e23)
    >>> f"{n:.3g} parameters, {d:.3g} tokens, {d / n:.0f} tokens per parameter"
    '3.22e+10 parameters, 2.98e+12 tokens, 93 tokens per parameter'
    """
    c = check_positive(compute, "compute")
    _, a, b, al, be = _constants(E, A, B, alpha, beta)
    g = (al * a / (be * b)) ** (1.0 / (al + be))
    n = g * (c / 6.0) ** (be / (al + be))
    d = (c / 6.0) ** (al / (al + be)) / g
    return as_result(n), as_result(d)


def near_optimal_range(compute, tolerance, E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28):
    r"""Model sizes whose loss on a fixed budget is within ``tolerance`` of the compute-optimal loss.

    Along :math:`D = C/(6N)`, with :math:`x = \ln(N/N_\mathrm{opt})`, the excess loss is

    .. math::

        \Delta L(x) = T_N\left(e^{-\alpha x} - 1\right) + T_D\left(e^{\beta x} - 1\right),
        \qquad T_N = A N_\mathrm{opt}^{-\alpha},\ T_D = B D_\mathrm{opt}^{-\beta},

    convex in :math:`x` with :math:`\alpha T_N = \beta T_D`.  The two roots of
    :math:`\Delta L = \epsilon` (found with Brent's method) bound the sizes a fit of the loss to
    within :math:`\epsilon` cannot tell apart.  For :math:`\alpha = \beta` they are
    :math:`x = \pm\,\mathrm{arccosh}(1 + \epsilon/2T_N)/\alpha`.

    Parameters
    ----------
    compute : float
        Training compute :math:`C` in FLOP, > 0 (a scalar).
    tolerance : float
        Excess loss :math:`\epsilon` in nats/token, > 0.
    E, A, B, alpha, beta : float
        Constants of :func:`chinchilla_loss`, > 0.

    Returns
    -------
    (n_low, n_high) : tuple of float
        Smallest and largest parameter counts with :math:`\Delta L \le \epsilon`.

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive scalar, naming it.

    References
    ----------
    .. [1] J. Hoffmann et al., arXiv:2203.15556 (2022), Eq. (2); the closed form of
       :func:`compute_optimal`.

    Examples
    --------
    At Chinchilla's budget, 0.01 nats/token buys a factor of six in model size:

    >>> low, high = near_optimal_range(5.76e23, 0.01)
    >>> f"{low:.3g} to {high:.3g}"
    '1.28e+10 to 8.24e+10'
    """
    c = check_positive(compute, "compute")
    eps = check_positive(tolerance, "tolerance")
    if c.ndim != 0 or eps.ndim != 0:
        raise ValueError("compute and tolerance must be scalars")
    c, eps = float(c), float(eps)
    e, a, b, al, be = _constants(E, A, B, alpha, beta)
    n_opt, d_opt = compute_optimal(c, E=e, A=a, B=b, alpha=al, beta=be)
    t_n, t_d = a * n_opt**-al, b * d_opt**-be

    def excess(x):
        return t_n * np.expm1(-al * x) + t_d * np.expm1(be * x) - eps

    step = 1.0
    while excess(-step) < 0:
        step *= 2.0
    low = brentq(excess, -step, 0.0, xtol=1e-12)
    step = 1.0
    while excess(step) < 0:
        step *= 2.0
    high = brentq(excess, 0.0, step, xtol=1e-12)
    return float(n_opt * np.exp(low)), float(n_opt * np.exp(high))


# --- beyond the training budget: inference and repeated data ---------------------------------------


def _optimal_at_loss(excess, t, e, a, b, al, be):
    """Solve the stationarity condition of :func:`inference_aware_optimal` for one (loss, T) pair."""

    def tokens(u):
        return (b / (excess - u)) ** (1.0 / be)

    def condition(u):  # r - 1 - T/(3D), increasing in u from below zero to +inf
        return al * u / (be * (excess - u)) - 1.0 - t / (3.0 * tokens(u))

    low, high = 0.0, excess
    # the root lies where u = A N^-alpha is a fraction of the excess loss; bracket it in log space
    lo, hi = excess * 1e-12, excess * (1.0 - 1e-12)
    if condition(lo) > 0:  # pragma: no cover - needs T < 0, excluded by validation
        lo = low
    u = brentq(condition, lo, hi, xtol=excess * 1e-15, rtol=1e-14, maxiter=500)
    return (a / u) ** (1.0 / al), tokens(u)


def inference_aware_optimal(loss, inference_tokens, E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28):
    r"""Model size and training tokens that reach a loss at the least training plus inference compute.

    Sardana & Frankle count the FLOP of a model's whole life: :math:`6ND` to train :math:`N`
    parameters on :math:`D` tokens and :math:`2N` per token served, :math:`T` tokens in all, and
    minimise

    .. math::

        C_\mathrm{life}(N, D) = 6ND + 2NT \quad\text{subject to}\quad
        E + \frac{A}{N^\alpha} + \frac{B}{D^\beta} = \ell .

    Along the constraint, :math:`d\ln D/d\ln N = -r` with :math:`r = \alpha A N^{-\alpha}/(\beta B
    D^{-\beta})`, so :math:`dC_\mathrm{life}/d\ln N = 6ND(1 - r) + 2NT = 0` gives

    .. math:: \frac{\alpha A N^{-\alpha}}{\beta B D^{-\beta}} = 1 + \frac{T}{3D}.

    For :math:`T = 0` this is Chinchilla's condition :math:`\alpha A N^{-\alpha} = \beta B
    D^{-\beta}` (:func:`compute_optimal`); serving tokens push the optimum to a smaller model
    trained on more data.  With :math:`u = A N^{-\alpha}` the condition is monotone in :math:`u \in
    (0, \ell - E)` and is solved by Brent's method.

    Parameters
    ----------
    loss : float or array_like
        Target loss :math:`\ell` in nats/token, > E.
    inference_tokens : float or array_like
        Tokens served over the model's life, :math:`T`, >= 0 (broadcast against ``loss``).
    E, A, B, alpha, beta : float
        Constants of :func:`chinchilla_loss`, > 0.

    Returns
    -------
    (n_params, n_tokens) : tuple of float or ndarray
        The parameters :math:`N` and training tokens :math:`D` of the cheapest model with loss
        :math:`\ell`; its lifetime compute is ``6 * n_params * (n_tokens + inference_tokens / 3)``.

    Raises
    ------
    TypeError, ValueError
        If ``loss`` is not finite and > E, ``inference_tokens`` not finite and >= 0, or a constant
        not positive, naming it.

    References
    ----------
    .. [1] N. Sardana, J. Portes, S. Doubov & J. Frankle, "Beyond Chinchilla-Optimal: Accounting
       for Inference in Language Model Scaling Laws", ICML 2024 (arXiv:2401.00448), Sec. 2.
    .. [2] J. Hoffmann et al., arXiv:2203.15556 (2022), Eq. (2).

    Examples
    --------
    With no inference this is Chinchilla's compute-optimal model (here at Gopher's budget):

    >>> n0, d0 = compute_optimal(5.76e23)
    >>> n, d = inference_aware_optimal(chinchilla_loss(n0, d0), 0.0)
    >>> round(n / n0, 9), round(d / d0, 9)
    (1.0, 1.0)

    Sardana et al.'s Figure 1: the quality of a compute-optimal 13B model (617B tokens with the
    unrounded constants), served for 2T tokens, costs least as a 7B model trained longer:

    >>> k = CHINCHILLA_UNROUNDED
    >>> n, d = inference_aware_optimal(chinchilla_loss(13e9, 617.4e9, **k), 2e12, **k)
    >>> saved = 6 * 13e9 * (617.4e9 + 2e12 / 3) - 6 * n * (d + 2e12 / 3)
    >>> f"{n:.3g} parameters on {d:.3g} tokens, {saved:.2g} FLOP saved"
    '7.12e+09 parameters on 1.3e+12 tokens, 1.6e+22 FLOP saved'
    """
    ell = check_positive(loss, "loss")
    t = check_nonnegative(inference_tokens, "inference_tokens")
    e, a, b, al, be = _constants(E, A, B, alpha, beta)
    if np.any(ell <= e):
        raise ValueError(f"loss must be > E = {e:g} (the irreducible loss), got min {ell.min():g}")
    ell, t = np.broadcast_arrays(ell, t)
    n = np.empty(ell.shape)
    d = np.empty(ell.shape)
    for index in np.ndindex(ell.shape):
        n[index], d[index] = _optimal_at_loss(float(ell[index]) - e, float(t[index]), e, a, b, al, be)
    return as_result(n), as_result(d)


def implied_inference_tokens(n_params, n_tokens, E=1.69, A=406.4, B=410.7, alpha=0.34, beta=0.28):
    r"""Inference demand for which a given (N, D) is the cheapest way to its loss.

    The inverse of :func:`inference_aware_optimal`: from its stationarity condition,

    .. math:: T = 3D\left(\frac{\alpha A N^{-\alpha}}{\beta B D^{-\beta}} - 1\right).

    :math:`T = 0` on Chinchilla's compute-optimal line; :math:`T > 0` for a model trained on more
    tokens than that line (over-trained), :math:`T < 0` (no inference demand justifies it) for one
    trained on fewer.

    Parameters
    ----------
    n_params : float or array_like
        Parameters :math:`N`, > 0.
    n_tokens : float or array_like
        Training tokens :math:`D`, > 0.
    E, A, B, alpha, beta : float
        Constants of :func:`chinchilla_loss`, > 0.

    Returns
    -------
    float or ndarray
        Lifetime inference tokens :math:`T` (negative if the model is under-trained).

    Raises
    ------
    TypeError, ValueError
        If an argument is not a finite positive number, naming it.

    References
    ----------
    .. [1] N. Sardana, J. Portes, S. Doubov & J. Frankle, ICML 2024 (arXiv:2401.00448), Sec. 2.

    Examples
    --------
    LLaMA 3 8B on 15T tokens, with Besiroglu et al.'s constants:

    >>> t = implied_inference_tokens(8e9, 15e12, **BESIROGLU_2024)
    >>> f"{t:.2g} tokens, {t / 15e12:.0f} times the training tokens"
    '1.9e+14 tokens, 13 times the training tokens'
    """
    n = check_positive(n_params, "n_params")
    d = check_positive(n_tokens, "n_tokens")
    _, a, b, al, be = _constants(E, A, B, alpha, beta)
    ratio = al * a * n**-al / (be * b * d**-be)
    return as_result(3.0 * d * (ratio - 1.0))


def effective_data(unique_tokens, epochs, r_star=15.4):
    r"""Effective training tokens of repeated data (Muennighoff et al. 2023).

    Training for :math:`\text{epochs}` passes over :math:`U` unique tokens counts as

    .. math::

        D' = U + U R^\ast\left(1 - e^{-R/R^\ast}\right),\qquad R = \text{epochs} - 1,

    fresh tokens: each repetition is worth a factor :math:`e^{-1/R^\ast}` less than the one before,
    so :math:`D' \approx U\cdot\text{epochs}` while :math:`R \ll R^\ast` and
    :math:`D' \to U(1 + R^\ast)` however often the data are repeated. :math:`D'` replaces
    :math:`D` in :func:`chinchilla_loss`.

    Parameters
    ----------
    unique_tokens : float or array_like
        Unique tokens :math:`U`, > 0.
    epochs : float or array_like
        Passes over the data, >= 1 (fractional allowed; 1 means no repetition).
    r_star : float
        Decay constant :math:`R^\ast_D`, > 0 (default 15.4, Muennighoff et al.'s fit).

    Returns
    -------
    float or ndarray
        Effective tokens :math:`D'`.

    Raises
    ------
    TypeError, ValueError
        If ``unique_tokens`` or ``r_star`` is not finite and > 0, or ``epochs`` < 1, naming it.

    References
    ----------
    .. [1] N. Muennighoff et al., "Scaling Data-Constrained Language Models", NeurIPS 2023
       (arXiv:2305.16264), Eq. (5) and the fitted :math:`R^\ast_D = 15.4`.

    Examples
    --------
    Four epochs are worth 3.73 epochs of fresh data; no amount of repetition beats 16.4:

    >>> round(effective_data(1.0, 4.0), 3), round(effective_data(1.0, 1e6), 1)
    (3.726, 16.4)
    """
    u = check_positive(unique_tokens, "unique_tokens")
    ep = check_finite(epochs, "epochs")
    if np.any(ep < 1):
        raise ValueError(f"epochs must be >= 1, got min {ep.min():g}")
    r = check_positive(r_star, "r_star")
    return as_result(u + u * r * -np.expm1(-(ep - 1.0) / r))


# --- the Huber fit of Hoffmann et al. (2022), Sec. 3.3 / Besiroglu et al. (2024) -------------------

_HOFFMANN_GRID = {
    "alpha": np.arange(0.0, 2.01, 0.5),
    "beta": np.arange(0.0, 2.01, 0.5),
    "e": np.arange(-1.0, 1.01, 0.5),
    "a": np.arange(0.0, 26.0, 5.0),
    "b": np.arange(0.0, 26.0, 5.0),
}


def _huber(residual, delta):
    absolute = np.abs(residual)
    return np.where(absolute <= delta, 0.5 * residual**2, delta * (absolute - 0.5 * delta))


def _objective(theta, log_n, log_d, log_loss, delta):
    """Huber loss of the log-space law and its analytic gradient; theta = (a, b, e, alpha, beta).

    Written with plain numpy (a stable log-sum-exp by hand): it is called a few thousand times
    per fit, and the generic scipy.special helpers cost several times more per call.
    """
    a, b, e, al, be = theta
    t0 = a - al * log_n
    t1 = b - be * log_d
    top = np.maximum(np.maximum(t0, t1), e)
    x0, x1, x2 = np.exp(t0 - top), np.exp(t1 - top), np.exp(e - top)
    total = x0 + x1 + x2
    residual = top + np.log(total) - log_loss
    absolute = np.abs(residual)
    inside = absolute <= delta
    value = np.where(inside, 0.5 * residual**2, delta * (absolute - 0.5 * delta)).sum()
    psi = np.where(inside, residual, delta * np.sign(residual)) / total  # Huber derivative / sum
    w0, w1 = psi * x0, psi * x1
    grad = np.array([w0.sum(), w1.sum(), (psi * x2).sum(), -(w0 * log_n).sum(), -(w1 * log_d).sum()])
    return value, grad

def fit_chinchilla(n_params, n_tokens, loss, delta=1e-3, n_refine=20, grid=None, lbfgs_options=None):
    r"""Fit :math:`E + A/N^\alpha + B/D^\beta` by a Huber loss on log-loss, as Hoffmann et al. do.

    With :math:`a = \ln A`, :math:`b = \ln B`, :math:`e = \ln E`, the law in log space is

    .. math::

        \ln\hat L_i = \mathrm{LSE}\left(a - \alpha\ln N_i,\ b - \beta\ln D_i,\ e\right),\qquad
        \min_{a,b,e,\alpha,\beta}\ \sum_i \mathrm{Huber}_\delta\left(\ln\hat L_i - \ln L_i\right).

    The objective is evaluated on Hoffmann et al.'s grid of starting points
    (:math:`\alpha,\beta \in \{0, 0.5, \dots, 2\}`, :math:`e \in \{-1, -0.5, \dots, 1\}`,
    :math:`a, b \in \{0, 5, \dots, 25\}`: 4,500 starts) in one vectorised pass; L-BFGS-B, with
    the analytic gradient and tight tolerances (a loose tolerance on this small-valued objective is
    what stopped the original fit early, per Besiroglu et al.), is then run from the ``n_refine``
    best starts and the lowest minimum is returned.

    Parameters
    ----------
    n_params, n_tokens, loss : array_like
        1-D arrays of equal length (at least 5 points): parameters, tokens, final loss (> 0).
    delta : float
        Huber threshold :math:`\delta` on the log-loss residual, > 0 (default 1e-3, as both papers).
    n_refine : int
        Number of best grid starts refined by L-BFGS-B, >= 1 (default 20).
    grid : dict, optional
        Starting values for keys ``alpha``, ``beta``, ``e``, ``a``, ``b`` (1-D arrays); default is
        Hoffmann et al.'s grid.
    lbfgs_options : dict, optional
        Options for ``scipy.optimize.minimize(method="L-BFGS-B")`` overriding the tight defaults
        ``{"maxiter": 10000, "ftol": 1e-15, "gtol": 1e-12}``; pass SciPy's own defaults
        (``{"ftol": 2.2e-9, "gtol": 1e-5}``) to see a fit stop early.

    Returns
    -------
    dict
        ``E``, ``A``, ``B``, ``alpha``, ``beta`` (ready for :func:`chinchilla_loss` and
        :func:`compute_optimal` as ``**fit``) and ``objective``, the Huber loss at the minimum.

    Raises
    ------
    TypeError
        If an array is not numeric.
    ValueError
        If arrays differ in length, hold fewer than 5 points, or hold a non-finite or
        non-positive value; if ``delta`` <= 0 or ``n_refine`` < 1.

    References
    ----------
    .. [1] J. Hoffmann et al., arXiv:2203.15556 (2022), Sec. 3.3 and Appendix D.2.
    .. [2] T. Besiroglu, E. Erdil, M. Barnett, J. You, "Chinchilla Scaling: A replication
       attempt", arXiv:2404.10102 (2024).

    Examples
    --------
    Noise-free points from the published law give the published constants back:

    >>> n, d = np.meshgrid(np.geomspace(1e7, 1e10, 6), np.geomspace(1e9, 1e12, 6))
    >>> fit = fit_chinchilla(n.ravel(), d.ravel(), chinchilla_loss(n.ravel(), d.ravel()))
    >>> round(fit["alpha"], 3), round(fit["beta"], 3), round(fit["E"], 3)
    (0.34, 0.28, 1.69)
    """
    n = check_positive(n_params, "n_params")
    d = check_positive(n_tokens, "n_tokens")
    loss_arr = check_positive(loss, "loss")
    for name, array in (("n_params", n), ("n_tokens", d), ("loss", loss_arr)):
        if array.ndim != 1:
            raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    length = check_same_length(n_params=n, n_tokens=d, loss=loss_arr)
    if length < 5:
        raise ValueError(f"n_params, n_tokens and loss must hold at least 5 points, got {length}")
    delta = float(check_positive(delta, "delta"))
    n_refine = check_integer(n_refine, "n_refine", minimum=1)
    options = {"maxiter": 10000, "ftol": 1e-15, "gtol": 1e-12}
    if lbfgs_options is not None:
        if not isinstance(lbfgs_options, dict):
            raise TypeError(f"lbfgs_options must be a dict, got {type(lbfgs_options).__name__}")
        options.update(lbfgs_options)
    grid = _HOFFMANN_GRID if grid is None else grid
    if not isinstance(grid, dict):
        raise TypeError(f"grid must be a dict of starting values, got {type(grid).__name__}")
    axes = []
    for key in ("a", "b", "e", "alpha", "beta"):
        if key not in grid:
            raise ValueError(f"grid must hold keys a, b, e, alpha, beta; missing {key!r}")
        axes.append(np.atleast_1d(check_finite(grid[key], f"grid[{key!r}]")))
    log_n, log_d, log_l = np.log(n), np.log(d), np.log(loss_arr)

    starts = np.array(list(itertools.product(*axes)))  # (k, 5): a, b, e, alpha, beta
    values = np.empty(len(starts))
    for block in range(0, len(starts), 500):  # vectorised: the grid in a few array passes
        s = starts[block : block + 500]
        terms = np.stack(
            [
                s[:, 0:1] - s[:, 3:4] * log_n,
                s[:, 1:2] - s[:, 4:5] * log_d,
                np.broadcast_to(s[:, 2:3], (len(s), length)),
            ]
        )
        values[block : block + 500] = _huber(logsumexp(terms, axis=0) - log_l, delta).sum(axis=1)
    best = None
    # L-BFGS-B calls BLAS on 5-element vectors; OpenBLAS worker threads only add wake-up latency
    # (a fit measured 10x slower on a loaded 2-core machine), so run it on one thread.
    with threadpool_limits(limits=1, user_api="blas"):
        for start in starts[np.argsort(values)[:n_refine]]:
            result = minimize(
                _objective,
                start,
                args=(log_n, log_d, log_l, delta),
                jac=True,
                method="L-BFGS-B",
                options=options,
            )
            if best is None or result.fun < best.fun:
                best = result
    a, b, e, al, be = best.x
    return {
        "E": float(np.exp(e)),
        "A": float(np.exp(a)),
        "B": float(np.exp(b)),
        "alpha": float(al),
        "beta": float(be),
        "objective": float(best.fun),
    }


# --- IsoFLOP analysis (Hoffmann et al. Approach 2; Porian et al. 2024) ------------------------------


def isoflop_minimum(n_params, loss, window=2):
    r"""Loss-minimising model size on one IsoFLOP curve: vertex of a parabola in :math:`\ln N`.

    The points are sorted by :math:`N`; a parabola :math:`L \approx p_2 x^2 + p_1 x + p_0`,
    :math:`x = \ln N`, is fitted by least squares to the lowest-loss point and ``window``
    neighbours on each side, and its vertex gives

    .. math:: \ln N^\ast = -\frac{p_1}{2 p_2},\qquad L^\ast = p_0 - \frac{p_1^2}{4 p_2}.

    A global parabola is a poor model of a whole IsoFLOP curve (it is asymmetric in
    :math:`\ln N`), hence the local window.  If the lowest loss lies at either end of the sampled
    sizes (the minimum is not bracketed) or the local fit is not convex, the result is NaN, which
    :func:`isoflop_analysis` drops (as Porian et al. drop such budgets).

    Parameters
    ----------
    n_params : array_like
        Model sizes on the curve (1-D, > 0, at least 3 points).
    loss : array_like
        Loss of each model at the budget (1-D, > 0, same length).
    window : int
        Neighbours on each side of the lowest point used in the fit, >= 1 (default 2: five points).

    Returns
    -------
    (n_opt, loss_opt) : tuple of float
        Optimal size and the parabola's minimum loss; NaN if not bracketed.

    Raises
    ------
    TypeError, ValueError
        If an array is not numeric, 1-D, positive and finite, if lengths differ, if there are
        fewer than 3 points, or if ``window`` < 1.

    References
    ----------
    .. [1] J. Hoffmann et al., arXiv:2203.15556 (2022), Sec. 3.2 (Approach 2).

    Examples
    --------
    >>> n = np.geomspace(1e7, 1e9, 9)
    >>> n_opt, l_opt = isoflop_minimum(n, 3.0 + 0.1 * np.log(n / 1e8) ** 2)
    >>> f"{n_opt:.3g}", round(l_opt, 6)
    ('1e+08', 3.0)
    """
    n = check_positive(n_params, "n_params")
    loss_arr = check_positive(loss, "loss")
    if n.ndim != 1 or loss_arr.ndim != 1:
        raise ValueError("n_params and loss must be 1-D")
    length = check_same_length(n_params=n, loss=loss_arr)
    if length < 3:
        raise ValueError(f"n_params and loss must hold at least 3 points, got {length}")
    window = check_integer(window, "window", minimum=1)
    order = np.argsort(n)
    x, y = np.log(n[order]), loss_arr[order]
    j = int(np.argmin(y))
    if j == 0 or j == length - 1:
        return np.nan, np.nan
    lo, hi = max(j - window, 0), min(j + window + 1, length)
    p2, p1, p0 = np.polyfit(x[lo:hi], y[lo:hi], 2)
    if not p2 > 0:
        return np.nan, np.nan
    return float(np.exp(-p1 / (2.0 * p2))), float(p0 - p1**2 / (4.0 * p2))


def isoflop_analysis(flops, n_params, loss, window=2):
    r"""IsoFLOP analysis: the optimum on each budget, then power laws in :math:`C` for :math:`N^\ast, D^\ast`.

    Points are grouped by their compute budget :math:`C`; :func:`isoflop_minimum` gives
    :math:`N^\ast(C)` on each, :math:`D^\ast = C/(6N^\ast)`, and ordinary least squares on
    :math:`\ln N^\ast = \ln k_N + a\ln C` gives the exponent (:func:`fit_power_law`).  Because
    :math:`N^\ast D^\ast = C/6`, :math:`b = 1 - a` exactly.

    Parameters
    ----------
    flops : array_like
        Compute budget of each run in FLOP (1-D, > 0); runs of one budget share the same value.
    n_params : array_like
        Model size of each run (1-D, > 0, same length).
    loss : array_like
        Loss of each run at its budget (1-D, > 0, same length).
    window : int
        Passed to :func:`isoflop_minimum` (default 2).

    Returns
    -------
    dict
        ``flops``, ``n_opt``, ``d_opt``, ``loss_opt`` (arrays over the budgets whose minimum is
        bracketed), ``n_exponent``, ``n_coef``, ``d_exponent``, ``d_coef``.

    Raises
    ------
    TypeError, ValueError
        If an array is not numeric, 1-D, positive and finite, if lengths differ, or if fewer
        than 2 budgets have a bracketed minimum.

    References
    ----------
    .. [1] J. Hoffmann et al., arXiv:2203.15556 (2022), Sec. 3.2.
    .. [2] T. Porian et al., "Resolving Discrepancies in Compute-Optimal Scaling of Language
       Models", arXiv:2406.19146 (2024).

    Examples
    --------
    Curves whose optimum is exactly N* = 0.1 C^0.5:

    >>> c = np.repeat([1e18, 1e19, 1e20], 7)
    >>> n = np.tile(np.geomspace(0.1, 10, 7), 3) * 0.1 * c**0.5
    >>> result = isoflop_analysis(c, n, 2.0 + 0.05 * np.log(n / (0.1 * c**0.5)) ** 2)
    >>> round(result["n_exponent"], 6), round(result["d_exponent"], 6)
    (0.5, 0.5)
    """
    c = check_positive(flops, "flops")
    n = check_positive(n_params, "n_params")
    loss_arr = check_positive(loss, "loss")
    for name, array in (("flops", c), ("n_params", n), ("loss", loss_arr)):
        if array.ndim != 1:
            raise ValueError(f"{name} must be 1-D, got shape {array.shape}")
    check_same_length(flops=c, n_params=n, loss=loss_arr)
    budgets, n_opt, loss_opt = [], [], []
    for budget in np.unique(c):
        mask = c == budget
        if mask.sum() < 3:
            continue
        n_star, l_star = isoflop_minimum(n[mask], loss_arr[mask], window=window)
        if np.isfinite(n_star):
            budgets.append(budget)
            n_opt.append(n_star)
            loss_opt.append(l_star)
    if len(budgets) < 2:
        raise ValueError("flops must hold at least 2 budgets with a bracketed minimum")
    budgets, n_opt = np.array(budgets), np.array(n_opt)
    d_opt = budgets / (6.0 * n_opt)
    n_coef, n_exp = fit_power_law(budgets, n_opt)
    d_coef, d_exp = fit_power_law(budgets, d_opt)
    return {
        "flops": budgets,
        "n_opt": n_opt,
        "d_opt": d_opt,
        "loss_opt": np.array(loss_opt),
        "n_exponent": n_exp,
        "n_coef": n_coef,
        "d_exponent": d_exp,
        "d_coef": d_coef,
    }


def fit_power_law(x, y):
    r"""Least-squares power law :math:`y = k\,x^{p}` (a straight line in :math:`\ln y` vs :math:`\ln x`).

    Parameters
    ----------
    x, y : array_like
        1-D arrays of equal length (>= 2 points), > 0, with at least two distinct ``x``.

    Returns
    -------
    (coefficient, exponent) : tuple of float

    Raises
    ------
    TypeError, ValueError
        If an array is not numeric, 1-D, positive and finite, if lengths differ, or if there are
        fewer than two distinct ``x``.

    References
    ----------
    .. [1] T. Porian et al., arXiv:2406.19146 (2024): the same unweighted regression
       ("basic" fit) produces their ``power_law_fits.csv``.

    Examples
    --------
    >>> k, p = fit_power_law([1, 10, 100], [3, 30 ** 1, 300])
    >>> round(k, 6), round(p, 6)
    (3.0, 1.0)
    """
    xs = check_positive(x, "x")
    ys = check_positive(y, "y")
    if xs.ndim != 1 or ys.ndim != 1:
        raise ValueError("x and y must be 1-D")
    check_same_length(x=xs, y=ys)
    if np.unique(xs).size < 2:
        raise ValueError("x must hold at least two distinct values")
    slope, intercept = np.polyfit(np.log(xs), np.log(ys), 1)
    return float(np.exp(intercept)), float(slope)


def exponent_std(x, sigma_log_y):
    r"""Standard deviation of a fitted power-law exponent from independent errors in :math:`\ln y`.

    The OLS slope is :math:`\hat p = \sum_i w_i \ln y_i` with
    :math:`w_i = (u_i - \bar u)/\sum_j (u_j - \bar u)^2`, :math:`u = \ln x`; for independent errors
    of standard deviation :math:`\sigma_i` in :math:`\ln y_i`,

    .. math:: \sigma_{\hat p} = \sqrt{\textstyle\sum_i w_i^2 \sigma_i^2}.

    Fed with Porian et al.'s per-budget bootstrap spread of :math:`\ln N^\ast`, it gives the
    spread of their exponent.

    Parameters
    ----------
    x : array_like
        Abscissae (1-D, > 0, at least two distinct values).
    sigma_log_y : array_like
        Standard deviation of each :math:`\ln y_i` (1-D, >= 0, same length).

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        If an array is not numeric, 1-D, finite (x positive, sigma non-negative), if lengths
        differ, or if there are fewer than two distinct ``x``.

    References
    ----------
    .. [1] Any regression text, e.g. J. R. Taylor, *An Introduction to Error Analysis*, 2nd ed.
       (1997), Sec. 8.4.

    Examples
    --------
    >>> bool(np.isclose(exponent_std([1, 10], [0.1, 0.1]), 0.1 * 2**0.5 / np.log(10)))
    True
    """
    u = np.log(check_positive(x, "x"))
    s = check_finite(sigma_log_y, "sigma_log_y")
    if np.any(s < 0):
        raise ValueError("sigma_log_y must be >= 0")
    if u.ndim != 1 or s.ndim != 1:
        raise ValueError("x and sigma_log_y must be 1-D")
    check_same_length(x=u, sigma_log_y=s)
    if np.unique(u).size < 2:
        raise ValueError("x must hold at least two distinct values")
    w = (u - u.mean()) / ((u - u.mean()) ** 2).sum()
    return float(np.sqrt((w**2 * s**2).sum()))


def _configuration_mask(table, configuration, dataset):
    if not isinstance(configuration, str) or configuration not in PORIAN_CONFIGURATIONS:
        raise ValueError(
            f"configuration must be one of {sorted(PORIAN_CONFIGURATIONS)}, got {configuration!r}"
        )
    if dataset not in ("rw", "owt2"):
        raise ValueError(f"dataset must be 'rw' (RefinedWeb) or 'owt2' (OpenWebText2), got {dataset!r}")
    values = list(PORIAN_CONFIGURATIONS[configuration])
    if dataset == "owt2":
        values[0] = "summary_df_owt2"
    mask = table["dataset"] == dataset
    for column, value in zip(_CONFIG_COLUMNS, values):
        mask &= table[column] == value
    return mask


def load_porian_runs(configuration="fully_corrected", dataset="rw"):
    r"""IsoFLOP runs of Porian et al. (2024) for one configuration of their Fig. 1.

    Parameters
    ----------
    configuration : str
        A key of :data:`PORIAN_CONFIGURATIONS`: ``"kaplan_reproduction"``, ``"last_layer_flops"``,
        ``"warmup_corrected"``, ``"cosine_decay"`` or ``"fully_corrected"``.
    dataset : {"rw", "owt2"}
        RefinedWeb or OpenWebText2.

    Returns
    -------
    dict of ndarray
        ``flops`` (FLOP), ``n_params``, ``tokens`` (:math:`C/6N`), ``loss`` (nats/token), one
        entry per (budget, model size).

    Raises
    ------
    ValueError
        If ``configuration`` or ``dataset`` is unknown.
    FileNotFoundError
        If the dataset file is missing.

    References
    ----------
    .. [1] T. Porian et al., arXiv:2406.19146 (2024); data from
       github.com/formll/resolving-scaling-law-discrepancies (see ``physics_lib/data/porian2024_isoflop``).

    Examples
    --------
    >>> runs = load_porian_runs("kaplan_reproduction")
    >>> len(runs["loss"]), f"{runs['flops'].min():.3g}", f"{runs['flops'].max():.3g}"
    (107, '1.25e+16', '1.28e+19')
    """
    table = read_csv(data_file(_DATASET, "isoflop_runs.csv"))
    mask = _configuration_mask(table, configuration, dataset)
    return {key: table[key][mask].astype(float) for key in ("flops", "n_params", "tokens", "loss")}


def load_porian_reference(configuration="fully_corrected", dataset="rw"):
    r"""Porian et al.'s own results for one configuration: optimal points and power-law fits.

    Parameters
    ----------
    configuration : str
        A key of :data:`PORIAN_CONFIGURATIONS`.
    dataset : {"rw", "owt2"}
        RefinedWeb or OpenWebText2.

    Returns
    -------
    dict
        ``flops``, ``n_opt``, ``tokens_opt``, ``loss_opt``, ``n_opt_log_std``, ``t_opt_log_std``
        (arrays over the budgets where their minimum was bracketed), and the floats
        ``n_exponent``, ``n_coef``, ``t_exponent``, ``t_coef`` of their basic fit.

    Raises
    ------
    ValueError
        If ``configuration`` or ``dataset`` is unknown.
    FileNotFoundError
        If a dataset file is missing.

    References
    ----------
    .. [1] T. Porian et al., arXiv:2406.19146 (2024).

    Examples
    --------
    >>> round(load_porian_reference("fully_corrected")["n_exponent"], 3)
    0.497
    """
    points = read_csv(data_file(_DATASET, "compute_optimal_points.csv"))
    mask = _configuration_mask(points, configuration, dataset) & np.isfinite(points["n_opt"])
    result = {
        key: points[key][mask].astype(float)
        for key in ("flops", "n_opt", "tokens_opt", "loss_opt", "n_opt_log_std", "t_opt_log_std")
    }
    fits = read_csv(data_file(_DATASET, "power_law_fits.csv"))
    row = np.flatnonzero(_configuration_mask(fits, configuration, dataset))
    if row.size != 1:
        raise ValueError(f"power_law_fits.csv must hold one row for {configuration!r}, {dataset!r}")
    for key in ("n_exponent", "n_coef", "t_exponent", "t_coef"):
        result[key] = float(fits[key][row[0]])
    return result
