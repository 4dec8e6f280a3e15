r"""Package interconnect density, die-edge bandwidth, and thermal-mismatch warpage.

The geometry of wiring a chiplet package: how many wires cross a millimetre of die edge, how many
bumps or vias fit in a square millimetre, what bandwidth that carries, and how a package made of
two materials with different thermal expansion bends when it cools (Timoshenko's bimetal strip),
what a package wire costs electrically (resistance, capacitance, RC delay, energy per bit), and how
long the solder joints between package and board survive thermal cycling.
It also holds a small technology table (organic build-up, silicon interposer, RDL interposer,
glass core, hybrid bonding) whose every value carries its source and a verification status.

All arguments and results are SI: metres in, per-metre or per-square-metre out; kelvin for
temperature differences; 1/K for expansion coefficients; pascals for moduli; bit/s for rates.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np
from scipy import constants

from ._validation import as_result, check_finite, check_in_range, check_integer, check_positive, check_same_length

__all__ = [
    "wiring_density",
    "bump_density",
    "shoreline_bandwidth",
    "areal_bandwidth",
    "max_wire_pitch",
    "pitch_for_density_gain",
    "mismatch_strain",
    "biaxial_modulus",
    "bilayer_curvature",
    "warpage",
    "warpage_in_linear_range",
    "max_package_side",
    "Laminate",
    "laminate_properties",
    "core_with_buildup",
    "dies_per_package",
    "silicon_area_for_transistors",
    "wire_resistance_per_length",
    "wire_capacitance_per_length",
    "wire_rc_delay",
    "wire_energy_per_bit",
    "solder_joint_shear_strain",
    "engelmaier_fatigue_exponent",
    "solder_fatigue_life",
    "SourcedValue",
    "Technology",
    "TECHNOLOGIES",
    "technology",
    "RETICLE_FIELD",
    "H100_TRANSISTOR_DENSITY",
    "STATUSES",
    "STATUS_WORDS",
    "Material",
    "MATERIALS",
]

#: Verification tags of the book's reference sheet (authors' notes; never printed for readers).
STATUSES = ("READ-P", "READ-S", "UNVERIFIED", "CONFLICTING")

#: The same tags in plain words, for anything a reader sees (chapters, notebooks, figures).
STATUS_WORDS = {
    "READ-P": "read in the source",
    "READ-S": "reported by a secondary source",
    "UNVERIFIED": "assumption: no source found",
    "CONFLICTING": "sources disagree",
}

_LATTICE_FACTOR = {"square": 1.0, "hexagonal": 2.0 / math.sqrt(3.0)}
_SAGITTA_CHORD = {"edge": 1.0, "diagonal": math.sqrt(2.0)}  # chord length / package side


def wiring_density(line_width, spacing, layers=1):
    r"""Wires per metre of die edge that ``layers`` routing layers can carry.

    .. math:: n_\ell = \frac{N_\text{layers}}{w + s}

    Each wire occupies one line width :math:`w` plus one space :math:`s` (one wiring pitch).
    Only signal wires are counted; shields and power share the same tracks in practice.

    Parameters
    ----------
    line_width : float or array_like
        Metal line width w in metres, > 0.
    spacing : float or array_like
        Space s between neighbouring lines in metres, > 0.
    layers : int, optional
        Number of routing layers, an integer >= 1 (default 1).

    Returns
    -------
    float or ndarray
        Wires per metre of edge (divide by 1000 for wires per mm).

    Raises
    ------
    ValueError
        If a width or space is not positive and finite, or ``layers`` < 1.
    TypeError
        If ``layers`` is not an integer or a width is not a number.

    References
    ----------
    Geometric identity; TSMC quotes CoWoS-R routing as "minimum 4 µm pitch (2 µm line
    width/spacing)" (3dfabric.tsmc.com, CoWoS page).

    Examples
    --------
    A 2 µm line / 2 µm space RDL carries 250 wires per mm per layer:

    >>> round(wiring_density(2e-6, 2e-6) / 1000, 6)
    250.0
    """
    w = check_positive(line_width, "line_width")
    s = check_positive(spacing, "spacing")
    n_layers = check_integer(layers, "layers", minimum=1)
    return as_result(n_layers / (w + s))


def bump_density(pitch, lattice="square"):
    r"""Bumps (or vias) per square metre of an area array with centre-to-centre ``pitch``.

    .. math:: n_A = \frac{1}{p^2}\ \text{(square)}, \qquad
              n_A = \frac{2}{\sqrt{3}\,p^2}\ \text{(hexagonal)}

    A square cell has area :math:`p^2`; a hexagonal (triangular) lattice with nearest-neighbour
    distance :math:`p` has cell area :math:`\tfrac{\sqrt3}{2}p^2`, about 15 % denser.

    Parameters
    ----------
    pitch : float or array_like
        Nearest-neighbour pitch p in metres, > 0.
    lattice : {"square", "hexagonal"}
        Array geometry.

    Returns
    -------
    float or ndarray
        Bumps per m² (divide by 10⁶ for bumps per mm²).

    Raises
    ------
    ValueError
        If ``pitch`` is not positive and finite, or ``lattice`` is not a known name.
    TypeError
        If ``lattice`` is not a string.

    References
    ----------
    Geometric identity. A 40 µm microbump pitch is quoted as the most advanced microbumps by
    Semiconductor Engineering (secondary source).

    Examples
    --------
    >>> round(bump_density(40e-6) / 1e6, 6)
    625.0
    >>> round(bump_density(40e-6, "hexagonal") / 1e6, 1)
    721.7
    """
    if not isinstance(lattice, str):
        raise TypeError(f"lattice must be a string, one of {sorted(_LATTICE_FACTOR)}, got {lattice!r}")
    if lattice not in _LATTICE_FACTOR:
        raise ValueError(f"lattice must be one of {sorted(_LATTICE_FACTOR)}, got {lattice!r}")
    p = check_positive(pitch, "pitch")
    return as_result(_LATTICE_FACTOR[lattice] / p**2)


def shoreline_bandwidth(wires_per_metre, bit_rate_per_wire):
    r"""Bandwidth per metre of die edge ("shoreline") carried by parallel wires.

    .. math:: B_\ell = n_\ell \, r

    Parameters
    ----------
    wires_per_metre : float or array_like
        Signal wires per metre of edge, all layers together (see :func:`wiring_density`), >= 0.
    bit_rate_per_wire : float or array_like
        Data rate of one wire in bit/s, > 0.

    Returns
    -------
    float or ndarray
        bit/s per metre of edge (divide by 10¹² × 10³ for Tb/s per mm).

    Raises
    ------
    ValueError
        If ``wires_per_metre`` is negative or ``bit_rate_per_wire`` not positive (or NaN/inf).

    References
    ----------
    Definition. A die-to-die link's "shoreline bandwidth density" is the standard figure of merit
    for chiplet interfaces.

    Examples
    --------
    250 wires/mm on 2 layers at 8 Gb/s each carry 4 Tb/s per mm of edge:

    >>> shoreline_bandwidth(wiring_density(2e-6, 2e-6, layers=2), 8e9) / 1e15
    4.0
    """
    n = check_finite(wires_per_metre, "wires_per_metre")
    if np.any(n < 0):
        raise ValueError(f"wires_per_metre must be >= 0, got min {n.min():g}")
    r = check_positive(bit_rate_per_wire, "bit_rate_per_wire")
    return as_result(n * r)


def areal_bandwidth(bumps_per_square_metre, bit_rate_per_bump, signal_fraction=1.0):
    r"""Bandwidth per square metre of an area-array link (bumps or hybrid-bond pads).

    .. math:: B_A = f_\text{sig}\, n_A\, r

    Parameters
    ----------
    bumps_per_square_metre : float or array_like
        Bump density n_A in 1/m² (see :func:`bump_density`), >= 0.
    bit_rate_per_bump : float or array_like
        Data rate of one signal bump in bit/s, > 0.
    signal_fraction : float or array_like, optional
        Fraction of bumps that carry signals (the rest are power and ground), in (0, 1].

    Returns
    -------
    float or ndarray
        bit/s per m² (divide by 10¹² × 10⁶ for Tb/s per mm²).

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Definition (areal bandwidth density of a 3-D or face-to-face link).

    Examples
    --------
    A 9 µm hybrid-bond pitch, half the pads signals, 2 Gb/s each:

    >>> round(areal_bandwidth(bump_density(9e-6), 2e9, 0.5) / 1e18, 2)
    12.35
    """
    n = check_finite(bumps_per_square_metre, "bumps_per_square_metre")
    if np.any(n < 0):
        raise ValueError(f"bumps_per_square_metre must be >= 0, got min {n.min():g}")
    r = check_positive(bit_rate_per_bump, "bit_rate_per_bump")
    f = check_positive(signal_fraction, "signal_fraction")
    if np.any(f > 1):
        raise ValueError(f"signal_fraction must lie in (0, 1], got max {f.max():g}")
    return as_result(f * n * r)


def max_wire_pitch(bandwidth_per_metre, bit_rate_per_wire, layers=1):
    r"""Largest wiring pitch (line + space) that still carries a shoreline bandwidth target.

    .. math:: p_\text{max} = \frac{N_\text{layers}\, r}{B_\ell}

    the inverse of :func:`shoreline_bandwidth` applied to :func:`wiring_density`. A technology
    whose finest pitch exceeds :math:`p_\text{max}` cannot reach the target on that many layers.

    Parameters
    ----------
    bandwidth_per_metre : float or array_like
        Target bandwidth per metre of edge in bit/s/m, > 0.
    bit_rate_per_wire : float or array_like
        Data rate of one wire in bit/s, > 0.
    layers : int, optional
        Routing layers, >= 1.

    Returns
    -------
    float or ndarray
        Pitch in metres.

    Raises
    ------
    ValueError
        If a rate is not positive and finite, or ``layers`` < 1.

    References
    ----------
    Inverse of the geometric identity in :func:`wiring_density`.

    Examples
    --------
    1 Tb/s per mm at 4 Gb/s per wire on one layer needs a pitch of 4 µm or less:

    >>> round(max_wire_pitch(1e15, 4e9) * 1e6, 9)
    4.0
    """
    b = check_positive(bandwidth_per_metre, "bandwidth_per_metre")
    r = check_positive(bit_rate_per_wire, "bit_rate_per_wire")
    n_layers = check_integer(layers, "layers", minimum=1)
    return as_result(n_layers * r / b)


def pitch_for_density_gain(pitch, gain, dimensions=2):
    r"""Pitch that multiplies an interconnect density by ``gain``.

    .. math:: p' = \frac{p}{g^{1/d}}

    Linear (wire) density scales as :math:`p^{-1}` (:math:`d = 1`); area-array (bump, via)
    density as :math:`p^{-2}` (:math:`d = 2`). "10× density" is a 10× finer wire pitch but only
    a :math:`\sqrt{10} \approx 3.16\times` finer bump pitch.

    Parameters
    ----------
    pitch : float or array_like
        Starting pitch in metres, > 0.
    gain : float or array_like
        Density ratio g, > 0 (g > 1 is denser).
    dimensions : {1, 2}
        1 for wires per unit length, 2 for bumps or vias per unit area.

    Returns
    -------
    float or ndarray
        New pitch in metres.

    Raises
    ------
    ValueError
        If ``pitch`` or ``gain`` is not positive and finite, or ``dimensions`` is not 1 or 2.

    References
    ----------
    Follows from :func:`wiring_density` and :func:`bump_density`.

    Examples
    --------
    >>> round(pitch_for_density_gain(130e-6, 10, dimensions=2) * 1e6, 2)
    41.11
    >>> round(pitch_for_density_gain(10e-6, 10, dimensions=1) * 1e6, 6)
    1.0
    """
    p = check_positive(pitch, "pitch")
    g = check_positive(gain, "gain")
    d = check_integer(dimensions, "dimensions", minimum=1)
    if d not in (1, 2):
        raise ValueError(f"dimensions must be 1 (wires) or 2 (area arrays), got {d}")
    return as_result(p / g ** (1.0 / d))


def mismatch_strain(cte_a, cte_b, delta_t):
    r"""Free thermal-mismatch strain between two bonded materials.

    .. math:: \varepsilon = (\alpha_a - \alpha_b)\,\Delta T

    the strain that the bond must absorb (as stress, bending, or both) when the pair changes
    temperature by :math:`\Delta T`. Positive: material a would grow more than b.

    Parameters
    ----------
    cte_a, cte_b : float or array_like
        Linear thermal-expansion coefficients in 1/K (ppm/K × 10⁻⁶); any finite value
        (a few materials expand negatively).
    delta_t : float or array_like
        Temperature change in K (negative for cooling).

    Returns
    -------
    float or ndarray
        Dimensionless strain.

    Raises
    ------
    ValueError
        If an argument is NaN or infinite.

    References
    ----------
    S. Timoshenko, "Analysis of bi-metal thermostats", J. Opt. Soc. Am. 11, 233-255 (1925).

    Examples
    --------
    Organic substrate (13 ppm/K) against silicon (2.6 ppm/K), cooled by 100 K:

    >>> round(mismatch_strain(13e-6, 2.6e-6, -100.0), 9)
    -0.00104
    """
    a = check_finite(cte_a, "cte_a")
    b = check_finite(cte_b, "cte_b")
    dt = check_finite(delta_t, "delta_t")
    return as_result((a - b) * dt)


def biaxial_modulus(modulus, poisson_ratio):
    r"""Biaxial modulus of a plate under equal in-plane stress in both directions.

    .. math:: \bar E = \frac{E}{1 - \nu}

    A square package expands in both directions at once, so a plate model uses :math:`\bar E`
    wherever the strip model uses :math:`E`.

    Parameters
    ----------
    modulus : float or array_like
        Young's modulus E in Pa, > 0.
    poisson_ratio : float or array_like
        Poisson's ratio ν in (-1, 0.5).

    Returns
    -------
    float or ndarray
        Biaxial modulus in Pa.

    Raises
    ------
    ValueError
        If ``modulus`` is not positive or ``poisson_ratio`` is outside (-1, 0.5).

    References
    ----------
    Standard plate theory; e.g. S. Timoshenko and S. Woinowsky-Krieger, *Theory of Plates and
    Shells*, 2nd ed. (McGraw-Hill, 1959), ch. 1.

    Examples
    --------
    >>> round(biaxial_modulus(130e9, 0.28) / 1e9, 2)
    180.56
    """
    e = check_positive(modulus, "modulus")
    nu = check_finite(poisson_ratio, "poisson_ratio")
    if np.any(nu <= -1) or np.any(nu >= 0.5):
        raise ValueError(f"poisson_ratio must lie in (-1, 0.5), got {nu.min():g} .. {nu.max():g}")
    return as_result(e / (1 - nu))


def bilayer_curvature(cte_1, cte_2, delta_t, thickness_1, thickness_2, modulus_1, modulus_2):
    r"""Curvature of a two-layer strip of equal widths heated uniformly by :math:`\Delta T`.

    Timoshenko's bimetal formula (1925), with :math:`m = t_1/t_2`, :math:`n = E_1/E_2`,
    :math:`h = t_1 + t_2`:

    .. math:: \kappa = \frac{6(\alpha_2-\alpha_1)\,\Delta T\,(1+m)^2}
              {h\left[3(1+m)^2 + (1+mn)\left(m^2 + \dfrac{1}{mn}\right)\right]}

    It follows from two conditions (derived with sympy in the chapter's notebook): the axial
    forces in the layers cancel and their couple balances the bending moments, and the strains
    of the two layers match at the bonded interface.

    Sign convention: :math:`\kappa > 0` when the strip bends with layer 1 on the concave side,
    which happens on heating if layer 2 expands more. Cooling a package (:math:`\Delta T < 0`)
    with a high-expansion substrate as layer 2 under silicon as layer 1 gives :math:`\kappa < 0`:
    the substrate shrinks more and the package "smiles" toward it.

    Parameters
    ----------
    cte_1, cte_2 : float or array_like
        Thermal-expansion coefficients of layers 1 and 2 in 1/K (finite).
    delta_t : float or array_like
        Uniform temperature change in K from the stress-free state (finite).
    thickness_1, thickness_2 : float or array_like
        Layer thicknesses in m, > 0.
    modulus_1, modulus_2 : float or array_like
        Young's moduli in Pa, > 0 (use :func:`biaxial_modulus` for a square plate).

    Returns
    -------
    float or ndarray
        Curvature κ = 1/ρ in 1/m (signed).

    Raises
    ------
    ValueError
        If a thickness or modulus is not positive, or any argument is NaN or infinite.

    References
    ----------
    S. Timoshenko, "Analysis of bi-metal thermostats", J. Opt. Soc. Am. 11, 233-255 (1925).
    Equal layers reproduce the cantilever tip deflection :math:`3L^2\Delta\alpha\Delta T/(4h)`
    of the Hyfeast verification example E.15 (L = 3 m, h = 0.3 m, Δα = 5 ppm/K, ΔT = 50 K:
    5.625 mm).

    Examples
    --------
    Two identical-stiffness layers of 1 mm each: :math:`\kappa = 3\Delta\alpha\Delta T/(2h)`:

    >>> round(bilayer_curvature(2e-6, 12e-6, 100.0, 1e-3, 1e-3, 70e9, 70e9), 9)
    0.75
    """
    a1 = check_finite(cte_1, "cte_1")
    a2 = check_finite(cte_2, "cte_2")
    dt = check_finite(delta_t, "delta_t")
    t1 = check_positive(thickness_1, "thickness_1")
    t2 = check_positive(thickness_2, "thickness_2")
    e1 = check_positive(modulus_1, "modulus_1")
    e2 = check_positive(modulus_2, "modulus_2")
    m = t1 / t2
    n = e1 / e2
    h = t1 + t2
    denominator = h * (3 * (1 + m) ** 2 + (1 + m * n) * (m**2 + 1 / (m * n)))
    return as_result(6 * (a2 - a1) * dt * (1 + m) ** 2 / denominator)


def warpage(curvature, side, measure="diagonal"):
    r"""Out-of-plane bow (sagitta) of a square package of side L bent to curvature κ.

    A shallow spherical bow of curvature κ rises :math:`\kappa c^2/8` over a chord c. The
    package's largest bow, corner to centre, uses the diagonal chord :math:`c = \sqrt2 L`:

    .. math:: w_\text{diag} = \frac{\kappa (\sqrt{2}L)^2}{8} = \frac{\kappa L^2}{4},\qquad
              w_\text{edge} = \frac{\kappa L^2}{8}

    Either way warpage grows as :math:`L^2`.

    This is the small-deflection (linear) plate result: it holds while the bow is small against
    the *thickness* :math:`h` of the stack, not merely against :math:`L`.  Once the deflection
    reaches about half the thickness, stretching of the mid-plane stiffens the plate, the linear
    result overestimates the bow by more than 10 %, and a square plate eventually snaps to a
    cylindrical shape (Masters and Salamon; Freund et al.).  Check with
    :func:`warpage_in_linear_range`.

    Parameters
    ----------
    curvature : float or array_like
        Curvature κ in 1/m (signed, finite; see :func:`bilayer_curvature`).
    side : float or array_like
        Package side L in metres, > 0.
    measure : {"diagonal", "edge"}
        Chord along the diagonal (default; corner-to-centre height, what a flatness gauge sees
        at the corners) or along an edge.

    Returns
    -------
    float or ndarray
        Sagitta in metres, with the sign of κ.

    Raises
    ------
    ValueError
        If ``side`` is not positive, ``curvature`` is not finite, or ``measure`` is unknown.

    References
    ----------
    Sagitta of a circular arc, :math:`s = \rho - \sqrt{\rho^2 - c^2/4} \approx c^2/(8\rho)`.
    Limits of the linear theory: C. B. Masters and N. J. Salamon, Int. J. Eng. Sci. 31, 915-925
    (1993); L. B. Freund, J. A. Floro and E. Chason, Appl. Phys. Lett. 74, 1987-1989 (1999).

    Examples
    --------
    >>> round(warpage(0.1, 0.1) * 1e6, 6), round(warpage(0.1, 0.1, "edge") * 1e6, 6)
    (250.0, 125.0)
    """
    if not isinstance(measure, str) or measure not in _SAGITTA_CHORD:
        raise ValueError(f"measure must be one of {sorted(_SAGITTA_CHORD)}, got {measure!r}")
    k = check_finite(curvature, "curvature")
    length = check_positive(side, "side")
    chord = _SAGITTA_CHORD[measure] * length
    return as_result(k * chord**2 / 8)


def warpage_in_linear_range(warpage, thickness, max_ratio=0.5):
    r"""Whether a warpage computed by linear plate theory is inside that theory's range.

    .. math:: |w| \le r_\text{max}\, h

    Bilayer and Stoney curvatures assume deflections small against the plate thickness :math:`h`.
    For a film on a substrate, the linear result errs by more than 10 % once the deflection exceeds
    about half the substrate thickness (Masters and Salamon), hence the default
    :math:`r_\text{max} = 0.5`; beyond it the real bow is *smaller* than the linear estimate.

    Parameters
    ----------
    warpage : float or array_like
        Bow from :func:`warpage` in metres (either sign; finite).
    thickness : float or array_like
        Total thickness :math:`h` of the bending stack in metres, > 0.
    max_ratio : float, optional
        Largest :math:`|w|/h` accepted as linear, > 0 (default 0.5).

    Returns
    -------
    bool or ndarray of bool
        True where :math:`|w| \le r_\text{max} h`.

    Raises
    ------
    ValueError
        If ``warpage`` is not finite or ``thickness`` or ``max_ratio`` is not finite and > 0.

    References
    ----------
    C. B. Masters and N. J. Salamon, "Practical application of a geometrically nonlinear
    stress-curvature relation", MRS Proceedings (abstract: over 10 % error once deflections exceed
    about half the substrate thickness); Int. J. Eng. Sci. 31, 915-925 (1993).  L. B. Freund,
    J. A. Floro and E. Chason, Appl. Phys. Lett. 74, 1987 (1999).

    Examples
    --------
    The chapter's organic package at 100 mm bows 1978 µm on a 1.8 mm stack: outside the range.

    >>> warpage_in_linear_range(1978e-6, 1.8e-3), warpage_in_linear_range(83e-6, 1.8e-3)
    (False, True)
    """
    w = check_finite(warpage, "warpage")
    h = check_positive(thickness, "thickness")
    r = check_positive(max_ratio, "max_ratio")
    inside = np.abs(w) <= r * h
    return bool(inside) if inside.ndim == 0 else inside


class Laminate(NamedTuple):
    """Effective in-plane properties of a stack of bonded layers (SI units)."""

    cte: float
    """In-plane expansion coefficient of the free stack, 1/K."""
    modulus: float
    """Thickness-averaged (membrane) modulus, Pa."""
    thickness: float
    """Total thickness, m."""


def laminate_properties(ctes, moduli, thicknesses):
    r"""Effective expansion, stiffness and thickness of a stack of layers bonded in parallel.

    .. math:: \alpha_\text{eff} = \frac{\sum_i E_i t_i \alpha_i}{\sum_i E_i t_i}, \qquad
              E_\text{eff} = \frac{\sum_i E_i t_i}{\sum_i t_i}, \qquad h = \sum_i t_i

    A free stack heated by :math:`\Delta T` takes one in-plane strain; force balance
    :math:`\sum_i E_i t_i(\varepsilon - \alpha_i\Delta T) = 0` gives the stiffness-weighted rule of
    mixtures above (Turner's rule).  For a stack that is symmetric about its mid-plane (a core with the
    same build-up on both sides) the layers exert no net moment, so the stack expands without bending
    and behaves in a bilayer model as one layer with :math:`\alpha_\text{eff}`, :math:`E_\text{eff}`
    and :math:`h`.  The membrane-averaged :math:`E_\text{eff}` understates the bending stiffness when
    the outer layers are the stiffer ones and overstates it when they are softer; use biaxial moduli
    (:func:`biaxial_modulus`) for a plate.

    Parameters
    ----------
    ctes : array_like
        Expansion coefficients :math:`\alpha_i` of the layers, 1/K, finite; 1-D.
    moduli : array_like
        Moduli :math:`E_i` in Pa, > 0; same length.
    thicknesses : array_like
        Thicknesses :math:`t_i` in m, > 0; same length.

    Returns
    -------
    Laminate
        Named tuple ``(cte, modulus, thickness)``.

    Raises
    ------
    ValueError
        If an array is not 1-D and non-empty, the lengths differ, or a value is out of range.

    References
    ----------
    P. S. Turner, "Thermal-expansion stresses in reinforced plastics", J. Res. Natl. Bur. Stand. 37,
    239-250 (1946); the symmetric-laminate argument is that of classical lamination theory.

    Examples
    --------
    1 mm of glass (3 ppm/K) between two 100 µm build-up layers of 75 % dielectric (30 ppm/K) and
    25 % copper (17 ppm/K), biaxial moduli:

    >>> glass, diel, cu = biaxial_modulus(75e9, 0.22), biaxial_modulus(8e9, 0.35), biaxial_modulus(120e9, 0.34)
    >>> stack = laminate_properties([3e-6, 30e-6, 17e-6], [glass, diel, cu], [1e-3, 150e-6, 50e-6])
    >>> round(stack.cte * 1e6, 2), round(stack.thickness * 1e3, 2)
    (4.65, 1.2)
    """
    a = check_finite(ctes, "ctes")
    e = check_positive(moduli, "moduli")
    t = check_positive(thicknesses, "thicknesses")
    for name, array in (("ctes", a), ("moduli", e), ("thicknesses", t)):
        if array.ndim != 1 or array.size == 0:
            raise ValueError(f"{name} must be a non-empty 1-D array, got shape {array.shape}")
    check_same_length(ctes=a, moduli=e, thicknesses=t)
    et = e * t
    return Laminate(float((et * a).sum() / et.sum()), float(et.sum() / t.sum()), float(t.sum()))


def core_with_buildup(core_cte, core_modulus, core_thickness, buildup_per_side, copper_fraction=0.25):
    r"""A package core with the same build-up (dielectric and copper) on both sides, as one layer.

    The three-layer stack build-up / core / build-up is symmetric, so it expands without bending
    and :func:`laminate_properties` gives its effective expansion, modulus and thickness.  The
    build-up is ``buildup_per_side`` thick on each side, a fraction ``copper_fraction`` of it copper
    and the rest dielectric, with the properties in :data:`MATERIALS` (``"buildup_dielectric"``,
    ``"copper"``; biaxial moduli).  Zero build-up returns the bare core.

    Parameters
    ----------
    core_cte : float
        Expansion coefficient of the core, 1/K (finite).
    core_modulus : float
        Biaxial modulus of the core, Pa, > 0.
    core_thickness : float
        Core thickness, m, > 0.
    buildup_per_side : float
        Build-up thickness on each side, m, >= 0.
    copper_fraction : float, optional
        Volume fraction of copper in the build-up, in [0, 1] (default 0.25, an assumption).

    Returns
    -------
    Laminate
        ``(cte, modulus, thickness)`` of the whole stack.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    As :func:`laminate_properties`.

    Examples
    --------
    A 1 mm glass core at 3 ppm/K with 100 µm of build-up per side behaves like 1.2 mm at 4.65 ppm/K:

    >>> glass = MATERIALS["glass"]
    >>> stack = core_with_buildup(3e-6, glass.biaxial, 1e-3, 100e-6)
    >>> round(stack.cte * 1e6, 2), round(stack.thickness * 1e3, 2)
    (4.65, 1.2)
    """
    a = float(check_finite(core_cte, "core_cte"))
    e = float(check_positive(core_modulus, "core_modulus"))
    t = float(check_positive(core_thickness, "core_thickness"))
    b = check_finite(buildup_per_side, "buildup_per_side")
    if b.ndim != 0 or b < 0:
        raise ValueError(f"buildup_per_side must be a scalar >= 0, got {b}")
    f = check_finite(copper_fraction, "copper_fraction")
    if f.ndim != 0 or not 0.0 <= f <= 1.0:
        raise ValueError(f"copper_fraction must be a scalar in [0, 1], got {f}")
    b, f = float(b), float(f)
    if b == 0.0:
        return Laminate(a, e, t)
    diel, cu = MATERIALS["buildup_dielectric"], MATERIALS["copper"]
    layers = [(a, e, t)]
    if f < 1.0:
        layers.append((diel.cte.value, diel.biaxial, 2 * b * (1 - f)))
    if f > 0.0:
        layers.append((cu.cte.value, cu.biaxial, 2 * b * f))
    ctes, moduli, thicknesses = zip(*layers)
    return laminate_properties(ctes, moduli, thicknesses)


def max_package_side(curvature, warpage_limit, measure="diagonal"):
    r"""Largest square package whose warpage stays within ``warpage_limit``.

    .. math:: L_\text{max} = \frac{1}{c}\sqrt{\frac{8\,w_\text{max}}{|\kappa|}},
              \qquad c = \sqrt2 \ \text{(diagonal)}\ \text{or}\ 1\ \text{(edge)}

    the inverse of :func:`warpage`. At zero curvature the answer is infinite.

    Parameters
    ----------
    curvature : float or array_like
        Curvature κ in 1/m (finite).
    warpage_limit : float or array_like
        Allowed sagitta in metres, > 0.
    measure : {"diagonal", "edge"}
        As in :func:`warpage`.

    Returns
    -------
    float or ndarray
        Side in metres (``inf`` where κ = 0).

    Raises
    ------
    ValueError
        If ``warpage_limit`` is not positive, ``curvature`` not finite, or ``measure`` unknown.

    References
    ----------
    Inverse of :func:`warpage`.

    Examples
    --------
    >>> round(max_package_side(0.1, 250e-6), 9)
    0.1
    """
    if not isinstance(measure, str) or measure not in _SAGITTA_CHORD:
        raise ValueError(f"measure must be one of {sorted(_SAGITTA_CHORD)}, got {measure!r}")
    k = np.abs(check_finite(curvature, "curvature"))
    w = check_positive(warpage_limit, "warpage_limit")
    with np.errstate(divide="ignore"):
        side = np.sqrt(8 * w / k) / _SAGITTA_CHORD[measure]
    return as_result(side)


def dies_per_package(package_side, die_width, die_height, spacing=0.0):
    r"""How many rectangular dies fit on a square package in a regular grid.

    .. math:: N = \left\lfloor\frac{L + g}{a + g}\right\rfloor
                  \left\lfloor\frac{L + g}{b + g}\right\rfloor

    for dies of a × b with gaps g between neighbours (no gap needed at the package edge). On a
    square package both orientations give the same count. A grid ignores the room that power delivery,
    stiffeners and escape routing take, so this is an upper bound.

    Parameters
    ----------
    package_side : float or array_like
        Side L of the square package in metres, > 0.
    die_width, die_height : float
        Die dimensions a and b in metres, > 0.
    spacing : float, optional
        Gap g between neighbouring dies in metres, >= 0.

    Returns
    -------
    int or ndarray of int
        Number of dies.

    Raises
    ------
    ValueError
        If a dimension is not positive (spacing negative) or not finite.

    References
    ----------
    Counting argument.

    Examples
    --------
    Reticle-sized dies (26 mm × 33 mm) on a 240 mm square package:

    >>> dies_per_package(0.240, 26e-3, 33e-3)
    63
    """
    side = check_positive(package_side, "package_side")
    a = check_positive(die_width, "die_width")
    b = check_positive(die_height, "die_height")
    g = check_finite(spacing, "spacing")
    if np.any(g < 0):
        raise ValueError(f"spacing must be >= 0, got min {g.min():g}")
    eps = 1e-9  # a die that fits exactly must count despite rounding
    along = lambda size: np.floor((side + g) / (size + g) + eps)  # noqa: E731
    count = (along(a) * along(b)).astype(np.int64)
    return int(count) if count.ndim == 0 else count


def silicon_area_for_transistors(n_transistors, density):
    r"""Silicon area needed for ``n_transistors`` at an areal ``density``.

    .. math:: A = \frac{N}{\rho_T}

    Parameters
    ----------
    n_transistors : float or array_like
        Number of transistors, > 0.
    density : float or array_like
        Transistors per m², > 0 (e.g. :data:`H100_TRANSISTOR_DENSITY`).

    Returns
    -------
    float or ndarray
        Area in m² (multiply by 10⁶ for mm²).

    Raises
    ------
    ValueError
        If an argument is not positive and finite.

    References
    ----------
    Definition. H100: 80 billion transistors on 814 mm² (NVIDIA, via press coverage).

    Examples
    --------
    One trillion transistors at the H100's density need about 10,175 mm²:

    >>> round(silicon_area_for_transistors(1e12, 80e9 / 814e-6) * 1e6)
    10175
    """
    n = check_positive(n_transistors, "n_transistors")
    rho = check_positive(density, "density")
    return as_result(n / rho)


# ----------------------------------------------------------------------------------------------
# Electrical: resistance, capacitance, RC delay and energy per bit of a package wire
# ----------------------------------------------------------------------------------------------
def wire_resistance_per_length(width, thickness, resistivity):
    r"""Resistance per unit length of a rectangular wire (DC, no skin effect).

    .. math:: r = \frac{\rho}{w\,t}

    Parameters
    ----------
    width, thickness : float or array_like
        Cross-section :math:`w \times t` in metres, > 0.
    resistivity : float or array_like
        :math:`\rho` in ohm-metres, > 0 (bulk copper 1.7e-8; thin lines with barriers are higher).

    Returns
    -------
    float or ndarray
        :math:`r` in ohms per metre.

    Raises
    ------
    ValueError
        If an argument is not positive and finite.

    References
    ----------
    Definition of resistivity; H. B. Bakoglu, *Circuits, Interconnections, and Packaging for VLSI*
    (Addison-Wesley, 1990), ch. 5.

    Examples
    --------
    A 1 µm × 1 µm copper line: 17 ohms per millimetre.

    >>> round(wire_resistance_per_length(1e-6, 1e-6, 1.7e-8) * 1e-3, 1)
    17.0
    """
    w = check_positive(width, "width")
    t = check_positive(thickness, "thickness")
    rho = check_positive(resistivity, "resistivity")
    return as_result(rho / (w * t))


def wire_capacitance_per_length(width, thickness, spacing, relative_permittivity, dielectric_thickness=None):
    r"""Capacitance per unit length of a wire between two neighbours, over a ground plane.

    Model: the Sakurai–Tamaru fit for a line over a ground plane (area plus fringe) plus two
    parallel plates to the neighbouring lines, taken as quiet (grounded):

    .. math:: c = \varepsilon_0\varepsilon_r\left[1.15\,\frac{w}{h} + 2.80\left(\frac{t}{h}\right)^{0.222}
              + 2\,\frac{t}{s}\right]

    with :math:`h` the dielectric thickness to the ground plane (by default equal to the spacing
    :math:`s`).  Neighbours switching in the opposite direction double their share (Miller effect);
    neighbours switching with the line remove it.

    Parameters
    ----------
    width, thickness : float or array_like
        Line width :math:`w` and thickness :math:`t` in metres, > 0.
    spacing : float or array_like
        Gap :math:`s` to each neighbour in metres, > 0.
    relative_permittivity : float or array_like
        :math:`\varepsilon_r \ge 1` of the dielectric (SiO₂ 3.9, build-up film about 3.1, glass
        4.5–6.5).
    dielectric_thickness : float or array_like, optional
        :math:`h` in metres, > 0; default ``spacing``.

    Returns
    -------
    float or ndarray
        :math:`c` in farads per metre.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    T. Sakurai and K. Tamaru, IEEE Trans. Electron Devices 30, 183 (1983) (line over a plane; not
    read, cited via Bakoglu 1990, ch. 5); parallel-plate coupling to the neighbours.

    Examples
    --------
    A 1 µm line at 1 µm spacing in oxide: about 0.2 pF per millimetre.

    >>> round(wire_capacitance_per_length(1e-6, 1e-6, 1e-6, 3.9) * 1e9, 3)
    0.205
    """
    w = check_positive(width, "width")
    t = check_positive(thickness, "thickness")
    s = check_positive(spacing, "spacing")
    eps_r = check_finite(relative_permittivity, "relative_permittivity")
    if np.any(eps_r < 1):
        raise ValueError(f"relative_permittivity must be >= 1, got min {eps_r.min():g}")
    h = s if dielectric_thickness is None else check_positive(dielectric_thickness, "dielectric_thickness")
    epsilon = constants.epsilon_0 * eps_r
    return as_result(epsilon * (1.15 * w / h + 2.80 * (t / h) ** 0.222 + 2 * t / s))


def wire_rc_delay(length, width, thickness, spacing, resistivity, relative_permittivity, dielectric_thickness=None):
    r"""50 % delay of a distributed RC line driven by an ideal step (no driver or load).

    .. math:: t_{50} = 0.38\, r\, c\, L^2

    with :math:`r` from :func:`wire_resistance_per_length` and :math:`c` from
    :func:`wire_capacitance_per_length`.  It grows as the square of the length: halving a wire
    quarters its delay.  The RC picture holds while :math:`t_{50}` exceeds the time of flight
    :math:`L\sqrt{\varepsilon_r}/c_0`; on wide, thick package lines it does not, and the line behaves
    as a transmission line (delay :math:`\propto L`).

    Parameters
    ----------
    length : float or array_like
        Wire length :math:`L` in metres, > 0.
    width, thickness, spacing, resistivity, relative_permittivity, dielectric_thickness
        As in :func:`wire_resistance_per_length` and :func:`wire_capacitance_per_length`.

    Returns
    -------
    float or ndarray
        Delay in seconds.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Bakoglu (1990), ch. 5 (distributed RC line, :math:`0.38RC`; :math:`0.69RC` for a lumped one).

    Examples
    --------
    >>> round(wire_rc_delay(2e-3, 1e-6, 1e-6, 1e-6, 1.7e-8, 3.9) * 1e12, 2)
    5.31
    """
    L = check_positive(length, "length")
    r = wire_resistance_per_length(width, thickness, resistivity)
    c = wire_capacitance_per_length(width, thickness, spacing, relative_permittivity, dielectric_thickness)
    return as_result(0.38 * np.asarray(r) * np.asarray(c) * L**2)


def wire_energy_per_bit(capacitance, voltage, activity=0.5):
    r"""Energy to drive a wire per transmitted bit.

    .. math:: E_\mathrm{bit} = \alpha\,\tfrac12 C V^2

    Each transition of a line of capacitance :math:`C` through a swing :math:`V` dissipates
    :math:`\tfrac12 CV^2` (in the driver's resistance, on the way up or down); :math:`\alpha` is the
    fraction of bits that are transitions (0.5 for random data).

    Parameters
    ----------
    capacitance : float or array_like
        Total line capacitance :math:`C = cL` in farads, >= 0.
    voltage : float or array_like
        Signal swing :math:`V` in volts, >= 0.
    activity : float or array_like, optional
        :math:`\alpha` in [0, 1]; default 0.5.

    Returns
    -------
    float or ndarray
        Joules per bit.

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Bakoglu (1990); any CMOS text (dynamic power :math:`\alpha C V^2 f` per clock with
    :math:`\alpha` counting 0→1 transitions, the same energy written per bit).

    Examples
    --------
    0.41 pF (2 mm of 0.205 pF/mm) at 0.5 V, random data:

    >>> round(wire_energy_per_bit(0.41e-12, 0.5) * 1e15, 1)
    25.6
    """
    c = check_finite(capacitance, "capacitance")
    if np.any(c < 0):
        raise ValueError(f"capacitance must be >= 0, got min {c.min():g}")
    v = check_finite(voltage, "voltage")
    if np.any(v < 0):
        raise ValueError(f"voltage must be >= 0, got min {v.min():g}")
    a = check_finite(activity, "activity")
    if np.any((a < 0) | (a > 1)):
        raise ValueError(f"activity must lie in [0, 1], got {a.min():g} .. {a.max():g}")
    return as_result(a * 0.5 * c * v**2)


# ----------------------------------------------------------------------------------------------
# Board-level reliability: solder-joint strain and thermal-fatigue life
# ----------------------------------------------------------------------------------------------
def solder_joint_shear_strain(dnp, cte_mismatch, delta_t, joint_height):
    r"""Cyclic shear strain of the outermost solder joint between a package and its board.

    .. math:: \Delta\gamma = \frac{L_D\,\Delta\alpha\,\Delta T}{h}

    A package and a board that expand differently by :math:`\Delta\alpha\,\Delta T` move apart by
    that strain times the distance :math:`L_D` from the neutral point (the package centre); a joint of
    height :math:`h` takes the displacement as shear.  It assumes rigid package and board (no bending)
    and no underfill, so it is an upper estimate; the corner joints, at the largest :math:`L_D`, fail
    first.

    Parameters
    ----------
    dnp : float or array_like
        Distance to the neutral point :math:`L_D` in metres, >= 0 (half the diagonal for a corner
        joint of a square array).
    cte_mismatch : float or array_like
        :math:`\Delta\alpha` between package and board in 1/K (its magnitude is used).
    delta_t : float or array_like
        Temperature swing of the cycle :math:`\Delta T` in kelvin (its magnitude is used).
    joint_height : float or array_like
        Solder joint height (stand-off) :math:`h` in metres, > 0.

    Returns
    -------
    float or ndarray
        :math:`\Delta\gamma` (dimensionless, engineering shear strain).

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    W. Engelmaier, "Fatigue life of leadless chip carrier solder joints during power cycling",
    IEEE Trans. CHMT 6, 232 (1983) (not read); IPC-SM-785 (1992) (not read); the book's reference
    sheet (section 6).

    Examples
    --------
    A corner joint 35 mm from the centre, 12 ppm/K mismatch, 100 K swing, 0.4 mm joints:

    >>> round(solder_joint_shear_strain(35e-3, 12e-6, 100.0, 0.4e-3), 4)
    0.105
    """
    L = check_finite(dnp, "dnp")
    if np.any(L < 0):
        raise ValueError(f"dnp must be >= 0, got min {L.min():g}")
    d_alpha = np.abs(check_finite(cte_mismatch, "cte_mismatch"))
    d_t = np.abs(check_finite(delta_t, "delta_t"))
    h = check_positive(joint_height, "joint_height")
    return as_result(L * d_alpha * d_t / h)


def engelmaier_fatigue_exponent(mean_temperature, cycles_per_day=1.0):
    r"""Fatigue-ductility exponent :math:`c` of eutectic tin-lead solder in Engelmaier's model.

    .. math:: c = -0.442 - 6\times10^{-4}\,\bar T_{sj} + 1.74\times10^{-2}\,\ln(1 + f)

    with :math:`\bar T_{sj}` the mean cyclic solder-joint temperature in °C and :math:`f` the number
    of cycles per day (1 to 1000).  Hotter joints and slower cycles (more creep per cycle) make
    :math:`c` more negative, and the life for a given strain shorter.

    Parameters
    ----------
    mean_temperature : float or array_like
        :math:`\bar T_{sj}` in degrees Celsius, in [-55, 150].
    cycles_per_day : float or array_like, optional
        :math:`f` in [1, 1000]; default 1.

    Returns
    -------
    float or ndarray
        :math:`c` (negative, about -0.4 to -0.55).

    Raises
    ------
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    Engelmaier (1983); IPC-SM-785 (1992) (neither read; the coefficients are those widely quoted from
    them).

    Examples
    --------
    >>> round(engelmaier_fatigue_exponent(25.0, 1.0), 4)
    -0.4449
    """
    t = check_in_range(mean_temperature, "mean_temperature", -55.0, 150.0)
    f = check_in_range(cycles_per_day, "cycles_per_day", 1.0, 1000.0)
    return as_result(-0.442 - 6e-4 * t + 1.74e-2 * np.log1p(f))


def solder_fatigue_life(shear_strain_range, mean_temperature=25.0, cycles_per_day=1.0, ductility=0.325):
    r"""Median number of thermal cycles to failure of a solder joint (Engelmaier / Coffin–Manson).

    .. math:: N_f = \frac12\left(\frac{\Delta\gamma}{2\varepsilon_f'}\right)^{1/c}

    with :math:`\varepsilon_f' = 0.325` the fatigue-ductility coefficient of eutectic tin-lead solder
    and :math:`c` from :func:`engelmaier_fatigue_exponent`.  With :math:`c \approx -0.44`, life falls
    as about the 2.3rd power of the strain: halving the strain multiplies the life by about 5.

    Parameters
    ----------
    shear_strain_range : float or array_like
        Cyclic shear strain :math:`\Delta\gamma` (from :func:`solder_joint_shear_strain`), > 0 and
        below :math:`2\varepsilon_f'`.
    mean_temperature : float or array_like, optional
        Mean joint temperature in °C; default 25.
    cycles_per_day : float or array_like, optional
        Cycles per day; default 1.
    ductility : float or array_like, optional
        :math:`\varepsilon_f'` > 0; default 0.325.

    Returns
    -------
    float or ndarray
        :math:`N_f` in cycles (median, 50 % of joints failed).

    Raises
    ------
    ValueError
        If an argument is out of range or not finite, or the strain reaches :math:`2\varepsilon_f'`.

    References
    ----------
    Engelmaier (1983); IPC-SM-785 (1992) (not read); L. F. Coffin (1954) and S. S. Manson (1953) for
    the power law.

    Examples
    --------
    >>> round(solder_fatigue_life(0.01))
    5936
    """
    gamma = check_positive(shear_strain_range, "shear_strain_range")
    eps_f = check_positive(ductility, "ductility")
    if np.any(gamma >= 2 * eps_f):
        raise ValueError("shear_strain_range must be below 2 * ductility (failure in the first cycle)")
    c = np.asarray(engelmaier_fatigue_exponent(mean_temperature, cycles_per_day))
    return as_result(0.5 * (gamma / (2 * eps_f)) ** (1 / c))


# ----------------------------------------------------------------------------------------------
# Sourced data
# ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SourcedValue:
    """A number with its unit, where it came from, and how well that was checked.

    ``value`` is in SI units (``None`` when no number applies or none was found); ``status`` is
    one of :data:`STATUSES`: READ-P (primary source read), READ-S (secondary source only),
    UNVERIFIED (no source found: an assumption), CONFLICTING (sources disagree).
    """

    value: float | None
    unit: str
    source: str
    status: str
    note: str = ""

    @property
    def status_words(self) -> str:
        """The verification status in plain words (:data:`STATUS_WORDS`), for readers."""
        return STATUS_WORDS[self.status]

    def __post_init__(self):
        if self.status not in STATUSES:
            raise ValueError(f"status must be one of {STATUSES}, got {self.status!r}")
        if self.value is not None and not (isinstance(self.value, (int, float)) and math.isfinite(self.value)):
            raise ValueError(f"value must be a finite number or None, got {self.value!r}")


@dataclass(frozen=True)
class Technology:
    """One way of wiring chiplets, with its finest features and its expansion coefficient.

    ``line_space`` is the line width (= space) of its finest routing layer; ``pitch`` the
    centre-to-centre pitch of its finest vertical connection (``pitch_kind`` says which:
    flip-chip bump, microbump, hybrid-bond pad); ``cte`` the expansion coefficient of the
    material that carries the wiring.
    """

    name: str
    line_space: SourcedValue
    pitch: SourcedValue
    pitch_kind: str
    cte: SourcedValue

    def wires_per_mm(self) -> float | None:
        """Wires per mm of edge per layer at the finest line/space, or ``None`` if not given."""
        if self.line_space.value is None:
            return None
        return wiring_density(self.line_space.value, self.line_space.value) / 1e3

    def bumps_per_mm2(self) -> float | None:
        """Square-array bumps per mm² at the finest pitch, or ``None`` if not given."""
        if self.pitch.value is None:
            return None
        return bump_density(self.pitch.value) / 1e6


_UM = 1e-6
_PPM = 1e-6
_SEMIENG = "Semiconductor Engineering (most advanced microbumps: 40 µm pitch)"
_CTE_VENDOR = "vendor materials page (Si ~2.6, BT 12-14, FR-4 16-18 ppm/K)"

#: The technology table of the chapter. Every value carries its source and status.
TECHNOLOGIES: tuple[Technology, ...] = (
    Technology(
        name="Organic build-up substrate",
        line_space=SourcedValue(10 * _UM, "m", "substrate vendor pages (10-15 µm conventional SAP)", "READ-S",
                                "low-authority vendor pages; 2 µm claimed for advanced lines"),
        pitch=SourcedValue(130 * _UM, "m", "IEEE Heterogeneous Integration Roadmap 2019, ch. 22 table excerpt",
                           "READ-S", "flip-chip array pitch, 150 → 130 µm"),
        pitch_kind="flip-chip bump",
        cte=SourcedValue(13 * _PPM, "1/K", _CTE_VENDOR, "READ-S", "BT laminate, middle of 12-14 ppm/K"),
    ),
    Technology(
        name="Silicon interposer",
        line_space=SourcedValue(0.5 * _UM, "m", "no source found (0.4-1 µm often quoted)", "UNVERIFIED"),
        pitch=SourcedValue(40 * _UM, "m", _SEMIENG, "READ-S", "microbumps"),
        pitch_kind="microbump",
        cte=SourcedValue(2.6 * _PPM, "1/K", _CTE_VENDOR, "READ-S", "silicon"),
    ),
    Technology(
        name="RDL interposer (CoWoS-R)",
        line_space=SourcedValue(2 * _UM, "m", "TSMC 3DFabric CoWoS page: minimum 4 µm pitch, 2 µm L/S", "READ-P"),
        pitch=SourcedValue(40 * _UM, "m", _SEMIENG, "READ-S", "microbumps"),
        pitch_kind="microbump",
        cte=SourcedValue(None, "1/K", "no value found for the polymer/copper stack", "UNVERIFIED"),
    ),
    Technology(
        name="Glass core substrate",
        line_space=SourcedValue(1.5 * _UM, "m", "Onto Innovation application note (L/S 1.5 µm and below)",
                                "READ-S", "vendor claim for glass-core build-up"),
        pitch=SourcedValue(40 * _UM, "m", "PatSnap summary (first-level bump pitch to 40 µm vs 100-150 µm organic)",
                           "READ-S", "first-level interconnect bump; TGV pitch itself not found"),
        pitch_kind="first-level bump",
        cte=SourcedValue(3.0 * _PPM, "1/K", "PatSnap summary (glass core CTE 3.0-7.5 ppm/K)", "READ-S",
                         "low end of the tunable range, closest to silicon"),
    ),
    Technology(
        name="Hybrid bonding (SoIC)",
        line_space=SourcedValue(None, "m", "not applicable: on-die wiring", "UNVERIFIED"),
        pitch=SourcedValue(9 * _UM, "m", "AnandTech (May 2024): 9 µm in 2024, 3 µm by 2027", "READ-S"),
        pitch_kind="hybrid-bond pad",
        cte=SourcedValue(2.6 * _PPM, "1/K", _CTE_VENDOR, "READ-S", "silicon on silicon"),
    ),
)


def technology(name: str) -> Technology:
    """Return the entry of :data:`TECHNOLOGIES` whose name starts with ``name`` (case-insensitive).

    Raises
    ------
    ValueError
        If no entry, or more than one, matches.

    Examples
    --------
    >>> technology("glass").cte.value
    3e-06
    """
    if not isinstance(name, str):
        raise TypeError(f"name must be a string, got {type(name).__name__}")
    matches = [t for t in TECHNOLOGIES if t.name.lower().startswith(name.lower())]
    if len(matches) != 1:
        raise ValueError(f"name must start one of {[t.name for t in TECHNOLOGIES]}, got {name!r}")
    return matches[0]


#: Standard scanner exposure field (26 mm × 33 mm), the largest die without stitching.
RETICLE_FIELD = (
    SourcedValue(26e-3, "m", "scanner exposure field, widely quoted", "UNVERIFIED"),
    SourcedValue(33e-3, "m", "scanner exposure field, widely quoted", "UNVERIFIED"),
)

#: Transistors per m² of NVIDIA's GH100: 80 billion transistors on 814 mm².
H100_TRANSISTOR_DENSITY = SourcedValue(
    80e9 / 814e-6, "1/m²", "press coverage of NVIDIA's Hopper launch (80 billion transistors, 814 mm²)", "READ-S"
)


@dataclass(frozen=True)
class Material:
    """Thermo-elastic data of one package layer: expansion, stiffness, Poisson ratio, thickness.

    ``thickness`` is the layer thickness this book's package model assumes, not a property of
    the material. ``biaxial`` gives the plate modulus :math:`E/(1-\\nu)`.
    """

    name: str
    cte: SourcedValue
    modulus: SourcedValue
    poisson: SourcedValue
    thickness: SourcedValue

    @property
    def biaxial(self) -> float:
        """Biaxial modulus E/(1 - ν) in Pa."""
        return biaxial_modulus(self.modulus.value, self.poisson.value)


_TEXTBOOK = "typical textbook value; no source checked for this book"
_ASSUMED = "this book's assumption for an idealised package"

#: Layers of the chapter's idealised package: a silicon layer (chiplets) bonded to a core, and the
#: build-up (dielectric and copper) that covers a real core on both sides.
MATERIALS: dict[str, Material] = {
    "silicon": Material(
        "silicon",
        cte=SourcedValue(2.6 * _PPM, "1/K", _CTE_VENDOR, "READ-S"),
        modulus=SourcedValue(130e9, "Pa", _TEXTBOOK + " (<100> direction)", "UNVERIFIED"),
        poisson=SourcedValue(0.28, "1", _TEXTBOOK, "UNVERIFIED"),
        thickness=SourcedValue(0.8e-3, "m", _ASSUMED + " (full-thickness dies)", "UNVERIFIED"),
    ),
    "organic": Material(
        "organic core (BT)",
        cte=SourcedValue(13 * _PPM, "1/K", _CTE_VENDOR, "READ-S", "middle of BT 12-14 ppm/K"),
        modulus=SourcedValue(25e9, "Pa", _TEXTBOOK, "UNVERIFIED"),
        poisson=SourcedValue(0.3, "1", _TEXTBOOK, "UNVERIFIED"),
        thickness=SourcedValue(1.0e-3, "m", _ASSUMED, "UNVERIFIED"),
    ),
    "glass": Material(
        "glass core",
        cte=SourcedValue(3.0 * _PPM, "1/K", "PatSnap summary (glass core CTE 3.0-7.5 ppm/K)", "READ-S"),
        modulus=SourcedValue(75e9, "Pa", _TEXTBOOK + " (aluminosilicate/borosilicate 60-90 GPa)", "UNVERIFIED"),
        poisson=SourcedValue(0.22, "1", _TEXTBOOK, "UNVERIFIED"),
        thickness=SourcedValue(1.0e-3, "m", _ASSUMED, "UNVERIFIED"),
    ),
    "buildup_dielectric": Material(
        "build-up dielectric (filled epoxy film)",
        cte=SourcedValue(30 * _PPM, "1/K", _ASSUMED + " (a filled epoxy build-up film below its glass transition)",
                         "UNVERIFIED"),
        modulus=SourcedValue(8e9, "Pa", _ASSUMED + " (a few to about 10 GPa)", "UNVERIFIED"),
        poisson=SourcedValue(0.35, "1", _TEXTBOOK, "UNVERIFIED"),
        thickness=SourcedValue(75e-6, "m", _ASSUMED + " (dielectric share of 100 µm of build-up per side)", "UNVERIFIED"),
    ),
    "copper": Material(
        "copper (build-up wiring)",
        cte=SourcedValue(17 * _PPM, "1/K", _TEXTBOOK, "UNVERIFIED"),
        modulus=SourcedValue(120e9, "Pa", _TEXTBOOK, "UNVERIFIED"),
        poisson=SourcedValue(0.34, "1", _TEXTBOOK, "UNVERIFIED"),
        thickness=SourcedValue(25e-6, "m", _ASSUMED + " (copper share of 100 µm of build-up per side)", "UNVERIFIED"),
    ),
}
