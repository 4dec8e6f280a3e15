r"""Test signals: QAM constellations and seeded QAM-OFDM, modulation and demodulation.

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from .._validation import (
    check_complex_signal,
    check_integer,
    check_positive,
)

__all__ = [
    "qam_constellation",
    "OFDMSignal",
    "ofdm_signal",
    "ofdm_demodulate",
]


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
