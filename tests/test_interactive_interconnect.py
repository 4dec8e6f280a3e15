"""Widget panels of the interconnect chapter: every control range, the readouts, and update speed."""

from __future__ import annotations

import re

import ipywidgets as widgets
import numpy as np
import pytest

from physics_lib import interconnect as ic
from physics_lib.interactive import interconnect as panels

FACTORIES = [panels.bandwidth_panel, panels.warpage_panel, panels.dies_panel]


def _values(control, rng):
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base**control.min, control.base**control.max,
                *(control.base ** rng.uniform(control.min, control.max, 2))]
    if isinstance(control, widgets.IntSlider):
        return [control.min, control.max, *rng.integers(control.min, control.max + 1, 2)]
    return [control.min, control.max, *rng.uniform(control.min, control.max, 2)]


def _text(svg):
    return " ".join(re.findall(r">([^<>]+)<", svg)) + " " + " ".join(re.findall(r'aria-label="([^"]*)"', svg))


@pytest.fixture(scope="module", params=FACTORIES, ids=lambda f: f.__name__)
def panel(request):
    return request.param()


def test_panel_survives_min_max_and_random_values(panel):
    rng = np.random.default_rng(4)
    settings = [{name: v} for name, c in panel.controls.items() for v in _values(c, rng)]
    settings.append({name: c.min if not isinstance(c, widgets.FloatLogSlider) else c.base**c.min
                     for name, c in panel.controls.items()})
    settings.append({name: c.max if not isinstance(c, widgets.FloatLogSlider) else c.base**c.max
                     for name, c in panel.controls.items()})
    for setting in settings:
        for name, value in setting.items():
            panel.controls[name].value = value
        text = _text(panel.view.value)
        assert not re.search(r"\b(nan|NaN|inf|Inf)\b", text), f"{panel.values()}: {text[:200]}"
        assert 'aria-label="' in panel.view.value


def test_bandwidth_readout_names_feasible_technologies():
    p = panels.bandwidth_panel(bit_rate_gbps=8.0, layers=2, target_tbps_per_mm=1.0)
    # 1 Tb/s/mm at 2 x 8 Gb/s needs p <= 16 µm: organic (20 µm pitch) fails, the others pass.
    assert ic.max_wire_pitch(1e15, 8e9, 2) == pytest.approx(16e-6)
    alt = p.alt(**p.values())
    assert "16 µm" in alt and "Organic" not in alt and "Glass core" in alt


def test_warpage_readout_matches_library():
    p = panels.warpage_panel(glass_cte_ppm=2.6, delta_t=100.0, limit_um=100.0)
    assert "unlimited" in p.alt(**p.values())  # glass matched to silicon: no bending


def test_dies_panel_counts_reticles():
    p = panels.dies_panel(side_mm=240.0, spacing_mm=0.0)
    assert "63 reticle-sized dies" in p.alt(**p.values())


def test_explorable_frames_differ():
    p = panels.bandwidth_panel()
    box = p.explorable("bit_rate_gbps", [2.0, 8.0, 32.0])
    frames = box.children[1].children
    assert len(frames) == 3 and len({f.value for f in frames}) == 3
