"""Panels of the scaling-laws chapter survive every control at min, max and random values."""

from __future__ import annotations

import numpy as np
import pytest

from physics_lib.interactive.scaling_laws import (
    CONFIGURATION_LABELS,
    compute_optimal_panel,
    isoflop_panel,
    loss_valley_panel,
)


def _assert_clean(panel):
    markup = panel.view.value
    assert "<svg" in markup
    assert "nan" not in markup.lower()
    assert 'aria-label=""' not in markup.split("physics-layers", 1)[-1].split("</svg>", 1)[-1]


@pytest.fixture(scope="module")
def optimal():
    return compute_optimal_panel()


def test_compute_optimal_panel_extremes_and_random(optimal):
    panel = optimal
    slider = panel.controls["log10_compute"]
    rng = np.random.default_rng(0)
    for value in [slider.min, slider.max, *np.round(rng.uniform(slider.min, slider.max, 5), 2)]:
        slider.value = float(value)
        _assert_clean(panel)
        assert "FLOP" in panel.alt(**panel.values())


def test_compute_optimal_panel_readout_matches_library(optimal):
    """The readout quotes compute_optimal: 93 and 18 tokens per parameter at 5.76e23 FLOP."""
    alt = optimal.alt(log10_compute=np.log10(5.76e23))
    assert "(93 per parameter)" in alt and "(18 per parameter)" in alt


def test_isoflop_panel_every_configuration_and_window():
    panel = isoflop_panel()
    window = panel.controls["window"]
    rng = np.random.default_rng(1)
    for configuration in CONFIGURATION_LABELS:
        panel.controls["configuration"].value = configuration
        for value in (window.min, window.max, int(rng.integers(window.min, window.max + 1))):
            window.value = value
            _assert_clean(panel)
    assert "0.497" in panel.alt(configuration="fully_corrected", window=2)


def test_isoflop_panel_bad_configuration():
    with pytest.raises(ValueError, match="configuration"):
        isoflop_panel("chinchilla")


def test_explorable_frames(optimal):
    box = optimal.explorable("log10_compute", [19.0, 23.0, 27.0])
    slider, stack = box.children
    assert len(stack.children) == 3
    assert all("nan" not in frame.value.lower() for frame in stack.children)


def test_loss_valley_panel_extremes_and_random():
    panel = loss_valley_panel()
    rng = np.random.default_rng(2)
    compute, tolerance = panel.controls["log10_compute"], panel.controls["tolerance"]
    for c_value, t_value in [(compute.min, tolerance.min), (compute.max, tolerance.max),
                             (compute.min, tolerance.max), (compute.max, tolerance.min),
                             (round(float(rng.uniform(18, 27)), 2), round(float(rng.uniform(0.001, 0.1)), 3))]:
        compute.value, tolerance.value = c_value, t_value
        _assert_clean(panel)
    assert "20 tokens per parameter" in panel.alt(**panel.values())
