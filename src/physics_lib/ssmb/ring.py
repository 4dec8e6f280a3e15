r"""The storage ring: radiation loss, the equilibrium energy spread it leaves, damping, bunch length.

Synchrotron radiation sets two things an SSMB ring cannot choose freely: the relative energy spread
:math:`\sigma_\delta` (quantum excitation balanced by radiation damping) and the time the beam takes
to forget a disturbance (the longitudinal damping time).  The bunch length then follows from the
momentum compaction :math:`\alpha_c` and the synchrotron tune :math:`\nu_s`.

SI units; beam energies in electron-volts.
"""

from __future__ import annotations

import numpy as np
from scipy import constants

from .._validation import (
    as_result,
    check_finite,
    check_in_range,
    check_positive,
)
from .undulator import ELECTRON_REST_ENERGY_EV, lorentz_factor

__all__ = [
    "synchrotron_energy_loss",
    "QUANTUM_CONSTANT",
    "equilibrium_energy_spread",
    "longitudinal_damping_time",
    "zero_current_bunch_length",
    "momentum_compaction_for_bunch_length",
]

#: Sands' quantum-excitation constant :math:`C_q = \frac{55}{32\sqrt3}\frac{\hbar}{m_e c}
#: = 3.832\times10^{-13}` m (CODATA 2018 via :mod:`scipy.constants`).
QUANTUM_CONSTANT = 55.0 / (32.0 * np.sqrt(3.0)) * constants.hbar / (constants.m_e * constants.c)


def synchrotron_energy_loss(energy_eV, bending_radius):
    r"""Energy an electron radiates per turn in a ring of isomagnetic bends.

    .. math:: U_0 = \frac{C_\gamma E^4}{\rho}, \qquad
              C_\gamma = \frac{4\pi}{3}\frac{r_e}{(m_e c^2)^3}
              = 8.846\times10^{-5}\ \mathrm{m\,GeV^{-3}}

    Parameters
    ----------
    energy_eV : float or array_like
        Total electron energy in eV (>= rest energy).
    bending_radius : float or array_like
        Bending radius :math:`\rho` in metres, > 0.

    Returns
    -------
    float or ndarray
        :math:`U_0` in eV per turn; times the current in amperes it is the radiated power in
        watts.

    Raises
    ------
    ValueError
        If ``energy_eV`` is below the rest energy or ``bending_radius`` is not positive.

    References
    ----------
    M. Sands, *The Physics of Electron Storage Rings*, SLAC-121 (1970), eq. (4.55); constants
    from CODATA 2018 via :mod:`scipy.constants`.

    Examples
    --------
    >>> round(synchrotron_energy_loss(1e9, 1.0) / 1e3, 2)
    88.46
    """
    lorentz_factor(energy_eV)  # validates: total energy >= rest energy
    energy = check_finite(energy_eV, "energy_eV")
    rho = check_positive(bending_radius, "bending_radius")
    r_e = constants.physical_constants["classical electron radius"][0]
    c_gamma = 4 * np.pi / 3 * r_e / ELECTRON_REST_ENERGY_EV**3  # m / eV^3
    return as_result(c_gamma * energy**4 / rho)


def equilibrium_energy_spread(energy_eV, bending_radius, damping_partition=2.0):
    r"""Equilibrium relative energy spread of an electron ring with isomagnetic bends.

    Photons are emitted at random (quantum excitation) while the energy lost is restored on average
    by the RF (radiation damping); the two balance at

    .. math:: \sigma_\delta^2 = \frac{C_q\,\gamma^2}{J_z\,\rho}, \qquad
              C_q = \frac{55}{32\sqrt3}\frac{\hbar}{m_e c} = 3.832\times10^{-13}\ \mathrm{m},

    with :math:`J_z` the longitudinal damping partition number (about 2 in a ring without gradient
    bends) and :math:`\rho` the bending radius.  Of the lattice only :math:`\rho` and :math:`J_z`
    enter (damping wigglers, which change both, are outside this isomagnetic formula).

    Parameters
    ----------
    energy_eV : float or array_like
        Total electron energy in eV (>= rest energy).
    bending_radius : float or array_like
        Bending radius :math:`\rho` of the dipoles in metres, > 0.
    damping_partition : float or array_like, optional
        :math:`J_z` in (0, 3] (the three partition numbers sum to 4); default 2.

    Returns
    -------
    float or ndarray
        :math:`\sigma_\delta` (dimensionless).

    Raises
    ------
    ValueError
        If ``energy_eV`` is below the rest energy, ``bending_radius`` is not positive, or
        ``damping_partition`` is outside (0, 3].

    References
    ----------
    M. Sands, *The Physics of Electron Storage Rings*, SLAC-121 (1970), ch. 5 (energy spread of an
    isomagnetic ring); constants from CODATA 2018 via :mod:`scipy.constants`.

    Examples
    --------
    A 400 MeV beam in bends of 1 m radius:

    >>> round(equilibrium_energy_spread(400e6, 1.0) * 1e4, 3)
    3.426
    """
    gamma = lorentz_factor(check_finite(energy_eV, "energy_eV"))
    rho = check_positive(bending_radius, "bending_radius")
    j_z = check_in_range(damping_partition, "damping_partition", 0.0, 3.0, low_open=True)
    return as_result(np.sqrt(QUANTUM_CONSTANT * np.asarray(gamma) ** 2 / (j_z * rho)))


def longitudinal_damping_time(energy_eV, bending_radius, circumference, damping_partition=2.0):
    r"""Longitudinal (energy) radiation-damping time of an electron ring with isomagnetic bends.

    .. math:: \tau_z = \frac{2 E_0 T_0}{J_z U_0}, \qquad T_0 = C/c, \qquad
              U_0 = \frac{C_\gamma E_0^4}{\rho}

    the e-folding time of an energy (or phase) oscillation amplitude: the ring loses the fraction
    :math:`U_0/E_0` of its energy per turn and the damping shares it between the planes
    (:math:`J_z` of the total 4).  It is how fast the ring forgets a kick, and so sets how many turns
    a laser modulation or a perturbation of the microbunches survives.

    Parameters
    ----------
    energy_eV : float or array_like
        Total electron energy in eV (>= rest energy).
    bending_radius : float or array_like
        Bending radius in metres, > 0.
    circumference : float or array_like
        Ring circumference in metres, > 0 (the electrons move at :math:`c`).
    damping_partition : float or array_like, optional
        :math:`J_z` in (0, 3]; default 2.

    Returns
    -------
    float or ndarray
        :math:`\tau_z` in seconds.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Sands (1970), ch. 4 (radiation damping of energy oscillations); :func:`synchrotron_energy_loss`.

    Examples
    --------
    400 MeV, 1 m bends, a 50 m ring: 2.26 keV lost per turn of 0.167 microseconds:

    >>> round(longitudinal_damping_time(400e6, 1.0, 50.0) * 1e3, 2)
    29.46
    """
    energy = check_finite(energy_eV, "energy_eV")
    u0 = synchrotron_energy_loss(energy, check_positive(bending_radius, "bending_radius"))
    length = check_positive(circumference, "circumference")
    j_z = check_in_range(damping_partition, "damping_partition", 0.0, 3.0, low_open=True)
    return as_result(2 * energy * (length / constants.c) / (j_z * np.asarray(u0)))


def zero_current_bunch_length(energy_spread, momentum_compaction, circumference, synchrotron_tune):
    r"""RMS bunch length of a beam in a linear (RF or laser) bucket, from its energy spread.

    A particle with relative energy offset :math:`\delta` slips by :math:`\alpha_c C\delta` per turn,
    and in a linear bucket it performs :math:`\nu_s` synchrotron oscillations per turn, so the
    matched ellipse has

    .. math:: \sigma_z = \frac{\alpha_c\,C\,\sigma_\delta}{2\pi\,\nu_s} .

    The same relation holds whether the bucket is made by an RF cavity (wavelength ~0.6 m) or by a
    laser (1 µm): only :math:`\nu_s` changes.  At zero current (no wakefields, no intrabeam
    scattering), with :math:`|\alpha_c|`; the sign of :math:`\alpha_c` does not change the length.

    Parameters
    ----------
    energy_spread : float or array_like
        RMS relative energy spread :math:`\sigma_\delta`, >= 0.
    momentum_compaction : float or array_like
        :math:`\alpha_c` (any sign; its magnitude is used), finite.
    circumference : float or array_like
        Ring circumference :math:`C` in metres, > 0.
    synchrotron_tune : float or array_like
        :math:`\nu_s` in (0, 0.5).

    Returns
    -------
    float or ndarray
        :math:`\sigma_z` in metres.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Sands (1970), ch. 3 (synchrotron oscillations); Kim, Huang and Lindberg (2017).

    Examples
    --------
    >>> round(zero_current_bunch_length(3.4e-4, 1e-3, 50.0, 0.005) * 1e3, 3)
    0.541
    """
    sigma_delta = check_in_range(energy_spread, "energy_spread", 0.0, np.inf)
    alpha = np.abs(check_finite(momentum_compaction, "momentum_compaction"))
    length = check_positive(circumference, "circumference")
    nu_s = check_in_range(synchrotron_tune, "synchrotron_tune", 0.0, 0.5, low_open=True, high_open=True)
    return as_result(alpha * length * sigma_delta / (2 * np.pi * nu_s))


def momentum_compaction_for_bunch_length(bunch_length, energy_spread, circumference, synchrotron_tune):
    r"""Momentum compaction a ring needs for a given RMS bunch length (inverse of the bunch length).

    .. math:: \alpha_c = \frac{2\pi\,\nu_s\,\sigma_z}{C\,\sigma_\delta}

    Parameters
    ----------
    bunch_length : float or array_like
        Wanted RMS bunch length :math:`\sigma_z` in metres, > 0.
    energy_spread : float or array_like
        RMS relative energy spread, > 0.
    circumference : float or array_like
        Ring circumference in metres, > 0.
    synchrotron_tune : float or array_like
        :math:`\nu_s` in (0, 0.5).

    Returns
    -------
    float or ndarray
        :math:`|\alpha_c|`.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Inverse of :func:`zero_current_bunch_length` (Sands 1970, ch. 3).

    Examples
    --------
    Microbunches of 50 nm RMS in a 50 m ring with the 400 MeV, 1 m bend energy spread:

    >>> alpha = momentum_compaction_for_bunch_length(50e-9, 3.426e-4, 50.0, 0.005)
    >>> f"{alpha:.2e}"
    '9.17e-08'
    """
    sigma_z = check_positive(bunch_length, "bunch_length")
    sigma_delta = check_positive(energy_spread, "energy_spread")
    length = check_positive(circumference, "circumference")
    nu_s = check_in_range(synchrotron_tune, "synchrotron_tune", 0.0, 0.5, low_open=True, high_open=True)
    return as_result(2 * np.pi * nu_s * sigma_z / (length * sigma_delta))
