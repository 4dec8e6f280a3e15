r"""What a compute budget means in hardware: time, utilisation, communication, energy, and the memory wall.

A training run of :math:`C` FLOP (see :func:`physics_lib.scaling.laws.training_flops`, :math:`C = 6ND`)
on :math:`n` accelerators of peak :math:`P` FLOP/s that sustain a fraction :math:`u` of it (the
*model FLOPs utilisation*, MFU) takes :math:`C/(nPu)` seconds.  This module adds what stands between
peak and sustained throughput in a cluster: the memory of the model states (which decides how a model
must be sharded), the gradient all-reduce of data parallelism over a ring or in the network (the
"communication wall"), pipeline bubbles, the energy and cost of a run (power, PUE and price), and the
roofline that makes autoregressive decoding memory-bandwidth-bound (the "memory wall"), for one card
or a model sharded over several.

The subpackage has one module per concept: :mod:`.training` (time and MFU), :mod:`.communication`
(link rates, all-reduce, the data-parallel step), :mod:`.parallelism` (model-state memory, pipeline
bubble), :mod:`.energy` (energy and cost), :mod:`.roofline` (roofline and arithmetic intensity) and
:mod:`.decode` (decode throughput, sharded and mixture-of-experts); every public name is
re-exported here.

Units are SI throughout: FLOP, FLOP/s, bytes, bytes/s, seconds, watts, joules.  Network links are
usually quoted in gigabits per second; convert them with :func:`gigabits_to_bytes_per_second`
(1 Gb/s = 10⁹ bit/s = 1.25 × 10⁸ bytes/s).  Energy prices are per kilowatt-hour (1 kWh = 3.6 MJ),
the unit on every electricity bill; :func:`energy_cost` converts.
"""

from __future__ import annotations

from .communication import (
    DataParallelStep,
    data_parallel_step,
    gigabits_to_bytes_per_second,
    in_network_allreduce_time,
    ring_allreduce_time,
)
from .decode import ShardedDecode, decode_bandwidth_needed, decode_throughput, moe_weight_bytes, sharded_decode_throughput
from .energy import energy_cost, training_energy
from .parallelism import model_state_bytes, pipeline_bubble_fraction
from .roofline import decode_arithmetic_intensity, prefill_arithmetic_intensity, ridge_intensity, roofline
from .training import model_flops_utilization, sustained_flops_needed, training_time

__all__ = [
    "training_time",
    "model_flops_utilization",
    "sustained_flops_needed",
    "gigabits_to_bytes_per_second",
    "ring_allreduce_time",
    "in_network_allreduce_time",
    "DataParallelStep",
    "data_parallel_step",
    "model_state_bytes",
    "pipeline_bubble_fraction",
    "training_energy",
    "energy_cost",
    "roofline",
    "ridge_intensity",
    "prefill_arithmetic_intensity",
    "decode_arithmetic_intensity",
    "decode_throughput",
    "ShardedDecode",
    "sharded_decode_throughput",
    "decode_bandwidth_needed",
    "moe_weight_bytes",
]
