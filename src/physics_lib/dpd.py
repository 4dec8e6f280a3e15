r"""Digital predistortion: power-amplifier models, test signals, linearity metrics and learning.

Everything here works on complex baseband signals :math:`x[n] = I[n] + jQ[n]` (dimensionless,
normalised so that the amplifier's input range is of order one) sampled at ``sample_rate`` in hertz.

* Memoryless amplifier models: :func:`saleh` (travelling-wave tube) and :func:`rapp` (solid state).
* Test signals: :func:`ofdm_signal` (seeded QAM-OFDM), :func:`ofdm_demodulate`.
* Metrics: :func:`papr_db`, :func:`papr_ccdf` and its Nyquist-rate approximation
  :func:`papr_ccdf_theory`, :func:`nmse_db`, :func:`evm_db`, :func:`power_spectrum`,
  :func:`aclr_db` (our definition), :func:`aclr_opendpd` (OpenDPD's, for comparison), and the
  closed form :func:`cubic_aclr_theory`.
* Behavioural models with memory: :func:`mp_basis` (memory polynomial), :func:`gmp_basis`
  (generalised memory polynomial), :func:`least_squares`, :func:`fit_memory_polynomial`,
  :func:`fit_gmp` and :class:`BehavioralModel`.
* Predistortion: :func:`ila_predistorter` (indirect learning architecture).
* Efficiency: :func:`class_a_efficiency`, :func:`class_b_efficiency` (a sine wave at a given output
  back-off), :func:`class_b_average_efficiency` (averaged over a signal's envelope) and
  :func:`output_backoff_db`.
* Data: :func:`load_opendpd` reads the measured OpenDPD amplifier records in ``physics_lib/data/``.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Callable, NamedTuple

import numpy as np
import scipy.linalg
import scipy.linalg.blas
import scipy.signal

from ._data import data_file, read_csv
from ._validation import (
    as_result,
    check_complex_signal,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
    check_same_length,
)

__all__ = [
    "saleh",
    "rapp",
    "qam_constellation",
    "OFDMSignal",
    "ofdm_signal",
    "ofdm_demodulate",
    "papr_db",
    "papr_ccdf",
    "papr_ccdf_theory",
    "nmse_db",
    "evm_db",
    "power_spectrum",
    "aclr_db",
    "aclr_opendpd",
    "cubic_aclr_theory",
    "mp_basis",
    "gmp_basis",
    "least_squares",
    "BehavioralModel",
    "fit_memory_polynomial",
    "fit_gmp",
    "SweepResult",
    "memory_polynomial_sweep",
    "ILAResult",
    "ila_predistorter",
    "class_a_efficiency",
    "class_b_efficiency",
    "class_b_average_efficiency",
    "output_backoff_db",
    "OPENDPD_DATASETS",
    "load_opendpd",
]


# ----------------------------------------------------------------------------------------------
# Memoryless amplifier models
# ----------------------------------------------------------------------------------------------


def saleh(x, alpha_a=2.1587, beta_a=1.1517, alpha_phi=4.0033, beta_phi=9.1040):
    r"""Saleh's travelling-wave-tube amplifier model applied to a complex baseband signal.

    For an input :math:`x = r e^{j\theta}` the output is :math:`A(r)\,e^{j(\theta + \Phi(r))}` with

    .. math::

        A(r) = \frac{\alpha_a r}{1 + \beta_a r^2}, \qquad
        \Phi(r) = \frac{\alpha_\phi r^2}{1 + \beta_\phi r^2}.

    :math:`A` peaks at :math:`r = 1/\sqrt{\beta_a}` with :math:`A_{max} = \alpha_a/(2\sqrt{\beta_a})`;
    beyond it the output amplitude *falls* (over-drive). :math:`\Phi` (radians) saturates at
    :math:`\alpha_\phi/\beta_\phi`.

    Both are rational functions of :math:`r` with poles off the real axis: :math:`A` at
    :math:`r = \pm j/\sqrt{\beta_a}` (:math:`|r| = 0.932` with the default constants) and
    :math:`\Phi` at :math:`r = \pm j/\sqrt{\beta_\phi}` (:math:`|r| = 0.331`). Their power series
    in :math:`r` therefore converge only for :math:`|r|` below those distances, and singularities
    this close to the real axis make polynomial fits (and polynomial predistorters) converge slowly
    with order over a drive range that reaches beyond them.

    Parameters
    ----------
    x : array_like of complex, 1-D
        Input baseband signal (normalised amplitude).
    alpha_a, beta_a : float
        AM/AM parameters, > 0 (defaults: the classic fit, see Notes).
    alpha_phi, beta_phi : float
        AM/PM parameters (radians), ``alpha_phi`` >= 0, ``beta_phi`` > 0.

    Returns
    -------
    numpy.ndarray of complex
        The amplifier output.

    Raises
    ------
    TypeError
        If ``x`` is not complex or a parameter is not a real number.
    ValueError
        If ``x`` is empty, not 1-D or not finite, or a parameter is out of range.

    Notes
    -----
    The default parameters are the TWT fit usually quoted for Saleh's model. We found them in a
    secondary source that uses them in code, not in the paper's own table, which we could not read.

    References
    ----------
    A. A. M. Saleh, "Frequency-independent and frequency-dependent nonlinear models of TWT
    amplifiers", IEEE Trans. Commun. COM-29(11), 1715-1720 (1981).

    Examples
    --------
    >>> import numpy as np
    >>> y = saleh(np.array([1 / np.sqrt(1.1517) + 0j]))   # drive at the AM/AM peak
    >>> round(float(abs(y[0])), 4)                          # alpha_a / (2 sqrt(beta_a))
    1.0058
    """
    x = check_complex_signal(x, "x")
    alpha_a = float(check_positive(alpha_a, "alpha_a"))
    beta_a = float(check_positive(beta_a, "beta_a"))
    alpha_phi = float(check_nonnegative(alpha_phi, "alpha_phi"))
    beta_phi = float(check_positive(beta_phi, "beta_phi"))
    r = np.abs(x)
    amplitude = alpha_a * r / (1.0 + beta_a * r**2)
    phase = alpha_phi * r**2 / (1.0 + beta_phi * r**2)
    return amplitude * np.exp(1j * (np.angle(x) + phase))


def rapp(x, gain=1.0, saturation=1.0, smoothness=2.0):
    r"""Rapp's solid-state amplifier model (AM/AM only, no AM/PM).

    .. math::

        A(r) = \frac{G r}{\left[1 + (G r / A_0)^{2p}\right]^{1/(2p)}},

    which is linear (:math:`Gr`) for small :math:`r` and saturates smoothly at :math:`A_0`; the
    smoothness :math:`p` sets the knee (:math:`p \to \infty` is an ideal limiter). The phase of
    the input is kept.

    Parameters
    ----------
    x : array_like of complex, 1-D
        Input baseband signal.
    gain : float
        Small-signal voltage gain :math:`G` > 0.
    saturation : float
        Output saturation amplitude :math:`A_0` > 0.
    smoothness : float
        Knee parameter :math:`p` > 0 (2-3 for typical solid-state amplifiers).

    Returns
    -------
    numpy.ndarray of complex

    Raises
    ------
    TypeError, ValueError
        For a non-complex, empty or non-finite ``x`` or a non-positive parameter.

    References
    ----------
    C. Rapp, "Effects of HPA-nonlinearity on a 4-DPSK/OFDM-signal for a digital sound broadcasting
    system", Proc. 2nd European Conf. on Satellite Communications, 179-184 (1991). (Citation not
    read; the model is listed among MathWorks' amplifier models.)

    Examples
    --------
    >>> import numpy as np
    >>> y = rapp(np.array([1.0 + 0j]), gain=1.0, saturation=1.0, smoothness=2.0)
    >>> round(float(abs(y[0])), 6)     # 1 / 2**(1/4): 1.5 dB of compression at r = A0/G
    0.840896
    """
    x = check_complex_signal(x, "x")
    gain = float(check_positive(gain, "gain"))
    saturation = float(check_positive(saturation, "saturation"))
    smoothness = float(check_positive(smoothness, "smoothness"))
    r = np.abs(x)
    ratio = gain * r / saturation
    # (1 + ratio^(2p))^(1/(2p)) computed in logs so that large p or large drive cannot overflow
    with np.errstate(divide="ignore"):
        log_ratio = np.log(np.where(ratio > 0, ratio, 1.0))
    two_p = 2.0 * smoothness
    denominator = np.exp(np.logaddexp(0.0, two_p * log_ratio) / two_p)
    denominator = np.where(ratio > 0, denominator, 1.0)
    return gain * x / denominator


# ----------------------------------------------------------------------------------------------
# Test signals
# ----------------------------------------------------------------------------------------------


def qam_constellation(order: int) -> np.ndarray:
    r"""Square M-QAM constellation with unit average energy, in Gray-free natural order.

    Points :math:`(2i - \sqrt{M} + 1) + j(2q - \sqrt{M} + 1)` scaled by
    :math:`\sqrt{3/(2(M-1))}` so that :math:`E|s|^2 = 1`.

    Parameters
    ----------
    order : int
        M, a power of 4 (4, 16, 64, 256, 1024, 4096).

    Returns
    -------
    numpy.ndarray of complex, shape (M,)

    Raises
    ------
    TypeError
        If ``order`` is not an integer.
    ValueError
        If ``order`` is not a power of 4 of at least 4.

    Examples
    --------
    >>> s = qam_constellation(16)
    >>> len(s), round(float(np.mean(abs(s) ** 2)), 12)
    (16, 1.0)
    """
    order = check_integer(order, "order", minimum=4)
    side = int(round(np.sqrt(order)))
    if side * side != order or side & (side - 1):
        raise ValueError(f"order must be a power of 4 (4, 16, 64, 256, ...), got {order}")
    levels = 2 * np.arange(side) - side + 1.0
    points = (levels[:, None] + 1j * levels[None, :]).ravel()
    return points * np.sqrt(3.0 / (2.0 * (order - 1)))


class OFDMSignal(NamedTuple):
    """An OFDM waveform and what made it (returned by :func:`ofdm_signal`)."""

    samples: np.ndarray  #: complex baseband samples, unit expected power
    symbols: np.ndarray  #: QAM symbols, shape (n_symbols, n_subcarriers)
    sample_rate: float  #: Hz
    bandwidth: float  #: occupied bandwidth, Hz
    n_subcarriers: int
    oversampling: int


def ofdm_signal(
    n_symbols: int = 1,
    n_subcarriers: int = 2048,
    oversampling: int = 4,
    qam_order: int = 64,
    bandwidth: float = 20e6,
    seed: int = 0,
) -> OFDMSignal:
    r"""A seeded QAM-OFDM test signal (no cyclic prefix) with unit expected power.

    Each OFDM symbol places ``n_subcarriers`` random QAM symbols :math:`S_k` on adjacent
    subcarriers :math:`k = -N/2, \dots, N/2 - 1` spaced :math:`\Delta f = B/N` and takes an
    inverse FFT of size :math:`L N` (``oversampling`` :math:`L`), so

    .. math:: x[n] = \frac{1}{\sqrt{N}} \sum_k S_k\, e^{j 2\pi k n / (L N)},\quad f_s = L B.

    By the central limit theorem :math:`x[n]` is nearly complex Gaussian, hence its high peak-to-
    average power ratio (see :func:`papr_ccdf_theory`). Consecutive symbols are concatenated with
    no cyclic prefix or windowing, so each boundary is a jump whose sinc-shaped spectrum leaks out
    of band (about -30 dBc for 256 subcarriers, as unfiltered OFDM does); a single long symbol
    (``n_symbols=1``) is periodic and spectrally clean, the right choice for spectral-regrowth
    experiments.

    Parameters
    ----------
    n_symbols : int
        Number of OFDM symbols (>= 1).
    n_subcarriers : int
        Occupied subcarriers N (even, >= 2).
    oversampling : int
        L >= 1; ``sample_rate = oversampling * bandwidth``.
    qam_order : int
        Square QAM order (power of 4).
    bandwidth : float
        Occupied bandwidth B in Hz (> 0).
    seed : int
        Seed of the random symbols.

    Returns
    -------
    OFDMSignal

    Raises
    ------
    TypeError, ValueError
        For non-integer counts, odd ``n_subcarriers``, bad ``qam_order`` or non-positive
        ``bandwidth``.

    Examples
    --------
    >>> s = ofdm_signal(n_symbols=4, n_subcarriers=64, oversampling=4, qam_order=16, seed=1)
    >>> s.samples.shape, s.sample_rate / 1e6, round(float(np.mean(abs(s.samples) ** 2)), 1)
    ((1024,), 80.0, 1.0)
    """
    n_symbols = check_integer(n_symbols, "n_symbols", minimum=1)
    n_subcarriers = check_integer(n_subcarriers, "n_subcarriers", minimum=2)
    if n_subcarriers % 2:
        raise ValueError(f"n_subcarriers must be even, got {n_subcarriers}")
    oversampling = check_integer(oversampling, "oversampling", minimum=1)
    bandwidth = float(check_positive(bandwidth, "bandwidth"))
    seed = check_integer(seed, "seed", minimum=0)
    try:
        constellation = qam_constellation(check_integer(qam_order, "qam_order", minimum=4))
    except ValueError as error:  # name this function's argument, not the helper's
        raise ValueError(f"qam_order: {error}") from None
    rng = np.random.default_rng(seed)
    symbols = constellation[rng.integers(0, len(constellation), size=(n_symbols, n_subcarriers))]
    n_fft = oversampling * n_subcarriers
    grid = np.zeros((n_symbols, n_fft), dtype=complex)
    k = np.arange(-n_subcarriers // 2, n_subcarriers // 2)
    grid[:, k % n_fft] = symbols
    # ifft carries 1/n_fft; rescale so the time samples have unit average power
    time = np.fft.ifft(grid, axis=1) * n_fft / np.sqrt(n_subcarriers)
    return OFDMSignal(time.ravel(), symbols, oversampling * bandwidth, bandwidth, n_subcarriers, oversampling)


def ofdm_demodulate(samples, n_subcarriers: int, oversampling: int) -> np.ndarray:
    """Recover the subcarrier symbols of a signal made by :func:`ofdm_signal` (FFT per symbol).

    The inverse of the modulator: split into symbols of ``oversampling * n_subcarriers`` samples,
    FFT, keep the occupied bins, undo the power scaling.

    Parameters
    ----------
    samples : array_like of complex, 1-D
        Length a multiple of ``oversampling * n_subcarriers``.
    n_subcarriers, oversampling : int
        As given to :func:`ofdm_signal`.

    Returns
    -------
    numpy.ndarray of complex, shape (n_symbols, n_subcarriers)

    Raises
    ------
    ValueError
        If the length is not a whole number of OFDM symbols.

    Examples
    --------
    >>> s = ofdm_signal(n_symbols=2, n_subcarriers=64, oversampling=2, qam_order=4)
    >>> bool(np.allclose(ofdm_demodulate(s.samples, 64, 2), s.symbols))
    True
    """
    n_subcarriers = check_integer(n_subcarriers, "n_subcarriers", minimum=2)
    oversampling = check_integer(oversampling, "oversampling", minimum=1)
    n_fft = n_subcarriers * oversampling
    samples = check_complex_signal(samples, "samples", min_length=n_fft)
    if samples.size % n_fft:
        raise ValueError(f"samples must hold a whole number of {n_fft}-sample symbols, got {samples.size}")
    grid = np.fft.fft(samples.reshape(-1, n_fft), axis=1) * np.sqrt(n_subcarriers) / n_fft
    k = np.arange(-n_subcarriers // 2, n_subcarriers // 2)
    return grid[:, k % n_fft]


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


# ----------------------------------------------------------------------------------------------
# Behavioural models with memory
# ----------------------------------------------------------------------------------------------


def _shift(v: np.ndarray, d: int) -> np.ndarray:
    """v[n - d] with zeros where n - d falls outside the record (d < 0 looks ahead)."""
    if d == 0:
        return v
    out = np.zeros_like(v)
    if d > 0:
        out[d:] = v[:-d] if d < v.size else 0
    else:
        out[:d] = v[-d:] if -d < v.size else 0
    return out


def mp_basis(x, order: int, memory_depth: int) -> np.ndarray:
    r"""Memory-polynomial regression matrix.

    Column :math:`(m, k)` holds :math:`x[n-m]\,|x[n-m]|^{k-1}` for memory taps
    :math:`m = 0..M` and orders :math:`k = 1..K` (tap-major order), so the model is

    .. math:: y[n] = \sum_{m=0}^{M}\sum_{k=1}^{K} a_{km}\, x[n-m]\,|x[n-m]|^{k-1}.

    Samples before the record starts are taken as zero.

    Parameters
    ----------
    x : array_like of complex, 1-D
    order : int
        Nonlinear order K >= 1 (even orders included, as the envelope powers are cheap and help).
    memory_depth : int
        M >= 0 (M + 1 taps).

    Returns
    -------
    numpy.ndarray, shape (len(x), K (M + 1))

    Raises
    ------
    TypeError, ValueError
        For a non-complex ``x``, ``order`` < 1 or ``memory_depth`` < 0.

    References
    ----------
    J. Kim and K. Konstantinou, "Digital predistortion of wideband signals based on power amplifier
    model with memory", Electron. Lett. 37(23), 1417-1418 (2001).

    Examples
    --------
    >>> mp_basis(np.array([1j, 2, 0]), order=2, memory_depth=1)
    array([[0.+1.j, 0.+1.j, 0.+0.j, 0.+0.j],
           [2.+0.j, 4.+0.j, 0.+1.j, 0.+1.j],
           [0.+0.j, 0.+0.j, 2.+0.j, 4.+0.j]])
    """
    x = check_complex_signal(x, "x")
    order = check_integer(order, "order", minimum=1)
    memory_depth = check_integer(memory_depth, "memory_depth", minimum=0)
    envelope = np.abs(x)
    terms = np.empty((order, x.size), dtype=complex)
    terms[0] = x
    for k in range(1, order):
        terms[k] = terms[k - 1] * envelope
    basis = np.zeros((x.size, order * (memory_depth + 1)), dtype=complex, order="F")
    for m in range(min(memory_depth + 1, x.size)):
        for k in range(order):
            basis[m:, m * order + k] = terms[k, : x.size - m]
    return basis


def gmp_basis(x, ka: int, la: int, kb: int = 0, lb: int = 0, mb: int = 0,
              kc: int = 0, lc: int = 0, mc: int = 0) -> np.ndarray:
    r"""Generalised-memory-polynomial regression matrix (Morgan et al. 2006).

    .. math::

        y[n] = \sum_{k=0}^{K_a-1}\sum_{l=0}^{L_a-1} a_{kl}\, x[n-l]|x[n-l]|^k
             + \sum_{k=1}^{K_b}\sum_{l=0}^{L_b-1}\sum_{m=1}^{M_b} b_{klm}\, x[n-l]|x[n-l-m]|^k
             + \sum_{k=1}^{K_c}\sum_{l=0}^{L_c-1}\sum_{m=1}^{M_c} c_{klm}\, x[n-l]|x[n-l+m]|^k.

    The first (aligned) block is a memory polynomial with :math:`K_a` orders and :math:`L_a` taps;
    the second multiplies each sample by a *lagging* envelope, the third by a *leading* (future)
    one. Counts follow Morgan's paper: ``kb = lb = mb = 0`` (or ``kc...``) switch a block off.
    Samples outside the record are zero.

    Parameters
    ----------
    x : array_like of complex, 1-D
    ka, la : int
        Aligned block: orders >= 1 and taps >= 1.
    kb, lb, mb, kc, lc, mc : int
        Lagging and leading blocks, each >= 0.

    Returns
    -------
    numpy.ndarray, shape (len(x), ka la + kb lb mb + kc lc mc)

    Raises
    ------
    TypeError, ValueError
        For a non-complex ``x`` or an out-of-range count.

    References
    ----------
    D. R. Morgan, Z. Ma, J. Kim, M. G. Zierdt and J. Pastalan, "A generalized memory polynomial
    model for digital predistortion of RF power amplifiers", IEEE Trans. Signal Process. 54(10),
    3852-3860 (2006).

    Examples
    --------
    >>> gmp_basis(np.ones(6, complex), 3, 2, 2, 2, 1, 2, 2, 1).shape
    (6, 14)
    """
    x = check_complex_signal(x, "x")
    ka = check_integer(ka, "ka", minimum=1)
    la = check_integer(la, "la", minimum=1)
    kb, lb, mb = (check_integer(v, n, minimum=0) for v, n in ((kb, "kb"), (lb, "lb"), (mb, "mb")))
    kc, lc, mc = (check_integer(v, n, minimum=0) for v, n in ((kc, "kc"), (lc, "lc"), (mc, "mc")))
    envelope = np.abs(x)
    n_env = max(ka - 1, kb, kc, 0)
    powers = np.empty((n_env + 1, x.size))
    powers[0] = 1.0
    for k in range(1, n_env + 1):
        powers[k] = powers[k - 1] * envelope
    basis = np.empty((x.size, ka * la + kb * lb * mb + kc * lc * mc), dtype=complex, order="F")
    column = 0
    for l in range(la):
        for k in range(ka):
            basis[:, column] = _shift(x * powers[k], l)
            column += 1
    for count_k, count_l, count_m, sign in ((kb, lb, mb, 1), (kc, lc, mc, -1)):
        for l in range(count_l):
            delayed = _shift(x, l)
            for m in range(1, count_m + 1):
                for k in range(1, count_k + 1):
                    basis[:, column] = delayed * _shift(powers[k], l + sign * m)
                    column += 1
    return basis


_KAPPA_CHOLESKY = 1e5  # below: Cholesky on the scaled normal equations; above: truncated SVD


def least_squares(basis, target):
    r"""Numerically careful complex least squares :math:`\min_c \|\Phi c - y\|_2`.

    The columns of :math:`\Phi` are first scaled to unit 2-norm (polynomial columns differ by
    orders of magnitude: :math:`|x|^8` against :math:`x`), which removes the part of the
    ill-conditioning that is only bad scaling. The condition number :math:`\kappa` of the scaled
    matrix is then computed from the eigenvalues of its Gram matrix. When :math:`\kappa < 10^5`
    the normal equations are solved by Cholesky (fast; the relative error is of order
    :math:`\epsilon\kappa^2 < 10^{-6}`); otherwise a truncated singular-value decomposition
    (LAPACK ``gelsd``) is used, which drops the directions whose singular value is below
    :math:`10^{-5}` of the largest: the same line the Cholesky branch draws.

    The truncation matters for deep memory on a strictly band-limited input. Delayed copies
    :math:`x[n-m]` of a signal that fills only part of the sampled band are nearly linearly
    dependent, and an untruncated solution puts large, mutually cancelling coefficients on those
    weak directions, fitted to noise. They cancel only while the model sees the same kind of
    history as in training; a record evaluated from a cold start (zeros before its first sample)
    exposes them. (On OpenDPD's APA_200MHz record, a memory polynomial with :math:`K = 5`,
    :math:`M = 30` fitted on the first half scores about -37 dB NMSE on the second half with the
    truncation, and worse than 0 dB from a cold start without it.)

    Parameters
    ----------
    basis : array_like of complex, shape (n_samples, n_coefficients)
        More samples than coefficients.
    target : array_like of complex, shape (n_samples,)

    Returns
    -------
    coefficients : numpy.ndarray of complex
    condition_number : float
        Of the column-scaled basis (inf if a column is zero).

    Raises
    ------
    TypeError, ValueError
        For non-complex, non-finite or mis-shaped input, or fewer samples than coefficients.

    Examples
    --------
    >>> x = 0.5 * ofdm_signal(n_symbols=2, n_subcarriers=16, seed=1).samples
    >>> c, kappa = least_squares(mp_basis(x, 3, 1), mp_basis(x, 3, 1) @ np.arange(1, 7))
    >>> bool(np.allclose(c, np.arange(1, 7)))
    True
    """
    if isinstance(basis, (str, bytes)) or basis is None:
        raise TypeError("basis must be a 2-D complex array")
    basis = np.asarray(basis)
    if not np.iscomplexobj(basis):
        raise TypeError(f"basis must be complex, got dtype {basis.dtype}")
    if basis.ndim != 2:
        raise ValueError(f"basis must be 2-D, got shape {basis.shape}")
    if not np.all(np.isfinite(basis)):
        raise ValueError("basis must be finite (no NaN or inf)")
    target = check_complex_signal(target, "target")
    check_same_length(basis=basis, target=target)
    n_samples, n_coefficients = basis.shape
    if n_samples < n_coefficients:
        raise ValueError(f"basis must have at least as many rows ({n_samples}) as columns ({n_coefficients})")
    # Gram matrix B^H B by one Hermitian rank-k update (half the work of a general product), then
    # the column scaling applied to it: scaling commutes with rounding, so this equals the Gram
    # matrix of the scaled columns without building them.
    basis = np.asfortranarray(basis)
    upper = scipy.linalg.blas.zherk(1.0, basis, trans=2, lower=0)
    gram_raw = np.triu(upper) + np.triu(upper, 1).conj().T
    norms = np.sqrt(np.real(np.diag(gram_raw)))
    usable = norms > 0
    scale = norms[usable]
    gram = gram_raw[np.ix_(usable, usable)] / np.outer(scale, scale)
    eigenvalues = np.linalg.eigvalsh(gram)
    smallest = max(eigenvalues[0], 0.0)
    kappa = float(np.sqrt(eigenvalues[-1] / smallest)) if smallest > 0 else float("inf")
    coefficients = np.zeros(n_coefficients, dtype=complex)
    if kappa < _KAPPA_CHOLESKY:
        rhs = np.conj(target.conj() @ basis)[usable] / scale  # (B^H y), no conjugated copy of B
        solution = scipy.linalg.solve(gram, rhs, assume_a="pos")
    else:
        # truncated SVD: directions weaker than 1/_KAPPA_CHOLESKY of the strongest are dropped
        solution = scipy.linalg.lstsq(basis[:, usable] / scale, target, cond=1.0 / _KAPPA_CHOLESKY,
                                      lapack_driver="gelsd")[0]
    coefficients[usable] = solution / scale
    if not usable.all():
        kappa = float("inf")
    return coefficients, kappa


@dataclass(frozen=True)
class BehavioralModel:
    """A fitted memory polynomial (``kind='mp'``) or GMP (``kind='gmp'``); call it on a signal.

    ``structure`` holds the basis arguments: ``(order, memory_depth)`` for MP,
    ``(ka, la, kb, lb, mb, kc, lc, mc)`` for GMP.
    """

    kind: str
    structure: tuple
    coefficients: np.ndarray = field(repr=False)
    condition_number: float = float("nan")

    def basis(self, x) -> np.ndarray:
        """The regression matrix of this model's structure for input ``x``."""
        return mp_basis(x, *self.structure) if self.kind == "mp" else gmp_basis(x, *self.structure)

    def __call__(self, x) -> np.ndarray:
        return self.basis(x) @ self.coefficients

    @property
    def n_coefficients(self) -> int:
        """Number of complex coefficients."""
        return int(self.coefficients.size)


def _fit_samples(x, y):
    x = check_complex_signal(x, "x")
    y = check_complex_signal(y, "y")
    check_same_length(x=x, y=y)
    return x, y


def fit_memory_polynomial(x, y, order: int = 5, memory_depth: int = 4) -> BehavioralModel:
    r"""Identify a memory polynomial :math:`y \approx \sum a_{km} x[n-m]|x[n-m]|^{k-1}` by least squares.

    Parameters
    ----------
    x, y : array_like of complex, 1-D
        Amplifier input and output, time-aligned, equal length (> number of coefficients).
    order : int
        K >= 1.
    memory_depth : int
        M >= 0.

    Returns
    -------
    BehavioralModel

    Raises
    ------
    TypeError, ValueError
        For bad signals (not complex, mismatched lengths) or bad structure.

    Examples
    --------
    >>> x = ofdm_signal(n_symbols=4, n_subcarriers=64, seed=3).samples * 0.3
    >>> model = fit_memory_polynomial(x, rapp(x, smoothness=2.0), order=7, memory_depth=0)
    >>> bool(nmse_db(rapp(x), model(x)) < -60)
    True
    """
    x, y = _fit_samples(x, y)
    model_basis = mp_basis(x, order, memory_depth)
    coefficients, kappa = least_squares(model_basis, y)
    return BehavioralModel("mp", (int(order), int(memory_depth)), coefficients, kappa)


def fit_gmp(x, y, ka: int = 5, la: int = 5, kb: int = 2, lb: int = 3, mb: int = 2,
            kc: int = 2, lc: int = 3, mc: int = 2) -> BehavioralModel:
    r"""Identify a generalised memory polynomial (see :func:`gmp_basis`) by least squares.

    Parameters
    ----------
    x, y : array_like of complex, 1-D
        Amplifier input and output, time-aligned.
    ka, la, kb, lb, mb, kc, lc, mc : int
        Structure, as in :func:`gmp_basis`.

    Returns
    -------
    BehavioralModel

    Raises
    ------
    TypeError, ValueError
        For bad signals or structure.

    Examples
    --------
    >>> x = ofdm_signal(n_symbols=4, n_subcarriers=64, seed=3).samples * 0.3
    >>> fit_gmp(x, saleh(x), ka=5, la=2).n_coefficients
    34
    """
    x, y = _fit_samples(x, y)
    basis = gmp_basis(x, ka, la, kb, lb, mb, kc, lc, mc)  # validates the structure
    structure = tuple(int(v) for v in (ka, la, kb, lb, mb, kc, lc, mc))
    coefficients, kappa = least_squares(basis, y)
    return BehavioralModel("gmp", structure, coefficients, kappa)


class SweepResult(NamedTuple):
    """Outcome of :func:`memory_polynomial_sweep`: arrays indexed ``[order - 1, memory_depth]``."""

    nmse_db: np.ndarray  #: test NMSE, dB
    condition_number: np.ndarray  #: of the column-scaled training basis
    coefficients: dict  #: {(order, memory_depth): complex coefficients}


def memory_polynomial_sweep(x_train, y_train, x_test, y_test, max_order: int = 7, max_memory_depth: int = 10):
    r"""Test NMSE of every memory polynomial with :math:`K \le K_{max}`, :math:`M \le M_{max}`.

    Builds the largest basis once and its Gram matrix :math:`\Phi^H\Phi` once (one Hermitian
    rank-k update); each smaller model uses a sub-block, column-scaled, solved by Cholesky when its
    condition number is below :math:`10^5` and by truncated SVD (:func:`least_squares`) otherwise. So a full
    sweep costs about one large fit.

    Parameters
    ----------
    x_train, y_train, x_test, y_test : array_like of complex, 1-D
        Training and test input/output pairs (each pair of equal length).
    max_order : int
        :math:`K_{max}` >= 1.
    max_memory_depth : int
        :math:`M_{max}` >= 0.

    Returns
    -------
    SweepResult

    Raises
    ------
    TypeError, ValueError
        For bad signals or limits.

    Examples
    --------
    >>> x = 0.3 * ofdm_signal(n_symbols=1, n_subcarriers=512, seed=1).samples
    >>> y = rapp(x) + 0.1 * np.roll(x, 1)
    >>> sweep = memory_polynomial_sweep(x[:1000], y[:1000], x[1000:], y[1000:], 3, 1)
    >>> bool(sweep.nmse_db[2, 1] < sweep.nmse_db[2, 0] - 10)
    True
    """
    x_train, y_train, x_test, y_test = (
        check_complex_signal(v, n) for v, n in ((x_train, "x_train"), (y_train, "y_train"), (x_test, "x_test"), (y_test, "y_test"))
    )
    check_same_length(x_train=x_train, y_train=y_train)
    check_same_length(x_test=x_test, y_test=y_test)
    k_max = check_integer(max_order, "max_order", minimum=1)
    m_max = check_integer(max_memory_depth, "max_memory_depth", minimum=0)
    train = mp_basis(x_train, k_max, m_max)
    test = mp_basis(x_test, k_max, m_max)
    upper = scipy.linalg.blas.zherk(1.0, train, trans=2, lower=0)
    gram_raw = np.triu(upper) + np.triu(upper, 1).conj().T
    rhs_raw = np.conj(y_train.conj() @ train)
    norms = np.sqrt(np.real(np.diag(gram_raw)))
    nmse = np.full((k_max, m_max + 1), np.nan)
    kappas = np.full((k_max, m_max + 1), np.nan)
    coefficients = {}
    for k in range(1, k_max + 1):
        for m in range(m_max + 1):
            columns = np.array([tap * k_max + order for tap in range(m + 1) for order in range(k)])
            scale = norms[columns]
            if np.any(scale == 0):
                c, kappa = least_squares(train[:, columns], y_train)
            else:
                gram = gram_raw[np.ix_(columns, columns)] / np.outer(scale, scale)
                eigenvalues = np.linalg.eigvalsh(gram)
                kappa = float(np.sqrt(eigenvalues[-1] / eigenvalues[0])) if eigenvalues[0] > 0 else float("inf")
                if kappa < _KAPPA_CHOLESKY:
                    c = scipy.linalg.solve(gram, rhs_raw[columns] / scale, assume_a="pos") / scale
                else:
                    c, kappa = least_squares(train[:, columns], y_train)
            coefficients[(k, m)] = c
            kappas[k - 1, m] = kappa
            nmse[k - 1, m] = nmse_db(y_test, test[:, columns] @ c)
    return SweepResult(nmse, kappas, coefficients)


class ILAResult(NamedTuple):
    """Outcome of :func:`ila_predistorter`."""

    predistorter: BehavioralModel  #: apply it to the wanted signal, feed the result to the PA
    gain: complex  #: the target linear gain G of the linearised chain
    nmse_history: list  #: NMSE (dB) of PA(DPD(x)) against G x: no predistorter, then each pass


def ila_predistorter(pa: Callable, x, order: int = 5, memory_depth: int = 4, iterations: int = 3,
                     gain=None, n_train: int | None = None) -> ILAResult:
    r"""Learn a memory-polynomial predistorter by the indirect learning architecture (ILA).

    Wanted: a predistorter :math:`D` with :math:`\mathrm{PA}(D(x)) \approx G x`. ILA learns a
    *post*-distorter :math:`P` instead, fitting :math:`P(z/G) \approx u` where :math:`u` is the
    PA input and :math:`z = \mathrm{PA}(u)` its output (a linear least-squares problem, since
    :math:`P` is linear in its coefficients), then copies :math:`P` in front of the PA:
    :math:`D = P`. Schetzen's theorem says that for a system described by a Volterra series, with
    or without memory, the p-th order post-inverse equals the p-th order pre-inverse, which is why
    the copy works. Two things make it an approximation in practice. Truncation: the theorem fixes
    the inverse only up to order p, the residual terms above order p differ between the two
    orders of the cascade, and the fitted polynomial also stops at a finite order and memory.
    Noise: the regressor of the fit is the measured PA output, whose noise biases the
    least-squares coefficients (errors in the variables), a bias the copy carries into the
    predistorter. Iterating (re-measure with the new :math:`u`, refit) helps with the first. Iterating can
    also diverge, when the wanted output exceeds what the PA can deliver or the inverse is not
    well approximated by a polynomial, so the predistorter returned is the best iterate on the
    training samples (never worse there than no predistorter).

    Parameters
    ----------
    pa : callable
        The amplifier (measured or a model): complex array in, complex array out, same length.
    x : array_like of complex, 1-D
        The wanted signal.
    order, memory_depth : int
        Predistorter structure (memory polynomial, K >= 1, M >= 0).
    iterations : int
        Number of ILA passes, >= 1.
    gain : complex, optional
        Target gain G. Default: the least-squares linear gain of ``pa`` on ``x``. A gain a little
        below it keeps the predistorted peaks inside the range where ``pa`` is trusted.
    n_train : int, optional
        Fit and select on the first ``n_train`` samples only (the rest stays unseen for testing).

    Returns
    -------
    ILAResult

    Raises
    ------
    TypeError, ValueError
        If ``pa`` is not callable or returns the wrong shape, or for bad ``x`` or structure.

    References
    ----------
    C. Eun and E. J. Powers, "A new Volterra predistorter based on the indirect learning
    architecture", IEEE Trans. Signal Process. 45(1), 223-227 (1997); OpenDPD's benchmark uses it
    for its MP and GMP predistorters. M. Schetzen, "Theory of pth-order inverses of nonlinear
    systems", IEEE Trans. Circuits Syst. CAS-23(5), 285-291 (1976).

    Examples
    --------
    >>> x = 0.3 * ofdm_signal(n_symbols=8, n_subcarriers=64, seed=4).samples
    >>> pa = lambda u: rapp(u, smoothness=2.0)
    >>> result = ila_predistorter(pa, x, order=7, memory_depth=0, iterations=3, gain=1.0)
    >>> before, after = nmse_db(x, pa(x)), nmse_db(x, pa(result.predistorter(x)))
    >>> bool(after < before - 15)
    True
    """
    if not callable(pa):
        raise TypeError(f"pa must be callable, got {type(pa).__name__}")
    x = check_complex_signal(x, "x")
    order = check_integer(order, "order", minimum=1)
    memory_depth = check_integer(memory_depth, "memory_depth", minimum=0)
    iterations = check_integer(iterations, "iterations", minimum=1)
    n_train = x.size if n_train is None else check_integer(n_train, "n_train", minimum=1)
    if n_train > x.size:
        raise ValueError(f"n_train must be <= len(x) = {x.size}, got {n_train}")
    n_coefficients = order * (memory_depth + 1)
    if n_train < n_coefficients:
        raise ValueError(f"n_train ({n_train}) must be >= the number of coefficients ({n_coefficients})")

    def amplify(u):
        z = np.asarray(pa(u))
        if z.shape != u.shape or not np.iscomplexobj(z):
            raise ValueError("pa must return a complex array of the same shape as its input")
        return z

    if gain is None:
        z = amplify(x)
        gain = complex(np.vdot(x, z) / np.vdot(x, x))
    else:
        if isinstance(gain, (str, bytes, bool)):
            raise TypeError("gain must be a number")
        gain = complex(gain)
        if not np.isfinite(gain) or gain == 0:
            raise ValueError(f"gain must be finite and non-zero, got {gain}")
    identity = np.zeros(n_coefficients, dtype=complex)
    identity[0] = 1.0
    best = BehavioralModel("mp", (order, memory_depth), identity, 1.0)
    u = x
    z = amplify(u)
    history = [nmse_db(gain * x[:n_train], z[:n_train])]
    for _ in range(iterations):
        post_basis = mp_basis(z[:n_train] / gain, order, memory_depth)
        coefficients, kappa = least_squares(post_basis, u[:n_train])
        candidate = BehavioralModel("mp", (order, memory_depth), coefficients, kappa)
        u = candidate(x)
        z = amplify(u)
        history.append(nmse_db(gain * x[:n_train], z[:n_train]))
        if history[-1] < min(history[:-1]):
            best = candidate
    return ILAResult(best, gain, history)


# ----------------------------------------------------------------------------------------------
# Efficiency
# ----------------------------------------------------------------------------------------------


def class_b_efficiency(backoff_db):
    r"""Drain efficiency of an ideal class-B amplifier at an output back-off, as a fraction.

    A class-B stage draws a half-sine current whose DC value grows with the output amplitude
    :math:`V`, while RF power grows as :math:`V^2`; at full swing the efficiency is
    :math:`\pi/4 \approx 78.5\,\%`, and backed off by :math:`\mathrm{OBO}` dB

    .. math:: \eta = \frac{\pi}{4}\sqrt{P/P_{max}} = \frac{\pi}{4}\,10^{-\mathrm{OBO}/20}.

    This is a sine-wave (constant-envelope) result: the stage holds one amplitude. For a signal
    whose envelope varies (OFDM) at the same average back-off, the ratio of mean output power to
    mean DC power is :func:`class_b_average_efficiency`; for a Rayleigh envelope it is
    :math:`2/\sqrt{\pi} = 1.128` times this value.

    Parameters
    ----------
    backoff_db : float or array_like
        Output back-off from peak power, dB, >= 0.

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or negative back-off.

    References
    ----------
    S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech House (2006),
    chapter 3. (The standard textbook result; we could not check the page, but it follows from
    the half-sine current's Fourier series.)

    Examples
    --------
    >>> round(class_b_efficiency(0.0), 4), round(class_b_efficiency(6.0206), 4)
    (0.7854, 0.3927)
    """
    backoff = check_nonnegative(backoff_db, "backoff_db")
    return as_result(np.pi / 4 * 10 ** (-backoff / 20))


def class_b_average_efficiency(y, saturation=1.0):
    r"""Efficiency of an ideal class-B stage averaged over a signal's envelope: mean RF power over
    mean DC power.

    A class-B stage delivering the envelope :math:`r = |y|` draws a DC current proportional to
    :math:`r` and delivers RF power proportional to :math:`r^2`, with :math:`\eta = \pi/4` at full
    swing :math:`r = A_0`. What the supply pays for is the ratio of the averages (not the average
    of the instantaneous efficiencies):

    .. math:: \bar\eta = \frac{\overline{P_{out}}}{\overline{P_{DC}}}
              = \frac{\pi}{4}\,\frac{E[r^2]}{E[r]\,A_0},

    with the envelope limited to :math:`A_0` (the stage cannot deliver more). A constant envelope
    gives :func:`class_b_efficiency`. For a Rayleigh envelope (complex Gaussian :math:`y`, as OFDM
    is nearly) of mean power :math:`\sigma^2` clipped at :math:`A_0`, with
    :math:`u = A_0^2/\sigma^2`,

    .. math:: \bar\eta = \frac{\sqrt{\pi}}{2}\,\frac{1 - e^{-u}}{\sqrt{u}\,\mathrm{erf}\sqrt{u}}
              \;\to\; \frac{\sqrt{\pi}}{2}\,10^{-\mathrm{OBO}/20}\quad(u \gg 1),

    :math:`2/\sqrt{\pi} = 1.128` times the sine-wave value at the same average back-off, because
    the DC current follows :math:`E[r]`, which is smaller than :math:`\sqrt{E[r^2]}`.

    Parameters
    ----------
    y : array_like of complex, 1-D
        The output envelope (complex baseband), in the same units as ``saturation``; not all zero.
    saturation : float
        Output amplitude :math:`A_0` of full swing, > 0 (Rapp's ``saturation``).

    Returns
    -------
    float
        The average drain efficiency, a fraction (at most :math:`\pi/4`).

    Raises
    ------
    TypeError, ValueError
        For a non-complex, empty, non-finite or all-zero ``y``, or a non-positive ``saturation``.

    References
    ----------
    S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech House (2006)
    (the sine-wave result); the average over the envelope follows from it.

    Examples
    --------
    >>> round(class_b_average_efficiency(np.full(8, 0.5 + 0j)), 4)   # constant envelope: pi/8
    0.3927
    """
    y = check_complex_signal(y, "y")
    saturation = float(check_positive(saturation, "saturation"))
    envelope = np.minimum(np.abs(y), saturation)
    mean_envelope = float(np.mean(envelope))
    if mean_envelope == 0:
        raise ValueError("y must not be identically zero")
    return float(np.pi / 4 * np.mean(envelope**2) / (mean_envelope * saturation))


def output_backoff_db(y, saturation=1.0):
    r"""Output back-off of a signal from an amplifier's full-swing output, in dB.

    .. math:: \mathrm{OBO} = 10\log_{10}\frac{A_0^2}{\overline{|y|^2}},

    the ratio of the largest sine wave's power (amplitude :math:`A_0`) to the signal's mean power:
    the back-off :func:`class_b_efficiency` and :func:`class_a_efficiency` expect. An *input*
    back-off (drive relative to the input that saturates the amplifier) is converted by measuring
    the output: compression makes the output back-off the larger of the two.

    Parameters
    ----------
    y : array_like of complex, 1-D
        The amplifier output (complex baseband), in the units of ``saturation``; not all zero.
    saturation : float
        Full-swing output amplitude :math:`A_0`, > 0.

    Returns
    -------
    float
        dB (negative if the mean power exceeds :math:`A_0^2`).

    Raises
    ------
    TypeError, ValueError
        For a non-complex, empty, non-finite or all-zero ``y``, or a non-positive ``saturation``.

    Examples
    --------
    >>> round(output_backoff_db(np.full(4, 0.5 + 0j)), 4)
    6.0206
    """
    y = check_complex_signal(y, "y")
    saturation = float(check_positive(saturation, "saturation"))
    power = _power(y)
    if power == 0:
        raise ValueError("y must not be identically zero")
    return float(10 * np.log10(saturation**2 / power))


def class_a_efficiency(backoff_db):
    r"""Drain efficiency of an ideal class-A amplifier, :math:`\eta = \tfrac12 10^{-\mathrm{OBO}/10}`.

    The DC current is constant, so efficiency falls in proportion to output power (50 % at peak).

    Parameters
    ----------
    backoff_db : float or array_like
        Output back-off, dB, >= 0.

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or negative back-off.

    Examples
    --------
    >>> round(class_a_efficiency(3.0103), 4)
    0.25
    """
    backoff = check_nonnegative(backoff_db, "backoff_db")
    return as_result(0.5 * 10 ** (-backoff / 10))


# ----------------------------------------------------------------------------------------------
# Measured data (OpenDPD)
# ----------------------------------------------------------------------------------------------

#: The measured amplifier records copied from OpenDPD into ``physics_lib/data/``, and the splits present.
OPENDPD_DATASETS = {"DPA_200MHz": ("train", "test"), "APA_200MHz": ("test",)}


@lru_cache(maxsize=8)
def _read_opendpd(name: str, split: str):
    folder = f"opendpd_{name}"
    signals = []
    for part in ("input", "output"):
        table = read_csv(data_file(folder, f"{split}_{part}.csv"), numeric=("I", "Q"))
        signals.append(table["I"] + 1j * table["Q"])
    spec = json.loads(data_file(folder, "spec.json").read_text())
    return signals[0], signals[1], spec


def load_opendpd(name: str, split: str = "test"):
    """Measured PA input ``x``, output ``y`` and OpenDPD's ``spec`` dict for one split.

    Parameters
    ----------
    name : str
        ``"DPA_200MHz"`` (40 nm CMOS digital PA, 800 MS/s, 10 x 20 MHz OFDM; train and test splits)
        or ``"APA_200MHz"`` (GaN Doherty PA, 983.04 MS/s, 200 MHz; test split only).
    split : str
        ``"train"`` or ``"test"``.

    Returns
    -------
    x, y : numpy.ndarray of complex
        Time-aligned input and output (normalised units).
    spec : dict
        OpenDPD's spec.json (``input_signal_fs``, ``bw_main_ch``, ``n_sub_ch``, ``nperseg``...).

    Raises
    ------
    ValueError
        For an unknown dataset or split.
    FileNotFoundError
        If the data files are missing.

    References
    ----------
    Y. Wu et al., OpenDPD, ISCAS 2024 (data under Apache-2.0, see ``physics_lib/data/opendpd_*/``).

    Examples
    --------
    >>> x, y, spec = load_opendpd("DPA_200MHz", "test")
    >>> x.size, spec["input_signal_fs"] / 1e6
    (7680, 800.0)
    """
    if name not in OPENDPD_DATASETS:
        raise ValueError(f"name must be one of {sorted(OPENDPD_DATASETS)}, got {name!r}")
    if split not in OPENDPD_DATASETS[name]:
        raise ValueError(f"split must be one of {OPENDPD_DATASETS[name]} for {name}, got {split!r}")
    x, y, spec = _read_opendpd(name, split)
    return x.copy(), y.copy(), dict(spec)
