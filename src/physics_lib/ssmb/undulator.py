"""The undulator: resonance, deflection parameter K, [JJ] and the central cone.

SI units; beam energies in electron-volts.
"""

from __future__ import annotations

import numpy as np
from scipy import constants, special

from .._validation import (
    as_result,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
)

__all__ = [
    "ELECTRON_REST_ENERGY_EV",
    "lorentz_factor",
    "undulator_parameter",
    "resonant_wavelength",
    "undulator_period_for",
    "undulator_k_for",
    "bessel_coupling_factor",
    "central_cone_divergence",
]


ELECTRON_REST_ENERGY_EV = constants.physical_constants["electron mass energy equivalent in MeV"][0] * 1e6


def lorentz_factor(energy_eV):
    r"""Lorentz factor of an electron of total energy ``energy_eV``.

    .. math:: \gamma = \frac{E}{m_e c^2}

    Parameters
    ----------
    energy_eV : float or array_like
        Total energy (rest energy included) in electron-volts, at least :math:`m_e c^2`
        = 510 998.95 eV.

    Returns
    -------
    float or ndarray
        :math:`\gamma \ge 1`.

    Raises
    ------
    TypeError
        If ``energy_eV`` is not a real number or array.
    ValueError
        If ``energy_eV`` is NaN, infinite, or below the electron rest energy.

    References
    ----------
    Electron rest energy from CODATA 2018 via :mod:`scipy.constants`.

    Examples
    --------
    >>> round(lorentz_factor(400e6), 2)
    782.78
    """
    energy = check_finite(energy_eV, "energy_eV")
    if np.any(energy < ELECTRON_REST_ENERGY_EV):
        raise ValueError(
            f"energy_eV must be >= the electron rest energy {ELECTRON_REST_ENERGY_EV:.6g} eV "
            f"(it is the total energy), got min {energy.min():g}"
        )
    return as_result(energy / ELECTRON_REST_ENERGY_EV)


def undulator_parameter(peak_field, period):
    r"""Deflection parameter K of a planar undulator.

    .. math:: K = \frac{e B_0 \lambda_u}{2\pi m_e c} \approx 0.9337\, B_0[\mathrm{T}]\,
              \lambda_u[\mathrm{cm}]

    Parameters
    ----------
    peak_field : float or array_like
        Peak on-axis magnetic field :math:`B_0` in tesla, >= 0.
    period : float or array_like
        Undulator period :math:`\lambda_u` in metres, > 0.

    Returns
    -------
    float or ndarray
        K, dimensionless.

    Raises
    ------
    ValueError
        If ``peak_field`` is negative or ``period`` is not positive (or either is NaN/inf).

    References
    ----------
    K.-J. Kim, Z. Huang and R. Lindberg, *Synchrotron Radiation and Free-Electron Lasers*
    (Cambridge, 2017), ch. 2; constants from CODATA 2018 via :mod:`scipy.constants`.

    Examples
    --------
    >>> round(undulator_parameter(1.0, 0.01), 5)
    0.93373
    """
    field = check_nonnegative(peak_field, "peak_field")
    period = check_positive(period, "period")
    return as_result(constants.e * field * period / (2 * np.pi * constants.m_e * constants.c))


def resonant_wavelength(period, gamma, K, theta=0.0, harmonic=1):
    r"""Resonant (on-harmonic) wavelength of a planar undulator.

    .. math:: \lambda_n = \frac{\lambda_u}{2 n \gamma^2}
              \left(1 + \frac{K^2}{2} + \gamma^2 \theta^2\right)

    Parameters
    ----------
    period : float or array_like
        Undulator period :math:`\lambda_u` in metres, > 0.
    gamma : float or array_like
        Lorentz factor, >= 1.
    K : float or array_like
        Undulator parameter, >= 0.
    theta : float or array_like, optional
        Observation angle from the axis in radians, >= 0 (default on axis).
    harmonic : int, optional
        Harmonic number n >= 1 (default 1).

    Returns
    -------
    float or ndarray
        Wavelength in metres.

    Raises
    ------
    ValueError
        If ``period`` <= 0, ``gamma`` < 1, ``K`` < 0, ``theta`` < 0 or ``harmonic`` < 1.
    TypeError
        If ``harmonic`` is not an integer.

    References
    ----------
    Kim, Huang and Lindberg (2017), ch. 2.

    Examples
    --------
    A 400 MeV beam in a 1.1 cm undulator with K = 1 radiates at about 13.5 nm:

    >>> gamma = lorentz_factor(400e6)
    >>> round(resonant_wavelength(0.011, gamma, 1.0) * 1e9, 2)
    13.46
    """
    period = check_positive(period, "period")
    gamma = check_in_range(gamma, "gamma", 1.0, np.inf)
    K = check_nonnegative(K, "K")
    theta = check_nonnegative(theta, "theta")
    n = check_integer(harmonic, "harmonic", minimum=1)
    return as_result(period / (2 * n * gamma**2) * (1 + K**2 / 2 + gamma**2 * theta**2))


def undulator_period_for(wavelength, gamma, K):
    r"""Undulator period that puts the on-axis fundamental at ``wavelength``.

    .. math:: \lambda_u = \frac{2\gamma^2 \lambda}{1 + K^2/2}

    Parameters
    ----------
    wavelength : float or array_like
        Target wavelength in metres, > 0.
    gamma : float or array_like
        Lorentz factor, >= 1.
    K : float or array_like
        Undulator parameter, >= 0.

    Returns
    -------
    float or ndarray
        Period in metres.

    Raises
    ------
    ValueError
        If ``wavelength`` <= 0, ``gamma`` < 1 or ``K`` < 0.

    References
    ----------
    Inverse of :func:`resonant_wavelength` (Kim, Huang and Lindberg 2017, ch. 2).

    Examples
    --------
    >>> round(undulator_period_for(13.5e-9, lorentz_factor(400e6), 1.0) * 1e3, 2)
    11.03
    """
    wavelength = check_positive(wavelength, "wavelength")
    gamma = check_in_range(gamma, "gamma", 1.0, np.inf)
    K = check_nonnegative(K, "K")
    return as_result(2 * gamma**2 * wavelength / (1 + K**2 / 2))


def undulator_k_for(wavelength, period, gamma):
    r"""Undulator parameter K that puts the on-axis fundamental at ``wavelength``.

    .. math:: K = \sqrt{2\left(\frac{2\gamma^2\lambda}{\lambda_u} - 1\right)}

    Parameters
    ----------
    wavelength : float or array_like
        Target wavelength in metres, > 0.
    period : float or array_like
        Undulator period in metres, > 0 and at most :math:`2\gamma^2\lambda` (a longer period
        radiates at a longer wavelength than ``wavelength`` even with K = 0).
    gamma : float or array_like
        Lorentz factor, >= 1.

    Returns
    -------
    float or ndarray
        K >= 0.

    Raises
    ------
    ValueError
        If an argument is out of range, or ``period`` is too long to reach ``wavelength``.

    References
    ----------
    Inverse of :func:`resonant_wavelength` (Kim, Huang and Lindberg 2017, ch. 2).

    Examples
    --------
    >>> round(undulator_k_for(13.5e-9, 0.011, lorentz_factor(400e6)), 3)
    1.004
    """
    wavelength = check_positive(wavelength, "wavelength")
    period = check_positive(period, "period")
    gamma = check_in_range(gamma, "gamma", 1.0, np.inf)
    ratio = 2 * gamma**2 * wavelength / period
    if np.any(ratio < 1 - 1e-12):
        raise ValueError(
            "period is too long: even K = 0 radiates longer than wavelength; "
            f"need period <= 2 gamma^2 wavelength = {np.min(2 * gamma**2 * wavelength):g} m"
        )
    return as_result(np.sqrt(2 * np.maximum(ratio - 1, 0.0)))


def bessel_coupling_factor(K):
    r"""The planar-undulator coupling factor [JJ] at the fundamental.

    .. math:: [JJ] = J_0(\zeta) - J_1(\zeta), \qquad \zeta = \frac{K^2}{4 + 2K^2}

    It accounts for the figure-of-eight motion of the electron in the co-moving frame, which
    moves part of the power out of the fundamental.

    Parameters
    ----------
    K : float or array_like
        Undulator parameter, >= 0.

    Returns
    -------
    float or ndarray
        [JJ] in (0.7, 1]: 1 at K = 0, about 0.91 at K = 1.

    Raises
    ------
    ValueError
        If ``K`` is negative, NaN or infinite.

    References
    ----------
    Kim, Huang and Lindberg (2017), ch. 2.

    Examples
    --------
    >>> round(bessel_coupling_factor(1.0), 4)
    0.91
    """
    K = check_nonnegative(K, "K")
    zeta = K**2 / (4 + 2 * K**2)
    return as_result(special.j0(zeta) - special.j1(zeta))


def central_cone_divergence(wavelength, length):
    r"""RMS opening angle of the undulator's central cone (diffraction-limited radiation).

    .. math:: \sigma_{r'} = \sqrt{\frac{\lambda}{2L}}

    Parameters
    ----------
    wavelength : float or array_like
        Radiated wavelength in metres, > 0.
    length : float or array_like
        Undulator length :math:`L = N_u\lambda_u` in metres, > 0.

    Returns
    -------
    float or ndarray
        Angle in radians.

    Raises
    ------
    ValueError
        If an argument is not positive and finite.

    References
    ----------
    Kim, Huang and Lindberg (2017), ch. 2 (Gaussian approximation of the central cone).

    Examples
    --------
    >>> round(central_cone_divergence(13.5e-9, 1.1) * 1e6, 1)
    78.3
    """
    wavelength = check_positive(wavelength, "wavelength")
    length = check_positive(length, "length")
    return as_result(np.sqrt(wavelength / (2 * length)))
