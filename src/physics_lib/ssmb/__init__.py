r"""Steady-state microbunching (SSMB): coherent and incoherent radiation from electron bunches.

The module follows the chapter's story:

1. the undulator and the ring (:func:`lorentz_factor`, :func:`undulator_parameter`, :func:`resonant_wavelength`,
   :func:`undulator_period_for`, :func:`undulator_k_for`; :func:`synchrotron_energy_loss`, :func:`equilibrium_energy_spread`,
   :func:`longitudinal_damping_time`, :func:`zero_current_bunch_length`);
2. coherence (:func:`bunching_factor`, :func:`gaussian_bunching_factor`,
   :func:`coherent_power_factor`);
3. microbunching by a laser plus dispersion (:func:`laser_modulation`, :func:`apply_dispersion`,
   :func:`modulated_beam`, :func:`harmonic_bunching`, :func:`optimal_dispersion`,
   :func:`nearest_harmonic`);
4. the steady state: the longitudinal one-turn map (:func:`track_one_turn_map`,
   :func:`standard_map_tune`);
5. what it is worth: :func:`coherent_undulator_power`, :func:`incoherent_undulator_power` and
   the itemised :func:`ssmb_power_estimate`.

The subpackage has one module per concept: :mod:`.undulator`, :mod:`.ring`, :mod:`.bunching`,
:mod:`.modulation`, :mod:`.eehg`, :mod:`.one_turn_map`, :mod:`.transverse` and :mod:`.power`; every public name is re-exported here.

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

from .bunching import GAUSSIAN_FWHM_PER_RMS, bunching_factor, coherent_power_factor, gaussian_bunching_factor, gaussian_equivalent_length
from .eehg import eehg_beam, eehg_bunching, eehg_optimal_bunching
from .modulation import (
    apply_dispersion,
    harmonic_bunching,
    laser_energy_modulation,
    laser_modulation,
    modulated_beam,
    modulation_for_tune,
    nearest_harmonic,
    optimal_dispersion,
)
from .one_turn_map import TrackingResult, _scaled_sine, one_turn_map_orbits, standard_map_tune, track_one_turn_map
from .power import (
    PowerEstimate,
    beamline_transmission,
    coherent_detuning_factor,
    coherent_undulator_power,
    incoherent_undulator_power,
    ssmb_power_estimate,
)
from .ring import (
    QUANTUM_CONSTANT,
    equilibrium_energy_spread,
    longitudinal_damping_time,
    momentum_compaction_for_bunch_length,
    synchrotron_energy_loss,
    zero_current_bunch_length,
)
from .transverse import natural_source_size, transverse_coherence_emittance, transverse_form_factor
from .undulator import (
    ELECTRON_REST_ENERGY_EV,
    bessel_coupling_factor,
    central_cone_divergence,
    lorentz_factor,
    resonant_wavelength,
    undulator_k_for,
    undulator_parameter,
    undulator_period_for,
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
    "QUANTUM_CONSTANT",
    "equilibrium_energy_spread",
    "longitudinal_damping_time",
    "zero_current_bunch_length",
    "momentum_compaction_for_bunch_length",
    "bunching_factor",
    "gaussian_bunching_factor",
    "gaussian_equivalent_length",
    "coherent_power_factor",
    "harmonic_bunching",
    "optimal_dispersion",
    "nearest_harmonic",
    "eehg_bunching",
    "eehg_optimal_bunching",
    "eehg_beam",
    "laser_modulation",
    "laser_energy_modulation",
    "modulation_for_tune",
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
    "transverse_coherence_emittance",
    "natural_source_size",
    "transverse_form_factor",
    "PowerEstimate",
    "ssmb_power_estimate",
]
