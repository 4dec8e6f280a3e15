"""What it is worth: coherent and incoherent undulator power and the itemised SSMB estimate."""

from __future__ import annotations

from dataclasses import dataclass, fields

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
from .bunching import gaussian_bunching_factor
from .modulation import nearest_harmonic
from .undulator import lorentz_factor, undulator_k_for

__all__ = [
    "coherent_undulator_power",
    "coherent_detuning_factor",
    "incoherent_undulator_power",
    "beamline_transmission",
    "PowerEstimate",
    "ssmb_power_estimate",
]


def _coupling_q(K: np.ndarray) -> np.ndarray:
    zeta = K**2 / (4 + 2 * K**2)
    return K**2 * (special.j0(zeta) - special.j1(zeta)) ** 2 / (1 + K**2 / 2)


def coherent_undulator_power(current, bunching, n_periods, K):
    r"""Coherent power at the fundamental of a planar undulator from a microbunched beam.

    .. math:: P_\mathrm{coh} = \frac{\pi}{2}\, Z_0\, I^2 |b|^2 N_u\,
              \frac{K^2 [JJ]^2}{1 + K^2/2}

    for a long beam of current I whose bunching at the radiated wavelength is b, transversely
    small enough to radiate into one coherent mode.  Derivation (chapter): Parseval's theorem
    turns the current modulation :math:`I|b|` into a line of power
    :math:`2\pi(I|b|/e)^2\, dW_1/d\omega`, and one electron radiates
    :math:`dW_1/d\omega = \hbar\,\pi\alpha N_u K^2[JJ]^2/(1+K^2/2)` into the central cone.
    Equivalently :math:`P_\mathrm{coh} = P_\mathrm{inc}\,N_\mathrm{coh}|b|^2` with
    :math:`N_\mathrm{coh} = I N_u\lambda/(ec)` electrons per slippage length (see
    :func:`incoherent_undulator_power`).

    The central-cone spectral energy is the *angle-integrated* single-electron spectrum at a
    frequency slightly below the on-axis resonance (red detuning by more than about
    :math:`1/N_u`).  With the bunching frequency exactly on the on-axis resonance, the
    angle-integrated spectrum, hence the coherent power, is half as large
    (:func:`coherent_detuning_factor`).  This function therefore returns the *largest* value over
    detuning; multiply by :func:`coherent_detuning_factor` for another tune.  The Tsinghua SSMB
    group writes its own formula for a transversely point-like beam (Deng et al., J. Synchrotron
    Rad. 2023); as quoted to us its prefactor is about 1.18 kW, i.e. :math:`\pi Z_0`, twice the
    :math:`\pi Z_0/2` here.  We could not read that paper to locate the difference (definition
    of the bunching factor, detuning, angular integration), so treat the prefactor as uncertain by
    a factor of 2 in either direction, with this derivation pointing to the lower half.

    Parameters
    ----------
    current : float or array_like
        Beam current during the microbunched part in amperes, >= 0.
    bunching : float, complex or array_like
        Bunching factor at the radiated wavelength, :math:`|b| \le 1`.
    n_periods : float or array_like
        Number of undulator periods :math:`N_u`, >= 1.
    K : float or array_like
        Undulator parameter, >= 0.

    Returns
    -------
    float or ndarray
        Power in watts (at the detuning that maximises it; on resonance half this).

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Central-cone photon number from Kim, Huang and Lindberg (2017), ch. 2 (and the X-ray Data
    Booklet, sec. 2.1: not read); coherent sum as in Ratner and Chao (2010); SSMB group's formula:
    X. Deng et al., "Average and statistical properties of coherent radiation from steady-state
    microbunching", J. Synchrotron Rad. (2023) (not read).

    Examples
    --------
    >>> round(coherent_undulator_power(1.0, 0.1, 100, 1.0))
    327
    """
    current = check_nonnegative(current, "current")
    modulus = np.abs(np.asarray(bunching)) if np.iscomplexobj(bunching) else bunching
    b = check_in_range(modulus, "bunching (its modulus |b|)", 0.0, 1.0)
    n_u = check_in_range(n_periods, "n_periods", 1.0, np.inf)
    K = check_nonnegative(K, "K")
    z0 = constants.physical_constants["characteristic impedance of vacuum"][0]
    return as_result(np.pi / 2 * z0 * current**2 * b**2 * n_u * _coupling_q(K))


def coherent_detuning_factor(relative_detuning, n_periods):
    r"""Angle-integrated undulator spectrum at a detuned frequency, relative to its red-side maximum.

    One electron's spectrum at angle :math:`\theta` peaks at :math:`\omega_1(\theta)`, which falls
    with angle, :math:`\omega/\omega_1(\theta) - 1 \approx \Delta + u` with
    :math:`u = \gamma^2\theta^2/(1+K^2/2)` and :math:`\Delta = \omega/\omega_1(0) - 1`.  The line
    shape is :math:`\mathrm{sinc}^2(\pi N_u(\Delta + u))` and :math:`d\Omega \propto du`, so the
    angle-integrated spectrum at a fixed frequency, in units of its value far on the red side, is

    .. math::

        F(\Delta) = N_u\int_0^\infty \mathrm{sinc}^2\big(\pi N_u(\Delta+u)\big)\,du
        = \frac12 + \frac{1}{\pi}\left(\frac{\sin^2 a}{a} - \mathrm{Si}(2a)\right),
        \qquad a = \pi N_u \Delta .

    :math:`F = 1/2` exactly on the on-axis resonance (:math:`\Delta = 0`), 0.95 at
    :math:`\Delta = -1/N_u`, tends to 1 further to the red and to 0 on the blue side; it never
    exceeds 1.  A microbunched beam radiates at the
    fixed frequency of its bunching, so :func:`coherent_undulator_power` (which uses the red-side
    value) times :math:`F` is its coherent power for a given tune of the undulator.  The amplitude's
    slow variation with angle is neglected (valid for :math:`|\Delta| \ll 1`).

    Parameters
    ----------
    relative_detuning : float or array_like
        :math:`\Delta = \omega/\omega_1(0) - 1`, finite (negative: below the on-axis resonance).
    n_periods : float or array_like
        Undulator periods :math:`N_u`, >= 1.

    Returns
    -------
    float or ndarray
        :math:`F` in (0, 1).

    Raises
    ------
    ValueError
        If ``relative_detuning`` is not finite or ``n_periods`` < 1.

    References
    ----------
    Kim, Huang and Lindberg (2017), ch. 2 (undulator line shape and resonance off axis); the
    closed form uses :math:`\int \sin^2 x/x^2\,dx = -\sin^2 x/x + \mathrm{Si}(2x)`.

    Examples
    --------
    >>> coherent_detuning_factor(0.0, 100)
    0.5
    >>> round(coherent_detuning_factor(-1 / 100, 100), 3)
    0.951
    """
    delta = check_finite(relative_detuning, "relative_detuning")
    n_u = check_in_range(n_periods, "n_periods", 1.0, np.inf)
    a = np.pi * n_u * delta
    small = np.abs(a) < 1e-12
    safe = np.where(small, 1.0, a)
    ratio = np.where(small, 0.0, np.sin(safe) ** 2 / safe)
    return as_result(0.5 + (ratio - special.sici(2 * a)[0]) / np.pi)


def incoherent_undulator_power(current, wavelength, K):
    r"""Incoherent (spontaneous) power at the fundamental into the undulator's central cone.

    .. math:: P_\mathrm{inc} = \frac{I}{e}\,\pi\alpha\,\frac{K^2[JJ]^2}{1+K^2/2}\,
              \frac{2\pi\hbar c}{\lambda}

    Each electron emits :math:`\pi\alpha K^2[JJ]^2/(1+K^2/2)` photons into the central cone
    (relative bandwidth :math:`1/N_u`), independent of :math:`N_u`.

    Parameters
    ----------
    current : float or array_like
        Beam current in amperes, >= 0.
    wavelength : float or array_like
        Radiated wavelength in metres, > 0.
    K : float or array_like
        Undulator parameter, >= 0.

    Returns
    -------
    float or ndarray
        Power in watts.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Kim, Huang and Lindberg (2017), ch. 2 (central-cone flux).

    Examples
    --------
    >>> round(incoherent_undulator_power(1.0, 13.5e-9, 1.0), 3)
    1.162
    """
    current = check_nonnegative(current, "current")
    wavelength = check_positive(wavelength, "wavelength")
    K = check_nonnegative(K, "K")
    photon_energy = constants.h * constants.c / wavelength
    return as_result(current / constants.e * np.pi * constants.alpha * _coupling_q(K) * photon_energy)


def beamline_transmission(reflectivities):
    r"""Fraction of the light that survives a beamline of mirrors: the product of reflectivities.

    .. math:: T = \prod_i R_i

    At 13.5 nm every optic is a mirror: grazing-incidence metal mirrors reflect most of the light
    at a few degrees, normal-incidence Mo/Si multilayers about 70 % at best.  Use it to carry an
    undulator's output to the plane where an LPP source is specified (the intermediate focus).

    Parameters
    ----------
    reflectivities : float or array_like
        Reflectivity of each mirror, each in (0, 1]; a 1-D array (or a scalar for one mirror).

    Returns
    -------
    float
        Transmission :math:`T` in (0, 1].

    Raises
    ------
    ValueError
        If a reflectivity lies outside (0, 1], is not finite, or the array is not 1-D.

    References
    ----------
    Definition.

    Examples
    --------
    Two grazing-incidence mirrors at 0.85 and one multilayer at 0.70:

    >>> round(beamline_transmission([0.85, 0.85, 0.70]), 3)
    0.506
    """
    r = check_in_range(reflectivities, "reflectivities", 0.0, 1.0, low_open=True)
    if r.ndim > 1:
        raise ValueError(f"reflectivities must be a scalar or a 1-D array, got shape {r.shape}")
    return float(np.prod(r))


@dataclass(frozen=True)
class PowerEstimate:
    """Every factor of :func:`ssmb_power_estimate`, named, in SI units (energies in eV)."""

    average_current: float  # A
    duty_factor: float  # fraction of the time the microbunched beam passes the radiator
    peak_current: float  # A, average_current / duty_factor
    beam_energy_eV: float  # eV
    gamma: float
    modulation_wavelength: float  # m
    harmonic: int
    radiated_wavelength: float  # m, modulation_wavelength / harmonic
    undulator_period: float  # m
    undulator_K: float
    peak_field: float  # T
    n_periods: int
    microbunch_length: float  # m, RMS
    bunched_fraction: float
    bunching: float  # |b| at the radiated wavelength, bunched_fraction * Gaussian form factor
    electrons_per_slippage: float  # N_coh = I_peak N_u lambda / (e c)
    transverse_factor: float  # <= 1, overlap of the beam with one coherent mode
    incoherent_peak_power: float  # W, central cone
    coherent_peak_power: float  # W
    average_power: float  # W, duty_factor * (coherent + incoherent) peak power

    def rows(self) -> list[tuple[str, float]]:
        """``(name, value)`` for every factor, in order."""
        return [(f.name, getattr(self, f.name)) for f in fields(self)]

    def __str__(self) -> str:
        return "\n".join(f"{name:>24s} = {value:.4g}" for name, value in self.rows())


def ssmb_power_estimate(
    average_current,
    beam_energy_eV,
    modulation_wavelength,
    target_wavelength,
    microbunch_length,
    undulator_period,
    n_periods,
    *,
    duty_factor=1.0,
    bunched_fraction=1.0,
    transverse_factor=1.0,
):
    r"""A transparent estimate of the average coherent power of an SSMB radiator.

    The chain, each link a named field of the returned :class:`PowerEstimate`:

    1. :math:`\gamma = E/m_ec^2`;
    2. harmonic :math:`n` of the modulation laser nearest the target, radiated wavelength
       :math:`\lambda = \lambda_L/n` (:func:`nearest_harmonic`);
    3. the undulator K that makes :math:`\lambda` resonant for the given period
       (:func:`undulator_k_for`), and its peak field;
    4. bunching :math:`|b| = f_b\,e^{-k^2\sigma_z^2/2}`: a fraction :math:`f_b` of the electrons
       sits in Gaussian microbunches of RMS length :math:`\sigma_z` (a length quoted as a full
       width at half maximum is :math:`\sigma_z` times :data:`GAUSSIAN_FWHM_PER_RMS`), the rest is
       unbunched;
    5. peak current :math:`I_p = \bar I/D` where D is the fraction of the time the microbunched
       beam passes the radiator;
    6. :math:`P_\mathrm{coh} = F_\perp\,\tfrac{\pi}{2} Z_0 I_p^2|b|^2 N_u K^2[JJ]^2/(1+K^2/2)`
       (:func:`coherent_undulator_power`, at the detuning that maximises it; half on resonance)
       and the incoherent central-cone power;
    7. average :math:`\bar P = D\,(P_\mathrm{coh} + P_\mathrm{inc})` at the undulator exit, before
       any beamline (:func:`beamline_transmission`).

    Parameters
    ----------
    average_current : float
        Average beam current in amperes, > 0.
    beam_energy_eV : float
        Total electron energy in eV (>= rest energy).
    modulation_wavelength : float
        Laser wavelength :math:`\lambda_L` in metres, > 0.
    target_wavelength : float
        Wanted wavelength in metres (e.g. 13.5e-9), > 0.
    microbunch_length : float
        RMS microbunch length :math:`\sigma_z` in metres, >= 0.
    undulator_period : float
        Radiator period in metres, > 0.
    n_periods : int
        Radiator periods :math:`N_u`, >= 1.
    duty_factor : float, optional
        D in (0, 1].
    bunched_fraction : float, optional
        :math:`f_b` in [0, 1].
    transverse_factor : float, optional
        :math:`F_\perp` in [0, 1].

    Returns
    -------
    PowerEstimate
        Every intermediate factor and the powers in watts.

    Raises
    ------
    ValueError
        If an argument is out of range (including a period too long to reach the wavelength).
    TypeError
        If ``n_periods`` is not an integer.

    References
    ----------
    Ratner and Chao (2010); Kim, Huang and Lindberg (2017); the chapter's derivation.

    Examples
    --------
    >>> e = ssmb_power_estimate(1.0, 400e6, 1064e-9, 13.5e-9, 3e-9, 0.011, 100)
    >>> e.harmonic, round(e.radiated_wavelength * 1e9, 3), round(e.bunching, 3)
    (79, 13.468, 0.376)
    >>> round(e.average_power / 1e3, 1)
    4.6
    """
    current = float(check_positive(average_current, "average_current"))
    # checked here too, so an error names this function's own arguments
    gamma = float(lorentz_factor(check_positive(beam_energy_eV, "beam_energy_eV")))
    harmonic, wavelength = nearest_harmonic(
        check_positive(modulation_wavelength, "modulation_wavelength"),
        check_positive(target_wavelength, "target_wavelength"),
    )
    period = float(check_positive(undulator_period, "undulator_period"))
    n_u = check_integer(n_periods, "n_periods", minimum=1)
    duty = float(check_in_range(duty_factor, "duty_factor", 0.0, 1.0, low_open=True))
    fraction = float(check_in_range(bunched_fraction, "bunched_fraction", 0.0, 1.0))
    f_perp = float(check_in_range(transverse_factor, "transverse_factor", 0.0, 1.0))
    sigma = float(check_nonnegative(microbunch_length, "microbunch_length"))
    K = float(undulator_k_for(wavelength, period, gamma))
    field = K * 2 * np.pi * constants.m_e * constants.c / (constants.e * period)
    b = fraction * float(gaussian_bunching_factor(sigma, wavelength))
    peak_current = current / duty
    coherent = f_perp * float(coherent_undulator_power(peak_current, b, n_u, K))
    incoherent = float(incoherent_undulator_power(peak_current, wavelength, K))
    return PowerEstimate(
        average_current=current,
        duty_factor=duty,
        peak_current=peak_current,
        beam_energy_eV=float(beam_energy_eV),
        gamma=gamma,
        modulation_wavelength=float(modulation_wavelength),
        harmonic=harmonic,
        radiated_wavelength=wavelength,
        undulator_period=period,
        undulator_K=K,
        peak_field=field,
        n_periods=n_u,
        microbunch_length=sigma,
        bunched_fraction=fraction,
        bunching=b,
        electrons_per_slippage=peak_current * n_u * wavelength / (constants.e * constants.c),
        transverse_factor=f_perp,
        incoherent_peak_power=incoherent,
        coherent_peak_power=coherent,
        average_power=duty * (coherent + incoherent),
    )
