r"""Echo-enabled harmonic generation (EEHG): two modulators and two chicanes.

Normalised variables as in :func:`~physics_lib.ssmb.harmonic_bunching`: energy offset
:math:`q = \delta/\sigma_\delta`, laser phase :math:`\phi = k_1 z`; modulation amplitudes
:math:`A_i = \Delta E_i/\sigma_E`; dispersions :math:`B_i = R_{56}^{(i)} k_1 \sigma_\delta` (both in
units of the *first* laser's wavenumber).
"""

from __future__ import annotations

import math

import numpy as np
from scipy import optimize, special

from .._validation import (
    as_result,
    check_finite,
    check_integer,
    check_nonnegative,
    check_positive,
)
from .modulation import _check_rng

__all__ = [
    "eehg_bunching",
    "eehg_optimal_bunching",
    "eehg_beam",
]


def eehg_bunching(n, m, modulation_1, modulation_2, dispersion_1, dispersion_2, wavenumber_ratio=1.0):
    r"""Bunching of an echo-enabled harmonic generation (EEHG) beamline at harmonic :math:`a = n + mK`.

    Modulator 1 (wavenumber :math:`k_1`, amplitude :math:`A_1`), chicane :math:`B_1`, modulator 2
    (wavenumber :math:`k_2 = Kk_1`, amplitude :math:`A_2`), chicane :math:`B_2`:

    .. math::
        b_{n,m} = \left|J_m(-a A_2 B_2)\,J_n(-\xi A_1)\,e^{-\xi^2/2}\right|, \qquad
        \xi = n B_1 + a B_2, \quad a = n + mK ,

    for a beam with a Gaussian energy distribution, uniform on the laser-wavelength scale.  The
    first chicane (large :math:`B_1`) shreds the phase space into many thin energy bands; the second
    modulator and chicane rotate them upright, so the bunching at high harmonics falls only as
    :math:`a^{-1/3}` instead of exponentially as in single-stage harmonic generation.

    This is the term of one pair :math:`(n, m)`; other pairs with the same :math:`a` add to it, but
    they are negligible when :math:`B_1 \gg 1`, as at high harmonics (the tests find the formula
    within statistics of macro-particles from :math:`a = 15`, :math:`B_1 \approx 5.5`, upwards).

    Parameters
    ----------
    n, m : int
        Integers selecting the harmonic :math:`a = n + mK` (typically :math:`n = -1`).
    modulation_1, modulation_2 : float or array_like
        :math:`A_1, A_2 \ge 0`.
    dispersion_1, dispersion_2 : float or array_like
        :math:`B_1, B_2` (any sign, finite).
    wavenumber_ratio : float, optional
        :math:`K = k_2/k_1 > 0` (default 1: one laser for both modulators).

    Returns
    -------
    float or ndarray
        :math:`b_{n,m}` in [0, 1).

    Raises
    ------
    TypeError
        If ``n`` or ``m`` is not an integer.
    ValueError
        If an amplitude is negative, ``wavenumber_ratio`` is not positive, or a value is not finite.

    References
    ----------
    G. Stupakov, Phys. Rev. Lett. 102, 074801 (2009); D. Xiang and G. Stupakov, Phys. Rev. ST
    Accel. Beams 12, 030702 (2009).  Derived again in the chapter with the Jacobi–Anger expansion
    and checked against macro-particles (:func:`eehg_beam`) in the tests.

    Examples
    --------
    >>> round(eehg_bunching(-1, 80, 3.0, 3.0, 27.0, 0.35), 4)
    0.072
    """
    n = check_integer(n, "n", minimum=-(10**9))
    m = check_integer(m, "m", minimum=-(10**9))
    a1 = check_nonnegative(modulation_1, "modulation_1")
    a2 = check_nonnegative(modulation_2, "modulation_2")
    b1 = check_finite(dispersion_1, "dispersion_1")
    b2 = check_finite(dispersion_2, "dispersion_2")
    ratio = check_positive(wavenumber_ratio, "wavenumber_ratio")
    a = n + m * ratio
    xi = n * b1 + a * b2
    return as_result(np.abs(special.jv(m, -a * a2 * b2) * special.jv(n, -xi * a1)) * np.exp(-0.5 * xi**2))


def eehg_optimal_bunching(harmonic, modulation_1, modulation_2):
    r"""Dispersions that maximise EEHG bunching at a harmonic of one laser, and that maximum.

    With one laser (:math:`K = 1`) and :math:`n = -1`, :math:`m = a + 1`, the bunching
    :func:`eehg_bunching` factorises into :math:`|J_m(aA_2B_2)|` and
    :math:`|J_1(\xi A_1)|e^{-\xi^2/2}` with :math:`\xi = aB_2 - B_1`, which are maximised
    separately: :math:`aA_2B_2 = j'_{m,1}` (the first maximum of :math:`J_m`) and :math:`\xi` on the
    first lobe of :math:`J_1` (a bounded one-dimensional search), then :math:`B_1 = aB_2 - \xi`.
    For large :math:`m`, :math:`J_m(j'_{m,1}) \approx 0.675\,m^{-1/3}`, and for large :math:`A_1`
    the second factor tends to :math:`\max J_1 = 0.582`, so

    .. math:: b_\mathrm{max} \approx \frac{0.39}{m^{1/3}} .

    Parameters
    ----------
    harmonic : int
        Harmonic :math:`a \ge 2` of the laser.
    modulation_1, modulation_2 : float
        :math:`A_1, A_2 > 0`.

    Returns
    -------
    tuple of float
        ``(B1, B2, b_max)``.

    Raises
    ------
    TypeError
        If ``harmonic`` is not an integer.
    ValueError
        If ``harmonic`` < 2 or an amplitude is not a positive finite scalar.

    References
    ----------
    Stupakov (2009) (the :math:`0.39/m^{1/3}` asymptote); Xiang and Stupakov (2009).

    Examples
    --------
    >>> b1, b2, b = eehg_optimal_bunching(79, 3.0, 3.0)
    >>> round(b, 4), round(b1, 2), round(b2, 4)
    (0.0768, 27.3, 0.3523)
    """
    a = check_integer(harmonic, "harmonic", minimum=2)
    a1 = check_positive(modulation_1, "modulation_1")
    a2 = check_positive(modulation_2, "modulation_2")
    if a1.ndim or a2.ndim:
        raise ValueError("modulation_1 and modulation_2 must be scalars")
    a1, a2 = float(a1), float(a2)
    m = a + 1
    x_m = float(special.jnp_zeros(m, 1)[0])
    b2 = x_m / (a * a2)
    x_1 = float(special.jnp_zeros(1, 1)[0])  # 1.8412, first maximum of J_1

    def minus_log(xi):
        return -math.log(max(abs(special.j1(xi * a1)), 1e-300)) + 0.5 * xi**2

    result = optimize.minimize_scalar(minus_log, bounds=(1e-9, x_1 / a1), method="bounded", options={"xatol": 1e-12})
    xi = float(result.x)
    b1 = a * b2 - xi
    return b1, b2, float(eehg_bunching(-1, m, a1, a2, b1, b2))


def eehg_beam(n_particles, modulation_1, modulation_2, dispersion_1, dispersion_2, rng):
    r"""Macro-particles through an EEHG beamline with one laser (normalised variables).

    Start: :math:`\phi` uniform, :math:`q` standard normal; then
    :math:`q \to q + A_1\sin\phi,\ \phi \to \phi + B_1 q,\ q \to q + A_2\sin\phi,\ \phi \to \phi + B_2 q`.
    The bunching at harmonic :math:`a` is :math:`|\langle e^{ia\phi}\rangle|`, which approaches
    :func:`eehg_bunching` within about :math:`1/\sqrt N`.

    Parameters
    ----------
    n_particles : int
        Number of macro-particles, >= 1.
    modulation_1, modulation_2 : float
        :math:`A_1, A_2 \ge 0`.
    dispersion_1, dispersion_2 : float
        :math:`B_1, B_2` (finite).
    rng : numpy.random.Generator
        Seeded generator.

    Returns
    -------
    tuple of ndarray
        ``(phase, q)``.

    Raises
    ------
    TypeError
        If ``rng`` is not a Generator or ``n_particles`` is not an integer.
    ValueError
        If an argument is out of range.

    References
    ----------
    Stupakov (2009).

    Examples
    --------
    >>> phase, q = eehg_beam(1000, 3.0, 3.0, 10.0, 1.0, np.random.default_rng(0))
    >>> phase.shape
    (1000,)
    """
    count = check_integer(n_particles, "n_particles", minimum=1)
    a1 = float(check_nonnegative(modulation_1, "modulation_1"))
    a2 = float(check_nonnegative(modulation_2, "modulation_2"))
    b1 = float(check_finite(dispersion_1, "dispersion_1"))
    b2 = float(check_finite(dispersion_2, "dispersion_2"))
    _check_rng(rng)
    phase = rng.uniform(0.0, 2 * np.pi, count)
    q = rng.standard_normal(count)
    q += a1 * np.sin(phase)
    phase += b1 * q
    q += a2 * np.sin(phase)
    phase += b2 * q
    return phase, q
