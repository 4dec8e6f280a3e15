"""The hot kernels each chapter's issue budgets, one zero-argument function per kernel.

`bench/run.py` times each three times and keeps the best. Budgets: the one-turn map, 10⁶
particles x 1000 turns, under 10 s; GMP identification on the 23,040-sample DPA_200MHz training
split under 0.5 s; a Chinchilla fit on all Porian et al. runs of one configuration under 2 s.
"""

from __future__ import annotations

import numpy as np

from physics_lib import dpd, scaling, ssmb


def one_turn_map_1e6_particles_1000_turns():
    rng = np.random.default_rng(0)
    phase = rng.uniform(-np.pi, np.pi, 1_000_000)
    momentum = rng.normal(0.0, 0.1, 1_000_000)
    ssmb.track_one_turn_map(phase, momentum, kick=0.5, n_turns=1000, record_every=100)


def _gmp_training_split():
    x, y, _ = dpd.load_opendpd("DPA_200MHz", "train")
    return x, y


def gmp_identification_dpa200_train():
    dpd.fit_gmp(*_TRAIN)


def fit_chinchilla_porian_fully_corrected():
    runs = scaling.load_porian_runs("fully_corrected")
    scaling.fit_chinchilla(runs["n_params"], runs["tokens"], runs["loss"])


_TRAIN = _gmp_training_split()  # loading the CSV is not part of the identification kernel

KERNELS = {
    "ssmb.track_one_turn_map (1e6 particles x 1000 turns)": one_turn_map_1e6_particles_1000_turns,
    "dpd.fit_gmp (DPA_200MHz train split, 23,040 samples)": gmp_identification_dpa200_train,
    "scaling.fit_chinchilla (Porian fully corrected runs)": fit_chinchilla_porian_fully_corrected,
}
