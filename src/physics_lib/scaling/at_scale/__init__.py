r"""Training and serving at scale: failures, parallel layouts, collectives, topology, KV cache, racks.

The companion of :mod:`physics_lib.scaling.cluster` for the chapter "Training and serving at scale".
It reuses that module's ring all-reduce, model-state memory and pipeline bubble, and adds

- **failures and checkpoints** (:mod:`.failures`): the MTBF of a system of many parts, Young's and
  Daly's optimal checkpoint interval, and the goodput (fraction of wall time that advances training);
- **parallel layouts** (:mod:`.layouts`): activation memory per layer (Korthikanti et al. 2022),
  tensor-parallel traffic per layer (Megatron-LM), and the memory, bubble and communication of a
  (t, p, d) layout;
- **collectives and topology** (:mod:`.collectives`, :mod:`.topology`): a double-binary-tree
  all-reduce, a two-level (hierarchical) all-reduce, and the arithmetic of fat-trees of k-port
  switches (Al-Fares et al. 2008);
- **inference memory** (:mod:`.kv_cache`): the key-value cache of multi-head, grouped-query and
  latent attention, and how many sequences it lets one card serve;
- **the rack** (:mod:`.rack`): wall power from its parts, the coolant flow that carries the heat
  away, and what a PUE demands of the cooling plant.

The subpackage has one module per concept; every public name is re-exported here.

Units are SI: seconds, bytes, bytes/s, watts, kelvin, m³/s.
"""

from __future__ import annotations

from .collectives import hierarchical_allreduce_time, tree_allreduce_time
from .failures import checkpoint_interval, cluster_mtbf, goodput
from .kv_cache import kv_cache_bytes, latent_kv_cache_bytes, max_concurrent_sequences
from .layouts import ParallelLayout, activation_bytes_per_layer, parallel_layout, tensor_parallel_bytes_per_layer
from .rack import cooling_cop_required, coolant_flow, rack_power
from .topology import FatTree, fat_tree, fat_tree_radix_for

__all__ = [
    "cluster_mtbf",
    "checkpoint_interval",
    "goodput",
    "activation_bytes_per_layer",
    "tensor_parallel_bytes_per_layer",
    "ParallelLayout",
    "parallel_layout",
    "tree_allreduce_time",
    "hierarchical_allreduce_time",
    "FatTree",
    "fat_tree",
    "fat_tree_radix_for",
    "kv_cache_bytes",
    "latent_kv_cache_bytes",
    "max_concurrent_sequences",
    "rack_power",
    "coolant_flow",
    "cooling_cop_required",
]
