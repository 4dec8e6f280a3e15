"""Coherence: bunching factors and the coherent sum over electrons."""

from __future__ import annotations

import math

import numpy as np

from .._validation import (
    as_result,
    check_finite,
    check_in_range,
    check_nonnegative,
    check_positive,
)

__all__ = [
    "GAUSSIAN_FWHM_PER_RMS",
    "bunching_factor",
    "gaussian_bunching_factor",
    "gaussian_equivalent_length",
    "coherent_power_factor",
]


#: Full width at half maximum of a Gaussian in units of its RMS width, :math:`2\sqrt{2\ln 2} = 2.3548`.
#: A microbunch quoted as "3 nm long" has :math:`\sigma_z = 3` nm if the figure is an RMS, but
#: :math:`\sigma_z = 3/2.3548 = 1.27` nm if it is a full width at half maximum.
GAUSSIAN_FWHM_PER_RMS = 2.0 * math.sqrt(2.0 * math.log(2.0))


def bunching_factor(z, wavelength):
    r"""Complex bunching factor of particles at longitudinal positions ``z``.

    .. math:: b = \frac{1}{N}\sum_{j=1}^{N} e^{i k z_j}, \qquad k = 2\pi/\lambda

    Parameters
    ----------
    z : array_like
        1-D array of particle positions in metres (at least one particle).
    wavelength : float
        Wavelength in metres, > 0.

    Returns
    -------
    complex
        b, with :math:`|b| \le 1`.  For N random positions :math:`|b| \sim 1/\sqrt{N}`.

    Raises
    ------
    TypeError
        If ``z`` is not a real array.
    ValueError
        If ``z`` is empty, not 1-D or not finite, or ``wavelength`` is not a positive scalar.

    References
    ----------
    Kim, Huang and Lindberg (2017), ch. 1; D. Ratner and A. Chao, PRL 105, 154801 (2010).

    Examples
    --------
    Particles spaced exactly one wavelength apart are perfectly bunched:

    >>> b = bunching_factor([0.0, 1e-6, 2e-6], 1e-6)
    >>> round(abs(b), 12)
    1.0
    """
    z = check_finite(z, "z")
    if z.ndim != 1 or z.size == 0:
        raise ValueError(f"z must be a non-empty 1-D array, got shape {z.shape}")
    wavelength = check_positive(wavelength, "wavelength")
    if wavelength.ndim != 0:
        raise ValueError("wavelength must be a scalar")
    k = 2 * np.pi / float(wavelength)
    phase = k * z
    return complex(np.mean(np.cos(phase)), np.mean(np.sin(phase)))


def gaussian_bunching_factor(sigma_z, wavelength):
    r"""Bunching factor :math:`|b|` of a Gaussian bunch at one radiated wavelength.

    .. math:: |b| = \exp\!\left(-\tfrac{1}{2} k^2 \sigma_z^2\right), \qquad k = 2\pi/\lambda

    the modulus of the Fourier transform of a normalised Gaussian longitudinal profile.

    Parameters
    ----------
    sigma_z : float or array_like
        RMS bunch length in metres, >= 0.
    wavelength : float or array_like
        Radiated wavelength in metres, > 0.

    Returns
    -------
    float or ndarray
        :math:`|b|` in [0, 1].

    Raises
    ------
    ValueError
        If ``sigma_z`` is negative or ``wavelength`` is not positive (or either is NaN/inf).

    References
    ----------
    Standard result; see e.g. K.-J. Kim, Z. Huang and R. Lindberg, *Synchrotron Radiation and
    Free-Electron Lasers* (Cambridge, 2017), ch. 1.

    Examples
    --------
    A bunch one wavelength long (sigma_z = lambda / 2 pi) keeps exp(-1/2) of its bunching:

    >>> round(gaussian_bunching_factor(13.5e-9 / (2 * np.pi), 13.5e-9), 6)
    0.606531
    """
    sigma_z = check_nonnegative(sigma_z, "sigma_z")
    wavelength = check_positive(wavelength, "wavelength")
    k = 2 * np.pi / wavelength
    return as_result(np.exp(-0.5 * (k * sigma_z) ** 2))


def gaussian_equivalent_length(bunching, wavelength):
    r"""RMS length of the Gaussian bunch that has bunching ``|b|`` at ``wavelength``.

    .. math:: \sigma_z = \frac{\sqrt{-2\ln|b|}}{k}, \qquad k = 2\pi/\lambda

    The inverse of :func:`gaussian_bunching_factor`; used to turn a tracked bunching factor
    into a "bunch length" whatever the bunch shape.

    Parameters
    ----------
    bunching : float, complex or array_like
        Bunching factor or its modulus, with :math:`0 < |b| \le 1`.
    wavelength : float or array_like
        Wavelength in metres, > 0.

    Returns
    -------
    float or ndarray
        Equivalent RMS length in metres.

    Raises
    ------
    ValueError
        If ``|bunching|`` is not in (0, 1] or ``wavelength`` is not positive.

    References
    ----------
    Inverse of the Gaussian form factor (Kim, Huang and Lindberg 2017, ch. 1).

    Examples
    --------
    >>> round(gaussian_equivalent_length(np.exp(-0.5), 2 * np.pi), 12)
    1.0
    """
    modulus = np.abs(np.asarray(bunching)) if np.iscomplexobj(bunching) else bunching
    b = check_in_range(modulus, "bunching (its modulus |b|)", 0.0, 1.0, low_open=True)
    wavelength = check_positive(wavelength, "wavelength")
    return as_result(np.sqrt(-2 * np.log(b)) * wavelength / (2 * np.pi))


def coherent_power_factor(n_electrons, bunching):
    r"""Power radiated by N electrons, in units of the power of one electron.

    .. math:: \frac{P}{P_1} = \Big\langle\Big|\sum_{j=1}^{N} e^{i k z_j}\Big|^2\Big\rangle
              = N + N(N-1)\,|b|^2

    The first term is the incoherent sum (random phases add in power, :math:`\propto N`); the
    second is the coherent sum (aligned phases add in field, :math:`\propto N^2`).

    Parameters
    ----------
    n_electrons : float or array_like
        Number of electrons N >= 1.
    bunching : float or complex or array_like
        Bunching factor b (complex) or its modulus, with :math:`|b| \le 1`.

    Returns
    -------
    float or ndarray
        :math:`N + N(N-1)|b|^2`, between N (no bunching) and :math:`N^2` (perfect bunching).

    Raises
    ------
    ValueError
        If ``n_electrons`` < 1 or ``|bunching|`` > 1.

    References
    ----------
    Kim, Huang and Lindberg (2017), ch. 1; D. Ratner and A. Chao, PRL 105, 154801 (2010).

    Examples
    --------
    >>> coherent_power_factor(1e4, 0.0), coherent_power_factor(1e4, 1.0)
    (10000.0, 100000000.0)
    """
    n = check_in_range(n_electrons, "n_electrons", 1.0, np.inf)
    modulus = np.abs(np.asarray(bunching)) if np.iscomplexobj(bunching) else bunching
    b = check_in_range(modulus, "bunching (its modulus |b|)", 0.0, 1.0)
    return as_result(n + n * (n - 1) * b**2)
