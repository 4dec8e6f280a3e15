"""The compute-in-memory chapter's panels: readouts, alt text and how their frames are layered."""

from __future__ import annotations


import pytest

from conftest import frame_leaves, svg_text
from physics_lib.interactive.cim import (ADC_BITS, ARRAY_ROWS, BITS, FOMS_FJ, READ_NOISES, VARIATIONS, array_energy_panel,
                                         crossbar_accuracy, crossbar_accuracy_panel, digits_classifier, macros_panel)


def test_classifier_is_seeded_and_accurate_in_software():
    w, b, x, y, accuracy = digits_classifier()
    assert w.shape == (64, 10) and len(y) == 450
    assert accuracy == pytest.approx(0.969, abs=0.005)


def test_crossbar_accuracy_against_bits_and_variation():
    _, _, _, _, software = digits_classifier()
    assert crossbar_accuracy(None, 0.0, 0.0) == pytest.approx(software)  # ideal crossbar = software
    assert crossbar_accuracy(1, 0.0, 0.0) < 0.5  # two levels: most weights round to zero
    assert crossbar_accuracy(4, 0.0, 0.0) > software - 0.01
    assert crossbar_accuracy(4, 0.3, 0.02) < crossbar_accuracy(4, 0.05, 0.02)


def test_accuracy_panel_readout_and_frames():
    panel = crossbar_accuracy_panel(bits=4, variation=0.05, read_noise=0.02)
    text = svg_text(panel.view.value)
    assert "16 levels per device" in text and "450 test digits" in text
    area = panel.frames().children[-1]
    layers = area.children[1:]
    sizes = sorted(len(frame_leaves(layer)) for layer in layers)
    # curve: variation x noise; weight map: bits x variation; marker and readout: all three
    assert sizes[0] <= len(VARIATIONS) * len(READ_NOISES)
    assert sizes[-1] <= len(BITS) * len(VARIATIONS) * len(READ_NOISES)


def test_array_energy_panel_names_the_adc_share_and_the_largest_array():
    panel = array_energy_panel(adc_bits=8, rows=256, walden_fom_fj=20.0)
    text = svg_text(panel.view.value)
    assert "ADC 94%" in text and "too large" in text  # IR drop at 1 uS, 1 ohm allows 53 rows at 8 bits
    panel.controls["rows"].value = 32
    assert "computes correctly" in svg_text(panel.view.value)
    assert len(ADC_BITS) * len(ARRAY_ROWS) * len(FOMS_FJ) <= 300  # page weight budget


def test_macros_panel_highlights_each_family():
    panel = macros_panel()
    panel.controls["family"].value = "gpu"
    assert "H100" in svg_text(panel.view.value) and "PCM" not in panel.alt()
