r"""Linearity metrics: PAPR and its CCDF, NMSE, EVM, spectra and ACLR.

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

import numpy as np
import scipy.signal

from .._validation import (
    as_result,
    check_complex_signal,
    check_finite,
    check_in_range,
    check_integer,
    check_positive,
    check_same_length,
)

__all__ = [
    "papr_db",
    "papr_ccdf",
    "papr_ccdf_theory",
    "nmse_db",
    "evm_db",
    "power_spectrum",
    "aclr_db",
    "aclr_opendpd",
    "cubic_aclr_theory",
]


# ----------------------------------------------------------------------------------------------
# Metrics
# ----------------------------------------------------------------------------------------------


def _flatten(value, name):
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a complex array, got {type(value).__name__}")
    return np.ravel(np.asarray(value))


def _power(x):
    return float(np.mean(np.abs(x) ** 2))


def papr_db(x):
    r"""Peak-to-average power ratio :math:`10\log_{10}(\max|x|^2 / \overline{|x|^2})` in dB.

    Parameters
    ----------
    x : array_like of complex, 1-D
        A signal that is not identically zero.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        For a non-complex, empty, non-finite or all-zero signal.

    Examples
    --------
    >>> round(papr_db(np.exp(1j * np.linspace(0, 6, 100))), 6)     # constant envelope
    0.0
    """
    x = check_complex_signal(x, "x")
    mean = _power(x)
    if mean == 0:
        raise ValueError("x must not be identically zero")
    return float(10 * np.log10(np.max(np.abs(x) ** 2) / mean))


def papr_ccdf(x, thresholds_db, block_length: int):
    r"""Empirical CCDF of the per-block PAPR: :math:`P(\mathrm{PAPR} > z)` for each threshold.

    The signal is cut into blocks of ``block_length`` samples (one OFDM symbol each, say); each
    block's peak power is divided by the average power of the whole signal.

    Parameters
    ----------
    x : array_like of complex, 1-D
    thresholds_db : array_like of float
        Thresholds z in dB.
    block_length : int
        Samples per block; ``len(x)`` must hold at least one block (a partial last block is dropped).

    Returns
    -------
    numpy.ndarray (or float for a scalar threshold)
        Fraction of blocks whose PAPR exceeds each threshold.

    Raises
    ------
    ValueError
        If ``x`` is shorter than one block or is all zero.

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal
    >>> s = ofdm_signal(n_symbols=200, n_subcarriers=64, oversampling=1, qam_order=16, seed=2)
    >>> round(papr_ccdf(s.samples, 8.0, 64), 2)
    0.11
    """
    block_length = check_integer(block_length, "block_length", minimum=1)
    x = check_complex_signal(x, "x", min_length=block_length)
    thresholds = check_finite(thresholds_db, "thresholds_db")
    mean = _power(x)
    if mean == 0:
        raise ValueError("x must not be identically zero")
    n_blocks = x.size // block_length
    peaks = np.max(np.abs(x[: n_blocks * block_length].reshape(n_blocks, block_length)) ** 2, axis=1) / mean
    papr = 10 * np.log10(peaks)
    return as_result(np.mean(papr[:, None] > np.atleast_1d(thresholds)[None, :], axis=0).reshape(thresholds.shape))


def papr_ccdf_theory(thresholds_db, n_subcarriers: int):
    r"""Nyquist-rate approximation of the OFDM PAPR CCDF.

    If the :math:`N` samples of a Nyquist-sampled OFDM symbol are independent complex Gaussians,
    each :math:`|x|^2/\overline{|x|^2}` is exponential, so

    .. math:: P(\mathrm{PAPR} > z) = 1 - (1 - e^{-z})^{N}, \quad z = 10^{z_{dB}/10}.

    Oversampled signals peak higher between the Nyquist samples; the approximation then
    underestimates the CCDF (a common fix replaces :math:`N` by :math:`\approx 2.8N`).

    Parameters
    ----------
    thresholds_db : array_like of float
    n_subcarriers : int
        N >= 1.

    Returns
    -------
    numpy.ndarray or float

    Raises
    ------
    TypeError, ValueError
        For a non-integer or non-positive ``n_subcarriers`` or non-finite thresholds.

    References
    ----------
    R. van Nee and A. de Wild, "Reducing the peak-to-average power ratio of OFDM", Proc. IEEE VTC
    (1998). (The formula is usually credited to this paper; we could not read it.)

    Examples
    --------
    >>> round(papr_ccdf_theory(10.0, 256), 4)
    0.0116
    """
    n = check_integer(n_subcarriers, "n_subcarriers", minimum=1)
    z = 10 ** (check_finite(thresholds_db, "thresholds_db") / 10)
    return as_result(-np.expm1(n * np.log1p(-np.exp(-z))))


def nmse_db(reference, estimate):
    r"""Normalised mean-square error :math:`10\log_{10}(\sum|y - \hat y|^2 / \sum|y|^2)` in dB.

    Pooled over all samples (OpenDPD averages per-segment dB values instead; for one segment the
    two agree).

    Parameters
    ----------
    reference : array_like of complex, 1-D
        The measured signal :math:`y` (not identically zero).
    estimate : array_like of complex, 1-D
        The model's prediction :math:`\hat y`, same length.

    Returns
    -------
    float
        dB; ``-inf`` for a perfect estimate.

    Raises
    ------
    TypeError, ValueError
        For non-complex, empty, non-finite or mismatched inputs, or an all-zero reference.

    Examples
    --------
    >>> y = np.array([1 + 0j, 1j, -1, -1j])
    >>> round(nmse_db(y, 1.1 * y), 3)
    -20.0
    """
    reference = check_complex_signal(reference, "reference")
    estimate = check_complex_signal(estimate, "estimate")
    check_same_length(reference=reference, estimate=estimate)
    energy = np.sum(np.abs(reference) ** 2)
    if energy == 0:
        raise ValueError("reference must not be identically zero")
    error = np.sum(np.abs(reference - estimate) ** 2)
    with np.errstate(divide="ignore"):
        return float(10 * np.log10(error / energy))


def evm_db(reference, measured, equalize: bool = False):
    r"""Error-vector magnitude :math:`20\log_{10}\sqrt{\sum|m - s|^2 / \sum|s|^2}` in dB.

    With ``equalize=True`` the measured symbols are first scaled by the least-squares complex gain
    :math:`g = \langle s, m\rangle / \langle m, m\rangle` (an ideal one-tap equaliser, as a receiver
    would apply), so a pure gain or phase rotation gives no error. Divide by 20 and exponentiate for
    the RMS fraction: -30 dB is 3.16 %.

    Parameters
    ----------
    reference : array_like of complex
        Ideal symbols :math:`s` (any shape; flattened).
    measured : array_like of complex
        Received symbols :math:`m`, same size.
    equalize : bool
        Remove the best complex gain first.

    Returns
    -------
    float

    Raises
    ------
    TypeError, ValueError
        For non-complex, empty, non-finite or mismatched inputs.

    Examples
    --------
    >>> from physics_lib.dpd import qam_constellation
    >>> s = qam_constellation(16)
    >>> round(evm_db(s, s * 0.5j, equalize=True), 1), round(evm_db(s, s * 1.01), 1)
    (-inf, -40.0)
    """
    reference = check_complex_signal(_flatten(reference, "reference"), "reference")
    measured = check_complex_signal(_flatten(measured, "measured"), "measured")
    check_same_length(reference=reference, measured=measured)
    energy = np.sum(np.abs(reference) ** 2)
    if energy == 0:
        raise ValueError("reference must not be identically zero")
    if equalize:
        norm = np.vdot(measured, measured)
        if norm != 0:
            measured = measured * (np.vdot(measured, reference) / norm)
    error = np.sum(np.abs(measured - reference) ** 2)
    with np.errstate(divide="ignore"):
        value = 10 * np.log10(error / energy)
    return float(np.round(value, 10)) if np.isfinite(value) else float(-np.inf)


def power_spectrum(x, sample_rate: float, nperseg: int | None = None):
    r"""Two-sided Welch power spectral density, frequencies in increasing order.

    A Hann window, 50 % overlap, no detrending (the DC of a baseband signal is signal), density
    scaling: :math:`\sum_f S(f)\,\Delta f` equals the mean power of ``x``.

    Parameters
    ----------
    x : array_like of complex, 1-D
    sample_rate : float
        Hz, > 0.
    nperseg : int, optional
        Segment length (default ``min(len(x), 2048)``), 8 <= nperseg <= len(x).

    Returns
    -------
    frequencies : numpy.ndarray
        Hz, from :math:`-f_s/2` upward.
    psd : numpy.ndarray
        Power per hertz.

    Raises
    ------
    ValueError
        For a bad ``sample_rate`` or ``nperseg``.

    Examples
    --------
    >>> rng = np.random.default_rng(0)
    >>> x = rng.normal(size=4096) + 1j * rng.normal(size=4096)
    >>> f, s = power_spectrum(x, 1e6, 256)
    >>> round(float(np.sum(s) * (f[1] - f[0])), 1)                # mean power 2
    2.0
    """
    x = check_complex_signal(x, "x", min_length=8)
    sample_rate = float(check_positive(sample_rate, "sample_rate"))
    nperseg = min(x.size, 2048) if nperseg is None else check_integer(nperseg, "nperseg", minimum=8)
    if nperseg > x.size:
        raise ValueError(f"nperseg must be <= len(x) = {x.size}, got {nperseg}")
    f, psd = scipy.signal.welch(
        x, fs=sample_rate, window="hann", nperseg=nperseg, detrend=False, return_onesided=False, scaling="density"
    )
    order = np.argsort(f)
    return f[order], psd[order]


def _band_power(f, psd, low, high):
    df = f[1] - f[0]
    inside = (f >= low - 1e-9 * df) & (f <= high + 1e-9 * df)
    return float(np.sum(psd[inside]) * df)


def aclr_db(x, sample_rate: float, channel_bandwidth: float, adjacent_offset: float | None = None,
            adjacent_bandwidth: float | None = None, nperseg: int | None = None):
    r"""Adjacent-channel leakage ratio of the lower and upper neighbours, in dBc (negative).

    .. math::

        \mathrm{ACLR}_{\pm} = 10\log_{10}
        \frac{\int_{\pm f_o - B_a/2}^{\pm f_o + B_a/2} S(f)\,df}{\int_{-B/2}^{B/2} S(f)\,df},

    with :math:`S` the Welch PSD of :func:`power_spectrum`, :math:`B` the channel bandwidth,
    :math:`f_o` the adjacent-channel offset (default :math:`B`) and :math:`B_a` its measurement
    bandwidth (default :math:`B`). This is the ratio of powers integrated over whole channels of
    equal width, as in 3GPP's ACLR, but written as leakage over carrier (negative, like OpenDPD)
    rather than carrier over leakage.

    Parameters
    ----------
    x : array_like of complex, 1-D
    sample_rate : float
        Hz; must be >= the channel bandwidth and cover the adjacent channel:
        :math:`f_o + B_a/2 \le f_s/2`.
    channel_bandwidth : float
        Hz, > 0.
    adjacent_offset, adjacent_bandwidth : float, optional
        Hz, > 0.
    nperseg : int, optional
        Welch segment length.

    Returns
    -------
    tuple of float
        (lower, upper) ACLR in dBc.

    Raises
    ------
    ValueError
        If the sample rate is below the channel bandwidth or cannot hold the adjacent channel.

    Examples
    --------
    >>> n = np.arange(8192)
    >>> x = np.exp(2j * np.pi * 0.05 * n) + 0.01 * np.exp(2j * np.pi * 0.3 * n)  # tone 40 dB down
    >>> lower, upper = aclr_db(x, 1.0, 0.25)
    >>> round(upper, 1), lower < -100
    (-40.0, True)
    """
    sample_rate = float(check_positive(sample_rate, "sample_rate"))
    bandwidth = float(check_positive(channel_bandwidth, "channel_bandwidth"))
    if sample_rate < bandwidth:
        raise ValueError(f"sample_rate ({sample_rate:g} Hz) must be >= channel_bandwidth ({bandwidth:g} Hz)")
    offset = bandwidth if adjacent_offset is None else float(check_positive(adjacent_offset, "adjacent_offset"))
    adj_bw = bandwidth if adjacent_bandwidth is None else float(check_positive(adjacent_bandwidth, "adjacent_bandwidth"))
    if offset + adj_bw / 2 > sample_rate / 2 * (1 + 1e-12):
        raise ValueError(
            f"sample_rate ({sample_rate:g} Hz) too low: the adjacent channel reaches "
            f"{offset + adj_bw / 2:g} Hz, beyond the Nyquist frequency {sample_rate / 2:g} Hz"
        )
    f, psd = power_spectrum(x, sample_rate, nperseg)
    main = _band_power(f, psd, -bandwidth / 2, bandwidth / 2)
    if main <= 0:
        raise ValueError("x has no power in the main channel")
    lower = _band_power(f, psd, -offset - adj_bw / 2, -offset + adj_bw / 2)
    upper = _band_power(f, psd, offset - adj_bw / 2, offset + adj_bw / 2)
    with np.errstate(divide="ignore"):
        return float(10 * np.log10(lower / main)), float(10 * np.log10(upper / main))


def aclr_opendpd(x, sample_rate: float, bw_main_ch: float, n_sub_ch: int, nperseg: int):
    r"""ACLR exactly as OpenDPD computes it (``utils/metrics.py``, function ``ACLR``), in dBc.

    Welch spectrum (Hann, ``scaling='spectrum'``, SciPy's default mean detrending) of
    ``nperseg``-sample segments; the main channel :math:`[-B/2, B/2]` is cut into ``n_sub_ch``
    sub-channels of equal bin count :math:`L`; each adjacent channel is the :math:`L` bins just
    outside the main channel (the upper one starts at the main channel's last bin), and the
    ratio is taken to the *strongest* sub-channel:

    .. math:: \mathrm{ACLR} = 10\log_{10}(P_{adj} / \max_c P_c).

    So the adjacent channel is as wide as one sub-channel, not the whole main channel. For a flat
    main channel this is about :math:`10\log_{10} n_{sub}` dB worse than a whole-channel ratio
    when the leakage is concentrated next to the channel edge.

    Parameters
    ----------
    x : array_like of complex, 1-D
    sample_rate : float
        Hz (``input_signal_fs`` in OpenDPD's spec.json).
    bw_main_ch : float
        Hz, main channel bandwidth.
    n_sub_ch : int
        Number of sub-channels (>= 1).
    nperseg : int
        Welch segment length, even (OpenDPD's reordering of the FFT halves assumes it).

    Returns
    -------
    tuple of float
        (left, right) in dBc.

    Raises
    ------
    ValueError
        For an odd ``nperseg``, a segment longer than ``x``, or a sample rate below the bandwidth.

    References
    ----------
    Y. Wu et al., OpenDPD, ISCAS 2024; repository lab-emi/OpenDPD, ``utils/metrics.py``.

    Examples
    --------
    >>> n = np.arange(4096)
    >>> x = np.exp(2j * np.pi * 0.05 * n) + 0.01 * np.exp(2j * np.pi * 0.3 * n)
    >>> round(aclr_opendpd(x, 1.0, 0.3, 1, 4096)[1], 1)
    -40.0
    """
    sample_rate = float(check_positive(sample_rate, "sample_rate"))
    bw_main_ch = float(check_positive(bw_main_ch, "bw_main_ch"))
    if sample_rate < bw_main_ch:
        raise ValueError(f"sample_rate ({sample_rate:g} Hz) must be >= bw_main_ch ({bw_main_ch:g} Hz)")
    n_sub_ch = check_integer(n_sub_ch, "n_sub_ch", minimum=1)
    nperseg = check_integer(nperseg, "nperseg", minimum=8)
    if nperseg % 2:
        raise ValueError(f"nperseg must be even (OpenDPD reorders two equal halves), got {nperseg}")
    x = check_complex_signal(x, "x", min_length=nperseg)
    f, ps = scipy.signal.welch(x, fs=sample_rate, nperseg=nperseg, return_onesided=False, scaling="spectrum")
    half = nperseg // 2
    f = np.concatenate((f[half:], f[:half]))
    ps = np.concatenate((ps[half:], ps[:half]))
    left = int(np.min(np.where(f >= -bw_main_ch / 2)))
    right = int(np.max(np.where(f <= bw_main_ch / 2)))
    width = int((right - left) / n_sub_ch)
    if width < 1 or left - width < 0 or right + width > ps.size:
        raise ValueError("the sub-channels or adjacent channels do not fit the spectrum: check the parameters")
    strongest = max(np.sum(ps[left + c * width : left + (c + 1) * width]) for c in range(n_sub_ch))
    with np.errstate(divide="ignore"):
        return (float(10 * np.log10(np.sum(ps[left - width : left]) / strongest)),
                float(10 * np.log10(np.sum(ps[right : right + width]) / strongest)))


def _spline2_cdf(u):
    """Cumulative integral of the quadratic B-spline (support [-3/2, 3/2], unit area)."""
    u = np.clip(u, -1.5, 1.5)
    if u <= -0.5:
        return (u + 1.5) ** 3 / 6
    if u <= 0.5:
        return 1 / 6 + 0.75 * (u + 0.5) - (u**3 + 0.125) / 3
    return 1 - (1.5 - u) ** 3 / 6


def cubic_aclr_theory(a3, power, occupied_fraction=1.0):
    r"""ACLR of :math:`y = x + a_3 x|x|^2` for band-limited complex Gaussian noise, in dBc.

    Let :math:`x` be circular complex Gaussian with power :math:`P` and a flat spectrum over
    :math:`[-B/2, B/2]`. Split :math:`y` into the part correlated with :math:`x` (Bussgang) and
    the rest: :math:`E[x|x|^2 x^*] = E|x|^4 = 2P^2`, so the linear gain is :math:`1 + 2a_3P`.
    The uncorrelated remainder has autocorrelation :math:`2|a_3|^2 |R(\tau)|^2 R(\tau)`, whose
    spectrum is :math:`2|a_3|^2 (S*S*S)(f)`: a triple convolution of the rectangle, i.e. the
    quadratic B-spline spread over :math:`[-3B/2, 3B/2]`. It puts 2/3 of its power
    :math:`2|a_3|^2P^3` inside the channel and 1/6 in each neighbour, giving

    .. math::

        \mathrm{ACLR} = 10\log_{10}\frac{|a_3|^2P^2/3}{|1 + 2a_3P|^2 + \tfrac{4}{3}|a_3|^2P^2}
        \approx 20\log_{10}|a_3 P| - 4.77\ \mathrm{dB}.

    Here :math:`a_3` is the *baseband* coefficient. A real passband cubic
    :math:`y = x + a_3' x^3` acting on :math:`x = \mathrm{Re}\{\tilde x e^{j\omega_c t}\}` leaves
    :math:`\tfrac34 a_3' \tilde x|\tilde x|^2` at the carrier (the other part of :math:`\cos^3`
    lands at :math:`3\omega_c`), so :math:`a_3 = \tfrac34 a_3'`.

    With ``occupied_fraction`` :math:`\rho < 1` the signal fills only :math:`\rho B` of the
    channel (the measurement channels stay :math:`B` wide, spaced :math:`B`); the spline is then
    integrated over the scaled limits.

    Parameters
    ----------
    a3 : complex or float
        Third-order coefficient (a compressive amplifier has Re a3 < 0).
    power : float
        Mean input power :math:`P` > 0.
    occupied_fraction : float
        :math:`\rho` in (0, 1].

    Returns
    -------
    float
        dBc (both neighbours are equal).

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or out-of-range inputs, or :math:`a_3 = 0`.

    Examples
    --------
    >>> round(cubic_aclr_theory(-0.01, 1.0), 2)
    -44.6
    """
    if isinstance(a3, (str, bytes, bool)) or a3 is None:
        raise TypeError(f"a3 must be a number, got {type(a3).__name__}")
    try:
        a3 = complex(a3)
    except (TypeError, ValueError) as error:
        raise TypeError(f"a3 must be a (complex) number, got {a3!r}") from error
    if not np.isfinite(a3) or a3 == 0:
        raise ValueError(f"a3 must be finite and non-zero, got {a3}")
    power = float(check_positive(power, "power"))
    rho = float(check_in_range(occupied_fraction, "occupied_fraction", 0.0, 1.0, low_open=True))
    distortion = 2 * abs(a3) ** 2 * power**3
    edge, far = 0.5 / rho, 1.5 / rho
    leak = distortion * (_spline2_cdf(far) - _spline2_cdf(edge))
    main = abs(1 + 2 * a3 * power) ** 2 * power + distortion * (_spline2_cdf(edge) - _spline2_cdf(-edge))
    return float(10 * np.log10(leak / main))
