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
    options = [value for _, value in slider.options]
    for value in [options[0], options[-1], *rng.choice(options, 5)]:
        slider.value = float(value)
        _assert_clean(panel)
        assert "FLOP" in panel.alt(**panel.values())


def test_compute_optimal_panel_readout_matches_library(optimal):
    """The readout quotes compute_optimal: 93 and 18 tokens per parameter at 5.76e23 FLOP."""
    alt = optimal.alt(log10_compute=23.76)
    assert "(93 per parameter)" in alt and "(18 per parameter)" in alt


def test_isoflop_panel_every_configuration_and_window():
    panel = isoflop_panel()
    window = panel.controls["window"]
    for configuration in CONFIGURATION_LABELS:
        panel.controls["configuration"].value = configuration
        for _, value in window.options:
            window.value = value
            _assert_clean(panel)
    assert "0.497" in panel.alt(configuration="fully_corrected", window=2)


def test_isoflop_panel_bad_configuration():
    with pytest.raises(ValueError, match="configuration"):
        isoflop_panel("chinchilla")


def test_frames_cover_every_budget(optimal):
    area = optimal.frames().children[-1]
    assert len(area.children[1].children) == len(optimal.controls["log10_compute"].options)
    assert all("nan" not in frame.value.lower() for frame in area.children[1].children)


def test_loss_valley_panel_extremes_and_random():
    panel = loss_valley_panel()
    rng = np.random.default_rng(2)
    compute, tolerance = panel.controls["log10_compute"], panel.controls["tolerance"]
    budgets, tolerances = [v for _, v in compute.options], [v for _, v in tolerance.options]
    for c_value, t_value in [(budgets[0], tolerances[0]), (budgets[-1], tolerances[-1]),
                             (budgets[0], tolerances[-1]), (budgets[-1], tolerances[0]),
                             (rng.choice(budgets), rng.choice(tolerances))]:
        compute.value, tolerance.value = float(c_value), float(t_value)
        _assert_clean(panel)
    assert "20 tokens per parameter" in panel.alt(**panel.values())


def test_inference_panel_reproduces_sardana_figure1_and_chinchilla():
    """At 2T inference tokens (10^12.3) and unrounded constants the optimum is a 7.1B model costing
    0.84 of the 13B model's lifetime compute (Sardana et al. 2024, Fig. 1: 7B, 17 % saved); with no
    inference it is the 13B model itself."""
    from physics_lib.interactive.scaling_laws import inference_panel

    panel = inference_panel()
    _assert_clean(panel)
    text = panel.alt(log10_inference_tokens=12.3, constants="Hoffmann (unrounded)")
    assert "7.12e+09 parameters" in text and "costs 0.84 times" in text
    assert "1.3e+10 parameters" in panel.alt(log10_inference_tokens=0.0, constants="Besiroglu refit")
    for value in (0.0, 15.0):
        for constants in ("Hoffmann (rounded)", "Besiroglu refit"):
            panel.controls["log10_inference_tokens"].value = value
            panel.controls["constants"].value = constants
            _assert_clean(panel)
