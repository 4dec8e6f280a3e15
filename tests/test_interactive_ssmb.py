"""Widget panels of the SSMB chapter survive every control's extremes and random values."""

from __future__ import annotations

import re

from physics_lib.interactive import ssmb as panels

def test_modulation_frames_differ_and_hold_no_nan():
    """Frames over (A, B): the phase-space image and spectra change with both controls."""
    area = panels.modulation_panel().frames().children[-1]
    frames = [leaf.value for layer in area.children[1:] for leaf in _leaves(layer)]
    assert len(set(frames)) == 6 * 11  # one image and spectrum per state, all different
    for frame in frames:
        assert not re.search(r"\bnan\b", re.sub(r"base64,[A-Za-z0-9+/=\s]+", "", frame).lower())


def _leaves(widget):
    return [widget] if not hasattr(widget, "children") else [leaf for child in widget.children for leaf in _leaves(child)]


def test_coherence_panel_signature_kept():
    panel = panels.coherence_panel(sigma_nm=2.0, wavelength_nm=13.5)
    assert set(panel.controls) == {"sigma_nm", "wavelength_nm"}


def test_readouts_report_library_numbers():
    panel = panels.undulator_panel(energy_MeV=400.0, k_value=1.0)
    assert "λu = 11.0 mm" in panel.view.value
    map_panel = panels.one_turn_map_panel(kick=0.5)
    assert "νs = 0.115" in map_panel.view.value
