"""Widget panels of the interconnect chapter: every control range, the readouts, and update speed."""

from __future__ import annotations


import pytest

from physics_lib import interconnect as ic
from physics_lib.interactive import interconnect as panels
from conftest import frame_leaves


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


def test_frames_follow_each_control():
    """Curves depend on bit rate and layers, the target line on the target alone."""
    area = panels.bandwidth_panel().frames().children[-1]
    texts = [" ".join(leaf.value for leaf in frame_leaves(layer)) for layer in area.children[1:]]
    assert len(texts) >= 3 and all("nan" not in text.lower() for text in texts)
    assert sorted(len(frame_leaves(layer)) for layer in area.children[1:])[0] == 5  # the target line


def test_solder_life_panel_every_control_moves_the_curve():
    """Each control of the solder-life explorable changes the plotted life; the readout matches the library."""
    import math

    from physics_lib import interconnect as ic
    from physics_lib.interactive import interconnect as panels

    panel = panels.solder_life_panel()
    assert set(panel.controls) == {"package_cte_ppm", "delta_t", "joint_height_mm"}
    curve = panel.fig.axes[0].get_lines()[-1]
    default = {"package_cte_ppm": 12.0, "delta_t": 100.0, "joint_height_mm": 0.4}
    panel.update(**default)
    base = curve.get_ydata().copy()
    for name, value in (("package_cte_ppm", 3.0), ("delta_t", 165.0), ("joint_height_mm", 0.2)):
        panel.update(**{**default, name: value})
        assert not (curve.get_ydata() == base).all(), f"{name} does not move the curve"
    panel.update(**default)
    strain = ic.solder_joint_shear_strain(50e-3 / math.sqrt(2), 5e-6, 100.0, 0.4e-3)
    expected = f"50 mm package: {ic.solder_fatigue_life(strain, 50.0, 2.0):,.0f} cycles"
    assert expected in panel.fig.axes[0].texts[-1].get_text()
