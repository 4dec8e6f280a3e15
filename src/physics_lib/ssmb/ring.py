"""The storage ring: energy lost per turn to synchrotron radiation.

SI units; beam energies in electron-volts.
"""

from __future__ import annotations

import numpy as np
from scipy import constants

from .._validation import (
    as_result,
    check_finite,
    check_positive,
)
from .undulator import ELECTRON_REST_ENERGY_EV, lorentz_factor

__all__ = [
    "synchrotron_energy_loss",
]


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
