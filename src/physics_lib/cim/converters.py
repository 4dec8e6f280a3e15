r"""Converters: ADC energy from the Walden figure of merit, and its thermal-noise floor."""

from __future__ import annotations

from scipy import constants

from .._validation import as_result, check_in_range, check_positive

__all__ = ["adc_energy", "adc_thermal_limit"]


def adc_energy(enob, walden_fom):
    r"""Energy of one analog-to-digital conversion from the Walden figure of merit.

    .. math:: E_\mathrm{ADC} = \mathrm{FOM_W}\,2^{\mathrm{ENOB}},
              \qquad \mathrm{FOM_W} = \frac{P}{2^{\mathrm{ENOB}} f_s}

    Each extra effective bit doubles the energy (the Walden regime, typical of ADCs of low to
    medium resolution; above about 10-12 bits thermal noise makes it quadruple, see
    :func:`adc_thermal_limit`).

    Parameters
    ----------
    enob : float or array_like
        Effective number of bits, in [1, 24].
    walden_fom : float or array_like
        Walden figure of merit, J per conversion step, > 0 (e.g. 5e-15 for 5 fJ/conv-step).

    Returns
    -------
    float or ndarray
        Energy per conversion, J.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``enob`` is outside [1, 24] or ``walden_fom`` is not > 0.

    References
    ----------
    .. [1] R. H. Walden, "Analog-to-digital converter survey and analysis", IEEE JSAC 17(4),
       539-550 (1999).
    .. [2] B. Murmann, "ADC Performance Survey 1997-2023", https://github.com/bmurmann/ADC-survey.

    Examples
    --------
    An 8-bit conversion at the 4.4 fJ/step record of van Elzakker et al. (ISSCC 2008):

    >>> round(adc_energy(8, 4.4e-15) / 1e-12, 3)
    1.126
    """
    b = check_in_range(enob, "enob", 1.0, 24.0)
    fom = check_positive(walden_fom, "walden_fom")
    return as_result(fom * 2.0**b)


def adc_thermal_limit(enob, temperature=300.0):
    r"""Thermal-noise floor of the energy per conversion of an ADC.

    A sampling capacitor :math:`C` holds noise :math:`kT/C`; a full-scale sine of peak-to-peak
    :math:`V_\mathrm{FS}` has power :math:`V_\mathrm{FS}^2/8`. Reaching
    :math:`\mathrm{SNR} = 1.5 \cdot 4^{\mathrm{ENOB}}` (6.02 ENOB + 1.76 dB) needs
    :math:`C = 8kT\,\mathrm{SNR}/V_\mathrm{FS}^2`, and charging it to :math:`V_\mathrm{FS}` costs at
    least :math:`CV_\mathrm{FS}^2`:

    .. math:: E_\mathrm{min} = 8kT\cdot\mathrm{SNR} = 12\,kT\,4^{\mathrm{ENOB}}.

    Parameters
    ----------
    enob : float or array_like
        Effective number of bits, in [1, 24].
    temperature : float or array_like, optional
        Temperature in K, > 0 (default 300).

    Returns
    -------
    float or ndarray
        Minimum energy per conversion, J.

    Raises
    ------
    TypeError
        If an argument is not a real number or array of numbers.
    ValueError
        If ``enob`` is outside [1, 24] or ``temperature`` is not > 0.

    References
    ----------
    .. [1] B. Murmann, "The Race for the Extra Decibel", IEEE Solid-State Circuits Magazine 7(3),
       58-66 (2015) (the thermal-noise asymptote of the survey's energy plot).

    Examples
    --------
    >>> f"{adc_thermal_limit(8):.2e}"
    '3.26e-15'
    """
    b = check_in_range(enob, "enob", 1.0, 24.0)
    t = check_positive(temperature, "temperature")
    return as_result(12.0 * constants.k * t * 4.0**b)
