"""Steady-state microbunching (SSMB): coherent and incoherent radiation from electron bunches.

All quantities are SI (metres, seconds, electron-volts for beam energy where noted).
"""

from __future__ import annotations

import numpy as np

from ._validation import as_result, check_in_range, check_nonnegative, check_positive

__all__ = [
    "gaussian_bunching_factor",
    "coherent_power_factor",
]


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
