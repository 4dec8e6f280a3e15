r"""Amplifier efficiency: class A, class B and Doherty at back-off, averaged over an envelope.

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

import numpy as np

from .._validation import (
    as_result,
    check_complex_signal,
    check_nonnegative,
    check_positive,
)
from .metrics import _power

__all__ = [
    "class_a_efficiency",
    "class_b_efficiency",
    "class_b_average_efficiency",
    "output_backoff_db",
    "doherty_efficiency",
    "average_efficiency",
]


# ----------------------------------------------------------------------------------------------
# Efficiency
# ----------------------------------------------------------------------------------------------


def class_b_efficiency(backoff_db):
    r"""Drain efficiency of an ideal class-B amplifier at an output back-off, as a fraction.

    A class-B stage draws a half-sine current whose DC value grows with the output amplitude
    :math:`V`, while RF power grows as :math:`V^2`; at full swing the efficiency is
    :math:`\pi/4 \approx 78.5\,\%`, and backed off by :math:`\mathrm{OBO}` dB

    .. math:: \eta = \frac{\pi}{4}\sqrt{P/P_{max}} = \frac{\pi}{4}\,10^{-\mathrm{OBO}/20}.

    This is a sine-wave (constant-envelope) result: the stage holds one amplitude. For a signal
    whose envelope varies (OFDM) at the same average back-off, the ratio of mean output power to
    mean DC power is :func:`class_b_average_efficiency`; for a Rayleigh envelope it is
    :math:`2/\sqrt{\pi} = 1.128` times this value.

    Parameters
    ----------
    backoff_db : float or array_like
        Output back-off from peak power, dB, >= 0.

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or negative back-off.

    References
    ----------
    S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech House (2006),
    chapter 3. (The standard textbook result; we could not check the page, but it follows from
    the half-sine current's Fourier series.)

    Examples
    --------
    >>> round(class_b_efficiency(0.0), 4), round(class_b_efficiency(6.0206), 4)
    (0.7854, 0.3927)
    """
    backoff = check_nonnegative(backoff_db, "backoff_db")
    return as_result(np.pi / 4 * 10 ** (-backoff / 20))


def class_b_average_efficiency(y, saturation=1.0):
    r"""Efficiency of an ideal class-B stage averaged over a signal's envelope: mean RF power over
    mean DC power.

    A class-B stage delivering the envelope :math:`r = |y|` draws a DC current proportional to
    :math:`r` and delivers RF power proportional to :math:`r^2`, with :math:`\eta = \pi/4` at full
    swing :math:`r = A_0`. What the supply pays for is the ratio of the averages (not the average
    of the instantaneous efficiencies):

    .. math:: \bar\eta = \frac{\overline{P_{out}}}{\overline{P_{DC}}}
              = \frac{\pi}{4}\,\frac{E[r^2]}{E[r]\,A_0},

    with the envelope limited to :math:`A_0` (the stage cannot deliver more). A constant envelope
    gives :func:`class_b_efficiency`. For a Rayleigh envelope (complex Gaussian :math:`y`, as OFDM
    is nearly) of mean power :math:`\sigma^2` clipped at :math:`A_0`, with
    :math:`u = A_0^2/\sigma^2`,

    .. math:: \bar\eta = \frac{\sqrt{\pi}}{2}\,\frac{1 - e^{-u}}{\sqrt{u}\,\mathrm{erf}\sqrt{u}}
              \;\to\; \frac{\sqrt{\pi}}{2}\,10^{-\mathrm{OBO}/20}\quad(u \gg 1),

    :math:`2/\sqrt{\pi} = 1.128` times the sine-wave value at the same average back-off, because
    the DC current follows :math:`E[r]`, which is smaller than :math:`\sqrt{E[r^2]}`.

    Parameters
    ----------
    y : array_like of complex, 1-D
        The output envelope (complex baseband), in the same units as ``saturation``; not all zero.
    saturation : float
        Output amplitude :math:`A_0` of full swing, > 0 (Rapp's ``saturation``).

    Returns
    -------
    float
        The average drain efficiency, a fraction (at most :math:`\pi/4`).

    Raises
    ------
    TypeError, ValueError
        For a non-complex, empty, non-finite or all-zero ``y``, or a non-positive ``saturation``.

    References
    ----------
    S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech House (2006)
    (the sine-wave result); the average over the envelope follows from it.

    Examples
    --------
    >>> round(class_b_average_efficiency(np.full(8, 0.5 + 0j)), 4)   # constant envelope: pi/8
    0.3927
    """
    y = check_complex_signal(y, "y")
    saturation = float(check_positive(saturation, "saturation"))
    envelope = np.minimum(np.abs(y), saturation)
    mean_envelope = float(np.mean(envelope))
    if mean_envelope == 0:
        raise ValueError("y must not be identically zero")
    return float(np.pi / 4 * np.mean(envelope**2) / (mean_envelope * saturation))


def output_backoff_db(y, saturation=1.0):
    r"""Output back-off of a signal from an amplifier's full-swing output, in dB.

    .. math:: \mathrm{OBO} = 10\log_{10}\frac{A_0^2}{\overline{|y|^2}},

    the ratio of the largest sine wave's power (amplitude :math:`A_0`) to the signal's mean power:
    the back-off :func:`class_b_efficiency` and :func:`class_a_efficiency` expect. An *input*
    back-off (drive relative to the input that saturates the amplifier) is converted by measuring
    the output: compression makes the output back-off the larger of the two.

    Parameters
    ----------
    y : array_like of complex, 1-D
        The amplifier output (complex baseband), in the units of ``saturation``; not all zero.
    saturation : float
        Full-swing output amplitude :math:`A_0`, > 0.

    Returns
    -------
    float
        dB (negative if the mean power exceeds :math:`A_0^2`).

    Raises
    ------
    TypeError, ValueError
        For a non-complex, empty, non-finite or all-zero ``y``, or a non-positive ``saturation``.

    Examples
    --------
    >>> round(output_backoff_db(np.full(4, 0.5 + 0j)), 4)
    6.0206
    """
    y = check_complex_signal(y, "y")
    saturation = float(check_positive(saturation, "saturation"))
    power = _power(y)
    if power == 0:
        raise ValueError("y must not be identically zero")
    return float(10 * np.log10(saturation**2 / power))


def class_a_efficiency(backoff_db):
    r"""Drain efficiency of an ideal class-A amplifier, :math:`\eta = \tfrac12 10^{-\mathrm{OBO}/10}`.

    The DC current is constant, so efficiency falls in proportion to output power (50 % at peak).

    Parameters
    ----------
    backoff_db : float or array_like
        Output back-off, dB, >= 0.

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or negative back-off.

    Examples
    --------
    >>> round(class_a_efficiency(3.0103), 4)
    0.25
    """
    backoff = check_nonnegative(backoff_db, "backoff_db")
    return as_result(0.5 * 10 ** (-backoff / 10))


def doherty_efficiency(backoff_db):
    r"""Drain efficiency of an ideal symmetric two-way Doherty amplifier at an output back-off.

    Two class-B devices of equal size: the main one alone up to half the peak output voltage, then
    held at full voltage swing by the load modulation of the peaking one, whose current rises from
    zero to full between half and full voltage. With :math:`v = 10^{-\mathrm{OBO}/20}` the output
    voltage relative to peak, the output power is :math:`V_{DC} I_1 v^2` and the DC power
    :math:`(2/\pi)V_{DC}I_1\,v` below :math:`v = 1/2`, :math:`(2/\pi)V_{DC}I_1\,(3v - 1)` above
    (:math:`I_1` the full fundamental current of one device; class B draws :math:`2/\pi` of it as
    DC), so

    .. math::

        \eta = \frac{\pi}{2}\,v \quad (v \le \tfrac12), \qquad
        \eta = \frac{\pi}{2}\,\frac{v^2}{3v - 1} \quad (\tfrac12 < v \le 1):

    :math:`\pi/4` at peak and again at 6 dB back-off, with a dip to :math:`2\pi/9 = 69.8\,\%` at
    :math:`v = 2/3` (3.5 dB) between.

    Parameters
    ----------
    backoff_db : float or array_like
        Output back-off from peak power, dB, >= 0.

    Returns
    -------
    float or numpy.ndarray

    Raises
    ------
    TypeError, ValueError
        For non-numeric, non-finite or negative back-off.

    References
    ----------
    S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech House (2006),
    ch. 10 (the Doherty amplifier).

    Examples
    --------
    >>> [round(doherty_efficiency(b), 4) for b in (0.0, 20 * np.log10(1.5), 20 * np.log10(2.0))]
    [0.7854, 0.6981, 0.7854]
    """
    backoff = check_nonnegative(backoff_db, "backoff_db")
    return as_result(_doherty_eta(10 ** (-backoff / 20)))


def _doherty_dc(v):
    """DC power of the ideal Doherty per unit (2/pi) V_DC I_1 at normalised output voltage v."""
    return np.where(v <= 0.5, v, 3 * v - 1)


def _doherty_eta(v):
    v = np.asarray(v, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(v > 0, np.pi / 2 * v**2 / np.where(v > 0, _doherty_dc(v), 1.0), 0.0)


_ARCHITECTURES = ("class_b", "doherty")


def average_efficiency(x, architecture, peak=None):
    r"""Average drain efficiency of an ideal class-B or Doherty amplifier over a signal's envelope.

    What the supply pays for is the ratio of mean output power to mean DC power. With the envelope
    normalised to the amplifier's peak, :math:`v = \min(|x|, A_0)/A_0`,

    .. math::

        \bar\eta_B = \frac{\pi}{4}\,\frac{E[v^2]}{E[v]}, \qquad
        \bar\eta_\mathrm{Doherty} = \frac{\pi}{2}\,\frac{E[v^2]}{E[g(v)]},\quad
        g(v) = \begin{cases} v & v \le \tfrac12 \\ 3v - 1 & v > \tfrac12 \end{cases}

    (class B: :func:`class_b_average_efficiency`; Doherty: the DC power of
    :func:`doherty_efficiency`). Samples above :math:`A_0` are clipped to it, as a saturating
    amplifier would.

    Parameters
    ----------
    x : array_like of complex, 1-D
        Output envelope (complex baseband); not all zero.
    architecture : {"class_b", "doherty"}
        The amplifier.
    peak : float, optional
        Peak (full-swing) output amplitude :math:`A_0` in the units of ``x``, > 0. Default: the
        largest :math:`|x|`, an amplifier sized so that the signal's highest peak just reaches
        saturation.

    Returns
    -------
    float
        The average efficiency, a fraction (at most :math:`\pi/4`).

    Raises
    ------
    TypeError, ValueError
        For a bad signal, an unknown ``architecture`` or a non-positive ``peak``, naming it.

    References
    ----------
    S. C. Cripps, *RF Power Amplifiers for Wireless Communications*, 2nd ed., Artech House (2006).

    Examples
    --------
    A constant envelope at 6 dB back-off (half the peak voltage):

    >>> x = np.full(8, 0.5 + 0j)
    >>> round(average_efficiency(x, "class_b", peak=1.0), 4), round(average_efficiency(x, "doherty", peak=1.0), 4)
    (0.3927, 0.7854)
    """
    x = check_complex_signal(x, "x")
    if not isinstance(architecture, str) or architecture not in _ARCHITECTURES:
        raise ValueError(f"architecture must be one of {_ARCHITECTURES}, got {architecture!r}")
    envelope = np.abs(x)
    if peak is None:
        peak = float(envelope.max())
        if peak == 0:
            raise ValueError("x must not be identically zero")
    else:
        peak = float(check_positive(peak, "peak"))
    if architecture == "class_b":
        return class_b_average_efficiency(x, peak)
    v = np.minimum(envelope, peak) / peak
    dc = float(np.mean(_doherty_dc(v)))
    if dc == 0:
        raise ValueError("x must not be identically zero")
    return float(np.pi / 2 * np.mean(v**2) / dc)
