"""physics_lib: the tested physics behind *The Physics Behind AI Compute*.

One module per chapter topic, each pure numpy/scipy in SI units:

- :mod:`physics_lib.ssmb`: steady-state microbunching and coherent radiation.

Figures and widget panels built on them live in :mod:`physics_lib.interactive`, which is the
only part that imports matplotlib or ipywidgets.
"""

__version__ = "0.1.0"
