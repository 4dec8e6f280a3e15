r"""Crest-factor reduction: repeated clipping and frequency-domain filtering of OFDM (Armstrong 2002).

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

import numpy as np

from .._validation import (
    check_complex_signal,
    check_finite,
    check_integer,
)

__all__ = [
    "clip_and_filter",
    "ofdm_aclr_db",
]


def clip_and_filter(x, target_papr_db, n_subcarriers: int, oversampling: int, iterations: int = 1,
                    filtering: bool = True):
    r"""Lower the PAPR of an oversampled OFDM signal by repeated clipping and filtering.

    Armstrong's method works symbol by symbol on the oversampled OFDM signal of
    :func:`ofdm_signal` (``n_subcarriers * oversampling`` samples per symbol, no cyclic prefix).
    Each iteration

    1. clips the amplitude at :math:`A = \sigma\,10^{\gamma/20}`, keeping the phase,

       .. math:: y[n] = \begin{cases} x[n] & |x[n]| \le A \\ A\,x[n]/|x[n]| & |x[n]| > A\end{cases}

       with :math:`\sigma` the RMS amplitude of the *input* and :math:`\gamma` the target PAPR in
       dB (Armstrong's clipping ratio);
    2. takes each symbol's FFT, sets the out-of-band bins (all but the ``n_subcarriers`` used ones)
       to zero and transforms back.

    Clipping alone spreads distortion over the whole sampled band (spectral regrowth); the filter
    removes the out-of-band part, so the spectrum stays as clean as the original, but lets the peaks
    partly regrow. Repeating the pair lowers the peaks further. What remains is in-band distortion,
    seen as EVM.

    Parameters
    ----------
    x : array_like of complex, 1-D
        OFDM samples, a whole number of symbols of ``n_subcarriers * oversampling`` samples, as
        made by :func:`ofdm_signal` (subcarriers :math:`-N/2 \dots N/2 - 1` around DC).
    target_papr_db : float
        Clipping level above the RMS, dB, finite and > 0.
    n_subcarriers : int
        Subcarriers per symbol :math:`N`, >= 2.
    oversampling : int
        Samples per subcarrier spacing, >= 1 (with 1 the filter has nothing to remove).
    iterations : int
        Clip-and-filter passes, >= 1.
    filtering : bool
        ``False`` clips only (once per iteration, which is the same as once).

    Returns
    -------
    numpy.ndarray
        The processed signal, same length as ``x``.

    Raises
    ------
    TypeError, ValueError
        For a non-complex signal, a length that is not a whole number of symbols, a non-positive
        target, or bad counts, naming the argument.

    References
    ----------
    .. [1] J. Armstrong, "Peak-to-average power reduction for OFDM by repeated clipping and
       frequency domain filtering", Electronics Letters 38(5), 246-247 (2002).

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal, papr_db
    >>> s = ofdm_signal(n_symbols=20, n_subcarriers=256, oversampling=4, qam_order=16, seed=1)
    >>> y = clip_and_filter(s.samples, 6.0, 256, 4, iterations=4)
    >>> round(papr_db(s.samples), 1), round(papr_db(y), 1)
    (9.8, 6.7)
    """
    x = check_complex_signal(x, "x")
    target = check_finite(target_papr_db, "target_papr_db")
    if target.ndim != 0 or target <= 0:
        raise ValueError(f"target_papr_db must be a scalar > 0 dB, got {target_papr_db!r}")
    n_subcarriers = check_integer(n_subcarriers, "n_subcarriers", minimum=2)
    if n_subcarriers % 2:
        raise ValueError(f"n_subcarriers must be even, got {n_subcarriers}")
    oversampling = check_integer(oversampling, "oversampling", minimum=1)
    iterations = check_integer(iterations, "iterations", minimum=1)
    if not isinstance(filtering, (bool, np.bool_)):
        raise TypeError(f"filtering must be True or False, got {filtering!r}")
    n_fft = n_subcarriers * oversampling
    if x.size % n_fft:
        raise ValueError(f"x must hold a whole number of symbols of {n_fft} samples, got {x.size}")
    level = np.sqrt(np.mean(np.abs(x) ** 2)) * 10 ** (float(target) / 20)
    in_band = np.zeros(n_fft, dtype=bool)
    in_band[np.arange(-n_subcarriers // 2, n_subcarriers // 2) % n_fft] = True
    y = x.reshape(-1, n_fft)
    for _ in range(iterations if filtering else 1):
        magnitude = np.abs(y)
        y = np.where(magnitude > level, level * y / np.where(magnitude > 0, magnitude, 1.0), y)
        if filtering:
            spectrum = np.fft.fft(y, axis=1)
            spectrum[:, ~in_band] = 0.0
            y = np.fft.ifft(spectrum, axis=1)
    return y.ravel()


def ofdm_aclr_db(x, n_subcarriers: int, oversampling: int):
    r"""Adjacent-channel leakage of an oversampled OFDM signal, measured symbol by symbol, in dB.

    Each symbol of ``n_subcarriers * oversampling`` samples is transformed with an FFT; the power in
    the :math:`N` bins next to the occupied band, below and above, is divided by the power in the
    :math:`N` occupied bins, all summed over symbols:

    .. math:: \mathrm{ACLR}_\pm = 10\log_{10}\frac{\sum_s\sum_{k \in \mathrm{adj}_\pm}|X_s[k]|^2}
              {\sum_s\sum_{k \in \mathrm{occ}}|X_s[k]|^2}.

    Unlike a Welch estimate over the record (:func:`aclr_db`), this sees only the distortion added
    inside each symbol, not the spectral skirts of the rectangular symbol edges, so an undistorted
    signal scores far below -100 dB. It is the out-of-band power Armstrong's filter removes.

    Parameters
    ----------
    x : array_like of complex, 1-D
        A whole number of OFDM symbols of ``n_subcarriers * oversampling`` samples.
    n_subcarriers : int
        Occupied subcarriers :math:`N`, even, >= 2.
    oversampling : int
        Samples per subcarrier spacing, >= 3 (room for both adjacent channels).

    Returns
    -------
    (lower, upper) : tuple of float
        dB relative to the occupied band (``-inf`` if the adjacent bins are exactly empty).

    Raises
    ------
    TypeError, ValueError
        For a bad signal or length, or bad counts, naming the argument.

    References
    ----------
    .. [1] J. Armstrong, Electronics Letters 38(5), 246-247 (2002).

    Examples
    --------
    >>> from physics_lib.dpd import ofdm_signal
    >>> s = ofdm_signal(n_symbols=20, n_subcarriers=256, oversampling=4, qam_order=16, seed=1)
    >>> clipped = clip_and_filter(s.samples, 5.0, 256, 4, filtering=False)
    >>> [round(v, 1) for v in ofdm_aclr_db(clipped, 256, 4)], ofdm_aclr_db(s.samples, 256, 4)[0] < -100
    ([-31.2, -31.2], True)
    """
    x = check_complex_signal(x, "x")
    n_subcarriers = check_integer(n_subcarriers, "n_subcarriers", minimum=2)
    if n_subcarriers % 2:
        raise ValueError(f"n_subcarriers must be even, got {n_subcarriers}")
    oversampling = check_integer(oversampling, "oversampling", minimum=3)
    n_fft = n_subcarriers * oversampling
    if x.size % n_fft:
        raise ValueError(f"x must hold a whole number of symbols of {n_fft} samples, got {x.size}")
    power = np.sum(np.abs(np.fft.fft(x.reshape(-1, n_fft), axis=1)) ** 2, axis=0)
    half = n_subcarriers // 2
    occupied = power[np.arange(-half, half) % n_fft].sum()
    lower = power[np.arange(-3 * half, -half) % n_fft].sum()
    upper = power[np.arange(half, 3 * half) % n_fft].sum()
    if occupied == 0:
        raise ValueError("x must not be identically zero")
    with np.errstate(divide="ignore"):
        return float(10 * np.log10(lower / occupied)), float(10 * np.log10(upper / occupied))
