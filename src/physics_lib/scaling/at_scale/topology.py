r"""Topology: the arithmetic of fat-trees of k-port switches (Al-Fares et al. 2008)."""

from __future__ import annotations

from typing import NamedTuple

import numpy as np

from ..._validation import check_count, check_integer

__all__ = ["FatTree", "fat_tree", "fat_tree_radix_for"]


class FatTree(NamedTuple):
    """Size of a fat-tree (folded Clos) of identical k-port switches."""

    hosts: int
    """End points at full bisection bandwidth."""
    switches: int
    """Switches in all tiers."""
    links: int
    """Cables between switches (host links not counted)."""
    diameter: int
    """Links on the longest shortest path between two hosts (switch hops: diameter - 1)."""


def fat_tree(radix, tiers=3):
    r"""Hosts, switches and diameter of a fat-tree of ``radix``-port switches.

    .. math::

        H = 2\left(\frac{k}{2}\right)^{\ell}, \qquad S = (2\ell - 1)\left(\frac{k}{2}\right)^{\ell-1},
        \qquad \text{diameter} = 2\ell \text{ links}

    for :math:`\ell` tiers of :math:`k`-port switches, every switch but the top tier using half
    its ports down and half up (the top tier all down).  Three tiers give Al-Fares et al.'s
    :math:`k^3/4` hosts on :math:`5k^2/4` switches, with full bisection bandwidth [1]_.

    Parameters
    ----------
    radix : int
        Ports per switch :math:`k`, an even integer >= 2.
    tiers : int, optional
        Switch tiers :math:`\ell`, 1 to 5 (default 3).

    Returns
    -------
    FatTree

    Raises
    ------
    TypeError
        If an argument is not an integer.
    ValueError
        If ``radix`` is odd or < 2, or ``tiers`` is not 1-5.

    References
    ----------
    .. [1] M. Al-Fares, A. Loukissas and A. Vahdat, "A scalable, commodity data center network
       architecture", SIGCOMM 2008, Sec. 3.

    Examples
    --------
    48-port switches in three tiers: 27,648 hosts on 2,880 switches:

    >>> fat_tree(48)[:2]
    (27648, 2880)
    """
    k = check_integer(radix, "radix", minimum=2)
    if k % 2:
        raise ValueError(f"radix must be even, got {k}")
    levels = check_integer(tiers, "tiers", minimum=1)
    if levels > 5:
        raise ValueError(f"tiers must be 1 to 5, got {levels}")
    half = k // 2
    if levels == 1:
        return FatTree(k, 1, 0, 2)
    hosts = 2 * half**levels
    switches = (2 * levels - 1) * half ** (levels - 1)
    links = (levels - 1) * hosts  # each tier boundary carries as many links as there are hosts
    return FatTree(hosts, switches, links, 2 * levels)


def fat_tree_radix_for(n_hosts, tiers=3):
    r"""Smallest even switch radix whose ``tiers``-tier fat-tree connects ``n_hosts`` end points.

    .. math:: k = 2\left\lceil\left(\frac{H}{2}\right)^{1/\ell}\right\rceil

    Parameters
    ----------
    n_hosts : float
        Hosts :math:`H` to connect, a whole number >= 1.
    tiers : int, optional
        Tiers :math:`\ell`, 2 to 5 (default 3).

    Returns
    -------
    int
        The radix :math:`k`.

    Raises
    ------
    TypeError
        If an argument is not a real number (``tiers``: an integer).
    ValueError
        If ``n_hosts`` is not a whole number >= 1 or ``tiers`` is not 2-5.

    References
    ----------
    .. [1] M. Al-Fares, A. Loukissas and A. Vahdat, SIGCOMM 2008.

    Examples
    --------
    100,000 accelerators, one port each: 74-port switches in three tiers (in practice 128):

    >>> fat_tree_radix_for(100_000)
    74
    """
    h = float(check_count(n_hosts, "n_hosts"))
    levels = check_integer(tiers, "tiers", minimum=2)
    if levels > 5:
        raise ValueError(f"tiers must be 2 to 5, got {levels}")
    half = int(np.ceil((h / 2.0) ** (1.0 / levels) - 1e-9))
    while 2 * half**levels < h:
        half += 1
    while half > 1 and 2 * (half - 1) ** levels >= h:
        half -= 1
    return 2 * half
