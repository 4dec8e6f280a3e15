"""Widget panels of the SSMB chapter survive every control's extremes and random values."""

from __future__ import annotations

import re

import numpy as np
import pytest

from physics_lib.interactive import ssmb as panels

FACTORIES = [
    panels.coherence_panel,
    panels.modulation_panel,
    panels.one_turn_map_panel,
    panels.undulator_panel,
]


def _svg_ok(panel):
    markup = re.sub(r"base64,[A-Za-z0-9+/=\s]+", "base64,", panel.view.value)  # embedded PNG bytes
    assert "<svg" in markup
    assert not re.search(r"\bnan\b", markup.lower()), "a NaN reached the figure"
    return markup


@pytest.fixture(scope="module", params=FACTORIES, ids=lambda f: f.__name__)
def panel(request):
    return request.param()


def test_controls_at_min_max_and_random(panel):
    rng = np.random.default_rng(0)
    for control in panel.controls.values():
        start = control.value
        for value in [control.min, control.max, *rng.uniform(control.min, control.max, 3)]:
            if hasattr(control, "base"):  # FloatLogSlider: min/max are exponents
                value = control.base ** float(np.clip(np.log(value) / np.log(control.base) if value > 0 else control.min, control.min, control.max))
                value = float(np.clip(value, control.base**control.min, control.base**control.max))
            control.value = float(value)
            _svg_ok(panel)
        control.value = start


def test_all_controls_at_corners(panel):
    names = list(panel.controls)
    lows = {name: panel.controls[name].min for name in names}
    highs = {name: panel.controls[name].max for name in names}
    for values in (lows, highs):
        for name, value in values.items():
            control = panel.controls[name]
            control.value = control.base**value if hasattr(control, "base") else value
        _svg_ok(panel)
        assert panel.alt(**panel.values())


def test_explorable_frames_differ():
    panel = panels.modulation_panel()
    box = panel.explorable("dispersion", [0.0, 0.3, 1.0])
    frames = box.children[1].children
    assert len(frames) == 3 and len({frame.value for frame in frames}) == 3
    for frame in frames:
        assert not re.search(r"\bnan\b", re.sub(r"base64,[A-Za-z0-9+/=\s]+", "", frame.value).lower())


def test_coherence_panel_signature_kept():
    panel = panels.coherence_panel(sigma_nm=2.0, wavelength_nm=13.5)
    assert set(panel.controls) == {"sigma_nm", "wavelength_nm"}


def test_readouts_report_library_numbers():
    panel = panels.undulator_panel(energy_MeV=400.0, k_value=1.0)
    assert "λu = 11.0 mm" in panel.view.value
    map_panel = panels.one_turn_map_panel(kick=0.5)
    assert "νs = 0.115" in map_panel.view.value
