r"""Memoryless power-amplifier models: Saleh (travelling-wave tube) and Rapp (solid state).

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

import numpy as np

from .._validation import (
    check_complex_signal,
    check_nonnegative,
    check_positive,
)

__all__ = [
    "saleh",
    "rapp",
]


# ----------------------------------------------------------------------------------------------
# Memoryless amplifier models
# ----------------------------------------------------------------------------------------------


def saleh(x, alpha_a=2.1587, beta_a=1.1517, alpha_phi=4.0033, beta_phi=9.1040):
    r"""Saleh's travelling-wave-tube amplifier model applied to a complex baseband signal.

    For an input :math:`x = r e^{j\theta}` the output is :math:`A(r)\,e^{j(\theta + \Phi(r))}` with

    .. math::

        A(r) = \frac{\alpha_a r}{1 + \beta_a r^2}, \qquad
        \Phi(r) = \frac{\alpha_\phi r^2}{1 + \beta_\phi r^2}.

    :math:`A` peaks at :math:`r = 1/\sqrt{\beta_a}` with :math:`A_{max} = \alpha_a/(2\sqrt{\beta_a})`;
    beyond it the output amplitude *falls* (over-drive). :math:`\Phi` (radians) saturates at
    :math:`\alpha_\phi/\beta_\phi`.

    Both are rational functions of :math:`r` with poles off the real axis: :math:`A` at
    :math:`r = \pm j/\sqrt{\beta_a}` (:math:`|r| = 0.932` with the default constants) and
    :math:`\Phi` at :math:`r = \pm j/\sqrt{\beta_\phi}` (:math:`|r| = 0.331`). Their power series
    in :math:`r` therefore converge only for :math:`|r|` below those distances, and singularities
    this close to the real axis make polynomial fits (and polynomial predistorters) converge slowly
    with order over a drive range that reaches beyond them.

    Parameters
    ----------
    x : array_like of complex, 1-D
        Input baseband signal (normalised amplitude).
    alpha_a, beta_a : float
        AM/AM parameters, > 0 (defaults: the classic fit, see Notes).
    alpha_phi, beta_phi : float
        AM/PM parameters (radians), ``alpha_phi`` >= 0, ``beta_phi`` > 0.

    Returns
    -------
    numpy.ndarray of complex
        The amplifier output.

    Raises
    ------
    TypeError
        If ``x`` is not complex or a parameter is not a real number.
    ValueError
        If ``x`` is empty, not 1-D or not finite, or a parameter is out of range.

    Notes
    -----
    The default parameters are the TWT fit usually quoted for Saleh's model. We found them in a
    secondary source that uses them in code, not in the paper's own table, which we could not read.

    References
    ----------
    A. A. M. Saleh, "Frequency-independent and frequency-dependent nonlinear models of TWT
    amplifiers", IEEE Trans. Commun. COM-29(11), 1715-1720 (1981).

    Examples
    --------
    >>> import numpy as np
    >>> y = saleh(np.array([1 / np.sqrt(1.1517) + 0j]))   # drive at the AM/AM peak
    >>> round(float(abs(y[0])), 4)                          # alpha_a / (2 sqrt(beta_a))
    1.0058
    """
    x = check_complex_signal(x, "x")
    alpha_a = float(check_positive(alpha_a, "alpha_a"))
    beta_a = float(check_positive(beta_a, "beta_a"))
    alpha_phi = float(check_nonnegative(alpha_phi, "alpha_phi"))
    beta_phi = float(check_positive(beta_phi, "beta_phi"))
    r = np.abs(x)
    amplitude = alpha_a * r / (1.0 + beta_a * r**2)
    phase = alpha_phi * r**2 / (1.0 + beta_phi * r**2)
    return amplitude * np.exp(1j * (np.angle(x) + phase))


def rapp(x, gain=1.0, saturation=1.0, smoothness=2.0):
    r"""Rapp's solid-state amplifier model (AM/AM only, no AM/PM).

    .. math::

        A(r) = \frac{G r}{\left[1 + (G r / A_0)^{2p}\right]^{1/(2p)}},

    which is linear (:math:`Gr`) for small :math:`r` and saturates smoothly at :math:`A_0`; the
    smoothness :math:`p` sets the knee (:math:`p \to \infty` is an ideal limiter). The phase of
    the input is kept.

    Parameters
    ----------
    x : array_like of complex, 1-D
        Input baseband signal.
    gain : float
        Small-signal voltage gain :math:`G` > 0.
    saturation : float
        Output saturation amplitude :math:`A_0` > 0.
    smoothness : float
        Knee parameter :math:`p` > 0 (2-3 for typical solid-state amplifiers).

    Returns
    -------
    numpy.ndarray of complex

    Raises
    ------
    TypeError, ValueError
        For a non-complex, empty or non-finite ``x`` or a non-positive parameter.

    References
    ----------
    C. Rapp, "Effects of HPA-nonlinearity on a 4-DPSK/OFDM-signal for a digital sound broadcasting
    system", Proc. 2nd European Conf. on Satellite Communications, 179-184 (1991). (Citation not
    read; the model is listed among MathWorks' amplifier models.)

    Examples
    --------
    >>> import numpy as np
    >>> y = rapp(np.array([1.0 + 0j]), gain=1.0, saturation=1.0, smoothness=2.0)
    >>> round(float(abs(y[0])), 6)     # 1 / 2**(1/4): 1.5 dB of compression at r = A0/G
    0.840896
    """
    x = check_complex_signal(x, "x")
    gain = float(check_positive(gain, "gain"))
    saturation = float(check_positive(saturation, "saturation"))
    smoothness = float(check_positive(smoothness, "smoothness"))
    r = np.abs(x)
    ratio = gain * r / saturation
    # (1 + ratio^(2p))^(1/(2p)) computed in logs so that large p or large drive cannot overflow
    with np.errstate(divide="ignore"):
        log_ratio = np.log(np.where(ratio > 0, ratio, 1.0))
    two_p = 2.0 * smoothness
    denominator = np.exp(np.logaddexp(0.0, two_p * log_ratio) / two_p)
    denominator = np.where(ratio > 0, denominator, 1.0)
    return gain * x / denominator
