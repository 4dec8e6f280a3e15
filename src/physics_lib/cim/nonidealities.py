r"""Device non-idealities: differential pairs with finite levels, variation, read noise, a finite ADC.

:func:`weights_to_conductances` stores signed weights on pairs of devices with a finite number of
levels; :func:`analog_matvec` runs a layer of a neural network on a simulated crossbar with
device-to-device variation, read noise and ADC quantisation.
"""

from __future__ import annotations

import numpy as np

from .._validation import check_in_range, check_integer, check_nonnegative, check_positive
from ._common import _check_matrix

__all__ = ["weights_to_conductances", "analog_matvec"]


def weights_to_conductances(weights, levels=None, g_max=1e-5, g_min=0.0):
    r"""Map signed weights onto a differential pair of conductances with a finite number of levels.

    Each weight :math:`w` is stored as :math:`G^+ - G^-`: the positive part on one device, the
    negative part on the other, scaled so that the largest :math:`|w|` uses the full range,

    .. math:: G^\pm = G_\mathrm{min} + (G_\mathrm{max} - G_\mathrm{min})\,
              Q_L\!\left(\frac{\max(\pm w, 0)}{\max|w|}\right),
              \qquad Q_L(x) = \frac{\operatorname{round}\left(x (L-1)\right)}{L-1},

    where :math:`L` is the number of conductance levels a device can be programmed to
    (:math:`L = 2^b` for :math:`b` bits; ``None`` keeps them continuous).

    Parameters
    ----------
    weights : array_like, 2-D
        Weights (any real values, not all zero).
    levels : int, optional
        Levels per device, >= 2; ``None`` for continuous conductances (default).
    g_max : float, optional
        Largest conductance, S, > 0 (default 10 µS).
    g_min : float, optional
        Smallest conductance (the "off" state), S, >= 0 and below ``g_max`` (default 0).

    Returns
    -------
    (ndarray, ndarray)
        :math:`G^+` and :math:`G^-`, each the shape of ``weights``, in S.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If ``weights`` is not a 2-D finite array with a non-zero entry, ``levels`` < 2, or the
        conductance range is empty.

    References
    ----------
    .. [1] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020) (differential pairs).

    Examples
    --------
    >>> gp, gm = weights_to_conductances([[1.0, -0.5], [0.2, 0.0]], levels=3, g_max=1.0)
    >>> (gp - gm).tolist()
    [[1.0, -0.5], [0.0, 0.0]]
    """
    w = _check_matrix(weights, "weights")
    scale = np.abs(w).max()
    if scale == 0:
        raise ValueError("weights must hold at least one non-zero entry")
    gmax = check_positive(g_max, "g_max")
    gmin = check_nonnegative(g_min, "g_min")
    if gmin >= gmax:
        raise ValueError(f"g_min must be below g_max, got g_min={float(gmin):g}, g_max={float(gmax):g}")
    plus, minus = np.maximum(w, 0.0) / scale, np.maximum(-w, 0.0) / scale
    if levels is not None:
        n = check_integer(levels, "levels", minimum=2) - 1
        plus, minus = np.round(plus * n) / n, np.round(minus * n) / n
    span = gmax - gmin
    return gmin + span * plus, gmin + span * minus


def analog_matvec(weights, inputs, levels=None, variation=0.0, read_noise=0.0, adc_bits=None, g_max=1e-5,
                  read_voltage=0.2, seed=0):
    r"""A layer :math:`Y = XW` computed on a simulated crossbar with its non-idealities.

    The chain, for inputs :math:`X` (one row per sample) and weights :math:`W` (inputs × outputs):

    1. **Programming.** :func:`weights_to_conductances` gives a differential pair per weight with
       ``levels`` levels; each device then lands at :math:`G(1 + \sigma_\mathrm{d}\xi)` with
       :math:`\xi \sim N(0, 1)` fixed per device (device-to-device variation, clipped at 0).
    2. **Reading.** Inputs become voltages :math:`V = V_\mathrm{read}X/\max|X|`; each column current
       is :math:`I = V(G^+ - G^-)` (ideal wires; see :func:`crossbar_mvm` for IR drop) plus read
       noise: every device's conductance fluctuates by :math:`\sigma_\mathrm{r}G_\mathrm{max}` at every
       read, which adds Gaussian noise of standard deviation
       :math:`\sigma_\mathrm{r}G_\mathrm{max}\sqrt{2\sum_i V_i^2}` to each current.
    3. **Conversion.** An ADC of ``adc_bits`` bits quantises each current uniformly over
       :math:`\pm I_\mathrm{fs}`, with :math:`I_\mathrm{fs}` the largest ideal current of the batch
       (a calibrated range); results are scaled back to the units of :math:`XW`.

    Parameters
    ----------
    weights : array_like, shape (n_in, n_out)
        Trained weights.
    inputs : array_like, shape (n_samples, n_in)
        Inputs, one row per sample (not all zero).
    levels : int, optional
        Conductance levels per device, >= 2 (``None``: continuous).
    variation : float, optional
        Relative device-to-device spread :math:`\sigma_\mathrm{d}`, in [0, 1] (default 0).
    read_noise : float, optional
        Read noise :math:`\sigma_\mathrm{r}` relative to :math:`G_\mathrm{max}`, in [0, 1] (default 0).
    adc_bits : int, optional
        ADC resolution, >= 1 (``None``: no quantisation).
    g_max : float, optional
        Largest device conductance, S, > 0 (default 10 µS).
    read_voltage : float, optional
        Largest row voltage, V, > 0 (default 0.2 V).
    seed : int, optional
        Seed of the random generator (default 0), >= 0.

    Returns
    -------
    ndarray, shape (n_samples, n_out)
        The analog estimate of :math:`XW`.

    Raises
    ------
    TypeError
        If an argument has the wrong type.
    ValueError
        If the shapes do not match, or an argument is outside its range.

    References
    ----------
    .. [1] A. Sebastian et al., Nature Nanotechnology 15, 529-544 (2020).
    .. [2] W. Wan et al., "A compute-in-memory chip based on resistive random-access memory",
       Nature 608, 504-512 (2022).

    Examples
    --------
    With no non-ideality the crossbar computes the product exactly:

    >>> X, W = [[1.0, 2.0]], [[1.0, -1.0], [0.5, 2.0]]
    >>> analog_matvec(W, X).round(12).tolist()
    [[2.0, 3.0]]
    """
    w = _check_matrix(weights, "weights")
    x = _check_matrix(inputs, "inputs")
    if x.shape[1] != w.shape[0]:
        raise ValueError(f"inputs must have one column per weight row ({w.shape[0]}), got shape {x.shape}")
    sigma_d = float(check_in_range(variation, "variation", 0.0, 1.0))
    sigma_r = float(check_in_range(read_noise, "read_noise", 0.0, 1.0))
    bits = None if adc_bits is None else check_integer(adc_bits, "adc_bits", minimum=1)
    gmax = float(check_positive(g_max, "g_max"))
    v_read = float(check_positive(read_voltage, "read_voltage"))
    rng = np.random.default_rng(check_integer(seed, "seed", minimum=0))
    x_scale = np.abs(x).max()
    if x_scale == 0:
        raise ValueError("inputs must hold at least one non-zero entry")
    w_scale = np.abs(w).max()
    g_plus, g_minus = weights_to_conductances(w, levels=levels, g_max=gmax)
    if sigma_d > 0:
        g_plus = np.maximum(g_plus * (1.0 + sigma_d * rng.standard_normal(g_plus.shape)), 0.0)
        g_minus = np.maximum(g_minus * (1.0 + sigma_d * rng.standard_normal(g_minus.shape)), 0.0)
    v = v_read * x / x_scale
    current = v @ (g_plus - g_minus)
    if sigma_r > 0:
        spread = sigma_r * gmax * np.sqrt(2.0 * np.sum(v**2, axis=1, keepdims=True))
        current = current + spread * rng.standard_normal(current.shape)
    if bits is not None:
        full_scale = np.abs(v @ (w / w_scale * gmax)).max()
        if full_scale > 0:
            step = full_scale / 2 ** (bits - 1)
            current = np.clip(np.round(current / step), -(2 ** (bits - 1)), 2 ** (bits - 1) - 1) * step
    return current * (x_scale / v_read) * (w_scale / gmax)
