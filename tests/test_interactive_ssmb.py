"""Widget panels of the SSMB chapter survive every control's extremes and random values."""

from __future__ import annotations

import re

from physics_lib.interactive import ssmb as panels
from conftest import frame_leaves

def test_modulation_frames_differ_and_hold_no_nan():
    """Frames over (A, B): the phase-space image and spectra change with both controls."""
    area = panels.modulation_panel().frames().children[-1]
    frames = [leaf.value for layer in area.children[1:] for leaf in frame_leaves(layer)]
    assert len(set(frames)) == 6 * 11  # one image and spectrum per state, all different
    for frame in frames:
        assert not re.search(r"\bnan\b", re.sub(r"base64,[A-Za-z0-9+/=\s]+", "", frame).lower())


def test_coherence_panel_signature_kept():
    panel = panels.coherence_panel(sigma_nm=2.0, wavelength_nm=13.5)
    assert set(panel.controls) == {"sigma_nm", "wavelength_nm"}


def test_readouts_report_library_numbers():
    panel = panels.undulator_panel(energy_MeV=400.0, k_value=1.0)
    assert "λu = 11.0 mm" in panel.view.value
    map_panel = panels.one_turn_map_panel(kick=0.5)
    assert "νs = 0.115" in map_panel.view.value


def test_power_uncertainty_panel_every_control_moves_the_curve():
    """Each control of the power explorable changes the plotted power; the readout matches the library."""
    from physics_lib import ssmb

    panel = panels.power_uncertainty_panel()
    assert set(panel.controls) == {"f_perp", "bunched_fraction", "on_resonance"}
    curve = panel.fig.axes[0].get_lines()[-1]
    base = curve.get_ydata().copy()
    for name, value in (("f_perp", 0.3), ("bunched_fraction", 0.5), ("on_resonance", True)):
        panel.update(**{**{"f_perp": 1.0, "bunched_fraction": 1.0, "on_resonance": False}, name: value})
        assert not (curve.get_ydata() == base).all(), f"{name} does not move the curve"
    panel.update(f_perp=1.0, bunched_fraction=1.0, on_resonance=False)
    reference = ssmb.ssmb_power_estimate(1.0, 400e6, 1064e-9, 13.5e-9, 3e-9, 0.011, 100)
    assert f"3 nm RMS: {reference.average_power:,.0f} W" in panel.fig.axes[0].texts[-1].get_text()
    panel.update(f_perp=0.27, bunched_fraction=0.5, on_resonance=False)
    assert "1 kW needs σz ≤ 1.91 nm" in panel.fig.axes[0].texts[-1].get_text()  # the chapter's figure
