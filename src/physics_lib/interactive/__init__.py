"""Figures and widget panels built on :mod:`physics_lib` (matplotlib + ipywidgets)."""
