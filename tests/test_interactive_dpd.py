"""Widget panels of the DPD chapter: their frames and the physics their readouts report."""

from __future__ import annotations

import re

from physics_lib.interactive import dpd as panels
from conftest import frame_leaves

def test_drive_frames_switch_model_and_predistorter():
    """Every state of back-off × amplifier × predistorter has its own spectrum and alt text."""
    panel = panels.drive_panel()
    area = panel.frames().children[-1]
    labels = [re.search(r'aria-label="([^"]*)"', leaf.value).group(1)
              for layer in area.children[1:] for leaf in frame_leaves(layer) if "aria-label" in leaf.value]
    assert len(set(labels)) == 17 * 2 * 2
    assert any("amplifier = Saleh; predistorter (ILA) = on" in label for label in labels)


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


def test_cfr_frames_switch_clip_level_and_passes():
    """Every state of clip level × passes has its own alt text; both controls move the curves."""
    panel = panels.cfr_panel()
    area = panel.frames().children[-1]
    labels = [re.search(r'aria-label="([^"]*)"', leaf.value).group(1)
              for layer in area.children[1:] for leaf in frame_leaves(layer) if "aria-label" in leaf.value]
    assert len(set(labels)) == 7 * 4
    assert any("clip 4.0 dB, clipping only" in label for label in labels)
    spectra = {(c, p): tuple(panels.cfr_outcome(c, n)["spectrum"].round(12)) for c in (5.0, 8.0) for p, n in panels.CFR_PASSES.items()}
    assert len(set(spectra.values())) == len(spectra)


def test_cfr_outcome_physics():
    """Clipping alone leaks into the neighbours; filtering stops the leak; more passes, lower PAPR;
    the Doherty beats class B on every setting."""
    clipped, once, four = (panels.cfr_outcome(6.0, n) for n in (0, 1, 4))
    assert clipped["aclr"] > -45 and once["aclr"] < -100 and four["aclr"] < -100
    assert clipped["papr"] < four["papr"] < once["papr"]
    assert once["evm"] == __import__("pytest").approx(clipped["evm"], abs=1e-6)
    for out in (clipped, once, four):
        assert out["doherty"] > out["class_b"] + 0.2
