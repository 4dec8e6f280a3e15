"""Microbunching by a laser plus dispersion (single pass, high-gain harmonic generation)."""

from __future__ import annotations

import math

import numpy as np
from scipy import constants, optimize, special

from .._validation import (
    as_result,
    check_finite,
    check_in_range,
    check_integer,
    check_nonnegative,
    check_positive,
    check_same_length,
)
from .undulator import ELECTRON_REST_ENERGY_EV, bessel_coupling_factor, lorentz_factor

__all__ = [
    "laser_energy_modulation",
    "modulation_for_tune",
    "harmonic_bunching",
    "optimal_dispersion",
    "nearest_harmonic",
    "laser_modulation",
    "apply_dispersion",
    "modulated_beam",
]


def _check_rng(rng) -> None:
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            "rng must be a numpy.random.Generator (e.g. np.random.default_rng(seed)), "
            f"got {type(rng).__name__}"
        )



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


def laser_energy_modulation(laser_power, waist, K, period, n_periods, energy_eV):
    r"""Peak energy modulation :math:`\Delta E` of electrons in a planar modulator undulator.

    An electron crossing a laser of peak field :math:`E_L` (polarised along the wiggle) exchanges
    :math:`-e E_L v_x` of power with it; averaged over a period at resonance this gives
    :math:`d(\Delta E)/dz = e E_L K[JJ]/(2\gamma)`, so over :math:`L_u = N_u\lambda_u`

    .. math::
        \Delta E = \frac{e E_L K [JJ] L_u}{2\gamma}
                 = 2\sqrt{\frac{P_L}{P_0}}\;\frac{K [JJ] L_u}{\gamma\,w_0}\;m_e c^2,
        \qquad P_0 = \frac{I_A\,m_e c^2}{e} = \frac{4\pi\varepsilon_0 m_e^2 c^5}{e^2}
        \approx 8.7\ \mathrm{GW},

    using the on-axis peak field of a Gaussian (TEM\ :sub:`00`) beam of power :math:`P_L` and
    :math:`1/e^2`-intensity radius :math:`w_0`, :math:`E_L^2 = 4 Z_0 P_L/(\pi w_0^2)`, with
    :math:`I_A = 17.045` kA the Alfvén current and [JJ] from :func:`bessel_coupling_factor`.  It
    assumes the laser is resonant with the modulator and its field constant along it: the waist
    at the centre and a Rayleigh length :math:`z_R = \pi w_0^2/\lambda_L` long compared with
    :math:`L_u` (for :math:`z_R \lesssim L_u` the laser's divergence lowers :math:`\Delta E`;
    the optimum is near :math:`z_R \approx L_u/2`, not modelled here).  It is the amplitude; an
    electron at laser phase :math:`\phi` gains :math:`\Delta E\sin\phi`.

    Parameters
    ----------
    laser_power : float or array_like
        Peak laser power :math:`P_L` in watts, >= 0 (the power circulating in an enhancement
        cavity when the modulator sits inside one).
    waist : float or array_like
        Laser waist radius :math:`w_0` (1/e² intensity) in metres, > 0.
    K : float or array_like
        Modulator undulator parameter, >= 0.
    period : float or array_like
        Modulator period :math:`\lambda_u` in metres, > 0.
    n_periods : float or array_like
        Number of modulator periods :math:`N_u`, >= 1.
    energy_eV : float or array_like
        Total electron energy in eV (>= rest energy).

    Returns
    -------
    float or ndarray
        :math:`\Delta E` in eV.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    The energy exchange is standard FEL theory (Kim, Huang and Lindberg 2017, ch. 3); the form in
    terms of :math:`\sqrt{P_L/P_0}` is the one used for laser modulators by A. A. Zholents,
    Phys. Rev. ST Accel. Beams 8, 040701 (2005) (we could not read that paper; the expression here
    is derived in the chapter, in the limit of a long Rayleigh length).

    Examples
    --------
    1 MW of 1064 nm light with a 0.8 mm waist (Rayleigh length 1.9 m) in a 1 m modulator of ten
    10 cm periods, K = 4.907 (resonant with 1064 nm at 400 MeV):

    >>> round(laser_energy_modulation(1e6, 0.8e-3, 4.907, 0.1, 10, 400e6) / 1e3, 1)
    62.0
    """
    power = check_nonnegative(laser_power, "laser_power")
    w0 = check_positive(waist, "waist")
    K = check_nonnegative(K, "K")
    period = check_positive(period, "period")
    n_u = check_in_range(n_periods, "n_periods", 1.0, np.inf)
    gamma = np.asarray(lorentz_factor(check_finite(energy_eV, "energy_eV")))
    jj = np.asarray(bessel_coupling_factor(K))
    p0 = 4 * np.pi * constants.epsilon_0 * constants.m_e**2 * constants.c**5 / constants.e**2
    return as_result(
        2 * np.sqrt(power / p0) * K * jj * n_u * period / (gamma * w0) * ELECTRON_REST_ENERGY_EV
    )


def modulation_for_tune(synchrotron_tune, r56, laser_wavelength, energy_eV):
    r"""Energy modulation per turn that gives a laser bucket a chosen synchrotron tune.

    Inverting :func:`~physics_lib.ssmb.standard_map_tune`, :math:`\cos 2\pi\nu_s = 1 - \kappa/2`,
    with the kick :math:`\kappa = k_L R_{56}\,\Delta E/E`:

    .. math:: \Delta E = \frac{4\sin^2(\pi\nu_s)}{k_L R_{56}}\,E, \qquad k_L = 2\pi/\lambda_L .

    Parameters
    ----------
    synchrotron_tune : float or array_like
        Wanted :math:`\nu_s` in (0, 0.5).
    r56 : float or array_like
        One-turn longitudinal dispersion :math:`|R_{56}| = |\alpha_c| C` in metres, > 0.
    laser_wavelength : float or array_like
        :math:`\lambda_L` in metres, > 0.
    energy_eV : float or array_like
        Total electron energy in eV (>= rest energy).

    Returns
    -------
    float or ndarray
        :math:`\Delta E` in eV (per turn, peak of the sinusoid).

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Chirikov (1979) (linear stability of the standard map); the chapter's one-turn map.

    Examples
    --------
    >>> round(modulation_for_tune(0.005, 4.585e-6, 1064e-9, 400e6) / 1e3, 2)
    14.58
    """
    nu_s = check_in_range(synchrotron_tune, "synchrotron_tune", 0.0, 0.5, low_open=True, high_open=True)
    r56 = check_positive(r56, "r56")
    k_l = 2 * np.pi / check_positive(laser_wavelength, "laser_wavelength")
    energy = check_finite(energy_eV, "energy_eV")
    lorentz_factor(energy)  # validates: total energy >= rest energy
    return as_result(4 * np.sin(np.pi * nu_s) ** 2 / (k_l * r56) * energy)
