"""Widget panels of the DPD chapter: every control's range, the explorable, and update speed."""

from __future__ import annotations

import re

import numpy as np
import pytest

from physics_lib.interactive import dpd as panels

FACTORIES = {
    "am_curves": panels.am_curves_panel,
    "drive": panels.drive_panel,
    "efficiency": panels.efficiency_panel,
    "pa_model": panels.pa_model_panel,
    "dpd": panels.dpd_panel,
}


def _values(control, rng):
    if hasattr(control, "options"):
        options = [o[1] if isinstance(o, tuple) else o for o in control.options]
        return [options[0], options[-1], options[rng.integers(len(options))]]
    if isinstance(control.value, bool):
        return [True, False]
    low, high = control.min, control.max
    picks = [low, high, low + (high - low) * rng.random()]
    return [int(round(v)) if isinstance(control.value, int) else float(v) for v in picks]


def _visible_text(svg):
    return " ".join(re.findall(r">([^<>]+)<", svg)) + " " + " ".join(re.findall(r'aria-label="([^"]*)"', svg))


@pytest.mark.parametrize("name", FACTORIES)
def test_panel_survives_min_max_and_random_values(name):
    rng = np.random.default_rng(5)
    panel = FACTORIES[name]()
    for control_name, control in panel.controls.items():
        for value in _values(control, rng):
            control.value = value
            text = _visible_text(panel.view.value)
            assert "<svg" in panel.view.value
            assert not re.search(r"\b(nan|NaN|inf)\b", text), f"{name}.{control_name}={value!r}: {text[:200]}"


def test_drive_explorable_has_distinct_frames():
    panel = panels.drive_panel()
    box = panel.explorable("backoff_db", [2.0, 8.0, 14.0])
    labels = [re.search(r'aria-label="([^"]*)"', frame.value).group(1) for frame in box.children[1].children]
    assert len(set(labels)) == 3 and all("back-off" in label for label in labels)


def test_drive_outcome_physics():
    """More back-off means less leakage and less error; the predistorter helps at 10 dB."""
    loud, quiet = panels.drive_outcome(4.0), panels.drive_outcome(12.0)
    assert max(quiet["aclr"]) < max(loud["aclr"]) - 15 and quiet["evm"] < loud["evm"] - 15
    assert max(panels.drive_outcome(10.0, "Rapp", True)["aclr"]) < max(panels.drive_outcome(10.0)["aclr"]) - 15


def test_dpd_outcome_meets_the_apa_target():
    out = panels.dpd_outcome("APA_200MHz", 5, 8)
    assert max(out["aclr_with"]) <= -45 and max(out["opendpd_with"]) <= -45
    assert out["evm_with"] < out["evm_without"] - 20


def test_dpd_on_the_digital_pa_reaches_the_input_floor():
    """DPA_200MHz: the predistorter improves ACLR by more than 5 dB, to within 1 dB of the leakage
    of the input signal itself (about -41 dBc), which no predistorter can beat."""
    from physics_lib import dpd

    out = panels.dpd_outcome("DPA_200MHz", 5, 8)
    x, _, _, _, n_train = panels.identified_pa("DPA_200MHz")
    floor = dpd.aclr_db(x[n_train:], 800e6, 200e6, nperseg=2048)
    for side in (0, 1):
        assert out["aclr_with"][side] < out["aclr_without"][side] - 5
        assert out["aclr_with"][side] < floor[side] + 1.0
    assert out["evm_with"] < -40
