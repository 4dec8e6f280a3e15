r"""Measured data: the OpenDPD amplifier records shipped in ``physics_lib/data/``.

Part of :mod:`physics_lib.dpd`, which re-exports every public name."""

from __future__ import annotations

import json
from functools import lru_cache

import numpy as np

from .._data import data_file, read_csv

__all__ = [
    "OPENDPD_DATASETS",
    "load_opendpd",
]


# ----------------------------------------------------------------------------------------------
# Measured data (OpenDPD)
# ----------------------------------------------------------------------------------------------

#: The measured amplifier records copied from OpenDPD into ``physics_lib/data/``, and the splits present.
OPENDPD_DATASETS = {"DPA_200MHz": ("train", "test"), "APA_200MHz": ("test",)}


@lru_cache(maxsize=8)
def _read_opendpd(name: str, split: str):
    folder = f"opendpd_{name}"
    signals = []
    for part in ("input", "output"):
        table = read_csv(data_file(folder, f"{split}_{part}.csv"), numeric=("I", "Q"))
        signals.append(table["I"] + 1j * table["Q"])
    spec = json.loads(data_file(folder, "spec.json").read_text())
    return signals[0], signals[1], spec


def load_opendpd(name: str, split: str = "test"):
    """Measured PA input ``x``, output ``y`` and OpenDPD's ``spec`` dict for one split.

    Parameters
    ----------
    name : str
        ``"DPA_200MHz"`` (40 nm CMOS digital PA, 800 MS/s, 10 x 20 MHz OFDM; train and test splits)
        or ``"APA_200MHz"`` (GaN Doherty PA, 983.04 MS/s, 200 MHz; test split only).
    split : str
        ``"train"`` or ``"test"``.

    Returns
    -------
    x, y : numpy.ndarray of complex
        Time-aligned input and output (normalised units).
    spec : dict
        OpenDPD's spec.json (``input_signal_fs``, ``bw_main_ch``, ``n_sub_ch``, ``nperseg``...).

    Raises
    ------
    ValueError
        For an unknown dataset or split.
    FileNotFoundError
        If the data files are missing.

    References
    ----------
    Y. Wu et al., OpenDPD, ISCAS 2024 (data under Apache-2.0, see ``physics_lib/data/opendpd_*/``).

    Examples
    --------
    >>> x, y, spec = load_opendpd("DPA_200MHz", "test")
    >>> x.size, spec["input_signal_fs"] / 1e6
    (7680, 800.0)
    """
    if name not in OPENDPD_DATASETS:
        raise ValueError(f"name must be one of {sorted(OPENDPD_DATASETS)}, got {name!r}")
    if split not in OPENDPD_DATASETS[name]:
        raise ValueError(f"split must be one of {OPENDPD_DATASETS[name]} for {name}, got {split!r}")
    x, y, spec = _read_opendpd(name, split)
    return x.copy(), y.copy(), dict(spec)
