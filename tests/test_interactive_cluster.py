"""The cluster chapter's panels: every control at min, max and random values; frames; update speed."""

from __future__ import annotations

import re

import ipywidgets as widgets
import numpy as np
import pytest

from physics_lib.interactive.cluster import CLUSTER_SIZES, communication_wall_panel, decode_roofline_panel

FACTORIES = [communication_wall_panel, decode_roofline_panel]


@pytest.fixture(scope="module")
def panels():
    """Each panel built once (building costs more than updating); tests set the controls they need."""
    return {factory.__name__: factory() for factory in FACTORIES}


def _values(control, rng):
    if isinstance(control, (widgets.SelectionSlider, widgets.Dropdown)):
        options = [option[1] if isinstance(option, tuple) else option for option in control.options]
        return [options[0], options[-1], options[rng.integers(len(options))]]
    if isinstance(control, widgets.FloatLogSlider):
        return [control.base**e for e in (control.min, control.max, rng.uniform(control.min, control.max))]
    return [control.min, control.max, rng.uniform(control.min, control.max)]


def _text(svg: str) -> str:
    return " ".join(re.findall(r">([^<>]+)<", svg)) + " " + " ".join(re.findall(r'aria-label="([^"]*)"', svg))


@pytest.mark.parametrize("factory", FACTORIES, ids=lambda f: f.__name__)
def test_every_control_survives_min_max_random(factory, panels):
    rng = np.random.default_rng(6)
    panel = panels[factory.__name__]
    for name, control in panel.controls.items():
        for value in _values(control, rng):
            control.value = value
            svg = panel.view.value
            assert "nan" not in svg.lower().replace("nanosecond", ""), f"{name}={value}"
            assert not re.search(r"\b(inf|NaN)\b", _text(svg)), f"{name}={value}"
    for corner in (0, 1):  # all controls at their minimum together, then at their maximum
        for control in panel.controls.values():
            control.value = _values(control, rng)[corner]
        assert "nan" not in panel.view.value.lower()


def test_communication_wall_readout_and_alt_text(panels):
    panel = panels["communication_wall_panel"]
    for name, value in dict(n_gpus=1024, bandwidth_gbps=400.0, latency_us=1.0, model_parallel=8).items():
        panel.controls[name].value = value
    text = _text(panel.view.value)
    assert "n = 1,024" in text and "days to train" in text
    panel.controls["n_gpus"].value = 32768
    assert "sequence per replica" in _text(panel.view.value)  # batch too small to split further


def test_explorable_has_one_distinct_frame_per_cluster_size(panels):
    panel = panels["communication_wall_panel"]
    sizes = CLUSTER_SIZES[::4]  # a subset keeps the test fast; the notebook uses all of them
    box = panel.explorable("n_gpus", sizes, description="GPUs in the cluster")
    slider, stack = box.children
    assert len(stack.children) == len(slider.options) == len(sizes)
    labels = {re.search(r'aria-label="([^"]*)"', frame.value).group(1) for frame in stack.children}
    assert len(labels) == len(sizes)  # every frame differs
    largest = max(len(frame.value) for frame in stack.children)
    assert largest * len(CLUSTER_SIZES) < 1_500_000  # page budget for the notebook's full sweep


def test_decode_panel_memory_bound_at_batch_one(panels):
    panel = panels["decode_roofline_panel"]
    for name, value in dict(batch=1.0, bandwidth_tbs=3.35, peak_tflops=989.0, model="dense 70B, BF16").items():
        panel.controls[name].value = value
    text = _text(panel.view.value)
    assert "memory-bound" in text and "23.9 tokens/s per sequence" in text  # 3.35e12 / 140e9
