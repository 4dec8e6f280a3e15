"""physics_lib: the tested physics behind *The Physics Behind AI Compute*.

One module per chapter topic, each pure numpy/scipy in SI units:

- :mod:`physics_lib.ssmb`: steady-state microbunching, undulators and coherent radiation.
- :mod:`physics_lib.interconnect`: package wiring and bump density, bandwidth, warpage.
- :mod:`physics_lib.dpd`: power-amplifier models, OFDM metrics, predistortion on measured data.
- :mod:`physics_lib.scaling`: scaling laws (:mod:`~physics_lib.scaling.laws`) and what a GPU
  cluster buys (:mod:`~physics_lib.scaling.cluster`).
- :mod:`physics_lib.cim`: energy of arithmetic against data movement, analog crossbars (Ohm,
  Kirchhoff, IR drop), device non-idealities and converters: compute-in-memory.

Figures and widget panels built on them live in :mod:`physics_lib.interactive`, which is the
only part that imports matplotlib or ipywidgets.
"""

__version__ = "0.1.0"
