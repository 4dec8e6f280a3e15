"""Panels of the chapter "Training and serving at scale": readouts name the numbers the prose quotes."""

from __future__ import annotations


import pytest

from physics_lib.interactive.at_scale import goodput_panel, parallel_layout_panel
from conftest import svg_text


@pytest.fixture(scope="module")
def panels():
    return {"goodput": goodput_panel(), "layout": parallel_layout_panel()}


def test_goodput_panel_reports_llama3_numbers(panels):
    panel = panels["goodput"]
    for name, value in dict(n_gpus=16384, checkpoint_s=60.0, restart_min=10.0).items():
        panel.controls[name].value = value
    text = svg_text(panel.view.value)
    assert "τ* = 19.3 min" in text and "84.2%" in text  # the chapter's Llama 3 figures
    panel.controls["n_gpus"].value = 131072
    assert "84.2%" not in svg_text(panel.view.value)


def test_layout_panel_megatron_fits_and_cross_server_tensor_parallelism_is_slow(panels):
    panel = panels["layout"]
    for name, value in dict(tensor=8, pipeline=16, recompute="full").items():
        panel.controls[name].value = value
    text = svg_text(panel.view.value)
    assert "26.7 GB per GPU (fits)" in text and "137 TFLOP/s" in text
    panel.controls["tensor"].value = 16
    panel.controls["pipeline"].value = 8
    assert "efficiency 43%" in svg_text(panel.view.value)
    panel.controls["tensor"].value = 1
    panel.controls["pipeline"].value = 1
    assert "does NOT fit" in svg_text(panel.view.value)
