r"""Steady-state microbunching (SSMB): coherent and incoherent radiation from electron bunches.

The module follows the chapter's story:

1. the undulator (:func:`lorentz_factor`, :func:`undulator_parameter`, :func:`resonant_wavelength`,
   :func:`undulator_period_for`, :func:`undulator_k_for`);
2. coherence (:func:`bunching_factor`, :func:`gaussian_bunching_factor`,
   :func:`coherent_power_factor`);
3. microbunching by a laser plus dispersion (:func:`laser_modulation`, :func:`apply_dispersion`,
   :func:`modulated_beam`, :func:`harmonic_bunching`, :func:`optimal_dispersion`,
   :func:`nearest_harmonic`);
4. the steady state: the longitudinal one-turn map (:func:`track_one_turn_map`,
   :func:`standard_map_tune`);
5. what it is worth: :func:`coherent_undulator_power`, :func:`incoherent_undulator_power` and
   the itemised :func:`ssmb_power_estimate`.

All quantities are SI (metres, seconds, amperes, watts); beam energies are in electron-volts.

Notation (one symbol, one meaning, as in the chapter): :math:`K` undulator parameter;
:math:`B_0` undulator peak field; :math:`\theta` observation angle; :math:`\zeta` argument of the
[JJ] factor; :math:`\phi = k_L z` phase relative to the modulating laser; :math:`\delta`
relative energy offset; :math:`q = \delta/\sigma_\delta` energy offset in units of the spread
(single-pass bunching); :math:`p = k_L R_{56}\delta` phase slip per turn (one-turn map);
:math:`A = \Delta E/\sigma_E` modulation amplitude; :math:`\chi = R_{56}k_L\sigma_\delta`
dimensionless dispersion (so :math:`p = \chi q`); :math:`\kappa = k_L R_{56}\Delta E/E` kick
strength of the one-turn map; :math:`r` RMS random kick per turn; :math:`\sigma_z` RMS bunch
length (:math:`\sigma` always carries a subscript and means an RMS).
"""

from __future__ import annotations

import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, fields

import numpy as np
from scipy import constants, optimize, special

from ._validation import (
    as_result,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
    check_same_length,
)

__all__ = [
    "lorentz_factor",
    "undulator_parameter",
    "resonant_wavelength",
    "undulator_period_for",
    "undulator_k_for",
    "bessel_coupling_factor",
    "central_cone_divergence",
    "synchrotron_energy_loss",
    "bunching_factor",
    "gaussian_bunching_factor",
    "gaussian_equivalent_length",
    "coherent_power_factor",
    "harmonic_bunching",
    "optimal_dispersion",
    "nearest_harmonic",
    "laser_modulation",
    "apply_dispersion",
    "modulated_beam",
    "TrackingResult",
    "track_one_turn_map",
    "one_turn_map_orbits",
    "standard_map_tune",
    "coherent_undulator_power",
    "coherent_detuning_factor",
    "incoherent_undulator_power",
    "beamline_transmission",
    "GAUSSIAN_FWHM_PER_RMS",
    "PowerEstimate",
    "ssmb_power_estimate",
]

ELECTRON_REST_ENERGY_EV = constants.physical_constants["electron mass energy equivalent in MeV"][0] * 1e6

#: Full width at half maximum of a Gaussian in units of its RMS width, :math:`2\sqrt{2\ln 2} = 2.3548`.
#: A microbunch quoted as "3 nm long" has :math:`\sigma_z = 3` nm if the figure is an RMS, but
#: :math:`\sigma_z = 3/2.3548 = 1.27` nm if it is a full width at half maximum.
GAUSSIAN_FWHM_PER_RMS = 2.0 * math.sqrt(2.0 * math.log(2.0))


# --------------------------------------------------------------------------------------------
# 1. The undulator
# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
# 2. Coherence
# --------------------------------------------------------------------------------------------
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


# --------------------------------------------------------------------------------------------
# 3. Laser modulation + dispersion
# --------------------------------------------------------------------------------------------
def harmonic_bunching(harmonic, modulation_amplitude, dispersion):
    r"""Bunching at harmonic n after a sinusoidal energy modulation and a dispersive section.

    .. math:: b_n = \left|J_n(nA\chi)\right| \, e^{-n^2 \chi^2 / 2}

    with :math:`A = \Delta E/\sigma_E` (modulation amplitude in units of the energy spread) and
    :math:`\chi = R_{56}\, k_L\, \sigma_\delta` (dispersion in units of the laser wavenumber
    :math:`k_L` and the relative energy spread :math:`\sigma_\delta = \sigma_E/E`), for a beam with
    a Gaussian energy distribution that is initially uniform on the laser-wavelength scale.

    Parameters
    ----------
    harmonic : int
        Harmonic number n >= 1 of the laser wavelength.
    modulation_amplitude : float or array_like
        A >= 0.
    dispersion : float or array_like
        :math:`\chi` >= 0 (a negative :math:`R_{56}` gives the same :math:`|b_n|`; pass its magnitude).

    Returns
    -------
    float or ndarray
        :math:`b_n` in [0, 1).

    Raises
    ------
    ValueError
        If ``harmonic`` < 1 or ``modulation_amplitude``/``dispersion`` negative, NaN or inf.
    TypeError
        If ``harmonic`` is not an integer.

    References
    ----------
    L.-H. Yu, Phys. Rev. A 44, 5178 (1991) (high-gain harmonic generation; not read, cited via
    Kim, Huang and Lindberg 2017, which derives the same expression).  Derived again in the
    chapter and checked against macro-particles in the tests.

    Examples
    --------
    >>> round(harmonic_bunching(1, 2.0, 0.5), 4)
    0.3883
    """
    n = check_integer(harmonic, "harmonic", minimum=1)
    A = check_nonnegative(modulation_amplitude, "modulation_amplitude")
    chi = check_nonnegative(dispersion, "dispersion")
    return as_result(np.abs(special.jv(n, n * A * chi)) * np.exp(-0.5 * (n * chi) ** 2))


def optimal_dispersion(harmonic, modulation_amplitude):
    r"""Dispersion :math:`\chi` that maximises :func:`harmonic_bunching` at fixed A, and that maximum.

    The maximum satisfies :math:`\partial_\chi \ln b_n = 0`, i.e.

    .. math:: A\,\frac{J_n'(nA\chi)}{J_n(nA\chi)} = n\chi .

    Write :math:`x = nA\chi`.  Successive maxima of :math:`|J_n|` decrease and the Gaussian factor
    decreases with :math:`\chi`, so the global maximum lies on the first lobe,
    :math:`0 < x \le j'_{n,1}` (the first maximum of :math:`J_n`), where :math:`\ln b_n` is
    concave: a bounded Brent search on that interval finds it.  For :math:`A \gg 1` it sits at
    :math:`x \approx j'_{n,1} \approx n + 0.81\,n^{1/3}`.

    Parameters
    ----------
    harmonic : int
        Harmonic number n >= 1.
    modulation_amplitude : float
        A > 0.

    Returns
    -------
    tuple of float
        ``(chi_opt, b_max)``.

    Raises
    ------
    ValueError
        If ``harmonic`` < 1 or ``modulation_amplitude`` is not a positive finite scalar.

    References
    ----------
    Kim, Huang and Lindberg (2017) (HGHG); the optimum condition is derived with sympy in the
    chapter's notebook.

    Examples
    --------
    >>> chi, b = optimal_dispersion(1, 3.0)
    >>> round(chi, 3), round(b, 3)
    (0.532, 0.494)
    """
    n = check_integer(harmonic, "harmonic", minimum=1)
    A = check_positive(modulation_amplitude, "modulation_amplitude")
    if A.ndim != 0:
        raise ValueError("modulation_amplitude must be a scalar")
    A = float(A)
    x_high = float(special.jnp_zeros(n, 1)[0])

    def minus_log_b(x):
        return -math.log(max(abs(special.jv(n, x)), 1e-300)) + 0.5 * (x / A) ** 2

    result = optimize.minimize_scalar(
        minus_log_b, bounds=(1e-9 * x_high, x_high), method="bounded", options={"xatol": 1e-10 * x_high}
    )
    best = float(result.x) / (n * A)
    return best, float(harmonic_bunching(n, A, best))


def nearest_harmonic(seed_wavelength, target_wavelength):
    r"""The harmonic of a seed laser closest to a target wavelength, and its wavelength.

    Microbunches spaced by the laser wavelength :math:`\lambda_L` form a periodic train, so
    they radiate coherently only at :math:`\lambda_L/n` with n an integer:

    .. math:: n = \operatorname{round}(\lambda_L/\lambda_\mathrm{target}), \qquad
              \lambda_n = \lambda_L / n

    Parameters
    ----------
    seed_wavelength : float
        Laser (modulation) wavelength in metres, > 0.
    target_wavelength : float
        Wanted radiation wavelength in metres, > 0 and <= ``seed_wavelength``.

    Returns
    -------
    tuple
        ``(n, wavelength)``: the integer harmonic and :math:`\lambda_L/n` in metres.

    Raises
    ------
    ValueError
        If either wavelength is not a positive finite scalar, or the target is longer than
        the seed.

    References
    ----------
    Ratner and Chao (2010); Kim, Huang and Lindberg (2017) (harmonic generation).

    Examples
    --------
    1064 nm / 13.5 nm = 78.8 is not an integer: harmonic 79 gives 13.468 nm.

    >>> n, lam = nearest_harmonic(1064e-9, 13.5e-9)
    >>> n, round(lam * 1e9, 3)
    (79, 13.468)
    """
    seed = check_positive(seed_wavelength, "seed_wavelength")
    target = check_positive(target_wavelength, "target_wavelength")
    if seed.ndim or target.ndim:
        raise ValueError("seed_wavelength and target_wavelength must be scalars")
    if target > seed:
        raise ValueError("target_wavelength must be <= seed_wavelength (a harmonic is shorter)")
    n = max(1, int(round(float(seed / target))))
    return n, float(seed) / n


def laser_modulation(z, delta, amplitude, wavelength):
    r"""Relative energy offsets after a laser modulator.

    .. math:: \delta \to \delta + \frac{\Delta E}{E}\,\sin(k_L z), \qquad k_L = 2\pi/\lambda_L

    Parameters
    ----------
    z : array_like
        Particle positions in metres.
    delta : array_like
        Relative energy offsets :math:`\delta = (E - E_0)/E_0`, same length as ``z``.
    amplitude : float
        Relative energy modulation :math:`\Delta E/E`, >= 0.
    wavelength : float
        Laser wavelength in metres, > 0.

    Returns
    -------
    ndarray
        New relative energy offsets (inputs are not modified).

    Raises
    ------
    ValueError
        On non-finite input, mismatched lengths, negative amplitude or non-positive wavelength.

    References
    ----------
    Kim, Huang and Lindberg (2017) (modulator of HGHG); Ratner and Chao (2010).

    Examples
    --------
    >>> laser_modulation([0.25e-6], [0.0], 1e-3, 1e-6)
    array([0.001])
    """
    z = check_finite(z, "z")
    delta = check_finite(delta, "delta")
    check_same_length(z=z, delta=delta)
    amplitude = check_nonnegative(amplitude, "amplitude")
    wavelength = check_positive(wavelength, "wavelength")
    return delta + amplitude * np.sin(2 * np.pi * z / wavelength)


def apply_dispersion(z, delta, r56):
    r"""Positions after a dispersive section (chicane, arc) of strength :math:`R_{56}`.

    .. math:: z \to z + R_{56}\,\delta

    Parameters
    ----------
    z : array_like
        Particle positions in metres.
    delta : array_like
        Relative energy offsets, same length as ``z``.
    r56 : float
        Longitudinal dispersion in metres (any sign).

    Returns
    -------
    ndarray
        New positions in metres.

    Raises
    ------
    ValueError
        On non-finite input or mismatched lengths.

    References
    ----------
    Kim, Huang and Lindberg (2017); the linear transfer-matrix element :math:`R_{56}`.

    Examples
    --------
    >>> apply_dispersion([0.0, 0.0], [1e-3, -1e-3], 1e-4)
    array([ 1.e-07, -1.e-07])
    """
    z = check_finite(z, "z")
    delta = check_finite(delta, "delta")
    check_same_length(z=z, delta=delta)
    r56 = check_finite(r56, "r56")
    return z + r56 * delta


def modulated_beam(n_particles, modulation_amplitude, dispersion, rng):
    r"""Macro-particles after laser modulation and dispersion, in normalised variables.

    Start: phase :math:`\phi = k_L z` uniform in :math:`[0, 2\pi)` (a beam long compared with
    the laser wavelength), energy :math:`q = \delta/\sigma_\delta` standard normal.  Then

    .. math:: q \to q + A\sin\phi, \qquad \phi \to \phi + \chi\,q ,

    which is :func:`laser_modulation` followed by :func:`apply_dispersion` with
    :math:`A = \Delta E/\sigma_E` and :math:`\chi = R_{56} k_L \sigma_\delta`.  The bunching at
    harmonic n is :math:`\langle e^{in\phi}\rangle`, whose modulus approaches
    :func:`harmonic_bunching` within about :math:`1/\sqrt{N}`.

    Parameters
    ----------
    n_particles : int
        Number of macro-particles, >= 1.
    modulation_amplitude : float
        A >= 0.
    dispersion : float
        :math:`\chi` (any sign).
    rng : numpy.random.Generator
        Seeded random generator (the result is reproducible).

    Returns
    -------
    tuple of ndarray
        ``(phase, q)``: :math:`\phi` and :math:`q`, each of length ``n_particles``.

    Raises
    ------
    TypeError
        If ``rng`` is not a :class:`numpy.random.Generator` or ``n_particles`` not an integer.
    ValueError
        If ``n_particles`` < 1 or an amplitude is out of range.

    References
    ----------
    Yu (1991) via Kim, Huang and Lindberg (2017).

    Examples
    --------
    >>> phase, q = modulated_beam(200_000, 3.0, 0.3, np.random.default_rng(1))
    >>> b1 = abs(np.mean(np.exp(1j * phase)))
    >>> bool(abs(b1 - harmonic_bunching(1, 3.0, 0.3)) < 5 / np.sqrt(200_000))
    True
    """
    n = check_integer(n_particles, "n_particles", minimum=1)
    A = float(check_nonnegative(modulation_amplitude, "modulation_amplitude"))
    chi = float(check_finite(dispersion, "dispersion"))
    _check_rng(rng)
    phase = rng.uniform(0.0, 2 * np.pi, n)
    q = rng.standard_normal(n)
    q += A * np.sin(phase)
    phase += chi * q
    return phase, q


# --------------------------------------------------------------------------------------------
# 4. The one-turn map
# --------------------------------------------------------------------------------------------
def _check_rng(rng) -> None:
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            "rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed)), "
            f"got {type(rng).__name__}"
        )


def _fit_sine_coefficients(degree: int = 6) -> np.ndarray:
    """Least-squares coefficients c_k with sin(u) ~= u * sum c_k u^(2k) on [0, pi/2]."""
    u = np.linspace(1e-9, np.pi / 2, 4001)
    matrix = np.vander(u**2, degree + 1, increasing=True)
    return np.linalg.lstsq(matrix, np.sin(u) / u, rcond=None)[0]


_SINE_COEFFICIENTS = _fit_sine_coefficients()
_TWO_PI = 2 * np.pi


def _wrap(phase: np.ndarray, tmp: np.ndarray) -> None:
    """In place: phase -> phase - 2 pi round(phase / 2 pi), in [-pi, pi]."""
    np.multiply(phase, 1 / _TWO_PI, out=tmp)
    np.rint(tmp, out=tmp)
    tmp *= _TWO_PI
    phase -= tmp


def _scaled_sine(phase, out, tmp, acc, scale=1.0, offset=np.pi / 2):
    """out = scale * sin(phase + pi/2 - offset) for any phase, in place (no allocation).

    With the default offset this is ``scale * sin(phase)``; ``offset=0`` gives
    ``scale * cos(phase)``.  Writing y = phase - offset wrapped to [-pi, pi], the angle
    u = pi/2 - |y| lies in [-pi/2, pi/2] and sin(u) = cos(y); then sin(u) is u times a degree-6
    polynomial in u^2 (least-squares fit, max error 2.5e-13).  Twenty-one in-place passes,
    about three times faster than ``np.sin`` on CPUs without an AVX-512 float64 sine; a kick by
    any smooth function of the phase keeps the map exactly area-preserving.
    """
    np.subtract(phase, offset, out=tmp)  # y
    np.multiply(tmp, 1 / _TWO_PI, out=acc)
    np.rint(acc, out=acc)
    acc *= _TWO_PI
    tmp -= acc  # y wrapped to [-pi, pi]
    np.abs(tmp, out=tmp)
    np.subtract(np.pi / 2, tmp, out=tmp)  # u
    np.multiply(tmp, tmp, out=out)  # u^2
    coefficients = _SINE_COEFFICIENTS * scale
    np.multiply(out, coefficients[-1], out=acc)
    for c in coefficients[-2:0:-1]:
        acc += c
        acc *= out
    acc += coefficients[0]
    np.multiply(acc, tmp, out=out)
    return out


def _track_block(phi, p, kick, n_turns, keep, noise, generator, record_index):
    """Track one block in place; return its sums (cos, sin, p, p^2) at the recorded turns.

    Internally the phase is stored as psi = phi - pi/2, so that the kick sin(phi) = cos(psi)
    needs no offset (one pass fewer per turn); phi is restored at the end.
    """
    sums = np.zeros((4, len(record_index)))
    kicked, tmp, acc = (np.empty_like(phi) for _ in range(3))
    gauss = np.empty_like(phi) if noise > 0 else None
    psi = phi
    psi -= np.pi / 2
    for turn in range(n_turns + 1):
        slot = record_index.get(turn)
        if slot is not None:  # diagnostics of the particles entering this turn
            sums[0, slot] = -_scaled_sine(psi, kicked, tmp, acc).sum()  # cos(phi) = -sin(psi)
            sums[1, slot] = _scaled_sine(psi, kicked, tmp, acc, offset=0.0).sum()  # sin(phi)
            sums[2, slot] = p.sum()
            sums[3, slot] = np.dot(p, p)
        if turn == n_turns:
            break
        if keep != 1.0:
            p *= keep
        p += _scaled_sine(psi, kicked, tmp, acc, scale=kick, offset=0.0)  # kappa sin(phi) = kappa cos(psi)
        if gauss is not None:
            generator.standard_normal(out=gauss)
            gauss *= noise
            p += gauss
        psi += p
    psi += np.pi / 2
    _wrap(psi, tmp)
    return sums


@dataclass(frozen=True)
class TrackingResult:
    """Particles and turn-by-turn diagnostics from :func:`track_one_turn_map`.

    Attributes
    ----------
    phase, momentum : ndarray
        Final phases (wrapped to [-pi, pi]) and normalised momenta.
    turns : ndarray of int
        Turns at which the diagnostics were recorded (0 = before the first turn).
    bunching : ndarray of complex
        :math:`\\langle e^{i\\phi}\\rangle` at those turns (bunching at the laser wavelength).
    mean_momentum, rms_momentum : ndarray
        Mean and RMS spread of p at those turns.
    """

    phase: np.ndarray
    momentum: np.ndarray
    turns: np.ndarray
    bunching: np.ndarray
    mean_momentum: np.ndarray
    rms_momentum: np.ndarray


def track_one_turn_map(
    phase,
    momentum,
    kick,
    n_turns,
    *,
    damping=0.0,
    noise=0.0,
    rng=None,
    record_every=1,
    block_size=8192,
    workers=1,
):
    r"""Track particles through the longitudinal one-turn map of an SSMB ring.

    In normalised variables, phase :math:`\phi = k_L z` relative to the modulating laser and
    momentum :math:`p = k_L R_{56}\,\delta` (the phase slip per turn), one turn is

    .. math::
        p_{t+1} &= (1-d)\,p_t + \kappa \sin\phi_t + r\,\xi_t, \\
        \phi_{t+1} &= \phi_t + p_{t+1},

    a laser kick of strength :math:`\kappa = k_L R_{56}\,\Delta E/E` followed by the ring's
    longitudinal dispersion, with optional radiation damping :math:`d` and quantum-excitation
    noise of RMS :math:`r` per turn (:math:`\xi_t` standard normal).  With :math:`d = r = 0` this
    is the Chirikov standard map: area-preserving, with a stable island around
    :math:`\phi = \pi` (for :math:`\kappa > 0`) that is linearly stable for
    :math:`0 < \kappa < 4`, and growing chaos as :math:`\kappa` increases.

    Vectorised over particles with in-place float64 operations in cache-sized blocks; each
    block runs all turns (particles are independent).

    Parameters
    ----------
    phase, momentum : array_like
        Initial :math:`\phi` (radians) and p, 1-D, same length.  Not modified.
    kick : float
        Kick strength :math:`\kappa` (any sign, finite).
    n_turns : int
        Number of turns, >= 0.
    damping : float, optional
        d in [0, 1): fractional damping of p per turn.
    noise : float, optional
        :math:`r \ge 0`: RMS random kick per turn; needs ``rng``.
    rng : numpy.random.Generator, optional
        Seeded generator, required when ``noise`` > 0.  Each block draws from its own child
        generator (``rng.spawn``), so results depend only on the seed and ``block_size``.
    record_every : int, optional
        Record diagnostics every this many turns (and at the last turn), >= 1.
    block_size : int, optional
        Particles per block, >= 1 (8192 float64 keeps a block's five arrays in a 512 kB L2).
    workers : int, optional
        Threads sharing the blocks, >= 1.  The result does not depend on it.

    Returns
    -------
    TrackingResult
        Final particles and turn-by-turn bunching, mean and RMS momentum.

    Raises
    ------
    TypeError
        If an integer argument is not an integer or ``rng`` is not a Generator.
    ValueError
        If arrays are not 1-D finite and of equal length, or a parameter is out of range.

    References
    ----------
    B. V. Chirikov, Phys. Rep. 52, 263 (1979) (standard map); Ratner and Chao (2010) (SSMB);
    the kick uses a polynomial sine accurate to ~3e-13 (tested against :func:`numpy.sin`).

    Examples
    --------
    A particle started 0.001 rad from the stable point phi = pi stays there (phases are
    wrapped to [-pi, pi], so it may show up near -pi):

    >>> result = track_one_turn_map([np.pi + 1e-3], [0.0], 0.1, 100)
    >>> bool(abs(abs(result.phase[0]) - np.pi) < 2e-3)
    True
    """
    phase0 = check_finite(phase, "phase")
    momentum0 = check_finite(momentum, "momentum")
    if phase0.ndim != 1 or momentum0.ndim != 1 or phase0.size == 0:
        raise ValueError("phase and momentum must be non-empty 1-D arrays")
    check_same_length(phase=phase0, momentum=momentum0)
    kappa = check_finite(kick, "kick")
    if kappa.ndim != 0:
        raise ValueError("kick must be a scalar")
    kappa = float(kappa)
    n_turns = check_integer(n_turns, "n_turns", minimum=0)
    damping = float(check_in_range(damping, "damping", 0.0, 1.0, high_open=True))
    noise = float(check_nonnegative(noise, "noise"))
    record_every = check_integer(record_every, "record_every", minimum=1)
    block_size = check_integer(block_size, "block_size", minimum=1)
    workers = check_integer(workers, "workers", minimum=1)
    if noise > 0:
        _check_rng(rng)
    elif rng is not None:
        _check_rng(rng)

    phase_out = phase0.copy()  # float64, contiguous; tracked in place
    momentum_out = momentum0.copy()
    record = sorted(set(range(0, n_turns + 1, record_every)) | {n_turns})
    record_index = {turn: i for i, turn in enumerate(record)}
    n = phase_out.size
    starts = list(range(0, n, block_size))
    generators = rng.spawn(len(starts)) if noise > 0 else [None] * len(starts)
    jobs = [
        (phase_out[s0 : s0 + block_size], momentum_out[s0 : s0 + block_size], kappa, n_turns,
         1.0 - damping, noise, generator, record_index)
        for s0, generator in zip(starts, generators)
    ]
    if workers == 1 or len(jobs) == 1:
        block_sums = [_track_block(*job) for job in jobs]
    else:  # numpy releases the GIL inside ufuncs, so threads share the work
        with ThreadPoolExecutor(max_workers=workers) as pool:
            block_sums = list(pool.map(lambda job: _track_block(*job), jobs))
    sum_cos, sum_sin, sum_p, sum_p2 = np.sum(block_sums, axis=0)  # fixed order: reproducible
    mean_p = sum_p / n
    rms_p = np.sqrt(np.maximum(sum_p2 / n - mean_p**2, 0.0))
    return TrackingResult(
        phase=phase_out,
        momentum=momentum_out,
        turns=np.asarray(record, dtype=int),
        bunching=(sum_cos + 1j * sum_sin) / n,
        mean_momentum=mean_p,
        rms_momentum=rms_p,
    )


def one_turn_map_orbits(phase, momentum, kick, n_turns):
    r"""Every turn of a few orbits of the one-turn map, for phase-space portraits.

    The same map as :func:`track_one_turn_map` without damping or noise,
    :math:`p \to p + \kappa\sin\phi,\ \phi \to \phi + p`, but keeping all turns (memory grows as
    particles x turns, so use it for hundreds of orbits, not millions).

    Parameters
    ----------
    phase, momentum : array_like
        Initial :math:`\phi` (radians) and p, 1-D, same length.
    kick : float
        Kick strength :math:`\kappa` (finite).
    n_turns : int
        Number of turns, >= 0.

    Returns
    -------
    tuple of ndarray
        ``(phases, momenta)`` of shape ``(n_turns + 1, n)``; phases wrapped to [0, 2 pi).

    Raises
    ------
    ValueError
        If the arrays are not 1-D, finite and of equal length, or ``n_turns`` < 0.
    TypeError
        If ``n_turns`` is not an integer.

    References
    ----------
    Chirikov (1979).

    Examples
    --------
    >>> phases, momenta = one_turn_map_orbits([1.0, 2.0], [0.0, 0.1], 0.5, 10)
    >>> phases.shape
    (11, 2)
    """
    phi = check_finite(phase, "phase").copy()
    p = check_finite(momentum, "momentum").copy()
    if phi.ndim != 1 or p.ndim != 1:
        raise ValueError("phase and momentum must be 1-D arrays")
    check_same_length(phase=phi, momentum=p)
    kappa = float(check_finite(kick, "kick"))
    n_turns = check_integer(n_turns, "n_turns", minimum=0)
    phases = np.empty((n_turns + 1, phi.size))
    momenta = np.empty_like(phases)
    phases[0], momenta[0] = phi, p
    for turn in range(1, n_turns + 1):
        p += kappa * np.sin(phi)
        phi += p
        phases[turn], momenta[turn] = phi, p
    return np.mod(phases, 2 * np.pi), momenta


def standard_map_tune(kick):
    r"""Small-amplitude synchrotron tune of the one-turn map about its stable fixed point.

    Linearising :func:`track_one_turn_map` (no damping or noise) about the stable fixed point
    (:math:`\phi = \pi` for :math:`\kappa > 0`; write :math:`\phi = \pi + x`, so
    :math:`\sin\phi \approx -x`) gives the matrix
    :math:`\begin{pmatrix}1-\kappa & 1 \\ -\kappa & 1\end{pmatrix}` acting on
    :math:`(x, p)`, with determinant 1 and trace :math:`2 - \kappa`, hence

    .. math:: \cos 2\pi\nu_s = 1 - \frac{|\kappa|}{2}, \qquad 0 \le |\kappa| < 4 .

    Parameters
    ----------
    kick : float or array_like
        Kick strength :math:`\kappa` with :math:`|\kappa| < 4` (beyond it the fixed point is unstable).

    Returns
    -------
    float or ndarray
        :math:`\nu_s` in turns\ :sup:`-1`, in [0, 1/2).

    Raises
    ------
    ValueError
        If :math:`|\kappa| \ge 4` or ``kick`` is NaN/inf.

    References
    ----------
    Chirikov (1979); any accelerator text on linear synchrotron motion, e.g. Kim, Huang and
    Lindberg (2017).

    Examples
    --------
    >>> round(standard_map_tune(0.1), 4)
    0.0505
    """
    kappa = check_finite(kick, "kick")
    if np.any(np.abs(kappa) >= 4):
        raise ValueError(f"kick must satisfy |kick| < 4 for a stable fixed point, got {np.abs(kappa).max():g}")
    return as_result(np.arccos(1 - np.abs(kappa) / 2) / (2 * np.pi))


# --------------------------------------------------------------------------------------------
# 5. Power
# --------------------------------------------------------------------------------------------
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
