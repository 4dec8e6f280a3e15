r"""The memory wall and compute-in-memory: what moving a weight costs, and computing where it lies.

Four pieces of physics, each a few functions:

1. **Energy of arithmetic against data movement** (:mod:`.energy`, :mod:`.growth`). Horowitz's
   45 nm table (:data:`HOROWITZ_45NM`, :func:`operation_energy`), integer multiply-accumulate energy
   against precision (:func:`mac_energy`), the energy of a matrix-vector product on a conventional
   chip as arithmetic plus data movement (:func:`mvm_energy`) and the weight reuse at which they are
   equal (:func:`crossover_reuse`); first-order scaling to other nodes (:func:`scale_to_node`); the
   memory wall as growth rates (:func:`growth_factor`, :func:`doubling_time`).
2. **The analog crossbar** (:mod:`.crossbar`). Ohm multiplies and Kirchhoff adds:
   :func:`crossbar_mvm` gives the column currents :math:`I_j = \sum_i G_{ij} V_i`, exactly for ideal
   wires and by nodal analysis (a sparse linear system) when the wires have resistance;
   :func:`ir_drop_error_estimate` is the first-order error of an array whose devices are all on.
3. **Non-idealities** (:mod:`.nonidealities`). Differential conductance pairs with a finite number
   of levels (:func:`weights_to_conductances`), device-to-device variation, read noise and a finite
   ADC, all in :func:`analog_matvec`, which runs a layer of a neural network on a simulated crossbar.
4. **Converters** (:mod:`.converters`, :mod:`.array_sizing`, :mod:`.deployment`). ADC energy from
   the Walden figure of merit (:func:`adc_energy`), the thermal-noise floor
   (:func:`adc_thermal_limit`), energy per MAC of a whole array (:func:`cim_mac_energy`), and the
   array size the ADC and the IR drop allow (:func:`lossless_rows`, :func:`max_rows_for_ir_drop`,
   :func:`optimal_array_size`); deployment of a model on crossbars (:func:`crossbar_arrays_needed`)
   and efficiency figures of published chips (:data:`CIM_MACROS`, :func:`energy_per_operation`).

The subpackage has one module per concept; every public name is re-exported here.

Units are SI: joules, siemens, volts, amperes, ohms. Published tables quote picojoules
(1 pJ = 10⁻¹² J) and TOPS/W (10¹² operations per joule; one multiply-accumulate counts as two
operations).
"""

from __future__ import annotations

from .array_sizing import CIMEnergy, cim_mac_energy, lossless_rows, max_rows_for_ir_drop, optimal_array_size
from .converters import adc_energy, adc_thermal_limit
from .crossbar import crossbar_mvm, ir_drop_error_estimate
from .deployment import CIM_MACROS, crossbar_arrays_needed, energy_per_operation
from .energy import (
    HOROWITZ_45NM,
    MEMORY_LEVELS,
    MVMEnergy,
    crossover_reuse,
    mac_energy,
    memory_energy_per_bit,
    mvm_energy,
    operation_energy,
    scale_to_node,
)
from .growth import doubling_time, growth_factor
from .nonidealities import analog_matvec, weights_to_conductances

__all__ = [
    "HOROWITZ_45NM",
    "MEMORY_LEVELS",
    "CIM_MACROS",
    "operation_energy",
    "mac_energy",
    "memory_energy_per_bit",
    "MVMEnergy",
    "mvm_energy",
    "crossover_reuse",
    "scale_to_node",
    "growth_factor",
    "doubling_time",
    "crossbar_mvm",
    "ir_drop_error_estimate",
    "weights_to_conductances",
    "analog_matvec",
    "adc_energy",
    "adc_thermal_limit",
    "CIMEnergy",
    "cim_mac_energy",
    "lossless_rows",
    "max_rows_for_ir_drop",
    "optimal_array_size",
    "crossbar_arrays_needed",
    "energy_per_operation",
]
