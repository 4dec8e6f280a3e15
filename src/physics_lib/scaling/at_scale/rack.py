r"""The rack: wall power from its parts, the coolant flow that carries the heat away, and the cooling a PUE demands.

:func:`rack_power` adds up the IT power of a rack, :func:`coolant_flow` gives the flow of air (or
water) that removes it, and :func:`cooling_cop_required` what a PUE demands of the cooling plant.
"""

from __future__ import annotations

import numpy as np

from ..._validation import as_result, check_count, check_finite, check_in_range, check_nonnegative, check_positive

__all__ = ["rack_power", "coolant_flow", "cooling_cop_required"]


AIR_DENSITY = 1.2  # kg/m³, dry air near 20 °C and 1 atm
AIR_SPECIFIC_HEAT = 1005.0  # J/(kg K), dry air at constant pressure near room temperature


def rack_power(n_accelerators, accelerator_power, host_power=0.0, network_power=0.0, conversion_efficiency=1.0):
    r"""Power a rack draws from the facility: its IT parts divided by the power-conversion efficiency.

    .. math:: P_\mathrm{rack} = \frac{n\,P_\mathrm{acc} + P_\mathrm{host} + P_\mathrm{net}}{\eta}

    Every watt ends as heat in the rack (or its power shelves), so this is also the heat the
    cooling must remove.

    Parameters
    ----------
    n_accelerators : float or array_like
        Accelerators :math:`n` in the rack, a whole number >= 1.
    accelerator_power : float or array_like
        Power per accelerator :math:`P_\mathrm{acc}`, W, > 0.
    host_power : float or array_like, optional
        CPUs, memory, storage and fans of the hosts, W, >= 0 (default 0).
    network_power : float or array_like, optional
        Switches, NICs and optics in the rack, W, >= 0 (default 0).
    conversion_efficiency : float or array_like, optional
        :math:`\eta` of the rack's power supplies, in (0, 1] (default 1).

    Returns
    -------
    float or ndarray
        Watts.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is out of range or not finite.

    References
    ----------
    .. [1] The Green Grid, "PUE: a comprehensive examination of the metric", White Paper 49
       (2012) (IT power, measured at the IT equipment, includes its power supplies).

    Examples
    --------
    72 accelerators at 1.2 kW, 36 hosts at 0.5 kW and 10 kW of switches, 95% supplies: 120 kW:

    >>> round(rack_power(72, 1200.0, 36 * 500.0, 10e3, 0.95) / 1e3)
    120
    """
    n = check_count(n_accelerators, "n_accelerators")
    p_acc = check_positive(accelerator_power, "accelerator_power")
    p_host = check_nonnegative(host_power, "host_power")
    p_net = check_nonnegative(network_power, "network_power")
    eta = check_in_range(conversion_efficiency, "conversion_efficiency", 0.0, 1.0, low_open=True)
    return as_result((n * p_acc + p_host + p_net) / eta)


def coolant_flow(power, delta_t, density=AIR_DENSITY, specific_heat=AIR_SPECIFIC_HEAT):
    r"""Volume flow of a coolant that carries ``power`` away while warming by ``delta_t``.

    .. math:: \dot V = \frac{P}{\rho\,c_p\,\Delta T}

    Sensible heat only (no boiling).  The defaults are dry air near room temperature
    (:math:`\rho = 1.2` kg/m³, :math:`c_p = 1005` J/(kg K)); for water pass about 997 kg/m³ and
    4180 J/(kg K), which carries some 3,500 times more heat per unit volume.

    Parameters
    ----------
    power : float or array_like
        Heat to remove :math:`P`, W, > 0.
    delta_t : float or array_like
        Temperature rise of the coolant :math:`\Delta T`, K, > 0.
    density : float or array_like, optional
        :math:`\rho`, kg/m³, > 0.
    specific_heat : float or array_like, optional
        :math:`c_p`, J/(kg K), > 0.

    Returns
    -------
    float or ndarray
        m³/s.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If an argument is not finite and > 0.

    References
    ----------
    .. [1] ASHRAE TC 9.9, "Thermal guidelines for data processing environments" (the rack inlet
       and outlet temperatures that bound :math:`\Delta T`).

    Examples
    --------
    A 40 kW rack with a 15 K air temperature rise needs 2.2 m³ of air per second:

    >>> round(coolant_flow(40e3, 15.0), 1)
    2.2
    """
    p = check_positive(power, "power")
    dt = check_positive(delta_t, "delta_t")
    rho = check_positive(density, "density")
    cp = check_positive(specific_heat, "specific_heat")
    return as_result(p / (rho * cp * dt))


def cooling_cop_required(pue, other_overhead=0.0):
    r"""Coefficient of performance the cooling must reach for a given PUE.

    .. math:: \mathrm{COP} = \frac{P_\mathrm{IT}}{P_\mathrm{cool}}
        = \frac{1}{\mathrm{PUE} - 1 - f_\mathrm{other}}

    PUE is facility power over IT power; everything above 1 is overhead.  If a fraction
    :math:`f_\mathrm{other}` of the IT power goes to other overheads (power distribution and UPS
    losses, lighting), the cooling plant may use only the rest, and must move the IT heat with
    that much power.  No budget left (:math:`\mathrm{PUE} - 1 \le f_\mathrm{other}`): infinite.

    Parameters
    ----------
    pue : float or array_like
        Power usage effectiveness, >= 1.
    other_overhead : float or array_like, optional
        :math:`f_\mathrm{other}`, non-cooling overhead as a fraction of IT power, >= 0 (default 0).

    Returns
    -------
    float or ndarray
        Required COP (heat removed per unit of cooling power); ``inf`` if impossible.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``pue`` < 1 or ``other_overhead`` < 0, or either is not finite.

    References
    ----------
    .. [1] The Green Grid, White Paper 49 (2012).

    Examples
    --------
    PUE 1.04 with 1% lost in power distribution: the cooling must move 33 W of heat per watt:

    >>> round(cooling_cop_required(1.04, 0.01), 1)
    33.3
    """
    x = check_finite(pue, "pue")
    if np.any(x < 1):
        raise ValueError(f"pue must be >= 1, got min {x.min():g}")
    f = check_nonnegative(other_overhead, "other_overhead")
    budget = x - 1.0 - f
    with np.errstate(divide="ignore"):
        cop = np.where(budget > 0, 1.0 / np.where(budget > 0, budget, 1.0), np.inf)
    return as_result(cop)
