r"""Transverse coherence: the emittance of a diffraction-limited beam and the cost of a wide beam.

SI units.
"""

from __future__ import annotations

import numpy as np

from .._validation import (
    as_result,
    check_nonnegative,
    check_positive,
)

__all__ = [
    "transverse_coherence_emittance",
    "natural_source_size",
    "transverse_form_factor",
]


def transverse_coherence_emittance(wavelength):
    r"""Emittance of a diffraction-limited (transversely fully coherent) photon beam.

    .. math:: \varepsilon_r = \sigma_r\,\sigma_{r'} = \frac{\lambda}{4\pi}

    An electron beam whose emittance (in each plane) is below :math:`\varepsilon_r` radiates into
    about one transverse mode, so the electrons can add their fields coherently across the beam.

    Parameters
    ----------
    wavelength : float or array_like
        Radiated wavelength in metres, > 0.

    Returns
    -------
    float or ndarray
        :math:`\lambda/4\pi` in metre-radians.

    Raises
    ------
    ValueError
        If ``wavelength`` is not positive and finite.

    References
    ----------
    K.-J. Kim, Z. Huang and R. Lindberg, *Synchrotron Radiation and Free-Electron Lasers*
    (Cambridge, 2017), ch. 1 and 2 (Gaussian model of undulator radiation).

    Examples
    --------
    >>> round(transverse_coherence_emittance(13.5e-9) * 1e9, 3)
    1.074
    """
    wavelength = check_positive(wavelength, "wavelength")
    return as_result(wavelength / (4 * np.pi))


def natural_source_size(wavelength, length):
    r"""RMS size of the undulator's central-cone radiation at its source (Gaussian model).

    .. math:: \sigma_r = \frac{\sqrt{2\lambda L}}{4\pi}, \qquad
              \sigma_r\,\sigma_{r'} = \frac{\lambda}{4\pi}, \quad \sigma_{r'} = \sqrt{\frac{\lambda}{2L}}

    Parameters
    ----------
    wavelength : float or array_like
        Radiated wavelength in metres, > 0.
    length : float or array_like
        Undulator length :math:`L = N_u\lambda_u` in metres, > 0.

    Returns
    -------
    float or ndarray
        :math:`\sigma_r` in metres.

    Raises
    ------
    ValueError
        If an argument is not positive and finite.

    References
    ----------
    Kim, Huang and Lindberg (2017), ch. 2.

    Examples
    --------
    >>> round(natural_source_size(13.5e-9, 1.1) * 1e6, 2)
    13.71
    """
    wavelength = check_positive(wavelength, "wavelength")
    length = check_positive(length, "length")
    return as_result(np.sqrt(2 * wavelength * length) / (4 * np.pi))


def transverse_form_factor(beam_size_x, beam_size_y, wavelength, length):
    r"""Fraction of the coherent power a transversely Gaussian beam keeps, relative to a point beam.

    A microbunched beam with transverse offsets :math:`x_j` radiates at angle :math:`\theta` a field
    carrying the phase :math:`e^{-ik\theta x_j}`; averaged over a Gaussian distribution of RMS width
    :math:`\sigma_x` it is reduced by :math:`e^{-k^2\theta^2\sigma_x^2/2}`.  Weighting the coherent
    intensity with the central cone :math:`e^{-\theta^2/2\sigma_{r'}^2}` and integrating over angle
    gives, per plane,

    .. math:: F_x = \left(1 + 2k^2\sigma_x^2\sigma_{r'}^2\right)^{-1/2}
              = \left(1 + \frac{\sigma_x^2}{2\sigma_r^2}\right)^{-1/2}, \qquad
              F_\perp = F_x F_y ,

    with :math:`\sigma_{r'} = \sqrt{\lambda/2L}` and :math:`\sigma_r` from
    :func:`natural_source_size`.  :math:`F_\perp = 1` for a point-like beam; a beam much wider than
    :math:`\sigma_r` keeps :math:`2\sigma_r^2/(\sigma_x\sigma_y)`.  The beam's angular spread and
    the variation of its size along the undulator are neglected (valid when the beam divergence is
    small compared with :math:`\sigma_{r'}`), so this is an upper bound on :math:`F_\perp`.

    Parameters
    ----------
    beam_size_x, beam_size_y : float or array_like
        RMS electron-beam sizes in the radiator in metres, >= 0.
    wavelength : float or array_like
        Radiated wavelength in metres, > 0.
    length : float or array_like
        Undulator length in metres, > 0.

    Returns
    -------
    float or ndarray
        :math:`F_\perp` in (0, 1].

    Raises
    ------
    ValueError
        If a size is negative or ``wavelength``/``length`` is not positive (or any is NaN/inf).

    References
    ----------
    Derived in the chapter from the Gaussian model of the central cone (Kim, Huang and Lindberg
    2017, ch. 2); the role of the transverse size in coherent emission is discussed for SSMB by
    X. Deng et al., J. Synchrotron Rad. (2023) (not read).

    Examples
    --------
    A beam exactly the size of the radiation, in both planes, keeps (2/3):

    >>> s = natural_source_size(13.5e-9, 1.1)
    >>> round(transverse_form_factor(s, s, 13.5e-9, 1.1), 4)
    0.6667
    """
    sx = check_nonnegative(beam_size_x, "beam_size_x")
    sy = check_nonnegative(beam_size_y, "beam_size_y")
    wavelength = check_positive(wavelength, "wavelength")
    length = check_positive(length, "length")
    sigma_r2 = 2 * wavelength * length / (4 * np.pi) ** 2
    return as_result(1 / np.sqrt((1 + sx**2 / (2 * sigma_r2)) * (1 + sy**2 / (2 * sigma_r2))))
